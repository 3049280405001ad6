"""Light and dark palettes: chosen from View → Appearance, remembered, plots stay paper-white."""

from __future__ import annotations

from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.style.palette import apply_appearance


def _window_lightness() -> int:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness()


def test_appearance_menu_switches_palette_and_remembers_it(make_window):
    w = make_window()
    try:
        w.findChild(QAction, "actionAppearance_dark").trigger()
        assert _window_lightness() < 80
        assert AppSettings().appearance() == "dark"
        assert w.fit_plot.backgroundBrush().color().lightness() == 255  # figures stay white
        w.findChild(QAction, "actionAppearance_light").trigger()
        assert _window_lightness() > 180
    finally:
        apply_appearance(QApplication.instance(), "light")
