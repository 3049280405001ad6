"""Linear regression drawn as the chapter's single-layer neural network, with live weights.

The widget holds the state (the session's parameters, the biology toggle) and every text in
the learner's language; the network (gui.plots.neuron.network) and the biology
(gui.plots.neuron.biology) only paint what it hands them.

A checkable "Show the biological neuron" action (a corner button and the context menu) adds
the chapter's biology comparison (d2l 3.1.4.2): dendrites, synapses, cell body and axon, each
labelled with its artificial counterpart, synapse dots sized by the live |wᵢ|. Beside the
network when the widget is wide enough, in its place otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QToolButton, QWidget

from linreg_lab.gui.plots.neuron.biology import BiologyDrawing
from linreg_lab.gui.plots.neuron.drawing import BACKGROUND, LEADER, shown_inputs
from linreg_lab.gui.plots.neuron.network import NetworkDrawing
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.symbols import weight_symbol
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

if TYPE_CHECKING:
    from linreg_lab.gui.state.session import Session

SIDE_BY_SIDE_MIN_WIDTH = 700  # from this width the biology is drawn beside the network


class NeuronDiagram(Retranslating, QWidget):
    """Paints x → Σ(w·x + b) → ŷ from the session's current SGD parameters."""

    biologyVisibleChanged = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("neuronDiagram")
        self._session = session
        self._biology_action = self._make_biology_action()
        self._biology_button = self._make_biology_button()
        self.addAction(self._biology_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._paced = ThrottledRedraw(self, self._on_state_changed, STREAM_INTERVAL_MS,
                                      pacing=session.pacing, idle_throttle=False)
        session.stateChanged.connect(self._paced.request)  # ten a second while running
        session.datasetChanged.connect(self._paced.request)  # a drag's moves are paced too
        self.retranslate()

    def _make_biology_action(self) -> QAction:
        action = QAction(self)
        action.setObjectName("actionShowBiologicalNeuron")
        action.setCheckable(True)
        action.toggled.connect(self._on_biology_toggled)
        return action

    def _make_biology_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("biologyButton")
        button.setDefaultAction(self._biology_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Neuron diagram"))
        action = self._biology_action
        action.setText(self.tr("Show the biological neuron"))
        action.setIconText(self.tr("Biology"))
        action.setToolTip(self.tr(
            "Show the biological neuron that inspired this diagram: dendrites, synapses, "
            "cell body and axon."))
        self._biology_button.setAccessibleName(self.tr("Show the biological neuron"))
        self._biology_button.adjustSize()
        self._place_button()
        self._on_state_changed()  # the accessible description and the painted captions

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_button()

    def _place_button(self) -> None:
        self._biology_button.move(self.width() - self._biology_button.width() - 2, 2)

    # ----- the biology toggle -------------------------------------------------------------
    def biology_action(self) -> QAction:
        """The checkable action, for a View menu or a toolbar."""
        return self._biology_action

    def biology_visible(self) -> bool:
        return self._biology_action.isChecked()

    def set_biology_visible(self, visible: bool) -> None:
        self._biology_action.setChecked(visible)

    def side_by_side(self) -> bool:
        """True when the biology is drawn beside the network rather than instead of it."""
        return self.biology_visible() and self.width() >= SIDE_BY_SIDE_MIN_WIDTH

    def _on_biology_toggled(self, visible: bool) -> None:
        self._on_state_changed()
        self.biologyVisibleChanged.emit(visible)

    def _network_width(self) -> float:
        if not self.biology_visible():
            return float(self.width())
        return 0.45 * self.width() if self.side_by_side() else 0.0

    def _biology_rect(self) -> QRectF:
        left = self._network_width()
        return QRectF(left, 0, self.width() - left, self.height())

    def sizeHint(self) -> QSize:
        return QSize(360, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 140)

    # ----- what is shown (paint and tests read the same strings) ------------------------
    def edge_labels(self) -> list[str]:
        """One label per drawn edge, e.g. 'w₁ = 2.001'; the ellipsis slot has none."""
        w = self._session.trainer.w
        d = w.size
        return [f"{weight_symbol(i, d)} = {fmt(w[i])}" for i in shown_inputs(d) if i is not None]

    def bias_label(self) -> str:
        return f"b = {fmt(self._session.trainer.b)}"

    def captions(self) -> dict[str, str]:
        d = self._session.dataset.n_features
        return {
            "input": self.tr("Input layer"),
            "output": self.tr("Output layer"),
            "dense": self.tr("fully-connected (dense) layer"),
            "layers": self.tr("1 layer (the input layer is not counted)"),
            "dim": self.tr("feature dimensionality d = {}").format(d),
        }

    def biology_labels(self) -> list[str]:
        """Each part of the biological neuron with its artificial counterpart, in the order
        dendrites, synapses, cell body, axon."""
        return [
            self.tr("dendrites ← inputs xᵢ"),
            self.tr("synapses ← weights wᵢ"),
            self.tr("cell body ← Σ + b"),
            self.tr("axon → output ŷ"),
        ]

    def biology_remark(self) -> str:
        """The chapter's point, after Russell & Norvig: inspiration, not a blueprint."""
        return self.tr(
            "Planes were inspired by birds, yet ornithology has not driven aviation (Russell "
            "& Norvig); likewise deep learning today draws more on mathematics, statistics "
            "and computer science than on neuroscience.")

    def _on_state_changed(self) -> None:
        labels = ", ".join([*self.edge_labels(), self.bias_label()])
        text = self.tr(
            "Linear regression as a single-layer neural network: ŷ = w·x + b with {}."
        ).format(labels)
        if self.biology_visible():
            text = " ".join([text, self.tr("Biological neuron: {}.").format(
                "; ".join(self.biology_labels())), self.biology_remark()])
        self.setAccessibleDescription(text)
        self.update()

    # ----- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), BACKGROUND)
            if self._network_width() > 0:
                self._paint_network(painter)
            if self.biology_visible():
                self._paint_biology(painter)
        finally:
            painter.end()

    def _paint_network(self, painter: QPainter) -> None:
        drawing = NetworkDrawing(
            width=self._network_width(), height=float(self.height()), font=self.font(),
            w=self._session.trainer.w, edge_labels=self.edge_labels(),
            bias_label=self.bias_label(), captions=self.captions())
        drawing.paint(painter)

    def _paint_biology(self, painter: QPainter) -> None:
        rect = self._biology_rect()
        if self.side_by_side():
            painter.setPen(QPen(LEADER, 1))
            painter.drawLine(QLineF(rect.left(), 8, rect.left(), rect.bottom() - 8))
        w = self._session.trainer.w
        drawing = BiologyDrawing(
            rect=rect, font=self.font(), labels=self.biology_labels(),
            remark=self.biology_remark(), w=w, slots=shown_inputs(w.size),
            reserved_right=self._biology_button.width() + 6)
        painter.save()
        drawing.paint(painter)
        painter.restore()
