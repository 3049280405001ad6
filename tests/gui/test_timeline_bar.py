"""Rewind through the window: Step back, Shift+→, and the timeline slider move every view."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSlider

from tests.gui.languages import switched_to


@pytest.fixture
def window(make_window):
    return make_window()


def test_shift_right_steps_back_and_right_repeats_the_step_exactly(window, qtbot):
    s = window.session
    s.step(30)
    w30, batch30 = s.trainer.w.copy(), s.last_batch_rows().copy()
    window.fit_plot.setFocus()
    qtbot.keyClick(window.fit_plot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert s.trainer.steps == 29 and s.rewound
    line29 = np.asarray(window.fit_plot.line_points("sgd")[1]).copy()
    qtbot.keyClick(window.fit_plot, Qt.Key.Key_Right)
    assert s.trainer.steps == 30 and not s.rewound
    np.testing.assert_array_equal(s.trainer.w, w30)
    np.testing.assert_array_equal(s.last_batch_rows(), batch30)
    line30 = np.asarray(window.fit_plot.line_points("sgd")[1])
    assert not np.array_equal(line29, line30)  # the drawn line was step 29's, now step 30's


def test_the_slider_scrubs_back_and_the_views_follow(window, qtbot):
    s = window.session
    s.step(200)
    slider = window.findChild(QSlider, "timelineSlider")
    assert (slider.minimum(), slider.maximum(), slider.value()) == (0, 200, 200)
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)  # the slider's own keys: to the first step
    assert s.trainer.steps == 0 and slider.value() == 0
    qtbot.keyClick(slider, Qt.Key.Key_PageUp)
    assert s.trainer.steps == slider.value() == 10
    history = s.trainer.history.step_loss
    assert history.size == 10  # the loss curve ends at the step shown
    assert window.findChild(QAction, "actionStepBack").isEnabled()


def test_a_change_at_an_earlier_step_continues_the_run_from_there(window, qtbot):
    s = window.session
    s.step(100)
    s.rewind_to(40)
    spin = window.hyper_bar.lr_spin  # the learner types a new η into the toolbar
    spin.selectAll()
    qtbot.keyClicks(spin, "0.01")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert s.hyper.lr == 0.01
    slider = window.findChild(QSlider, "timelineSlider")
    assert slider.maximum() == 40 and not s.rewound


def test_step_back_is_disabled_at_the_first_step_and_named_in_chinese(window):
    action = window.findChild(QAction, "actionStepBack")
    assert not action.isEnabled()
    window.session.step(1)
    assert action.isEnabled()
    label = window.timeline_bar.findChild(QLabel, "timelineLabel")
    with switched_to("zh_CN"):
        assert action.text() == "后退一步"
        assert label.text() == "第 1 步，共 1 步"
    assert label.text() == "step 1 of 1"
