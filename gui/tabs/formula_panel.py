"""The chapter's formulas with the learner's live numbers in them.

Four cards: the model ŷ = w·x + b with the current SGD parameters, the loss and its value, the
last minibatch update written as old − η·g = new, and the analytical solution
w* = (XᵀX)⁻¹Xᵀy with XᵀX and Xᵀy as small matrices. The HTML comes from module-level pure
functions (tests call them); the widget only decides when to rebuild which card. Training
ticks arrive up to 60 times a second, so the training cards are rebuilt at most about ten times
a second (leading and trailing edge: a single Step shows at once, the final state always
shows), and not at all while the panel is hidden.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linreg_lab import core
from linreg_lab.core.formula import (
    UpdateRow,
    model_form,
    normal_equation_view,
    shown_indices,
    update_rows,
)
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.explanations import rank_reason_text
from linreg_lab.gui.text.format import fmt

translate = QCoreApplication.translate  # the bare name pyside6-lupdate extracts

REFRESH_INTERVAL_MS = 100  # at most ~10 rebuilds of the training cards per second
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_NOTE = 'style="font-size:small"'  # palette text colour: readable in light and dark
_NOWRAP = "white-space: nowrap"  # a number or a label split over two lines is misread
SUP_I = "<sup>(<i>i</i>)</sup>"


# ----------------------------------------------------------------------------- small pieces


def sub(n: int) -> str:
    return str(n).translate(_SUBSCRIPTS)


def marker(color: str) -> str:
    """A coloured square tying numbers to the plots' colour (never colour alone)."""
    return f'<span style="color:{color}">■</span>'


def signed(value: float) -> str:
    """' + 1.2' or ' − 1.2', to continue a sum without '+ −1.2'; breaks only before the sign."""
    v = float(value)
    return f" −&nbsp;{fmt(-v)}" if v < 0 else f" +&nbsp;{fmt(v)}"


def factor(value: float) -> str:
    """A number to multiply by: negative ones in parentheses."""
    text = fmt(value)
    return f"({text})" if float(value) < 0 else text


def weight_name(j: int, d: int, star: str = "") -> str:
    return f"<i>w</i>{star}" if d == 1 else f"<i>w</i>{star}{sub(j + 1)}"


def vector_html(values: np.ndarray, limit: int = 6) -> str:
    """[a, b, …, z] for long vectors; a bare number for length one."""
    values = np.asarray(values, dtype=float)
    if values.size == 1:
        return fmt(values[0])
    parts = ["…" if j is None else fmt(values[j]) for j in shown_indices(values.size, limit)]
    return "[" + ", ".join(parts) + "]"


