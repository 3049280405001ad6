"""Error messages that do not block: a window-modal box, opened, deleted when closed.

Not exec(): the event loop (and a running training) goes on, and offscreen tests can find
the box by its object name and close it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

#: Room a title bar takes besides the title: the window buttons, an icon and margins.
TITLE_BAR_EXTRA_PX = 160


def show_error(parent: QWidget, name: str, text: str, detail: str,
               title: str | None = None) -> QMessageBox:
    """A warning box: `text` in bold words, `detail` (what was wrong, and where) below."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or text, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    fit_title(box)
    box.open()
    return box


def fit_title(box: QMessageBox) -> None:
    """Make a message box wide enough for its whole title.

    A QMessageBox sizes itself to its text, so a long title was cut off by the title bar
    ("Your work could not be saved fo…"); widening its text label widens the box."""
    font = QFont(box.font())
    font.setBold(True)  # title bars often use a bold font: measure the wider one
    needed = QFontMetrics(font).horizontalAdvance(box.windowTitle()) + TITLE_BAR_EXTRA_PX
    label = box.findChild(QLabel, "qt_msgbox_label")
    if label is not None:
        label.setMinimumWidth(max(label.minimumWidth(), needed - 80))  # the icon's column
