"""A ViewBox that turns clicks and drags on data points into edit gestures.

Hit-testing is done here in pixels against the plotted coordinates, so a point is "under the
mouse" the same way however the axes are scaled. Gestures that miss every point fall back to
pyqtgraph's own pan/zoom and context menu (right click on empty space).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal

from linreg_lab.gui.plots.view_bounds import BoundedViewBox

HIT_RADIUS_PX = 8.0


class EditViewBox(BoundedViewBox):
    """Emits add/move/remove/select gestures in data coordinates."""

    pointAddRequested = Signal(float, float)
    pointMoveRequested = Signal(int, float, float, bool)  # row, x, y, continuing a drag
    pointRemoveRequested = Signal(int)
    pointSelected = Signal(object)  # row or None
    dragFinished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._editable = False
        self._drag_row: int | None = None
        self._drag_cancelled = False

    def cancel_drag(self) -> None:
        """The data changed under a drag (Delete, Undo, new data): the rest of this drag
        moves nothing, since its row may now be another point or none."""
        if self._drag_row is not None:
            self._drag_row, self._drag_cancelled = None, True

    def set_points(self, x: np.ndarray, y: np.ndarray, editable: bool) -> None:
        """The coordinates gestures are tested against, in the order of dataset rows."""
        self._x, self._y, self._editable = x, y, editable

    def row_at(self, pos: QPointF, radius: float = HIT_RADIUS_PX) -> int | None:
        """The nearest point within `radius` pixels of a position in this item's coordinates.

        The points are mapped to pixels with the view's own transform (data → this item),
        so the test holds at any scale: no division by a pixel size that may be 0 or inf.
        Points whose pixel position is not finite (a degenerate view) are never hit.
        """
        if not self._x.size:
            return None
        t = self.childTransform()  # view coordinates → this item's (pixels)
        with np.errstate(over="ignore", invalid="ignore"):
            px = t.m11() * self._x + t.m21() * self._y + t.m31() - pos.x()
            py = t.m12() * self._x + t.m22() * self._y + t.m32() - pos.y()
            d2 = px * px + py * py
        d2 = np.where(np.isfinite(d2), d2, np.inf)
        row = int(np.argmin(d2))
        return row if d2[row] <= radius**2 else None

    def mouseClickEvent(self, ev) -> None:
        if not self._editable:
            super().mouseClickEvent(ev)
            return
        row = self.row_at(ev.pos())
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            if row is None:
                p = self.mapToView(ev.pos())
                self.pointAddRequested.emit(p.x(), p.y())
            else:
                self.pointSelected.emit(row)
        elif ev.button() == Qt.MouseButton.RightButton and row is not None:
            ev.accept()
            self.pointRemoveRequested.emit(row)
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or not self._editable:
            super().mouseDragEvent(ev, axis)
            return
        if ev.isStart():
            self._drag_row, self._drag_cancelled = self.row_at(ev.buttonDownPos()), False
        if self._drag_cancelled:
            ev.accept()
            if ev.isFinish():
                self._drag_cancelled = False
                self.dragFinished.emit()
            return
        if self._drag_row is None:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        p = self.mapToView(ev.pos())
        self.pointMoveRequested.emit(self._drag_row, p.x(), p.y(), not ev.isStart())
        if ev.isFinish():
            self._drag_row = None
            self.dragFinished.emit()
