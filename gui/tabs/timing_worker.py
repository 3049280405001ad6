"""Run one slow, cancellable job off the GUI thread and report back through queued signals.

Why: the vectorisation timers loop in plain Python for up to seconds; on the GUI thread they
would freeze the window. A job is any callable ``job(progress, should_cancel)`` returning a
result, or None when it noticed the cancel, like ``core.time_vector_addition``. Cancelling
sets a thread-safe flag that the job polls; ``shutdown()`` cancels and waits, so no thread
outlives the widget that started it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

Progress = Callable[[float], None]
ShouldCancel = Callable[[], bool]
Job = Callable[[Progress, ShouldCancel], Any]

# A job's own failures that the GUI should show instead of losing them in a thread.
JOB_ERRORS = (ValueError, ArithmeticError, MemoryError)


class TimingWorker(QObject):
    """Runs one job in the worker thread; its signals reach the GUI thread queued."""

    progressed = Signal(int, float)      # run id, fraction done
    done = Signal(int, str, object)      # run id, "finished" | "cancelled" | "failed", payload

    def __init__(self, run_id: int, job: Job, cancel: threading.Event):
        super().__init__()
        self._run_id, self._job, self._cancel = run_id, job, cancel
        self._percent = -1

    @Slot()
    def run(self) -> None:
        """Run the job, then move home to the GUI thread (so it is deleted there) and report."""
        try:
            result = self._job(self._report, self._cancel.is_set)
            kind, payload = ("cancelled", None) if result is None else ("finished", result)
        except JOB_ERRORS as exc:
            kind, payload = "failed", str(exc) or type(exc).__name__
        if self._cancel.is_set():
            kind, payload = "cancelled", None
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        self.done.emit(self._run_id, kind, payload)

    def _report(self, fraction: float) -> None:
        """Forward progress at most once per whole percent: a few hundred queued events."""
        percent = int(100 * fraction)
        if percent != self._percent and not self._cancel.is_set():
            self._percent = percent
            self.progressed.emit(self._run_id, float(fraction))


class TimingRunner(QObject):
    """Starts one job at a time in a fresh QThread; its signals come on the GUI thread."""

    runningChanged = Signal(bool)
    progressed = Signal(float)
    finished = Signal(object)   # the job's result
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: TimingWorker | None = None
        self._cancel = threading.Event()
        self._run_id = 0
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, job: Job) -> bool:
        """Run `job` in a new thread; False (and nothing happens) while another job runs."""
        if self._thread is not None:
            return False
        self._run_id += 1
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("timingThread")
        self._worker = TimingWorker(self._run_id, job, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.done.connect(self._on_done)
        self._thread.start()
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next poll; `cancelled` follows when it has."""
        self._cancel.set()

    def shutdown(self) -> None:
        """Cancel and wait for the thread to end; no signal of that run is emitted after."""
        if self._thread is None:
            return
        self._cancel.set()
        self._finish_thread()
        self.runningChanged.emit(False)

    def _finish_thread(self) -> None:
        thread = self._thread
        self._thread = self._worker = None
        self._run_id += 1  # a report still queued from the old run is now ignored
        if thread is not None:
            thread.quit()
            thread.wait()

    @Slot(int, float)
    def _on_progress(self, run_id: int, fraction: float) -> None:
        if run_id == self._run_id and not self._cancel.is_set():
            self.progressed.emit(fraction)

    @Slot(int, str, object)
    def _on_done(self, run_id: int, kind: str, payload: object) -> None:
        if run_id != self._run_id:
            return
        self._finish_thread()
        self.runningChanged.emit(False)
        if kind == "finished":
            self.finished.emit(payload)
        elif kind == "failed":
            self.failed.emit(str(payload))
        else:
            self.cancelled.emit()
