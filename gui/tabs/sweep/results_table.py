"""The sweep's final losses, one row per value; the value tuning would pick in bold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from linreg_lab.core.sweep import SweepResult
from linreg_lab.gui.tabs.sweep.values import best_index
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.retranslating import Retranslating


class ResultsTable(Retranslating, QTableWidget):
    """Training and validation loss at the end of each run."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setObjectName("sweepTable")
        self._results: list[SweepResult] = []
        self._palette: list[QColor] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("validation")
        self.setMinimumWidth(round(3.4 * em))
        self.setMaximumWidth(round(4.5 * em))
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Final losses per value"))
        self.setToolTip(self.tr(
            "Training and validation loss at the end of each run; the lowest validation loss "
            "is bold: that is the value tuning would pick."))
        param = self._results[0].param if self._results else "lr"
        first = self.tr("learning\nrate η") if param == "lr" else self.tr("batch\nsize")
        self.setHorizontalHeaderLabels(
            [first, self.tr("training\nloss"), self.tr("validation\nloss")])
        if self._results:
            self._fill()

    def show_results(self, results: list[SweepResult], palette: list[QColor]) -> None:
        self._results, self._palette = results, palette
        self.retranslate()

    def _fill(self) -> None:
        self.setRowCount(len(self._results))
        best = best_index(self._results)
        for row, (r, color) in enumerate(zip(self._results, self._palette, strict=True)):
            value = fmt(r.value) if r.param == "lr" else str(int(r.value))
            cells = [value] + ([self.tr("diverged")] * 2 if r.diverged
                               else [fmt(r.final_train_loss), fmt(r.final_val_loss)])
            for col, text in enumerate(cells):
                self.setItem(row, col, self._cell(text, color if col == 0 else None,
                                                  bold=row == best))

    @staticmethod
    def _cell(text: str, color: QColor | None, *, bold: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if color is not None:
            item.setData(Qt.ItemDataRole.DecorationRole, color)
        if bold:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item
