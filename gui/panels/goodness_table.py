"""Goodness of fit of each line on the training and validation data: MSE, RMSE, MAE, R².

MSE here is the mean of (ŷ − y)² (no ½, unlike the training loss), so RMSE and MAE are in
the label's units; R² says how much better than the flat line at the mean label a line is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from linreg_lab.gui.state.line_fits import LineFit, goodness
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

METRICS = ("mse", "rmse", "mae", "r2")


class GoodnessTable(Retranslating, QTableWidget):
    """One row per line and data part, one column per measure; read-only."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(0, 2 + len(METRICS), parent)
        self.setObjectName("goodnessTable")
        self._session = session
        self.fits: list[LineFit] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._redraw = ThrottledRedraw(self, self.refresh, interval_ms=150)
        for signal in (session.stateChanged, session.datasetChanged, session.yourLineChanged):
            signal.connect(self._redraw.request)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("line"), self.tr("data"), "MSE", "RMSE", "MAE",
                                        "R²"])
        self.setToolTip(self.tr("MSE = mean of (ŷ − y)² (without the loss's ½); RMSE = √MSE "
                                "and MAE = mean |ŷ − y|, in the label's units; R² = 1 − "
                                "Σ(ŷ − y)² / Σ(y − ȳ)²: 1 is a perfect fit, 0 the flat line "
                                "at the mean"))
        self.setAccessibleName(self.tr("Goodness of fit"))
        self.refresh()

    def _names(self) -> dict[str, str]:
        return {"yours": self.tr("your line"), "sgd": self.tr("SGD"),
                "analytical": self.tr("analytical")}

    def refresh(self) -> None:
        """Every line's numbers from the session now."""
        self.fits = goodness(self._session)
        names = self._names()
        rows = [(names[f.line], self.tr("training"), f.train) for f in self.fits]
        rows += [(names[f.line], self.tr("validation"), f.validation) for f in self.fits
                 if f.validation is not None]
        self.setRowCount(len(rows))
        for r, (line, part, fit) in enumerate(rows):
            cells = [line, part, *(fmt(getattr(fit, m)) for m in METRICS)]
            for c, text in enumerate(cells):
                item = self.item(r, c)
                if item is None:
                    self.setItem(r, c, QTableWidgetItem(text))
                else:
                    item.setText(text)