def matrix_html(M: np.ndarray) -> str:
    """A matrix (or a vector as a column) as a small HTML table between square brackets."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows = M.shape[0]
    if rows == 1:
        left, right = ["["], ["]"]
    else:
        left = ["⎡", *["⎢"] * (rows - 2), "⎣"]
        right = ["⎤", *["⎥"] * (rows - 2), "⎦"]
    body = []
    for i in range(rows):
        cells = "".join(f'<td align="right" style="padding: 0 5px; {_NOWRAP}">{fmt(v)}</td>'
                        for v in M[i])
        body.append(f"<tr><td>{left[i]}</td>{cells}<td>{right[i]}</td></tr>")
    return f'<table cellspacing="0" cellpadding="0">{"".join(body)}</table>'


def column_html(v: np.ndarray) -> str:
    return matrix_html(np.asarray(v, dtype=float).reshape(-1, 1))


# ----------------------------------------------------------------------------- the cards


def model_html(w: np.ndarray, b: float, steps: int, epoch: int) -> str:
    """The model in general form, then with the current SGD numbers substituted."""
    w = np.asarray(w, dtype=float)
    d = w.size
    form = model_form(d)
    if form == "scalar":
        general = "ŷ = <i>w</i>·<i>x</i> + <i>b</i>"
        numbers = f"ŷ = {fmt(w[0])}·<i>x</i>{signed(b)}"
    elif form == "sum":
        general = "ŷ = " + " + ".join(f"<i>w</i>{sub(j + 1)}<i>x</i>{sub(j + 1)}"
                                      for j in range(d)) + " + <i>b</i>"
        terms = [f"{fmt(w[0])}·<i>x</i>{sub(1)}"]
        terms += [f"{signed(w[j])}·<i>x</i>{sub(j + 1)}" for j in range(1, d)]
        numbers = "ŷ = " + "".join(terms) + signed(b)
    else:
        general = ("ŷ = <b>X</b><b>w</b> + <i>b</i>"
                   + translate("FormulaPanel", "  (one row per example: "
                               "ŷ{sup} = <b>w</b>ᵀ<b>x</b>{sup} + <i>b</i>)").format(sup=SUP_I))
        numbers = f"<b>w</b> = {vector_html(w)}ᵀ, <i>b</i>&nbsp;=&nbsp;{fmt(b)}"
    caption = translate("FormulaPanel", "with the current SGD parameters after {steps} steps "
                        "(epoch {epoch}):").format(steps=steps, epoch=epoch)
    return (f"<p style='font-size:large'>{general}</p>"
            f"<p>{marker(colors.SGD)} {caption}</p>"
            f"<p style='font-size:large'>{numbers}</p>")


def loss_formula_html(loss_name: str, delta: float) -> str:
    """The per-example loss the trainer minimises, as the chapter writes it."""
    r = f"ŷ{SUP_I} − <i>y</i>{SUP_I}"
    lhs = f"<i>l</i>{SUP_I}(<b>w</b>, <i>b</i>) = "
    if loss_name == "absolute":
        return lhs + f"|{r}|"
    if loss_name == "huber":
        near = translate("FormulaPanel", "if |<i>r</i>| ≤ δ")
        far = translate("FormulaPanel", "otherwise")
        where = translate("FormulaPanel", "with <i>r</i> = {r}, δ = {delta}").format(
            r=r, delta=fmt(delta))
        cases = ('<table cellspacing="0"><tr><td rowspan="2" valign="middle">'
                 f'{lhs}{{&nbsp;</td><td>½<i>r</i>²</td><td>&nbsp;&nbsp;{near}</td></tr>'
                 f'<tr><td>δ(|<i>r</i>| − ½δ)</td><td>&nbsp;&nbsp;{far}</td></tr></table>')
        return cases + where
    return lhs + f"½({r})²"


def loss_name_text(loss_name: str) -> str:
    names = {
        "squared": translate("FormulaPanel", "squared loss"),
        "absolute": translate("FormulaPanel", "absolute loss"),
        "huber": translate("FormulaPanel", "Huber loss"),
    }
    return names.get(loss_name, loss_name)


def loss_html(loss_name: str, delta: float, value: float, n: int,
              val_value: float | None) -> str:
    """Per-example loss, the mean over the training set and its current value."""
    mean = (f"<i>L</i>(<b>w</b>, <i>b</i>) = (1/<i>n</i>) Σ<sub><i>i</i>=1</sub>"
            f"<sup><i>n</i></sup> <i>l</i>{SUP_I}(<b>w</b>, <i>b</i>)")
    selected = translate("FormulaPanel", "Selected: {name}").format(name=loss_name_text(loss_name))
    parts = [f"<p>{selected}</p>",
             f"<div style='font-size:large'>{loss_formula_html(loss_name, delta)}</div>",
             f"<p style='font-size:large'>{mean}</p>"]
    now = translate("FormulaPanel", "now: <i>L</i> = {value} over <i>n</i> = {n} training "
                    "examples").format(value=fmt(value), n=n)
    parts.append(f"<p>{marker(colors.SGD)} {now}</p>")
    if val_value is not None:
        val = translate("FormulaPanel", "validation loss: {value}").format(value=fmt(val_value))
        parts.append(f"<p>{marker(colors.VALIDATION)} {val}</p>")
    if loss_name != "squared":
        note = translate("FormulaPanel", "The analytical solution w* minimises the squared "
                         "loss, not this one, so SGD settles elsewhere.")
        parts.append(f"<p {_NOTE}>{note}</p>")
    return "".join(parts)


def gradient_formula_html(loss_name: str) -> str:
    """∂l⁽ⁱ⁾/∂w and ∂l⁽ⁱ⁾/∂b for the selected loss."""
    r = f"ŷ{SUP_I} − <i>y</i>{SUP_I}"
    psi = {"absolute": f"sign({r})", "huber": f"clip({r}, −δ, δ)"}.get(loss_name, f"({r})")
    return (f"∂<sub><b>w</b></sub><i>l</i>{SUP_I} = <b>x</b>{SUP_I}·{psi}, "
            f"&nbsp; ∂<sub><i>b</i></sub><i>l</i>{SUP_I} = {psi}")


def _update_row_html(row: UpdateRow | None, lr: float, d: int) -> str:
    if row is None:
        return "<tr><td>⋮</td></tr>"
    name = "<i>b</i>" if row.index is None else weight_name(row.index, d)
    cells = [f"{name} ←", fmt(row.before), "−", fmt(lr), "·", factor(row.grad), "=",
             f"<b>{fmt(row.after)}</b>"]
    align = ["left", "right", "center", "right", "center", "right", "center", "right"]
    return "<tr>" + "".join(f'<td align="{a}" style="padding: 0 3px; {_NOWRAP}">{c}</td>'
                            for a, c in zip(align, cells, strict=True)) + "</tr>"


def update_html(record: core.StepRecord | None, batch_size: int) -> str:
    """The last minibatch update with its real numbers: |B|, η, the averaged gradient."""
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
    if size < batch_size:
        numbers += " " + translate("FormulaPanel", "(the last batch of an epoch is shorter)")
    rule = translate("FormulaPanel", "with the averaged gradient <i>g</i> = (1/|<i>B</i>|) "
                     "Σ<sub><i>i</i>∈<i>B</i></sub> ∂<i>l</i>{sup}: old − η·<i>g</i> = "
                     "new").format(sup=SUP_I)
    d = len(record.w_before)
    rows = "".join(_update_row_html(r, record.lr, d) for r in update_rows(record))
    return (head + where + f"<p>{marker(colors.BATCH)} {numbers}</p><p>{rule}</p>"
            f'<table cellspacing="0">{rows}</table>')


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
            f'<td valign="middle" style="{_NOWRAP}"><b>X</b>ᵀ<b>X</b> = </td>'
            f'<td valign="middle">{matrix_html(xtx)}</td>'
            f'<td valign="middle" style="{_NOWRAP}">&nbsp;&nbsp;&nbsp;<b>X</b>ᵀ<b>y</b> = </td>'
            f'<td valign="middle">{column_html(xty)}</td></tr></table>')
    elif n:
        size = solution.n_params
        parts.append("<p>" + translate(
            "FormulaPanel", "Here <b>X</b>ᵀ<b>X</b> is {p}×{p}; its entries are written out for "
            "up to 3 features.").format(p=size) + "</p>")
    d = solution.w.size
    if n:
        names = "<i>w</i>*" if d == 1 else "<b>w</b>*"
        answer = translate("FormulaPanel", "{w} = {wv}, <i>b</i>* = {bv}; loss there: "
                           "{loss}").format(w=names, wv=vector_html(solution.w),
                                            bv=fmt(solution.b), loss=fmt(train_loss))
        parts.append(f"<p style='font-size:large'>{marker(colors.ANALYTICAL)} {answer}</p>")
    reason = rank_reason_text(solution.reason)
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
    parts.append(f"<p {_NOTE}>{note}</p>")
    return "".join(parts)


# ----------------------------------------------------------------------------- the widget


def set_html(card: QTextBrowser, html: str) -> None:
    """Replace a card's text, keeping where the reader had scrolled to."""
    bar = card.verticalScrollBar()
    position = bar.value()
    card.setHtml(html)
    bar.setValue(position)


