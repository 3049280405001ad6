"""What a trainer did since it was built: where it started and the settings of every stretch.

A trainer's w, b depend on more than its current settings: the learner may change the learning
rate, batch size, shuffling or loss between steps, and the app builds a new trainer (keeping
the current line, with a generator that never drew w₀) after a data edit. To redo such a run
elsewhere (File → Export as Python) one needs the start (parameters, the generator's full
state, the position in the epoch) and the steps taken under each setting, in order. The
trainer keeps that here; it is cheap (one entry per change that followed some steps).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.notation import LossKind, UpdateRule

__all__ = ["RunLog", "RunRecord", "RunSettings", "Segment", "SettingsLog"]

S = TypeVar("S")  # the settings a kind of trainer may change between steps


@dataclass(frozen=True)
class RunSettings:
    """The settings that may change between steps without a reset."""

    lr: float
    batch_size: int
    shuffle: bool
    loss: LossKind
    huber_delta: float
    update: UpdateRule = UpdateRule.MEAN


@dataclass(frozen=True)
class Segment(Generic[S]):
    """`steps` consecutive minibatch updates, all taken with `settings`."""

    steps: int
    settings: S


class SettingsLog(Generic[S]):
    """The settings in force from each step count on: a run cut into its stretches (any
    trainer's settings: RunSettings here, core.softmax_run's for softmax regression)."""

    def __init__(self, steps: int, settings: S) -> None:
        self._changes: list[tuple[int, S]] = [(int(steps), settings)]

    def note(self, steps: int, settings: S) -> None:
        """Settings in force from `steps` on (a change before any step replaces the last)."""
        last_steps, last = self._changes[-1]
        if settings == last:
            return
        if last_steps == steps:
            self._changes[-1] = (steps, settings)
            if len(self._changes) > 1 and self._changes[-2][1] == settings:
                self._changes.pop()  # changed and changed back before stepping
        else:
            self._changes.append((int(steps), settings))

    @property
    def start_steps(self) -> int:
        return self._changes[0][0]

    def truncated(self, steps: int) -> SettingsLog[S]:
        """A copy that ends at `steps` (a fork of the run there: a rewound timeline)."""
        log = copy.copy(self)
        log._changes = [c for c in self._changes if c[0] <= steps] or self._changes[:1]
        return log

    def segments(self, steps_now: int) -> tuple[Segment[S], ...]:
        """The stretches up to `steps_now` (the trainer's current step count)."""
        ends = [s for s, _ in self._changes[1:]] + [int(steps_now)]
        return tuple(Segment(end - begin, settings) for (begin, settings), end
                     in zip(self._changes, ends, strict=True) if end > begin)


@dataclass(frozen=True)
class RunRecord:
    """A trainer's start and its stretches of steps; replaying them gives its w, b.

    start_w, start_b: the parameters before the first recorded step (the trainer's own units,
    standardised ones for a StandardizedTrainer). rng_state: the generator's
    bit_generator.state at that moment (after w₀ was drawn, if it was). position: examples
    already visited in the epoch then (n_examples at an epoch boundary); order: that epoch's
    order (None when it was visited in order or at a boundary). start_steps, start_epoch: the
    counters then (not 0 for a run restored from a session file).
    """

    n_examples: int
    start_w: Floats
    start_b: float
    rng_state: dict[str, Any]
    start_steps: int
    start_epoch: int
    position: int
    order: Indices | None
    segments: tuple[Segment[RunSettings], ...]

    @property
    def steps(self) -> int:
        """Updates recorded since the start."""
        return sum(s.steps for s in self.segments)

    @property
    def at_epoch_boundary(self) -> bool:
        return self.position >= self.n_examples


class RunLog:
    """The trainer's running record: a start, then (step count, settings) at each change."""

    def __init__(self, n_examples: int, w: Floats, b: float, rng: np.random.Generator,
                 steps: int, epoch: int, position: int, order: Indices | None,
                 settings: RunSettings) -> None:
        self._n = n_examples
        self._start = (np.array(w, dtype=float), float(b),
                       dict(copy.deepcopy(rng.bit_generator.state)), int(steps), int(epoch),
                       int(position), None if order is None else np.array(order, dtype=np.intp))
        self._settings = SettingsLog(steps, settings)

    def note(self, steps: int, settings: RunSettings) -> None:
        """Settings in force from `steps` on (a change before any step replaces the last)."""
        self._settings.note(steps, settings)

    @property
    def start_steps(self) -> int:
        return self._start[3]

    def truncated(self, steps: int) -> RunLog:
        """A copy that ends at `steps` (a fork of the run there: a rewound timeline)."""
        log = copy.copy(self)
        log._settings = self._settings.truncated(steps)
        return log

    def record(self, steps_now: int) -> RunRecord:
        """The record up to `steps_now` (the trainer's current step count)."""
        w, b, state, steps0, epoch0, position, order = self._start
        return RunRecord(self._n, w.copy(), b, copy.deepcopy(state), steps0, epoch0, position,
                         None if order is None else order.copy(),
                         self._settings.segments(steps_now))
