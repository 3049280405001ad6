"""The fit plot edits data through real mouse and key events on its viewport."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QComboBox, QLabel

from linreg_lab.gui.panels.fit_panel import FitPanel
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.session import RefusedChange, Session
from tests.gui.language_switch import chinese, is_chinese
from tests.gui.mouse import centre, click, drag, to_data, to_pixel, wheel


@pytest.fixture
def window(make_window):
    return make_window()


def _empty_spot(plot) -> QPoint:
    """A viewport pixel far from every data point."""
    vp = plot.viewport().rect()
    ds = plot._session.dataset
    best, best_d = None, -1.0
    for fx in np.linspace(0.2, 0.8, 7):
        for fy in np.linspace(0.2, 0.8, 7):
            p = QPoint(int(vp.width() * fx), int(vp.height() * fy))
            pts = [to_pixel(plot, a, b) for a, b in zip(ds.X[:, 0], ds.y, strict=True)]
            d = min(np.hypot(q.x() - p.x(), q.y() - p.y()) for q in pts)
            if d > best_d:
                best, best_d = p, d
    return best


def test_click_adds_point_at_clicked_coordinates(window, qtbot):
    plot = window.fit_plot
    n = window.session.dataset.n_examples
    pos = _empty_spot(plot)
    click(plot, pos)
    ds = window.session.dataset
    assert ds.n_examples == n + 1
    x, y = ds.X[-1, 0], ds.y[-1]
    got = to_pixel(plot, x, y)
    assert abs(got.x() - pos.x()) <= 1 and abs(got.y() - pos.y()) <= 1


def test_click_updates_analytical_line_at_once(window):
    plot = window.fit_plot
    before = window.session.solution.lstsq.w.copy()
    click(plot, _empty_spot(plot))
    assert not np.array_equal(before, window.session.solution.lstsq.w)


def test_drag_moves_a_point_and_is_one_undo_step(window):
    plot, s = window.fit_plot, window.session
    x0, y0 = s.dataset.X[0, 0], s.dataset.y[0]
    start = to_pixel(plot, x0, y0)
    end = start + QPoint(30, -40)
    before_X, before_y = s.dataset.X.copy(), s.dataset.y.copy()
    depth = s.undo_stack.count()
    drag(plot, start, end)
    ex, ey = to_data(plot, end)
    assert s.dataset.n_examples == before_y.size
    assert s.dataset.X[0, 0] == pytest.approx(ex, abs=abs(ex) * 1e-9 + 1e-9)
    assert s.dataset.y[0] == pytest.approx(ey, abs=abs(ey) * 1e-9 + 1e-9)
    assert s.undo_stack.count() == depth + 1
    xs, ys = plot.shown_points()  # drawn where the model has it, once, after the drag
    assert xs.size == s.dataset.n_examples
    assert np.any((xs == s.dataset.X[0, 0]) & (ys == s.dataset.y[0]))
    window.lab_actions.undo.trigger()
    np.testing.assert_array_equal(s.dataset.X, before_X)
    np.testing.assert_array_equal(s.dataset.y, before_y)


def test_right_click_removes_the_point(window):
    plot, s = window.fit_plot, window.session
    n = s.dataset.n_examples
    target = s.dataset.y[5]
    click(plot, to_pixel(plot, s.dataset.X[5, 0], s.dataset.y[5]), Qt.MouseButton.RightButton)
    assert s.dataset.n_examples == n - 1
    assert target not in s.dataset.y


def test_select_then_delete_key_removes_the_point(window, qtbot):
    plot, s = window.fit_plot, window.session
    n = s.dataset.n_examples
    target = s.dataset.y[3]
    click(plot, to_pixel(plot, s.dataset.X[3, 0], s.dataset.y[3]))
    assert s.dataset.n_examples == n  # a click on a point selects, it does not add
    qtbot.keyClick(plot, Qt.Key.Key_Delete)
    assert s.dataset.n_examples == n - 1
    assert target not in s.dataset.y


def test_undo_redo_restore_exact_data(window, qtbot):
    plot, s = window.fit_plot, window.session
    X0, y0 = s.dataset.X.copy(), s.dataset.y.copy()
    click(plot, _empty_spot(plot))
    X1, y1 = s.dataset.X.copy(), s.dataset.y.copy()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    np.testing.assert_array_equal(s.dataset.X, X0)
    np.testing.assert_array_equal(s.dataset.y, y0)
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    np.testing.assert_array_equal(s.dataset.X, X1)
    np.testing.assert_array_equal(s.dataset.y, y1)


def test_lines_use_the_session_parameters(window):
    s, plot = window.session, window.fit_plot
    s.step(20)
    xs, ys = plot.line_points("sgd")
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(s.trainer.w[0])
    xs, ys = plot.line_points("analytical")
    assert ys[0] == pytest.approx(s.solution.lstsq.w[0] * xs[0] + s.solution.lstsq.b)


def test_language_switch_retranslates_in_place(qtbot):
    spec = GenerationSpec(w=(2.0, -3.4), num_examples=50, seed=1)
    panel = FitPanel(Session(DataState.generated(spec, 1)))
    qtbot.addWidget(panel)
    plot, chooser = panel.plot, panel.findChild(QComboBox)
    chooser.setCurrentIndex(1)  # the learner looks at x₂ alone
    legend = plot.getPlotItem().legend
    sgd_label = legend.getLabel(plot._sgd_line)
    train_label = legend.getLabel(plot._train)
    hint = panel.findChild(QLabel)
    with chinese():
        assert chooser.currentIndex() == 1 and chooser.currentText() == "单特征视图：x2"
        assert chooser.itemText(2) == "预测值与实际值"
        assert is_chinese(chooser.toolTip()) and is_chinese(hint.text())
        assert train_label.text == "训练数据" and sgd_label.text == "SGD"
        assert plot.getPlotItem().getAxis("bottom").labelText == "x2"
        chooser.setCurrentIndex(2)
        assert plot.getPlotItem().getAxis("bottom").labelText == "实际值 y"
        assert len(legend.items) == 6
    assert train_label.text == "training data"
    assert chooser.currentText() == "predicted vs actual"
    assert plot.getPlotItem().getAxis("left").labelText == "predicted ŷ"


# ----- framing and zooming stay finite, whatever the data and the wheel do --------------------


def _finite_view(plot) -> bool:
    (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
    return all(np.isfinite(v) for v in (x0, x1, y0, y1)) and x0 < x1 and y0 < y1


def test_zooming_out_far_never_sets_an_infinite_range(window):
    plot = window.fit_plot
    for _ in range(400):  # each -12000 eighths of a degree zooms out ~1e13 times
        wheel(plot, centre(plot), -12000)
    assert _finite_view(plot)
    for _ in range(400):
        wheel(plot, centre(plot), 12000)
    assert _finite_view(plot)


def test_fit_view_frames_the_data_again_after_zooming_far_out(window):
    plot, s = window.fit_plot, window.session
    for _ in range(50):
        wheel(plot, centre(plot), -12000)
    window.lab_actions.fit_view.trigger()  # frames the points, not the lines spanning the view
    (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
    x, y = s.dataset.X[:, 0], s.dataset.y
    assert x0 <= x.min() and x.max() <= x1 and y0 <= y.min() and y.max() <= y1
    assert x1 - x0 < 3 * np.ptp(x) and y1 - y0 < 3 * np.ptp(y)


@pytest.mark.parametrize("X, y", [
    (np.full((5, 1), 1e100), np.full(5, -1e100)),      # one point, repeated, at the limits
    (np.array([[1e-300], [2e-300]]), np.array([1e100, -1e100])),  # a slope of ~1e400
    (np.array([[-1e100], [1e100]]), np.array([0.0, 5e-324])),
])
def test_extreme_data_are_framed_and_drawn_finitely(window, X, y):
    from linreg_lab import core

    plot, s = window.fit_plot, window.session
    with contextlib.suppress(RefusedChange):  # refused data leave the view as it was
        s.load_dataset(core.Dataset(X, y), "extreme")
    window.lab_actions.fit_view.trigger()
    s.step(3)
    window.lab_actions.residuals.setChecked(True)
    assert _finite_view(plot)
    for which in ("sgd", "analytical"):
        xs, ys = plot.line_points(which)
        assert xs is None or (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys)))


def test_a_steep_line_is_drawn_only_where_it_is_visible():
    from linreg_lab.gui.plots.fit_plot import _line_segment

    xs, ys = _line_segment(1e200, 0.0, (-1.0, 1.0), (-2.0, 2.0))
    assert xs == [-2e-200, 2e-200] and ys == [-2.0, 2.0]
    assert _line_segment(1.0, 10.0, (-1.0, 1.0), (-2.0, 2.0)) == ([], [])  # misses the view
    assert _line_segment(float("inf"), 0.0, (-1.0, 1.0), (-2.0, 2.0)) == ([], [])
    assert _line_segment(0.0, 1.0, (-1.0, 1.0), (-2.0, 2.0)) == ([-1.0, 1.0], [1.0, 1.0])


def test_clicks_near_points_far_beyond_the_view_raise_nothing(window):
    from linreg_lab import core

    plot, s = window.fit_plot, window.session
    s.load_dataset(core.Dataset(np.array([[0.0], [1.0], [2.0]]), np.array([0.0, 1e100, 1.0])),
                   "one far point")
    plot.getPlotItem().setRange(xRange=(0, 2), yRange=(-1e-200, 1e-200), padding=0)
    click(plot, to_pixel(plot, 0.0, 0.0))  # pixels of the far point overflow: never a hit
    click(plot, to_pixel(plot, 1.0, 0.0), Qt.MouseButton.RightButton)
    assert s.dataset.n_examples in (3, 4)


def test_residuals_of_big_data_stay_a_frame_of_lines(window):
    """10⁶ residual segments took seconds and 2 GB per paint in a monkey run."""
    from linreg_lab.gui.plots.fit_plot import MAX_RESIDUALS
    from linreg_lab.gui.state.data_state import GenerationSpec

    s = window.session
    window.lab_actions.residuals.setChecked(True)
    s.generate(GenerationSpec(num_examples=200_000))
    s.step(1)
    xs, _ = window.fit_plot._residuals.getData()
    assert 0 < xs.size <= 2 * MAX_RESIDUALS
    s.generate(GenerationSpec(num_examples=50))
    s.step(1)
    assert window.fit_plot._residuals.getData()[0].size == 2 * 50  # every point


def test_marks_near_the_doubles_limit_can_be_drawn_and_clicked(window, qtbot):
    """A long monkey run: marks at ŷ = ±1.7e308 (a far prediction of a diverged line)
    overflowed pyqtgraph's scatter bounds (xmax − xmin) on the next click."""
    from linreg_lab.gui.state.prediction import Prediction
    from tests.gui.mouse import centre

    plot = window.fit_plot
    plot.set_prediction(Prediction(x=(1.0,), sgd=1.7e308, analytical=-1.7e308,
                                   true=None))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=centre(plot))
    plot.grab()
    window.lab_actions.fit_view.trigger()
    assert _finite_view(plot)


