"""The window's Tab order: region by region, in reading order, each control once.

Qt's default chain follows the order widgets were created in, which put the teaching tabs
before the toolbar and the side panel after the plots. Here the chain is rebuilt from the
regions the window names, keeping the order of the controls inside each region, so a new
control in a panel needs no change here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def tab_stops(window: QWidget) -> list[QWidget]:
    """Every widget in the window's focus chain that Tab may stop at (visible or not yet)."""
    stops: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in stops:
        if _is_stop(widget):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def _is_stop(widget: QWidget) -> bool:
    """A control of its own: takes Tab focus and is not the inner editor of a spin or combo
    box (those have their box as the stop)."""
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
        return False
    return not isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))


class TabOrder:
    """The stops of `window` region after region (each region's own order kept).

    The window asks it for the next stop on every Tab (focusNextPrevChild), rather than
    rewiring Qt's focus chain with setTabOrder, which moves compound widgets (a tab widget
    with its pages) as blocks and left Tab cycling inside the teaching tabs.
    """

    def __init__(self, window: QWidget, regions: Sequence[QWidget]) -> None:
        self._window, self._regions = window, tuple(regions)

    def stops(self) -> list[QWidget]:
        """The stops Tab visits now: shown and enabled, in region order."""
        shown = [w for w in tab_stops(self._window)
                 if w.isVisibleTo(self._window) and w.isEnabled()]
        ordered: list[QWidget] = []
        for region in self._regions:
            ordered += [w for w in shown if w not in ordered and _inside(w, region)]
        return ordered + [w for w in shown if w not in ordered]

    def next_stop(self, current: QWidget | None, forward: bool = True) -> QWidget | None:
        """The stop after (or before) the one holding `current`; the first if none does."""
        stops = self.stops()
        if not stops:
            return None
        holder = next((w for w in stops if current is not None and _inside(current, w)), None)
        if holder is None:
            return stops[0] if forward else stops[-1]
        step = 1 if forward else -1
        return stops[(stops.index(holder) + step) % len(stops)]


def _inside(widget: QWidget, region: QWidget) -> bool:
    return widget is region or region.isAncestorOf(widget)
