"""The Formula tab: the chapter's formulas with the learner's live numbers in them.

Four cards (model, loss, last update, analytical solution) whose HTML comes from
formula.cards; the widget only decides when to rebuild which card. Training ticks arrive up
to 60 times a second, so the training cards are rebuilt through a ThrottledRedraw: at most
about ten times a second, a single Step at once, the final state always, nothing while the
tab is hidden.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.core.conditioning import curvature
from linreg_lab.core.formula import normal_equation_view
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.formula.cards import analytical_html, loss_html, model_html, update_html
from linreg_lab.gui.tabs.formula.conditioning_card import conditioning_html
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

REFRESH_INTERVAL_MS = 100  # at most ~10 rebuilds of the training cards per second
CARD_WIDTHS = (200, 200, 280, 340, 260)  # room for the update rows and a 4×4 XᵀX unwrapped


def set_html(card: QTextBrowser, html: str) -> None:
    """Replace a card's text, keeping where the reader had scrolled to."""
    bar = card.verticalScrollBar()
    position = bar.value()
    card.setHtml(html)
    bar.setValue(position)


class FormulaPanel(Retranslating, QWidget):
    """Live formulas: model, loss, last update and analytical solution with real numbers."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("formulaPanel")
        self.session = session
        (self.model_card, self.loss_card, self.update_card, self.analytical_card,
         self.conditioning_card) = (self._card() for _ in range(5))
        self._boxes: list[QGroupBox] = []
        self._build_layout()
        self._training = ThrottledRedraw(self, self.refresh_training, REFRESH_INTERVAL_MS,
                                         pacing=session.pacing)
        session.stateChanged.connect(self._training.request)
        # a drag changes the data up to 60 times a second: its numbers follow ten times
        self._analytical = ThrottledRedraw(self, self.refresh_analytical, STREAM_INTERVAL_MS,
                                           pacing=session.pacing, idle_throttle=False)
        session.datasetChanged.connect(self._analytical.request)
        session.hyperparametersChanged.connect(self._on_hyperparameters_changed)
        self.retranslate()

    def _card(self) -> QTextBrowser:
        """A read-only rich-text card. Not a QLabel: a word-wrapped QLabel relayouts the
        whole panel on every setText (≈ 10 ms); a text browser keeps its size."""
        card = QTextBrowser(self)
        card.setOpenLinks(False)
        card.setFrameShape(QFrame.Shape.NoFrame)
        card.viewport().setAutoFillBackground(False)
        return card

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

    def _cards(self) -> tuple[QTextBrowser, ...]:
        return (self.model_card, self.loss_card, self.update_card, self.analytical_card,
                self.conditioning_card)

    def retranslate(self) -> None:
        titles = (self.tr("Model"), self.tr("Loss"), self.tr("Last minibatch update"),
                  self.tr("Analytical solution"), self.tr("Curvature and conditioning"))
        for box, title in zip(self._boxes, titles, strict=True):
            box.setTitle(title)
        help_texts = (
            (self.tr("Model formula"), self.tr("The linear model with the current SGD weights.")),
            (self.tr("Loss formula"), self.tr("The selected loss and its current value.")),
            (self.tr("Last update"),
             self.tr("The last minibatch SGD update with its actual numbers.")),
            (self.tr("Analytical solution"),
             self.tr("The closed-form least-squares solution and its pieces.")),
            (self.tr("Conditioning"),
             self.tr("Why SGD is fast or slow on these data: the curvature of the loss, its "
                     "condition number κ and the learning-rate limit.")),
        )
        for card, (name, tip) in zip(self._cards(), help_texts, strict=True):
            card.setAccessibleName(name)
            card.setToolTip(tip)
        self._scroll.setAccessibleName(self.tr("Formulas"))
        self.refresh_training()  # the cards' words are translated when they are built
        self.refresh_analytical()

    # ----- rebuilding ---------------------------------------------------------------------
    def _on_hyperparameters_changed(self) -> None:
        self.refresh_training()
        self.refresh_analytical()

    def refresh_training(self) -> None:
        """Rebuild the cards that change with every SGD step."""
        s, t = self.session, self.session.trainer
        ds = s.dataset
        set_html(self.model_card, model_html(t.w, t.b, t.steps, t.epoch, ds.feature_names,
                                             ds.label_name))
        train_loss = t.loss() if s.data.n_train else float("nan")
        set_html(self.loss_card, loss_html(s.hyper.loss, s.hyper.huber_delta, train_loss,
                                           s.data.n_train, t.val_loss()))
        batch_now = min(s.hyper.batch_size, max(s.data.n_train, 1))
        set_html(self.update_card, update_html(t.last_update, batch_now))

    def refresh_analytical(self) -> None:
        """Rebuild the analytical card: it changes only with the data."""
        s = self.session
        train = s.data.train_set
        pieces = normal_equation_view(train.X, train.y, stats=s.stats)
        set_html(self.analytical_card, analytical_html(pieces, s.solution.lstsq,
                                                       s.solution.train_loss,
                                                       train.n_examples))
        curv = curvature(s.trainer.stats) if s.data.n_train else None
        set_html(self.conditioning_card, conditioning_html(curv, s.hyper.lr,
                                                           s.hyper.standardize))
