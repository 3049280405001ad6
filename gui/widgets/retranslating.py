"""Language switch in place: widgets set their texts again on QEvent.LanguageChange.

Qt sends LanguageChange to every widget when a translator is installed, so a widget that
keeps its texts in one retranslate() method (as Qt Designer's generated code does) follows a
language switch without being rebuilt: nothing on screen is lost. Call retranslate() once at
the end of __init__, and make it only set texts (labels, titles, tooltips, items), never build.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixin for QWidget subclasses (list it first): calls retranslate() on LanguageChange."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        """Set every text this widget shows, in the current language."""
        raise NotImplementedError