def test_delete_pressed_during_a_drag_ends_the_drag(window, qtbot):
    """A monkey run: Delete in the middle of a drag removed the dragged (last) point, and
    the next redraw indexed it: IndexError. The rest of such a drag now moves nothing."""
    from PySide6.QtGui import QMouseEvent

    from tests.gui.mouse import _send

    s, plot = window.session, window.fit_plot
    row = s.dataset.n_examples - 1
    start = plot.mapFromScene(plot.plotItem.vb.mapViewToScene(
        QPointF(float(s.dataset.X[row, 0]), float(s.dataset.y[row]))))
    left = Qt.MouseButton.LeftButton
    _send(plot, QMouseEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, 4):
        _send(plot, QMouseEvent.Type.MouseMove, start + QPoint(6 * i, 3 * i),
              Qt.MouseButton.NoButton, left)
    moved = s.dataset.n_examples
    s.remove_examples([row])  # what Delete on the selected point does
    before = s.dataset
    for i in range(4, 7):
        _send(plot, QMouseEvent.Type.MouseMove, start + QPoint(6 * i, 3 * i),
              Qt.MouseButton.NoButton, left)
    _send(plot, QMouseEvent.Type.MouseButtonRelease, start + QPoint(40, 20), left,
          Qt.MouseButton.NoButton)
    assert s.dataset is before and s.dataset.n_examples == moved - 1


