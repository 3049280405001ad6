"""Three bars: the sums of squared residuals of your line, SGD and the analytical solution.

The analytical bar is the floor no line can go under, drawn as a dashed level across all
three, so a learner dragging a line sees how far above the optimum it is. Updated live.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from linreg_lab.gui.state.line_fits import LINES, sums_of_squares
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt, fmt_distinct
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

BAR_COLOURS = {"yours": colors.YOURS, "sgd": colors.SGD, "analytical": colors.ANALYTICAL}


class SquaresBars(Retranslating, pg.PlotWidget):
    """A small bar chart of Σ(ŷ − y)² on the training data, one bar per line."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent, background="w")
        self.setObjectName("squaresBars")
        self._session = session
        self.sums: dict[str, float] = {}
        pi = self.getPlotItem()
        pi.setMouseEnabled(False, False)
        pi.hideButtons()
        pi.setMenuEnabled(False)
        pi.hideAxis("left")  # each bar carries its number
        self._bars = pg.BarGraphItem(x=np.arange(3), height=np.zeros(3), width=0.6)
        self._floor = pg.InfiniteLine(angle=0, pen=pg.mkPen(
            colors.ANALYTICAL, width=1, style=Qt.PenStyle.DashLine))
        self._labels = [pg.TextItem(color=colors.TEXT, anchor=(0.5, 1.0)) for _ in LINES]
        pi.addItem(self._bars)
        pi.addItem(self._floor)
        for label in self._labels:
            pi.addItem(label)
        self.setMinimumSize(150, 110)
        self._redraw = ThrottledRedraw(self, self.refresh, interval_ms=50, pacing=session.pacing)
        for signal in (session.stateChanged, session.datasetChanged, session.yourLineChanged):
            signal.connect(self._redraw.request)
        self.retranslate()

    def retranslate(self) -> None:
        names = {"yours": self.tr("your line"), "sgd": self.tr("SGD"),
                 "analytical": self.tr("analytical")}
        self.getPlotItem().getAxis("bottom").setTicks([list(enumerate(names[k] for k in LINES))])
        self.getPlotItem().setTitle(self.tr("Σ(ŷ − y)², training data"), color=colors.TEXT,
                                    size="9pt")
        self.setToolTip(self.tr("Sum of squared residuals of each line; the dashed level is "
                                "the analytical solution's, the smallest any line can have"))
        self.refresh()

    def _number(self, key: str, floor: float | None) -> str:
        """A sum as text; one above the floor never reads the same as the floor."""
        if key not in self.sums:
            return ""
        value = self.sums[key]
        return fmt(value) if floor is None or key == "analytical" else fmt_distinct(
            value, floor)[0]

    def refresh(self) -> None:
        """Bars and numbers from the session now."""
        self.sums = sums_of_squares(self._session)
        heights = np.array([self.sums.get(k, 0.0) for k in LINES])
        heights = np.where(np.isfinite(heights), heights, 0.0)
        self._bars.setOpts(height=heights, brushes=[pg.mkBrush(BAR_COLOURS[k]) for k in LINES],
                           pens=[pg.mkPen(None)] * len(LINES))
        floor = self.sums.get("analytical")
        for i, (key, label) in enumerate(zip(LINES, self._labels, strict=True)):
            label.setText(self._number(key, floor))
            label.setPos(i, heights[i])
        self._floor.setVisible(floor is not None)
        if floor is not None:
            self._floor.setPos(floor)
        top = float(heights.max()) if heights.size and heights.max() > 0 else 1.0
        self.getPlotItem().setRange(xRange=(-0.6, 2.6), yRange=(0, top * 1.3), padding=0)
