"""The landscape's contour lines: marching squares over the whole grid at once."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF

from linreg_lab.gui.plots.contour_lines import ContourLines, contour_segments


def _length(segments: np.ndarray) -> float:
    return float(np.linalg.norm(segments[:, 1] - segments[:, 0], axis=1).sum())


def _pyqtgraph_length(z: np.ndarray, level: float) -> float:
    total = 0.0
    for line in pg.functions.isocurve(z, level):
        p = np.asarray(line)
        total += float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum())
    return total


@pytest.mark.parametrize("level", [0.3, 1.0, 2.7])
def test_an_ellipse_is_traced_as_pyqtgraphs_isocurve_traces_it(level):
    i, j = np.meshgrid(np.linspace(-2, 2, 61), np.linspace(-1.5, 1.5, 47), indexing="ij")
    z = i ** 2 + 3 * (j - 0.2) ** 2 + 0.5 * i * j
    seg = contour_segments(z, level)
    assert len(seg) > 10
    assert _length(seg) == pytest.approx(_pyqtgraph_length(z, level), rel=1e-9)
    # every end point lies on a cell edge where z crosses the level (linear interpolation)
    ends = seg.reshape(-1, 2)
    on_edge = np.isclose(ends, np.round(ends)).any(axis=1)
    assert on_edge.all()


def test_a_level_outside_the_values_has_no_contour():
    z = np.arange(12.0).reshape(3, 4)
    assert contour_segments(z, -1.0).shape == (0, 2, 2)
    assert contour_segments(z, 100.0).shape == (0, 2, 2)


def test_a_saddle_cell_holds_two_segments_that_cut_off_the_corners_unlike_the_centre():
    z = np.array([[1.0, 0.0], [0.0, 1.0]])  # z00 = z11 = 1 above, z10 = z01 = 0 below
    low = contour_segments(z, 0.6)  # centre 0.5 is below: the high corners are cut off
    assert low.shape == (2, 2, 2)
    cut = sorted(tuple(np.round(s.mean(axis=0), 6)) for s in low)
    assert cut == [(0.2, 0.2), (0.8, 0.8)]  # around corners 00 and 11
    high = contour_segments(z, 0.4)  # centre above: the low corners 10 and 01 are cut off
    cut = sorted(tuple(np.round(s.mean(axis=0), 6)) for s in high)
    assert cut == [(0.2, 0.8), (0.8, 0.2)]


def test_the_item_draws_the_segments_in_the_data_rectangle(qapp):
    item = ContourLines(pg.mkPen("w"))
    z = np.add.outer(np.arange(5.0), np.arange(3.0))  # z = i + j
    item.set_contours(z, np.array([2.5]), QRectF(10.0, -1.0, 8.0, 4.0))  # 2 per i, 2 per j
    seg = item.segments()
    xs, ys = seg[..., 0], seg[..., 1]
    # on the data line x/2 - 5 + (y + 1)/2 = 2.5, inside the rectangle
    assert np.allclose((xs - 10.0) / 2 + (ys + 1.0) / 2, 2.5)
    assert xs.min() >= 10.0 and xs.max() <= 18.0 and ys.min() >= -1.0 and ys.max() <= 3.0
    x, y = item.getData()
    assert np.array_equal(x, xs.ravel()) and np.array_equal(y, ys.ravel())
