"""Fusion, with check boxes in item views that stay visible on a dark list.

Fusion outlines a check indicator in the window colour made darker: on a dark palette that
outline vanishes into a dark list (the lesson's steps showed no boxes at all). This proxy
lends such indicators a light window colour, so their outline shows; everything else is
Fusion as it is (a style sheet would have restyled every widget of the app).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionViewItem

OUTLINE_SOURCE = QColor("#c8c8c8")  # Fusion draws the outline 40 % darker than this


class IndicatorStyle(QProxyStyle):
    """Fusion whose item-view check boxes have a visible frame on dark backgrounds."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if (element == QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck
                and option.palette.color(QPalette.ColorRole.Base).lightness() < 100):
            option = QStyleOptionViewItem(option) if isinstance(
                option, QStyleOptionViewItem) else QStyleOption(option)
            option.palette.setColor(QPalette.ColorRole.Window, OUTLINE_SOURCE)
        super().drawPrimitive(element, option, painter, widget)
