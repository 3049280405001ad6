"""The sweep's loss curves: one per value, all from the same start, on a log loss axis."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

from linreg_lab.core.sweep import SweepResult
from linreg_lab.gui.plots.view_bounds import DECADES_LIMIT, BoundedViewBox
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.log_axis import SparseLogAxis
from linreg_lab.gui.style.plot_style import label_axes, style_axes
from linreg_lab.gui.tabs.sweep.values import LOG_FLOOR, MAX_VALUES, shown_curve, value_label, y_view
from linreg_lab.gui.widgets.retranslating import Retranslating

SYMBOLS = ("o", "s", "t", "d", "star", "t1", "p", "h")


class TuningPlot(Retranslating, pg.PlotWidget):
    """Loss per epoch of each swept value; curves made once, then setData."""

    def __init__(self, epochs: int, parent: QWidget | None = None):
        super().__init__(parent, background="w",  # log y: the view's y values are decades
                         viewBox=BoundedViewBox(y_limit=DECADES_LIMIT),
                         axisItems={"left": SparseLogAxis("left")})
        self.setObjectName("sweepPlot")
        self._results: list[SweepResult] = []
        self._palette: list[QColor] = []
        item = self.plotItem
        item.setLogMode(x=False, y=True)
        item.setMenuEnabled(False)
        style_axes(item)
        # beside the plot, not on it: curves of any shape fill any corner
        self.legend = pg.LegendItem(labelTextColor=colors.TEXT, verSpacing=-6)
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        item.layout.addItem(self.legend, 2, 3)
        item.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.curves = [item.plot(symbol=SYMBOLS[i], symbolSize=7) for i in range(MAX_VALUES)]
        item.setRange(xRange=(0, epochs), yRange=(-1, 1), padding=0.05)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Loss per epoch of each swept value"))
        self.setToolTip(self.tr(
            "One curve per value, all from the same start: the loss after each epoch."))
        use_val = not self._results or self._results[0].val_curve is not None
        label_axes(self.plotItem, self.tr("epoch"),
                   self.tr("validation loss") if use_val else self.tr("training loss"))
        self._fill_legend()

    def show_results(self, results: list[SweepResult], palette: list[QColor]) -> None:
        """Draw each run in its colour; a diverged run dashed."""
        self._results, self._palette = results, palette
        use_val = results[0].val_curve is not None
        for i, curve in enumerate(self.curves):
            if i >= len(results):
                curve.setData([], [])
                continue
            r, color = results[i], palette[i]
            style = Qt.PenStyle.DashLine if r.diverged else Qt.PenStyle.SolidLine
            curve.setPen(pg.mkPen(color, width=2, style=style))
            curve.setSymbolBrush(color)
            curve.setSymbolPen(None)
            curve.setData(r.epochs.astype(float), np.maximum(shown_curve(r, use_val), LOG_FLOOR))
        self.retranslate()  # the axis names what is shown; the legend names the values
        self._set_range(results, use_val)

    def _fill_legend(self) -> None:
        self.legend.clear()
        for curve, r in zip(self.curves, self._results, strict=False):
            label = value_label(r.param, r.value)
            self.legend.addItem(curve, self.tr("{label} (diverged)").format(label=label)
                                if r.diverged else label)

    def _set_range(self, results: list[SweepResult], use_val: bool) -> None:
        epochs = max(int(r.epochs.max()) for r in results)
        axis = self.plotItem.getAxis("bottom")
        if epochs <= 10:
            axis.setTickSpacing(major=1, minor=1)  # whole epochs only
        else:
            axis.setTickSpacing()  # automatic
        margin = 0.1 * max(1, epochs)  # room for the first and last tick labels
        self.plotItem.setRange(xRange=(-margin, max(1, epochs) + margin),
                               yRange=y_view(results, use_val), padding=0.04)
