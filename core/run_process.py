"""SGD in a process of its own, so that a running window trains at the headless rate.

In the window's process a frame's drawing (~11 ms of every 16.7 at 60 frames a second) and
SGD's small NumPy calls, which hold the GIL, share one thread: SGD kept a fifth to a third of
its headless rate. Here a run's Timeline, with its head trainer, is sent to a worker process
when the run starts; the worker steps it as fast as it can on the other core, answers each
frame's request with a RunProgress (core.run_progress), and sends a last one, with the run's
end and its checkpoints, when it stops: asked to, at the target epoch, or diverged. The
window's trainer takes each (SGDTrainer.take_progress): it shows the run as it goes and then
continues it bit for bit, as if it had taken the steps itself.

This module is the window's side; core.run_worker is the worker's, and core.run_pipe what
travels between them (the data once, then by reference).

Nothing here is shared between runs but the worker, and nothing is global: the window owns a
TrainingProcess and closes it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import queue
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from linreg_lab.core.run_pipe import FRAME, QUIT, STOP, ArrayUnpickler, SharedArrays, send_array
from linreg_lab.core.run_worker import serve
from linreg_lab.core.timeline import Timeline

__all__ = ["TrainingProcess"]

STOP_WAIT_S = 2.0       # the longest wait for a followed run's end (it comes in milliseconds)
ANSWER_WAIT_S = 5.0     # ... and for a frame's answer (a silent worker hangs: it is let go)
FIRST_WAIT_S = 60.0     # ... and for the first one (the data travel and Z is built first)


# ----- the window's side ------------------------------------------------------------------
class _Outbox:
    """Sends to the worker in order, on a thread of its own: the data of a run at 10⁶ rows
    (24 MB, once) would hold the window's thread ~90 ms while the pipe takes them; the
    writes release the GIL, so the window paints on meanwhile."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._queue: queue.SimpleQueue[Callable[[Connection], None] | None] = (
            queue.SimpleQueue())
        self._thread = threading.Thread(target=self._send_all, daemon=True,
                                        name="linreg-lab SGD outbox")
        self._thread.start()

    def message(self, message: tuple[Any, ...]) -> None:
        self._queue.put(lambda conn: conn.send(message))

    def array(self, key: int, array: np.ndarray) -> None:
        self._queue.put(lambda conn: send_array(conn, key, array))

    def close(self) -> None:
        """Send what is queued, then stop (a dead worker's pipe ends it at once)."""
        self._queue.put(None)
        self._thread.join(timeout=1.0)

    def _send_all(self) -> None:
        while (send := self._queue.get()) is not None:
            try:
                send(self._conn)
            except OSError:
                return  # the worker is gone: the window's next read of the pipe says so


