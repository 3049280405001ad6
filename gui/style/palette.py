"""Light and dark window palettes, following the system unless the learner picks one.

The plots keep a white background in both, on purpose, like figures in a book: the Okabe-Ito
colours were chosen for white paper, and a figure should look the same in every screenshot
and export. The Appearance menu says so where the learner picks dark.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.style.indicator_style import IndicatorStyle

APPEARANCES = ("system", "light", "dark")


def is_dark(appearance: str) -> bool:
    if appearance == "system":
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return appearance == "dark"


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f", QPalette.ColorRole.AlternateBase: "#2f2f2f",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#363636",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#f0f0f0", QPalette.ColorRole.Highlight: "#56B4E9",
        QPalette.ColorRole.HighlightedText: "#000000", QPalette.ColorRole.Link: "#56B4E9",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a", QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def apply_appearance(app: QApplication, appearance: str) -> None:
    """Fusion style with a light or dark palette (Fusion honours palettes everywhere)."""
    app.setStyle(IndicatorStyle())  # re-polishes every widget now, with the new palette
    app.setPalette(dark_palette() if is_dark(appearance) else app.style().standardPalette())
