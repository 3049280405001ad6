"""Compare the true, the analytical (least-squares) and the SGD parameters side by side.

Every column is measured with the same rulers, each named for what it is (gui.text.vocabulary):
the squared loss ½·MSE, which the analytical solution minimises, always; and, when SGD
minimises another loss, that selected loss too, in rows of its own, so the table's numbers
are the ones the Formula panel and the loss curve show. Rows are rebuilt only when the number
of features or the kind of loss (squared or not) changes; otherwise existing cells get new
text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
from linreg_lab.core.losses import mean_loss
from linreg_lab.core.notation import LossKind, plain_names
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.explanations import dependency_equation
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.symbols import parameter_symbols
from linreg_lab.gui.text.vocabulary import HALF_MSE, measure_definition, measure_short
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

TRUE_COL, ANALYTICAL_COL, SGD_COL = range(3)


@dataclass(frozen=True)
class Evaluation:
    """Parameters and their losses; None where a number does not exist.

    train_loss, val_loss: squared loss ½·MSE; train_selected, val_selected: the loss SGD
    minimises (the same numbers when that is the squared loss).
    """

    w: np.ndarray | None
    b: float | None
    train_loss: float | None
    val_loss: float | None
    train_selected: float | None = None
    val_selected: float | None = None


def squared_losses(session: Session, w: np.ndarray, b: float) -> tuple[float | None, ...]:
    """Mean squared training and validation loss of (w, b) on the session's split, from the
    session's sufficient statistics (O(d²), whatever n is)."""
    with np.errstate(over="ignore", invalid="ignore"):
        train = session.stats.loss(w, b) if session.data.n_train else None
        val = session.val_stats.loss(w, b) if session.val_stats is not None else None
    return (None if train is None else float(train)), (None if val is None else float(val))


def selected_losses(session: Session, w: np.ndarray, b: float) -> tuple[float | None, ...]:
    """Mean training and validation loss of (w, b) under the loss SGD minimises."""
    h, data = session.hyper, session.data
    if h.loss == LossKind.SQUARED:
        return squared_losses(session, w, b)
    sets = (data.train_set, data.val_set)
    values = [mean_loss(s.X, s.y, w, b, h.loss, h.huber_delta) if s.n_examples else None
              for s in sets]
    return tuple(None if v is None or v != v else v for v in values)


