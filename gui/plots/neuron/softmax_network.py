"""Softmax regression drawn as d2l's figure 3.4.1: d inputs, k outputs, one dense layer.

Inputs x₁ … x_d (collapsed as x₁ … x₆ ⋮ x_d for many features, as the regression's network
does) and a constant input 1 whose weights are the biases; one edge per weight w_ij into each
output o_j (o₁ … o_k, collapsed likewise past eight), drawn with the regression network's
pens: width by |w| against the largest, dark grey and solid when positive, reddish purple
and dashed when negative. Then the softmax operation box and ŷ₁ … ŷ_k. The captions are
the chapter's: a fully-connected layer, one layer. Painting only; the weights are the
session's, and the texts are in the learner's language.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from linreg_lab.core.notation import subscript
from linreg_lab.gui.plots.neuron.drawing import (
    BACKGROUND,
    INK,
    NODE_FILL,
    fit,
    font_for,
    scale_for,
    shown_inputs,
    trimmed,
)
from linreg_lab.gui.plots.neuron.network import edge_pen, edge_widths, paint_arrowhead
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

REFRESH_INTERVAL_MS = 100  # like the other throttled views: ten redraws a second


def node_symbol(letter: str, i: int | None) -> str:
    """x₁, o₂, ŷ₃ … for index i from 0; the bias input is "1", an ellipsis slot "⋮"."""
    return "⋮" if i is None else f"{letter}{subscript(i + 1)}"


class SoftmaxNetwork(Retranslating, QWidget):
    """Paints x → o = xW + b → softmax → ŷ from the session's current W and b."""

    def __init__(self, session: ClassificationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("softmaxNetwork")
        self._session = session
        self._redraw = ThrottledRedraw(self, self._on_state_changed, REFRESH_INTERVAL_MS)
        session.stateChanged.connect(self._redraw.request)
        session.datasetChanged.connect(self._on_state_changed)
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Softmax regression network"))
        self._on_state_changed()

    # ----- what is shown (paint and tests read the same values) -------------------------
    def captions(self) -> dict[str, str]:
        t = self._session.trainer
        d, k = t.W.shape
        return {
            "input": self.tr("Input layer"),
            "output": self.tr("Output layer"),
            "softmax": self.tr("softmax"),
            "dense": self.tr("fully-connected layer, one layer"),
            "dim": self.tr("d = {d} features, q = {k} classes: W is {d}×{k}, b has {k}").format(
                d=d, k=k),
        }

    def weights(self) -> np.ndarray:
        """[W; b]: (d + 1, k), the bias as the weight of a constant input 1 (the last row)."""
        t = self._session.trainer
        return np.vstack([t.W, t.b[None, :]])

    def edges(self) -> list[tuple[int, int, float, float]]:
        """(input row of [W; b], output class, weight, pen width) of every drawn edge."""
        theta = self.weights()
        d, k = theta.shape[0] - 1, theta.shape[1]
        widths = edge_widths(theta)
        rows = [i for i in shown_inputs(d) if i is not None] + [d]
        cols = [j for j in shown_inputs(k) if j is not None]
        return [(i, j, float(theta[i, j]), float(widths[i, j])) for i in rows for j in cols]

    def _on_state_changed(self) -> None:
        t = self._session.trainer
        self.setAccessibleDescription(self.tr(
            "Softmax regression as a single-layer, fully-connected network: o = xW + b, "
            "ŷ = softmax(o); the weights' norm ‖W‖ = {norm}, b = {b}.").format(
            norm=fmt(float(np.linalg.norm(t.W))), b=", ".join(fmt(v) for v in t.b)))
        self.update()

    # ----- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), BACKGROUND)
            self._paint(painter)
        finally:
            painter.end()

    def _font(self, factor: float) -> object:
        return font_for(self.font(), scale_for(self.width(), self.height()), factor)

    def _paint(self, painter: QPainter) -> None:
        theta = self.weights()
        d, k = theta.shape[0] - 1, theta.shape[1]
        captions = self.captions()
        painter.setFont(self._font(1.0))
        line = painter.fontMetrics().height()
        top, bottom = 1.8 * line, self.height() - 2.4 * line
        w = float(self.width())
        in_slots = [*shown_inputs(d), "bias"]
        out_slots = shown_inputs(k)
        x_in, x_out, x_box, x_hat = 0.1 * w, 0.5 * w, 0.66 * w, 0.88 * w
        in_pos = _column(in_slots, x_in, top, bottom)
        out_pos = _column(out_slots, x_out, top, bottom)
        spacing = (bottom - top) / max(len(in_slots), len(out_slots))
        r = max(6.0, min(0.4 * spacing, 0.06 * w, 18.0))
        self._paint_edges(painter, theta, in_slots, out_slots, in_pos, out_pos, r)
        for slot, pos in zip(in_slots, in_pos, strict=True):
            name = "1" if slot == "bias" else node_symbol("x", slot)
            self._paint_node(painter, pos, r, name, slot is None)
        for slot, pos in zip(out_slots, out_pos, strict=True):
            self._paint_node(painter, pos, r, node_symbol("o", slot), slot is None)
        self._paint_softmax(painter, out_slots, out_pos, r, x_box, x_hat, captions)
        self._paint_captions(painter, captions, x_in, x_out, top, bottom)

    def _paint_edges(self, painter: QPainter, theta: np.ndarray, in_slots: list,
                     out_slots: list, in_pos: list[QPointF], out_pos: list[QPointF],
                     r: float) -> None:
        widths = edge_widths(theta)
        d = theta.shape[0] - 1
        for slot, start in zip(in_slots, in_pos, strict=True):
            if slot is None:
                continue
            i = d if slot == "bias" else slot
            for j, end in zip(out_slots, out_pos, strict=True):
                if j is None:
                    continue
                painter.setPen(edge_pen(float(theta[i, j]), float(widths[i, j])))
                painter.drawLine(trimmed(start, end, r, r + 1))

    def _paint_node(self, painter: QPainter, centre: QPointF, r: float, name: str,
                    ellipsis: bool) -> None:
        box = QRectF(centre.x() - 2 * r, centre.y() - r, 4 * r, 2 * r)
        if ellipsis:
            painter.setPen(INK)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "⋮")
            return
        painter.setPen(QPen(INK, 1.5))
        painter.setBrush(NODE_FILL)
        painter.drawEllipse(centre, r, r)
        painter.setFont(fit(self._font(0.9), name, 1.8 * r))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)
        painter.setFont(self._font(1.0))

    def _paint_softmax(self, painter: QPainter, out_slots: list, out_pos: list[QPointF],
                       r: float, x_box: float, x_hat: float, captions: dict[str, str]) -> None:
        """The softmax box over all outputs (it normalises them together), then ŷ_j."""
        painter.setFont(self._font(1.0))
        label = captions["softmax"]
        width = max(painter.fontMetrics().horizontalAdvance(label) + 12, 3 * r)
        box = QRectF(x_box - width / 2, out_pos[0].y() - r, width,
                     out_pos[-1].y() - out_pos[0].y() + 2 * r)
        painter.setPen(QPen(INK, 1.5))
        for slot, pos in zip(out_slots, out_pos, strict=True):
            if slot is None:
                continue
            into = QLineF(QPointF(pos.x() + r + 1, pos.y()), QPointF(box.left() - 1, pos.y()))
            out = QLineF(QPointF(box.right() + 1, pos.y()), QPointF(x_hat - 1.2 * r, pos.y()))
            for arrow in (into, out):
                painter.drawLine(arrow)
                paint_arrowhead(painter, arrow, INK, 6.0)
            painter.drawText(QRectF(x_hat - r, pos.y() - r, 3 * r, 2 * r),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             node_symbol("ŷ", slot))
        painter.setBrush(BACKGROUND)
        painter.drawRoundedRect(box, 6, 6)
        painter.save()
        painter.translate(box.center())
        if box.height() > box.width():
            painter.rotate(-90)
        painter.drawText(QRectF(-box.height(), -box.width(), 2 * box.height(), 2 * box.width()),
                         Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def _paint_captions(self, painter: QPainter, captions: dict[str, str], x_in: float,
                        x_out: float, top: float, bottom: float) -> None:
        painter.setPen(INK)
        w = float(self.width())
        line = painter.fontMetrics().height()
        for key, x in (("input", x_in), ("output", x_out)):
            rect = QRectF(max(0.0, x - 0.2 * w), 0.2 * line, 0.4 * w, line)
            painter.setFont(fit(self._font(1.0), captions[key], rect.width()))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, captions[key])
        y = bottom + 0.5 * line
        for key in ("dense", "dim"):
            painter.setFont(fit(self._font(0.9), captions[key], w - 8))
            metrics = painter.fontMetrics()
            text = metrics.elidedText(captions[key], Qt.TextElideMode.ElideRight, int(w - 4))
            painter.drawText(QRectF(0, y, w, metrics.height()), Qt.AlignmentFlag.AlignCenter,
                             text)
            height = metrics.height()
            y += height
        painter.setFont(self._font(1.0))


def _column(slots: list, x: float, top: float, bottom: float) -> list[QPointF]:
    """Evenly spaced centres for the slots between top and bottom."""
    spacing = (bottom - top) / max(1, len(slots))
    return [QPointF(x, top + spacing * (n + 0.5)) for n in range(len(slots))]
