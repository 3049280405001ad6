"""A pyqtgraph scatter whose bounding rectangle is worked out once per change, not per call.

Qt asks every item for its boundingRect many times a frame (to index the scene, to decide
what an update exposes, to clip a paint); pyqtgraph's ScatterPlotItem computes it afresh each
time, with the device's pixel vectors for its padding: ~35 calls and ~2 ms of Python in every
frame of a run. Its rectangle changes only with the data, the spots' sizes or the view, and
pyqtgraph replaces its `bounds` list on each of those (setData, clear, a new view transform),
so that list's identity is the key of a cached rectangle.

Setting the points costs pyqtgraph ~5 µs each in Python, to look up each point's symbol in its
atlas, style by style, though the scatters of the lab give every point the same style: then
the one style is looked up once for all (a drag's start and end re-send 10⁴ points: ~45 ms).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import _DEFAULT_STYLE
from PySide6.QtCore import QRectF

_STYLE = ("symbol", "size", "pen", "brush")


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

    def updateSpots(self, dataSet=None) -> None:
        data = self.data if dataSet is None else dataSet
        if not (self.opts["pxMode"] and self.opts["useCache"]) or not self._uniform(data):
            super().updateSpots(dataSet)
            return
        unset = data["sourceRect"]["w"] == 0
        if np.any(unset):
            style = tuple(self.opts[name] for name in _STYLE)
            data["sourceRect"][unset] = self.fragmentAtlas[[style]][0]
            self._maybeRebuildAtlas()
        self._updateMaxSpotSizes(data=data)
        if np.any(unset):
            self.invalidate()

    def _uniform(self, data: np.ndarray) -> bool:
        """No point has a style of its own (nor a hover style): all are drawn as opts say."""
        return not self.opts["hoverable"] and all(
            np.all(np.equal(data[name], _DEFAULT_STYLE[name])) for name in _STYLE)
