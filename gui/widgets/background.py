"""One way to run slow, cancellable work off the GUI thread: superqt's workers.

The vectorisation timers and the sweeps loop in NumPy and plain Python for up to seconds, and
an autosave of a large session writes megabytes; on the GUI thread they would freeze the
window. Their bodies are core-style jobs,
``job(progress, should_cancel)``, returning a result, or None when they noticed the cancel.
``JobRunner`` hands one job at a time to a superqt worker: ``progress(f)`` becomes the
worker's ``yielded`` signal and ``should_cancel()`` reads superqt's ``quit()`` request. The
worker runs on a thread pool owned by the runner, so ``shutdown()`` cancels and waits for
exactly this tab's work, and no thread outlives the widget that started it.

One thing to know about superqt's workers: while a job runs, WorkerBase.run() catches all
warnings (``warnings.catch_warnings`` is process-wide in Python 3.11, so the GUI thread's too)
and hands them to the worker's ``warned`` signal. The runner writes those to stderr, so none
is lost; they are not raised as errors, even under pytest's ``filterwarnings = error``.
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

Progress = Callable[[float], None]
ShouldCancel = Callable[[], bool]
Job = Callable[[Progress, ShouldCancel], Any]

# A job's own failures that the GUI shows instead of losing them in a thread; anything else
# is a bug and is raised again on the GUI thread.
JOB_ERRORS = (ValueError, ArithmeticError, MemoryError)


def _no_steps() -> Iterator[None]:
    yield from ()


@functools.cache
def _progress_worker() -> type:
    """ProgressWorker, made on first use: importing superqt takes about a third of the time
    the window takes to build, and no job runs before the first frame."""
    from superqt.utils import GeneratorWorker

    class ProgressWorker(GeneratorWorker):
        """superqt's GeneratorWorker (its signals, quit() and abort) for a callback-style job.

        A generator reports by yielding; core's loops call progress(f) and poll should_cancel()
        instead. So work() runs the job once, with progress emitting `yielded` (at most once per
        whole percent: about a hundred queued events a job) and should_cancel() reading quit().
        """

        def __init__(self, job: Job):
            super().__init__(_no_steps)  # GeneratorWorker wants a generator; work() runs the job
            self._job = job
            self._percent = -1

        def work(self) -> Any:
            result = self._job(self._progress, self._should_cancel)
            if self.abort_requested:
                self.aborted.emit()
            return result

        def _should_cancel(self) -> bool:
            return self.abort_requested

        def _progress(self, fraction: float) -> None:
            percent = int(100 * fraction)
            if percent != self._percent and not self.abort_requested:
                self._percent = percent
                self.yielded.emit(float(fraction))

    return ProgressWorker


def preload() -> None:
    """Import the workers' library now (idle time after the first frame), so the first job
    does not wait for it."""
    _progress_worker()


class JobRunner(QObject):
    """Runs one job at a time on a superqt worker; its signals arrive on the GUI thread."""

    runningChanged = Signal(bool)
    progressed = Signal(float)
    finished = Signal(object)  # the job's result
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)  # this runner's own: shutdown() joins only its work
        self.pool.setMaxThreadCount(1)
        self._worker: Any = None  # a ProgressWorker while a job runs
        self._outcome: tuple[str, Any] | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def is_running(self) -> bool:
        return self._worker is not None

    def start(self, job: Job) -> bool:
        """Run `job` on the worker thread; False (and nothing happens) while another runs."""
        if self._worker is not None:
            return False
        # Bound methods of this QObject as slots: Qt queues them to the GUI thread.
        from superqt.utils import create_worker

        worker = create_worker(job, _worker_class=_progress_worker(), _start_thread=False,
                               _ignore_errors=True)
        worker.yielded.connect(self._on_yielded)
        worker.returned.connect(self._on_returned)
        worker.errored.connect(self._on_errored)
        worker.finished.connect(self._on_finished)
        worker.warned.connect(self._on_warned)
        self._worker, self._outcome = worker, None
        self.pool.start(worker)
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next poll; `cancelled` follows when it has."""
        if self._worker is not None:
            self._worker.quit()

    def shutdown(self) -> None:
        """Cancel and wait for the worker to end; no signal of that run is emitted after."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.quit()
        self.pool.waitForDone()
        self.runningChanged.emit(False)

    def _current(self) -> bool:
        """True if the signal being handled comes from the running worker (not an old one)."""
        return self._worker is not None and self.sender() is self._worker.signals

    def _on_yielded(self, fraction: float) -> None:
        if self._current() and not self._worker.abort_requested:
            self.progressed.emit(fraction)

    def _on_returned(self, result: Any) -> None:
        if self._current() and result is not None:
            self._outcome = ("finished", result)

    def _on_errored(self, error: Exception) -> None:
        if not self._current():
            return
        if not isinstance(error, JOB_ERRORS):
            self._outcome = ("cancelled", None)
            raise error
        self._outcome = ("failed", str(error) or type(error).__name__)

    @staticmethod
    def _on_warned(args: tuple) -> None:
        """A warning caught while a job ran (showwarning's arguments): say it on stderr."""
        message, category, filename, lineno = args[:4]
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno))

    def _on_finished(self) -> None:
        if not self._current():
            return
        kind, payload = self._outcome or ("cancelled", None)
        self._worker = None
        self.runningChanged.emit(False)
        if kind == "finished":
            self.finished.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
