"""What the four small parts of the Noise tab share: a titled box, a small plot, a legend."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDoubleSpinBox, QGroupBox, QSizePolicy, QVBoxLayout, QWidget

from linreg_lab.gui.plots.view_bounds import BoundedViewBox
from linreg_lab.gui.style.plot_style import add_legend, style_axes

HEADROOM = 1.1  # y range over the highest curve (the legend sits above the plot)


def part_layout(box: QGroupBox) -> QVBoxLayout:
    """A tight column inside one part's box; the box shares the tab's width with the others."""
    box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(4, 2, 4, 4)
    inner.setSpacing(2)
    return inner


def small_plot(parent: QWidget, name: str, sides: tuple[str, ...] = ("left", "bottom")
               ) -> pg.PlotWidget:
    """A white plot with a smaller tick font, no menu, and densities read as 0.4 (no SI)."""
    plot = pg.PlotWidget(parent, background="w", viewBox=BoundedViewBox())
    plot.setObjectName(name)
    plot.setMinimumHeight(120)
    item = plot.plotItem
    item.setMenuEnabled(False)
    font = QFont(parent.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    style_axes(item, sides, tick_font=font)
    for side in sides:
        item.getAxis(side).enableAutoSIPrefix(False)
    return plot


def compact_legend(plot: pg.PlotWidget) -> pg.LegendItem:
    """A legend in rows above the small plot: readable text that covers no curve."""
    return add_legend(plot.plotItem, columns=2, text_size="8pt")


def rename(legend: pg.LegendItem, item: pg.GraphicsObject, name: str) -> None:
    """Write a legend entry again (after a language switch); nothing if it is not listed."""
    label = legend.getLabel(item)
    if label is not None:
        label.setText(name)


def set_top(plot: pg.PlotWidget, highest: float, headroom: float = HEADROOM) -> None:
    """y from 0 to a little over the highest value (the legend is above, not in the way)."""
    if highest > 0 and math.isfinite(highest):
        plot.plotItem.vb.setYRange(0.0, headroom * highest, padding=0)


def spin(parent: QWidget, lo: float, hi: float, value: float, step: float,
         prefix: str) -> QDoubleSpinBox:
    spin_box = QDoubleSpinBox(parent)
    spin_box.setRange(lo, hi)
    spin_box.setDecimals(2)
    spin_box.setSingleStep(step)
    spin_box.setValue(value)
    spin_box.setPrefix(prefix)
    spin_box.setKeyboardTracking(False)
    return spin_box
