"""Hyperparameters and generalisation: sweep η or the batch size, and watch error fall as 1/√n.

The chapter: hyperparameters are chosen by the results on a separate validation set, and the
real challenge is a low loss on data the model has never seen. The left half trains one run
per value on the session's own training split (same seed, same start) and overlays their
validation curves; the right half refits least squares on ever larger fresh datasets from the
same true line and shows the estimate closing in on the truth like 1/√n.

Both experiments run on a worker QThread (core does the numbers and polls a cancel flag); the
panel only starts, cancels and joins it, and draws what comes back.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.core.sweep import (
    ErrorCurve,
    SweepResult,
    estimation_error_curve,
    reference_line,
    sweep,
)
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.fields import ERROR_TEXT_COLOR, parse_number, show_problem

MAX_VALUES = 8  # more curves than this cannot be told apart
MAX_BATCH = 1_000_000
MAX_EPOCHS = 1000
REPEATS = 10  # datasets per size in the estimation experiment
DEFAULT_TEXT = {"lr": "0.003, 0.01, 0.03, 0.1", "batch_size": "1, 10, 50"}
# Sequential grey → purple: no orange, blue, green, vermillion or sky blue, which mean SGD,
# analytical, truth, minibatch and validation elsewhere. Light = small value, dark = large.
PALETTE = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=["#A8A0B0", "#8A4FB0", "#2D004B"])
SYMBOLS = ("o", "s", "t", "d", "star", "t1", "p", "h")
LOG_FLOOR = 1e-30
_SPLIT = re.compile(r"[,，;；\s]+")


translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings


def parse_values(text: str, param: str) -> list[float]:
    """Comma-separated learning rates or batch sizes, sorted ascending. Raises ValueError."""
    tokens = [t for t in _SPLIT.split(text.strip()) if t]
    if not tokens:
        raise ValueError(translate("SweepPanel", "Enter one or more values separated by commas, "
                                    "e.g. {example}.").format(example=DEFAULT_TEXT[param]))
    if len(tokens) > MAX_VALUES:
        message = translate("SweepPanel", "At most {count} values at once.")
        raise ValueError(message.format(count=MAX_VALUES))
    values = [_check_value(parse_number(t), t, param) for t in tokens]
    for v in values:
        if values.count(v) > 1:
            raise ValueError(translate("SweepPanel", "{value} appears twice.").format(value=fmt(v)))
    return sorted(values)


def _check_value(value: float, token: str, param: str) -> float:
    if param == "lr":
        if value <= 0:
            message = translate("SweepPanel", "A learning rate must be positive; “{value}” is not.")
            raise ValueError(message.format(value=token))
        return value
    if value != int(value) or not 1 <= value <= MAX_BATCH:
        raise ValueError(translate("SweepPanel", "A batch size is a whole number from 1 to {most}; "
                                    "“{value}” is not.").format(most=MAX_BATCH, value=token))
    return int(value)


def sweep_colors(count: int) -> list[QColor]:
    """One colour per value from the grey-to-purple palette, in the values' order."""
    if count <= 1:
        return [PALETTE.map(0.6, mode="qcolor")]
    return [PALETTE.map(i / (count - 1), mode="qcolor") for i in range(count)]


def value_label(param: str, value: float) -> str:
    if param == "lr":
        return translate("SweepPanel", "η = {value}").format(value=fmt(value))
    return translate("SweepPanel", "batch = {value}").format(value=int(value))


def best_index(results: list[SweepResult]) -> int | None:
    """The run with the lowest validation loss (training loss without validation)."""
    scores = [(r.final_val_loss if r.final_val_loss is not None else r.final_train_loss)
              for r in results]
    ok = [i for i, (r, s) in enumerate(zip(results, scores, strict=True))
          if not r.diverged and s is not None and math.isfinite(s)]
    return min(ok, key=lambda i: scores[i]) if ok else None


