"""Compare the true, the analytical (least-squares) and the SGD parameters side by side.

Losses here are always the mean squared loss ½(ŷ − y)², whatever loss SGD minimises, so the
three columns are measured with one ruler. Rows are rebuilt only when the number of features
changes; otherwise existing cells get new text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from linreg_lab import core
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.symbols import parameter_symbols
from linreg_lab.gui.widgets.retranslating import Retranslating

TRUE_COL, ANALYTICAL_COL, SGD_COL = range(3)


@dataclass(frozen=True)
class Evaluation:
    """Parameters and their squared losses; None where a number does not exist."""

    w: np.ndarray | None
    b: float | None
    train_loss: float | None
    val_loss: float | None


def squared_losses(session: Session, w: np.ndarray, b: float) -> tuple[float | None, ...]:
    """Mean squared training and validation loss of (w, b) on the session's split, from the
    session's sufficient statistics (O(d²), whatever n is)."""
    with np.errstate(over="ignore", invalid="ignore"):
        train = session.stats.loss(w, b) if session.data.n_train else None
        val = session.val_stats.loss(w, b) if session.val_stats is not None else None
    return (None if train is None else float(train)), (None if val is None else float(val))


def evaluate(session: Session, w: np.ndarray | None, b: float | None) -> Evaluation:
    if w is None or b is None:
        return Evaluation(None, None, None, None)
    w = np.asarray(w, dtype=float)
    return Evaluation(w, float(b), *squared_losses(session, w, b))


def distance_to_optimum(session: Session, w: np.ndarray, b: float) -> float:
    """‖θ − θ*‖ over θ = (w, b), θ* the (minimum-norm) least-squares solution."""
    sol = session.solution.lstsq
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.linalg.norm(np.append(np.asarray(w) - sol.w, b - sol.b)))


def loss_gap(train_loss: float | None, optimum: float) -> float | None:
    """How far a training loss is above the least-squares minimum."""
    return None if train_loss is None else train_loss - optimum


MAX_ROWS_SHOWN = 9  # three weights, b and the four result rows fit without scrolling

