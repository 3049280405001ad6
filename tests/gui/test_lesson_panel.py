"""The Lesson tab: it reads, shows the steps done (never ticked by hand), asks for a preset,
and switches language in place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from linreg_lab.gui.tabs.lesson.lesson_panel import LessonPanel
from tests.gui.languages import switched_to


@pytest.fixture
def panel(qtbot, lessons) -> LessonPanel:
    widget = LessonPanel(lessons=lessons, language="en")
    qtbot.addWidget(widget)
    widget.resize(1000, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _step_texts(panel: LessonPanel) -> list[str]:
    return [panel.steps_list.item(i).text() for i in range(panel.steps_list.count())]


def _click_check_box(qtbot, panel: LessonPanel, row: int) -> None:
    view = panel.steps_list
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualItemRect(view.item(row))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option,
                                      view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def test_panel_shows_the_first_lesson_in_english(panel: LessonPanel, lessons) -> None:
    assert panel.objectName() == "lessonPanel"
    assert panel.title_label.text() == lessons[0].title.en
    assert "minibatch stochastic gradient descent" in panel.text_view.toPlainText()
    assert _step_texts(panel) == [s.en for s in lessons[0].steps]
    assert panel.chooser.count() == len(lessons)


def test_set_language_shows_chinese_and_back(panel: LessonPanel, lessons) -> None:
    panel.set_language("zh_CN")
    assert panel.language() == "zh_CN"
    assert panel.title_label.text() == "线性回归的基本元素"
    assert "小批量随机梯度下降" in panel.text_view.toPlainText()
    assert _step_texts(panel) == [s.zh_CN for s in lessons[0].steps]
    assert panel.chooser.itemText(2) == "3. 正态分布与平方损失"
    panel.set_language("en")
    assert panel.title_label.text() == lessons[0].title.en


def test_constructor_language_picks_chinese(qtbot, lessons) -> None:
    widget = LessonPanel(lessons=lessons, language="zh_CN")
    qtbot.addWidget(widget)
    assert widget.title_label.text() == lessons[0].title.zh_CN


def _checked(panel: LessonPanel) -> list[bool]:
    view = panel.steps_list
    return [view.item(i).checkState() == Qt.CheckState.Checked for i in range(view.count())]


def test_steps_are_not_ticked_by_hand(qtbot, panel) -> None:
    _click_check_box(qtbot, panel, 1)
    view = panel.steps_list
    view.setFocus()
    view.setCurrentRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert panel.ticked("basic_elements") == (False, False, False)
    assert _checked(panel) == [False, False, False]
    assert panel.progress_label.text().startswith("0 of 3 done. Load this lesson's preset")


def test_done_steps_show_ticked_and_say_so_kept_per_lesson(qtbot, panel) -> None:
    panel.show_done("basic_elements", (False, True, False), preset_loaded=True)
    assert panel.active_lesson() == "basic_elements"
    assert _checked(panel) == [False, True, False]
    described = [panel.steps_list.item(i).data(Qt.ItemDataRole.AccessibleDescriptionRole)
                 for i in range(3)]
    assert described == ["Not done yet", "Done", "Not done yet"]
    assert panel.progress_label.text().startswith("1 of 3 done. Preset loaded")
    qtbot.keyClick(panel.chooser, Qt.Key.Key_Down)
    assert panel.current_lesson().id == "vectorization"
    assert _checked(panel) == [False, False, False]
    panel.show_done("basic_elements", (True, True, False))  # not shown: kept for later
    panel.set_language("zh_CN")
    qtbot.keyClick(panel.chooser, Qt.Key.Key_Up)
    assert _checked(panel) == [True, True, False]
    with pytest.raises(ValueError):
        panel.show_done("basic_elements", (True,))


def test_load_button_emits_the_chosen_lesson(qtbot, panel: LessonPanel, by_id) -> None:
    for _ in range(8):
        qtbot.keyClick(panel.chooser, Qt.Key.Key_Down)
    assert panel.title_label.text() == by_id["identical_x"].title.en
    with qtbot.waitSignal(panel.lessonRequested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [by_id["identical_x"]]


def test_set_current_lesson_by_id(panel: LessonPanel) -> None:
    panel.set_current_lesson("more_data")
    assert panel.current_lesson().order == 12
    with pytest.raises(KeyError):
        panel.set_current_lesson("no_such_lesson")


def test_every_control_is_described(panel: LessonPanel) -> None:
    for widget in (panel.chooser, panel.text_view, panel.steps_list, panel.load_button):
        assert widget.accessibleName() and widget.toolTip().endswith(".")


def test_narrow_panel_stacks_the_steps_under_the_text(qtbot, panel: LessonPanel) -> None:
    panel.resize(420, 700)
    qtbot.waitUntil(lambda: panel.steps_list.geometry().top()
                    > panel.text_view.geometry().bottom(), timeout=1000)
    panel.resize(1100, 320)
    qtbot.waitUntil(lambda: panel.steps_list.geometry().left()
                    > panel.text_view.geometry().right(), timeout=1000)


def test_language_switch_in_place_keeps_lesson_and_ticks(qtbot, panel) -> None:
    assert panel.try_label.text() == "Try this"
    panel.set_current_lesson("normal_distribution")
    panel.show_done("normal_distribution", (True, False, False), preset_loaded=True)
    with switched_to("zh_CN"):
        lesson = panel.current_lesson()
        assert lesson.id == "normal_distribution"
        assert panel.language() == "zh_CN"
        assert panel.title_label.text() == lesson.title.zh_CN
        assert panel.try_label.text() == "动手试试"
        assert panel.progress_label.text().startswith("已完成 1/3 项")
        assert panel.steps_list.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole) \
            == "已完成"
        assert panel.ticked("normal_distribution")[0]
        assert panel.steps_list.item(0).checkState() == Qt.CheckState.Checked
    assert panel.language() == "en" and panel.try_label.text() == "Try this"
    assert panel.ticked("normal_distribution")[0]


def test_a_step_ticking_leaves_the_text_where_the_learner_was_reading(qtbot, panel) -> None:
    panel.resize(700, 260)
    bar = panel.text_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    bar.setValue(bar.maximum())
    panel.show_done("basic_elements", (True, False, False), preset_loaded=True)
    assert bar.value() == bar.maximum() > 0
    assert _checked(panel) == [True, False, False]
    assert panel.steps_list.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Done"
