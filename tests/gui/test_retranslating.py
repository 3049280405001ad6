"""A language switch re-words what is shown at once, and hidden widgets before anyone sees them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.widgets.retranslating import Retranslating


class _Label(Retranslating, QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.calls += 1
        self.setText(QCoreApplication.translate("PredictionPanel", "Prediction"))


@pytest.fixture
def shown(qtbot):
    """A shown window with one visible and one hidden re-wordable label."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    visible, hidden = _Label(window), _Label(window)
    layout.addWidget(visible)
    layout.addWidget(hidden)
    hidden.hide()
    window.show()
    qtbot.waitExposed(window)
    yield visible, hidden
    install_translators(QApplication.instance(), "en")


def _deliver_chinese() -> None:
    install_translators(QApplication.instance(), "zh_CN")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)


def test_visible_widget_is_reworded_at_once_hidden_one_later(shown, qtbot):
    visible, hidden = shown
    _deliver_chinese()
    assert visible.text() == "预测"
    assert hidden.text() == "Prediction"  # not yet: nobody sees it, the paint comes first
    qtbot.waitUntil(lambda: hidden.text() == "预测")  # the next turn of the event loop
    assert hidden.calls == 2  # once when built, once for the switch


def test_hidden_widget_shown_before_the_loop_runs_shows_the_new_words(shown):
    _, hidden = shown
    _deliver_chinese()
    hidden.show()
    assert hidden.text() == "预测"
    QApplication.processEvents()
    assert hidden.calls == 2  # the queued re-wording found nothing left to do


def test_widget_of_a_window_not_shown_is_reworded_at_once(qtbot):
    label = _Label()
    qtbot.addWidget(label)
    try:
        _deliver_chinese()
        assert label.text() == "预测"
    finally:
        install_translators(QApplication.instance(), "en")
