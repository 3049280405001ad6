"""Help → User guide and About for one main window: one guide window, raised when asked again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from linreg_lab.gui.dialogs.about_dialog import AboutDialog
from linreg_lab.gui.dialogs.user_guide import UserGuideWindow


class HelpWindows(QObject):
    """Opens the guide (in the window's language) and the About box beside `window`."""

    def __init__(self, window: QWidget, language: str) -> None:
        super().__init__(window)
        self._window, self._language = window, language
        self.guide: UserGuideWindow | None = None

    def show_user_guide(self) -> None:
        if self.guide is None:
            self.guide = UserGuideWindow(language=self._language, parent=self._window)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def show_about(self) -> None:
        dialog = AboutDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def set_language(self, language: str) -> None:
        """The guide is written in both languages: show the one asked for."""
        self._language = language
        if self.guide is not None:
            self.guide.set_language(language)
