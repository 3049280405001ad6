"""A legend laid out as rows above a plot's data area, never over the data.

It takes the place of the plot's title (the lab's plots have none) and wraps its entries
into as many columns as fit the plot's width, so it neither covers points or curves nor
widens the plot past its window (a long translation simply wraps onto another row).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

SPACING = 12  # pixels between columns


class RowLegend(pg.LegendItem):
    """Legend entries in rows of at most `max_columns`, as many as the width allows."""

    def __init__(self, text_color: str, max_columns: int = 3, text_size: str = "9pt") -> None:
        super().__init__(labelTextColor=text_color, colCount=max_columns, horSpacing=SPACING,
                         verSpacing=-6, labelTextSize=text_size)
        self._max_columns = max_columns
        self._width = 0.0
        self._row_of: pg.GraphicsLayout | None = None  # the plot's layout, once placed
        self.layout.setContentsMargins(4, 2, 4, 0)  # it is not a card over the data: no frame
        self.setMinimumWidth(0)  # its entries wrap instead: never widen the plot
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def place_above(self, item: pg.PlotItem) -> None:
        """Put the legend into the plot item's title row and follow the item's width."""
        item.legend = self  # where pyqtgraph's addItem(name=...) looks for a legend
        layout = item.layout
        layout.removeItem(item.titleLabel)
        item.titleLabel.setVisible(False)
        layout.addItem(self, 0, 0, 1, 3, alignment=Qt.AlignmentFlag.AlignLeft)  # axes too
        self._row_of = layout
        self.updateSize()
        item.geometryChanged.connect(lambda: self.fit_width(self._room(item)))

    @staticmethod
    def _room(item: pg.PlotItem) -> float:
        """The plot's own width (not what a wide legend would force): the legend row
        spans the axes' columns as well as the data area's."""
        return item.geometry().width() - 8

    def fit_width(self, width: float) -> None:
        """As many columns as fit into `width` pixels (at least one)."""
        self._width = float(width)
        columns = next((c for c in range(min(self._max_columns, max(1, len(self.items))), 0, -1)
                        if self.width_for(c) <= width), 1)
        if columns != self.columnCount:
            self.setColumnCount(columns)

    def setColumnCount(self, columnCount: int) -> None:
        self.columnCount = max(1, int(columnCount))
        self.updateSize()

    def _addItemToLayout(self, sample, label) -> None:
        """Placed by updateSize (which addItem calls next), with all the others."""

    def _relayout(self) -> None:
        """Every entry at its own place, row by row. pyqtgraph places an entry after the
        layout's last row and column, which a grid layout never shrinks: after a change of
        column count the entries ended up one per row."""
        layout = self.layout
        for i in range(layout.count() - 1, -1, -1):
            layout.removeAt(i)
        for i, (sample, label) in enumerate(self.items):
            row, col = divmod(i, self.columnCount)
            layout.addItem(sample, row, 2 * col, alignment=Qt.AlignmentFlag.AlignVCenter)
            layout.addItem(label, row, 2 * col + 1)

    def width_for(self, columns: int) -> float:
        """The width the entries need laid out in `columns` columns (row by row)."""
        widths = [0.0] * columns
        for i, (sample, label) in enumerate(self.items):
            text = label.item.boundingRect().width()  # the text's own width: the layout
            need = sample.boundingRect().width() + text + SPACING  # stretches the label
            widths[i % columns] = max(widths[i % columns], need)
        left, _, right, _ = self.layout.getContentsMargins()  # and the spacing between
        return sum(widths) + (columns - 1) * SPACING + left + right  # entries, left to right

    def updateSize(self) -> None:
        """pyqtgraph sizes a legend by setGeometry, which a layout ignores, and counts rows
        left over from an earlier column count: the size is computed from the entries, and
        the title row is given the legend's height, so the data area starts below it."""
        self._relayout()
        if self._width and self.width_for(self.columnCount) > self._width:
            self.fit_width(self._width)
            return  # setColumnCount sized it
        rows = math.ceil(len(self.items) / max(1, self.columnCount))
        row_height = max((max(sample.boundingRect().height(), label.boundingRect().height())
                          for sample, label in self.items), default=0.0)
        _, top, _, bottom = self.layout.getContentsMargins()
        spacing = self.layout.verticalSpacing()
        height = rows * row_height + max(0, rows - 1) * spacing + top + bottom if rows else 0
        self.setGeometry(0, 0, self.width_for(self.columnCount), height)
        if self._row_of is not None:
            self._row_of.setRowFixedHeight(0, height)
