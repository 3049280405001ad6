"""When a Session's run goes on in the training process (core.run_process), and back.

The run loop asks to hand a run at full speed over; this says yes only when it pays: a
worker is up, the run is a plain regression run at its latest step, and the session has been
left alone for STEADY_S (during a drag or a slider's move the run steps in the window, as the
data would travel to the worker at every move). Every change to the run first takes it back
(`take_back`), so the window's trainer is exact whenever anything but a frame reads it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from linreg_lab import core
from linreg_lab.core.standardized import StandardizedTrainer
from linreg_lab.core.timeline import Timeline

if TYPE_CHECKING:  # the app gives one once its window is whole: not the first frame's import
    from linreg_lab.core.run_process import TrainingProcess

STEADY_S = 0.5  # the session unchanged this long before a run moves to the worker
MAX_ENTRIES = 1 << 25  # n·(d + 2) above this stays here: the worker's copy of the data and its
# table would be more than ~0.5 GB more memory (10⁶ rows of up to 31 features go over)


class RunElsewhere:
    """The Session's side of its training process (None: every run steps in the window)."""

    def __init__(self, timeline: Callable[[], Timeline],
                 lost: Callable[[Timeline], None]) -> None:
        """timeline(): the session's timeline now; lost(copy): the worker failed during a
        run, and the session goes on from `copy`, the run as it was handed over."""
        self._timeline, self._lost = timeline, lost
        self.process: TrainingProcess | None = None
        self._changed_at = -float("inf")
        self.active = False

    def changed(self) -> None:
        """The session changed: take the run back, and wait before handing it over again."""
        self.take_back()
        self._changed_at = time.monotonic()

    def hand_over(self, stop_epoch: int | None) -> bool:
        """Run on in the worker up to `stop_epoch` (None: until paused); False when the run
        had better step here."""
        process, timeline = self.process, self._timeline()
        if self.active or process is None or process.broken or not self._fits(timeline):
            return False
        if time.monotonic() - self._changed_at < STEADY_S:
            return False
        process.boot()  # ~0.3 s in the background on the first run: it steps here meanwhile
        self.active = process.start(timeline, stop_epoch)
        return self.active

    @staticmethod
    def _fits(timeline: Timeline) -> bool:
        head = timeline.head
        return (not timeline.rewound and type(head) in (core.SGDTrainer, StandardizedTrainer)
                and 0 < head.n_examples * (head.w.size + 2) <= MAX_ENTRIES
                and not head.diverged
                and head.known_table is not None)  # else the first step builds it here

    def follow(self) -> tuple[int, bool]:
        """(steps the run gained in the worker since the last call, whether it is over)."""
        if not self.active:
            return 0, True
        gained, over = self.process.poll()
        if over:
            self._ended()
        return gained, over

    def take_back(self) -> None:
        """The run stops in the worker; the window's trainer continues it exactly."""
        if self.active:
            self.process.stop()
            self._ended()

    def _ended(self) -> None:
        self.active = False
        lost = self.process.take_lost()
        if lost is not None:
            self._lost(lost)


class StepsHere:
    """For a session whose runs always step in the window (the classification half): the
    run loop's requests to hand a run over are declined."""

    def hand_over(self, stop_epoch: int | None) -> bool:
        return False

    def follow_elsewhere(self) -> tuple[int, bool]:
        return 0, True

    def take_back(self) -> None:
        """Nothing is elsewhere."""
