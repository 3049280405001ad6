"""The biological neuron that inspired the network (d2l 3.1.4.2), painted left to right like
the network: dendrites ending in synapses (one per drawn input, sized by the live |wᵢ|), the
cell body with its nucleus, the axon (myelin sheath, terminals), each part labelled with its
artificial counterpart. Painting only: the texts and numbers come from the widget."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from linreg_lab.gui.plots.neuron.drawing import (
    BACKGROUND,
    INK,
    LEADER,
    NEGATIVE,
    POSITIVE,
    fit,
    fit_wrapped,
    font_for,
    relative_magnitudes,
    scale_for,
    trimmed,
)
from linreg_lab.gui.text.symbols import input_symbol

SOMA_FILL = QColor("#F4F4F4")
NUCLEUS_FILL = QColor("#DDDDDD")


def synapse_radii(w: np.ndarray, r_min: float, r_max: float) -> np.ndarray:
    """Synapse dot radii in px: r_min for w = 0, growing linearly with |w| up to r_max.

    Same reference as the network's edge widths (the largest |w|, but at least 1), so a
    stronger connection is a bigger synapse in the biology exactly where it is a thicker edge
    in the network.
    """
    return r_min + (r_max - r_min) * relative_magnitudes(w)


@dataclass
class BiologyDrawing:
    """A schematic biological neuron in `rect`."""

    rect: QRectF
    font: QFont
    labels: list[str]   # dendrites, synapses, cell body, axon
    remark: str
    w: np.ndarray
    slots: list[int | None]
    reserved_right: float  # the corner button's width, kept free of labels

    def __post_init__(self) -> None:
        self.scale = scale_for(self.rect.width(), self.rect.height())
        self.line = QFontMetricsF(self._font(1.0)).height()

    def _font(self, factor: float) -> QFont:
        return font_for(self.font, self.scale, factor)

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
        painter.setFont(fit_wrapped(self._font(0.85), self.remark, remark_box))
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
            self._input_label(painter, tip, float(radii[i]), input_symbol(i, d), spacing)
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
        painter.setFont(fit(self._font(0.9), name, box.width()))
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
        painter.setFont(fit(self._font(1.1), text, box.width()))
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
        font = fit(self._font(0.9), text, box.width())
        painter.setFont(font)
        width = QFontMetricsF(font).horizontalAdvance(text)
        if align == Qt.AlignmentFlag.AlignLeft:
            anchor_x = box.left() + min(width, box.width()) / 2
        else:
            anchor_x = box.center().x()
        anchor = QPointF(anchor_x, box.bottom() if target.y() > box.bottom() else box.top())
        pen = QPen(LEADER, 1, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(trimmed(anchor, target, 1, 3))
        painter.setPen(INK)
        painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)
