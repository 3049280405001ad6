"""Many points as a density: a 2-D histogram drawn as one image under the fit plot.

A scatter of 10⁵–10⁶ points costs pyqtgraph ~10 µs a point to set and tens of ms to paint,
and at that density the eye sees only how many points lie where. Above DENSITY_MIN_POINTS the
fit plot draws each subset (training, validation) as an image whose opacity grows with the
log of the count per cell, computed once per data change (one bincount, ~20 ms at 10⁶);
individual points come back, clickable and draggable, once the view holds at most
ZOOMED_MAX_POINTS of them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from linreg_lab.gui.plots.view_bounds import finite_bounds

DENSITY_MIN_POINTS = 20_000
"""More points than this (training and validation together) are drawn as a density."""
ZOOMED_MAX_POINTS = 5_000
"""A view holding at most this many points draws them one by one (and hides the density)."""
BINS = 400  # cells per axis over the data's extent: finer than a plot's pixels at 1400 × 900
MIN_ALPHA = 70  # a lone point in a cell stays visible against the white background
_BLOCK = 1 << 16  # points per block of the cell computation


class DensityImage(pg.ImageItem):
    """The density of one subset's points in `colour`; `set_points` is its one input."""

    def __init__(self, colour: str):
        super().__init__(axisOrder="col-major")
        self._rgb = QColor(colour).getRgb()[:3]
        self._counts = np.zeros((0, 0), dtype=np.int64)
        self._extent: tuple[tuple[float, float], tuple[float, float]] | None = None
        self.setZValue(-2)  # under the residual squares, the lines and the points

    def set_points(self, x: np.ndarray, y: np.ndarray,
                   extent: tuple[tuple[float, float], tuple[float, float]]) -> None:
        """Count the finite points into BINS × BINS cells over extent ((x0, x1), (y0, y1))."""
        (x0, x1), (y0, y1) = extent
        counts = np.bincount(_cells(x, y, extent), minlength=BINS * BINS).reshape(BINS, BINS)
        self._counts, self._extent = counts, extent
        self.setImage(self._rgba(counts), autoLevels=False, levels=(0, 255))
        self.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    def move_points(self, old: tuple[np.ndarray, np.ndarray],
                    new: tuple[np.ndarray, np.ndarray]) -> bool:
        """A few points moved from `old` (xs, ys) to `new`: their counts move, O(points)
        instead of counting every point again. False (and nothing changes) when a new
        point lies outside the drawn extent, which set_points must then widen."""
        if self._extent is None:
            return False
        (x0, x1), (y0, y1) = self._extent
        nx, ny = (np.asarray(v, dtype=float) for v in new)
        finite = np.isfinite(nx) & np.isfinite(ny)
        if not np.all((nx[finite] >= x0) & (nx[finite] <= x1)
                      & (ny[finite] >= y0) & (ny[finite] <= y1)):
            return False
        flat = self._counts.reshape(-1).copy()
        np.subtract.at(flat, _cells(*old, self._extent), 1)
        np.add.at(flat, _cells(nx, ny, self._extent), 1)
        self._counts = flat.reshape(BINS, BINS)
        self.setImage(self._rgba(self._counts), autoLevels=False, levels=(0, 255))
        return True

    def clear_points(self) -> None:
        self._counts = np.zeros((0, 0), dtype=np.int64)
        self._extent = None
        self.clear()

    def counts(self) -> np.ndarray:
        """Points per cell, [x cell, y cell] (empty when no density is drawn)."""
        return self._counts

    def _rgba(self, counts: np.ndarray) -> np.ndarray:
        """The subset's colour everywhere; opacity from MIN_ALPHA (one point) to 255 (the
        fullest cell) on a log scale, 0 where no point lies."""
        rgba = np.empty((*counts.shape, 4), dtype=np.uint8)
        rgba[..., :3] = self._rgb
        top = np.log1p(max(int(counts.max(initial=0)), 1))
        alpha = MIN_ALPHA + (255 - MIN_ALPHA) * np.log1p(counts) / max(top, 1e-12)
        rgba[..., 3] = np.where(counts > 0, alpha, 0).astype(np.uint8)
        return rgba


def _cells(x: np.ndarray, y: np.ndarray,
           extent: tuple[tuple[float, float], tuple[float, float]]) -> np.ndarray:
    """The flat cell of each finite point (x, y) in BINS × BINS cells over `extent`."""
    (x0, x1), (y0, y1) = extent
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if not keep.all():
        x, y = x[keep], y[keep]
    # in blocks through two small buffers, clipped while still float: whole-array temporaries
    # of 10⁶ points were fresh pages each time (~40 ms of page faults, 7 ms of arithmetic)
    cells = np.empty(x.size, dtype=np.intp)
    fx, fy = np.empty(min(x.size, _BLOCK)), np.empty(min(x.size, _BLOCK))
    sx, sy = BINS / (x1 - x0), BINS / (y1 - y0)
    for lo in range(0, x.size, _BLOCK):
        hi = min(x.size, lo + _BLOCK)
        a, b, out = fx[:hi - lo], fy[:hi - lo], cells[lo:hi]
        np.subtract(x[lo:hi], x0, out=a)
        np.subtract(y[lo:hi], y0, out=b)
        a *= sx
        b *= sy
        np.clip(a, 0, BINS - 1, out=a)
        np.clip(b, 0, BINS - 1, out=b)
        np.copyto(out, a, casting="unsafe")  # truncates: the x cell
        out *= BINS
        np.floor(b, out=b)
        np.add(out, b, out=out, casting="unsafe")  # integers in float64: exact
    return cells


def data_extent(x: np.ndarray, y: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The finite points' bounds, each side widened a little (and never zero wide)."""
    def span(v: np.ndarray) -> tuple[float, float]:
        bounds = finite_bounds(v)
        if bounds is None:
            return -1.0, 1.0
        lo, hi = bounds
        pad = max(1e-3 * (hi - lo), 1e-9 * max(abs(lo), abs(hi)), 1e-300)
        return lo - pad, hi + pad
    return span(x), span(y)


def in_view(x: np.ndarray, y: np.ndarray,
            view: tuple[tuple[float, float], tuple[float, float]]) -> np.ndarray:
    """Mask of the points inside the view ((x0, x1), (y0, y1))."""
    (x0, x1), (y0, y1) = view
    return (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
