"""The softmax regression formula cards as HTML (d2l 3.4–3.6), with the last update's numbers.

One example of the last minibatch is followed through: its features x, the logits
o = xW + b, ŷ = softmax(o), its one-hot label y and its loss −log ŷ_y, the gradient ŷ − y of
the loss with respect to o; then the minibatch update of W and b with η and |B|. Pure
functions of a SoftmaxUpdate (core.softmax_trainer), in the current language.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QCoreApplication

from linreg_lab.core.formula import shown_indices
from linreg_lab.core.softmax_trainer import SoftmaxUpdate
from linreg_lab.gui.style import colors
from linreg_lab.gui.tabs.formula.pieces import NOWRAP, factor, marker, vector_html
from linreg_lab.gui.text.format import fmt

translate = QCoreApplication.translate  # the bare name pyside6-lupdate extracts

NOTE = 'style="font-size:small"'
LARGE = "style='font-size:large'"
MAX_UPDATE_ROWS = 6  # entries of W written out; beyond, the ones that moved most


def no_step_html() -> str:
    return "<p>" + translate("SoftmaxFormula", "No step taken yet: press Step to see an "
                             "update with its numbers.") + "</p>"


def model_html(update: SoftmaxUpdate | None, x: np.ndarray | None, row: int,
               class_names: tuple[str, ...] = ()) -> str:
    """o = xW + b and ŷ = softmax(o), then with one example's numbers."""
    general = (f"<p {LARGE}><b>o</b> = <b>x</b><b>W</b> + <b>b</b>, &nbsp; "
               f"ŷ = softmax(<b>o</b>)</p>"
               f"<p {LARGE}>ŷ<sub><i>j</i></sub> = exp(<i>o</i><sub><i>j</i></sub>) / "
               f"Σ<sub><i>k</i></sub> exp(<i>o</i><sub><i>k</i></sub>)</p>")
    dense = translate("SoftmaxFormula", "a fully-connected layer: every output "
                      "<i>o</i><sub><i>j</i></sub> depends on every input")
    if update is None or x is None:
        return general + f"<p>{dense}</p>" + no_step_html()
    example = translate("SoftmaxFormula", "example {row} of the last minibatch (|<i>B</i>| = "
                        "{size}), at the parameters before the step:").format(
        row=row + 1, size=len(update.batch))
    o, p = update.logits[row], update.probabilities[row]
    return (general + f"<p>{dense}</p><p>{marker(colors.BATCH)} {example}</p>"
            f"<p><b>x</b> = {vector_html(x)}</p>"
            f"<p><b>o</b> = {vector_html(o)}</p>"
            f"<p>ŷ = softmax(<b>o</b>) = {vector_html(p)}</p>"
            + _prediction_html(p, update.one_hot[row], class_names))


def _prediction_html(p: np.ndarray, y: np.ndarray, class_names: tuple[str, ...]) -> str:
    """argmax ŷ, named, and whether it is the example's class (d2l 3.4: accuracy counts it)."""
    top, own = int(np.argmax(p)), int(np.argmax(y))
    name = html.escape(class_names[top]) if top < len(class_names) else str(top + 1)
    verdict = (translate("SoftmaxFormula", "correct") if top == own
               else translate("SoftmaxFormula", "wrong"))
    return "<p>" + translate("SoftmaxFormula", "predicted class (the largest ŷ<sub><i>j</i>"
                             "</sub>): {name}, {verdict}").format(name=name,
                                                                 verdict=verdict) + "</p>"


def loss_html(update: SoftmaxUpdate | None, row: int, class_names: tuple[str, ...]) -> str:
    """The one-hot label, the cross-entropy −log ŷ_y of the example and of the minibatch."""
    general = (f"<p {LARGE}><i>l</i>(<b>y</b>, ŷ) = −Σ<sub><i>j</i></sub> "
               f"<i>y</i><sub><i>j</i></sub> log ŷ<sub><i>j</i></sub> = −log ŷ<sub><i>y</i></sub>"
               "</p>")
    name = translate("SoftmaxFormula", "cross-entropy loss; <b>y</b> is the one-hot "
                     "encoding of the class")
    if update is None:
        return general + f"<p>{name}</p>"
    y = update.one_hot[row]
    c = int(np.argmax(y))
    p = float(update.probabilities[row, c])
    label = translate("SoftmaxFormula", "class {name} (output {j}) → <b>y</b> = {y}").format(
        name=html.escape(class_names[c]) if c < len(class_names) else c, j=c + 1,
        y=vector_html(y))
    loss = float(-np.log(p)) if p > 0 else float("inf")
    own = f"<i>l</i> = −log ŷ<sub>{c + 1}</sub> = −log {fmt(p)} = <b>{fmt(loss)}</b>"
    batch = translate("SoftmaxFormula", "minibatch loss (the mean over |<i>B</i>| = {size}): "
                      "{loss}").format(size=len(update.batch), loss=fmt(update.batch_loss))
    return (general + f"<p>{name}</p><p>{label}</p><p {LARGE}>{own}</p>"
            f"<p>{marker(colors.BATCH)} {batch}</p>")


