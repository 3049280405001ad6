"""A Run at full speed goes on in the training process, as the app sets it up, and the
window shows it frame by frame; Pause, an edit, a new learning rate or a rewind take it
back first, and the run is then exactly the one the window would have made itself."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from linreg_lab import core
from linreg_lab.gui.state.run_elsewhere import STEADY_S
from linreg_lab.gui.state.session import Session

WAIT_MS = 30_000  # the worker's start (Python, NumPy) on a loaded machine


@pytest.fixture
def window(make_window, qtbot):
    w = make_window()
    process = core.TrainingProcess()
    w.session.set_training_process(process)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.fit_plot.setFocus()
    yield w
    w.run_loop.pause()
    w.session.set_training_process(None)
    process.close()


def _space(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)


def _replayed(session, steps: int) -> core.SGDTrainer:
    """The same run stepped here: a session of the same data and settings, `steps` steps."""
    same = Session(session.data, session.hyper)
    same.step(steps)
    return same.trainer


def _elsewhere(window) -> bool:
    return window.session.training_process.running


def test_a_run_goes_on_elsewhere_is_drawn_and_comes_back_exact(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    painted = []
    s.stateChanged.connect(lambda: painted.append(s.trainer.steps))
    _space(qtbot)
    qtbot.waitUntil(lambda: _elsewhere(window), timeout=WAIT_MS)
    seen = s.trainer.steps
    qtbot.waitUntil(lambda: s.trainer.steps > seen + 1000, timeout=WAIT_MS)
    assert _elsewhere(window) and window.run_loop.running
    assert len(set(painted)) > 3  # the views were told as it went, frame by frame
    _space(qtbot)
    assert not window.run_loop.running and not _elsewhere(window)
    steps = s.trainer.steps
    assert s.trainer.state() == _replayed(s, steps).state()
    s.step(7)  # and the window's trainer goes on from there
    assert s.trainer.state() == _replayed(s, steps + 7).state()


def test_a_run_of_some_epochs_ends_elsewhere_at_the_last(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=400)
    _space(qtbot)
    qtbot.waitUntil(lambda: not window.run_loop.running, timeout=WAIT_MS)
    assert s.trainer.epoch == 400 and s.trainer.at_epoch_boundary
    assert s.trainer.state() == _replayed(s, s.trainer.steps).state()


def test_a_click_on_the_plot_during_a_run_adds_the_point_and_the_run_goes_on(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    _space(qtbot)
    qtbot.waitUntil(lambda: _elsewhere(window), timeout=WAIT_MS)
    n = s.dataset.n_examples
    plot = window.fit_plot
    spot = plot.mapFromScene(plot.plotItem.vb.mapViewToScene(QPointF(-1.8, 7.0)))  # empty
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert s.dataset.n_examples == n + 1
    assert not _elsewhere(window)  # taken back before the new data came
    steps = s.trainer.steps
    qtbot.waitUntil(lambda: s.trainer.steps > steps + 100, timeout=WAIT_MS)  # here at first
    qtbot.wait(int(1000 * STEADY_S))
    qtbot.waitUntil(lambda: _elsewhere(window), timeout=WAIT_MS)  # then there again
    assert s.trainer.n_examples == s.data.n_train and s.dataset.n_examples == n + 1  # new data
    window.lab_actions.undo.trigger()
    assert s.dataset.n_examples == n and not _elsewhere(window)


def test_a_new_learning_rate_during_a_run_reaches_it_at_its_step(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    _space(qtbot)
    qtbot.waitUntil(lambda: _elsewhere(window), timeout=WAIT_MS)
    s.set_hyperparameters(lr=0.005)
    at = s.trainer.steps
    assert not _elsewhere(window) and s.trainer.lr == 0.005
    qtbot.waitUntil(lambda: s.trainer.steps > at + 100, timeout=WAIT_MS)
    _space(qtbot)
    first, *_, last = s.trainer.run_record().segments
    assert first.steps == at and first.settings.lr != 0.005  # the change at its step
    assert last.settings.lr == 0.005


def test_a_rewind_during_a_run_shows_that_step_exactly(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    _space(qtbot)
    qtbot.waitUntil(lambda: _elsewhere(window) and s.trainer.steps > 2000, timeout=WAIT_MS)
    _space(qtbot)
    s.rewind_to(1234)
    assert s.rewound and s.trainer.steps == 1234
    expected = _replayed(s, 1234)
    np.testing.assert_array_equal(s.trainer.w, expected.w)
    assert s.trainer.b == expected.b


def test_a_training_process_that_dies_mid_run_is_said_and_the_run_goes_on_here(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    s.step(40)
    _space(qtbot)
    qtbot.waitUntil(lambda: _elsewhere(window), timeout=WAIT_MS)
    handed_over = s.trainer.steps
    qtbot.waitUntil(lambda: s.trainer.steps > handed_over + 500, timeout=WAIT_MS)
    os.kill(window.session.training_process.pid, signal.SIGKILL)  # as the system might
    qtbot.waitUntil(lambda: window.banner.kind() == "warning", timeout=WAIT_MS)
    assert "training process stopped" in window.banner.text()
    assert str(handed_over) in window.banner.text()
    qtbot.waitUntil(lambda: s.trainer.steps > handed_over + 50, timeout=WAIT_MS)
    assert window.run_loop.running and not _elsewhere(window)  # it trains here now
    _space(qtbot)
    steps = s.trainer.steps
    assert s.trainer.state() == _replayed(s, steps).state()  # the same run, exactly


def test_a_teaching_speed_chosen_during_a_run_elsewhere_steps_at_that_speed(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    _space(qtbot)
    qtbot.waitUntil(lambda: _elsewhere(window) and s.trainer.steps > 5000, timeout=WAIT_MS)
    qtbot.wait(2500)  # a while followed: no steps are owed for it
    window.run_loop.set_steps_per_second(2.0)
    qtbot.waitUntil(lambda: not _elsewhere(window), timeout=WAIT_MS)
    at = s.trainer.steps
    qtbot.wait(600)
    assert window.run_loop.running and at <= s.trainer.steps <= at + 3
