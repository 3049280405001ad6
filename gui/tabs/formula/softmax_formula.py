"""The Formula tab of the classification mode: softmax regression with the last update's numbers.

Four cards (model, loss, gradient, update) built by formula.softmax_cards from the trainer's
last_update, for one example of the last minibatch (the learner picks which, 1 … |B|). Ticks
arrive up to 60 times a second, so the cards are rebuilt through a ThrottledRedraw (at most
about ten times a second, a single Step at once, nothing while the tab is hidden), like the
regression's FormulaPanel, whose card look and set_html it shares.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.tabs.formula.formula_panel import set_html
from linreg_lab.gui.tabs.formula.softmax_cards import (
    gradient_html,
    loss_html,
    model_html,
    update_html,
)
from linreg_lab.gui.widgets.fields import blocked
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

REFRESH_INTERVAL_MS = 100
CARD_WIDTHS = (230, 210, 230, 390)  # the update's rows unwrapped


class SoftmaxFormula(Retranslating, QWidget):
    """Live formulas of softmax regression for one example of the last minibatch."""

    def __init__(self, session: ClassificationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("softmaxFormula")
        self._session = session
        self.model_card, self.loss_card, self.gradient_card, self.update_card = (
            self._card() for _ in range(4))
        self._boxes: list[QGroupBox] = []
        self._build_layout()
        self._redraw = ThrottledRedraw(self, self.refresh, REFRESH_INTERVAL_MS)
        session.stateChanged.connect(self._redraw.request)
        session.datasetChanged.connect(self.refresh)
        self.example_spin.valueChanged.connect(self.refresh)
        self.retranslate()

    def _card(self) -> QTextBrowser:
        card = QTextBrowser(self)
        card.setOpenLinks(False)
        card.setFrameShape(QFrame.Shape.NoFrame)
        card.viewport().setAutoFillBackground(False)
        return card

    def _cards(self) -> tuple[QTextBrowser, ...]:
        return self.model_card, self.loss_card, self.gradient_card, self.update_card

    def _build_layout(self) -> None:
        cards = QWidget(self)
        row = QHBoxLayout(cards)
        row.setContentsMargins(4, 4, 4, 4)
        for view, width in zip(self._cards(), CARD_WIDTHS, strict=True):
            box = QGroupBox(cards)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(2, 2, 2, 2)
            inner.addWidget(view)
            box.setMinimumWidth(width)
            row.addWidget(box, width)
            self._boxes.append(box)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(cards)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._example_label = QLabel(self)
        self.example_spin = QSpinBox(self)
        self.example_spin.setObjectName("softmaxFormulaExample")
        self.example_spin.setRange(1, 1)
        self._example_label.setBuddy(self.example_spin)
        choice = QHBoxLayout()
        choice.setContentsMargins(6, 2, 6, 0)
        choice.addWidget(self._example_label)
        choice.addWidget(self.example_spin)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choice)
        layout.addWidget(self._scroll, 1)

    def retranslate(self) -> None:
        titles = (self.tr("Model: softmax regression"), self.tr("Cross-entropy loss"),
                  self.tr("Gradient"), self.tr("Last minibatch update"))
        for box, title in zip(self._boxes, titles, strict=True):
            box.setTitle(title)
        tips = (self.tr("o = xW + b and ŷ = softmax(o) for one example of the last minibatch."),
                self.tr("The one-hot label and the example's loss −log ŷ_y."),
                self.tr("The gradient of the loss with respect to the logits: ŷ − y."),
                self.tr("The SGD update of W and b with its actual numbers."))
        for card, tip in zip(self._cards(), tips, strict=True):
            card.setToolTip(tip)
            card.setAccessibleName(tip)
        self._example_label.setText(self.tr("&Example of the last minibatch:"))
        self.example_spin.setToolTip(self.tr("Which example of the last minibatch the "
                                             "cards follow"))
        self._scroll.setAccessibleName(self.tr("Formulas"))
        self.refresh()

    def example(self) -> int:
        """The row of the last minibatch the cards follow (from 0)."""
        return self.example_spin.value() - 1

    def refresh(self) -> None:
        """Rebuild the cards from the trainer's last update."""
        t = self._session.trainer
        update = t.last_update
        size = len(update.batch) if update is not None else 1
        with blocked(self.example_spin):
            self.example_spin.setMaximum(size)
        self.example_spin.setEnabled(size > 1)
        row = self.example()
        x = t.training_set[0][update.batch[row]] if update is not None else None
        names = self._session.dataset.class_names
        set_html(self.model_card, model_html(update, x, row, names))
        set_html(self.loss_card, loss_html(update, row, names))
        set_html(self.gradient_card, gradient_html(update, row))
        set_html(self.update_card, update_html(update))