def gradient_html(update: SoftmaxUpdate | None, row: int) -> str:
    """∂l/∂o = ŷ − y for the example, and the minibatch gradients of W and b."""
    general = (f"<p {LARGE}>∂<i>l</i>/∂<i>o</i><sub><i>j</i></sub> = ŷ<sub><i>j</i></sub> − "
               f"<i>y</i><sub><i>j</i></sub></p>"
               f"<p style='{NOWRAP}'>∂<i>L</i>/∂<b>W</b> = (1/|<i>B</i>|) "
               f"<b>X</b><sub><i>B</i></sub>ᵀ(<b>Ŷ</b> − <b>Y</b>)</p>"
               f"<p style='{NOWRAP}'>∂<i>L</i>/∂<b>b</b> = (1/|<i>B</i>|) "
               f"Σ<sub><i>i</i>∈<i>B</i></sub> (ŷ⁽ⁱ⁾ − <b>y</b>⁽ⁱ⁾)</p>")
    why = translate("SoftmaxFormula", "the difference between the predicted probabilities "
                    "and the one-hot label: each |ŷ<sub><i>j</i></sub> − "
                    "<i>y</i><sub><i>j</i></sub>| ≤ 1")
    if update is None:
        return general + f"<p>{why}</p>"
    diff = update.probabilities[row] - update.one_hot[row]
    return (general + f"<p>{why}</p>"
            f"<p {LARGE}>ŷ − <b>y</b> = {vector_html(diff)}</p>"
            f"<p>∂<i>L</i>/∂<b>b</b> = {vector_html(update.grad_b)}</p>")


def update_entries(update: SoftmaxUpdate) -> list[tuple[int, int]]:
    """(input, class) entries of W to write out: all of them when few, else the ones with
    the largest gradient (those the step moved most), in reading order."""
    d, k = update.grad_W.shape
    if d * k <= MAX_UPDATE_ROWS:
        return [(i, j) for i in range(d) for j in range(k)]
    largest = np.argsort(-np.abs(update.grad_W), axis=None, kind="stable")[:MAX_UPDATE_ROWS]
    return sorted((int(f) // k, int(f) % k) for f in largest)


def _row(name: str, before: float, lr: float, grad: float, after: float) -> str:
    cells = [f"{name} ←", fmt(before), "−", fmt(lr), "·", factor(grad), "=",
             f"<b>{fmt(after)}</b>"]
    align = ["left", "right", "center", "right", "center", "right", "center", "right"]
    return "<tr>" + "".join(f'<td align="{a}" style="padding: 0 3px; {NOWRAP}">{c}</td>'
                            for a, c in zip(align, cells, strict=True)) + "</tr>"


def update_html(update: SoftmaxUpdate | None) -> str:
    """W ← W − η ∂L/∂W and b ← b − η ∂L/∂b, entry by entry with the real numbers."""
    general = (f"<p {LARGE}><b>W</b> ← <b>W</b> − η ∂<i>L</i>/∂<b>W</b>, &nbsp; "
               f"<b>b</b> ← <b>b</b> − η ∂<i>L</i>/∂<b>b</b></p>")
    if update is None:
        return general + no_step_html()
    d, k = update.grad_W.shape
    numbers = translate("SoftmaxFormula", "last step: |<i>B</i>| = {size}, η = {lr}").format(
        size=len(update.batch), lr=fmt(update.lr))
    entries = update_entries(update)
    rows = [_row(f"<i>w</i><sub>{i + 1},{j + 1}</sub>", update.W_before[i, j],
                 update.lr, update.grad_W[i, j], update.W_after[i, j]) for i, j in entries]
    shown = shown_indices(k, MAX_UPDATE_ROWS)
    rows += ["<tr><td>⋮</td></tr>" if j is None else
             _row(f"<i>b</i><sub>{j + 1}</sub>", update.b_before[j], update.lr,
                  update.grad_b[j], update.b_after[j]) for j in shown]
    parts = [general, f"<p>{marker(colors.BATCH)} {numbers}</p>"]
    if len(entries) < d * k:
        parts.append(f"<p {NOTE}>" + translate(
            "SoftmaxFormula", "{shown} of the {total} weights: those with the largest "
                              "gradient, which this step moved most").format(
            shown=len(entries), total=d * k) + "</p>")
    parts.append(f'<table cellspacing="0">{"".join(rows)}</table>')
    return "".join(parts)