@contextlib.contextmanager
def _main_not_imported() -> Iterator[None]:
    """While a worker is spawned, hide the main module: spawn runs the parent's main script
    again in the child unless it is a package's __main__ (the `linreg-lab` script would load
    all of Qt there; a script without a __name__ guard would start a second program). The
    worker needs only this module."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class TrainingProcess:
    """The window's end of the worker: start a run there, follow it, stop it.

    The worker starts on the first `boot` (Python and NumPy, ~0.3 s, in the background:
    runs meanwhile step in the window). A worker that fails is not used again: `broken`.
    """

    def __init__(self) -> None:
        self._process: Any = None
        self._conn: Connection | None = None
        self._outbox: _Outbox | None = None
        self._ready = False
        self.broken = False
        self._shared = SharedArrays()
        self._timeline: Timeline[Any] | None = None  # of the run in the worker
        self._start: bytes = b""  # that timeline as it was sent: what a failure goes back to
        self._asked, self._asked_at = False, 0.0  # a frame request awaits its answer
        self._run = 0  # the number of the latest run sent
        self._followed = False  # a progress of it was taken: the head is a mirror until its end
        self._lost: Timeline[Any] | None = None

    # ----- the worker ---------------------------------------------------------------
    def boot(self) -> None:
        if self._process is not None or self.broken:
            return
        context = multiprocessing.get_context("spawn")  # fork is unsafe in a Qt process
        self._conn, child = context.Pipe()
        self._process = context.Process(target=serve, args=(child,), daemon=True,
                                        name="linreg-lab SGD")
        try:
            with _main_not_imported():
                self._process.start()
        except OSError:
            self.broken = True
        child.close()
        self._outbox = _Outbox(self._conn)

    @property
    def ready(self) -> bool:
        """True once the worker is up and not running a run."""
        if self._ready or self._conn is None or self.broken:
            return self._ready and not self.broken and self._timeline is None
        try:
            if self._pipe.poll():
                self._ready = self._pipe.recv() == ("ready",)
        except (EOFError, OSError):
            self.broken = True
        return self._ready and self._timeline is None

    @property
    def _pipe(self) -> Connection:
        if self._conn is None:
            raise OSError("the training process is not started")
        return self._conn

    @property
    def _out(self) -> _Outbox:
        if self._outbox is None:
            raise OSError("the training process is not started")
        return self._outbox

    @property
    def pid(self) -> int | None:
        """The worker's process id (None before `boot`)."""
        return None if self._process is None else self._process.pid

    @property
    def running(self) -> bool:
        return self._timeline is not None

    def close(self) -> None:
        """Stop the worker (a run there should have been stopped first)."""
        if self._process is None:
            return
        with contextlib.suppress(OSError):
            self._out.message(QUIT)
            self._out.close()
        self._process.join(timeout=1.0)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=1.0)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn, self._outbox = None, None, None
        self._ready, self._timeline = False, None
        self._shared = SharedArrays()  # a worker booted again has none of the arrays

    # ----- runs ---------------------------------------------------------------------
    def start(self, timeline: Timeline[Any], stop_epoch: int | None) -> bool:
        """Run `timeline`'s head in the worker up to `stop_epoch` (None: until stopped);
        False if the worker is not ready. Until the run's end has been taken, the head
        only shows the run: take every progress (poll) and stop it before using it."""
        if not self.ready:
            return False
        try:
            blob, new, used = self._shared.pickle(timeline)
        except (pickle.PicklingError, TypeError, AttributeError):
            self.broken = True  # something of a trainer cannot travel: runs step here
            return False
        self._shared.keep_only(used)
        try:
            for key, array in new.items():
                self._out.array(key, array)
            self._run += 1
            self._out.message(("run", self._run, blob, used, stop_epoch))
            self._out.message(FRAME)
        except OSError:
            self.broken = True
            return False
        self._timeline, self._start, self._followed = timeline, blob, False
        self._asked, self._asked_at = True, time.monotonic()
        return True

    def poll(self) -> tuple[int, bool]:
        """Take what the worker sent: (steps the head gained, whether the run is over)."""
        if self._timeline is None:
            return 0, True
        head = self._timeline.head
        before = head.steps
        try:
            while self._timeline is not None and self._pipe.poll():
                self._take(self._pipe.recv())
            if self._timeline is not None:
                self._ask()
        except (EOFError, OSError):
            self._fail()
        return max(0, head.steps - before), self._timeline is None

    def _ask(self) -> None:
        """Ask for the next frame's progress once the last came; a worker that leaves one
        unanswered too long hangs (or its pipe broke), and is let go."""
        now = time.monotonic()
        if not self._asked:
            self._out.message(FRAME)
            self._asked, self._asked_at = True, now
        elif now - self._asked_at > (ANSWER_WAIT_S if self._followed else FIRST_WAIT_S):
            raise OSError("the training process does not answer")

    def stop(self) -> int:
        """Stop the run and take its end: the head then continues it exactly. Returns the
        steps it gained. A run not followed yet is let go at once: the head has not moved,
        while its end may wait for the data to arrive there (seconds, for 10⁶ × 100)."""
        if self._timeline is None:
            return 0
        head = self._timeline.head
        before = head.steps
        try:
            self._out.message(STOP)
            if not self._followed:
                self._timeline = None  # its messages, when they come, are dropped
                return 0
            deadline = time.monotonic() + STOP_WAIT_S
            while self._timeline is not None:
                if not self._pipe.poll(max(0.0, deadline - time.monotonic())):
                    raise OSError("the training process does not answer")
                self._take(self._pipe.recv())
        except (EOFError, OSError):
            self._fail()
        return max(0, head.steps - before)

    def _take(self, message: tuple[Any, ...]) -> None:
        timeline = self._timeline
        if timeline is None or message[0] == "ready" or message[1] != self._run:
            return  # a let-go run's
        self._followed = True
        if message[0] == "progress":
            timeline.head.take_progress(message[2])
            self._asked = False
        elif message[0] == "end":
            _, _, progress, checkpoints, spacing = message
            timeline.head.take_progress(progress)
            timeline.take_checkpoints(checkpoints, spacing)
            self._timeline = None

    def _fail(self) -> None:
        """The worker died or hangs: its run is lost. The head, exact only at a run's end,
        is replaced by the timeline as it was sent (`take_lost`)."""
        timeline, self._timeline = self._timeline, None
        self.broken = True
        if self._process is not None:
            self._process.kill()
        if timeline is not None:
            self._lost = ArrayUnpickler(self._start, self._shared.arrays).load()

    def take_lost(self) -> Timeline[Any] | None:
        """After a failure during a run: that run as it was when it started, else None."""
        lost, self._lost = self._lost, None
        return lost