class ComparisonTable(Retranslating, QTableWidget):
    """True · analytical · SGD: parameters, losses, distance to and gap from the optimum."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparisonTable")
        self._session = session
        self._d = -1
        self.setColumnCount(3)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._make_headers()
        session.datasetChanged.connect(self._on_dataset_changed)
        session.stateChanged.connect(self._on_state_changed)
        self._on_dataset_changed()
        self._on_state_changed()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Comparison of true, analytical and SGD parameters"))
        tips = {
            TRUE_COL: self.tr("The parameters the data were generated with (generated data "
                              "only)."),
            SGD_COL: self.tr("Where minibatch stochastic gradient descent is now."),
        }
        for col, tip in tips.items():
            self.horizontalHeaderItem(col).setToolTip(tip)
        self.horizontalHeaderItem(TRUE_COL).setText(self.tr("True"))
        self.horizontalHeaderItem(SGD_COL).setText(self.tr("SGD"))
        self._label_analytical(self._session.solution.lstsq)
        self._label_rows()

    # ----- structure --------------------------------------------------------------------
    def _make_headers(self) -> None:
        """Each column's colour as a swatch beside its name; the name itself keeps the
        palette's text colour, readable on light and dark headers alike (blue text on a
        dark header was not)."""
        colours = {TRUE_COL: colors.TRUE, ANALYTICAL_COL: colors.ANALYTICAL, SGD_COL: colors.SGD}
        bold = QFont(self.font())
        bold.setBold(True)
        for col, colour in colours.items():
            item = QTableWidgetItem()
            item.setIcon(_swatch(colour))
            item.setFont(bold)
            self.setHorizontalHeaderItem(col, item)

    def row_labels(self, d: int) -> list[str]:
        return [*parameter_symbols(d), self.tr("training loss"), self.tr("validation loss"),
                "‖θ − θ*‖", self.tr("loss gap to optimum")]

    def _rebuild_rows(self, d: int) -> None:
        """Recreate the rows (only when the number of features changes)."""
        self._d = d
        self.setRowCount(len(self.row_labels(d)))
        for row in range(self.rowCount()):
            self.setVerticalHeaderItem(row, QTableWidgetItem())
            for col in range(3):
                item = QTableWidgetItem("—")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)
        self._label_rows()
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for every row with up to MAX_ROWS_SHOWN of them (two or three
        features need no scrolling); more features scroll."""
        rows = min(self.rowCount(), MAX_ROWS_SHOWN)
        height = (self.horizontalHeader().sizeHint().height()
                  + sum(max(self.sizeHintForRow(r), self.verticalHeader().sectionSizeHint(r))
                        for r in range(rows))
                  + 2 * self.frameWidth() + 2)
        self.setMinimumHeight(height)

    def _label_rows(self) -> None:
        """The row names and their tooltips, in the current language."""
        d = self._d
        loss_tip = self.tr("Mean squared loss ½(ŷ − y)², whichever loss SGD minimises.")
        tips = {d + 1: loss_tip, d + 2: loss_tip,
                d + 3: self.tr("Distance of the SGD parameters θ = (w, b) from the "
                               "least-squares optimum θ*."),
                d + 4: self.tr("SGD's squared training loss minus the least-squares minimum.")}
        for row, label in enumerate(self.row_labels(d)):
            header = self.verticalHeaderItem(row)
            header.setText(label)
            header.setToolTip(tips.get(row, ""))

    # ----- slots ------------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        """The true and analytical columns change only with the data."""
        d = self._session.dataset.n_features
        if d != self._d:
            self._rebuild_rows(d)
        data, sol = self._session.data, self._session.solution
        truth = evaluate(self._session, data.true_w if data.has_truth else None, data.true_b)
        self._fill_column(TRUE_COL, truth)
        optimum = Evaluation(sol.lstsq.w, sol.lstsq.b, _none_if_nan(sol.train_loss),
                             sol.val_loss)
        self._fill_column(ANALYTICAL_COL, optimum if data.n_train else evaluate(self._session,
                                                                                None, None))
        self._label_analytical(sol.lstsq)

    def _on_state_changed(self) -> None:
        trainer, sol = self._session.trainer, self._session.solution
        sgd = evaluate(self._session, trainer.w, trainer.b)
        self._fill_column(SGD_COL, sgd)
        d = self._d
        empty = not self._session.data.n_train
        self.item(d + 3, SGD_COL).setText(
            "—" if empty else fmt(distance_to_optimum(self._session, trainer.w, trainer.b)))
        self.item(d + 4, SGD_COL).setText(fmt(loss_gap(sgd.train_loss, sol.train_loss)))

    # ----- filling ----------------------------------------------------------------------
    def _fill_column(self, col: int, values: Evaluation) -> None:
        d = self._d
        w = values.w if values.w is not None else [None] * d
        numbers = [*w, values.b, values.train_loss, values.val_loss]
        for row, value in enumerate(numbers):
            self.item(row, col).setText(fmt(value))
        if col != SGD_COL:
            self.item(d + 3, col).setText("")
            self.item(d + 4, col).setText("")

    def _label_analytical(self, sol: core.LstsqSolution) -> None:
        header = self.horizontalHeaderItem(ANALYTICAL_COL)
        if sol.unique or sol.reason == "empty":
            header.setText(self.tr("Analytical"))
            self._fit_height()
            header.setToolTip(self.tr("The least-squares solution computed in closed form."))
            return
        header.setText(self.tr("Analytical") + "\n" + self.tr("(not unique)"))
        self._fit_height()
        header.setToolTip(self.tr(
            "Many lines fit equally well ({}); the table shows the one with the smallest "
            "parameters (minimum norm).").format(self.reason_text(sol.reason)))

    def reason_text(self, reason: str | None) -> str:
        """Why least squares has no unique solution, in the learner's words."""
        texts = {
            "fewer_examples": self.tr("fewer examples than parameters"),
            "identical_x": self.tr("all x values are identical"),
            "duplicate_feature": self.tr("a feature is duplicated"),
            "collinear": self.tr("the features are linearly dependent"),
            "empty": self.tr("there are no training examples"),
        }
        return texts.get(reason or "", self.tr("the design matrix is rank-deficient"))


def _none_if_nan(value: float) -> float | None:
    return None if value != value else value


def _swatch(colour: str) -> QIcon:
    """A small square of a plot colour, framed so it shows on any background."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#808080"))
    painter.drawRect(0, 0, 11, 11)
    painter.end()
    return QIcon(pixmap)
