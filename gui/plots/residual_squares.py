"""Each point's squared residual drawn as a square: side |y − ŷ|, area (y − ŷ)².

The squares are drawn in screen units: the vertical side is the residual as drawn, the
horizontal side the same length on screen, so each is a true square whatever the axes'
scales, and the areas on screen compare as the squared residuals do. (In data units a square
would be one only on equal-aspect axes.) Each square hangs off its point towards the line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

MAX_SQUARES = 2_000
"""Squares drawn at most: above this many points, evenly spaced ones (a frame's worth)."""


class ResidualSquares(QGraphicsPathItem):
    """One path of squares in view coordinates; set_squares() rebuilds it."""

    def __init__(self, colour: str) -> None:
        super().__init__()
        self.set_colour(colour)
        self._rects = np.empty((0, 4))

    def set_colour(self, colour: str) -> None:
        pen = pg.mkPen(colour, width=1.2)
        pen.setCosmetic(True)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(50)
        self.setBrush(fill)

    def set_squares(self, x: np.ndarray, y: np.ndarray, y_hat: np.ndarray,
                    x_per_y: float) -> None:
        """Squares between each (x, y) and (x, ŷ); x_per_y converts a length on the y axis
        into the x-axis length that looks the same on screen."""
        if x.size > MAX_SQUARES:
            k = -(-x.size // MAX_SQUARES)
            x, y, y_hat = x[::k], y[::k], y_hat[::k]
        path = QPainterPath()
        with np.errstate(over="ignore", invalid="ignore"):
            side = np.abs(y - y_hat)
            width = side * x_per_y
            top = np.minimum(y, y_hat)
        keep = np.isfinite(width) & np.isfinite(top) & np.isfinite(x) & (side > 0)
        for xi, ti, wi, si in zip(x[keep], top[keep], width[keep], side[keep], strict=True):
            path.addRect(QRectF(float(xi), float(ti), float(wi), float(si)))
        self._rects = np.column_stack([x[keep], top[keep], width[keep], side[keep]])
        self.setPath(path)

    def count(self) -> int:
        """Squares in the path now."""
        return len(self._rects)

    def rects(self) -> np.ndarray:
        """The squares drawn, one row (left, bottom, width, height) in data units each."""
        return self._rects.copy()

    def clear(self) -> None:
        self._rects = np.empty((0, 4))
        self.setPath(QPainterPath())