class FormulaPanel(QWidget):
    """Live formulas: model, loss, last update and analytical solution with real numbers."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("formulaPanel")
        self.session = session
        self._dirty = False
        self.model_card = self._card(
            self.tr("Model formula"), self.tr("The linear model with the current SGD weights."))
        self.loss_card = self._card(
            self.tr("Loss formula"), self.tr("The selected loss and its current value."))
        self.update_card = self._card(
            self.tr("Last update"),
            self.tr("The last minibatch SGD update with its actual numbers."))
        self.analytical_card = self._card(
            self.tr("Analytical solution"),
            self.tr("The closed-form least-squares solution and its pieces."))
        self._build_layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer)
        session.stateChanged.connect(self._on_state_changed)
        session.datasetChanged.connect(self.refresh_analytical)
        session.hyperparametersChanged.connect(self._on_hyperparameters_changed)
        self.refresh_training()
        self.refresh_analytical()

    def _card(self, name: str, tip: str) -> QTextBrowser:
        """A read-only rich-text card. Not a QLabel: a word-wrapped QLabel relayouts the
        whole panel on every setText (≈ 10 ms); a text browser keeps its size."""
        card = QTextBrowser(self)
        card.setOpenLinks(False)
        card.setFrameShape(QFrame.Shape.NoFrame)
        card.viewport().setAutoFillBackground(False)
        card.setAccessibleName(name)
        card.setToolTip(tip)
        return card

    def _build_layout(self) -> None:
        cards = QWidget(self)
        row = QHBoxLayout(cards)
        row.setContentsMargins(4, 4, 4, 4)
        titles = (self.tr("Model"), self.tr("Loss"), self.tr("Last minibatch update"),
                  self.tr("Analytical solution"))
        views = (self.model_card, self.loss_card, self.update_card, self.analytical_card)
        widths = (200, 200, 280, 340)  # room for the update rows and a 4×4 XᵀX unwrapped
        for title, view, width in zip(titles, views, widths, strict=True):
            box = QGroupBox(title, cards)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(2, 2, 2, 2)
            inner.addWidget(view)
            box.setMinimumWidth(width)
            row.addWidget(box, width)
        scroll = QScrollArea(self)
        scroll.setWidget(cards)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("Formulas"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # ----- when to rebuild ----------------------------------------------------------------
    def _on_state_changed(self) -> None:
        """Leading edge at once, then at most one rebuild per interval; the last one always."""
        self._dirty = True
        if not self._timer.isActive():
            self._rebuild_if_visible()
            self._timer.start()

    def _on_timer(self) -> None:
        if self._dirty and self.isVisible():
            self.refresh_training()
            self._timer.start()

    def _rebuild_if_visible(self) -> None:
        if self.isVisible():
            self.refresh_training()

    def _on_hyperparameters_changed(self) -> None:
        self.refresh_training()
        self.refresh_analytical()

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up on the training ticks skipped while hidden (e.g. another tab was open)."""
        super().showEvent(event)
        if self._dirty:
            self.refresh_training()

    # ----- rebuilding ---------------------------------------------------------------------
    def refresh_training(self) -> None:
        """Rebuild the cards that change with every SGD step."""
        self._dirty = False
        s, t = self.session, self.session.trainer
        set_html(self.model_card, model_html(t.w, t.b, t.steps, t.epoch))
        train_loss = t.loss() if s.data.n_train else float("nan")
        set_html(self.loss_card, loss_html(s.hyper.loss, s.hyper.huber_delta, train_loss,
                                            s.data.n_train, t.val_loss()))
        set_html(self.update_card, update_html(t.last_update, s.hyper.batch_size))

    def refresh_analytical(self) -> None:
        """Rebuild the analytical card: it changes only with the data."""
        s = self.session
        train = s.data.train_set
        pieces = normal_equation_view(train.X, train.y)
        set_html(self.analytical_card, analytical_html(pieces, s.solution.lstsq,
                                                        s.solution.train_loss,
                                                        train.n_examples))
