"""Keeps the current main window, and rebuilds it in another language with the same Session.

Qt widgets take their texts when built, so switching language at run time builds the window
anew around the very same Session object: data, undo history and the run go on untouched.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.main_window import MainWindow
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.session import Session


class WindowHost(QObject):
    """Owns the visible MainWindow of the app."""

    def __init__(self, app: QApplication, session: Session, language: str) -> None:
        super().__init__()
        self._app = app
        self.language = language
        self.window = self._build(session)

    def _build(self, session: Session) -> MainWindow:
        window = MainWindow(session, language=self.language)
        window.languageRequested.connect(self.switch_language)
        return window

    def switch_language(self, language: str) -> None:
        """Rebuild the window in `language`; running training resumes in the new window."""
        old = self.window
        if language == self.language:
            return
        running = old.run_loop.running
        old.run_loop.pause()
        self.language = install_translators(self._app, language)
        AppSettings().set_language(self.language)
        new = self._build(old.session)  # reparents the session to the new window
        new.take_view_state(old)
        new.show()
        old.close_quietly()
        shiboken6.delete(old)  # now, not later: no signal may reach its closed views
        self.window = new
        if running:
            new.run_loop.start()
