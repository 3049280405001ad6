"""A small card of numbers that follows the mouse over a plot (the value under the cursor).

Shared by the fit plot (the nearest example: x, y, ŷ, residual) and the landscape (w, b and
the loss there). It is an overlay: it takes no clicks, is never part of a plot's framing,
and hides when the mouse leaves the data area.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

from linreg_lab.gui.style import colors


class HoverReadout(pg.TextItem):
    """A text card placed beside a point of the view, on the side with more room."""

    def __init__(self) -> None:
        super().__init__(color=colors.TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                         border=pg.mkPen(colors.RESIDUAL), anchor=(0, 1))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(20)
        self.setVisible(False)

    def show_at(self, view_box: pg.ViewBox, x: float, y: float, text: str) -> None:
        """Show `text` next to (x, y), turned towards the middle of the view so it stays
        inside the data area."""
        (x0, x1), (y0, y1) = view_box.viewRange()
        right = x > 0.5 * (x0 + x1)
        top = y > 0.5 * (y0 + y1)
        self.setAnchor((1.0 if right else 0.0, 0.0 if top else 1.0))
        self.setText(text)
        self.setPos(QPointF(x, y))
        self.setVisible(True)

    def text(self) -> str:
        """What the card says now ('' while hidden)."""
        return self.toPlainText() if self.isVisible() else ""
