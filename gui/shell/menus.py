"""The menu bar: File, Edit, Data, View, Train, Lessons, Help, built once from the window's actions.

Menus only show actions and emit what the learner picked; the main window wires the rest.
Every title is set in retranslate(), so a language switch renames the menus in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from linreg_lab.gui.shell.actions import LabActions
from linreg_lab.gui.shell.i18n import LANGUAGES
from linreg_lab.gui.state import builtin_sets
from linreg_lab.gui.state.lessons import Lesson
from linreg_lab.gui.style.palette import APPEARANCES
from linreg_lab.gui.tabs.registry import TABS, TITLE_CONTEXT

CLASS_SETS = ("digits", "iris")  # built-in sets of the classification mode
LANGUAGE_NAMES = {"en": "English", "zh_CN": "中文（简体）"}  # each in its own language


class WindowMenus(QObject):
    """Builds the menu bar of `window` and keeps its menus for retranslation."""

    languageRequested = Signal(str)
    appearanceRequested = Signal(str)
    lessonRequested = Signal(str)  # a lesson id
    tabRequested = Signal(str)  # a teaching tab's key
    recentRequested = Signal(Path)
    builtinRequested = Signal(str)  # a key of gui.state.builtin_sets

    def __init__(self, window: QMainWindow, actions: LabActions, *,
                 extra_view_actions: Sequence[QAction], lessons: Sequence[Lesson],
                 recent_files: Callable[[], list[str]], language: str, appearance: str):
        super().__init__(window)
        self._window, self._a = window, actions
        self._lessons, self._recent_files = list(lessons), recent_files
        self._language = language
        bar = window.menuBar()
        self.file, self.edit, self.data, self.view, self.train, self.lesson_menu, self.help = (
            bar.addMenu("") for _ in range(7))
        self._fill_main_menus(extra_view_actions)
        self._builtin_actions = self._fill_builtin()
        self.recent = self._submenu(self.file, "recentMenu", before=actions.save)
        self.recent.aboutToShow.connect(self._fill_recent)
        self.export = self._submenu(self.file, "exportMenu", before=actions.quit)
        self.file.insertSeparator(actions.quit)
        self._lesson_actions = self._fill_lessons()
        self.retranslate()
        self._check(self._language_actions, language)
        self._check(self._appearance_actions, appearance)

    # ----- building (once) ----------------------------------------------------------------
    def _fill_main_menus(self, extra_view_actions: Sequence[QAction]) -> None:
        a = self._a
        for menu, actions in ((self.file, (a.open, None, a.save, a.save_as, None, a.quit)),
                              (self.edit, (a.undo, a.redo, None, a.generate, a.clear)),
                              (self.view, (a.classification_mode, None,
                                           a.fit_view, a.residuals, None, a.your_line,
                                           a.snap_your_line, None, a.log_loss,
                                           a.loss_in_epochs)),
                              (self.train, (a.step, a.step_back, a.epoch, a.run, a.reset,
                                            None, a.sgd_from_your_line)),
                              (self.help, (a.user_guide, None, a.about))):
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        self.language = self.view.addMenu("")
        self.language.setObjectName("languageMenu")
        self._language_actions = self._choices(self.language, LANGUAGES, "actionLanguage_",
                                               self.languageRequested)
        for action in extra_view_actions:
            self.view.addAction(action)
        self.appearance = self.view.addMenu("")
        self.appearance.setObjectName("appearanceMenu")
        self._appearance_actions = self._choices(self.appearance, APPEARANCES,
                                                 "actionAppearance_", self.appearanceRequested)
        self.tabs_menu = self.view.addMenu("")
        self.tabs_menu.setObjectName("teachingTabsMenu")
        self._tab_actions = self._fill_tabs()
        self.view.addSeparator()
        self.view.addAction(a.restore_defaults)

    def _choices(self, menu: QMenu, keys: Sequence[str], prefix: str,
                 signal: Signal) -> dict[str, QAction]:
        """Exclusive checkable entries, one per key; picking one emits it."""
        group = QActionGroup(self)
        actions = {}
        for key in keys:
            action = QAction(self._window, checkable=True)
            action.setObjectName(f"{prefix}{key}")
            action.triggered.connect(lambda _c=False, k=key: signal.emit(k))
            group.addAction(action)
            menu.addAction(action)
            actions[key] = action
        return actions

    def _submenu(self, parent: QMenu, name: str, before: QAction) -> QMenu:
        menu = QMenu(self._window)
        menu.setObjectName(name)
        parent.insertMenu(before, menu)
        return menu

    def _fill_lessons(self) -> dict[str, QAction]:
        """One entry per lesson: it opens the lesson's text; its preset loads on request."""
        self.lesson_menu.setObjectName("lessonsMenu")
        actions = {}
        for lesson in self._lessons:
            action = QAction(self._window)
            action.setObjectName(f"actionLesson_{lesson.id}")
            action.triggered.connect(lambda _c=False, i=lesson.id: self.lessonRequested.emit(i))
            self.lesson_menu.addAction(action)
            actions[lesson.id] = action
        return actions

    def _fill_builtin(self) -> dict[str, QAction]:
        """One entry per built-in data set; picking one asks to load it (undoable)."""
        self.data.setObjectName("dataMenu")
        actions = {}
        for key in builtin_sets.KEYS:
            if key == "anscombe_1" or key == "norris":
                self.data.addSeparator()
            action = QAction(self._window)
            action.setObjectName(f"actionData_{key}")
            action.triggered.connect(lambda _c=False, k=key: self.builtinRequested.emit(k))
            self.data.addAction(action)
            actions[key] = action
        self.data.addSeparator()
        for key in CLASS_SETS:  # these open in the classification mode
            action = QAction(self._window)
            action.setObjectName(f"actionData_{key}")
            action.triggered.connect(lambda _c=False, k=key: self.builtinRequested.emit(k))
            self.data.addAction(action)
            actions[key] = action
        return actions

    def _fill_tabs(self) -> dict[str, QAction]:
        """One entry per teaching tab, in tab order, with Alt+1, Alt+2, … (free keys: Ctrl+0
        is Fit view, and Alt+digits are the tab keys of browsers on Linux)."""
        actions = {}
        for number, entry in enumerate(TABS, start=1):
            action = QAction(self._window)
            action.setObjectName(f"actionShowTab_{entry.key}")
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _c=False, k=entry.key: self.tabRequested.emit(k))
            self.tabs_menu.addAction(action)
            actions[entry.key] = action
        return actions

    def _fill_recent(self) -> None:
        self.recent.clear()
        for path in self._recent_files():
            action = self.recent.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.recentRequested.emit(Path(p)))
        self.recent.setEnabled(bool(self.recent.actions()))

    @staticmethod
    def _check(actions: dict[str, QAction], key: str) -> None:
        if key in actions:
            actions[key].setChecked(True)

    # ----- texts --------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Lesson titles are data in both languages: show them in `language`."""
        self._language = language
        self._check(self._language_actions, language)
        self._title_lessons()

    def retranslate(self) -> None:
        titles = ((self.file, self.tr("&File")), (self.edit, self.tr("&Edit")),
                  (self.data, self.tr("&Data")),
                  (self.view, self.tr("&View")), (self.train, self.tr("&Train")),
                  (self.lesson_menu, self.tr("&Lessons")), (self.help, self.tr("&Help")),
                  (self.recent, self.tr("Open recent")), (self.export, self.tr("Export")),
                  (self.language, self.tr("Language")), (self.appearance, self.tr("Appearance")),
                  (self.tabs_menu, self.tr("Teaching tabs")))
        for menu, title in titles:
            menu.setTitle(title)
        for code, action in self._language_actions.items():
            action.setText(LANGUAGE_NAMES[code])
        names = {"system": self.tr("Follow the system"), "light": self.tr("Light"),
                 "dark": self.tr("Dark (plots stay paper-white, like the book's figures)")}
        for key, action in self._appearance_actions.items():
            action.setText(names[key])
        class_titles = {"digits": self.tr("Handwritten digits, 8×8 (classification)"),
                        "iris": self.tr("Fisher's iris (classification)")}
        for key, action in self._builtin_actions.items():
            if key in CLASS_SETS:
                action.setText(class_titles[key])
                continue
            action.setText(builtin_sets.title(key))
            action.setStatusTip(builtin_sets.source(key))
        for entry in TABS:
            self._tab_actions[entry.key].setText(
                QCoreApplication.translate(TITLE_CONTEXT, entry.title))
        self._title_lessons()

    def _title_lessons(self) -> None:
        for lesson in self._lessons:
            title = lesson.title.in_language(self._language)
            self._lesson_actions[lesson.id].setText(f"{lesson.order}. {title}")
