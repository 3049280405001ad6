"""The Formula tab's conditioning card: the landscape's curvature, κ and the η limit together.

Why plain SGD crawls on features around 100 and why standardising helps, with this data's
numbers (core.conditioning). Built as HTML by a pure function, like the other cards.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.conditioning import Curvature
from linreg_lab.gui.tabs.formula.pieces import vector_html
from linreg_lab.gui.text.format import fmt

translate = QCoreApplication.translate  # the bare name pyside6-lupdate extracts

NOTE = 'style="font-size:small"'


def _number(value: float) -> str:
    return "∞" if math.isinf(value) else fmt(value)


def conditioning_html(curv: Curvature | None, lr: float, standardized: bool) -> str:
    """H's eigenvalues and axes, κ, the elongation of the contours, 2/λmax and the best η,
    the steps a digit costs, and the centred condition number the solver meets."""
    if curv is None:
        return "<p>" + translate("FormulaPanel", "No training examples: no curvature.") + "</p>"
    lam = curv.eigenvalues
    head = translate("FormulaPanel", "Hessian of the squared loss: <b>H</b> = E[(x, 1)(x, 1)ᵀ]"
                     "{note}").format(note=translate("FormulaPanel", " of the standardised "
                                                     "features") if standardized else "")
    parts = [f"<p>{head}</p>",
             "<p>λ = " + vector_html(lam) + "</p>",
             "<p>" + translate("FormulaPanel", "κ = λmax/λmin = <b>{k}</b>: the contours are "
                               "{e} times longer than wide.").format(
                 k=_number(curv.condition), e=_number(curv.elongation)) + "</p>",
             "<p>" + translate("FormulaPanel", "Longest axis (the flattest direction, dashed "
                               "on the loss landscape) in (w, b): {v}").format(
                 v=vector_html(curv.axes[:, 0])) + "</p>",
             "<p>" + translate("FormulaPanel", "η must stay below 2/λmax = <b>{limit}</b> "
                               "(now η = {lr}); the best constant η = 2/(λmax + λmin) = {best} "
                               "still needs about {steps} full-batch steps per digit of "
                               "accuracy.").format(limit=fmt(curv.stability_limit),
                                                   lr=fmt(lr), best=fmt(curv.best_lr),
                                                   steps=_number(curv.steps_per_digit()))
             + "</p>"]
    advice = (translate("FormulaPanel", "Standardised features make <b>H</b> the identity: "
                        "κ = 1, a round bowl, limit 2.") if standardized else
              translate("FormulaPanel", "Features far from 0 (around 100, say) make κ huge: "
                        "b and w pull in nearly the same direction. Tick “standardise "
                        "features” to make the bowl round."))
    parts.append(f"<p>{advice}</p>")
    solver = translate("FormulaPanel", "The analytical solution solves the centred problem "
                       "(x − x̄), whose condition number is {k}: where the features sit does "
                       "not matter to it.").format(k=_number(curv.centred_condition))
    parts.append(f"<p {NOTE}>{solver}</p>")
    return "".join(parts)
