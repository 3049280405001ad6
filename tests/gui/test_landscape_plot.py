"""The loss landscape: its optimum is the analytical solution, a click picks the start."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from linreg_lab.gui.plots.landscape_plot import LandscapePlot
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from tests.gui.language_switch import chinese
from tests.gui.mouse import centre, click, to_data, wheel


@pytest.fixture
def window(make_window):
    return make_window()


def test_optimum_marker_is_the_analytical_solution(window, qtbot):
    plot, s = window.landscape_plot, window.session
    assert plot.optimum_point() == pytest.approx((s.solution.lstsq.w[0], s.solution.lstsq.b))
    s.add_example(3.0, 30.0)  # moves the optimum; the marker follows at once
    assert plot.optimum_point() == pytest.approx((s.solution.lstsq.w[0], s.solution.lstsq.b))


def test_heat_map_minimum_sits_at_the_optimum(window, qtbot):
    plot = window.landscape_plot
    plot.redraw_landscape()
    image, (x0, x1, y0, y1) = plot.heat_map()  # log10 loss on the drawn grid
    i, j = np.unravel_index(np.argmin(image), image.shape)
    ow, ob = plot.optimum_point()
    cell_w, cell_b = (x1 - x0) / (image.shape[0] - 1), (y1 - y0) / (image.shape[1] - 1)
    assert abs(x0 + i * cell_w - ow) <= cell_w and abs(y0 + j * cell_b - ob) <= cell_b


def test_click_sets_the_start_point_and_reset_starts_there(window, qtbot):
    plot, s = window.landscape_plot, window.session
    vp = plot.viewport().rect()
    pos = QPoint(vp.width() // 4, vp.height() // 3)
    w, b = to_data(plot, pos)
    click(plot, pos)
    assert s.hyper.init == "point"
    assert s.hyper.init_w[0] == pytest.approx(w, rel=1e-3)
    assert s.hyper.init_b == pytest.approx(b, rel=1e-3)
    window.lab_actions.reset.trigger()
    assert s.trainer.w[0] == pytest.approx(w, rel=1e-3)
    assert s.trainer.b == pytest.approx(b, rel=1e-3)


def test_path_follows_training(window, qtbot):
    s = window.session
    s.step(40)
    xs, ys = window.landscape_plot.drawn_path()
    assert xs[-1] == pytest.approx(s.trainer.w[0]) and ys[-1] == pytest.approx(s.trainer.b)


def test_two_features_show_w1_w2_at_the_current_b(make_window):
    spec = GenerationSpec(w=(2.0, -3.4), b=4.2, noise_std=0.01, num_examples=200)
    w = make_window(Session(DataState.generated(spec, 1), Hyperparameters()))
    plot = w.landscape_plot
    assert plot.axes_names() == ("w₁", "w₂")
    sol = w.session.solution.lstsq
    assert plot.optimum_point() == pytest.approx((sol.w[0], sol.w[1]))


def test_data_edits_redraw_the_heat_map_throttled(qtbot):
    plot = LandscapePlot(Session())
    qtbot.addWidget(plot)
    plot.show()
    qtbot.waitExposed(plot)
    session = plot._session
    before = plot.heat_map()[0].copy()
    session.add_example(3.0, 30.0)  # the first change draws at once
    first = plot.heat_map()[0].copy()
    assert not np.array_equal(first, before)
    session.add_example(-3.0, -30.0)  # the next one waits for the throttle
    assert np.array_equal(plot.heat_map()[0], first)
    qtbot.waitUntil(lambda: not np.array_equal(plot.heat_map()[0], first), timeout=2000)


def test_language_switch_retranslates_in_place(qtbot):
    spec = GenerationSpec(w=(1.0, 2.0, 3.0), num_examples=50, seed=1)
    many = LandscapePlot(Session(DataState.generated(spec, 1)))
    one = LandscapePlot(Session())
    for plot in (many, one):
        qtbot.addWidget(plot)
    one._session.step(30)
    image, path = one.heat_map()[0].copy(), one.drawn_path()[0].copy()
    with chinese():
        assert many._note.toPlainText() == "只有一个或两个特征时才绘制损失曲面"
        assert one.accessibleName() == "损失曲面"
        assert np.array_equal(one.heat_map()[0], image)
        assert np.array_equal(one.drawn_path()[0], path)
        assert one.getPlotItem().getAxis("bottom").labelText == "w"
    assert many._note.toPlainText() == "The landscape is drawn for one or two features"


# ----- extreme data: a finite heat map, a finite extent, no overflow warnings ------------------


@pytest.mark.parametrize("X, y, start", [
    (np.array([[1e100], [-1e100], [3e99]]), np.array([1e100, 0.0, -1e100]), (1e-60,)),
    (np.array([[1e-100], [2e-100], [3e-100]]), np.array([0.0, 1e100, 0.0]), (0.0,)),
    (np.array([[0.0], [1.0]]), np.array([0.0, 1.0]), (1e90,)),  # the path starts far away
])
def test_extreme_data_give_a_finite_heat_map(qtbot, X, y, start):
    from linreg_lab import core

    s = Session(DataState.from_dataset(core.Dataset(X, y), 0.0, 0),
                Hyperparameters(init="point", init_w=start, init_b=0.0))
    plot = LandscapePlot(s)
    qtbot.addWidget(plot)
    s.step(5)
    plot.redraw_landscape()
    image, extent = plot.heat_map()
    assert np.all(np.isfinite(image)) and np.all(np.isfinite(extent))
    x0, x1, y0, y1 = extent
    assert x0 < x1 and y0 < y1
    for _ in range(300):  # and the wheel cannot zoom it out of the doubles' range
        wheel(plot, centre(plot), -12000)
    (a, b), (c, d) = plot.getPlotItem().getViewBox().viewRange()
    assert np.all(np.isfinite([a, b, c, d]))


def test_contours_wait_for_the_exact_state_after_an_edit_of_large_data(qtbot):
    """A drag on large data redraws only the heat map; the contours follow once settled."""
    session = Session(DataState.generated(GenerationSpec(num_examples=5_000), 1),
                      Hyperparameters())
    plot = LandscapePlot(session)
    qtbot.addWidget(plot)
    plot.show()
    qtbot.waitExposed(plot)

    def contours_shown() -> bool:
        segments = plot.contours()
        return segments is not None and len(segments) > 0

    assert contours_shown()
    row = int(session.data.train_rows[0])
    session.move_example(row, 4.0, 40.0)
    assert not session.settled
    plot.redraw_landscape()
    assert not contours_shown()
    image_before, _ = plot.heat_map()
    session.settle()
    qtbot.waitUntil(contours_shown, timeout=2_000)
    image, _ = plot.heat_map()
    assert image is not image_before  # the heat map was redrawn for the exact state
    plot.shutdown()


def test_the_contours_axes_show_the_long_valley_of_features_near_100(window, qtbot):
    """Issue 13's conditioning: x near 100 makes the valley long and thin, nearly along b;
    the dashed axis is its flattest direction (the Hessian's eigenvector of λmin)."""
    from linreg_lab.core.conditioning import curvature

    s, plot = window.session, window.landscape_plot
    s.generate(GenerationSpec(x_range=(90.0, 110.0)))
    qtbot.waitUntil(lambda: plot.contour_axes()[0][0].size == 2, timeout=3000)
    (fx, fy), (sx, sy) = plot.contour_axes()
    flat = np.array([fx[1] - fx[0], fy[1] - fy[0]])
    steep = np.array([sx[1] - sx[0], sy[1] - sy[0]])
    axis = curvature(s.stats).axes[:, 0]
    cos = abs(flat @ axis) / np.linalg.norm(flat)
    assert cos == pytest.approx(1.0, abs=1e-9) and abs(flat @ steep) < 1e-6 * np.linalg.norm(
        flat) * np.linalg.norm(steep)
    assert abs(axis[1]) > 0.99  # mostly along b: changing b ≈ changing w by 1/100
    ox, oy = plot.optimum_point()
    assert np.mean(fx) == pytest.approx(ox) and np.mean(fy) == pytest.approx(oy)


def test_a_valley_without_a_unique_minimum_draws_no_axes(window, qtbot):
    from linreg_lab import core

    s, plot = window.session, window.landscape_plot
    s.load_dataset(core.Dataset(np.full((5, 1), 3.0), np.arange(5.0)), "same x")
    qtbot.wait(300)
    assert all(xs is None or len(xs) == 0 for xs, _ in plot.contour_axes())
