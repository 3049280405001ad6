"""Keeps the main window, and switches its language in place.

Installing another translator makes Qt send LanguageChange to every widget, and each widget
re-sets its texts in retranslate(); texts written as data in both languages (lessons, the
user guide) are switched by MainWindow.set_language. Nothing is rebuilt, so data, results on
every tab, the undo history and a running training go on untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.main_window import MainWindow
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.session import Session


class WindowHost(QObject):
    """Owns the visible MainWindow of the app and its language."""

    def __init__(self, app: QApplication, session: Session, language: str, *,
                 build_later: bool = False) -> None:
        """`build_later`: the window builds its first frame only (see MainWindow)."""
        super().__init__()
        self._app = app
        self.language = language
        self.window = MainWindow(session, language=language, build_later=build_later)
        self.window.languageRequested.connect(self.switch_language)

    def switch_language(self, language: str) -> None:
        """Show the whole window in `language`, keeping everything on screen."""
        if language == self.language:
            return
        self.language = install_translators(self._app, language)
        AppSettings().set_language(self.language)
        # deliver the posted LanguageChange now, before the texts kept in both languages
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
        self.window.set_language(self.language)
        # lay the re-worded window out before it is painted: painted once, in its new
        # layout (not once in the old one and again when the plots' legends have moved)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
