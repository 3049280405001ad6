"""Linear regression drawn as the chapter's single-layer neural network, with live weights.

Inputs x₁…x_d on the left, one edge per weight into the output neuron Σ (which also adds the
bias b), then ŷ. Edge width grows with |w|. Sign is shown by colour *and* dash, so it never
relies on colour alone and never borrows a colour that means something else in the lab:
positive weights are solid dark grey (colors.DATA), negative weights dashed reddish purple
(colors.NEGATIVE, #CC79A7), the one Okabe-Ito colour the plots leave unused. Drawn on white,
like the pyqtgraph plots beside it.

A checkable "Show the biological neuron" action (a corner button and the context menu) adds
the chapter's biology comparison (d2l 3.1.4.2): dendrites, synapses, cell body and axon, each
labelled with its artificial counterpart, synapse dots sized by the live |wᵢ|. Beside the
network when the widget is wide enough, in its place otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolButton, QWidget

from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt

if TYPE_CHECKING:
    from linreg_lab.gui.state.session import Session

NEGATIVE = QColor(colors.NEGATIVE)
POSITIVE = QColor(colors.DATA)
INK = QColor(colors.TEXT)
BACKGROUND = QColor("white")  # like the plots, whatever the widget theme
NODE_FILL = QColor("#F4F4F4")
MAX_INPUTS_SHOWN = 8          # input slots drawn, the ellipsis included
MAX_EDGE_PX = 7.0
SIDE_BY_SIDE_MIN_WIDTH = 700  # from this width the biology is drawn beside the network
LEADER = QColor(colors.RESIDUAL)
SOMA_FILL = QColor("#F4F4F4")
NUCLEUS_FILL = QColor("#DDDDDD")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(n: int) -> str:
    return str(n).translate(_SUBSCRIPTS)


def shown_inputs(d: int) -> list[int | None]:
    """Indices of the inputs to draw; None marks the ellipsis standing for the ones left out."""
    if d <= MAX_INPUTS_SHOWN:
        return list(range(d))
    head = MAX_INPUTS_SHOWN - 2
    return [*range(head), None, d - 1]


def input_name(i: int, d: int) -> str:
    return "x" if d == 1 else f"x{subscript(i + 1)}"


def weight_name(i: int, d: int) -> str:
    return "w" if d == 1 else f"w{subscript(i + 1)}"


def edge_widths(w: np.ndarray) -> np.ndarray:
    """Pen widths in px, at least 1: proportional to |w| over max(largest |w|, 1).

    The floor of 1 in the reference lets a single weight visibly thicken as SGD moves it away
    from d2l's tiny initial values; above it, widths compare the weights with each other.
    """
    mag = np.abs(np.nan_to_num(np.asarray(w, dtype=float), nan=0.0, posinf=1e300,
                               neginf=-1e300))
    top = max(1.0, float(mag.max()) if mag.size else 0.0)
    return np.maximum(1.0, MAX_EDGE_PX * mag / top)


def synapse_radii(w: np.ndarray, r_min: float, r_max: float) -> np.ndarray:
    """Synapse dot radii in px: r_min for w = 0, growing linearly with |w| up to r_max.

    Same reference as edge_widths (the largest |w|, but at least 1), so a stronger connection
    is a bigger synapse in the biology exactly where it is a thicker edge in the network.
    """
    mag = np.abs(np.nan_to_num(np.asarray(w, dtype=float), nan=0.0, posinf=1e300,
                               neginf=-1e300))
    top = max(1.0, float(mag.max()) if mag.size else 0.0)
    return r_min + (r_max - r_min) * mag / top


@dataclass(frozen=True)
class _Geometry:
    """Where things go for one widget size."""

    inputs: list[QPointF]
    neuron: QPointF
    output: QPointF
    radius: float
    top: float
    bottom: float


class NeuronDiagram(QWidget):
    """Paints x → Σ(w·x + b) → ŷ from the session's current SGD parameters."""

    biologyVisibleChanged = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("neuronDiagram")
        self.setAccessibleName(self.tr("Neuron diagram"))
        self._session = session
        self._biology_action = self._make_biology_action()
        self._biology_button = self._make_biology_button()
        self.addAction(self._biology_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        session.stateChanged.connect(self._on_state_changed)
        session.datasetChanged.connect(self._on_state_changed)
        self._on_state_changed()

    def _make_biology_action(self) -> QAction:
        action = QAction(self.tr("Show the biological neuron"), self)
        action.setObjectName("actionShowBiologicalNeuron")
        action.setIconText(self.tr("Biology"))
        action.setCheckable(True)
        action.setToolTip(self.tr(
            "Show the biological neuron that inspired this diagram: dendrites, synapses, "
            "cell body and axon."))
        action.toggled.connect(self._on_biology_toggled)
        return action

    def _make_biology_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("biologyButton")
        button.setDefaultAction(self._biology_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAccessibleName(self.tr("Show the biological neuron"))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.adjustSize()
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
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
        return [f"{weight_name(i, d)} = {fmt(w[i])}" for i in shown_inputs(d) if i is not None]

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
        painter.setFont(self._scaled_font(1.0))
        geo = self._geometry(painter)
        self._paint_edges(painter, geo)
        self._paint_nodes(painter, geo)
        self._paint_output(painter, geo)
        self._paint_captions(painter, geo)

    def _paint_biology(self, painter: QPainter) -> None:
        rect = self._biology_rect()
        if self.side_by_side():
            painter.setPen(QPen(LEADER, 1))
            painter.drawLine(QLineF(rect.left(), 8, rect.left(), rect.bottom() - 8))
        w = self._session.trainer.w
        drawing = _BiologyDrawing(
            rect=rect, font=self.font(), labels=self.biology_labels(),
            remark=self.biology_remark(), w=w, slots=shown_inputs(w.size),
            reserved_right=self._biology_button.width() + 6)
        painter.save()
        drawing.paint(painter)
        painter.restore()

    def _ink(self) -> QColor:
        return INK

    def _scale(self) -> float:
        return _scale_for(self._network_width(), self.height())

    def _scaled_font(self, factor: float) -> QFont:
        return _font_for(self.font(), self._scale(), factor)

    def _geometry(self, painter: QPainter) -> _Geometry:
        line = painter.fontMetrics().height()
        top = 1.6 * line
        bottom = self.height() - (0.9 * len(self._caption_lines()) + 0.6) * line
        slots = len(shown_inputs(self._session.trainer.w.size))
        spacing = (bottom - top) / max(1, slots)
        width = self._network_width()
        radius = max(6.0, min(0.42 * spacing, 0.07 * width, 20.0 * self._scale()))
        x_in, x_sum, x_out = 0.12 * width, 0.62 * width, 0.9 * width
        inputs = [QPointF(x_in, top + spacing * (k + 0.5)) for k in range(slots)]
        neuron = QPointF(x_sum, (top + bottom) / 2)
        sum_radius = max(radius, min(1.3 * radius, 0.2 * (bottom - top)))
        return _Geometry(inputs, neuron, QPointF(x_out, neuron.y()), sum_radius, top, bottom)

    def _edge_pen(self, weight: float, width: float) -> QPen:
        negative = weight < 0
        pen = QPen(NEGATIVE if negative else POSITIVE, width)
        pen.setStyle(Qt.PenStyle.DashLine if negative else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def _paint_edges(self, painter: QPainter, geo: _Geometry) -> None:
        w = self._session.trainer.w
        widths = edge_widths(w)
        labels = iter(self.edge_labels())
        painter.setFont(self._scaled_font(0.85 if len(geo.inputs) > 4 else 1.0))
        node_r = self._input_radius(geo)
        for slot, i in enumerate(shown_inputs(w.size)):
            if i is None:
                continue
            edge = _trimmed(geo.inputs[slot], geo.neuron, node_r, geo.radius + 1)
            pen = self._edge_pen(float(w[i]), float(widths[i]))
            head = self._arrow_size(pen.widthF())
            painter.setPen(pen)
            painter.drawLine(_trimmed(edge.p1(), edge.p2(), 0, 0.8 * head))
            self._paint_arrowhead(painter, edge, pen.color(), head)
            self._paint_tag(painter, self._label_anchor(edge, node_r), next(labels))
        painter.setFont(self._scaled_font(1.0))

    def _label_anchor(self, edge: QLineF, node_r: float) -> QPointF:
        """Just right of the input node, where neighbouring edges are still far apart."""
        t = min(0.45, (0.6 * node_r + 40 * self._scale()) / max(1.0, edge.length()))
        return edge.pointAt(t)

    def _paint_tag(self, painter: QPainter, centre: QPointF, text: str) -> None:
        """A label on a translucent background so it stays readable over the edges."""
        metrics = painter.fontMetrics()
        rect = QRectF(metrics.boundingRect(text)).adjusted(-3, -1, 3, 1)
        rect.moveCenter(centre)
        background = QColor(BACKGROUND)
        background.setAlpha(215)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(self._ink())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _arrow_size(self, pen_width: float) -> float:
        return 5.0 * self._scale() + 1.2 * pen_width

    def _paint_arrowhead(self, painter: QPainter, edge: QLineF, colour: QColor,
                         size: float) -> None:
        angle = math.atan2(edge.dy(), edge.dx())
        tip = edge.p2()
        left = tip - QPointF(size * math.cos(angle - 0.45), size * math.sin(angle - 0.45))
        right = tip - QPointF(size * math.cos(angle + 0.45), size * math.sin(angle + 0.45))
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, left, right]))
        painter.restore()

    def _input_radius(self, geo: _Geometry) -> float:
        return 0.75 * geo.radius

    def _paint_nodes(self, painter: QPainter, geo: _Geometry) -> None:
        d = self._session.trainer.w.size
        r = self._input_radius(geo)
        ink = self._ink()
        for slot, i in enumerate(shown_inputs(d)):
            centre = geo.inputs[slot]
            box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
            if i is None:
                painter.setPen(ink)
                painter.drawText(box.adjusted(-r, -r, r, r), Qt.AlignmentFlag.AlignCenter, "⋮")
                continue
            painter.setPen(QPen(ink, 1.5))
            painter.setBrush(NODE_FILL)
            painter.drawEllipse(centre, r, r)
            painter.setFont(self._fitted_font(input_name(i, d), 1.7 * r, 1.0))
            painter.drawText(box.adjusted(-r, -r, r, r), Qt.AlignmentFlag.AlignCenter,
                             input_name(i, d))
        painter.setFont(self._scaled_font(1.0))
        self._paint_neuron(painter, geo)

    def _paint_neuron(self, painter: QPainter, geo: _Geometry) -> None:
        r, centre, ink = geo.radius, geo.neuron, self._ink()
        painter.setPen(QPen(ink, 2))
        painter.setBrush(BACKGROUND)
        painter.drawEllipse(centre, r, r)
        painter.setFont(self._scaled_font(1.5))
        painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r),
                         Qt.AlignmentFlag.AlignCenter, "Σ")
        painter.setFont(self._scaled_font(1.0))
        # the bias enters Σ from below: b is the weight of a constant input 1
        bias_start = QPointF(centre.x(), min(geo.bottom, centre.y() + r + 3.2 * r))
        bias = QLineF(bias_start, QPointF(centre.x(), centre.y() + r + 2))
        painter.setPen(QPen(ink, 1.5))
        painter.drawLine(bias)
        self._paint_arrowhead(painter, bias, ink, self._arrow_size(1.5))
        self._paint_tag(painter, bias_start, self.bias_label())

    def _paint_output(self, painter: QPainter, geo: _Geometry) -> None:
        ink = self._ink()
        arrow = QLineF(QPointF(geo.neuron.x() + geo.radius + 2, geo.neuron.y()),
                       QPointF(geo.output.x() - 0.6 * geo.radius, geo.output.y()))
        painter.setPen(QPen(ink, 2))
        painter.drawLine(arrow)
        self._paint_arrowhead(painter, arrow, ink, self._arrow_size(2))
        painter.setPen(ink)
        painter.setFont(self._scaled_font(1.3))
        r = geo.radius
        painter.drawText(QRectF(geo.output.x() - 0.5 * r, geo.output.y() - r, 2 * r, 2 * r),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "ŷ")
        painter.setFont(self._scaled_font(1.0))

    def _paint_captions(self, painter: QPainter, geo: _Geometry) -> None:
        text = self.captions()
        painter.setPen(self._ink())
        line = painter.fontMetrics().height()
        width = self._network_width()
        head = QRectF(0, 0.2 * line, 0, line)
        centre = Qt.AlignmentFlag.AlignCenter
        for key, x, share in (("input", geo.inputs[0].x(), 0.34), ("output", geo.neuron.x(), 0.4)):
            rect = _column(head, x, share * width, width)
            painter.setFont(self._fitted_font(text[key], rect.width(), 1.0))
            painter.drawText(rect, centre, text[key])
        y = geo.bottom + 0.3 * line
        for caption in self._caption_lines():
            painter.setFont(self._fitted_font(caption, width - 8, 0.9))
            height = painter.fontMetrics().height()
            painter.drawText(QRectF(0, y, width, height), centre, caption)
            y += height
        painter.setFont(self._scaled_font(1.0))

    def _caption_lines(self) -> list[str]:
        """The bottom captions: two lines, or three when the widget is too narrow."""
        text = self.captions()
        joined = f"{text['layers']}  ·  {text['dim']}"
        if self._fitted_font(joined, self._network_width() - 8, 0.9).pointSizeF() >= 7.5:
            return [text["dense"], joined]
        return [text["dense"], text["layers"], text["dim"]]

    def _fitted_font(self, text: str, width: float, factor: float) -> QFont:
        """The scaled font, shrunk (not below 6 pt) until text fits the given width."""
        return _fit(self._scaled_font(factor), text, width)


