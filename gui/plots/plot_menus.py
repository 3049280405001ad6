"""pyqtgraph's right-click menu (View All, axis options, Plot Options …) in the app's language.

pyqtgraph names its menu entries once, in English, with contexts of its own ("ViewBox",
"PlotItem", "Form", "GraphicsScene") that no shipped translation covers. So each menu is
re-worded each time it opens, from its English texts (kept on the entries the first time),
with the translations of the "PlotMenus" context below: a language switch shows at the next
right click, and nothing of pyqtgraph is patched.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QWidgetAction

CONTEXT = "PlotMenus"
_ENGLISH = "englishText"  # the property that keeps an entry's English text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a text for lupdate; it is translated when the menu opens."""
    return text


# Every text pyqtgraph 0.13-0.14 puts in a plot's context menu and its option forms.
TEXTS = (
    QT_TRANSLATE_NOOP("PlotMenus", "View All"),
    QT_TRANSLATE_NOOP("PlotMenus", "X axis"),
    QT_TRANSLATE_NOOP("PlotMenus", "Y axis"),
    QT_TRANSLATE_NOOP("PlotMenus", "Mouse Mode"),
    QT_TRANSLATE_NOOP("PlotMenus", "3 button"),
    QT_TRANSLATE_NOOP("PlotMenus", "1 button"),
    QT_TRANSLATE_NOOP("PlotMenus", "Link Axis:"),
    QT_TRANSLATE_NOOP("PlotMenus", "Auto"),
    QT_TRANSLATE_NOOP("PlotMenus", "Manual"),
    QT_TRANSLATE_NOOP("PlotMenus", "Invert Axis"),
    QT_TRANSLATE_NOOP("PlotMenus", "Mouse Enabled"),
    QT_TRANSLATE_NOOP("PlotMenus", "Visible Data Only"),
    QT_TRANSLATE_NOOP("PlotMenus", "Auto Pan Only"),
    QT_TRANSLATE_NOOP("PlotMenus", "Plot Options"),
    QT_TRANSLATE_NOOP("PlotMenus", "Transforms"),
    QT_TRANSLATE_NOOP("PlotMenus", "Downsample"),
    QT_TRANSLATE_NOOP("PlotMenus", "Average"),
    QT_TRANSLATE_NOOP("PlotMenus", "Alpha"),
    QT_TRANSLATE_NOOP("PlotMenus", "Grid"),
    QT_TRANSLATE_NOOP("PlotMenus", "Points"),
    QT_TRANSLATE_NOOP("PlotMenus", "Log X"),
    QT_TRANSLATE_NOOP("PlotMenus", "Log Y"),
    QT_TRANSLATE_NOOP("PlotMenus", "dy/dx"),
    QT_TRANSLATE_NOOP("PlotMenus", "Y vs. Y'"),
    QT_TRANSLATE_NOOP("PlotMenus", "Power Spectrum (FFT)"),
    QT_TRANSLATE_NOOP("PlotMenus", "Subtract Mean"),
    QT_TRANSLATE_NOOP("PlotMenus", "Clip to View"),
    QT_TRANSLATE_NOOP("PlotMenus", "Max Traces:"),
    QT_TRANSLATE_NOOP("PlotMenus", "Forget hidden traces"),
    QT_TRANSLATE_NOOP("PlotMenus", "Peak"),
    QT_TRANSLATE_NOOP("PlotMenus", "Mean"),
    QT_TRANSLATE_NOOP("PlotMenus", "Subsample"),
    QT_TRANSLATE_NOOP("PlotMenus", "Show X Grid"),
    QT_TRANSLATE_NOOP("PlotMenus", "Show Y Grid"),
    QT_TRANSLATE_NOOP("PlotMenus", "Opacity"),
    QT_TRANSLATE_NOOP("PlotMenus", "Export..."),
)


def translate_on_show(menu: QMenu) -> None:
    """Re-word `menu` (and what pyqtgraph adds to it before it pops up) whenever it opens."""
    menu.aboutToShow.connect(lambda: name_entries(menu))


def name_entries(menu: QMenu) -> None:
    """Every entry, submenu and option of `menu` in the current language."""
    for action in menu.actions():
        _name(action, action.text, action.setText)
        if isinstance(action, QWidgetAction) and action.defaultWidget() is not None:
            _name_form(action.defaultWidget())
        if action.menu() is not None and action.menu() is not menu:
            name_entries(action.menu())


def _name_form(form: QObject) -> None:
    """The check boxes, radio buttons, labels and group titles of an option form."""
    for button in form.findChildren(QAbstractButton):
        _name(button, button.text, button.setText)
    for label in form.findChildren(QLabel):
        _name(label, label.text, label.setText)
    for group in form.findChildren(QGroupBox):
        _name(group, group.title, group.setTitle)


def _name(entry: QObject, get, set_) -> None:
    english = entry.property(_ENGLISH)
    if english is None:
        english = get()
        entry.setProperty(_ENGLISH, english)
    if english and english in TEXTS:
        set_(QCoreApplication.translate(CONTEXT, english))

