"""Every lesson, step by step, through the real window in English and in Chinese: load the
preset with its button, do what each step says (tests/gui/lesson_driver.py clicks and types),
and see the Lesson tab tick that step, and only then."""

from __future__ import annotations

import contextlib
import math
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QToolBar

from linreg_lab.core.confusion import confusion_matrix
from linreg_lab.core.softmax_trainer import REASON_EXP_OVERFLOW, REASON_LOG_ZERO
from linreg_lab.gui.state.lessons import load_lessons
from linreg_lab.gui.text.explanations import lr_warning_text, solution_reason_text
from tests.gui.languages import switched_to
from tests.gui.lesson_driver import LEFT, perform

LESSONS = load_lessons()
CJK = re.compile(r"[\u4e00-\u9fff]")


def _item_state(panel, row: int) -> tuple[bool, str]:
    item = panel.steps_list.item(row)
    return (item.checkState() == Qt.CheckState.Checked,
            item.data(Qt.ItemDataRole.AccessibleDescriptionRole))


def _checks_as_written(window, lesson_id: str, row: int) -> None:
    """What a few steps promise beyond being done."""
    s, banner = window.session, window.banner
    if (lesson_id, row) == ("vectorization", 1):
        assert re.search(r"steps/s|步/秒", window.status_line.text())
    if (lesson_id, row) == ("learning_rate_too_large", 1):
        assert s.trainer.diverged and s.trainer.steps <= 10 + 35
        assert banner.kind() == "error" and not banner.isHidden()
    if lesson_id in ("identical_x", "duplicate_feature") and row == 0:
        assert banner.kind() == "info" and "Undo" not in banner.text()
        assert not s.solution.lstsq.unique
    if (lesson_id, row) == ("identical_x", 2):
        assert banner.isHidden() and s.solution.lstsq.unique
    _class_checks_as_written(window, lesson_id, row)


def _class_checks_as_written(window, lesson_id: str, row: int) -> None:
    """What the classification lessons' steps promise beyond being done."""
    if not window.modes.built:
        return
    t, banner = window.modes.workspace.session.trainer, window.banner
    if (lesson_id, row) == ("softmax_regression", 2):
        assert t.W.shape == (2, 4)
    if (lesson_id, row) == ("stable_softmax", 0):
        assert t.divergence_reason in (REASON_EXP_OVERFLOW, REASON_LOG_ZERO)
        assert banner.kind() == "error" and not banner.isHidden()
        assert re.search(r"exp|log\(0\)", banner.text())
    if (lesson_id, row) == ("stable_softmax", 1):
        assert not t.diverged and math.isfinite(t.loss())
    if (lesson_id, row) == ("most_likely_class", 0):  # errors only between the two overlapping
        X, y = t.training_set
        counts = confusion_matrix(y, t.predict(X), 3)
        assert counts[0, 1:].sum() == counts[1:, 0].sum() == 0 and counts[1:, 1:].sum() > 0
        assert counts[1, 2] + counts[2, 1] > 0
    if (lesson_id, row) == ("cross_entropy", 0):
        assert t.steps == 10 and t.loss() < math.log(3) - 0.05  # "watch it fall"


def _wait(qtbot, done, what: str, timeout: int = 20_000) -> None:
    try:
        qtbot.waitUntil(done, timeout=timeout)
    except qtbot.TimeoutError:
        raise AssertionError(what) from None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_step_completes_as_written(make_window, qtbot, lesson, language) -> None:
    window = make_window()
    switch = switched_to(language) if language != "en" else contextlib.nullcontext()
    with switch:
        panel = window.tabs.lesson
        window.open_lesson(lesson.id)
        texts = [panel.steps_list.item(i).text() for i in range(panel.steps_list.count())]
        assert texts == [step.in_language(language) for step in lesson.steps]
        assert not any(_item_state(panel, i)[0] for i in range(len(texts))), "none done yet"
        qtbot.mouseClick(panel.load_button, LEFT)
        progress = window.lesson_watcher.progress()
        assert progress is not None and progress.lesson_id == lesson.id
        for row, step in enumerate(lesson.steps):
            tracked = progress.steps[row]
            for index, condition in enumerate(step.done_when):
                if condition.is_action and index == len(step.done_when) - 1:
                    assert not tracked.done, "a step is not done before its last action"
                perform(qtbot, window, condition)
                _wait(qtbot, lambda t=tracked, i=index: t.position > i,
                      f"step {row + 1}, {condition} did not come true")
            qtbot.waitUntil(lambda r=row: _item_state(panel, r)[0], timeout=2000)
            title = window.tabs.tabText(window.tabs.indexOf(panel))  # seen from any tab
            assert title.endswith(f"({sum(panel.ticked(lesson.id))}/{len(texts)})")
            _checks_as_written(window, lesson.id, row)
        assert panel.ticked(lesson.id) == (True,) * len(lesson.steps)
        done, description = _item_state(panel, 0)
        assert done and description
        assert bool(CJK.search(description)) == (language == "zh_CN")
        assert panel.progress_label.text().startswith(
            f"{len(texts)} of {len(texts)} done" if language == "en"
            else f"已完成 {len(texts)}/{len(texts)} 项")


def _load(qtbot, window, lesson_id: str) -> None:
    window.open_lesson(lesson_id)
    qtbot.mouseClick(window.tabs.lesson.load_button, LEFT)


@pytest.mark.parametrize("lesson_id", ["learning_rate_too_large", "identical_x",
                                       "duplicate_feature"])
def test_a_preset_never_hides_the_message_its_first_step_asks_to_read(
        make_window, qtbot, lesson_id) -> None:
    window = make_window()
    _load(qtbot, window, lesson_id)
    s, banner = window.session, window.banner
    if lesson_id == "learning_rate_too_large":
        expected = ("warning", lr_warning_text(s.learning_rate_check()))
    else:
        expected = ("info", solution_reason_text(s.solution.lstsq))
    assert not banner.isHidden() and (banner.kind(), banner.text()) == expected
    notice = window.tabs.lesson.progress_label.text()
    assert "Preset loaded" in notice and "Undo (Ctrl+Z)" in notice
    qtbot.mouseClick(banner.findChild(QPushButton, "bannerDismiss"), LEFT)
    assert banner.isHidden()
    button = window.findChild(QToolBar, "trainingToolBar").widgetForAction(
        window.lab_actions.reset)
    qtbot.mouseClick(button, LEFT)  # what the data call for is said again, not lost
    assert not banner.isHidden() and (banner.kind(), banner.text()) == expected


def test_a_preset_whose_data_need_no_message_shows_none(make_window, qtbot) -> None:
    window = make_window()
    _load(qtbot, window, "basic_elements")
    assert window.banner.isHidden()
    assert "Undo (Ctrl+Z)" in window.tabs.lesson.progress_label.text()
