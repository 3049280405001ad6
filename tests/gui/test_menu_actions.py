"""Every menu action can be triggered once without an error (file dialogs answer Cancel)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from linreg_lab.gui.style.palette import apply_appearance


def _all_actions(menu_bar) -> list[QAction]:
    found, stack = [], list(menu_bar.actions())
    while stack:
        action = stack.pop(0)
        if action.menu() is not None:
            action.menu().aboutToShow.emit()  # menus filled on demand (recent files)
            stack.extend(action.menu().actions())
        elif not action.isSeparator():
            found.append(action)
    return found


@pytest.fixture
def cancelled_dialogs(monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))


def test_every_menu_action_triggers_without_error(make_window, qtbot, cancelled_dialogs):
    window = make_window()
    actions = [a for a in _all_actions(window.menuBar())
               if a.objectName() not in ("actionQuit", "actionLanguage_zh_CN")]
    assert len(actions) > 40
    try:
        for action in actions:
            if action.isEnabled():
                action.trigger()
                window.run_loop.pause()
                QApplication.processEvents()
    finally:
        apply_appearance(QApplication.instance(), "light")
        for dialog in window.findChildren(QDialog):
            dialog.close()
    assert window.isVisible()
    window.findChild(QAction, "actionQuit").trigger()
    assert not window.isVisible()
