"""The chapter's single-layer network, painted: inputs x₁…x_d, one edge per weight into the
output neuron Σ (which also adds the bias b), then ŷ. Edge width grows with |w|; a negative
weight is dashed and reddish purple. Painting only: the texts come from the widget."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF

from linreg_lab.gui.plots.neuron.drawing import (
    BACKGROUND,
    INK,
    NEGATIVE,
    NODE_FILL,
    POSITIVE,
    fit,
    font_for,
    relative_magnitudes,
    scale_for,
    shown_inputs,
    trimmed,
)
from linreg_lab.gui.text.symbols import input_symbol

MAX_EDGE_PX = 7.0


def edge_widths(w: np.ndarray) -> np.ndarray:
    """Pen widths in px, at least 1: proportional to |w| over max(largest |w|, 1)."""
    return np.maximum(1.0, MAX_EDGE_PX * relative_magnitudes(w))


def edge_pen(weight: float, width: float) -> QPen:
    """Dark grey and solid for a positive weight, reddish purple and dashed for a negative."""
    negative = weight < 0
    pen = QPen(NEGATIVE if negative else POSITIVE, width)
    pen.setStyle(Qt.PenStyle.DashLine if negative else Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


@dataclass(frozen=True)
class _Geometry:
    """Where things go for one widget size."""

    inputs: list[QPointF]
    neuron: QPointF
    output: QPointF
    radius: float
    top: float
    bottom: float


@dataclass
class NetworkDrawing:
    """The network in the rectangle (0, 0, width, height) of the widget."""

    width: float
    height: float
    font: QFont
    w: np.ndarray
    edge_labels: list[str]  # one per drawn edge, e.g. "w₁ = 2.001"
    bias_label: str
    captions: dict[str, str]  # input, output, dense, layers, dim

    def __post_init__(self) -> None:
        self.scale = scale_for(self.width, self.height)

    def paint(self, painter: QPainter) -> None:
        painter.setFont(self._scaled_font(1.0))
        geo = self._geometry(painter)
        self._paint_edges(painter, geo)
        self._paint_nodes(painter, geo)
        self._paint_output(painter, geo)
        self._paint_captions(painter, geo)

    def caption_lines(self) -> list[str]:
        """The bottom captions: two lines, or three when the drawing is too narrow."""
        text = self.captions
        joined = f"{text['layers']}  ·  {text['dim']}"
        if self._fitted_font(joined, self.width - 8, 0.9).pointSizeF() >= 7.5:
            return [text["dense"], joined]
        return [text["dense"], text["layers"], text["dim"]]

    # ----- layout ---------------------------------------------------------------------------
    def _scaled_font(self, factor: float) -> QFont:
        return font_for(self.font, self.scale, factor)

    def _fitted_font(self, text: str, width: float, factor: float) -> QFont:
        """The scaled font, shrunk (not below 6 pt) until text fits the given width."""
        return fit(self._scaled_font(factor), text, width)

    def _geometry(self, painter: QPainter) -> _Geometry:
        line = painter.fontMetrics().height()
        top = 1.6 * line
        bottom = self.height - (0.9 * len(self.caption_lines()) + 0.6) * line
        slots = len(shown_inputs(self.w.size))
        spacing = (bottom - top) / max(1, slots)
        width = self.width
        radius = max(6.0, min(0.42 * spacing, 0.07 * width, 20.0 * self.scale))
        x_in, x_sum, x_out = 0.12 * width, 0.62 * width, 0.9 * width
        inputs = [QPointF(x_in, top + spacing * (k + 0.5)) for k in range(slots)]
        neuron = QPointF(x_sum, (top + bottom) / 2)
        sum_radius = max(radius, min(1.3 * radius, 0.2 * (bottom - top)))
        return _Geometry(inputs, neuron, QPointF(x_out, neuron.y()), sum_radius, top, bottom)

    @staticmethod
    def _input_radius(geo: _Geometry) -> float:
        return 0.75 * geo.radius

    def _arrow_size(self, pen_width: float) -> float:
        return 5.0 * self.scale + 1.2 * pen_width

    # ----- edges ----------------------------------------------------------------------------
    @staticmethod
    def _edge_pen(weight: float, width: float) -> QPen:
        return edge_pen(weight, width)

    def _paint_edges(self, painter: QPainter, geo: _Geometry) -> None:
        widths = edge_widths(self.w)
        labels = iter(self.edge_labels)
        painter.setFont(self._scaled_font(0.85 if len(geo.inputs) > 4 else 1.0))
        node_r = self._input_radius(geo)
        for slot, i in enumerate(shown_inputs(self.w.size)):
            if i is None:
                continue
            edge = trimmed(geo.inputs[slot], geo.neuron, node_r, geo.radius + 1)
            pen = self._edge_pen(float(self.w[i]), float(widths[i]))
            head = self._arrow_size(pen.widthF())
            painter.setPen(pen)
            painter.drawLine(trimmed(edge.p1(), edge.p2(), 0, 0.8 * head))
            paint_arrowhead(painter, edge, pen.color(), head)
            paint_tag(painter, self._label_anchor(edge, node_r), next(labels))
        painter.setFont(self._scaled_font(1.0))

    def _label_anchor(self, edge: QLineF, node_r: float) -> QPointF:
        """Just right of the input node, where neighbouring edges are still far apart."""
        t = min(0.45, (0.6 * node_r + 40 * self.scale) / max(1.0, edge.length()))
        return edge.pointAt(t)

    # ----- nodes ----------------------------------------------------------------------------
    def _paint_nodes(self, painter: QPainter, geo: _Geometry) -> None:
        d = self.w.size
        r = self._input_radius(geo)
        for slot, i in enumerate(shown_inputs(d)):
            centre = geo.inputs[slot]
            box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
            if i is None:
                painter.setPen(INK)
                painter.drawText(box.adjusted(-r, -r, r, r), Qt.AlignmentFlag.AlignCenter, "⋮")
                continue
            painter.setPen(QPen(INK, 1.5))
            painter.setBrush(NODE_FILL)
            painter.drawEllipse(centre, r, r)
            name = input_symbol(i, d)
            painter.setFont(self._fitted_font(name, 1.7 * r, 1.0))
            painter.drawText(box.adjusted(-r, -r, r, r), Qt.AlignmentFlag.AlignCenter, name)
        painter.setFont(self._scaled_font(1.0))
        self._paint_neuron(painter, geo)

    def _paint_neuron(self, painter: QPainter, geo: _Geometry) -> None:
        r, centre = geo.radius, geo.neuron
        painter.setPen(QPen(INK, 2))
        painter.setBrush(BACKGROUND)
        painter.drawEllipse(centre, r, r)
        painter.setFont(self._scaled_font(1.5))
        painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r),
                         Qt.AlignmentFlag.AlignCenter, "Σ")
        painter.setFont(self._scaled_font(1.0))
        # the bias enters Σ from below: b is the weight of a constant input 1
        bias_start = QPointF(centre.x(), min(geo.bottom, centre.y() + r + 3.2 * r))
        bias = QLineF(bias_start, QPointF(centre.x(), centre.y() + r + 2))
        painter.setPen(QPen(INK, 1.5))
        painter.drawLine(bias)
        paint_arrowhead(painter, bias, INK, self._arrow_size(1.5))
        paint_tag(painter, bias_start, self.bias_label)

    def _paint_output(self, painter: QPainter, geo: _Geometry) -> None:
        arrow = QLineF(QPointF(geo.neuron.x() + geo.radius + 2, geo.neuron.y()),
                       QPointF(geo.output.x() - 0.6 * geo.radius, geo.output.y()))
        painter.setPen(QPen(INK, 2))
        painter.drawLine(arrow)
        paint_arrowhead(painter, arrow, INK, self._arrow_size(2))
        painter.setPen(INK)
        painter.setFont(self._scaled_font(1.3))
        r = geo.radius
        painter.drawText(QRectF(geo.output.x() - 0.5 * r, geo.output.y() - r, 2 * r, 2 * r),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "ŷ")
        painter.setFont(self._scaled_font(1.0))

    # ----- captions -------------------------------------------------------------------------
    def _paint_captions(self, painter: QPainter, geo: _Geometry) -> None:
        text = self.captions
        painter.setPen(INK)
        line = painter.fontMetrics().height()
        width = self.width
        head = QRectF(0, 0.2 * line, 0, line)
        centre = Qt.AlignmentFlag.AlignCenter
        for key, x, share in (("input", geo.inputs[0].x(), 0.34), ("output", geo.neuron.x(), 0.4)):
            rect = _column(head, x, share * width, width)
            painter.setFont(self._fitted_font(text[key], rect.width(), 1.0))
            painter.drawText(rect, centre, text[key])
        y = geo.bottom + 0.3 * line
        for caption in self.caption_lines():
            painter.setFont(self._fitted_font(caption, width - 8, 0.9))
            height = painter.fontMetrics().height()
            painter.drawText(QRectF(0, y, width, height), centre, caption)
            y += height
        painter.setFont(self._scaled_font(1.0))


def paint_tag(painter: QPainter, centre: QPointF, text: str) -> None:
    """A label on a translucent background so it stays readable over the edges."""
    metrics = painter.fontMetrics()
    rect = QRectF(metrics.boundingRect(text)).adjusted(-3, -1, 3, 1)
    rect.moveCenter(centre)
    background = QColor(BACKGROUND)
    background.setAlpha(215)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(INK)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def paint_arrowhead(painter: QPainter, edge: QLineF, colour: QColor, size: float) -> None:
    angle = math.atan2(edge.dy(), edge.dx())
    tip = edge.p2()
    left = tip - QPointF(size * math.cos(angle - 0.45), size * math.sin(angle - 0.45))
    right = tip - QPointF(size * math.cos(angle + 0.45), size * math.sin(angle + 0.45))
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, left, right]))
    painter.restore()


def _column(row: QRectF, centre_x: float, width: float, limit: float) -> QRectF:
    """A cell of the given width centred at centre_x, kept inside [0, limit]."""
    left = min(max(0.0, centre_x - width / 2), max(0.0, limit - width))
    return QRectF(left, row.top(), width, row.height())
