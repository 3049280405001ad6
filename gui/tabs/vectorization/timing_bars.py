"""Two horizontal bars (loop above, vectorised below) on a log-seconds axis, with times."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from linreg_lab.gui.style import colors
from linreg_lab.gui.tabs.vectorization.timing import decade_range, format_duration
from linreg_lab.gui.widgets.retranslating import Retranslating

# Neutral Okabe-Ito tones: no other plot gives these a meaning.
LOOP_COLOR = "#999999"        # the Python for-loop, grey
VECTORISED_COLOR = "#F0E442"  # the vectorised call, yellow
NO_RESULT = (-6, 0)           # the axis without a result: 1 µs to 1 s


class TimingBars(Retranslating, pg.PlotWidget):
    """One timing as two bars; items made once, then only setOpts/setText/setPos.

    The bar names come from the panel (set_names), which knows what was timed.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setMinimumHeight(84)
        self.setMaximumHeight(110)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.names = ("", "")
        self.seconds: tuple[float, float] | None = None
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.3)
        self.bars = pg.BarGraphItem(x0=[0, 0], y=[1, 0], height=0.6, width=[0, 0],
                                    brushes=[LOOP_COLOR, VECTORISED_COLOR],
                                    pens=[pg.mkPen(colors.TEXT, width=1)] * 2)
        self.addItem(self.bars)
        self.texts = [pg.TextItem(color=colors.TEXT, anchor=(0, 0.5)) for _ in range(2)]
        for text, y in zip(self.texts, (1, 0), strict=True):
            text.setPos(0, y)
            self.addItem(text)
        self.setYRange(-0.5, 1.5, padding=0)
        self.clear_times()
        self.retranslate()

    def retranslate(self) -> None:
        self.getPlotItem().getAxis("bottom").setLabel(self.tr("time (log scale)"))

    def set_names(self, loop_name: str, vector_name: str, accessible_name: str) -> None:
        """What the two bars measured, written beside them."""
        self.names = (loop_name, vector_name)
        self.getPlotItem().getAxis("left").setTicks([[(1, loop_name), (0, vector_name)]])
        self.setAccessibleName(accessible_name)

    def set_label_width(self, pixels: int) -> None:
        """Room for the bar names; the same in both charts, so their bars line up."""
        self.getPlotItem().getAxis("left").setWidth(pixels)

    def clear_times(self) -> None:
        """No result yet: empty bars on a 1 µs – 1 s axis."""
        self.seconds = None
        self._set_axis(*NO_RESULT)
        self.bars.setOpts(x0=[NO_RESULT[0]] * 2, width=[0, 0])
        for text in self.texts:
            text.setText("")

    def show_times(self, loop_seconds: float, vector_seconds: float) -> None:
        self.seconds = (loop_seconds, vector_seconds)
        lo, hi = decade_range(self.seconds)
        self._set_axis(lo, hi)
        ends = [math.log10(max(t, 1e-12)) for t in self.seconds]
        self.bars.setOpts(x0=[lo, lo], width=[e - lo for e in ends])
        for text, end, t in zip(self.texts, ends, self.seconds, strict=True):
            text.setText(format_duration(t))
            text.setPos(end, text.pos().y())

    def _set_axis(self, lo: int, hi: int) -> None:
        """A labelled tick every decade, or every other one when there are many."""
        every = 1 if hi - lo <= 4 else 2
        major = [(k, format_duration(10.0**k)) for k in range(hi, lo - 1, -every)]
        minor = [(k, "") for k in range(lo, hi + 1) if (hi - k) % every]
        self.getPlotItem().getAxis("bottom").setTicks([major, minor])
        span = hi - lo  # a little room left of the bars for the first tick's label,
        self.setXRange(lo - 0.08 * span, hi + 0.45 * span, padding=0)  # right for times
