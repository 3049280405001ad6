"""Loss curve: minibatch loss per step, training and validation loss per epoch, the optimum.

The trainer's history is bounded and decimated in core, so even a million steps arrive as a
few thousand points; peak downsampling and clip-to-view keep each redraw cheap. The items are
made once and only fed with setData.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

import core
from gui import colors
from gui.session import Session

LOG_FLOOR = 1e-30  # log scale: losses at or below zero are drawn here instead of vanishing
MAX_EPOCH_SYMBOLS = 100  # beyond this many epochs the markers are only noise and cost time


def steps_per_epoch(n_train: int, batch_size: int) -> int:
    """Minibatches in one epoch; the last batch of an epoch may be shorter (d2l's loop)."""
    return max(1, math.ceil(n_train / max(1, batch_size)))


def positive(values: np.ndarray) -> np.ndarray:
    """Losses made safe for a log axis: non-positive or NaN values clipped to LOG_FLOOR."""
    values = np.asarray(values, dtype=float)
    return np.where(values > LOG_FLOOR, values, LOG_FLOOR)


def finite_pairs(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop points whose loss is not finite (no validation set, or a diverged run)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = min(x.size, y.size)
    x, y = x[:n], y[:n]
    keep = np.isfinite(x) & np.isfinite(y)
    return (x, y) if keep.all() else (x[keep], y[keep])


class LossPlot(pg.PlotWidget):
    """Live loss curves of the session's trainer against the analytical minimum."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setObjectName("lossPlot")
        self.setAccessibleName(self.tr("Loss curve"))
        self.setAccessibleDescription(self.tr(
            "Minibatch loss per step, training and validation loss per epoch, and the "
            "smallest training loss any line can reach (the analytical minimum)."))
        self._session = session
        self._log_y = False
        self._x_in_epochs = False
        self._trainer = session.trainer
        self._epoch_symbols = True
        self._build_items()
        self._label_axes()
        session.stateChanged.connect(self._on_state_changed)
        session.datasetChanged.connect(self._on_dataset_changed)
        session.hyperparametersChanged.connect(self._on_hyperparameters_changed)
        self._on_dataset_changed()

    # ----- public controls ------------------------------------------------------------
    def set_log_y(self, on: bool) -> None:
        """Log-scale the loss axis; late training lives in small numbers only a log shows."""
        if on == self._log_y:
            return
        self._log_y = on
        self.plotItem.setLogMode(x=False, y=on)
        self._refresh()
        self.plotItem.enableAutoRange()

    def set_x_in_epochs(self, on: bool) -> None:
        """Measure the x axis in epochs (passes over the data) instead of minibatch steps."""
        if on == self._x_in_epochs:
            return
        self._x_in_epochs = on
        self._label_axes()
        self._refresh()
        self.plotItem.enableAutoRange()

    def log_y(self) -> bool:
        return self._log_y

    def x_in_epochs(self) -> bool:
        return self._x_in_epochs

    # ----- building (once) --------------------------------------------------------------
    def _build_items(self) -> None:
        item = self.plotItem
        # No grid by default: its translucent lines cost ~8 ms per redraw (the menu offers it).
        for name in ("left", "bottom"):
            item.getAxis(name).setPen(pg.mkPen(colors.TEXT))
            item.getAxis(name).setTextPen(pg.mkPen(colors.TEXT))
        item.getViewBox().setAutoVisible(y=True)  # y fits what is visible when x is zoomed
        legend = item.addLegend(offset=(-10, 10), labelTextColor=colors.TEXT)
        legend.setBrush(pg.mkBrush(255, 255, 255, 200))
        self._legend = legend
        faint = QColor(colors.SGD)
        faint.setAlpha(90)
        self.minibatch_curve = item.plot(pen=pg.mkPen(faint, width=1),
                                         name=self.tr("minibatch loss (per step)"))
        self.train_curve = item.plot(
            pen=pg.mkPen(colors.SGD, width=3), symbol="o", symbolSize=7,
            symbolBrush=colors.SGD, symbolPen=None, name=self.tr("training loss (per epoch)"))
        self.val_curve = item.plot(
            pen=pg.mkPen(colors.VALIDATION, width=3), symbol="s", symbolSize=7,
            symbolBrush=colors.VALIDATION, symbolPen=None,
            name=self.tr("validation loss (per epoch)"))
        self.current_marker = item.plot(
            pen=None, symbol="o", symbolSize=11, symbolBrush=pg.mkBrush("w"),
            symbolPen=pg.mkPen(colors.SGD, width=2.5), name=self.tr("training loss now"))
        for curve in (self.minibatch_curve, self.train_curve, self.val_curve):
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        self._build_optimum_line(legend)

    def _build_optimum_line(self, legend: pg.LegendItem) -> None:
        pen = pg.mkPen(colors.ANALYTICAL, width=2, style=Qt.PenStyle.DashLine)
        self.optimum_line = pg.InfiniteLine(angle=0, movable=False, pen=pen)
        self.optimum_line.setToolTip(self.tr(
            "The smallest mean squared training loss any w, b can reach (least squares)."))
        self.plotItem.addItem(self.optimum_line, ignoreBounds=True)
        # An InfiniteLine has no legend sample; a never-drawn curve with the same pen stands in.
        self._optimum_sample = pg.PlotDataItem(pen=pen)
        legend.addItem(self._optimum_sample, self.tr("analytical minimum"))
        self._optimum_sample.visibleChanged.connect(self._update_optimum_line)

    def _label_axes(self) -> None:
        x_text = (self.tr("epoch") if self._x_in_epochs
                  else self.tr("step (minibatch updates)"))
        self.plotItem.setLabel("bottom", x_text, color=colors.TEXT)
        names = {"squared": self.tr("squared loss"), "absolute": self.tr("absolute loss"),
                 "huber": self.tr("Huber loss")}
        y_text = names.get(self._session.hyper.loss, self.tr("loss"))
        self.plotItem.setLabel("left", y_text, color=colors.TEXT)

    # ----- slots --------------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        self._refresh()
        self.plotItem.enableAutoRange()

    def _on_hyperparameters_changed(self) -> None:
        """Batch size changes steps per epoch, and the loss choice the optimum's meaning."""
        self._label_axes()
        self._refresh()

    def _on_state_changed(self) -> None:
        if self._session.trainer is not self._trainer:  # reset or new data: start over
            self._trainer = self._session.trainer
            self._refresh()
            self.plotItem.enableAutoRange()
        else:
            self._refresh()

    # ----- drawing ------------------------------------------------------------------------
    def _refresh(self) -> None:
        trainer = self._session.trainer
        history = trainer.history
        self._set_curve(self.minibatch_curve, self._x(history.step_index), history.step_loss)
        epoch_x = self._epoch_x(history)
        self._show_epoch_symbols(epoch_x.size <= MAX_EPOCH_SYMBOLS)
        self._set_curve(self.train_curve, epoch_x, history.epoch_train_loss)
        self._set_curve(self.val_curve, epoch_x, _or_empty(history.epoch_val_loss))
        self._set_curve(self.current_marker, self._x(np.array([trainer.steps])),
                        np.array([trainer.loss()]) if self._session.data.n_train else [])
        self._update_optimum_line()

    def _show_epoch_symbols(self, show: bool) -> None:
        """Markers per epoch while they can be told apart; a plain line after that."""
        if show == self._epoch_symbols:
            return
        self._epoch_symbols = show
        self.train_curve.setSymbol("o" if show else None)
        self.val_curve.setSymbol("s" if show else None)

    def _set_curve(self, curve: pg.PlotDataItem, x: np.ndarray, y: np.ndarray) -> None:
        x, y = finite_pairs(x, y)
        curve.setData(x, positive(y) if self._log_y else y)

    def _update_optimum_line(self) -> None:
        """Shown for squared loss only: least squares minimises that loss, not the others."""
        minimum = self._session.solution.train_loss
        show = (self._optimum_sample.isVisible() and self._session.hyper.loss == "squared"
                and math.isfinite(minimum))
        self.optimum_line.setVisible(show)
        if show:
            pos = math.log10(max(minimum, LOG_FLOOR)) if self._log_y else minimum
            self.optimum_line.setValue(pos)

    def _steps_per_epoch(self) -> int:
        return steps_per_epoch(self._session.data.n_train, self._session.hyper.batch_size)

    def _x(self, steps: np.ndarray) -> np.ndarray:
        steps = np.asarray(steps, dtype=float)
        return steps / self._steps_per_epoch() if self._x_in_epochs else steps

    def _epoch_x(self, history: core.History) -> np.ndarray:
        """x of the per-epoch points: epoch k ends after k · (steps per epoch) steps.

        Exact unless the batch size changed mid-run; the history records epochs, not steps.
        """
        epochs = np.asarray(history.epoch_index, dtype=float)
        return epochs if self._x_in_epochs else epochs * self._steps_per_epoch()

    def optimum_value(self) -> float | None:
        """The analytical minimum as drawn (in data units), or None when hidden."""
        if not self.optimum_line.isVisible():
            return None
        value = float(self.optimum_line.value())
        return 10.0 ** value if self._log_y else value


def _or_empty(values: np.ndarray | None) -> np.ndarray:
    return np.empty(0) if values is None else np.asarray(values, dtype=float)
