"""pyqtgraph's look: the global options set once, and the axis and legend styling every plot
shares."""

from __future__ import annotations

from collections.abc import Mapping

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from linreg_lab.gui.style import colors
from linreg_lab.gui.style.row_legend import RowLegend


def apply_plot_style() -> None:
    """Antialiased lines, dark text on a white background, for every plot made afterwards."""
    pg.setConfigOptions(antialias=True, background="w", foreground="#202020")


def thin_to_pixels(curve: pg.PlotDataItem) -> None:
    """Draw a long curve from the visible part only, at two points (min and max) per pixel
    column: the same envelope on screen as every point. pyqtgraph keeps 5 samples a pixel,
    so a history of a few thousand steps was drawn whole (~1 ms a curve, every frame)."""
    curve.setDownsampling(auto=True, method="peak")
    curve.opts["autoDownsampleFactor"] = 1.0  # no setter; PlotDataItem reads it per redraw
    curve.setClipToView(True)


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

    An axis given a label redraws its ticks and text (~7 ms), so the same label is not set
    again: views relabel on every data change, and a drag changes the data on every move."""
    for side, text in (("bottom", bottom), ("left", left)):
        axis = item.getAxis(side)
        style = {"color": colors.TEXT}
        if axis.labelText != text or axis.labelStyle != style:
            item.setLabel(side, text, **style)


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
    if changed:  # nothing is laid out or cached again when no text changed
        legend.updateSize()
        cache_as_pixmaps(legend)


def cache_as_pixmaps(item: QGraphicsItem) -> None:
    """Paint an item that rarely changes (a legend: text and samples) once into pixmaps.

    Text is the costliest thing a plot draws (a legend's labels ~2 ms a repaint); while a
    run moves the lines, cached items are blitted instead. Each item caches only itself, so
    the children are set too; update() (a new text, a hidden entry) redraws the cache."""
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for child in item.childItems():
        cache_as_pixmaps(child)
