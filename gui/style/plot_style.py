"""pyqtgraph's look: the global options set once, and the axis styling every plot shares."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from linreg_lab.gui.style import colors


def apply_plot_style() -> None:
    """Antialiased lines, dark text on a white background, for every plot made afterwards."""
    pg.setConfigOptions(antialias=True, background="w", foreground="#202020")


def style_axes(item: pg.PlotItem, sides: tuple[str, ...] = ("left", "bottom"),
               tick_font: QFont | None = None) -> None:
    """Axes and tick labels in the text colour (and a smaller tick font for small plots)."""
    pen = pg.mkPen(colors.TEXT)
    for side in sides:
        axis = item.getAxis(side)
        axis.setPen(pen)
        axis.setTextPen(pen)
        if tick_font is not None:
            axis.setStyle(tickFont=tick_font)


def label_axes(item: pg.PlotItem, bottom: str, left: str) -> None:
    """The axis titles, in the text colour (call again from retranslate())."""
    item.setLabel("bottom", bottom, color=colors.TEXT)
    item.setLabel("left", left, color=colors.TEXT)
