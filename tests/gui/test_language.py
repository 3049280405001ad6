"""Switching language at run time re-words the same window in place: nothing is rebuilt or lost."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.window_host import WindowHost
from linreg_lab.gui.state.session import Session


@pytest.fixture
def host(qtbot):
    app = QApplication.instance()
    h = WindowHost(app, Session(), install_translators(app, "en"))
    h.window.show()
    yield h
    h.window.run_loop.pause()
    h.window.close()
    install_translators(app, "en")


def test_switch_to_chinese_keeps_data_run_and_undo(host, qtbot):
    s = host.window.session
    s.add_example(0.5, 9.0)
    s.step(13)
    w, b, y = s.trainer.w.copy(), s.trainer.b, s.dataset.y.copy()
    host.window.findChild(object, "actionLanguage_zh_CN").trigger()
    new = host.window
    assert new.session is s
    assert "线性回归" in new.windowTitle()
    np.testing.assert_array_equal(s.trainer.w, w)
    assert s.trainer.b == b and s.trainer.steps == 13
    np.testing.assert_array_equal(s.dataset.y, y)
    new.lab_actions.step.trigger()  # the new window drives the same run
    assert s.trainer.steps == 14
    new.lab_actions.undo.trigger()  # and the undo history survived the switch
    assert s.dataset.n_examples == y.size - 1


def test_switch_while_running_keeps_running(host, qtbot):
    s = host.window.session
    s.set_hyperparameters(num_epochs=0)
    host.window.run_loop.start()
    qtbot.waitUntil(lambda: s.trainer.steps > 0, timeout=3000)
    host.switch_language("zh_CN")
    assert host.window.run_loop.running
    steps = s.trainer.steps
    qtbot.waitUntil(lambda: s.trainer.steps > steps, timeout=3000)


def test_qt_own_texts_follow_the_language(host):
    from PySide6.QtWidgets import QMessageBox

    host.switch_language("zh_CN")
    s = host.window.session
    s.add_example(0.1, 2.0)
    assert "撤销" in host.window.lab_actions.undo.text()  # Qt's "Undo %1", our "Add point"
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
    assert {b.text() for b in box.buttons()} == {"保存", "丢弃"}


def test_switch_rewords_the_same_window_in_place(host):
    window = host.window
    menus = window.menus
    window.help.show_user_guide()
    host.switch_language("zh_CN")
    assert host.window is window  # not rebuilt
    assert menus.file.title() == "文件(&F)" and menus.lesson_menu.title() == "课程(&L)"
    assert window.lab_actions.step.text() == "单步"
    assert window.lab_actions.reset.text() == "重置"
    assert window.findChild(object, "actionLanguage_zh_CN").isChecked()
    lesson = window.findChild(object, "actionLesson_" + window.tabs.lesson.lessons()[0].id)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lesson.text())  # the lesson's own title
    assert window.help.guide.language == "zh_CN"
    host.switch_language("en")
    assert menus.file.title() == "&File" and window.lab_actions.step.text() == "Step"


def test_banner_message_is_reworded(host):
    window = host.window
    window.session.set_hyperparameters(lr=100.0)  # above the stability limit: a warning
    english = window.banner.text()
    assert "η" in english
    host.switch_language("zh_CN")
    assert window.banner.text() != english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in window.banner.text())


def test_undo_prefix_follows_the_language(host):
    s = host.window.session
    s.add_example(0.1, 2.0)
    english = host.window.lab_actions.undo.text()
    assert english.startswith("Undo ")
    host.switch_language("zh_CN")
    assert host.window.lab_actions.undo.text().startswith("撤销 ")


def test_switching_back_and_forth_builds_nothing_new(host):
    """The window is re-worded, not rebuilt: after many switches the same widgets exist."""
    host.switch_language("zh_CN")
    host.switch_language("en")
    QApplication.processEvents()
    before = len(QApplication.allWidgets())
    for _ in range(10):
        host.switch_language("zh_CN")
        host.switch_language("en")
    QApplication.processEvents()
    assert len(QApplication.allWidgets()) == before
