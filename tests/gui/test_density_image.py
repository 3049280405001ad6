"""Big data on the fit plot: a density image, the points themselves once zoomed in."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from linreg_lab.gui.plots.density_image import DENSITY_MIN_POINTS, ZOOMED_MAX_POINTS
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from tests.gui.mouse import centre, drag, to_data, to_pixel, wheel


def _window(make_window, n: int):
    session = Session(DataState.generated(GenerationSpec(num_examples=n), 1),
                      Hyperparameters(num_epochs=0))
    w = make_window(session)
    w.resize(1200, 800)
    return w


def _zoom_onto(plot, x: float, y: float, notches: int = 14) -> None:
    """Real wheel notches over a data point until few points are in view."""
    for _ in range(notches):
        wheel(plot, to_pixel(plot, x, y), 120)
        (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
        ds = plot._session.dataset
        inside = ((ds.X[:, 0] >= x0) & (ds.X[:, 0] <= x1) & (ds.y >= y0) & (ds.y <= y1))
        if inside.sum() <= ZOOMED_MAX_POINTS // 4:
            return
    raise AssertionError("the wheel did not zoom in far enough")


def test_small_data_are_drawn_as_points(make_window):
    w = _window(make_window, 500)
    assert not w.fit_plot.density_shown()
    assert w.fit_plot.shown_points()[0].size == 500


def test_many_points_are_a_density_image_of_every_training_point(make_window):
    n = 2 * DENSITY_MIN_POINTS
    w = _window(make_window, n)
    plot, s = w.fit_plot, w.session
    assert plot.density_shown()
    assert plot.shown_points()[0].size == 0  # no scatter of 40,000 points to paint
    assert plot.density_counts().sum() == s.data.n_train
    image = plot.grab().toImage()  # the density is painted: dark pixels near the data's centre
    c = to_pixel(plot, float(np.median(s.dataset.X[:, 0])), float(np.median(s.dataset.y)))
    assert image.pixelColor(c).lightness() < 200


def test_zooming_in_draws_the_points_in_view_and_zooming_out_the_density(make_window):
    w = _window(make_window, 2 * DENSITY_MIN_POINTS)
    plot, s = w.fit_plot, w.session
    x, y = float(s.dataset.X[7, 0]), float(s.dataset.y[7])
    _zoom_onto(plot, x, y)
    assert not plot.density_shown()
    xs, ys = plot.shown_points()
    assert 0 < xs.size <= ZOOMED_MAX_POINTS
    assert np.any((xs == x) & (ys == y))  # the point under the wheel is drawn itself
    for _ in range(20):
        wheel(plot, centre(plot), -120)
    assert plot.density_shown()


def test_a_point_can_be_dragged_at_high_zoom_on_big_data(make_window, qtbot):
    w = _window(make_window, 2 * DENSITY_MIN_POINTS)
    plot, s = w.fit_plot, w.session
    row = 11
    x, y = float(s.dataset.X[row, 0]), float(s.dataset.y[row])
    _zoom_onto(plot, x, y)
    depth = s.undo_stack.count()
    start = to_pixel(plot, x, y)
    end = start + QPoint(25, -30)
    drag(plot, start, end)
    ex, ey = to_data(plot, end)
    assert s.dataset.X[row, 0] == pytest.approx(ex, rel=1e-9, abs=1e-9)
    assert s.dataset.y[row] == pytest.approx(ey, rel=1e-9, abs=1e-9)
    assert s.undo_stack.count() == depth + 1
    xs, ys = plot.shown_points()
    assert np.any((xs == s.dataset.X[row, 0]) & (ys == s.dataset.y[row]))  # drawn where it is now
    assert not np.any((xs == x) & (ys == y))


def test_on_big_data_a_drag_moves_the_marker_and_edits_once_on_release(make_window,
                                                                       monkeypatch):
    """Above LIVE_DRAG_MAX_POINTS each move would copy the data for undo: the point follows
    the mouse on its marker, and the data take one edit when the button is released."""
    monkeypatch.setattr("linreg_lab.gui.plots.fit_plot.LIVE_DRAG_MAX_POINTS", 100)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest

    from tests.gui.mouse import _send

    w = _window(make_window, 300)
    plot, s = w.fit_plot, w.session
    row = 5
    x, y = float(s.dataset.X[row, 0]), float(s.dataset.y[row])
    start, left, none = to_pixel(plot, x, y), Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    data, depth = s.data, s.undo_stack.count()
    _send(plot, QMouseEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, 6):
        pos = start + QPoint(8 * i, -6 * i)
        QTest.qWait(12)  # pyqtgraph drops moves within 10 ms of the last (a hand never does)
        _send(plot, QMouseEvent.Type.MouseMove, pos, none, left)
        assert s.data is data  # nothing copied while the mouse moves
        assert plot.dragged_point() == pytest.approx(to_data(plot, pos), rel=1e-9, abs=1e-9)
    end = start + QPoint(40, -30)
    _send(plot, QMouseEvent.Type.MouseButtonRelease, end, left, none)
    ex, ey = to_data(plot, end)
    assert s.dataset.X[row, 0] == pytest.approx(ex, rel=1e-9, abs=1e-9)
    assert s.dataset.y[row] == pytest.approx(ey, rel=1e-9, abs=1e-9)
    assert s.undo_stack.count() == depth + 1 and plot.dragged_point() is None
    xs, _ = plot.shown_points()
    assert xs.size == s.dataset.n_examples  # back in the scatter, where the data have it
    w.lab_actions.undo.trigger()
    assert (s.dataset.X[row, 0], s.dataset.y[row]) == (x, y)


def test_a_moved_point_moves_its_count_as_a_full_recount_would(make_window):
    """A drag's release and its undo on dense data move one count cell to cell; the density
    then equals counting every point again over the same extent."""
    from linreg_lab.gui.plots.density_image import BINS

    w = _window(make_window, 2 * DENSITY_MIN_POINTS)
    plot, s = w.fit_plot, w.session
    row = int(s.data.train_rows[3])
    before = plot.density_counts().copy()
    x0, y0 = float(s.dataset.X[row, 0]), float(s.dataset.y[row])
    image = plot._densities[plot._train]
    (ex0, ex1), (ey0, ey1) = image._extent
    target = (ex0 + 0.25 * (ex1 - ex0), ey0 + 0.75 * (ey1 - ey0))  # inside the extent
    s.move_example(row, target[0], target[1])
    after = plot.density_counts()
    train = s.data.train_set
    cx = np.clip(((train.X[:, 0] - ex0) * (BINS / (ex1 - ex0))).astype(int), 0, BINS - 1)
    cy = np.clip(((train.y - ey0) * (BINS / (ey1 - ey0))).astype(int), 0, BINS - 1)
    recount = np.bincount(cx * BINS + cy, minlength=BINS * BINS).reshape(BINS, BINS)
    np.testing.assert_array_equal(after, recount)
    assert after.sum() == before.sum() and not np.array_equal(after, before)
    s.undo_stack.undo()
    assert (s.dataset.X[row, 0], s.dataset.y[row]) == (x0, y0)
    np.testing.assert_array_equal(plot.density_counts(), before)
    far = (ex1 + 10 * (ex1 - ex0), ey1)  # outside: the extent grows, every point recounted
    s.move_example(row, *far)
    (_, nx1), _ = image._extent
    assert nx1 > ex1 and plot.density_counts().sum() == s.data.n_train


def test_each_point_is_counted_in_its_cell_as_a_2d_histogram_counts_it(qapp):
    """More points than one block of the cell computation, with points on the extent's edges
    and beyond it (counted in the edge cells) and non-finite ones (not counted)."""
    from linreg_lab.gui.plots.density_image import BINS, DensityImage

    rng = np.random.default_rng(4)
    n = 150_000
    x, y = rng.uniform(-1.0, 3.0, n), rng.uniform(0.0, 2.0, n)
    x[:4], y[:4] = [-1.0, 3.0, 1e300, -1e300], [0.0, 2.0, 1.0, 1.0]
    x[4], y[5] = np.nan, np.inf
    image = DensityImage("#000000")
    image.set_points(x, y, ((-1.0, 3.0), (0.0, 2.0)))
    keep = np.isfinite(x) & np.isfinite(y)
    expected, _, _ = np.histogram2d(np.clip(x[keep], -1.0, 3.0), np.clip(y[keep], 0.0, 2.0),
                                    bins=BINS, range=((-1.0, 3.0), (0.0, 2.0)))
    assert np.array_equal(image.counts(), expected.astype(np.int64))
    assert image.counts()[BINS - 1, BINS // 2] >= 1  # 1e300 is at the right edge, not the left
