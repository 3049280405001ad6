"""Error messages that do not block: a window-modal box, opened, deleted when closed.

Not exec(): the event loop (and a running training) goes on, and offscreen tests can find
the box by its object name and close it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget, name: str, text: str, detail: str,
               title: str | None = None) -> QMessageBox:
    """A warning box: `text` in bold words, `detail` (what was wrong, and where) below."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or text, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
