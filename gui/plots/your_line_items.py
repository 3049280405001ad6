"""The learner's own line on the fit plot: a dash-dot line with two handles to drag.

The line goes through both handles, so dragging one turns the line about the other and
dragging both moves it. The handles only *request* a new (w, b); the Session sets it and the
line and handles follow from there, so a snap to the best line moves them too.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal

from linreg_lab.gui.style import colors

HANDLE_SPOTS = (0.25, 0.75)  # where in the view's x range the handles start
MIN_SPAN_PX = 4.0  # handles closer than this on x give no slope: the drag waits


class _Handle(pg.TargetItem):
    """A draggable round handle that keeps its clicks (a click must not add a point)."""

    def mouseClickEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            return
        super().mouseClickEvent(ev)


class YourLineItems(QObject):
    """Line and handles, added to a PlotItem once; shown or hidden with the mode."""

    lineRequested = Signal(float, float)  # w, b asked for by a handle drag

    def __init__(self, plot_item: pg.PlotItem, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vb = plot_item.getViewBox()
        pen = pg.mkPen(colors.YOURS, width=2.5, style=Qt.PenStyle.DashDotLine)
        self.line = pg.PlotDataItem(pen=pen)
        self.handles = [_Handle(size=14, symbol="o", pen=pg.mkPen(colors.TEXT, width=1.2),
                                brush=pg.mkBrush(colors.YOURS),
                                hoverBrush=pg.mkBrush(colors.YOURS)) for _ in HANDLE_SPOTS]
        self._placing = False
        self._handle_x: list[float] | None = None
        plot_item.addItem(self.line)
        for handle in self.handles:
            handle.setZValue(20)
            plot_item.addItem(handle, ignoreBounds=True)
            handle.sigPositionChanged.connect(self._on_handle_moved)
        self.set_visible(False)

    def set_visible(self, visible: bool) -> None:
        for item in (self.line, *self.handles):
            item.setVisible(visible)

    def visible(self) -> bool:
        return self.line.isVisible()

    def place_handles(self) -> None:
        """Put the handles back at a quarter and three quarters of the view's width."""
        (x0, x1), _ = self._vb.viewRange()
        self._handle_x = [x0 + f * (x1 - x0) for f in HANDLE_SPOTS]

    def handles_within(self, x_range: tuple[float, float]) -> bool:
        """True when both handles' x lie in the view (or they were never placed)."""
        lo, hi = x_range
        return self._handle_x is None or all(lo <= x <= hi for x in self._handle_x)

    def show_line(self, slope: float, intercept: float, segment: tuple[list, list]) -> None:
        """Draw the line's visible segment and sit each handle on the line at its x."""
        self.line.setData(*segment)
        if self._handle_x is None:
            self.place_handles()
        assert self._handle_x is not None
        self._placing = True
        try:
            for handle, x in zip(self.handles, self._handle_x, strict=True):
                y = slope * x + intercept
                if math.isfinite(y):
                    handle.setPos(x, y)
        finally:
            self._placing = False

    def _on_handle_moved(self, handle: _Handle) -> None:
        if self._placing or not self.visible():
            return
        a, b = (h.pos() for h in self.handles)
        width_px = abs(self._vb.mapViewToDevice(a).x() - self._vb.mapViewToDevice(b).x())
        if not width_px >= MIN_SPAN_PX:
            return
        self._handle_x = [a.x(), b.x()]
        slope = (b.y() - a.y()) / (b.x() - a.x())
        self.lineRequested.emit(slope, a.y() - slope * a.x())
