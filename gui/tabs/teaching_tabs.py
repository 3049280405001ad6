"""The bottom tabs that teach the rest of the chapter, each a live view on the same Session.

The tabs come from the registry (tabs/registry.py), built in its order as
``Class(session, parent)``. Here, where the tabs are wired, a tab's requests are connected to
the Session: the views themselves never change the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.registry import TABS, TITLE_CONTEXT
from linreg_lab.gui.widgets.retranslating import Retranslating

# A tab's request signal → the Session method that serves it. A tab with such a signal is
# wired here, so a new tab needs no code in this file.
REQUESTS = {"generateRequested": "generate"}


class TeachingTabs(Retranslating, QTabWidget):
    """The registry's tabs by key; each is also an attribute (``tabs.lesson``, ``tabs.noise``)."""

    def __init__(self, session: Session, language: str | None = None,
                 parent: QWidget | None = None,
                 request: Callable[..., object] | None = None) -> None:
        """`request(method, *args)` makes a Session request for a tab; the window passes one
        that shows a refused change to the learner (the default just calls the method)."""
        super().__init__(parent)
        self._request = request or (lambda method, *args: method(*args))
        self.setObjectName("teachingTabs")
        self.setDocumentMode(True)
        self._panels: dict[str, QWidget] = {}
        self._badges: dict[str, str] = {}  # short status after a tab's title, e.g. "2/3"
        for entry in TABS:
            panel = entry.widget_class()(session, self)
            self._panels[entry.key] = panel
            setattr(self, entry.key, panel)
            self.addTab(panel, entry.title)
        if language is not None:
            self._set_language(language)
        self._wire(session)
        self.retranslate()

    def _set_language(self, language: str) -> None:
        """Tabs that show data written in several languages (the lessons) show this one."""
        for panel in self._panels.values():
            set_language = getattr(panel, "set_language", None)
            if set_language is not None:
                set_language(language)

    def _wire(self, session: Session) -> None:
        """Requests of the tabs that change the model go to the Session."""
        for panel in self._panels.values():
            for signal, method in REQUESTS.items():
                if hasattr(panel, signal):
                    serve = getattr(session, method)
                    getattr(panel, signal).connect(lambda *args, f=serve: self._request(f, *args))

    def retranslate(self) -> None:
        for index, entry in enumerate(TABS):
            title = QCoreApplication.translate(TITLE_CONTEXT, entry.title)
            badge = self._badges.get(entry.key)
            self.setTabText(index, f"{title} ({badge})" if badge else title)

    def set_badge(self, name: str, badge: str) -> None:
        """Show a short status after a tab's title ("Lesson (2/3)"); "" removes it."""
        self._badges[name] = badge
        self.retranslate()

    def panel(self, name: str) -> QWidget | None:
        """The tab with this key ("formula", "noise", ...), or None."""
        return self._panels.get(name)

    def panel_names(self) -> list[str]:
        return list(self._panels)

    def current_name(self) -> str:
        current = self.currentWidget()
        return next((n for n, p in self._panels.items() if p is current), "")

    def show_panel(self, name: str) -> bool:
        """Bring a tab to the front by name ("formula", "noise", ...); False if there is none."""
        if name in self._panels:
            self.setCurrentWidget(self._panels[name])
            return True
        return False

    def shutdown(self) -> None:
        """Stop background work (timers, sweeps) before the window goes away."""
        for panel in self._panels.values():
            stop = getattr(panel, "shutdown", None)
            if stop is not None:
                stop()
