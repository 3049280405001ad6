"""One way to run slow, cancellable work off the GUI thread: a Python thread, polled.

The vectorisation timers and the sweeps loop in NumPy and plain Python for up to seconds,
big data are generated or parsed for seconds, and an autosave of a large session writes
megabytes; on the GUI thread they would freeze the window. Their bodies are core-style jobs,
``job(progress, should_cancel)``, returning a result, or None when they noticed the cancel.

``JobRunner`` runs one job at a time on a plain ``threading.Thread``. The worker touches no
Qt object at all: it writes its progress, result or error into a small record, and a timer on
the GUI thread reads that record and emits the runner's signals. Qt signals emitted from a
Python worker thread (superqt's workers, used before) take PySide6's and Qt's locks on a
thread that also holds the GIL; under load that hung a CI run for an hour and crashed one
local run in a paint. Polling costs one timer tick (POLL_MS) of latency per job and nothing
while no job runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

Progress = Callable[[float], None]
ShouldCancel = Callable[[], bool]
Job = Callable[[Progress, ShouldCancel], Any]

# A job's own failures that the GUI shows instead of losing them in a thread; anything else
# is a bug and is raised again on the GUI thread.
JOB_ERRORS = (ValueError, ArithmeticError, MemoryError)

POLL_MS = 15
"""How often the GUI thread looks at a running job: within a frame, so progress and the
result appear as soon as a repaint could show them."""


@dataclass
class _Run:
    """What one job's thread and the GUI thread share; each field is written by one side."""

    job: Job
    cancel: threading.Event = field(default_factory=threading.Event)
    fraction: float | None = None  # the last progress the job reported
    result: Any = None
    error: BaseException | None = None
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self.body, name="linreg-lab job", daemon=True)

    def body(self) -> None:
        """The worker thread: run the job, keep whatever comes out of it."""
        try:
            self.result = self.job(self._progress, self._should_cancel)
        except BaseException as error:  # handed to the GUI thread, never lost
            self.error = error

    def _progress(self, fraction: float) -> None:
        self.fraction = float(fraction)
        time.sleep(0)  # lets the GUI thread have the GIL now (see _should_cancel)

    def _should_cancel(self) -> bool:
        """The job's poll, also a point where it gives up the GIL for a moment: between
        NumPy calls that hold it, the window's thread could otherwise wait for its turn
        (Python's switch interval) over and over and stop painting while a job runs."""
        time.sleep(0)
        return self.cancel.is_set()

    def done(self) -> bool:
        return not self.thread.is_alive()


class JobRunner(QObject):
    """Runs one job at a time on a worker thread; its signals are emitted on the GUI thread."""

    runningChanged = Signal(bool)
    progressed = Signal(float)
    finished = Signal(object)  # the job's result
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._run: _Run | None = None
        self._box: list[_Run | None]
        self._shown_fraction: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # a runner deleted with its widget tells its job to stop, without waiting for it
        # (a thread left computing would slow whatever the app does next); not a method of
        # self, which Qt is destroying
        box = self._box = [None]
        self.destroyed.connect(lambda *_: box[0] is not None and box[0].cancel.set())

    def is_running(self) -> bool:
        """True from start() until the job's outcome has been emitted (or shutdown())."""
        return self._run is not None

    def thread_alive(self) -> bool:
        """True while the job's thread runs (it may outlive a cancel by one poll of the job)."""
        run = self._run
        return run is not None and run.thread.is_alive()

    def start(self, job: Job) -> bool:
        """Run `job` on a worker thread; False (and nothing happens) while another runs."""
        if self._run is not None:
            return False
        run = _Run(job)
        self._run, self._shown_fraction = run, None
        self._box[0] = run
        run.thread.start()
        self._timer.start()
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next poll; `cancelled` follows when it has."""
        if self._run is not None:
            self._run.cancel.set()

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Block until the job's thread has ended (its outcome is emitted at the next poll);
        False if it still runs after `timeout_ms`."""
        run = self._run
        if run is None:
            return True
        run.thread.join(None if timeout_ms is None else timeout_ms / 1000)
        return not run.thread.is_alive()

    def shutdown(self) -> None:
        """Cancel and wait for the worker to end; no signal of that run is emitted after."""
        run, self._run = self._run, None
        self._timer.stop()
        if run is None:
            return
        run.cancel.set()
        run.thread.join()
        self.runningChanged.emit(False)

    def _poll(self) -> None:
        run = self._run
        if run is None:
            self._timer.stop()
            return
        fraction = run.fraction
        if fraction is not None and fraction != self._shown_fraction and not run.cancel.is_set():
            self._shown_fraction = fraction
            self.progressed.emit(fraction)
        if run.done():
            self._finish(run)

    def _finish(self, run: _Run) -> None:
        """Emit the outcome of a job whose thread has ended."""
        self._run = None
        self._timer.stop()
        self.runningChanged.emit(False)
        error = run.error
        if error is not None and isinstance(error, JOB_ERRORS):
            self.failed.emit(str(error) or type(error).__name__)
        elif error is not None:
            self.cancelled.emit()
            raise error
        elif run.result is None:  # the job noticed the cancel
            self.cancelled.emit()
        else:
            self.finished.emit(run.result)


class BackgroundCalls(QObject):
    """`run(compute, done, kind)` for state objects that must not know Qt's workers (the
    Session's exact rebuild after edits): compute() on a JobRunner, done(result) on the GUI
    thread. Calls made while one runs wait, in order; a newer call of the same kind replaces
    a waiting one and waits last (it computes the same thing for a newer state)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = JobRunner(self)
        self._done: Callable[[Any], None] | None = None
        self._waiting: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
        self.runner.finished.connect(self._on_finished)
        self.runner.cancelled.connect(self._next)
        self.runner.failed.connect(self._next)

    def run(self, compute: Callable[[], Any], done: Callable[[Any], None],
            kind: str = "") -> None:
        if self.runner.is_running():
            self._waiting.pop(kind, None)
            self._waiting[kind] = (compute, done)
            return
        self._done = done
        self.runner.start(lambda _progress, _cancel: compute())

    def _on_finished(self, result: Any) -> None:
        done, self._done = self._done, None
        if done is not None:
            done(result)
        self._next()

    def _next(self, *_args: Any) -> None:
        if self._waiting and not self.runner.is_running():
            kind = next(iter(self._waiting))
            self.run(*self._waiting.pop(kind), kind)
