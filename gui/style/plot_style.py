"""pyqtgraph's look: the global options set once, and the axis and legend styling every plot
shares."""

from __future__ import annotations

from collections.abc import Mapping

import pyqtgraph as pg
from PySide6.QtGui import QFont

from linreg_lab.gui.style import colors
from linreg_lab.gui.style.row_legend import RowLegend


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
    """The axis titles, in the text colour (call again from retranslate()).

    A title that stays as it is (names like x, w, b in every language) is not set again:
    pyqtgraph's setLabel throws the axis' tick picture away, and redrawing it is most of
    what a language switch costs a plot.
    """
    for side, text in (("bottom", bottom), ("left", left)):
        axis = item.getAxis(side)
        if (axis.labelText != text or axis.labelUnits or not axis.label.isVisible()
                or axis.labelStyle != {"color": colors.TEXT}):
            item.setLabel(side, text, color=colors.TEXT)


def add_legend(item: pg.PlotItem, columns: int = 3, text_size: str = "9pt") -> pg.LegendItem:
    """A legend in rows of its own above the data area, so it never covers a point or a
    curve, whatever the data (also in exported images: it is part of the plot item)."""
    legend = RowLegend(colors.TEXT, columns, text_size)
    legend.place_above(item)
    return legend


def name_legend_entries(legend: pg.LegendItem, names: Mapping[pg.GraphicsObject, str]) -> None:
    """Each item's legend entry with its text: added the first time, in the mapping's order,
    and only relabelled afterwards (call it from retranslate(); entries keep their place).
    Nothing is re-laid out when no text changed."""
    changed = False
    for item, name in names.items():
        label = legend.getLabel(item)
        if label is None:
            legend.addItem(item, name)
            changed = True
        elif label.text != name:
            label.setText(name)
            changed = True
    if changed:
        legend.updateSize()