def evaluate(session: Session, w: np.ndarray | None, b: float | None) -> Evaluation:
    if w is None or b is None:
        return Evaluation(None, None, None, None)
    w = np.asarray(w, dtype=float)
    return Evaluation(w, float(b), *squared_losses(session, w, b),
                      *selected_losses(session, w, float(b)))


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
        self._squared = True
        self.setColumnCount(3)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTabKeyNavigation(False)  # one Tab stop in the window; arrows move inside
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._make_headers()
        self._data_paced = ThrottledRedraw(self, self._on_dataset_changed, STREAM_INTERVAL_MS,
                                           pacing=session.pacing, idle_throttle=False)
        session.datasetChanged.connect(self._on_data_changed)
        self._paced = ThrottledRedraw(self, self._on_state_changed, STREAM_INTERVAL_MS,
                                      pacing=session.pacing, idle_throttle=False)
        session.stateChanged.connect(self._paced.request)  # ten a second while running
        session.hyperparametersChanged.connect(self._on_hyperparameters_changed)
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

    def _loss_rows(self) -> list[tuple[str, str]]:
        """(measure, split) of each loss row: the selected loss first when it is not the
        squared loss, then ½·MSE; split is "train" or "val"."""
        kind = self._session.hyper.loss
        measures = [HALF_MSE] if kind == LossKind.SQUARED else [kind, HALF_MSE]
        return [(m, split) for m in measures for split in ("train", "val")]

    def row_labels(self, d: int) -> list[str]:
        losses = [self._loss_label(measure, split) for measure, split in self._loss_rows()]
        return [*parameter_symbols(d), *losses, "‖θ − θ*‖",
                self.tr("{measure} gap to optimum").format(measure=measure_short(HALF_MSE))]

    def _loss_label(self, measure: str, split: str) -> str:
        name = measure_short(measure)
        if split == "train":
            return self.tr("training {measure}").format(measure=name)
        return self.tr("validation {measure}").format(measure=name)

    def _distance_row(self) -> int:
        return self._d + 1 + len(self._loss_rows())

    def _rebuild_rows(self, d: int) -> None:
        """Recreate the rows (only when the number of features or the kind of loss changes)."""
        self._d, self._squared = d, self._session.hyper.loss == LossKind.SQUARED
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
        d, dist = self._d, self._distance_row()
        tips = {d + 1 + i: measure_definition(measure)
                for i, (measure, _) in enumerate(self._loss_rows())}
        tips[dist] = self.tr("Distance of the SGD parameters θ = (w, b) from the "
                             "least-squares optimum θ*.")
        tips[dist + 1] = self.tr("SGD's training ½·MSE minus the least-squares minimum of it.")
        names = self._session.dataset.feature_names
        named = tuple(names) != tuple(plain_names("x", d))  # named data: say which weight
        for row, label in enumerate(self.row_labels(d)):
            header = self.verticalHeaderItem(row)
            header.setText(f"{label} ({names[row]})" if named and row < d else label)
            header.setToolTip(tips.get(row, ""))

    # ----- slots ------------------------------------------------------------------------
    def _rows_are_current(self) -> bool:
        squared = self._session.hyper.loss == LossKind.SQUARED
        return self._d == self._session.dataset.n_features and self._squared == squared

    def _on_hyperparameters_changed(self) -> None:
        """Another loss (or δ) changes the selected-loss rows of every column."""
        self._on_dataset_changed()
        self._on_state_changed()

    def _on_data_changed(self) -> None:
        """New rows at once (the SGD column's fill needs them); the same rows' numbers ten
        times a second while a drag or a run streams."""
        if self._rows_are_current():
            self._data_paced.request()
        else:
            self._on_dataset_changed()

    def _on_dataset_changed(self) -> None:
        """The true and analytical columns change only with the data (and the loss)."""
        if not self._rows_are_current():
            self._rebuild_rows(self._session.dataset.n_features)
        else:
            self._label_rows()  # the same width, perhaps other feature names
        data, sol = self._session.data, self._session.solution
        truth = evaluate(self._session, data.true_w if data.has_truth else None, data.true_b)
        self._fill_column(TRUE_COL, truth)
        optimum = evaluate(self._session, sol.lstsq.w, sol.lstsq.b) if data.n_train else None
        if optimum is not None:  # the solution's own squared losses, as the session has them
            optimum = replace(optimum, train_loss=_none_if_nan(sol.train_loss),
                              val_loss=sol.val_loss)
        self._fill_column(ANALYTICAL_COL, optimum or evaluate(self._session, None, None))
        self._label_analytical(sol.lstsq)

    def _on_state_changed(self) -> None:
        trainer, sol = self._session.trainer, self._session.solution
        sgd = evaluate(self._session, trainer.w, trainer.b)
        empty = not self._session.data.n_train
        if not self._squared and not empty:  # the trainer's own numbers, as plotted
            sgd = replace(sgd, train_selected=_finite_or_none(trainer.loss()),
                          val_selected=_finite_or_none(trainer.val_loss()))
        self._fill_column(SGD_COL, sgd)
        dist = self._distance_row()
        self.item(dist, SGD_COL).setText(
            "—" if empty else fmt(distance_to_optimum(self._session, trainer.w, trainer.b)))
        self.item(dist + 1, SGD_COL).setText(fmt(loss_gap(sgd.train_loss, sol.train_loss)))

    # ----- filling ----------------------------------------------------------------------
    def _fill_column(self, col: int, values: Evaluation) -> None:
        d = self._d
        w = values.w if values.w is not None else [None] * d
        by_measure = {(HALF_MSE, "train"): values.train_loss,
                      (HALF_MSE, "val"): values.val_loss}
        if not self._squared:
            kind = self._session.hyper.loss
            by_measure[(kind, "train")] = values.train_selected
            by_measure[(kind, "val")] = values.val_selected
        numbers = [*w, values.b, *(by_measure[row] for row in self._loss_rows())]
        for row, value in enumerate(numbers):
            self.item(row, col).setText(fmt(value))
        if col != SGD_COL:
            dist = self._distance_row()
            self.item(dist, col).setText("")
            self.item(dist + 1, col).setText("")

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
            "parameters (minimum norm).").format(self.reason_text(sol)))

    def reason_text(self, solution: core.LstsqSolution) -> str:
        """Why least squares has no unique solution, in the learner's words."""
        if solution.dependency is not None:
            equation = dependency_equation(solution.dependency, solution.w.size)
            if solution.reason == "identical_x":
                return self.tr("all x values are identical") + f" ({equation})"
            return self.tr("{equation} in every training example").format(equation=equation)
        texts = {
            "fewer_examples": self.tr("fewer examples than parameters"),
            "identical_x": self.tr("all x values are identical"),
            "collinear": self.tr("the features are linearly dependent"),
            "empty": self.tr("there are no training examples"),
        }
        return texts.get(solution.reason or "", self.tr("the design matrix is rank-deficient"))


def _none_if_nan(value: float) -> float | None:
    return None if value != value else value


def _finite_or_none(value: float | None) -> float | None:
    """A trainer's loss for display: None when missing or not a number (no data)."""
    return None if value is None or value != value else float(value)


def _swatch(colour: str) -> QIcon:
    """A small square of a plot colour, framed so it shows on any background."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#808080"))
    painter.drawRect(0, 0, 11, 11)
    painter.end()
    return QIcon(pixmap)
