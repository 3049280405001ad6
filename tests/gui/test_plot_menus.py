"""Texts that came from pyqtgraph and Qt read in Chinese too: the plots' right-click menu, the
→ key's name; and no English word is left inside a Chinese translation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QWidgetAction,
)

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.window_host import WindowHost
from linreg_lab.gui.state.session import Session
from tests.gui.mouse import centre, click

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile("[\u4e00-\u9fff]")
SYMBOLS_ONLY = re.compile(r"^[\W\d_]*$")  # "%", "0", "→": nothing to translate


@pytest.fixture
def host(qtbot):
    app = QApplication.instance()
    h = WindowHost(app, Session(), install_translators(app, "zh_CN"))
    h.window.show()
    qtbot.waitExposed(h.window)
    yield h
    h.window.close()
    install_translators(app, "en")


def _menu_texts(menu: QMenu) -> list[str]:
    """What the learner reads in a menu: entries, submenus and the option forms inside."""
    texts = []
    for action in menu.actions():
        texts.append(action.text())
        if isinstance(action, QWidgetAction) and action.defaultWidget() is not None:
            form = action.defaultWidget()
            texts += [b.text() for b in form.findChildren(QAbstractButton)]
            texts += [label.text() for label in form.findChildren(QLabel)]
            texts += [g.title() for g in form.findChildren(QGroupBox)]
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return [t for t in texts if t and not SYMBOLS_ONLY.match(t)]


def _right_click_menu(qtbot, plot) -> QMenu:
    click(plot, centre(plot), Qt.MouseButton.RightButton)
    menu = plot.getPlotItem().getViewBox().menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def test_the_plot_menu_is_chinese_and_follows_a_language_switch(host, qtbot):
    plot = host.window.loss_plot
    menu = _right_click_menu(qtbot, plot)
    texts = _menu_texts(menu)
    menu.hide()
    assert len(texts) >= 20  # View All, both axes' options, Mouse Mode, Plot Options …
    english = [t for t in texts if not CHINESE.search(t)]
    assert not english, f"English left in the plot menu: {english}"
    host.window.findChild(object, "actionLanguage_en").trigger()
    qtbot.waitUntil(lambda: "linear regression" in host.window.windowTitle())
    menu = _right_click_menu(qtbot, host.window.loss_plot)
    texts = _menu_texts(menu)
    menu.hide()
    assert "View All" in texts and "Plot Options" in texts
    assert not [t for t in texts if CHINESE.search(t)]


def test_the_step_key_reads_as_an_arrow_not_qt_s_chinese_name(host):
    step = host.window.lab_actions.step
    native = step.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert native == "→"
    assert "→ 或 S" in step.statusTip()


def test_no_english_word_is_left_inside_a_chinese_translation():
    root = ET.parse(ROOT / "resources/i18n/linreg_lab_zh_CN.ts").getroot()
    words = re.compile(r"\b(or|and|the|of|to|is)\b")
    left = []
    for message in root.iter("message"):
        text = "".join(message.find("translation").itertext())
        if words.search(re.sub(r"\{\w+\}|<[^>]+>|%\d", "", text)):
            left.append(f"{message.findtext('source')!r} → {text!r}")
    assert not left, "\n".join(left)
