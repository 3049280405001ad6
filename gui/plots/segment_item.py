"""A straight line segment drawn by Qt itself: the fit plot's SGD, analytical and true lines.

These lines move on every frame of a run. A pyqtgraph PlotDataItem spends ~0.5 ms of Python
on each setData and another ~0.4 ms in each paint for two points; a QGraphicsLineItem is
painted by Qt in C++, and moving it is one setLine. It carries the `opts` a legend sample
reads (pen, antialias), so it keeps its legend entry, and `getData()` like a curve.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

PAD_PX = 4.0
"""The update rectangle reaches this many pixels past the line: a cosmetic pen is measured
in pixels, which the item's data units know nothing of (a flat line would leave trails)."""


class SegmentItem(QGraphicsLineItem):
    """One segment in data coordinates with a cosmetic pen; takes no mouse buttons."""

    def __init__(self, pen: QPen):
        super().__init__()
        pen = QPen(pen)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # an empty (zero-length) segment draws nothing
        self.setPen(pen)
        self.opts = {"pen": pen, "antialias": True}  # what pyqtgraph's legend sample reads
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rect = QRectF()
        self._points: tuple[np.ndarray, np.ndarray] | tuple[None, None] = (None, None)

    def set_segment(self, xs: Sequence[float], ys: Sequence[float],
                    pixel: tuple[float, float]) -> None:
        """Draw from (xs[0], ys[0]) to (xs[1], ys[1]); empty xs hides the segment. `pixel` is
        the view's (x, y) size of a pixel, so the update rectangle covers the pen."""
        if len(xs) < 2 or not all(math.isfinite(v) for v in (*xs, *ys)):
            self._points = (None, None)
            line, rect = QLineF(), QRectF()
        else:
            self._points = (np.asarray(xs[:2], dtype=float), np.asarray(ys[:2], dtype=float))
            line = QLineF(xs[0], ys[0], xs[1], ys[1])
            px, py = (abs(p) * PAD_PX for p in pixel)
            rect = QRectF(min(xs[0], xs[1]) - px, min(ys[0], ys[1]) - py,
                          abs(xs[1] - xs[0]) + 2 * px, abs(ys[1] - ys[0]) + 2 * py)
        if line == self.line() and rect == self._rect:
            return
        self.prepareGeometryChange()
        self._rect = rect
        self.setLine(line)

    def boundingRect(self) -> QRectF:
        return self._rect

    def getData(self) -> tuple[np.ndarray, np.ndarray] | tuple[None, None]:
        """The two end points as drawn, like a curve's (None, None) when nothing is drawn."""
        return self._points


def view_pixel_size(view_box) -> tuple[float, float]:
    """A pyqtgraph ViewBox's data units per pixel on x and y (0 before it has a size): what
    set_segment needs to pad its update rectangle."""
    try:
        x_px, y_px = view_box.viewPixelSize()
    except (ZeroDivisionError, ValueError, TypeError):  # a view with no size yet
        return 0.0, 0.0
    return float(x_px), float(y_px)