def y_view(results: list[SweepResult], use_val: bool) -> tuple[float, float] | None:
    """log10 y range holding every run that did not diverge; diverged runs leave the top."""
    curves = [_curve(r, use_val) for r in results if not r.diverged] or \
             [_curve(r, use_val) for r in results]
    values = np.concatenate([c for c in curves if c.size]) if curves else np.empty(0)
    values = values[values > LOG_FLOOR]
    if values.size == 0:
        return None
    lo, hi = math.log10(values.min()), math.log10(values.max())
    pad = max(0.1, 0.08 * (hi - lo))
    return lo - pad, hi + pad


def _curve(r: SweepResult, use_val: bool) -> np.ndarray:
    return r.val_curve if use_val and r.val_curve is not None else r.train_curve


class _Job(QThread):
    """Runs work(should_cancel, progress) once; `done` carries its result, None if cancelled."""

    done = Signal(object)
    failed = Signal(str)
    progressed = Signal(float)

    def __init__(self, work: Callable, say: Callable[..., None]):
        super().__init__()  # owned by Python, so a finished job is freed with its last reference
        self._work = work
        self.say = say  # where the panel reports this job's status (GUI thread only)
        self._cancel = threading.Event()
        self._shown = -1.0

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._work(self._cancel.is_set, self._progress)
        except ValueError as exc:  # core's argument checks: tell the learner
            self.failed.emit(str(exc))
            return
        self.done.emit(None if self._cancel.is_set() else result)

    def _progress(self, fraction: float) -> None:
        if fraction - self._shown >= 0.01 or fraction >= 1.0:  # ≤ ~100 emits per job
            self._shown = fraction
            self.progressed.emit(fraction)


