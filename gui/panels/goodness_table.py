"""Goodness of fit of each line on the training and validation data: MSE, RMSE, MAE, R².

MSE here is the mean of (ŷ − y)² (no ½, unlike the training loss), so RMSE and MAE are in
the label's units; R² says how much better than the flat line at the mean label a line is.
One row per measure, one column per line and part of the data: four short rows fit under
the fit plot.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from linreg_lab.core.goodness_of_fit import GoodnessOfFit
from linreg_lab.gui.state.line_fits import LineFit, goodness
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

METRICS = ("mse", "rmse", "mae", "r2")
METRIC_NAMES = ("MSE", "RMSE", "MAE", "R²")  # the same in both languages
ROW_PX = 19


class GoodnessTable(Retranslating, QTableWidget):
    """Rows MSE, RMSE, MAE, R²; a column per line and data part (training, validation)."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(len(METRICS), 0, parent)
        self.setObjectName("goodnessTable")
        self._session = session
        self.fits: list[LineFit] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalHeaderLabels(list(METRIC_NAMES))
        self.verticalHeader().setDefaultSectionSize(ROW_PX)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(20)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)  # six columns in half the fit panel
        self.setFont(font)
        self.horizontalHeader().setFont(font)
        self.verticalHeader().setFont(font)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._redraw = ThrottledRedraw(self, self.refresh, interval_ms=250,
                                       pacing=session.pacing)  # 16 ms at 10⁶ points
        for signal in (session.stateChanged, session.datasetChanged, session.yourLineChanged):
            signal.connect(self._redraw.request)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("MSE = mean of (ŷ − y)² (without the loss's ½); RMSE = √MSE "
                                "and MAE = mean |ŷ − y|, in the label's units; R² = 1 − "
                                "Σ(ŷ − y)² / Σ(y − ȳ)²: 1 is a perfect fit, 0 the flat line "
                                "at the mean"))
        self.setAccessibleName(self.tr("Goodness of fit"))
        self.refresh()

    def _names(self) -> dict[str, str]:
        return {"yours": self.tr("your line"), "sgd": self.tr("SGD"),
                "analytical": self.tr("analytical")}

    def columns(self) -> list[tuple[str, str, GoodnessOfFit]]:
        """(line key, 'training' or 'validation', its numbers) for each column shown."""
        cols = []
        for f in self.fits:
            cols.append((f.line, "training", f.train))
            if f.validation is not None:
                cols.append((f.line, "validation", f.validation))
        return cols

    def refresh(self) -> None:
        """Every line's numbers from the session now."""
        self.fits = goodness(self._session)
        names = self._names()
        parts = {"training": self.tr("training"), "validation": self.tr("validation")}
        cols = self.columns()
        self.setColumnCount(len(cols))
        self.setHorizontalHeaderLabels([f"{names[k]}\n{parts[p]}" for k, p, _ in cols])
        for c, (_key, _part, fit) in enumerate(cols):
            for r, metric in enumerate(METRICS):
                text = fmt(getattr(fit, metric))
                item = self.item(r, c)
                if item is None:
                    self.setItem(r, c, QTableWidgetItem(text))
                else:
                    item.setText(text)
