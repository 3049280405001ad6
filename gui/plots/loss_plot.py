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
from PySide6.QtWidgets import QGraphicsItem, QWidget

from linreg_lab import core
from linreg_lab.core.notation import LossKind
from linreg_lab.gui.plots.view_bounds import DECADES_LIMIT, LIMIT, BoundedViewBox, drawable
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.log_axis import SparseLogAxis
from linreg_lab.gui.style.plot_style import (
    add_legend,
    label_axes,
    name_legend_entries,
    style_axes,
    thin_to_pixels,
)
from linreg_lab.gui.text.vocabulary import measure_name
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

LOG_FLOOR = 1e-30  # log scale: losses at or below zero are drawn here instead of vanishing
MAX_EPOCH_SYMBOLS = 100  # beyond this many epochs the markers are only noise and cost time
BOLD_WIDTH = 2.5  # epoch curves while there are few epochs
# The x axis reaches ±1e13 steps (months of training at full speed) and no further: pyqtgraph's
# auto-downsampling takes one point per (visible x range / pixels / x spacing), an integer that
# overflows numpy's array dimensions when a view zoomed far out spans 1e250 steps.
MAX_STEPS_SHOWN = 1e13


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


class LossPlot(Retranslating, pg.PlotWidget):
    """Live loss curves of the session's trainer against the analytical minimum."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent, background="w",
                         viewBox=BoundedViewBox(x_limit=MAX_STEPS_SHOWN),
                         axisItems={"left": SparseLogAxis("left")})
        self.setObjectName("lossPlot")
        self._session = session
        self._log_y = False
        self._x_in_epochs = False
        self._trainer = session.trainer
        self._epoch_symbols = True
        self._follow = True
        self._ranging = False
        self._framed: tuple[tuple[float, float], tuple[float, float]] | None = None
        self._given: dict[pg.PlotDataItem, tuple[np.ndarray, np.ndarray]] = {}
        self._build_items()
        # the epoch curves (with their markers ~1 ms a curve to re-send) change every frame
        # of a fast run, which passes epochs faster than the eye: ten times a second then
        self._epochs_paced = ThrottledRedraw(self, self._refresh_epochs, STREAM_INTERVAL_MS,
                                             pacing=session.pacing, idle_throttle=False)
        # a dragged point changes the data (and restarts the run's curves) on every move:
        # the curves follow ten times a second then, a run's frames every frame
        self._drag_paced = ThrottledRedraw(self, self._refresh, STREAM_INTERVAL_MS,
                                           pacing=session.pacing, idle_throttle=False,
                                           only_while="drag")
        self.plotItem.getViewBox().sigRangeChangedManually.connect(self._on_manual_range)
        self.plotItem.disableAutoRange()
        self.plotItem.getViewBox().set_framer(self.reframe)
        session.stateChanged.connect(self._on_state_changed)
        session.datasetChanged.connect(self._on_dataset_changed)
        session.hyperparametersChanged.connect(self._on_hyperparameters_changed)
        self._on_dataset_changed()
        self._refresh()
        self.retranslate()

    def retranslate(self) -> None:
        if self.closed:  # pyqtgraph's close() cleared the scene: no items left to label
            return
        self.setAccessibleName(self.tr("Loss curve"))
        self.setAccessibleDescription(self.tr(
            "Minibatch loss per step, training and validation loss per epoch, and the "
            "smallest training loss any line can reach (the analytical minimum)."))
        name_legend_entries(self._legend, {
            self.minibatch_curve: self.tr("minibatch loss (per step)"),
            self.train_curve: self.tr("training loss (per epoch)"),
            self.val_curve: self.tr("validation loss (per epoch)"),
            self.current_marker: self.tr("training loss now"),
            self._optimum_sample: self.tr("analytical minimum"),
        })
        self.optimum_line.setToolTip(self.tr(
            "The smallest mean squared training loss any w, b can reach (least squares)."))
        self._label_axes()

    # ----- public controls ------------------------------------------------------------
    def set_log_y(self, on: bool) -> None:
        """Log-scale the loss axis; late training lives in small numbers only a log shows."""
        if on == self._log_y:
            return
        self.plotItem.setLogMode(x=False, y=on)  # asks for a framing: still in the old units
        self._log_y = on
        self._follow, self._framed = True, None
        self._refresh()
        # on a log axis the view's y values are decades, and the axis labels them as 10**y
        self.plotItem.getViewBox().set_bounds(y_limit=DECADES_LIMIT if on else LIMIT)

    def set_x_in_epochs(self, on: bool) -> None:
        """Measure the x axis in epochs (passes over the data) instead of minibatch steps."""
        if on == self._x_in_epochs:
            return
        self._x_in_epochs = on
        self._label_axes()
        self._follow, self._framed = True, None
        self._refresh()

    def log_y(self) -> bool:
        return self._log_y

    def x_in_epochs(self) -> bool:
        return self._x_in_epochs

    # ----- building (once) --------------------------------------------------------------
    def _build_items(self) -> None:
        item = self.plotItem
        # No grid by default: its translucent lines cost ~8 ms per redraw (the menu offers it).
        style_axes(item)
        for name in ("left", "bottom"):  # the range moves in steps: axes are blitted between
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.getViewBox().setAutoVisible(y=True)  # y fits what is visible when x is zoomed
        self._legend = add_legend(item)
        faint = QColor(colors.SGD)
        faint.setAlpha(90)
        self.minibatch_curve = item.plot(pen=pg.mkPen(faint, width=1), antialias=False)
        self.train_curve = item.plot(
            pen=pg.mkPen(colors.SGD, width=BOLD_WIDTH), symbol="o", symbolSize=7,
            symbolBrush=colors.SGD, symbolPen=None)
        self.val_curve = item.plot(
            pen=pg.mkPen(colors.VALIDATION, width=BOLD_WIDTH), symbol="s", symbolSize=7,
            symbolBrush=colors.VALIDATION, symbolPen=None)
        self.current_marker = item.plot(
            pen=None, symbol="o", symbolSize=11, symbolBrush=pg.mkBrush("w"),
            symbolPen=pg.mkPen(colors.SGD, width=2.5))
        for curve in (self.minibatch_curve, self.train_curve, self.val_curve):
            thin_to_pixels(curve)
        self._build_optimum_line()

    def _build_optimum_line(self) -> None:
        pen = pg.mkPen(colors.ANALYTICAL, width=2, style=Qt.PenStyle.DashLine)
        self.optimum_line = pg.InfiniteLine(angle=0, movable=False, pen=pen)
        self.plotItem.addItem(self.optimum_line, ignoreBounds=True)
        # An InfiniteLine has no legend sample; a never-drawn curve with the same pen stands in
        # (its legend entry is added with the others, in retranslate()).
        self._optimum_sample = pg.PlotDataItem(pen=pen)
        self._optimum_sample.visibleChanged.connect(self._update_optimum_line)

    def _label_axes(self) -> None:
        x_text = (self.tr("epoch") if self._x_in_epochs
                  else self.tr("step (minibatch updates)"))
        label_axes(self.plotItem, x_text, measure_name(self._session.hyper.loss))

    # ----- slots --------------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        """New data frame afresh; the stateChanged the Session emits right after any data
        change draws them (a drag's move would otherwise refresh every curve twice)."""
        self._follow, self._framed = True, None

    def _on_hyperparameters_changed(self) -> None:
        """Batch size changes steps per epoch, and the loss choice the optimum's meaning."""
        self._label_axes()
        self._refresh()

    def _on_state_changed(self) -> None:
        if self._session.trainer is not self._trainer:  # reset or new data: start over
            self._trainer = self._session.trainer
            self._follow, self._framed = True, None
        self._drag_paced.request()

    # ----- drawing ------------------------------------------------------------------------
    def _refresh(self) -> None:
        trainer = self._session.trainer
        history = trainer.history
        self._set_curve(self.minibatch_curve, self._x(history.step_index), history.step_loss)
        self._set_curve(self.current_marker, self._x(np.array([trainer.steps])),
                        np.array([trainer.loss()]) if self._session.data.n_train else [])
        self._update_optimum_line()
        self._epochs_paced.request()  # at once, unless a run streams
        self._follow_data()

    def _refresh_epochs(self) -> None:
        """The training and validation loss per epoch."""
        trainer = self._session.trainer
        history = trainer.history
        epoch_x = self._epoch_x(history)
        # by epochs done, not by the points the history keeps: its decimation makes their
        # number go down and up again, and the markers would flicker on and off (~2 ms each)
        self._show_epoch_symbols(trainer.epoch <= MAX_EPOCH_SYMBOLS)
        self._set_curve(self.train_curve, epoch_x, history.epoch_train_loss)
        self._set_curve(self.val_curve, epoch_x, _or_empty(history.epoch_val_loss))
        self._follow_data()

    def _follow_data(self) -> None:
        """Keep all data in view with ranges computed from the curves alone, in steps.

        pyqtgraph's auto-range would rescan every curve and redraw both axes on each tick
        (~8 ms); here the range is `framing()` of the data, which changes in steps (x doubles,
        y's top goes to the next 1-2-5 value), and is applied only when it changed. It never
        reads the view's previous range, so new data or a reset frame afresh. A user's zoom
        or pan stops the following until reset (or the "A" button)."""
        if not self._follow:
            return
        wanted = self.framing()
        if wanted is None or wanted == self._framed:
            return
        self._framed = wanted
        self._ranging = True
        self.plotItem.setRange(xRange=wanted[0], yRange=wanted[1], padding=0.02)
        self._ranging = False

    def framing(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """The range the curves ask for: x from 0 to the next power of two past the last
        step, y from 0 (or the lowest decade) to a rounded-up peak; None with no curve."""
        x_max, y_lo, y_hi = self._data_extent()
        if x_max is None:
            return None
        return (0.0, grown(x_max)), _y_span(y_lo, y_hi, self._log_y)

    def reframe(self) -> None:
        """Follow the curves again, framed from them at once (Reset, the "A" button)."""
        self._follow = True
        self._framed = None
        self._follow_data()

    def _data_extent(self) -> tuple[float | None, float, float]:
        """Bounds of what the curves were last given (not their clipped display data)."""
        shown = [(x, y) for x, y in self._given.values() if len(x)]
        if not shown:
            return None, 0.0, 1.0
        ys = [float(v) for _, y in shown for v in (np.min(y), np.max(y))]
        if self._log_y:  # the view's y range is in decades then
            ys = list(np.log10(ys))
        if self.optimum_line.isVisible():
            ys.append(self.optimum_line.value())
        return float(max(np.max(x) for x, _ in shown)), float(min(ys)), float(max(ys))

    def _on_manual_range(self, *_args) -> None:
        if not self._ranging:
            self._follow = False

    def _show_epoch_symbols(self, show: bool) -> None:
        """Markers per epoch while they can be told apart; a plain line after that."""
        if show == self._epoch_symbols:
            return
        self._epoch_symbols = show
        self.train_curve.setSymbol("o" if show else None)
        self.val_curve.setSymbol("s" if show else None)
        # Antialiased pens wider than 1 px cost ~5 ms per 1,000 points each frame.
        width = BOLD_WIDTH if show else 1
        self.train_curve.setPen(pg.mkPen(colors.SGD, width=width))
        self.val_curve.setPen(pg.mkPen(colors.VALIDATION, width=width))

    def _set_curve(self, curve: pg.PlotDataItem, x: np.ndarray, y: np.ndarray) -> None:
        x, y = finite_pairs(x, y)
        y = positive(y) if self._log_y else drawable(y)
        given = self._given.get(curve)
        if given is not None and _same(given, (x, y)):
            return  # the epoch curves change once an epoch: re-sending costs ~1 ms a curve
        self._given[curve] = (x, y)
        curve.setData(x, y)

    def _update_optimum_line(self) -> None:
        """Shown for squared loss only: least squares minimises that loss, not the others."""
        minimum = self._session.solution.train_loss
        show = (self._optimum_sample.isVisible() and self._session.hyper.loss == LossKind.SQUARED
                and math.isfinite(minimum))
        self.optimum_line.setVisible(show)
        if show:
            pos = math.log10(max(minimum, LOG_FLOOR)) if self._log_y else minimum
            self.optimum_line.setValue(pos)

    def _x(self, steps: np.ndarray) -> np.ndarray:
        """Steps on the x axis, or the epochs they reached (exact wherever an epoch ended
        and where training stands now, whatever batch sizes were used on the way)."""
        steps = np.asarray(steps, dtype=float)
        if not self._x_in_epochs:
            return steps
        at_step, epochs = self._epoch_anchors()
        return np.interp(steps, at_step, epochs, right=epochs[-1])

    def _epoch_anchors(self) -> tuple[np.ndarray, np.ndarray]:
        """(step, epochs done) where they are known: the start, each recorded epoch end (the
        trainer's record of the step it ended at) and the current step."""
        t, n = self._session.trainer, max(self._session.data.n_train, 1)
        history = t.history
        at_step = np.concatenate(([0.0], history.epoch_step, [t.steps])).astype(float)
        epochs = np.concatenate(([0.0], history.epoch_index,
                                 [t.epoch + t.epoch_position / n])).astype(float)
        return at_step, epochs

    def _epoch_x(self, history: core.History) -> np.ndarray:
        """x of the per-epoch points: the step each epoch ended at, as the trainer recorded
        it (so a batch size changed mid-run moves no marker), or the epoch number."""
        if self._x_in_epochs:
            return np.asarray(history.epoch_index, dtype=float)
        return np.asarray(history.epoch_step, dtype=float)

    def optimum_value(self) -> float | None:
        """The analytical minimum as drawn (in data units), or None when hidden."""
        if not self.optimum_line.isVisible():
            return None
        value = float(self.optimum_line.value())
        return 10.0 ** value if self._log_y else value


def grown(x_max: float) -> float:
    """The next power of two above x_max: the x axis doubles as a run outgrows it."""
    return float(2 ** math.ceil(math.log2(max(x_max, 4.0) * 1.05)))


def _y_span(lo: float, hi: float, log_y: bool) -> tuple[float, float]:
    """Whole decades on a log axis; from zero (losses are ≥ 0) to the peak, rounded up to
    1, 2 or 5 times a power of ten, otherwise (so the axis moves in steps, not every tick)."""
    if log_y:
        return float(math.floor(lo)), float(math.ceil(hi) if hi > lo else lo + 1)
    return min(0.0, lo), nice_above(hi) if hi > 0 else 1.0


def nice_above(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above value·1.02."""
    value = min(value * 1.02, LIMIT)
    decade = 10.0 ** math.floor(math.log10(value))
    for m in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * decade >= value:
            return min(m * decade, LIMIT)
    return min(10.0 * decade, LIMIT)


def _same(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    return all(u.shape == v.shape and np.array_equal(u, v) for u, v in zip(a, b, strict=True))


def _or_empty(values: np.ndarray | None) -> np.ndarray:
    return np.empty(0) if values is None else np.asarray(values, dtype=float)
