"""Lessons say only what the app does: the tabs, buttons, columns, panels and menu entries they
name exist on screen, in both languages, and their promises come true."""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QTableView,
    QWidget,
)

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.state.lessons import apply_lesson
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.registry import TABS, TITLE_CONTEXT
from tests.gui.languages import switched_to


def _shown(title: str) -> str:
    """A tab title as the tab bar shows it ("&&" is a literal ampersand)."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _steps(lesson, language: str) -> list[str]:
    return [step.in_language(language) for step in lesson.steps]


def test_the_tabs_a_lesson_names_exist(lessons, qapp):
    english = {_shown(entry.title) for entry in TABS}
    install_translators(qapp, "zh_CN")
    try:
        chinese = {_shown(QCoreApplication.translate(TITLE_CONTEXT, entry.title))
                   for entry in TABS}
    finally:
        install_translators(qapp, "en")
    wrong = []
    for lesson in lessons:
        for text in _steps(lesson, "en"):
            wrong += [f"{lesson.id}: {name!r}" for name in
                      re.findall(r"[Oo]pen the (.+?) tab", text) if name not in english]
        for text in _steps(lesson, "zh_CN"):
            wrong += [f"{lesson.id}: {name!r}" for name in
                      re.findall(r"“([^”]+)”选项卡", text) if name not in chinese]
    assert not wrong, "lessons name tabs that do not exist:\n" + "\n".join(wrong)


def test_lesson_7_run_explodes_within_the_steps_it_promises(by_id, qtbot):
    session = Session()
    apply_lesson(session, by_id["learning_rate_too_large"])
    session.step(10)  # "press Step ten times"
    loop = RunLoop(session)
    loop.start()  # "press Run: within about 35 steps the loss explodes"
    qtbot.waitUntil(lambda: not loop.running, timeout=10_000)
    assert session.trainer.diverged
    assert session.trainer.steps <= 10 + 35


# ----- every name a step uses is on screen -------------------------------------------------

_MNEMONIC = re.compile(r"\(&.\)|&(?=\S)")


def _on_screen(window) -> set[str]:
    """Every text the window shows a learner: buttons, labels, group titles, combo items,
    tab titles, menu entries and table headers (mnemonics removed)."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QLabel)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QMenu):
            texts.append(widget.title())
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(i, orientation) or "")
                      for orientation, count in ((Qt.Orientation.Horizontal,
                                                  model.columnCount()),
                                                 (Qt.Orientation.Vertical, model.rowCount()))
                      for i in range(count)]
    texts += [action.text() for action in window.findChildren(QAction)]
    return {_MNEMONIC.sub("", t).replace("&&", "&").strip() for t in texts if t}


def _named_in_english(text: str) -> list[str]:
    """The names of buttons, columns, panels, menu entries and items a step refers to."""
    names = re.findall(r"“([^”]+)”", text)
    names += re.findall(r"View ▸ ([^:)]+)", text)
    names += re.findall(r"noise type to ([A-Z]\w+)", text)
    names += [n for group in re.findall(r"the ([A-Z]\w*(?: and [A-Z]\w*)?) columns?\b", text)
              for n in group.split(" and ")]
    names += re.findall(r"the ([A-Z]\w+) panel", text)
    return names


def _pressed_in_english(text: str) -> list[list[str]]:
    """After each "Press"/"press": the first one to four words (one of them is the button)."""
    found = []
    for match in re.finditer(r"\b[Pp]ress (?:it )?([A-Z][^:,.;“]*)", text):
        words = match.group(1).split()
        found.append([" ".join(words[:k]) for k in range(1, min(4, len(words)) + 1)])
    return found


def _missing(lesson, language: str, shown: set[str]) -> list[str]:
    def present(name: str) -> bool:
        return any(name == t or name in t for t in shown)

    wrong = []
    for text in _steps(lesson, language):
        if language == "zh_CN":
            names = re.findall(r"“([^”]+)”", text)
        else:
            names = _named_in_english(text)
            wrong += [f"{lesson.id}: press {options[0]!r}"
                      for options in _pressed_in_english(text)
                      if not any(option in shown for option in options)]
        wrong += [f"{lesson.id}: {name!r}" for name in names if not present(name)]
    return wrong


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_button_column_panel_and_entry_a_step_names_is_on_screen(
        make_window, lessons, language) -> None:
    window = make_window()
    wrong = []
    with switched_to(language) if language != "en" else contextlib.nullcontext():
        for lesson in lessons:  # on screen with the lesson's preset loaded, as the learner sees
            window.open_lesson(lesson.id)
            window.tabs.lesson.load_button.click()
            wrong += _missing(lesson, language, _on_screen(window))
    assert not wrong, "lessons name what the window does not show:\n" + "\n".join(wrong)


def test_the_name_check_catches_a_name_that_is_not_there(make_window, lessons) -> None:
    shown = _on_screen(make_window())
    lesson = lessons[0]
    broken = replace(lesson, steps=(replace(lesson.steps[0], en="Press Jump, then open "
                                            "the Compare panel and the Best column."),))
    assert sorted(_missing(broken, "en", shown)) == [
        "basic_elements: 'Best'", "basic_elements: 'Compare'",
        "basic_elements: press 'Jump'"]
    assert "Step" in shown and "Generate" in shown and "True" in shown