def _scale_for(width: float, height: float) -> float:
    return min(1.6, max(0.8, min(width / 360, height / 220)))


def _font_for(base_font: QFont, scale: float, factor: float) -> QFont:
    font = QFont(base_font)
    base = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(max(7.0, base * scale * factor))
    return font


def _fit(font: QFont, text: str, width: float) -> QFont:
    """The font, shrunk (not below 6 pt) until text fits the given width on one line."""
    font = QFont(font)
    needed = QFontMetricsF(font).horizontalAdvance(text)
    if needed > width > 0:
        font.setPointSizeF(max(6.0, font.pointSizeF() * width / needed))
    return font


def _fit_wrapped(font: QFont, text: str, box: QRectF) -> QFont:
    """The font, shrunk in small steps (not below 6 pt) until word-wrapped text fits box."""
    font = QFont(font)
    flags = int(Qt.TextFlag.TextWordWrap)
    while font.pointSizeF() > 6.0:
        needed = QFontMetricsF(font).boundingRect(box, flags, text).height()
        if needed + 0.3 * QFontMetricsF(font).height() <= box.height():
            break
        font.setPointSizeF(max(6.0, font.pointSizeF() - 0.5))
    return font


@dataclass
class _BiologyDrawing:
    """A schematic biological neuron in `rect`, left to right like the network: dendrites
    ending in synapses (one per drawn input, sized by |wᵢ|), the cell body with its nucleus,
    the axon (myelin sheath, terminals). Painting only; the numbers come from the widget."""

    rect: QRectF
    font: QFont
    labels: list[str]   # dendrites, synapses, cell body, axon
    remark: str
    w: np.ndarray
    slots: list[int | None]
    reserved_right: float  # the corner button's width, kept free of labels

    def __post_init__(self) -> None:
        self.scale = _scale_for(self.rect.width(), self.rect.height())
        self.line = QFontMetricsF(self._font(1.0)).height()

    def _font(self, factor: float) -> QFont:
        return _font_for(self.font, self.scale, factor)

    def _x(self, share: float) -> float:
        return self.rect.left() + share * self.rect.width()

    def paint(self, painter: QPainter) -> None:
        remark_box = self._remark_box()
        top = self.rect.top() + 1.5 * self.line
        bottom = remark_box.top() - 1.3 * self.line
        cy = (top + bottom) / 2
        rx = max(10.0, min(0.085 * self.rect.width(), 0.32 * (bottom - top)))
        soma = QPointF(self._x(0.47), cy)
        tips = self._dendrites(painter, soma, rx, top, bottom)
        axon_mid = self._axon(painter, soma, rx, top, bottom)
        self._soma(painter, soma, rx)
        self._labels(painter, top, bottom, tips, soma, rx, axon_mid)
        painter.setPen(INK)
        painter.setFont(_fit_wrapped(self._font(0.85), self.remark, remark_box))
        painter.drawText(remark_box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         self.remark)

    def _remark_box(self) -> QRectF:
        height = 2.2 * QFontMetricsF(self._font(0.85)).height()
        return QRectF(self.rect.left() + 6, self.rect.bottom() - height - 3,
                      self.rect.width() - 12, height)

    def _dendrites(self, painter: QPainter, soma: QPointF, rx: float, top: float,
                   bottom: float) -> list[tuple[QPointF, float, QPainterPath]]:
        """Branches from the soma to one synapse per input slot; returns, per drawn
        dendrite, its tip, synapse radius and path."""
        n = len(self.slots)
        spacing = (bottom - top) / max(1, n)
        r_max = max(3.0, min(0.42 * spacing, 8.0 * self.scale))
        radii = synapse_radii(self.w, min(2.5, r_max), r_max)
        x_tip = self._x(0.13)
        d = self.w.size
        tips: list[tuple[QPointF, float, QPainterPath]] = []
        for k, i in enumerate(self.slots):
            tip = QPointF(x_tip, top + spacing * (k + 0.5))
            if i is None:
                painter.setPen(INK)
                painter.setFont(self._font(1.0))
                painter.drawText(QRectF(tip.x() - 20, tip.y() - spacing, 40, 2 * spacing),
                                 Qt.AlignmentFlag.AlignCenter, "⋮")
                continue
            twig = min(0.7 * spacing, 0.2 * (soma.x() - tip.x())) if spacing > 22 else 0.0
            path = self._branch(painter, soma, rx, tip, (k + 0.5) / n - 0.5, twig)
            self._synapse(painter, tip, float(radii[i]), float(self.w[i]))
            self._input_label(painter, tip, float(radii[i]), input_name(i, d), spacing)
            tips.append((tip, float(radii[i]), path))
        return tips

    def _branch(self, painter: QPainter, soma: QPointF, rx: float, tip: QPointF,
                offset: float, twig: float) -> QPainterPath:
        """One dendrite: a curve from the soma's left side out to the tip, with a side
        branch `twig` px long (none if 0)."""
        angle = math.pi - 1.6 * offset  # spread around the left side of the soma
        start = QPointF(soma.x() + 0.9 * rx * math.cos(angle),
                        soma.y() + 0.75 * rx * math.sin(angle))
        path = QPainterPath(start)
        c1 = QPointF(start.x() - 0.35 * (start.x() - tip.x()), start.y())
        c2 = QPointF(tip.x() + 0.45 * (start.x() - tip.x()), tip.y())
        path.cubicTo(c1, c2, tip)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(INK, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        sides = [-1.0] if offset < 0 else [1.0] if offset > 0 else [-1.0, 1.0]
        painter.setPen(QPen(INK, 1.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for side in sides if twig > 0 else []:  # side branches, away from the centre line
            mid = path.pointAtPercent(0.4)
            branch = QPainterPath(mid)
            branch.quadTo(QPointF(mid.x() - 0.45 * twig, mid.y() + side * 0.08 * twig),
                          QPointF(mid.x() - twig, mid.y() + side * 0.5 * twig))
            painter.drawPath(branch)
        return path

    def _synapse(self, painter: QPainter, centre: QPointF, radius: float,
                 weight: float) -> None:
        """A filled dot for a positive weight; a ring (hollow, so not by colour alone) in
        the network's negative colour for a negative one."""
        if weight < 0:
            ring = max(1.5, 0.45 * radius)
            painter.setPen(QPen(NEGATIVE, ring))
            painter.setBrush(BACKGROUND)
            painter.drawEllipse(centre, radius - ring / 2, radius - ring / 2)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(POSITIVE)
            painter.drawEllipse(centre, radius, radius)

    def _input_label(self, painter: QPainter, tip: QPointF, radius: float, name: str,
                     spacing: float) -> None:
        box = QRectF(self.rect.left() + 2, tip.y() - spacing / 2,
                     tip.x() - radius - 4 - self.rect.left() - 2, spacing)
        painter.setPen(INK)
        painter.setFont(_fit(self._font(0.9), name, box.width()))
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)

    def _axon(self, painter: QPainter, soma: QPointF, rx: float, top: float,
              bottom: float) -> QPointF:
        """Axon with myelin sheath and terminals, then ŷ; returns a point on the axon."""
        start = QPointF(soma.x() + 1.2 * rx, soma.y())
        end = QPointF(self._x(0.8), soma.y())
        painter.setPen(QPen(INK, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QLineF(start, end))
        sheath_h = max(5.0, 0.35 * rx)
        length = end.x() - start.x()
        painter.setPen(QPen(INK, 1.2))
        painter.setBrush(BACKGROUND)
        for k in range(3):
            left = start.x() + length * (0.08 + 0.3 * k)
            painter.drawRoundedRect(QRectF(left, soma.y() - sheath_h / 2, 0.22 * length,
                                           sheath_h), sheath_h / 2, sheath_h / 2)
        spread = min(0.32 * (bottom - top), 1.2 * rx)
        reach = self._x(0.87) - end.x()
        painter.setPen(QPen(INK, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for dy in (-spread, 0.0, spread):
            knob = QPointF(end.x() + reach, soma.y() + dy)
            path = QPainterPath(end)
            path.quadTo(QPointF(end.x() + 0.5 * reach, soma.y()), knob)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(INK)
            painter.drawEllipse(knob, 2.2 * self.scale, 2.2 * self.scale)
        painter.setFont(self._font(1.3))
        painter.setPen(INK)
        painter.drawText(QRectF(self._x(0.89), soma.y() - self.line, self._x(1.0) - self._x(0.89),
                                2 * self.line), Qt.AlignmentFlag.AlignCenter, "ŷ")
        return QPointF(start.x() + 0.5 * length, soma.y() - sheath_h / 2)

    def _soma(self, painter: QPainter, centre: QPointF, rx: float) -> None:
        """Cell body: an ellipse tapering into the axon hillock, the nucleus inside it."""
        ry = 0.8 * rx
        body = QPainterPath()
        body.addEllipse(centre, rx, ry)
        hillock = QPainterPath()
        hillock.addPolygon(QPolygonF([
            QPointF(centre.x() + 0.6 * rx, centre.y() - 0.55 * ry),
            QPointF(centre.x() + 1.25 * rx, centre.y() - 1.5),
            QPointF(centre.x() + 1.25 * rx, centre.y() + 1.5),
            QPointF(centre.x() + 0.6 * rx, centre.y() + 0.55 * ry),
        ]))
        hillock.closeSubpath()
        painter.setPen(QPen(INK, 2))
        painter.setBrush(SOMA_FILL)
        painter.drawPath(body.united(hillock).simplified())
        painter.setPen(QPen(INK, 1))
        painter.setBrush(NUCLEUS_FILL)
        painter.drawEllipse(centre, 0.62 * rx, 0.5 * ry * 1.25)
        text = "Σ + b"
        box = QRectF(centre.x() - 0.6 * rx, centre.y() - 0.5 * ry, 1.2 * rx, ry)
        painter.setFont(_fit(self._font(1.1), text, box.width()))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _labels(self, painter: QPainter, top: float, bottom: float,
                tips: list[tuple[QPointF, float, QPainterPath]], soma: QPointF, rx: float,
                axon: QPointF) -> None:
        """The four part ↔ counterpart labels, each with a dotted leader to its part."""
        dendrites, synapses, cell_body, axon_text = self.labels
        right = self.rect.right() - self.reserved_right
        thirds = (right - self.rect.left()) / 3
        head_y = self.rect.top() + 0.25 * self.line
        dendrite_target = tips[0][2].pointAtPercent(0.75) if tips else soma
        row = [
            (dendrites, self.rect.left(), dendrite_target),
            (cell_body, self.rect.left() + thirds, QPointF(soma.x(), soma.y() - 0.8 * rx)),
            (axon_text, self.rect.left() + 2 * thirds, axon),
        ]
        for text, left, target in row:
            self._label(painter, text, QRectF(left + 5, head_y, thirds - 10, self.line), target)
        last, radius = (tips[-1][0], tips[-1][1]) if tips else (QPointF(self._x(0.13), bottom), 0.0)
        box = QRectF(self.rect.left() + 2, bottom + 0.15 * self.line,
                     0.5 * self.rect.width(), self.line)
        self._label(painter, synapses, box, QPointF(last.x(), last.y() + radius),
                    Qt.AlignmentFlag.AlignLeft)

    def _label(self, painter: QPainter, text: str, box: QRectF, target: QPointF,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> None:
        font = _fit(self._font(0.9), text, box.width())
        painter.setFont(font)
        width = QFontMetricsF(font).horizontalAdvance(text)
        if align == Qt.AlignmentFlag.AlignLeft:
            anchor_x = box.left() + min(width, box.width()) / 2
        else:
            anchor_x = box.center().x()
        anchor = QPointF(anchor_x, box.bottom() if target.y() > box.bottom() else box.top())
        pen = QPen(LEADER, 1, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(_trimmed(anchor, target, 1, 3))
        painter.setPen(INK)
        painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)


def _column(row: QRectF, centre_x: float, width: float, limit: float) -> QRectF:
    """A cell of the given width centred at centre_x, kept inside [0, limit]."""
    left = min(max(0.0, centre_x - width / 2), max(0.0, limit - width))
    return QRectF(left, row.top(), width, row.height())


def _trimmed(start: QPointF, end: QPointF, from_start: float, from_end: float) -> QLineF:
    """The segment start→end shortened by the radii of the circles at both ends."""
    line = QLineF(start, end)
    length = line.length()
    if length <= from_start + from_end:
        return line
    return QLineF(line.pointAt(from_start / length), line.pointAt(1 - from_end / length))
