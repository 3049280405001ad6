"""The Vectorisation tab (d2l 3.1.2): a Python for-loop against one vectorised NumPy call.

Two timings, each shown as two horizontal bars on a log scale (so "orders of magnitude" is a
visible distance) with both times and the speed-up: adding two n-vectors element by element
vs ``a + b``, and one SGD epoch on the session's training data, per example in Python vs
SGDTrainer's vectorised minibatch step. The timers run on a worker thread (widgets.background),
so the window stays responsive and Cancel works; only one timing runs at a time. The results
are kept as numbers, so a language switch writes them again in the new language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from PySide6.QtCore import Qt, Signal
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

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.vectorization.timing import (
    add_job,
    format_duration,
    format_speedup,
    sgd_job,
)
from linreg_lab.gui.tabs.vectorization.timing_bars import TimingBars
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.background import Job, JobRunner
from linreg_lab.gui.widgets.fields import describe
from linreg_lab.gui.widgets.retranslating import Retranslating

DEFAULT_N = 10_000
MAX_N = 10_000_000
CONTROL_WIDTH = 250  # pixels of the left column: the bars get the rest
ROWS = ("add", "sgd")


class VectorizationPanel(Retranslating, QWidget):
    """Time a Python loop against vectorised NumPy, off the GUI thread and cancellable."""

    timed = Signal(str)  # "add" or "sgd": that timing finished and its result is shown

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vectorizationPanel")
        self.session = session
        self.runner = JobRunner(self)
        self._active: str | None = None  # "add" or "sgd" while a timing runs
        self._outcome = dict.fromkeys(ROWS, "")  # "", "running", "cancelled", "failed", "done"
        self._sgd_timed_on: tuple[int, int, int, float] | None = None
        self._status: Callable[[], str] = lambda: self.tr("Press “Time it”.")
        self._make_widgets()
        self._lay_out()
        self._connect()
        self.retranslate()

    # ----- construction ---------------------------------------------------------------
    def _make_widgets(self) -> None:
        self.caption, self.add_title, self.sgd_title, self.sgd_info = (
            self._wrapping_label() for _ in range(4))
        self.n_spin = QSpinBox()
        self.n_spin.setRange(1, MAX_N)
        self.n_spin.setValue(DEFAULT_N)
        self.n_spin.setSingleStep(10_000)
        self.n_spin.setGroupSeparatorShown(True)
        self.n_spin.setPrefix("n = ")
        self.add_button, self.sgd_button, self.cancel_button = (QPushButton() for _ in range(3))
        self.cancel_button.setEnabled(False)
        self.add_bars, self.sgd_bars = TimingBars(self), TimingBars(self)
        self.add_result, self.add_note = self._result_label(), self._note_label()
        self.sgd_result, self.sgd_note = self._result_label(), self._note_label()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = self._wrapping_label()

    @staticmethod
    def _wrapping_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        return label

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
        rows = ((self.add_title, self.n_spin, self.add_button),
                (self.sgd_title, self.sgd_info, self.sgd_button))
        for row, (controls, bars, result, note) in enumerate(zip(
                rows, (self.add_bars, self.sgd_bars), (self.add_result, self.sgd_result),
                (self.add_note, self.sgd_note), strict=True)):
            box = self._controls_box(*controls)
            grid.addLayout(box, row, 0)
            grid.addWidget(bars, row, 1)
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

    @staticmethod
    def _controls_box(title: QLabel, detail: QWidget, button: QPushButton) -> QVBoxLayout:
        """The title, then its detail (n, or the data timed) beside the button: three
        stacked lines did not fit the tab's height and were clipped."""
        box = QVBoxLayout()
        title.setMaximumWidth(CONTROL_WIDTH + 80)
        box.addWidget(title)
        line = QHBoxLayout()
        line.addWidget(detail, 1)
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(line)
        box.addStretch(1)
        return box

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

    # ----- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.caption.setText(self.tr(
            "d2l 3.1.2: “Vectorised code is usually orders of magnitude faster.” Training "
            "works on a whole minibatch at once, so we hand the arithmetic to a linear-algebra "
            "library instead of writing costly for-loops in Python. Time both and see."))
        self.add_title.setText(self.tr("Add two vectors of length n"))
        self.sgd_title.setText(self.tr("One SGD epoch on the current data"))
        for button in (self.add_button, self.sgd_button):
            button.setText(self.tr("Time it"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.add_bars.set_names(self.tr("for-loop c[i] = a[i] + b[i]"),
                                self.tr("vectorised c = a + b"), self.tr("Vector addition timings"))
        self.sgd_bars.set_names(self.tr("per-example Python loop"),
                                self.tr("vectorised minibatch step"), self.tr("SGD epoch timings"))
        self._align_bar_names()
        self.setAccessibleName(self.tr("Vectorisation for speed"))
        describe(self._help())
        self._show_data_info()
        for which in ROWS:
            self._show_result(which)
        self.status.setText(self._status())

    def _align_bar_names(self) -> None:
        metrics = QFontMetrics(self.font())
        width = 16 + max(metrics.horizontalAdvance(name)
                         for bars in (self.add_bars, self.sgd_bars) for name in bars.names)
        for bars in (self.add_bars, self.sgd_bars):
            bars.set_label_width(width)

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

    def _say(self, make_text: Callable[[], str]) -> None:
        """Show a status; kept as a function, so a language switch says it again."""
        self._status = make_text
        self.status.setText(make_text())

    # ----- requests -------------------------------------------------------------------
    def time_vector_addition(self) -> bool:
        """Start timing the vector addition for the chosen n; False if a timing runs."""
        n = self.n_spin.value()
        return self._start("add", partial(add_job, n), lambda: self.tr(
            "Adding {n} numbers in a Python loop…").format(n=f"{n:,}"))

    def time_sgd_epoch(self) -> bool:
        """Start timing one SGD epoch on the session's training data and hyperparameters."""
        train, h = self.session.data.train_set, self.session.hyper
        if train.n_examples == 0:
            return False
        job = partial(sgd_job, np.array(train.X, dtype=float), np.array(train.y, dtype=float),
                      h.batch_size, h.lr, h.seed)
        timed_on = self._data_numbers()
        started = self._start("sgd", job, lambda: self.tr(
            "Timing SGD epochs both ways (best of several)…"))
        if started:
            self._sgd_timed_on = timed_on
        return started

    def cancel(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self._say(lambda: self.tr("Cancelling…"))

    def shutdown(self) -> None:
        """Cancel a running timing and wait for its thread: call before the window closes."""
        was_running = self.runner.is_running()
        self.runner.shutdown()
        if was_running:
            self._on_cancelled()

    def closeEvent(self, ev: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(ev)

    def _start(self, which: str, job: Job, status: Callable[[], str]) -> bool:
        if self.runner.is_running():
            return False
        self._active = which  # set first: runningChanged(True) comes from start()
        self.runner.start(job)
        self._bars_of(which).clear_times()
        self._outcome[which] = "running"
        self._show_result(which)
        self._say(status)
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
        self._bars_of(which).show_times(loop_seconds, vector_seconds)
        self._outcome[which] = "done"
        self._show_result(which)
        self._say(lambda: self._timings_text(which))
        self.timed.emit(which)

    def _on_cancelled(self) -> None:
        which, self._active = self._active, None
        self.progress.setValue(0)
        if which is not None:
            self._outcome[which] = "cancelled"
            self._show_result(which)
        self._say(lambda: self.tr("Timing cancelled."))

    def _on_failed(self, message: str) -> None:
        which, self._active = self._active, None
        if which is not None:
            self._outcome[which] = "failed"
            self._show_result(which)
        self._say(lambda: self.tr("The timing failed: {message}").format(message=message))

    def _show_result(self, which: str) -> None:
        """The speed-up (or what happened instead) and a note, from the kept numbers."""
        outcome, seconds = self._outcome[which], self._bars_of(which).seconds
        note = ""
        if outcome == "running":
            text = "…"
        elif outcome == "cancelled":
            text = self.tr("cancelled")
        elif outcome == "done" and seconds is not None:
            text = self._speedup_text(*seconds)
            if seconds[0] < seconds[1]:
                note = self.tr("Too little work per call for NumPy to pay off: try more data "
                               "or a larger batch.")
        else:
            text = "—"
        self._result_label_of(which).setText(text)
        self._note_label_of(which).setText(note)

    def _timings_text(self, which: str) -> str:
        loop_seconds, vector_seconds = self._bars_of(which).seconds or (None, None)
        status = self.tr("Loop {loop} · vectorised {vector}").format(
            loop=format_duration(loop_seconds), vector=format_duration(vector_seconds))
        if which == "sgd" and self._sgd_timed_on is not None:
            status += " · " + self.tr("timed on {data}").format(
                data=self._data_text(*self._sgd_timed_on))
        return status

    def _speedup_text(self, loop_seconds: float, vector_seconds: float) -> str:
        if vector_seconds > 0 and loop_seconds >= vector_seconds:
            return self.tr("× {ratio} faster").format(
                ratio=format_speedup(loop_seconds / vector_seconds))
        if loop_seconds > 0:
            return self.tr("× {ratio} slower").format(
                ratio=format_speedup(vector_seconds / loop_seconds))
        return "—"

    def _bars_of(self, which: str | None) -> TimingBars:
        return self.sgd_bars if which == "sgd" else self.add_bars

    def _result_label_of(self, which: str | None) -> QLabel:
        return self.sgd_result if which == "sgd" else self.add_result

    def _note_label_of(self, which: str | None) -> QLabel:
        return self.sgd_note if which == "sgd" else self.add_note

    # ----- the SGD row follows the session --------------------------------------------
    def _data_numbers(self) -> tuple[int, int, int, float]:
        data, h = self.session.data, self.session.hyper
        return data.n_train, data.dataset.n_features, h.batch_size, h.lr

    def _data_text(self, n: int, d: int, batch: int, lr: float) -> str:
        return self.tr("{n} training examples, d = {d}, batch {batch}, η {lr}").format(
            n=n, d=d, batch=batch, lr=fmt(lr))

    def _show_data_info(self) -> None:
        self.sgd_info.setText(self._data_text(*self._data_numbers()))
        self._update_sgd_button(self.runner.is_running())

    def _update_sgd_button(self, running: bool) -> None:
        has_data = self.session.data.n_train > 0
        self.sgd_button.setEnabled(has_data and not running)
        if not has_data:
            self.sgd_info.setText(self.tr("No training data: add or generate some."))
