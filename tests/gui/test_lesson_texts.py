"""Lessons say only what the app does: the tabs they name exist, their promises come true."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.state.lessons import apply_lesson
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.registry import TABS, TITLE_CONTEXT


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
