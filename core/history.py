"""The bounded record of an SGD run: per-step losses and parameters, per-epoch parameters.

The trainer writes into preallocated rows from its inner loop; readers get copies. Memory is
bounded whatever the run's length (see History).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from linreg_lab.core.array_types import Floats, Ints
from linreg_lab.core.notation import LOSS_KINDS, LossKind
from linreg_lab.core.trainer_state import HistorySnapshot, history_to_json, read_history

__all__ = ["History", "HistoryMark", "HistoryTail", "StepBlock"]

_LOSS_CODE = {kind: code for code, kind in enumerate(LOSS_KINDS)}  # the saved form

# (thetas (k, p), loss codes (k,) into LOSS_KINDS, huber deltas (k,))
#   -> (training losses (k,), validation losses (k,) or None without a validation set)
Evaluate = Callable[[Floats, Ints, Floats], tuple[Floats, Floats | None]]


class StepBlock(NamedTuple):
    """Free step rows reserved for the inner loop: row i records step first_step + i·stride."""

    loss: Floats  # (free,) minibatch loss of the step
    theta: Floats  # (free, d + 1) parameters [w, b] after it
    first_step: int
    stride: int


class HistoryMark(NamedTuple):
    """How far a History stood: its row counts and strides (see History.tail)."""

    rows: int
    stride: int
    ep_rows: int
    ep_stride: int


class HistoryTail(NamedTuple):
    """The rows a History wrote since a mark: from `start` (0 when it halved since, as its
    rows then moved) to `mark.rows`; epoch rows likewise from `ep_start`. Epoch losses are
    not in it: they are evaluated lazily where the tail is taken."""

    mark: HistoryMark
    start: int
    loss: Floats
    theta: Floats
    ep_start: int
    ep_theta: Floats
    ep_kind: NDArray[np.int8]
    ep_delta: Floats
    ep_step: NDArray[np.int64]


class History:
    """Bounded record of a run, cheap to write from the inner loop.

    Per step: the minibatch loss (of the batch used in that step, before the update) and the
    parameters after it. Per epoch: the parameters at its end; the full training and validation
    losses are evaluated lazily from them (and cached), so the loop pays nothing for them.

    Memory is bounded by ``capacity`` rows of each kind: when full, every other row is dropped
    and the recording stride doubles. Rows are therefore always the steps (epochs) that are
    multiples of the stride: row k is step (k + 1)·stride. A run of any length keeps between
    capacity/2 and capacity evenly spaced rows. Arrays are returned as copies.
    """

    def __init__(
        self,
        n_features: int,
        capacity: int,
        evaluate: Evaluate,
        start_theta: Floats,
    ) -> None:
        cap = max(2, int(capacity) + int(capacity) % 2)  # even, so halving is exact
        p = n_features + 1
        self._d = n_features
        self._capacity = cap
        self._loss = np.empty(cap)
        self._theta = np.empty((cap, p))
        self._count, self._stride = 0, 1  # rows are steps stride, 2·stride, …
        self._ep_theta = np.empty((cap, p))
        self._ep_kind = np.empty(cap, dtype=np.int8)
        self._ep_delta = np.empty(cap)
        self._ep_train = np.empty(cap)
        self._ep_val = np.empty(cap)
        self._ep_step = np.empty(cap, dtype=np.int64)
        self._ep_count, self._ep_stride = 0, 1
        self._ep_done = 0  # epoch rows whose losses are evaluated
        self._evaluate = evaluate
        self._start = np.array(start_theta[:p], dtype=float)

    # --- public, read-only views of the record -------------------------------------------
    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def stride(self) -> int:
        """Steps between recorded step rows (a power of two)."""
        return self._stride

    @property
    def start_w(self) -> Floats:
        """Parameters before the first step (the landscape path starts here)."""
        return self._start[: self._d].copy()

    @property
    def start_b(self) -> float:
        return float(self._start[self._d])

    @property
    def step_index(self) -> NDArray[np.int64]:
        """The step number of each step row."""
        return (np.arange(self._count, dtype=np.int64) + 1) * self._stride

    @property
    def step_loss(self) -> Floats:
        return self._loss[: self._count].copy()

    @property
    def step_w(self) -> Floats:
        """(k, d) parameters after each recorded step."""
        return self._theta[: self._count, : self._d].copy()

    @property
    def step_b(self) -> Floats:
        return self._theta[: self._count, self._d].copy()

    @property
    def epoch_index(self) -> NDArray[np.int64]:
        """The epoch number of each epoch row."""
        return (np.arange(self._ep_count, dtype=np.int64) + 1) * self._ep_stride

    @property
    def epoch_step(self) -> NDArray[np.int64]:
        """The step count at the end of each epoch row: where the epoch's point belongs on a
        step axis, exact even when the batch size changed during the run."""
        return self._ep_step[: self._ep_count].copy()

    @property
    def epoch_w(self) -> Floats:
        return self._ep_theta[: self._ep_count, : self._d].copy()

    @property
    def epoch_b(self) -> Floats:
        return self._ep_theta[: self._ep_count, self._d].copy()

    @property
    def epoch_train_loss(self) -> Floats:
        """Full training-set mean loss (of the loss selected then) at the end of each epoch."""
        self._fill()
        return self._ep_train[: self._ep_count].copy()

    @property
    def epoch_val_loss(self) -> Floats | None:
        """Validation mean loss at the end of each epoch; None without a validation set."""
        if not self._fill():
            return None
        return self._ep_val[: self._ep_count].copy()

    # --- writing (called by SGDTrainer's inner loop) ---------------------------------------
    def reserve_steps(self) -> StepBlock:
        """The free step rows, to be written in order by the loop, then commit_steps().

        Writing into views saves a method call per recorded step; the block is valid until
        commit_steps, which may compact the record and change the stride.
        """
        free = slice(self._count, self._capacity)
        return StepBlock(self._loss[free], self._theta[free], (self._count + 1) * self._stride,
                         self._stride)

    def commit_steps(self, written: int) -> None:
        """Keep the first `written` rows of the reserved block; compact when full."""
        if not 0 <= written <= self._capacity - self._count:
            raise ValueError(f"{written} rows do not fit the reserved block")
        self._count += written
        if self._count == self._capacity:
            self._halve_steps()

    def record_epoch(self, epoch: int, theta: Floats, loss: LossKind,
                     huber_delta: float, step: int) -> None:
        """Record the parameters at the end of `epoch`, reached at step `step`, if it is one
        the stride keeps."""
        if epoch != (self._ep_count + 1) * self._ep_stride:
            return
        i = self._ep_count
        self._ep_theta[i] = theta
        self._ep_step[i] = step
        self._ep_kind[i] = _LOSS_CODE[loss]
        self._ep_delta[i] = huber_delta
        self._ep_count = i + 1
        if self._ep_count == self._capacity:
            self._halve_epochs()

    def _halve_steps(self) -> None:
        """Keep rows whose step is a multiple of 2·stride (the odd rows), double the stride."""
        half = self._count // 2
        self._loss[:half] = self._loss[1 : self._count : 2]
        self._theta[:half] = self._theta[1 : self._count : 2]
        self._count = half
        self._stride *= 2

    def _halve_epochs(self) -> None:
        half = self._ep_count // 2
        for a in (self._ep_theta, self._ep_kind, self._ep_delta, self._ep_train, self._ep_val,
                  self._ep_step):
            a[:half] = a[1 : self._ep_count : 2]
        self._ep_done //= 2
        self._ep_count = half
        self._ep_stride *= 2

    def _fill(self) -> bool:
        """Evaluate the losses of epoch rows not yet evaluated; True if there is validation."""
        lo, hi = self._ep_done, self._ep_count
        train, val = self._evaluate(
            self._ep_theta[lo:hi], self._ep_kind[lo:hi], self._ep_delta[lo:hi]
        )
        if hi > lo:
            self._ep_train[lo:hi] = train
            if val is not None:
                self._ep_val[lo:hi] = val
            self._ep_done = hi
        return val is not None

    def truncated(self, steps: int, epoch: int, evaluate: Evaluate) -> History:
        """A copy holding only the rows up to `steps` and `epoch` (a rewound run's record).

        Rows are the multiples of the stride, so the copy records the next steps exactly where
        this History recorded them: a replay from there writes the same rows again.
        """
        new = History(self._d, self._capacity, evaluate, self._start)
        c = min(self._count, steps // self._stride)
        e = min(self._ep_count, epoch // self._ep_stride)
        new._loss[:c], new._theta[:c] = self._loss[:c], self._theta[:c]
        new._count, new._stride = c, self._stride
        for mine, theirs in ((self._ep_theta, new._ep_theta), (self._ep_kind, new._ep_kind),
                             (self._ep_delta, new._ep_delta), (self._ep_train, new._ep_train),
                             (self._ep_val, new._ep_val), (self._ep_step, new._ep_step)):
            theirs[:e] = mine[:e]
        new._ep_count, new._ep_stride, new._ep_done = e, self._ep_stride, min(self._ep_done, e)
        return new

    # --- following a copy of the run in another process (core.run_process) ----------------
    def portable(self) -> tuple[Callable[..., History], tuple[Any, ...]]:
        """How core.run_process pickles this: the rows in use, not the whole capacity (at
        100 features the empty rows are ~100 MB)."""
        c, e = self._count, self._ep_count
        rows = (self._loss[:c], self._theta[:c], self._ep_theta[:e], self._ep_kind[:e],
                self._ep_delta[:e], self._ep_train[:e], self._ep_val[:e], self._ep_step[:e])
        return History._standing, (self._d, self._capacity, self._evaluate, self._start,
                                   (self._stride, self._ep_stride, self._ep_done), rows)

    @classmethod
    def _standing(cls, d: int, capacity: int, evaluate: Evaluate, start: Floats,
                  strides: tuple[int, int, int], rows: tuple[NDArray[Any], ...]) -> History:
        new = cls(d, capacity, evaluate, start)
        loss, theta, *epochs = rows
        new._count, new._ep_count = loss.shape[0], epochs[0].shape[0]
        new._stride, new._ep_stride, new._ep_done = strides
        new._loss[:new._count], new._theta[:new._count] = loss, theta
        targets: tuple[NDArray[Any], ...] = (new._ep_theta, new._ep_kind, new._ep_delta,
                                             new._ep_train, new._ep_val, new._ep_step)
        for mine, theirs in zip(targets, epochs, strict=True):
            mine[:new._ep_count] = theirs
        return new

    def mark(self) -> HistoryMark:
        return HistoryMark(self._count, self._stride, self._ep_count, self._ep_stride)

    def tail(self, since: HistoryMark) -> HistoryTail:
        """The rows written since `since` (a mark of this History), as copies: a few rows a
        frame, where the whole record would be megabytes."""
        now = self.mark()
        start = since.rows if since.stride == self._stride and since.rows <= now.rows else 0
        ep_start = (since.ep_rows if since.ep_stride == self._ep_stride
                    and since.ep_rows <= now.ep_rows else 0)
        steps, epochs = slice(start, now.rows), slice(ep_start, now.ep_rows)
        return HistoryTail(now, start, self._loss[steps].copy(), self._theta[steps].copy(),
                           ep_start, self._ep_theta[epochs].copy(), self._ep_kind[epochs].copy(),
                           self._ep_delta[epochs].copy(), self._ep_step[epochs].copy())

    def extend(self, tail: HistoryTail) -> None:
        """Take the rows of a copy's tail, taken since this History's own mark: it then holds
        the copy's rows exactly (epoch losses are evaluated here, when read)."""
        mark = tail.mark
        self._loss[tail.start:mark.rows] = tail.loss
        self._theta[tail.start:mark.rows] = tail.theta
        self._count, self._stride = mark.rows, mark.stride
        epochs = slice(tail.ep_start, mark.ep_rows)
        self._ep_theta[epochs], self._ep_kind[epochs] = tail.ep_theta, tail.ep_kind
        self._ep_delta[epochs], self._ep_step[epochs] = tail.ep_delta, tail.ep_step
        self._ep_done = min(self._ep_done, tail.ep_start)
        self._ep_count, self._ep_stride = mark.ep_rows, mark.ep_stride

    # --- saving and restoring (see core.trainer_state) -------------------------------------
    def snapshot(self) -> HistorySnapshot:
        """The rows as copies. Epoch losses not yet evaluated are evaluated first (saved, not
        redone on loading)."""
        has_val = self._fill()
        c, e = self._count, self._ep_count
        return HistorySnapshot(
            capacity=self._capacity,
            start=self._start.copy(),
            stride=self._stride,
            step_loss=self._loss[:c].copy(),
            step_theta=self._theta[:c].copy(),
            epoch_stride=self._ep_stride,
            epoch_theta=self._ep_theta[:e].copy(),
            epoch_kind=self._ep_kind[:e].copy(),
            epoch_delta=self._ep_delta[:e].copy(),
            epoch_train_loss=self._ep_train[:e].copy(),
            epoch_val_loss=self._ep_val[:e].copy() if has_val else None,
            epoch_step=self._ep_step[:e].copy(),
        )

    def restore(self, snap: HistorySnapshot) -> None:
        """Replace the record by a snapshot of a History of the same width and capacity."""
        c, e = snap.step_loss.shape[0], snap.epoch_theta.shape[0]
        self._start = snap.start.copy()
        self._loss[:c], self._theta[:c] = snap.step_loss, snap.step_theta
        self._count, self._stride = c, snap.stride
        self._ep_theta[:e], self._ep_kind[:e] = snap.epoch_theta, snap.epoch_kind
        self._ep_delta[:e], self._ep_train[:e] = snap.epoch_delta, snap.epoch_train_loss
        self._ep_step[:e] = snap.epoch_step
        if snap.epoch_val_loss is not None:
            self._ep_val[:e] = snap.epoch_val_loss
        self._ep_count, self._ep_stride = e, snap.epoch_stride
        _, val_now = self._evaluate(self._ep_theta[:0], self._ep_kind[:0], self._ep_delta[:0])
        # saved losses are kept if they cover the same sets; else all are evaluated afresh
        self._ep_done = e if (val_now is None) == (snap.epoch_val_loss is None) else 0

    def state(self) -> dict[str, Any]:
        """The record as plain JSON values (floats exact, see core.exact_json)."""
        return history_to_json(self.snapshot())

    def load_state(self, state: dict[str, Any]) -> None:
        """Replace the record by one from state(); ValueError if it does not fit this History."""
        self.restore(read_history(state, n_features=self._d, capacity=self._capacity))
