"""The bottom tabs that teach the rest of the chapter, each a live view on the same Session.

The tabs come from the registry (tabs/registry.py), in its order, each built as
``Class(session, parent)`` with the session of the tab's mode (a classification tab gets the
ClassificationSession); ``set_mode`` shows the tabs of one mode. Here, where the tabs are
wired, a tab's requests are connected to the Session: the views themselves never change the
model.

Only the tabs the first frame needs are built with the window (the Lesson tab in front, and
the Formula tab, whose object name automation relies on); the others are imported and built
when first shown or asked for, which takes about a third off the time to the first window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.registry import TABS, TITLE_CONTEXT
from linreg_lab.gui.widgets.retranslating import Retranslating

# A tab's request signal → the Session method that serves it. A tab with such a signal is
# wired here, so a new tab needs no code in this file.
REQUESTS = {"generateRequested": "generate"}
BUILT_AT_START = frozenset({"lesson", "formula"})


class TeachingTabs(Retranslating, QTabWidget):
    """The registry's tabs by key; each is also an attribute (``tabs.lesson``, ``tabs.noise``)."""

    panelBuilt = Signal(str)
    """A tab's panel was built (at start, or when first shown or asked for): its key."""

    def __init__(self, session: Session, language: str | None = None,
                 parent: QWidget | None = None,
                 request: Callable[..., object] | None = None,
                 classification: Callable[[], QObject] | None = None) -> None:
        """`request(method, *args)` makes a Session request for a tab; the window passes one
        that shows a refused change to the learner (the default just calls the method).
        `classification()` gives the ClassificationSession, asked for only when a
        classification tab is built (by default the tabs make one of their own)."""
        super().__init__(parent)
        self._request = request or (lambda method, *args: method(*args))
        self._session, self._language = session, language
        self._classification = classification or self._own_classification
        self._mode = "regression"
        self.setObjectName("teachingTabs")
        self.setDocumentMode(True)
        self._panels: dict[str, QWidget] = {}
        self._badges: dict[str, str] = {}  # short status after a tab's title, e.g. "2/3"
        for entry in TABS:  # placeholders first, so every tab has its place and title
            self.addTab(QWidget(self), entry.title)
        for index, entry in enumerate(TABS):
            if entry.key in BUILT_AT_START:
                self._build(index)
        self.currentChanged.connect(self._build)
        self.set_mode(self._mode)
        self.retranslate()

    def __getattr__(self, name: str) -> QWidget:
        """``tabs.noise`` and the like: the tab's panel, built now if it was not yet."""
        if name in _KEYS:
            return self._panel_at(_KEYS.index(name))
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _panel_at(self, index: int) -> QWidget:
        panel = self._build(index)
        assert panel is not None  # index is a tab's
        return panel

    def _build(self, index: int) -> QWidget | None:
        """Build the tab at `index` in place of its placeholder (nothing if built)."""
        if not 0 <= index < len(TABS):
            return None
        entry = TABS[index]
        if entry.key in self._panels:
            return self._panels[entry.key]
        session = self._classification() if entry.mode == "classification" else self._session
        panel = entry.widget_class()(session, self)
        self._panels[entry.key] = panel
        if self._language is not None:
            _set_language(panel, self._language)
        self._wire(panel)
        current, placeholder = self.currentIndex(), self.widget(index)
        with QSignalBlocker(self):  # the swap is not a change of the shown tab
            self.removeTab(index)
            self.insertTab(index, panel, QCoreApplication.translate(TITLE_CONTEXT, entry.title))
            self.setCurrentIndex(current)
        if self._badges.get(entry.key):
            self.retranslate()  # the title with its badge
        placeholder.setParent(None)  # unowned, so deleted now: no deferred delete left behind
        self.panelBuilt.emit(entry.key)
        return panel

    def _own_classification(self) -> QObject:
        from linreg_lab.gui.state.classification import ClassificationSession

        if not hasattr(self, "_own_session"):
            self._own_session = ClassificationSession(parent=self)
        return self._own_session

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Show the tabs of `mode` ("regression" or "classification") and those of both; the
        tab in front stays when it is shown in the new mode, else the first shown comes."""
        self._mode = mode
        for index, entry in enumerate(TABS):
            self.setTabVisible(index, entry.shown_in(mode))
        if not TABS[self.currentIndex()].shown_in(mode):
            self.setCurrentIndex(next(i for i, e in enumerate(TABS) if e.shown_in(mode)))

    def mode_of(self, name: str) -> str | None:
        """The mode a tab belongs to ("both" for the Lesson tab), None for no such tab."""
        return TABS[_KEYS.index(name)].mode if name in _KEYS else None

    def is_built(self, name: str) -> bool:
        """Whether the tab `name` has been built (teaching tabs are built when first needed)."""
        return name in self._panels

    def _set_language(self, language: str) -> None:
        """Tabs that show data written in several languages (the lessons) show this one."""
        self._language = language
        for panel in self._panels.values():
            _set_language(panel, language)

    def _wire(self, panel: QWidget) -> None:
        """Requests of a tab that change the model go to the Session."""
        for signal, method in REQUESTS.items():
            if hasattr(panel, signal) and hasattr(self._session, method):
                serve = getattr(self._session, method)
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
        """The tab with this key ("formula", "noise", ...), built if need be, or None."""
        return self._panel_at(_KEYS.index(name)) if name in _KEYS else None

    def panel_names(self) -> list[str]:
        return list(_KEYS)

    def current_name(self) -> str:
        index = self.currentIndex()
        return _KEYS[index] if 0 <= index < len(_KEYS) else ""

    def show_panel(self, name: str) -> bool:
        """Bring a tab to the front by name ("formula", "noise", ...); False if there is none."""
        if name not in _KEYS:
            return False
        self.setCurrentWidget(self._panel_at(_KEYS.index(name)))
        return True

    def shutdown(self) -> None:
        """Stop background work (timers, sweeps) before the window goes away."""
        for panel in self._panels.values():
            stop = getattr(panel, "shutdown", None)
            if stop is not None:
                stop()


_KEYS = tuple(entry.key for entry in TABS)


def _set_language(panel: QWidget, language: str) -> None:
    set_language = getattr(panel, "set_language", None)
    if set_language is not None:
        set_language(language)
