"""A monkey on the real window: thousands of seeded random events, no exception, no warning.

Clicks, drags and wheels on the fit, loss and landscape plots, keys (shortcuts included),
absurd text typed into the toolbar's and panels' fields, combo boxes, check boxes, buttons,
tabs and every menu action but Quit, with training running now and then. Nothing may escape
to sys.excepthook and Qt may say nothing beyond the offscreen plugin's known limits.

The CI setting sends a few thousand events (under a minute here). A long run, or a replay:
    LINREG_MONKEY_EVENTS=50000 LINREG_MONKEY_SEED=7 pytest tests/gui/test_monkey.py
A failure prints the seed and the last events.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.gui.monkey import Monkey, capturing

EVENTS = int(os.environ.get("LINREG_MONKEY_EVENTS", "2500"))
SEEDS = ([int(os.environ["LINREG_MONKEY_SEED"])] if "LINREG_MONKEY_SEED" in os.environ
         else [20240601, 7])
#: What the offscreen platform plugin says about what it cannot do; nothing else is allowed.
OFFSCREEN_LIMITS = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def no_file_dialogs(monkeypatch):
    """Every file dialog is cancelled at once, as if the learner pressed Cancel."""
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))


@pytest.fixture
def appearance_kept(qapp):
    """View → Appearance changes the application's style and palette: put them back."""
    from PySide6.QtGui import QPalette

    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize("seed", SEEDS)
def test_thousands_of_random_events_raise_nothing(make_window, monkeypatch, no_file_dialogs,
                                                   appearance_kept, seed):
    window = make_window()
    window.resize(1100, 700)  # a small laptop's screen: less to paint per event
    monkey = Monkey(window, seed)
    with capturing(monkeypatch, OFFSCREEN_LIMITS) as seen:
        try:
            for _ in range(EVENTS // len(SEEDS)):
                monkey.step()
                if seen.problems():
                    break
        except BaseException:
            print(monkey.report())
            raise
        window.run_loop.pause()
    print("allowed Qt messages seen:", dict(seen.allowed_seen))
    problems = seen.problems()
    assert not problems, f"{monkey.report()}\n\n" + "\n".join(problems[:3])


def test_the_capture_sees_exceptions_in_slots_and_qt_warnings(qtbot, monkeypatch):
    from PySide6.QtCore import QTimer, qWarning

    with capturing(monkeypatch, OFFSCREEN_LIMITS) as seen:
        def fail():
            raise RuntimeError("a slot failed")
        QTimer.singleShot(0, fail)
        qtbot.wait(20)
        qWarning("QObject: something odd")
        qWarning("This plugin does not support propagateSizeHints()")
    assert any("a slot failed" in e for e in seen.exceptions)
    assert any("something odd" in m for m in seen.messages)
    assert seen.allowed_seen
