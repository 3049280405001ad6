"""LossPlot: curves mirror the trainer's history; optimum line, log scale and epoch axis."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from linreg_lab import core
from linreg_lab.gui.plots.loss_plot import LOG_FLOOR, LossPlot, positive
from linreg_lab.gui.state.data_state import DataState
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from tests.gui.language_switch import chinese, is_chinese


@pytest.fixture
def session() -> Session:
    return Session()


@pytest.fixture
def plot(qtbot, session: Session) -> LossPlot:
    widget = LossPlot(session)
    qtbot.addWidget(widget)
    return widget


def original(curve) -> tuple[np.ndarray, np.ndarray]:
    x, y = curve.getOriginalDataset()
    return (np.empty(0), np.empty(0)) if x is None else (x, y)


def test_object_name_and_items(plot: LossPlot) -> None:
    assert plot.objectName() == "lossPlot"
    assert plot.optimum_line.pen.style() == Qt.PenStyle.DashLine
    assert plot.optimum_line.angle == 0


def test_curves_hold_the_history_after_steps(plot: LossPlot, session: Session) -> None:
    session.step(50)
    history = session.trainer.history
    x, y = original(plot.minibatch_curve)
    assert x.size == y.size == len(history.step_index) > 0
    np.testing.assert_array_equal(x, np.asarray(history.step_index, float))
    np.testing.assert_array_equal(y, history.step_loss)
    _, train_y = original(plot.train_curve)
    assert train_y.size == len(history.epoch_train_loss) > 0
    _, val_y = original(plot.val_curve)
    assert val_y.size == len(history.epoch_val_loss)
    marker_x, marker_y = original(plot.current_marker)
    assert marker_x.tolist() == [session.trainer.steps]
    assert marker_y[0] == pytest.approx(session.trainer.loss())


def test_optimum_line_sits_at_the_analytical_minimum(plot: LossPlot, session: Session) -> None:
    assert plot.optimum_line.isVisible()
    assert plot.optimum_line.value() == pytest.approx(session.solution.train_loss)
    assert plot.optimum_value() == pytest.approx(session.solution.train_loss)


def test_optimum_line_hidden_for_a_loss_least_squares_does_not_minimise(
        plot: LossPlot, session: Session) -> None:
    session.set_hyperparameters(loss="absolute")
    assert plot.optimum_value() is None
    assert plot.plotItem.getAxis("left").labelText == "absolute loss"
    session.set_hyperparameters(loss="squared")
    assert plot.optimum_value() == pytest.approx(session.solution.train_loss)


def test_reset_clears_the_curves(plot: LossPlot, session: Session) -> None:
    session.step(30)
    session.reset()
    assert original(plot.minibatch_curve)[0].size == len(session.trainer.history.step_index)
    assert original(plot.current_marker)[0].tolist() == [0]


def test_log_toggle_moves_the_line_to_log_units(plot: LossPlot, session: Session) -> None:
    session.step(20)
    plot.set_log_y(True)
    assert plot.log_y()
    assert plot.plotItem.ctrl.logYCheck.isChecked()
    assert plot.optimum_line.value() == pytest.approx(math.log10(session.solution.train_loss))
    assert plot.optimum_value() == pytest.approx(session.solution.train_loss)
    plot.set_log_y(False)
    assert plot.optimum_line.value() == pytest.approx(session.solution.train_loss)


def test_log_scale_survives_zero_loss(qtbot) -> None:
    """A perfect fit from the start: every loss is exactly zero."""
    X = np.arange(6.0).reshape(-1, 1)
    data = DataState.from_dataset(core.Dataset(X, np.ones(6)), 0.0, seed=0)
    hyper = Hyperparameters(init="point", init_w=(0.0,), init_b=1.0, batch_size=2)
    session = Session(data, hyper)
    plot = LossPlot(session)
    qtbot.addWidget(plot)
    plot.set_log_y(True)
    session.step(10)
    _, y = original(plot.minibatch_curve)
    assert y.size and np.all(y >= LOG_FLOOR)
    _, shown = plot.minibatch_curve.getData()
    assert np.all(np.isfinite(shown))
    assert math.isfinite(plot.optimum_line.value())
    plot.grab()


def test_positive_clips_zero_negative_and_nan() -> None:
    out = positive(np.array([0.0, -1.0, np.nan, 2.0]))
    assert out.tolist() == [LOG_FLOOR, LOG_FLOOR, LOG_FLOOR, 2.0]


def test_epoch_axis_rescales_x(plot: LossPlot, session: Session) -> None:
    session.step(50)
    spe = math.ceil(session.data.n_train / session.hyper.batch_size)
    assert spe == 8  # 80 training examples in batches of 10
    steps_x, _ = original(plot.minibatch_curve)
    plot.set_x_in_epochs(True)
    assert "epoch" in plot.plotItem.getAxis("bottom").labelText
    epochs_x, _ = original(plot.minibatch_curve)
    np.testing.assert_allclose(epochs_x, steps_x / spe)
    train_x, _ = original(plot.train_curve)
    np.testing.assert_allclose(train_x, np.arange(1, train_x.size + 1))
    assert original(plot.current_marker)[0][0] == pytest.approx(50 / spe)
    plot.set_x_in_epochs(False)
    np.testing.assert_allclose(original(plot.minibatch_curve)[0], steps_x)


def test_batch_size_change_keeps_the_epochs_done(plot: LossPlot, session: Session) -> None:
    """16 steps of 10 are two epochs of 80, whatever the batch size is set to afterwards."""
    session.step(16)
    plot.set_x_in_epochs(True)
    session.set_hyperparameters(batch_size=20)
    assert original(plot.current_marker)[0][0] == pytest.approx(2.0)
    session.step(2)  # 40 more examples: half an epoch at the new size
    assert original(plot.current_marker)[0][0] == pytest.approx(2.5)


def test_epoch_markers_sit_where_each_epoch_ended_after_a_batch_change_mid_epoch(
        plot: LossPlot, session: Session) -> None:
    """Batch 10 for 3 steps (30 of 80 examples), then batch 20: the first epoch ends after
    3 + 3 steps (50 examples in batches of 20, the last one 10), not at 80/20 = 4 steps or
    80/10 = 8; the next epochs take 4 steps each."""
    session.step(3)
    session.set_hyperparameters(batch_size=20)
    session.step(3 + 4 + 4)
    assert session.trainer.epoch == 3
    train_x, _ = original(plot.train_curve)
    assert train_x.tolist() == [6.0, 10.0, 14.0]
    assert train_x.tolist() == session.trainer.history.epoch_step.tolist()
    plot.set_x_in_epochs(True)
    steps_x, _ = original(plot.minibatch_curve)
    np.testing.assert_allclose(steps_x[[5, 9, 13]], [1.0, 2.0, 3.0])  # steps 6, 10, 14


def test_new_data_redraws(plot: LossPlot, session: Session) -> None:
    session.step(20)
    session.clear()
    assert original(plot.minibatch_curve)[0].size == 0
    assert original(plot.current_marker)[0].size == 0
    assert not plot.optimum_line.isVisible()


def _view_holds_curves(plot: LossPlot) -> bool:
    (x0, x1), (y0, y1) = plot.plotItem.getViewBox().viewRange()
    x, y = plot.minibatch_curve.getData()
    return bool(x.min() >= x0 and x.max() <= x1 and y.min() >= y0 and y.max() <= y1)


def _wheel(plot: LossPlot, clicks: int) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(plot.viewport().rect().center())
    ev = QWheelEvent(pos, QPointF(plot.viewport().mapToGlobal(pos.toPoint())), QPoint(0, 0),
                     QPoint(0, 120 * clicks), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(plot.viewport(), ev)


def test_view_follows_training_until_the_user_zooms(plot: LossPlot, session: Session,
                                                    qtbot) -> None:
    plot.show()
    qtbot.waitExposed(plot)
    for _ in range(5):
        session.step(37)
        assert _view_holds_curves(plot)
    _wheel(plot, 3)  # a real wheel zoom on the viewport
    zoomed = plot.plotItem.getViewBox().viewRange()
    session.step(500)
    assert plot.plotItem.getViewBox().viewRange() == zoomed  # no jump under the user
    session.reset()
    session.step(5)
    assert _view_holds_curves(plot)


def test_many_epochs_drop_the_markers(plot: LossPlot, session: Session) -> None:
    session.step(8 * 101)
    assert plot.train_curve.opts["symbol"] is None
    session.reset()
    assert plot.train_curve.opts["symbol"] == "o"


def test_divergence_draws_without_warnings(plot: LossPlot, session: Session) -> None:
    session.set_hyperparameters(lr=50.0)
    session.step(200)
    assert session.trainer.diverged
    plot.set_log_y(True)
    assert not plot.grab().isNull()


def legend_texts(plot: LossPlot) -> list[str]:
    return [label.text for _sample, label in plot.plotItem.legend.items]


def test_language_switch_retranslates_in_place(plot: LossPlot, session: Session) -> None:
    session.step(30)
    plot.set_x_in_epochs(True)
    plot.set_log_y(True)
    session.set_hyperparameters(loss="huber")
    assert legend_texts(plot)[-1] == "analytical minimum"
    with chinese():
        assert legend_texts(plot) == ["小批量损失（每步）", "训练损失（每个迭代周期）",
                                      "验证损失（每个迭代周期）", "当前训练损失", "解析最小值"]
        assert plot.plotItem.getAxis("bottom").labelText == "迭代周期"
        assert plot.plotItem.getAxis("left").labelText == "Huber 损失"
        assert is_chinese(plot.accessibleDescription())
        assert plot.x_in_epochs() and plot.log_y()  # the learner's choices stay
        assert original(plot.minibatch_curve)[0].size == len(session.trainer.history.step_index)
    assert legend_texts(plot)[0] == "minibatch loss (per step)"
    assert plot.plotItem.getAxis("left").labelText == "Huber loss"


def test_a_view_zoomed_far_out_still_draws_the_curves(plot: LossPlot, session: Session) -> None:
    from tests.gui.mouse import centre, wheel

    session.step(300)
    for _ in range(300):  # pyqtgraph's auto-downsampling factor overflowed past ~1e21 steps
        wheel(plot, centre(plot), -12000)
    session.step(300)  # a redraw of the curves in that view
    (x0, x1), (y0, y1) = plot.plotItem.getViewBox().viewRange()
    assert np.all(np.isfinite([x0, x1, y0, y1])) and x1 - x0 <= 2e13


def test_a_log_axis_after_zooming_far_out_labels_finite_decades(plot: LossPlot,
                                                                 session: Session) -> None:
    from tests.gui.mouse import centre, wheel

    session.clear()  # no curve: nothing to frame the log view on
    for _ in range(300):
        wheel(plot, centre(plot), -12000)
    plot.set_log_y(True)  # the view's y values become decades, labelled 10**y
    plot.grab()  # paints the axes: 10**1e250 overflowed here
    (_, _), (y0, y1) = plot.plotItem.getViewBox().viewRange()
    assert -310 < y0 < y1 < 310
    plot.set_log_y(False)
    plot.grab()
