"""Light and dark palettes: chosen from View → Appearance, remembered, plots stay paper-white."""

from __future__ import annotations

from PySide6.QtCore import Qt
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


def _contrast(a, b) -> float:
    """WCAG contrast ratio of two QColors."""
    def lum(c) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_dark_mode_says_the_plots_stay_white_and_headers_stay_readable(make_window, qtbot):
    from linreg_lab.gui.panels.comparison_table import ANALYTICAL_COL, SGD_COL, TRUE_COL

    w = make_window()
    try:
        dark = w.findChild(QAction, "actionAppearance_dark")
        assert "paper-white" in dark.text()  # said where the learner picks it
        dark.trigger()
        qtbot.wait(20)  # the new palette reaches the widgets through the event loop
        table = w.comparison_table
        header = table.horizontalHeader()
        pal = header.palette()
        ratio = _contrast(pal.color(QPalette.ColorRole.ButtonText),
                          pal.color(QPalette.ColorRole.Button))
        assert ratio >= 4.5
        for col in (TRUE_COL, ANALYTICAL_COL, SGD_COL):  # names in the palette's text colour,
            item = table.horizontalHeaderItem(col)       # the plot colour as a swatch
            assert item.foreground().style() == Qt.BrushStyle.NoBrush
            assert not item.icon().isNull()
        sel = _contrast(pal.color(QPalette.ColorRole.Highlight),
                        pal.color(QPalette.ColorRole.HighlightedText))
        assert sel >= 4.5
    finally:
        apply_appearance(QApplication.instance(), "light")


def test_dark_mode_check_boxes_in_lists_are_visible(make_window, qtbot):
    w = make_window()
    try:
        w.findChild(QAction, "actionAppearance_dark").trigger()
        qtbot.wait(20)
        steps = w.tabs.lesson.steps_list
        assert steps.count() > 0
        rect = steps.visualItemRect(steps.item(0))
        image = steps.viewport().grab().toImage()
        background = image.pixelColor(rect.left() + 1, rect.top() + 1).lightness()
        box = [image.pixelColor(x, y).lightness()  # the indicator sits left of the text
               for x in range(rect.left(), rect.left() + 24)
               for y in range(rect.top(), rect.bottom())]
        assert max(box) - background > 60  # an outline that shows on the dark list
    finally:
        apply_appearance(QApplication.instance(), "light")
