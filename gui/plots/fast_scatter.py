"""A pyqtgraph scatter whose bounding rectangle is worked out once per change, not per call.

Qt asks every item for its boundingRect many times a frame (to index the scene, to decide
what an update exposes, to clip a paint); pyqtgraph's ScatterPlotItem computes it afresh each
time, with the device's pixel vectors for its padding: ~35 calls and ~2 ms of Python in every
frame of a run. Its rectangle changes only with the data, the spots' sizes or the view, and
pyqtgraph replaces its `bounds` list on each of those (setData, clear, a new view transform),
so that list's identity is the key of a cached rectangle.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF


class FastScatter(pg.ScatterPlotItem):
    """ScatterPlotItem with its bounding rectangle cached until the data or the view change."""

    _rect_key: tuple[list, float] | None = None
    _rect = QRectF()

    def boundingRect(self) -> QRectF:
        key = self._rect_key
        if key is None or key[0] is not self.bounds or key[1] != self._maxSpotPxWidth:
            rect = super().boundingRect()
            self._rect_key, self._rect = (self.bounds, self._maxSpotPxWidth), rect
        return QRectF(self._rect)
