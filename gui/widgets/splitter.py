"""A splitter of panes that keep a minimum size (none collapses to nothing by a stray drag)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget


def splitter(orientation: Qt.Orientation, *widgets: QWidget, sizes: tuple[int, ...],
             parent: QWidget | None = None) -> QSplitter:
    """Widgets side by side (or stacked) with these starting sizes in pixels."""
    pane = QSplitter(orientation, parent)
    for widget in widgets:
        pane.addWidget(widget)
    pane.setSizes(list(sizes))
    pane.setChildrenCollapsible(False)
    return pane
