"""Language switch in place: widgets set their texts again on QEvent.LanguageChange.

Qt sends LanguageChange to every widget when a translator is installed, so a widget that
keeps its texts in one retranslate() method (as Qt Designer's generated code does) follows a
language switch without being rebuilt: nothing on screen is lost. Call retranslate() once at
the end of __init__, and make it only set texts (labels, titles, tooltips, items), never build.

A switch should be painted within a frame or so. A widget hidden inside a shown window (a
teaching tab at the back, a panel of a mode that is off) is re-worded after the visible ones
have been painted, in the next turn of the event loop, or when it is shown, whichever comes
first; nobody sees its old words. A widget of a window that is not shown (tests, a window
being built) is re-worded at once.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QShowEvent
from shiboken6 import isValid

_later: weakref.WeakSet = weakref.WeakSet()  # hidden widgets whose texts are out of date


def _retranslate_later() -> None:
    """Re-word every hidden widget that a language switch left for later."""
    while _later:
        widget = _later.pop()
        if isValid(widget):  # not deleted by Qt meanwhile
            widget._retranslate_if_stale()


def retranslate_hidden_now() -> None:
    """Re-word the hidden widgets now (the queue otherwise runs in the next loop turn)."""
    _retranslate_later()


class Retranslating:
    """Mixin for QWidget subclasses (list it first): calls retranslate() on LanguageChange."""

    _stale_texts = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self.isVisible() or not self.window().isVisible():  # type: ignore[attr-defined]
                self._stale_texts = False
                self.retranslate()
            else:
                self._stale_texts = True
                if not _later:
                    QTimer.singleShot(0, _retranslate_later)
                _later.add(self)
        super().changeEvent(event)  # type: ignore[misc]

    def showEvent(self, event: QShowEvent) -> None:
        self._retranslate_if_stale()
        super().showEvent(event)  # type: ignore[misc]

    def _retranslate_if_stale(self) -> None:
        if self._stale_texts:
            self._stale_texts = False
            _later.discard(self)
            self.retranslate()

    def retranslate(self) -> None:
        """Set every text this widget shows, in the current language."""
        raise NotImplementedError
