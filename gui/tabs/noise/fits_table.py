"""The three lines of the loss comparison: least squares, least absolute deviations, Huber."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from linreg_lab.core.notation import LossKind, NoiseKind
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.vocabulary import loss_name
from linreg_lab.gui.widgets.retranslating import Retranslating

LS_ROW, LAD_ROW, HUBER_ROW = 0, 1, 2
ROW_LOSSES = (LossKind.SQUARED, LossKind.ABSOLUTE, LossKind.HUBER)
# The line that is the maximum-likelihood one under each noise.
MLE_ROW = {NoiseKind.GAUSSIAN: LS_ROW, NoiseKind.LAPLACE: LAD_ROW, NoiseKind.OUTLIERS: LAD_ROW}

Fit = tuple[np.ndarray, float]


def format_vector(values: np.ndarray | None) -> str:
    return "—" if values is None else ", ".join(fmt(v) for v in np.ravel(values))


class FitsTable(Retranslating, QTableWidget):
    """w, b and the distance from the true parameters of each line; the MLE row in bold."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(len(ROW_LOSSES), 3, parent)
        self._huber_delta = 1.0
        self.setObjectName("noiseComparisonTable")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setCornerButtonEnabled(False)
        self.setWordWrap(False)  # a vector of weights is elided, never wrapped out of view
        for row in range(len(ROW_LOSSES)):
            self.setVerticalHeaderItem(row, QTableWidgetItem())
        self.verticalHeaderItem(LS_ROW).setForeground(QBrush(QColor(colors.ANALYTICAL)))
        for c in range(3):
            self.setHorizontalHeaderItem(c, QTableWidgetItem())
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r in range(len(ROW_LOSSES)):
            for c in range(3):
                cell = QTableWidgetItem("—")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, cell)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Least squares, least absolute deviations and Huber "
                                       "lines"))
        for col, text in enumerate(("w", "b", self.tr("‖θ − θtrue‖"))):
            self.horizontalHeaderItem(col).setText(text)
        for row, kind in enumerate(ROW_LOSSES):
            self.verticalHeaderItem(row).setText(loss_name(kind))
        self.verticalHeaderItem(HUBER_ROW).setText(
            f"{loss_name(LossKind.HUBER)} (δ = {fmt(self._huber_delta)})")
        self.verticalHeaderItem(LS_ROW).setToolTip(self.tr(
            "Least squares: the line minimising Σ(y − ŷ)², the analytical solution (blue); "
            "the maximum-likelihood line under Gaussian noise."))
        self.verticalHeaderItem(LAD_ROW).setToolTip(self.tr(
            "Least absolute deviations: the line minimising Σ|y − ŷ|; the maximum-likelihood "
            "line under Laplace noise."))
        self.verticalHeaderItem(HUBER_ROW).setToolTip(self.tr(
            "The line minimising the Huber loss: squared for residuals within ±δ, absolute "
            "beyond (δ as in the Training panel); nearly as precise as least squares on "
            "Gaussian noise, nearly as robust as the absolute loss."))
        self.horizontalHeaderItem(2).setToolTip(self.tr(
            "Distance of the fitted (w, b) from the parameters the data were generated with."))
        self._fit_height()

    def _fit_height(self) -> None:
        """Exactly as tall as its rows (bold or not), so none is cut off."""
        self.resizeRowsToContents()
        rows = self.verticalHeader().length() + self.horizontalHeader().height()
        self.setFixedHeight(rows + 2 * self.frameWidth())

    def set_huber_delta(self, delta: float) -> None:
        """The δ named in the Huber row."""
        self._huber_delta = float(delta)
        self.retranslate()

    def fill_row(self, row: int, fit: Fit | None, distance: float | None, busy: bool) -> None:
        """One line's numbers; "…" while its fit is still running, "—" if there is none."""
        if fit is None:
            texts = ["…" if busy else "—"] * 3
        else:
            w, b = fit
            texts = [format_vector(w), fmt(b), fmt(distance)]
        for col, text in enumerate(texts):
            self.item(row, col).setText(text)
            self.item(row, col).setToolTip(text)  # the whole vector when elided

    def embolden_mle_row(self, kind: str | None) -> None:
        """Bold the line that is the maximum-likelihood one for this noise (none if unknown)."""
        mle_row = MLE_ROW.get(NoiseKind(kind)) if kind else None
        for row in range(len(ROW_LOSSES)):
            font = QFont(self.font())
            font.setBold(row == mle_row)
            self.verticalHeaderItem(row).setFont(font)
            for col in range(3):
                self.item(row, col).setFont(font)
        self._fit_height()