class SweepPanel(QWidget):
    """Tune η or the batch size on the validation set; see estimation error fall as 1/√n."""

    sweepFinished = Signal(list)
    estimationFinished = Signal(object)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sweepPanel")
        self.setAccessibleName(self.tr("Hyperparameters and generalisation"))
        self._session = session
        self._texts = dict(DEFAULT_TEXT)
        self._job: _Job | None = None
        self._done_job: _Job | None = None
        self._watched: QWidget | None = None
        self.results: list[SweepResult] = []
        self.error_curve: ErrorCurve | None = None
        self._make_sweep_controls()
        self._make_sweep_plot()
        self._make_table()
        self._make_estimation()
        self._lay_out()
        self._connect()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._on_dataset_changed()

    # ----- construction ---------------------------------------------------------------
    def _make_sweep_controls(self) -> None:
        self.param_combo = QComboBox()
        self.param_combo.addItem(self.tr("learning rate η"), "lr")
        self.param_combo.addItem(self.tr("batch size"), "batch_size")
        self.values_edit = QLineEdit(self._texts["lr"])
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, MAX_EPOCHS)
        self.epochs_spin.setValue(max(1, self._session.hyper.num_epochs or 3))
        self.run_button = QPushButton(self.tr("Run sweep"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self._values_help = self.tr(
            "The values to try, separated by commas; each is trained from the same start with "
            "the same seed, and the other hyperparameters as set now.")
        for widget, name, tip in (
            (self.param_combo, self.tr("Hyperparameter to sweep"),
             self.tr("Which hyperparameter to vary; all others stay as set in the toolbar.")),
            (self.values_edit, self.tr("Values to try"), self._values_help),
            (self.epochs_spin, self.tr("Epochs per run"),
             self.tr("How many passes over the training set each run makes.")),
            (self.run_button, self.tr("Run sweep"),
             self.tr("Train one model per value on the current training set and compare "
                     "their validation losses.")),
            (self.cancel_button, self.tr("Cancel"), self.tr("Stop the computation now.")),
            (self.progress, self.tr("Progress"), self.tr("How much of the job is done.")),
            (self.message, self.tr("Sweep result"),
             self.tr("What the sweep found, or what is wrong with the values.")),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)

    def _make_sweep_plot(self) -> None:
        self.sweep_plot = pg.PlotWidget(background="w")
        self.sweep_plot.setObjectName("sweepPlot")
        self.sweep_plot.setAccessibleName(self.tr("Loss per epoch of each swept value"))
        self.sweep_plot.setToolTip(self.tr(
            "One curve per value, all from the same start: the loss after each epoch."))
        item = self.sweep_plot.plotItem
        item.setLogMode(x=False, y=True)
        item.setMenuEnabled(False)
        _style_axes(item, self.tr("epoch"), self.tr("validation loss"))
        # beside the plot, not on it: curves of any shape fill any corner
        self.sweep_legend = pg.LegendItem(labelTextColor=colors.TEXT, verSpacing=-6)
        self.sweep_legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        item.layout.addItem(self.sweep_legend, 2, 3)
        item.layout.setAlignment(self.sweep_legend, Qt.AlignmentFlag.AlignTop)
        self.sweep_curves = [item.plot(symbol=SYMBOLS[i], symbolSize=7)
                             for i in range(MAX_VALUES)]
        item.setRange(xRange=(0, self.epochs_spin.value()), yRange=(-1, 1), padding=0.05)

    def _make_table(self) -> None:
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("sweepTable")
        self.table.setAccessibleName(self.tr("Final losses per value"))
        self.table.setToolTip(self.tr(
            "Training and validation loss at the end of each run; the lowest validation loss "
            "is bold: that is the value tuning would pick."))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._set_table_headers()
        em = self.fontMetrics().horizontalAdvance("validation")
        self.table.setMinimumWidth(round(3.4 * em))
        self.table.setMaximumWidth(round(4.5 * em))

    def _make_estimation(self) -> None:
        self.estimate_button = QPushButton(self.tr("Estimate error vs n"))
        self.estimate_button.setAccessibleName(self.tr("Estimate error against dataset size"))
        self.estimate_note = QLabel()
        self.estimate_note.setWordWrap(True)
        self.estimate_note.setAccessibleName(self.tr("Estimation error summary"))
        self.estimate_note.setToolTip(self.tr(
            "How fast the least-squares estimate approaches the true parameters."))
        self.estimate_plot = pg.PlotWidget(background="w")
        self.estimate_plot.setObjectName("estimationPlot")
        self.estimate_plot.setAccessibleName(self.tr("Estimation error against dataset size"))
        self.estimate_plot.setToolTip(self.tr(
            "Distance between the least-squares estimate and the true (w, b), on log-log axes."))
        item = self.estimate_plot.plotItem
        item.setLogMode(x=True, y=True)
        item.setMenuEnabled(False)
        _style_axes(item, self.tr("number of examples n"), self.tr("‖θ̂ − θ_true‖"))
        legend = item.addLegend(offset=(-8, 8), labelTextColor=colors.TEXT, verSpacing=-6)
        legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        faint = QColor(colors.ANALYTICAL)
        faint.setAlpha(70)
        self.estimate_scatter = item.plot(
            pen=None, symbol="o", symbolSize=4, symbolPen=None, symbolBrush=faint,
            name=self.tr("one dataset"))
        self.estimate_curve = item.plot(
            pen=pg.mkPen(colors.ANALYTICAL, width=2), symbol="o", symbolSize=7,
            symbolBrush=colors.ANALYTICAL, symbolPen=None,
            name=self.tr("mean of {count} datasets").format(count=REPEATS))
        self.reference_curve = item.plot(
            pen=pg.mkPen(colors.DATA, width=1.5, style=Qt.PenStyle.DashLine),
            name=self.tr("c / √n"))
        self.current_n_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(colors.RESIDUAL, width=1.5),
            label=self.tr("your n"), labelOpts={"position": 0.92, "color": colors.TEXT})
        item.addItem(self.current_n_line, ignoreBounds=True)
        item.setRange(xRange=(1, 5), yRange=(-3, 0), padding=0.05)  # log10: 10…10⁵ examples

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Sweep"), self.param_combo)
        form.addRow(self.tr("Values"), self.values_edit)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addLayout(buttons)
        controls.addWidget(self.progress)
        controls.addWidget(self.message, 1)
        self.message.setMinimumWidth(220)
        tuning = QGroupBox(self.tr("Tuning on the validation set"))
        row = QHBoxLayout(tuning)
        row.addLayout(controls, 0)
        row.addWidget(self.sweep_plot, 3)
        row.addWidget(self.table, 2)
        estimation = QGroupBox(self.tr("Estimation error vs number of examples"))
        column = QVBoxLayout(estimation)
        top = QHBoxLayout()
        top.addWidget(self.estimate_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.estimate_note, 1)
        column.addLayout(top)
        column.addWidget(self.estimate_plot, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(tuning, 5)
        layout.addWidget(estimation, 3)

    def _connect(self) -> None:
        self.param_combo.currentIndexChanged.connect(self._on_param_changed)
        self.values_edit.textEdited.connect(self._check_values)
        self.values_edit.returnPressed.connect(self.run_sweep)
        self.run_button.clicked.connect(self.run_sweep)
        self.cancel_button.clicked.connect(self.cancel)
        self.estimate_button.clicked.connect(self.run_estimation)
        self._session.datasetChanged.connect(self._on_dataset_changed)

    # ----- public requests --------------------------------------------------------------
    def param(self) -> str:
        return self.param_combo.currentData()

    def is_running(self) -> bool:
        return self._job is not None

    def run_sweep(self) -> bool:
        """Start the sweep on the current split and hyperparameters; False if not started."""
        values = self._check_values()
        if values is None or self.is_running():
            return False
        data = self._session.data
        if data.n_train == 0:
            self._say(self.tr("There are no training examples to train on."), error=True)
            return False
        train, val = data.train_set, data.val_set
        h = self._session.hyper
        w0, b0 = h.initial_parameters(train.n_features)
        base = dict(lr=h.lr, batch_size=h.batch_size, shuffle=h.shuffle, seed=h.seed, w0=w0,
                    b0=b0, loss=h.loss, huber_delta=h.huber_delta)
        param, epochs = self.param(), self.epochs_spin.value()
        X_val, y_val = (val.X, val.y) if val.n_examples else (None, None)

        def work(should_cancel, progress):
            return sweep(train.X, train.y, X_val, y_val, param=param, values=values,
                         num_epochs=epochs, base=base, should_cancel=should_cancel,
                         progress=progress)

        self._start(work, self._on_sweep_done, self._say,
                    self.tr("Training {count} models…").format(count=len(values)))
        return True

    def run_estimation(self) -> bool:
        """Fit fresh datasets of growing size from the true line; False if not started."""
        data = self._session.data
        spec = data.spec
        if not data.has_truth or spec is None or self.is_running():
            return False
        w, b = np.array(data.true_w), float(data.true_b)

        def work(should_cancel, _progress):
            return estimation_error_curve(w, b, noise_std=spec.noise_std, noise=spec.noise,
                                          seed=spec.seed, repeats=REPEATS,
                                          x_range=spec.x_range, should_cancel=should_cancel)

        self._start(work, self._on_estimation_done, self._note,
                    self.tr("Fitting fresh datasets…"))
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job.say(self.tr("Cancelling…"))

    def shutdown(self) -> None:
        """Stop and join the worker; call before the panel goes away (close does it)."""
        job, self._job = self._job, None
        if job is not None:
            job.cancel()
            job.wait()
            self._done_job = job
        self._set_running(False)

    # ----- running jobs -------------------------------------------------------------------
    def _start(self, work: Callable, on_done: Callable, say: Callable, text: str) -> None:
        # Only bound methods of this panel as slots: Qt then queues the worker's signals to
        # the GUI thread. A lambda has no receiver and would run in the worker thread.
        job = _Job(work, say)
        job.done.connect(on_done)
        job.failed.connect(self._on_job_failed)
        job.progressed.connect(self._on_progress)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self.progress.setValue(0)
        self._set_running(True)
        say(text)
        job.start()

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(100 * fraction))

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        if self._job is not None:
            self._job.say(message, error=True)

    @Slot()
    def _on_job_finished(self) -> None:
        job = self._job
        if job is not None and job.isFinished():  # not already joined by shutdown
            self._job, self._done_job = None, job  # freed when the next job replaces it
            self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.param_combo.setEnabled(not running)
        self._update_estimate_button(running)

    @Slot(object)
    def _on_sweep_done(self, results: list[SweepResult] | None) -> None:
        if results is None:
            self._say(self.tr("Sweep cancelled."))
            self.cancelled.emit()
            return
        self.results = results
        self.progress.setValue(100)
        self._show_results(results)
        self.sweepFinished.emit(results)

    @Slot(object)
    def _on_estimation_done(self, curve: ErrorCurve | None) -> None:
        if curve is None:
            self._note(self.tr("Cancelled."))
            self.cancelled.emit()
            return
        self.error_curve = curve
        self.progress.setValue(100)
        self._show_error_curve(curve)
        self.estimationFinished.emit(curve)

    # ----- values field -----------------------------------------------------------------
    def _on_param_changed(self) -> None:
        """Each hyperparameter keeps its own list of values."""
        old = "batch_size" if self.param() == "lr" else "lr"
        self._texts[old] = self.values_edit.text()
        self.values_edit.setText(self._texts[self.param()])
        self._check_values()

    def _check_values(self) -> list[float] | None:
        try:
            values = parse_values(self.values_edit.text(), self.param())
        except ValueError as exc:
            show_problem(self.values_edit, str(exc), self._values_help)
            self._say(str(exc), error=True)
            return None
        show_problem(self.values_edit, None, self._values_help)
        if self.message.property("error"):
            self._say("")
        return values

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.setStyleSheet(f"color: {ERROR_TEXT_COLOR};" if error else "")
        self.message.setText(text)

    def _note(self, text: str, *, error: bool = False) -> None:
        self.estimate_note.setStyleSheet(f"color: {ERROR_TEXT_COLOR};" if error else "")
        self.estimate_note.setText(text)

    # ----- drawing the sweep --------------------------------------------------------------
    def _show_results(self, results: list[SweepResult]) -> None:
        use_val = results[0].val_curve is not None
        self.sweep_plot.plotItem.setLabel(
            "left", self.tr("validation loss") if use_val else self.tr("training loss"),
            color=colors.TEXT)
        self.sweep_legend.clear()
        palette = sweep_colors(len(results))
        for i, curve in enumerate(self.sweep_curves):
            if i >= len(results):
                curve.setData([], [])
                continue
            r, color = results[i], palette[i]
            style = Qt.PenStyle.DashLine if r.diverged else Qt.PenStyle.SolidLine
            curve.setPen(pg.mkPen(color, width=2, style=style))
            curve.setSymbolBrush(color)
            curve.setSymbolPen(None)
            y = _curve(r, use_val)
            curve.setData(r.epochs.astype(float), np.maximum(y, LOG_FLOOR))
            self.sweep_legend.addItem(curve, self._legend_text(r))
        self._range_sweep_plot(results, use_val)
        self._fill_table(results, palette)
        self._say(self._summary(results, use_val))

    def _legend_text(self, r: SweepResult) -> str:
        label = value_label(r.param, r.value)
        return self.tr("{label} (diverged)").format(label=label) if r.diverged else label

    def _range_sweep_plot(self, results: list[SweepResult], use_val: bool) -> None:
        epochs = max(int(r.epochs.max()) for r in results)
        axis = self.sweep_plot.plotItem.getAxis("bottom")
        if epochs <= 10:
            axis.setTickSpacing(major=1, minor=1)  # whole epochs only
        else:
            axis.setTickSpacing()  # automatic
        y = y_view(results, use_val)
        margin = 0.1 * max(1, epochs)  # room for the first and last tick labels
        self.sweep_plot.plotItem.setRange(xRange=(-margin, max(1, epochs) + margin),
                                          yRange=y, padding=0.04)

    def _set_table_headers(self, param: str = "lr") -> None:
        first = self.tr("learning\nrate η") if param == "lr" else self.tr("batch\nsize")
        self.table.setHorizontalHeaderLabels(
            [first, self.tr("training\nloss"), self.tr("validation\nloss")])

    def _fill_table(self, results: list[SweepResult], palette: list[QColor]) -> None:
        self._set_table_headers(results[0].param)
        self.table.setRowCount(len(results))
        best = best_index(results)
        for row, (r, color) in enumerate(zip(results, palette, strict=True)):
            value = fmt(r.value) if r.param == "lr" else str(int(r.value))
            cells = [value] + ([self.tr("diverged")] * 2 if r.diverged
                               else [fmt(r.final_train_loss), fmt(r.final_val_loss)])
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 0:
                    item.setData(Qt.ItemDataRole.DecorationRole, color)
                if row == best:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)

    def _summary(self, results: list[SweepResult], use_val: bool) -> str:
        best = best_index(results)
        diverged = sum(r.diverged for r in results)
        parts = []
        if best is not None:
            label = value_label(results[best].param, results[best].value)
            parts.append(self.tr("Lowest validation loss: {label}.").format(label=label)
                         if use_val else
                         self.tr("Lowest training loss: {label}. Without a validation set "
                                 "this says nothing about new data.").format(label=label))
        if diverged and results[0].param == "lr":
            parts.append(self.tr("{count} run(s) diverged: η above about {limit} overshoots.")
                         .format(count=diverged, limit=fmt(self._session.stability_limit(), 2)))
        elif diverged:
            parts.append(self.tr("{count} run(s) diverged: smaller batches take noisier "
                                 "steps; try a smaller η.").format(count=diverged))
        if results[0].param == "batch_size" and len(results) > 1:
            small, large = results[0], results[-1]
            per = [r.steps // max(1, int(r.epochs.max())) for r in (small, large)]
            if not (small.diverged or large.diverged):
                parts.append(self.tr("Per epoch, batch {small} makes {a} updates and batch "
                                     "{large} only {b}.").format(
                    small=int(small.value), a=per[0], large=int(large.value), b=per[1]))
        return " ".join(parts)

    # ----- drawing the estimation error ---------------------------------------------------
    def _show_error_curve(self, curve: ErrorCurve) -> None:
        n = np.broadcast_to(curve.sizes, curve.errors.shape).ravel().astype(float)
        self.estimate_scatter.setData(n, np.maximum(curve.errors.ravel(), LOG_FLOOR))
        sizes = curve.sizes.astype(float)
        self.estimate_curve.setData(sizes, np.maximum(curve.mean, LOG_FLOOR))
        self.reference_curve.setData(sizes, reference_line(sizes, curve.mean))
        self.estimate_plot.plotItem.autoRange()
        self._update_estimate_note()

    def _update_estimate_note(self) -> None:
        data = self._session.data
        if not data.has_truth or data.spec is None:
            self._note(self.tr(
                "Needs generated data: loaded or hand-made data have no true parameters to "
                "compare with. Generate data to try it."))
        elif self.error_curve is None:
            self._note(self.tr(
                "Fit least squares to fresh datasets of 10 to 100,000 examples from the same "
                "true line and noise, and measure how far the estimate lands from the truth."))
        elif data.spec.noise_std == 0:
            self._note(self.tr(
                "Without noise, least squares recovers the truth exactly (up to rounding)."))
        else:
            self._note(self.tr(
                "Measured slope {slope} on log-log axes; 1/√n predicts −0.5: 100 times more "
                "data, 10 times smaller error.").format(slope=fmt(self.error_curve.slope, 2)))

    def _update_estimate_button(self, running: bool | None = None) -> None:
        running = self.is_running() if running is None else running
        data = self._session.data
        self.estimate_button.setEnabled(data.has_truth and data.spec is not None
                                        and not running)
        self.estimate_button.setToolTip(
            self.tr("Refit least squares on fresh data of growing size from the true line.")
            if data.has_truth else
            self.tr("Only for generated data: loaded data have no known true parameters."))

    def _on_dataset_changed(self) -> None:
        data = self._session.data
        if data.n_train:
            self.current_n_line.setValue(math.log10(data.n_train))
        self.current_n_line.setVisible(data.n_train > 0)
        if self.results:
            self._say(self.tr("The data changed since this sweep: run it again to compare "
                              "on the new data."))
        self._update_estimate_button()
        self._update_estimate_note()

    # ----- lifetime -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Watch the top-level window so closing it joins the worker (children get no close)."""
        window = self.window()
        if window is not self and window is not self._watched:
            window.installEventFilter(self)
            self._watched = window
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Close:
            self.shutdown()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def _style_axes(item: pg.PlotItem, bottom: str, left: str) -> None:
    for name in ("left", "bottom"):
        item.getAxis(name).setPen(pg.mkPen(colors.TEXT))
        item.getAxis(name).setTextPen(pg.mkPen(colors.TEXT))
    item.setLabel("bottom", bottom, color=colors.TEXT)
    item.setLabel("left", left, color=colors.TEXT)