def test_a_drag_moves_the_point_without_pyqtgraphs_hover_search(window, monkeypatch):
    """The item search under the mouse runs for hovering, not for each move of a drag."""
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest

    from tests.gui.mouse import _send, move

    window.resize(1400, 900)
    QTest.qWait(50)
    plot, s = window.fit_plot, window.session
    searches = []
    scene = plot.scene()
    near = scene.itemsNearEvent

    def counted(*args, **kwargs):
        searches.append(1)
        return near(*args, **kwargs)

    monkeypatch.setattr(scene, "itemsNearEvent", counted)
    row = 0
    start = to_pixel(plot, float(s.dataset.X[row, 0]), float(s.dataset.y[row]))
    move(plot, start)
    assert searches  # hovering looks for items
    searches.clear()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(plot, QMouseEvent.Type.MouseButtonPress, start, left, left)  # (a press looks)
    searches.clear()
    for i in range(1, 6):
        QTest.qWait(12)
        _send(plot, QMouseEvent.Type.MouseMove, start + QPoint(8 * i, -8 * i), none, left)
    assert len(searches) <= 1  # the drag's start finds what to drag; no move looks again
    _send(plot, QMouseEvent.Type.MouseButtonRelease, start + QPoint(40, -40), left, none)
    assert s.undo_stack.count() == 1 and s.dataset.X[row, 0] == pytest.approx(
        to_data(plot, start + QPoint(40, -40))[0])  # the point moved with the mouse
    move(plot, start + QPoint(41, -41))
    assert searches  # and hovering after the drag looks again
