"""Switching language at run time rebuilds the window around the same, untouched session."""

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
