"""The Vectorisation tab (d2l 3.1.2): a Python for-loop against one vectorised NumPy call.

Two timings, each shown as two horizontal bars on a log scale (so "orders of magnitude" is a
visible distance) with both times and the speed-up: adding two n-vectors element by element
vs ``a + b``, and one SGD epoch on the session's training data, per example in Python vs
SGDTrainer's vectorised minibatch step. The timers run in a TimingRunner thread, so the
window stays responsive and Cancel works; only one timing runs at a time.
"""

from __future__ import annotations

import math
import time
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linreg_lab import core
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.tabs.timing_worker import Job, TimingRunner
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.fields import describe

DEFAULT_N = 10_000
MAX_N = 10_000_000
# Neutral Okabe-Ito tones: no other plot gives these a meaning.
LOOP_COLOR = "#999999"        # the Python for-loop, grey
VECTORISED_COLOR = "#F0E442"  # the vectorised call, yellow
CONTROL_WIDTH = 180  # pixels of the left column: the bars get the rest
SGD_REPEATS = 20   # best of several epochs: one tiny epoch is noisy
SGD_BUDGET = 0.5   # seconds; no further repeats once the epochs took this long
_UNITS = ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns"))


def format_duration(seconds: float | None) -> str:
    """A duration with 3 significant digits in s, ms, µs or ns: '1.55 ms', '2.73 µs'."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "—"
    rounded = float(f"{seconds:.3g}")  # round first, so 999.7 µs becomes 1 ms, not 1e3 µs
    for scale, unit in _UNITS:
        if rounded >= scale:
            return f"{fmt(rounded / scale, 3)} {unit}"
    return f"{fmt(rounded / 1e-9, 3)} ns"


def format_speedup(ratio: float) -> str:
    """A speed-up factor for people: 3 significant digits, whole numbers from 1000 on."""
    return f"{round(ratio):,}" if ratio >= 1000 else fmt(ratio, 3)


def decade_range(times: tuple[float, float]) -> tuple[int, int]:
    """Whole powers of ten just around both times: the log axis from 10^lo to 10^hi s."""
    logs = [math.log10(max(t, 1e-12)) for t in times]
    lo, hi = math.floor(min(logs)), math.ceil(max(logs))
    return lo, max(hi, lo + 1)


class _TimingBars:
    """Two horizontal bars (loop above, vectorised below) on a log-seconds axis, with times.

    Not a widget of its own: it owns one PlotWidget and its items, made once.
    """

    def __init__(self, loop_label: str, vector_label: str, accessible_name: str):
        self.plot = pg.PlotWidget(background="w")
        self.plot.setAccessibleName(accessible_name)
        self.plot.setMinimumHeight(84)
        self.plot.setMaximumHeight(110)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        item.getAxis("left").setTicks([[(1, loop_label), (0, vector_label)]])
        self.labels = (loop_label, vector_label)
        item.getAxis("bottom").setLabel(QCoreApplication.translate(
            "VectorizationPanel", "time (log scale)"))
        item.showGrid(x=True, y=False, alpha=0.3)
        self.bars = pg.BarGraphItem(x0=[0, 0], y=[1, 0], height=0.6, width=[0, 0],
                                    brushes=[LOOP_COLOR, VECTORISED_COLOR],
                                    pens=[pg.mkPen(colors.TEXT, width=1)] * 2)
        self.plot.addItem(self.bars)
        self.texts = [pg.TextItem(color=colors.TEXT, anchor=(0, 0.5)) for _ in range(2)]
        for text, y in zip(self.texts, (1, 0), strict=True):
            text.setPos(0, y)
            self.plot.addItem(text)
        self.plot.setYRange(-0.5, 1.5, padding=0)
        self.clear()

    def set_label_width(self, pixels: int) -> None:
        """Room for the bar names; the same in both charts, so their bars line up."""
        self.plot.getPlotItem().getAxis("left").setWidth(pixels)

    def clear(self) -> None:
        """No result yet: empty bars on a 1 µs – 1 s axis."""
        self._set_axis(-6, 0)
        self.bars.setOpts(x0=[-6, -6], width=[0, 0])
        for text in self.texts:
            text.setText("")

    def show(self, loop_seconds: float, vector_seconds: float) -> None:
        lo, hi = decade_range((loop_seconds, vector_seconds))
        self._set_axis(lo, hi)
        ends = [math.log10(max(t, 1e-12)) for t in (loop_seconds, vector_seconds)]
        self.bars.setOpts(x0=[lo, lo], width=[e - lo for e in ends])
        for text, end, t in zip(self.texts, ends, (loop_seconds, vector_seconds), strict=True):
            text.setText(format_duration(t))
            text.setPos(end, text.pos().y())

    def _set_axis(self, lo: int, hi: int) -> None:
        """A labelled tick every decade, or every other one when there are many."""
        every = 1 if hi - lo <= 4 else 2
        major = [(k, format_duration(10.0**k)) for k in range(hi, lo - 1, -every)]
        minor = [(k, "") for k in range(lo, hi + 1) if (hi - k) % every]
        self.plot.getPlotItem().getAxis("bottom").setTicks([major, minor])
        span = hi - lo  # a little room left of the bars for the first tick's label,
        self.plot.setXRange(lo - 0.08 * span, hi + 0.45 * span, padding=0)  # right for times


class VectorizationPanel(QWidget):
    """Time a Python loop against vectorised NumPy, off the GUI thread and cancellable."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vectorizationPanel")
        self.session = session
        self.runner = TimingRunner(self)
        self._active: str | None = None  # "add" or "sgd" while a timing runs
        self._sgd_timed_on = ""
        self._make_widgets()
        self._lay_out()
        self._describe()
        self._connect()
        self._show_data_info()

    # ----- construction ---------------------------------------------------------------
    def _make_widgets(self) -> None:
        self.caption = QLabel(self.tr(
            "d2l 3.1.2: “Vectorised code is usually orders of magnitude faster.” Training "
            "works on a whole minibatch at once, so we hand the arithmetic to a linear-algebra "
            "library instead of writing costly for-loops in Python. Time both and see."))
        self.caption.setWordWrap(True)
        self.add_title = QLabel(self.tr("Add two vectors of length n"))
        self.n_spin = QSpinBox()
        self.n_spin.setRange(1, MAX_N)
        self.n_spin.setValue(DEFAULT_N)
        self.n_spin.setSingleStep(10_000)
        self.n_spin.setGroupSeparatorShown(True)
        self.n_spin.setPrefix("n = ")
        self.add_button = QPushButton(self.tr("Time it"))
        self.add_bars = _TimingBars(self.tr("for-loop c[i] = a[i] + b[i]"),
                                    self.tr("vectorised c = a + b"),
                                    self.tr("Vector addition timings"))
        self.add_result, self.add_note = self._result_label(), self._note_label()
        self.sgd_title = QLabel(self.tr("One SGD epoch on the current data"))
        self.sgd_info = QLabel()
        self.sgd_button = QPushButton(self.tr("Time it"))
        self.sgd_bars = _TimingBars(self.tr("per-example Python loop"),
                                    self.tr("vectorised minibatch step"),
                                    self.tr("SGD epoch timings"))
        self.sgd_result, self.sgd_note = self._result_label(), self._note_label()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.status = QLabel(self.tr("Press “Time it”."))
        self.status.setWordWrap(True)

    @staticmethod
    def _result_label() -> QLabel:
        label = QLabel("—")
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        label.setFont(font)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        return label

    @staticmethod
    def _note_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setFixedWidth(CONTROL_WIDTH)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return label

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        metrics = QFontMetrics(self.font())
        width = 16 + max(metrics.horizontalAdvance(name)
                         for bars in (self.add_bars, self.sgd_bars) for name in bars.labels)
        for bars in (self.add_bars, self.sgd_bars):
            bars.set_label_width(width)
        add_box = QVBoxLayout()
        for w in (self.add_title, self.n_spin, self.add_button):
            add_box.addWidget(w)
        sgd_box = QVBoxLayout()
        for w in (self.sgd_title, self.sgd_info, self.sgd_button):
            sgd_box.addWidget(w)
        for w in (self.add_title, self.n_spin, self.add_button, self.sgd_title, self.sgd_info,
                  self.sgd_button):
            w.setMaximumWidth(CONTROL_WIDTH)
        for w in (self.add_title, self.sgd_title, self.sgd_info):
            w.setWordWrap(True)
        for row, (box, bars, result, note) in enumerate((
                (add_box, self.add_bars, self.add_result, self.add_note),
                (sgd_box, self.sgd_bars, self.sgd_result, self.sgd_note))):
            box.addStretch(1)
            grid.addLayout(box, row, 0)
            grid.addWidget(bars.plot, row, 1)
            result_box = QVBoxLayout()
            result_box.addWidget(result, 1)
            result_box.addWidget(note, 1)
            grid.addLayout(result_box, row, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.status, 2)
        outer = QVBoxLayout(self)
        outer.addWidget(self.caption)
        outer.addLayout(grid, 1)
        outer.addLayout(bottom)

    def _help(self) -> dict[QWidget, tuple[str, str]]:
        """Accessible name and one-sentence tooltip of every control."""
        return {
            self.n_spin: (self.tr("Vector length n"), self.tr(
                "How many numbers each vector holds (up to 10,000,000); the loop takes "
                "about a quarter of a microsecond per number.")),
            self.add_button: (self.tr("Time vector addition"), self.tr(
                "Add two vectors of length n with a Python for-loop and with one NumPy "
                "addition, and compare the times.")),
            self.sgd_button: (self.tr("Time one SGD epoch"), self.tr(
                "Run one epoch of minibatch SGD on the training data twice: one example at a "
                "time in Python, and one vectorised step per minibatch.")),
            self.progress: (self.tr("Timing progress"), self.tr(
                "How far the running timing has got.")),
            self.cancel_button: (self.tr("Cancel timing"), self.tr(
                "Stop the running timing; the window stays usable meanwhile.")),
        }

    def _describe(self) -> None:
        self.setAccessibleName(self.tr("Vectorisation for speed"))
        describe(self._help())

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.time_vector_addition)
        self.sgd_button.clicked.connect(self.time_sgd_epoch)
        self.cancel_button.clicked.connect(self.cancel)
        self.runner.runningChanged.connect(self._on_running_changed)
        self.runner.progressed.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.failed.connect(self._on_failed)
        self.session.datasetChanged.connect(self._show_data_info)
        self.session.hyperparametersChanged.connect(self._show_data_info)
        self.destroyed.connect(self.runner.shutdown)

    # ----- requests -------------------------------------------------------------------
    def time_vector_addition(self) -> bool:
        """Start timing the vector addition for the chosen n; False if a timing runs."""
        n = self.n_spin.value()
        job: Job = partial(_add_job, n)
        return self._start("add", job, self.tr("Adding {n} numbers in a Python loop…")
                           .format(n=f"{n:,}"))

    def time_sgd_epoch(self) -> bool:
        """Start timing one SGD epoch on the session's training data and hyperparameters."""
        train, h = self.session.data.train_set, self.session.hyper
        if train.n_examples == 0:
            return False
        job: Job = partial(_sgd_job, np.array(train.X, dtype=float),
                           np.array(train.y, dtype=float), h.batch_size, h.lr, h.seed)
        text = self._data_text()
        started = self._start("sgd", job, self.tr("Timing SGD epochs both ways (best of "
                                                  "several)…"))
        if started:
            self._sgd_timed_on = text
        return started

    def cancel(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def shutdown(self) -> None:
        """Cancel a running timing and wait for its thread: call before the window closes."""
        was_running = self.runner.is_running()
        self.runner.shutdown()
        if was_running:
            self._on_cancelled()

    def closeEvent(self, ev: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(ev)

    def _start(self, which: str, job: Job, status: str) -> bool:
        if self.runner.is_running():
            return False
        self._active = which  # set first: runningChanged(True) comes from start()
        self.runner.start(job)
        (self.sgd_bars if which == "sgd" else self.add_bars).clear()
        self._result_label_of(which).setText("…")
        self._note_label_of(which).setText("")
        self.status.setText(status)
        return True

    # ----- results --------------------------------------------------------------------
    def _on_running_changed(self, running: bool) -> None:
        self.add_button.setEnabled(not running)
        self._update_sgd_button(running)
        self.cancel_button.setEnabled(running)
        if running:
            self.progress.setValue(0)

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(100 * fraction))

    def _on_finished(self, result: object) -> None:
        loop_seconds, vector_seconds = result  # type: ignore[misc]
        which, self._active = self._active, None
        self.progress.setValue(100)
        bars = self.add_bars if which == "add" else self.sgd_bars
        bars.show(loop_seconds, vector_seconds)
        self._result_label_of(which).setText(self._speedup_text(loop_seconds, vector_seconds))
        slower = loop_seconds < vector_seconds
        self._note_label_of(which).setText(self.tr(
            "Too little work per call for NumPy to pay off: try more data or a larger "
            "batch.") if slower else "")
        status = self.tr("Loop {loop} · vectorised {vector}").format(
            loop=format_duration(loop_seconds), vector=format_duration(vector_seconds))
        if which == "sgd":
            status += " · " + self.tr("timed on {data}").format(data=self._sgd_timed_on)
        self.status.setText(status)

    def _on_cancelled(self) -> None:
        which, self._active = self._active, None
        self.progress.setValue(0)
        if which is not None:
            self._result_label_of(which).setText(self.tr("cancelled"))
        self.status.setText(self.tr("Timing cancelled."))

    def _on_failed(self, message: str) -> None:
        which, self._active = self._active, None
        if which is not None:
            self._result_label_of(which).setText("—")
        self.status.setText(self.tr("The timing failed: {message}").format(message=message))

    def _speedup_text(self, loop_seconds: float, vector_seconds: float) -> str:
        if vector_seconds > 0 and loop_seconds >= vector_seconds:
            return self.tr("× {ratio} faster").format(
                ratio=format_speedup(loop_seconds / vector_seconds))
        if loop_seconds > 0:
            return self.tr("× {ratio} slower").format(
                ratio=format_speedup(vector_seconds / loop_seconds))
        return "—"

    def _result_label_of(self, which: str | None) -> QLabel:
        return self.sgd_result if which == "sgd" else self.add_result

    def _note_label_of(self, which: str | None) -> QLabel:
        return self.sgd_note if which == "sgd" else self.add_note

    # ----- the SGD row follows the session --------------------------------------------
    def _data_text(self) -> str:
        data, h = self.session.data, self.session.hyper
        return self.tr("{n} training examples, d = {d}, batch {batch}, η {lr}").format(
            n=data.n_train, d=data.dataset.n_features, batch=h.batch_size, lr=fmt(h.lr))

    def _show_data_info(self) -> None:
        self.sgd_info.setText(self._data_text())
        self._update_sgd_button(self.runner.is_running())

    def _update_sgd_button(self, running: bool) -> None:
        has_data = self.session.data.n_train > 0
        self.sgd_button.setEnabled(has_data and not running)
        if not has_data:
            self.sgd_info.setText(self.tr("No training data: add or generate some."))


def _add_job(n: int, progress, should_cancel) -> tuple[float, float] | None:
    """Worker-thread body of the vector-addition timing."""
    return core.time_vector_addition(n, progress=progress, should_cancel=should_cancel)


def _sgd_job(X: np.ndarray, y: np.ndarray, batch_size: int, lr: float, seed: int,
             progress, should_cancel) -> tuple[float, float] | None:
    """Worker-thread body of the SGD-epoch timing: best of a few epochs within a budget.

    The core timer cannot stop midway, so cancel and progress act between epochs.
    """
    best: tuple[float, float] | None = None
    started = time.perf_counter()
    for k in range(SGD_REPEATS):
        if should_cancel():
            return None
        loop_s, vector_s = core.time_sgd_epoch(X, y, batch_size, lr, seed=seed)
        best = (loop_s, vector_s) if best is None else (min(best[0], loop_s),
                                                        min(best[1], vector_s))
        elapsed = time.perf_counter() - started
        progress(min(1.0, max((k + 1) / SGD_REPEATS, elapsed / SGD_BUDGET)))
        if elapsed > SGD_BUDGET:
            break
    return None if should_cancel() else best
