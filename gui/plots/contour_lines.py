"""Contour lines of the loss landscape: marching squares in NumPy, drawn as one item.

pyqtgraph's IsocurveItem traces each level in Python (~3 ms a level on the landscape's grid),
and it traced them again in the paint after every data change: eight levels were ~45 ms of a
Generate at 10⁶ points, and of every drag move on small data. Here each level is a handful of
array operations over all cells at once, and every level's segments are one path.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem

# a cell's four edges, from corner to corner: bottom (00→10), right (10→11), top (01→11),
# left (00→01); corners as (di, dj) offsets of the cell's lower-left grid point
_EDGES = (((0, 0), (1, 0)), ((1, 0), (1, 1)), ((0, 1), (1, 1)), ((0, 0), (0, 1)))


def contour_segments(z: np.ndarray, level: float) -> np.ndarray:
    """Segments (m, 2, 2) of the level set z = level, in grid units: point (i, j) is z[i, j].

    A cell whose edges the level crosses twice holds one segment; a saddle (four crossings)
    holds two, paired by the cell's centre value as marching squares does."""
    z = np.asarray(z, dtype=float)
    if z.ndim != 2 or min(z.shape) < 2:
        return np.empty((0, 2, 2))
    ni, nj = z.shape[0] - 1, z.shape[1] - 1
    ci, cj = np.meshgrid(np.arange(ni, dtype=float), np.arange(nj, dtype=float), indexing="ij")
    points, crossed = np.empty((ni, nj, 4, 2)), np.empty((ni, nj, 4), dtype=bool)
    for k, ((ai, aj), (bi, bj)) in enumerate(_EDGES):
        za, zb = z[ai:ai + ni, aj:aj + nj], z[bi:bi + ni, bj:bj + nj]
        crossed[..., k] = (za > level) != (zb > level)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip((level - za) / (zb - za), 0.0, 1.0)
        points[..., k, 0] = ci + ai + t * (bi - ai)
        points[..., k, 1] = cj + aj + t * (bj - aj)
    count = crossed.sum(axis=2)
    two = points[count == 2][crossed[count == 2]].reshape(-1, 2, 2)
    return np.concatenate([two, _saddle_segments(z, level, points, count == 4)])


def _saddle_segments(z: np.ndarray, level: float, points: np.ndarray,
                     saddle: np.ndarray) -> np.ndarray:
    """Two segments per saddle cell: they cut off the two corners unlike the centre."""
    if not saddle.any():
        return np.empty((0, 2, 2))
    i, j = np.nonzero(saddle)
    centre = (z[i, j] + z[i + 1, j] + z[i, j + 1] + z[i + 1, j + 1]) / 4 > level
    p = points[i, j]  # (cells, 4 edges, 2)
    joins_00 = centre == (z[i, j] > level)  # the 00–11 diagonal inside: cut 10 and 01
    first = np.where(joins_00[:, None, None], p[:, [0, 1]], p[:, [0, 3]])
    second = np.where(joins_00[:, None, None], p[:, [2, 3]], p[:, [1, 2]])
    return np.concatenate([first, second])


class ContourLines(pg.PlotCurveItem):
    """Every level's contour of a grid over a data rectangle, as one path of segments."""

    def __init__(self, pen: QPen):
        super().__init__(pen=pen, connect="pairs", antialias=True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # changes with data
        self._segments = np.empty((0, 2, 2))

    def set_contours(self, z: np.ndarray, levels: np.ndarray, rect: QRectF) -> None:
        """Contours of z (grid point [i, j] at the i-th x and j-th y of `rect`, ends included)
        at each of `levels`."""
        parts = [contour_segments(z, float(level)) for level in levels]
        seg = np.concatenate(parts) if parts else np.empty((0, 2, 2))
        scale = (rect.width() / max(z.shape[0] - 1, 1), rect.height() / max(z.shape[1] - 1, 1))
        seg = seg * scale + (rect.x(), rect.y())
        self._segments = seg
        self.setData(seg[:, :, 0].ravel(), seg[:, :, 1].ravel(), connect="pairs")

    def segments(self) -> np.ndarray:
        """The segments drawn, (m, 2, 2) in data units."""
        return self._segments
