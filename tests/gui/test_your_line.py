"""Your own line: set by dragging its handles on the fit plot, compared by squares and sums."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.line_fits import sums_of_squares
from linreg_lab.gui.state.session import RefusedChange, Session
from tests.gui.language_switch import chinese, is_chinese
from tests.gui.mouse import click, drag, to_data, to_pixel, wheel


@pytest.fixture
def session(qapp):
    s = Session()
    yield s
    s.deleteLater()


@pytest.fixture
def window(make_window):
    w = make_window()
    w.findChild(type(w.lab_actions.your_line), "actionYourLine").trigger()
    QApplication.processEvents()
    return w


def _on_line(line, x: float) -> float:
    w, b = line
    return float(w[0] * x + b)


# ----- the Session ---------------------------------------------------------------------------
def test_your_line_is_set_checked_and_announced(session, qtbot):
    assert session.your_line is None
    with qtbot.waitSignal(session.yourLineChanged):
        session.set_your_line([1.5], -0.25)
    w, b = session.your_line
    assert w.tolist() == [1.5] and b == -0.25
    for bad in (([np.nan], 0.0), ([1.0], np.inf), ([1.0, 2.0], 0.0), ([1e101], 0.0),
                (["two"], 0.0), ([1.0], None)):
        with pytest.raises(RefusedChange):
            session.set_your_line(*bad)
        assert session.your_line[0].tolist() == [1.5] and session.your_line[1] == -0.25


def test_a_first_line_is_flat_through_the_mean_label(session):
    session.ensure_your_line()
    w, b = session.your_line
    assert w.tolist() == [0.0]
    assert b == pytest.approx(session.data.train_set.y.mean())


def test_snap_and_start_sgd_from_your_line(session):
    session.set_your_line([0.5], 1.0)
    session.step(7)
    session.start_sgd_from_your_line()
    t = session.trainer
    assert t.steps == 0 and t.w.tolist() == [0.5] and t.b == 1.0
    assert session.hyper.init == "point"
    session.snap_your_line()
    w, b = session.your_line
    np.testing.assert_array_equal(w, session.solution.lstsq.w)
    assert b == session.solution.lstsq.b


def test_start_sgd_without_a_line_is_refused(session):
    with pytest.raises(RefusedChange):
        session.start_sgd_from_your_line()
    assert session.hyper.init == "normal"


def test_data_with_another_number_of_features_drop_your_line(session, qtbot):
    session.set_your_line([1.0], 0.0)
    session.generate(GenerationSpec(w=(1.0, 2.0)))
    assert session.your_line is None
    session.undo_stack.undo()
    assert session.your_line is None  # a view setting, not on the undo stack


def test_sums_of_squares_have_the_analytical_floor(session):
    session.set_your_line([0.0], 0.0)
    sums = sums_of_squares(session)
    train = session.data.train_set
    for key, (w, b) in (("yours", ([0.0], 0.0)), ("sgd", (session.trainer.w, session.trainer.b))):
        assert sums[key] == pytest.approx(core.goodness_of_fit(train.X, train.y, w, b).ssr)
    assert sums["analytical"] <= min(sums["yours"], sums["sgd"])


# ----- the window --------------------------------------------------------------------------
def test_the_mode_shows_your_line_and_its_handles(window):
    plot, s = window.fit_plot, window.session
    assert plot.your_line_shown() and s.your_line is not None
    xs, ys = plot.line_points("yours")
    assert len(xs) == 2
    for x, y in zip(xs, ys, strict=True):
        assert y == pytest.approx(_on_line(s.your_line, x))
    window.lab_actions.your_line.trigger()
    assert not plot.your_line_shown() and plot.line_points("yours")[0] is None
    assert not any(h.isVisible() for h in plot._yours.handles)


def test_dragging_a_handle_turns_the_line_about_the_other(window):
    plot, s = window.fit_plot, window.session
    n = s.dataset.n_examples
    (ax, ay), (bx, by) = plot.your_line_handles()
    start = to_pixel(plot, bx, by)
    end = start - type(start)(0, 60)  # 60 pixels up
    drag(plot, start, end)
    _, ty = to_data(plot, end)
    line = s.your_line
    assert s.dataset.n_examples == n  # no point was moved or added
    assert _on_line(line, ax) == pytest.approx(ay, abs=1e-9 + 1e-9 * abs(ay))
    moved = to_pixel(plot, bx, _on_line(line, bx))  # the handle kept its x, went with the mouse
    assert abs(moved.y() - end.y()) <= 1 and abs(moved.x() - end.x()) <= 1
    assert _on_line(line, bx) > by  # up is up
    hx, hy = plot.your_line_handles()[1]
    assert hx == pytest.approx(bx) and hy == pytest.approx(_on_line(line, bx))
    assert abs(ty - hy) < abs(ty - by)


def test_a_click_on_a_handle_adds_no_point(window):
    plot, s = window.fit_plot, window.session
    n = s.dataset.n_examples
    click(plot, to_pixel(plot, *plot.your_line_handles()[0]))
    assert s.dataset.n_examples == n


def test_snap_button_puts_your_line_on_the_analytical_one(window):
    s = window.session
    window.fit_panel._snap.click()
    np.testing.assert_array_equal(s.your_line[0], s.solution.lstsq.w)
    (ax, ay), _ = window.fit_plot.your_line_handles()
    assert ay == pytest.approx(_on_line(s.your_line, ax))
    bars = window.fit_panel.bars
    bars._redraw.flush()
    assert bars.sums["yours"] == pytest.approx(bars.sums["analytical"])


def test_start_button_trains_from_your_line(window):
    s = window.session
    s.set_your_line([-2.0], 3.0)
    window.fit_panel._start.click()
    assert s.trainer.steps == 0 and s.trainer.w.tolist() == [-2.0] and s.trainer.b == 3.0
    panel = window.training_panel  # the Training panel says where training starts
    assert panel.init_combo.currentData() == "point"
    assert panel.init_w_edit.text() == "-2" and panel.init_b_edit.text() == "3"


def test_squares_have_side_residual_and_are_square_on_screen(window):
    plot, s = window.fit_plot, window.session
    assert window.fit_panel.squares.currentData() == "yours"  # the mode picks them
    rects = plot.squares_drawn()
    ds = s.dataset
    assert len(rects) == ds.n_examples
    y_hat = s.your_line[0][0] * ds.X[:, 0] + s.your_line[1]
    np.testing.assert_allclose(np.sort(rects[:, 3]), np.sort(np.abs(ds.y - y_hat)), rtol=1e-12)
    for left, bottom, width, height in rects[:5]:
        a, b = to_pixel(plot, left, bottom), to_pixel(plot, left + width, bottom + height)
        assert abs(abs(b.x() - a.x()) - abs(b.y() - a.y())) <= 1


def test_squares_follow_the_chosen_line(window):
    plot, s, combo = window.fit_plot, window.session, window.fit_panel.squares
    combo.setCurrentIndex(combo.findData("analytical"))
    sol = s.solution.lstsq
    ds = s.dataset
    sides = np.sort(plot.squares_drawn()[:, 3])
    np.testing.assert_allclose(sides, np.sort(np.abs(ds.y - ds.X @ sol.w - sol.b)), rtol=1e-9)
    combo.setCurrentIndex(combo.findData(None))
    assert len(plot.squares_drawn()) == 0


def test_squares_follow_a_handle_drag_live(window):
    plot, s = window.fit_plot, window.session
    before = plot.squares_drawn()
    _, (bx, by) = plot.your_line_handles()
    start = to_pixel(plot, bx, by)
    drag(plot, start, start + type(start)(0, 50))
    after = plot.squares_drawn()
    ds = s.dataset
    y_hat = s.your_line[0][0] * ds.X[:, 0] + s.your_line[1]
    assert not np.array_equal(before, after)
    np.testing.assert_allclose(np.sort(after[:, 3]), np.sort(np.abs(ds.y - y_hat)), rtol=1e-12)


def test_handles_come_back_into_a_zoomed_view(window):
    plot = window.fit_plot
    (first_x, _), _ = plot.your_line_handles()
    (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
    right = to_pixel(plot, x0 + 0.97 * (x1 - x0), (y0 + y1) / 2)
    for _ in range(4):
        wheel(plot, right, 1200)  # zoom in far, at the right edge: the handles leave the view
    (x0, x1), _ = plot.getPlotItem().getViewBox().viewRange()
    assert first_x < x0  # where the first handle sat is out of the view now
    for hx, _ in plot.your_line_handles():
        assert x0 <= hx <= x1


def test_goodness_table_shows_each_line_on_both_parts(window):
    s = window.session
    assert s.data.val_set.n_examples  # the default data keep a fifth for validation
    table = window.fit_panel.goodness
    table._redraw.flush()
    assert table.columnCount() == 6 and table.rowCount() == 4
    train, val = s.data.train_set, s.data.val_set
    w, b = s.your_line
    mine = core.goodness_of_fit(train.X, train.y, w, b)
    mine_val = core.goodness_of_fit(val.X, val.y, w, b)
    cols = table.columns()
    assert cols[0] == ("yours", "training", mine) and cols[1] == ("yours", "validation", mine_val)
    assert table.horizontalHeaderItem(0).text() == "your line\ntraining"
    r2 = float(table.item(3, 1).text().replace("−", "-"))
    assert r2 == pytest.approx(mine_val.r2, rel=1e-3)


def test_the_bars_and_table_take_the_neuron_diagrams_place(window):
    shown = window.fit_panel.plot.height()
    assert window.fit_panel.your_line_box.isVisible() and not window.neuron_diagram.isVisible()
    window.lab_actions.your_line.trigger()
    QApplication.processEvents()
    assert not window.fit_panel.your_line_box.isVisible() and window.neuron_diagram.isVisible()
    assert abs(window.fit_panel.plot.height() - shown) < 40  # the plot keeps its height


def test_your_line_speaks_chinese(window):
    with chinese():
        assert is_chinese(window.lab_actions.your_line.text())
        assert is_chinese(window.lab_actions.snap_your_line.text())
        assert is_chinese(window.fit_panel.squares.currentText())
        window.fit_panel.goodness._redraw.flush()
        assert is_chinese(window.fit_panel.goodness.horizontalHeaderItem(0).text())
