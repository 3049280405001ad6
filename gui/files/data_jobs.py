"""New data too large to build on the GUI thread: built on a worker, then committed at once.

Generating or opening a million examples takes seconds (drawing or parsing them, the QR
solution, the trainer's statistics and tables); on the GUI thread the window froze for all of
it. Such a change is built here by the Session's ChangeBuilder on a JobRunner worker, with its
progress and a Cancel button in the status bar, and committed as one undo step when it is
complete. A cancelled or refused build changes nothing. The window stays live meanwhile:
edits, undo, training and hyperparameter changes go on as usual and the new data, when they
arrive, are one more undo step on top of them (Session.commit). A newer request replaces a
build still running. Small data are built at once, as before: the worker's round trip would
only delay them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.session import PreparedChange, RefusedChange, Session
from linreg_lab.gui.widgets.background import Job, JobRunner
from linreg_lab.gui.widgets.job_progress import JobProgress

BIG_ENTRIES = 200_000
"""Generated data of more entries n·(d + 1) than this are built off the GUI thread (about
50 ms of building at once on these machines: a frame or three)."""


@dataclass(frozen=True)
class _Request:
    what: str
    job: Job
    done: Callable[[], None]
    failed: Callable[[str], None]


class DataJobs(QObject):
    """Builds data changes for one window's Session: at once when small, on a worker when big."""

    committed = Signal()
    """A change built on the worker was committed."""
    runningChanged = Signal(bool)

    def __init__(self, session: Session, window: QMainWindow,
                 refused: Callable[[str], None]) -> None:
        """`refused(message)` tells the learner why a big generation was refused (a small one
        raises RefusedChange, as Session.generate does)."""
        super().__init__(window)
        self._session, self._refused = session, refused
        self.runner = JobRunner(self)
        self.progress = JobProgress(window)
        window.statusBar().addPermanentWidget(self.progress)
        self._status = window.statusBar()
        self._current: _Request | None = None
        self._next: _Request | None = None
        self.progress.cancelRequested.connect(self.cancel)
        self.runner.progressed.connect(self.progress.set_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)

    def is_running(self) -> bool:
        return self._current is not None

    # ----- requests ---------------------------------------------------------------------
    def generate(self, spec: GenerationSpec, done: Callable[[], None] = lambda: None) -> None:
        """Session.generate(spec), off the GUI thread when the data are big; done() follows
        the commit. A small refused generation raises RefusedChange."""
        builder = self._session.generate_builder()

        def make() -> DataState:
            return DataState.generated(spec, spec.seed)

        if spec.num_examples * (len(spec.w) + 1) <= BIG_ENTRIES:
            self._session.commit(builder.build(make))
            done()
            return
        what = self.tr("Generating {n} examples…").format(n=f"{spec.num_examples:,}")
        self.start(what, lambda progress, cancel: builder.build(make, progress, cancel), done,
                   self._refused)

    def start(self, what: str, job: Job, done: Callable[[], None],
              failed: Callable[[str], None]) -> None:
        """Run `job` (returning a PreparedChange, or None when cancelled) on the worker and
        commit its result; a build still running is cancelled and this one follows it."""
        request = _Request(what, job, done, failed)
        if self._current is not None:
            self._next = request
            self.runner.cancel()
            return
        self._run(request)

    def cancel(self) -> None:
        """Stop the running build (and forget a queued one): the data stay as they are."""
        self._next = None
        self.runner.cancel()

    def shutdown(self) -> None:
        self._next = None
        self.runner.shutdown()

    # ----- the worker's outcome ---------------------------------------------------------
    def _run(self, request: _Request) -> None:
        self._current = request
        self.progress.begin(request.what)
        self.runner.start(request.job)
        self.runningChanged.emit(True)

    def _end(self) -> _Request | None:
        request, self._current = self._current, None
        queued, self._next = self._next, None
        if queued is not None:
            self._run(queued)
        else:
            self.progress.end()
            self.runningChanged.emit(False)
        return request

    def _on_finished(self, prepared: PreparedChange) -> None:
        superseded = self._next is not None
        request = self._end()
        if request is None or superseded:
            return
        try:
            self._session.commit(prepared)
        except RefusedChange as refused:
            request.failed(str(refused))
            return
        request.done()
        self.committed.emit()

    def _on_failed(self, message: str) -> None:
        superseded = self._next is not None
        request = self._end()
        if request is not None and not superseded:
            request.failed(message)

    def _on_cancelled(self) -> None:
        superseded = self._next is not None
        self._end()
        if not superseded:
            self._status.showMessage(self.tr("Cancelled: the data stay as they were."), 4000)
