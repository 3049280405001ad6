"""Linear regression drawn as the chapter's single-layer neural network, with live weights.

Inputs x₁…x_d on the left, one edge per weight into the output neuron Σ (which also adds the
bias b), then ŷ. Edge width grows with |w|. Sign is shown by colour *and* dash, so it never
relies on colour alone and never borrows a colour that means something else in the lab:
positive weights are solid dark grey (colors.DATA), negative weights dashed reddish purple
(colors.NEGATIVE, #CC79A7), the one Okabe-Ito colour the plots leave unused. Drawn on white,
like the pyqtgraph plots beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from gui import colors
from gui.format import fmt

if TYPE_CHECKING:
    from gui.session import Session

NEGATIVE = QColor(colors.NEGATIVE)
POSITIVE = QColor(colors.DATA)
INK = QColor(colors.TEXT)
BACKGROUND = QColor("white")  # like the plots, whatever the widget theme
NODE_FILL = QColor("#F4F4F4")
MAX_INPUTS_SHOWN = 8          # input slots drawn, the ellipsis included
MAX_EDGE_PX = 7.0
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

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("neuronDiagram")
        self.setAccessibleName(self.tr("Neuron diagram"))
        self._session = session
        session.stateChanged.connect(self._on_state_changed)
        session.datasetChanged.connect(self._on_state_changed)
        self._on_state_changed()

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

    def _on_state_changed(self) -> None:
        labels = ", ".join([*self.edge_labels(), self.bias_label()])
        self.setAccessibleDescription(self.tr(
            "Linear regression as a single-layer neural network: ŷ = w·x + b with {}."
        ).format(labels))
        self.update()

    # ----- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), BACKGROUND)
            painter.setFont(self._scaled_font(1.0))
            geo = self._geometry(painter)
            self._paint_edges(painter, geo)
            self._paint_nodes(painter, geo)
            self._paint_output(painter, geo)
            self._paint_captions(painter, geo)
        finally:
            painter.end()

    def _ink(self) -> QColor:
        return INK

    def _scale(self) -> float:
        return min(1.6, max(0.8, min(self.width() / 360, self.height() / 220)))

    def _scaled_font(self, factor: float) -> QFont:
        font = QFont(self.font())
        base = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
        font.setPointSizeF(max(7.0, base * self._scale() * factor))
        return font

    def _geometry(self, painter: QPainter) -> _Geometry:
        line = painter.fontMetrics().height()
        top = 1.6 * line
        bottom = self.height() - (0.9 * len(self._caption_lines()) + 0.6) * line
        slots = len(shown_inputs(self._session.trainer.w.size))
        spacing = (bottom - top) / max(1, slots)
        radius = max(6.0, min(0.42 * spacing, 0.07 * self.width(), 20.0 * self._scale()))
        x_in, x_sum, x_out = 0.12 * self.width(), 0.62 * self.width(), 0.9 * self.width()
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
        width = self.width()
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
        if self._fitted_font(joined, self.width() - 8, 0.9).pointSizeF() >= 7.5:
            return [text["dense"], joined]
        return [text["dense"], text["layers"], text["dim"]]

    def _fitted_font(self, text: str, width: float, factor: float) -> QFont:
        """The scaled font, shrunk (not below 6 pt) until text fits the given width."""
        font = self._scaled_font(factor)
        needed = QFontMetricsF(font).horizontalAdvance(text)
        if needed > width > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * width / needed))
        return font


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
