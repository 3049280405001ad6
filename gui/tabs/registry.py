"""The teaching tabs, in the order they appear: one entry per tab, and no Qt imported.

Adding a teaching tab means adding one file (a QWidget subclass built as
``Class(session, parent)``) and one entry here. The container (teaching_tabs.py) imports each
class only when it builds the tabs; gui/state/lessons.py reads the keys, the names a lesson
uses to bring a tab forward, without importing any widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

TITLE_CONTEXT = "TeachingTabs"  # the translation context of the titles below


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a title for translation; TeachingTabs translates it when it shows it."""
    return text


@dataclass(frozen=True)
class TabEntry:
    """One teaching tab: its key, where its widget class lives, its English title, and the
    mode it teaches ("regression", "classification", or "both": shown in either)."""

    key: str
    module: str
    class_name: str
    title: str
    mode: str = "regression"

    def shown_in(self, mode: str) -> bool:
        return self.mode in ("both", mode)

    def widget_class(self) -> type:
        """The tab's widget class, imported now (not when the registry is imported)."""
        return getattr(import_module(self.module), self.class_name)


TABS: tuple[TabEntry, ...] = (
    TabEntry("lesson", "linreg_lab.gui.tabs.lesson.lesson_panel", "LessonPanel",
             QT_TRANSLATE_NOOP("TeachingTabs", "Lesson"), mode="both"),
    TabEntry("formula", "linreg_lab.gui.tabs.formula.formula_panel", "FormulaPanel",
             QT_TRANSLATE_NOOP("TeachingTabs", "Formula")),
    TabEntry("noise", "linreg_lab.gui.tabs.noise.noise_panel", "NoisePanel",
             QT_TRANSLATE_NOOP("TeachingTabs", "Noise && likelihood")),
    TabEntry("vectorization", "linreg_lab.gui.tabs.vectorization.vectorization_panel",
             "VectorizationPanel", QT_TRANSLATE_NOOP("TeachingTabs", "Vectorization")),
    TabEntry("sweep", "linreg_lab.gui.tabs.sweep.sweep_panel", "SweepPanel",
             QT_TRANSLATE_NOOP("TeachingTabs", "Hyperparameters and generalization")),
    TabEntry("softmax_formula", "linreg_lab.gui.tabs.formula.softmax_formula", "SoftmaxFormula",
             QT_TRANSLATE_NOOP("TeachingTabs", "Softmax, step by step"),
             mode="classification"),
)


def tab_keys() -> tuple[str, ...]:
    """The keys of all teaching tabs, in tab order."""
    return tuple(entry.key for entry in TABS)
