"""The four formula cards as HTML, from the session's numbers: pure functions tests call.

The model ŷ = w·x + b with the current SGD parameters, the loss and its value, the last
minibatch update written as old − η·g = new, and the analytical solution w* = (XᵀX)⁻¹Xᵀy
with XᵀX and Xᵀy as small matrices. Texts are translated when a card is built, so a card
built again after a language switch is in the new language.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QCoreApplication

from linreg_lab import core
from linreg_lab.core.formula import UpdateRow, model_form, update_rows
from linreg_lab.core.notation import LossKind, plain_names, subscript
from linreg_lab.gui.style import colors
from linreg_lab.gui.tabs.formula.pieces import (
    NOWRAP,
    SUP_I,
    column_html,
    factor,
    marker,
    matrix_html,
    signed,
    vector_html,
    weight_name,
)
from linreg_lab.gui.text.explanations import solution_reason_text
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.vocabulary import HALF_MSE, loss_name, measure_name

translate = QCoreApplication.translate  # the bare name pyside6-lupdate extracts

NOTE = 'style="font-size:small"'  # palette text colour: readable in light and dark


def model_html(w: np.ndarray, b: float, steps: int, epoch: int,
               names: tuple[str, ...] = (), label: str = "y") -> str:
    """The model in general form, then with the current SGD numbers substituted; for named
    data (a file's header, the Data menu) also what x and y stand for."""
    w = np.asarray(w, dtype=float)
    d = w.size
    form = model_form(d)
    if form == "scalar":
        general = "ŷ = <i>w</i>·<i>x</i> + <i>b</i>"
        numbers = f"ŷ = {fmt(w[0])}·<i>x</i>{signed(b)}"
    elif form == "sum":
        general = "ŷ = " + " + ".join(f"<i>w</i>{subscript(j + 1)}<i>x</i>{subscript(j + 1)}"
                                      for j in range(d)) + " + <i>b</i>"
        terms = [f"{fmt(w[0])}·<i>x</i>{subscript(1)}"]
        terms += [f"{signed(w[j])}·<i>x</i>{subscript(j + 1)}" for j in range(1, d)]
        numbers = "ŷ = " + "".join(terms) + signed(b)
    else:
        general = ("ŷ = <b>X</b><b>w</b> + <i>b</i>"
                   + translate("FormulaPanel", "  (one row per example: "
                               "ŷ{sup} = <b>w</b>ᵀ<b>x</b>{sup} + <i>b</i>)").format(sup=SUP_I))
        numbers = f"<b>w</b> = {vector_html(w)}ᵀ, <i>b</i>&nbsp;=&nbsp;{fmt(b)}"
    caption = translate("FormulaPanel", "with the current SGD parameters after {steps} steps "
                        "(epoch {epoch}):").format(steps=steps, epoch=epoch)
    affine = translate("FormulaPanel", "an <i>affine transformation</i> of the features: a "
                       "weighted sum (a linear transformation) plus the bias (a translation)")
    return (f"<p style='font-size:large'>{general}</p>"
            f"<p>{affine}</p>" + _names_html(names, label) +
            f"<p>{marker(colors.SGD)} {caption}</p>"
            f"<p style='font-size:large'>{numbers}</p>")


def _names_html(names: tuple[str, ...], label: str) -> str:
    """"where x₁ = area (m²), x₂ = age (years); ŷ predicts price (10⁴ ¥)", for named data."""
    d = len(names)
    if not d or (tuple(names) == tuple(plain_names("x", d)) and label == "y"):
        return ""
    xs = ", ".join(f"<i>x</i>{subscript(j + 1) if d > 1 else ''} = {html.escape(name)}"
                   for j, name in enumerate(names[:6]))
    text = translate("FormulaPanel", "where {xs}; ŷ predicts {label}").format(
        xs=xs + (", …" if d > 6 else ""), label=html.escape(label))
    return f"<p>{text}</p>"


def loss_formula_html(kind: str, delta: float) -> str:
    """The per-example loss the trainer minimises, as the chapter writes it."""
    r = f"ŷ{SUP_I} − <i>y</i>{SUP_I}"
    lhs = f"<i>l</i>{SUP_I}(<b>w</b>, <i>b</i>) = "
    if kind == LossKind.ABSOLUTE:
        return lhs + f"|{r}|"
    if kind == LossKind.HUBER:
        near = translate("FormulaPanel", "if |<i>r</i>| ≤ δ")
        far = translate("FormulaPanel", "otherwise")
        where = translate("FormulaPanel", "with <i>r</i> = {r}, δ = {delta}").format(
            r=r, delta=fmt(delta))
        cell = f'<td style="{NOWRAP}">'  # "otherwise" split as "otherwis / e" was misread
        cases = (f'{lhs}<table cellspacing="0"><tr><td rowspan="2" valign="middle">{{&nbsp;</td>'
                 f'{cell}½<i>r</i>²</td>{cell}&nbsp;&nbsp;{near}</td></tr>'
                 f'<tr>{cell}δ(|<i>r</i>| − ½δ)</td>{cell}&nbsp;&nbsp;{far}</td></tr></table>')
        return cases + where
    return lhs + f"½({r})²"


def loss_html(kind: str, delta: float, value: float, n: int,
              val_value: float | None) -> str:
    """Per-example loss, the mean over the training set and its current value."""
    mean = (f"<i>L</i>(<b>w</b>, <i>b</i>) = (1/<i>n</i>) Σ<sub><i>i</i>=1</sub>"
            f"<sup><i>n</i></sup> <i>l</i>{SUP_I}(<b>w</b>, <i>b</i>)")
    selected = translate("FormulaPanel", "Selected: {name}").format(name=loss_name(kind))
    parts = [f"<p>{selected}</p>",
             f"<div style='font-size:large'>{loss_formula_html(kind, delta)}</div>",
             f"<p style='font-size:large'>{mean}</p>"]
    now = translate("FormulaPanel", "now: <i>L</i> = {value} ({name}) over <i>n</i> = {n} "
                    "training examples").format(value=fmt(value), name=measure_name(kind), n=n)
    parts.append(f"<p>{marker(colors.SGD)} {now}</p>")
    if val_value is not None:
        val = translate("FormulaPanel", "validation loss: {value}").format(value=fmt(val_value))
        parts.append(f"<p>{marker(colors.VALIDATION)} {val}</p>")
    if kind != LossKind.SQUARED:
        note = translate("FormulaPanel", "The analytical solution w* minimises the squared "
                         "loss, not this one, so SGD settles elsewhere.")
        parts.append(f"<p {NOTE}>{note}</p>")
    return "".join(parts)


def gradient_formula_html(kind: str) -> str:
    """∂l⁽ⁱ⁾/∂w and ∂l⁽ⁱ⁾/∂b for the selected loss."""
    r = f"ŷ{SUP_I} − <i>y</i>{SUP_I}"
    psi = {LossKind.ABSOLUTE: f"sign({r})", LossKind.HUBER: f"clip({r}, −δ, δ)"}.get(
        LossKind(kind), f"({r})")
    return (f"∂<sub><b>w</b></sub><i>l</i>{SUP_I} = <b>x</b>{SUP_I}·{psi}, "
            f"&nbsp; ∂<sub><i>b</i></sub><i>l</i>{SUP_I} = {psi}")


def _update_row_html(row: UpdateRow | None, lr: float, d: int) -> str:
    if row is None:
        return "<tr><td>⋮</td></tr>"
    name = "<i>b</i>" if row.index is None else weight_name(row.index, d)
    cells = [f"{name} ←", fmt(row.before), "−", fmt(lr), "·", factor(row.grad), "=",
             f"<b>{fmt(row.after)}</b>"]
    align = ["left", "right", "center", "right", "center", "right", "center", "right"]
    return "<tr>" + "".join(f'<td align="{a}" style="padding: 0 3px; {NOWRAP}">{c}</td>'
                            for a, c in zip(align, cells, strict=True)) + "</tr>"


def update_html(record: core.StepRecord | None, batch_size: int) -> str:
    """The last minibatch update with its real numbers: |B|, η, the averaged gradient.

    batch_size is the one set now (at most n), which the next step will use.
    """
    general = (f"<b>w</b> ← <b>w</b> − (η/|<i>B</i>|) Σ<sub><i>i</i>∈<i>B</i></sub> "
               f"∂<sub><b>w</b></sub><i>l</i>{SUP_I}(<b>w</b>, <i>b</i>)<br>"
               f"<i>b</i> ← <i>b</i> − (η/|<i>B</i>|) Σ<sub><i>i</i>∈<i>B</i></sub> "
               f"∂<sub><i>b</i></sub><i>l</i>{SUP_I}(<b>w</b>, <i>b</i>)")
    head = f"<p style='font-size:large'>{general}</p>"
    if record is None:
        text = translate("FormulaPanel", "No step taken yet: press Step to see an update "
                         "with its numbers.")
        return head + f"<p>{text}</p>"
    size = len(record.batch)
    where = f"<p>{gradient_formula_html(record.loss_name)}</p>"
    numbers = translate("FormulaPanel", "last step: |<i>B</i>| = {size}, η = {lr}, "
                        "minibatch loss = {loss}").format(size=size, lr=fmt(record.lr),
                                                          loss=fmt(record.batch_loss))
    if size < record.batch_size:  # the batch size the step was taken with, not today's
        numbers += " " + translate("FormulaPanel", "(the last batch of an epoch is shorter)")
    if batch_size != record.batch_size:
        numbers += " " + translate("FormulaPanel", "(batch size {size} from the next step)"
                                   ).format(size=batch_size)
    rule = translate("FormulaPanel", "with the averaged gradient <i>g</i> = (1/|<i>B</i>|) "
                     "Σ<sub><i>i</i>∈<i>B</i></sub> ∂<i>l</i>{sup}: old − η·<i>g</i> = "
                     "new").format(sup=SUP_I)
    d = len(record.w_before)
    step_lr = record.step_lr or record.lr
    rows = "".join(_update_row_html(r, step_lr, d) for r in update_rows(record))
    return (head + where + f"<p>{marker(colors.BATCH)} {numbers}</p><p>{rule}</p>"
            + _update_rule_note(record, step_lr) + f'<table cellspacing="0">{rows}</table>')


def _update_rule_note(record: core.StepRecord, step_lr: float) -> str:
    """For d2l's sgd and the plain sum: what multiplies g instead of η, and why."""
    size = len(record.batch)
    if record.update == "d2l":
        text = translate("FormulaPanel", "d2l's sgd sums the losses and divides by batch_size "
                         "= {setting}, not by |<i>B</i>| = {size}: the step is "
                         "η·|<i>B</i>|/batch_size·<i>g</i> = {step}·<i>g</i>.")
    elif record.update == "sum":
        text = translate("FormulaPanel", "The summed loss, not divided: the step is "
                         "η·|<i>B</i>|·<i>g</i> = {step}·<i>g</i>, a learning rate |<i>B</i>| "
                         "= {size} times larger.")
    else:
        return ""
    return "<p><b>" + text.format(setting=record.setting, size=size, step=fmt(step_lr)) + \
        "</b></p>"


def analytical_html(pieces: tuple[np.ndarray, np.ndarray] | None,
                    solution: core.LstsqSolution, train_loss: float, n: int) -> str:
    """w* = (XᵀX)⁻¹Xᵀy with the pieces, the answer, why it may not be unique, and how it is
    really computed."""
    formula = "<b>w</b>* = (<b>X</b>ᵀ<b>X</b>)⁻¹<b>X</b>ᵀ<b>y</b>"
    design = translate("FormulaPanel", "<b>X</b> = [features, 1]: the {n} training examples, "
                       "with a column of ones for <i>b</i>.").format(n=n)
    parts = [f"<p style='font-size:large'>{formula}</p>", f"<p>{design}</p>"]
    if pieces is not None:
        xtx, xty = pieces
        parts.append(
            '<table cellspacing="0"><tr>'
            f'<td valign="middle" style="{NOWRAP}"><b>X</b>ᵀ<b>X</b> = </td>'
            f'<td valign="middle">{matrix_html(xtx)}</td>'
            f'<td valign="middle" style="{NOWRAP}">&nbsp;&nbsp;&nbsp;<b>X</b>ᵀ<b>y</b> = </td>'
            f'<td valign="middle">{column_html(xty)}</td></tr></table>')
    elif n:
        size = solution.n_params
        parts.append("<p>" + translate(
            "FormulaPanel", "Here <b>X</b>ᵀ<b>X</b> is {p}×{p}; its entries are written out for "
            "up to 3 features.").format(p=size) + "</p>")
    d = solution.w.size
    if n:
        names = "<i>w</i>*" if d == 1 else "<b>w</b>*"
        answer = translate("FormulaPanel", "{w} = {wv}, <i>b</i>* = {bv}; {measure} there: "
                           "{loss}").format(w=names, wv=vector_html(solution.w),
                                            bv=fmt(solution.b), measure=measure_name(HALF_MSE),
                                            loss=fmt(train_loss))
        parts.append(f"<p style='font-size:large'>{marker(colors.ANALYTICAL)} {answer}</p>")
    reason = solution_reason_text(solution)
    if reason:
        if n:
            rank = translate("FormulaPanel", "Not unique: rank of <b>X</b> is {rank} but there "
                             "are {p} parameters.").format(rank=solution.rank,
                                                           p=solution.n_params)
            parts.append(f"<p><b>{rank}</b></p>")
        parts.append(f"<p>{reason}</p>")
    note = translate("FormulaPanel", "The app does not invert <b>X</b>ᵀ<b>X</b>: that squares "
                     "the condition number and can lose half the digits. It solves the same "
                     "least-squares problem by a QR decomposition of <b>X</b>, which is "
                     "numerically safe.")
    parts.append(f"<p {NOTE}>{note}</p>")
    return "".join(parts)

