"""What a SoftmaxTrainer did since it was built, so File → Export can redo its run elsewhere.

The softmax counterpart of core.run_record (whose SettingsLog cuts the run into stretches):
the start (W, b, the generator's full state, the counters and the position in the epoch)
and the steps taken under each setting of learning rate, batch size, shuffling and formula
(stable log-sum-exp or d2l 3.6's naive one), in order. A data edit builds a new trainer, so
its record begins there, from the parameters the app kept.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.run_record import Segment, SettingsLog

__all__ = ["SoftmaxRunLog", "SoftmaxRunRecord", "SoftmaxSettings"]


@dataclass(frozen=True)
class SoftmaxSettings:
    """The hyperparameters a softmax run can change between steps without a reset (logged
    here for the export, and by core.timeline for the rewind)."""

    lr: float
    batch_size: int
    shuffle: bool
    stable: bool


@dataclass(frozen=True)
class SoftmaxRunRecord:
    """A softmax trainer's start and its stretches of steps; replaying them gives its W, b.

    start_W (d, k), start_b (k,): the parameters before the first recorded step. rng_state:
    the generator's bit_generator.state then (after W₀ was drawn, if it was). position:
    examples already visited in the epoch (n_examples at an epoch boundary); order: that
    epoch's order (None when in order or at a boundary). start_steps, start_epoch: the
    counters then (not 0 for a run restored from a session file).
    """

    n_examples: int
    start_W: Floats
    start_b: Floats
    rng_state: dict[str, Any]
    start_steps: int
    start_epoch: int
    position: int
    order: Indices | None
    segments: tuple[Segment[SoftmaxSettings], ...]

    @property
    def steps(self) -> int:
        """Updates recorded since the start."""
        return sum(s.steps for s in self.segments)

    @property
    def at_epoch_boundary(self) -> bool:
        return self.position >= self.n_examples

    @property
    def num_classes(self) -> int:
        return int(self.start_W.shape[1])


class SoftmaxRunLog:
    """The trainer's running record: a start, then (step count, settings) at each change."""

    def __init__(self, n_examples: int, W: Floats, b: Floats, rng: np.random.Generator,
                 steps: int, epoch: int, position: int, order: Indices | None,
                 settings: SoftmaxSettings) -> None:
        self._n = int(n_examples)
        self._W, self._b = np.array(W, dtype=float), np.array(b, dtype=float)
        self._rng_state = dict(copy.deepcopy(rng.bit_generator.state))
        self._counters = (int(steps), int(epoch), int(position))
        self._order = None if order is None else np.array(order, dtype=np.intp)
        self._settings = SettingsLog(steps, settings)

    def note(self, steps: int, settings: SoftmaxSettings) -> None:
        """Settings in force from `steps` on (a change before any step replaces the last)."""
        self._settings.note(steps, settings)

    @property
    def start_steps(self) -> int:
        return self._counters[0]

    def truncated(self, steps: int) -> SoftmaxRunLog:
        """A copy that ends at `steps`, for a fork of the run there (a rewound timeline): its
        own settings log, so what the fork does later is not written into this run's."""
        log = copy.copy(self)
        log._settings = self._settings.truncated(steps)
        return log

    def record(self, steps_now: int) -> SoftmaxRunRecord:
        """The record up to `steps_now` (the trainer's current step count)."""
        steps0, epoch0, position = self._counters
        return SoftmaxRunRecord(
            self._n, self._W.copy(), self._b.copy(), copy.deepcopy(self._rng_state), steps0,
            epoch0, position, None if self._order is None else self._order.copy(),
            self._settings.segments(steps_now))
