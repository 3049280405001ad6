"""Minibatch SGD for softmax regression (d2l 3.6): o = xW + b, ŷ = softmax(o), cross-entropy.

The minibatch semantics are the regression trainer's (DESIGN.md §3, core.sgd): an epoch visits
every example once in batches of ``batch_size``, the last one possibly shorter; the gradient is
the mean over the examples actually in the batch; one ``np.random.default_rng(seed)`` is used
in a fixed order: first ``W0 = rng.normal(0, 0.01, (d, k))`` (only when W0 is None; b starts
at 0, as in d2l 3.6), then one ``rng.permutation(n)`` per shuffled epoch. The epochs come from
core.epoch_order over the table [X, 1]; the one-hot labels are gathered in the same order, so
each shuffled epoch gathers twice and every batch is two contiguous slices (NumPy's small
operations run about twice as fast on contiguous arrays as on column slices of one table).
Same arguments and seed, same numbers, bit for bit, however
the steps are chunked.

The gradient of the mean cross-entropy over a batch is Xbᵀ(ŷ − y)/m (and the column sums of
ŷ − y for b). Since every |ŷ − y| ≤ 1, one update moves a parameter by at most lr·max|x|:
unlike squared loss, cross-entropy cannot make SGD blow up; a large learning rate makes it
oscillate. Divergence (the regression rules of core.divergence) can still happen with the naive
formula, where exp overflows or log(0) appears: the update is then not taken and
``divergence_reason`` says which.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats, Indices, SeedLike
from linreg_lab.core.divergence import (
    EXPLODE_FACTOR,
    REASON_EXPLODED,
    REASON_NONFINITE,
    REASON_OVERFLOW,
    needs_overflow_check,
)
from linreg_lab.core.epoch_order import EpochOrder
from linreg_lab.core.json_schema import FieldError
from linreg_lab.core.limits import MAX_CLASSES, MIN_CLASSES
from linreg_lab.core.softmax import (
    as_labels,
    cross_entropy,
    cross_entropy_naive,
    one_hot,
    softmax,
    softmax_naive,
)
from linreg_lab.core.softmax_history import SoftmaxHistory
from linreg_lab.core.softmax_run import SoftmaxRunLog, SoftmaxRunRecord, SoftmaxSettings
from linreg_lab.core.softmax_state import (
    KIND,
    VERSION,
    class_data_digest,
    floats_to_json,
    generator_from_json,
    generator_to_json,
    read_float,
    read_matrix,
    read_permutation,
    require,
)
from linreg_lab.core.trainer_state import Checkpoint

__all__ = [
    "REASON_EXP_OVERFLOW",
    "REASON_LOG_ZERO",
    "SoftmaxSettings",
    "SoftmaxTrainer",
    "SoftmaxUpdate",
]

REASON_EXP_OVERFLOW = "exp overflowed (a logit above ~709): the naive softmax gives inf / inf"
REASON_LOG_ZERO = "log(0): a predicted probability underflowed to 0 in the naive softmax"


@dataclass(frozen=True)
class SoftmaxUpdate:
    """The numbers of one minibatch update, for the formula panel (recomputed on demand)."""

    batch: Indices  # indices into X
    logits: Floats  # o, (m, k), at the parameters before the update
    probabilities: Floats  # ŷ = softmax(o), (m, k)
    one_hot: Floats  # y, (m, k)
    grad_W: Floats  # Xbᵀ(ŷ − y)/m, (d, k)
    grad_b: Floats  # column means of ŷ − y, (k,)
    lr: float
    W_before: Floats
    b_before: Floats
    W_after: Floats  # the trainer's actual values
    b_after: Floats
    batch_loss: float


class SoftmaxTrainer:
    """Minibatch SGD on the mean cross-entropy of softmax regression.

    lr, batch_size and shuffle may change between steps, as in core.sgd.SGDTrainer: a new
    batch size applies from the next batch, a new shuffle setting from the next epoch.
    ``stable=False`` computes the naive formulas (the 3.7 overflow lesson).
    """

    def __init__(
        self,
        X: ArrayLike,
        labels: ArrayLike,
        *,
        num_classes: int | None = None,
        lr: float = 0.1,
        batch_size: int = 10,
        shuffle: bool = True,
        seed: SeedLike | np.random.SeedSequence = None,
        W0: ArrayLike | None = None,
        b0: ArrayLike | None = None,
        stable: bool = True,
        X_val: ArrayLike | None = None,
        labels_val: ArrayLike | None = None,
        history_capacity: int = 65536,
    ) -> None:
        X, y, k = _frozen_data(X, labels, num_classes)
        n, d = X.shape
        self._X, self._y, self._n, self._d, self._k = X, y, n, d, k
        rng = np.random.default_rng(seed)
        W = rng.normal(0.0, 0.01, size=(d, k)) if W0 is None else _matrix(W0, (d, k), "W0")
        b = np.zeros(k) if b0 is None else _matrix(b0, (k,), "b0")
        self._epochs = EpochOrder.of_table(np.column_stack([X, np.ones(n)]), rng)
        self._Y = one_hot(y, k)  # gathered in the epoch's order beside the rows of [X, 1]
        self._Y.flags.writeable = False
        self._Y_shuffled = np.empty_like(self._Y)
        self._Y_rows = self._Y
        self._theta = np.empty((d + 1, k))  # [W; b]: the bias is the row met by Z's 1 column
        self._theta[:d], self._theta[d] = W, b
        self._theta_next = self._theta.copy()
        self.lr, self.batch_size, self.shuffle, self.stable = lr, batch_size, shuffle, stable
        self._val = self._validation(X_val, labels_val)
        self._steps = self._epoch = 0
        self._diverged = False
        self._reason: str | None = None
        self._last: tuple[Indices, float, Floats, Floats] | None = None
        self._figures_at: tuple[tuple[bytes, bool], tuple[float, float]] | None = None
        start = self._figures(X, y)[0]  # NaN without examples
        start = max(start if start == start else 0.0, float(np.log(k)))
        self._limit = EXPLODE_FACTOR * start  # a minibatch loss beyond counts as diverged
        self.history = SoftmaxHistory(history_capacity)
        self.history.record_epoch(0, *self._epoch_figures())
        self._start_run_log()

    def _validation(self, X_val: ArrayLike | None,
                    labels_val: ArrayLike | None) -> tuple[Floats, Indices] | None:
        if (X_val is None) != (labels_val is None):
            raise ValueError("give both X_val and labels_val, or neither")
        if X_val is None or labels_val is None:
            return None
        X_val, y_val, _ = _frozen_data(X_val, labels_val, self._k, "X_val", "labels_val")
        if X_val.shape[1] != self._d:
            raise ValueError(f"X_val has {X_val.shape[1]} features, X has {self._d}")
        return (X_val, y_val) if X_val.shape[0] else None

    # --- hyperparameters -------------------------------------------------------------------
    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        value = float(value)
        if not (value > 0 and np.isfinite(value)):
            raise ValueError(f"lr must be a positive finite number, got {value}")
        self._lr = value
        self._check_overflow = needs_overflow_check(value * self._max_abs())
        self._note_settings()

    def _max_abs(self) -> float:
        return self._epochs.max_abs if "_epochs" in self.__dict__ else 1.0

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        if isinstance(value, bool) or int(value) != value or value < 1:
            raise ValueError(f"batch_size must be a positive integer, got {value!r}")
        self._batch_size = int(value)
        self._note_settings()

    @property
    def shuffle(self) -> bool:
        return self._shuffle

    @shuffle.setter
    def shuffle(self, value: bool) -> None:
        self._shuffle = bool(value)
        self._note_settings()

    @property
    def stable(self) -> bool:
        """True: log-sum-exp (d2l 3.7); False: exp(o)/Σexp(o) then −log (d2l 3.6)."""
        return self._stable

    @stable.setter
    def stable(self, value: bool) -> None:
        self._stable = bool(value)
        self._note_settings()

    # --- the run record (File → Export redoes the run from it) ---------------------------
    def _note_settings(self) -> None:
        """Log a settings change (the setters run in __init__ before the log exists)."""
        if "_run_log" in self.__dict__:
            self._run_log.note(self._steps, self.settings())

    def _start_run_log(self) -> None:
        """Record from here: the parameters, generator, epoch position and settings now."""
        epochs = self._epochs
        self._run_log = SoftmaxRunLog(
            self._n, self.W, self.b, epochs.rng, self._steps, self._epoch, epochs.position,
            epochs.order if epochs.shuffled else None,
            self.settings())

    def run_record(self) -> SoftmaxRunRecord:
        """How this trainer got where it stands: its start (W, b, generator state, epoch
        position) and the steps taken under each setting since, so the run can be redone."""
        return self._run_log.record(self._steps)

    # --- state -----------------------------------------------------------------------------
    @property
    def W(self) -> Floats:
        """The weights, (d, k): column j holds what output o_j looks for."""
        return self._theta[: self._d].copy()

    @property
    def b(self) -> Floats:
        return self._theta[self._d].copy()

    @property
    def X(self) -> Floats:
        """The training examples it trains on, (n, d), read-only (validation rows not in)."""
        return self._X

    @property
    def labels(self) -> Indices:
        """Their class indices, (n,), read-only."""
        return self._y

    @property
    def num_classes(self) -> int:
        return self._k

    @property
    def n_examples(self) -> int:
        return self._n

    @property
    def training_set(self) -> tuple[Floats, Indices]:
        """(X, labels) the trainer learns from, read-only (the confusion matrix's rows)."""
        return self._X, self._y

    @property
    def validation_set(self) -> tuple[Floats, Indices] | None:
        """(X_val, labels_val), read-only, or None without a validation set."""
        return self._val

    @property
    def steps(self) -> int:
        return self._steps

    @property
    def epoch(self) -> int:
        """Completed epochs."""
        return self._epoch

    @property
    def epoch_position(self) -> int:
        """Examples already visited in the current epoch (0 at an epoch boundary)."""
        return self._epochs.position % self._n if self._n else 0

    @property
    def diverged(self) -> bool:
        return self._diverged

    @property
    def divergence_reason(self) -> str | None:
        return self._reason

    def logits(self, X: ArrayLike) -> Floats:
        """o = XW + b for any (n, d) inputs (the decision regions, the hover readout)."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self._d:
            raise ValueError(f"X must have shape (n, {self._d}), got {X.shape}")
        with np.errstate(over="ignore", invalid="ignore"):
            return X @ self._theta[: self._d] + self._theta[self._d]

    def predict_proba(self, X: ArrayLike) -> Floats:
        """ŷ = softmax(XW + b), (n, k), by the formula the trainer uses."""
        o = self.logits(X)
        return softmax(o) if self._stable else softmax_naive(o)

    def predict(self, X: ArrayLike) -> Indices:
        """The most likely class of each row (argmax of the logits)."""
        return np.asarray(self.logits(X).argmax(axis=1), dtype=np.intp)

    def loss(self) -> float:
        """Mean cross-entropy over the training set (inf or NaN, not a warning, if naive
        formulas overflow)."""
        return self.figures()[0]

    def accuracy(self) -> float:
        """Share of training examples whose argmax is their class (准确率)."""
        return self.figures()[1]

    def figures(self) -> tuple[float, float]:
        """(loss, accuracy) over the training set, from one product XW + b, remembered for
        the current parameters and formula: several views ask for both at every tick, and on
        the digits each pass costs milliseconds."""
        key = (self._theta.tobytes(), self._stable)
        if self._figures_at is None or self._figures_at[0] != key:
            self._figures_at = (key, self._figures(self._X, self._y))
        return self._figures_at[1]

    def val_loss(self) -> float | None:
        return None if self._val is None else self._figures(*self._val)[0]

    def val_accuracy(self) -> float | None:
        return None if self._val is None else self._figures(*self._val)[1]

    def _figures(self, X: Floats, y: Indices) -> tuple[float, float]:
        """Mean loss and accuracy over one data set, from one product XW + b."""
        if X.shape[0] == 0:
            return float("nan"), float("nan")
        d, theta = self._d, self._theta
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            o = X @ theta[:d] + theta[d]
            if self._stable:
                loss = float(cross_entropy(o, y).mean())
            else:
                loss = float(cross_entropy_naive(softmax_naive(o), y).mean())
        return loss, float((o.argmax(axis=1) == y).mean())

    def _epoch_figures(self) -> tuple[float, float, float | None, float | None, float]:
        train = self._figures(self._X, self._y)
        val = (None, None) if self._val is None else self._figures(*self._val)
        return (*train, *val, float(np.linalg.norm(self._theta[: self._d])))

    # --- stepping --------------------------------------------------------------------------
    def step(self, num_steps: int = 1) -> int:
        """Do up to num_steps minibatch updates; return how many were done (fewer if diverged)."""
        num_steps = int(num_steps)
        if self._diverged or num_steps <= 0 or self._n == 0:
            return 0
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return self._run(num_steps) if self._stable else self._run_naive(num_steps)

    def run_epoch(self) -> int:
        """Step to the end of the current epoch (a whole epoch at an epoch boundary)."""
        return self.step(self.steps_to_epoch(self._epoch + 1))

    def steps_to_epoch(self, epoch: int) -> int:
        """Steps, at the current batch size, until `epoch` epochs are complete (0 if they are)."""
        return self._epochs.steps_to_epoch_end(self._batch_size, epoch - self._epoch)

    def _run(self, num_steps: int) -> int:
        """The stable inner loop, on locals and preallocated buffers (attribute look-ups and
        fresh arrays cost more than the arithmetic at batch 10); history rows are written
        straight into a block reserved from the SoftmaxHistory."""
        n, p, k = self._n, self._d + 1, self._k
        full = min(self._batch_size, n)
        full_buffers = _buffers(full, k, p)
        lr, limit, epochs, shuffle = self._lr, self._limit, self._epochs, self._shuffle
        rows, y_rows, pos = epochs.rows, self._Y_rows, epochs.position
        theta, theta_next = self._theta, self._theta_next
        check = self._check_overflow
        start_epoch = self._start_epoch
        dot, subtract, multiply, divide = np.dot, np.subtract, np.multiply, np.divide
        exp, log, total, largest, vdot = np.exp, np.log, np.add.reduce, np.maximum.reduce, np.vdot
        history = self.history
        row_step, row_loss, row, free, stride = history.reserve()
        steps_before = steps = self._steps
        reason, done = None, None
        for _ in range(num_steps):
            if pos >= n:
                rows, y_rows = start_epoch(shuffle)
                pos = 0
            stop = pos + full
            if stop <= n:
                o, e, col, s, grad, inv_m = full_buffers
            else:  # the short last batch of an epoch
                stop = n
                o, e, col, s, grad, inv_m = _buffers(n - pos, k, p)
            xb, yb = rows[pos:stop], y_rows[pos:stop]  # contiguous: no gather per batch
            dot(xb, theta, out=o)
            largest(o, axis=1, keepdims=True, out=col)
            subtract(o, col, out=o)  # o − max o ≤ 0: every exp ≤ 1
            exp(o, out=e)
            total(e, axis=1, keepdims=True, out=s)  # Σ exp ≥ 1: never log 0
            # Σ log Σ exp − Σ (o_y − max o): the own class's shifted logit picked by the one-hot
            batch_loss = (total(log(s, out=col), axis=None) - vdot(o, yb)) * inv_m
            if not batch_loss < limit:
                reason = REASON_EXPLODED if np.isfinite(batch_loss) else REASON_NONFINITE
                break
            divide(e, s, out=e)  # ŷ
            subtract(e, yb, out=e)  # ŷ − y
            multiply(e, lr * inv_m, out=e)
            dot(xb.T, e, out=grad)  # lr × the batch-mean gradient
            subtract(theta, grad, out=theta_next)
            if check and not np.isfinite(theta_next).all():
                reason = REASON_OVERFLOW
                break
            theta, theta_next = theta_next, theta
            steps += 1
            done = (pos, stop)
            pos = stop
            if not steps % stride:
                if row == free:
                    history.commit(row)
                    row_step, row_loss, row, free, stride = history.reserve()
                if not steps % stride:
                    row_step[row], row_loss[row] = steps, batch_loss
                    row += 1
            if stop == n:
                self._end_epoch(theta, steps, pos)
        history.commit(row)
        return self._finish(theta, theta_next, steps, steps_before, pos, reason, done)

    def _run_naive(self, num_steps: int) -> int:
        """d2l 3.6's formulas step by step: clear rather than fast (a lesson's few steps)."""
        n = self._n
        epochs, pos, steps_before = self._epochs, self._epochs.position, self._steps
        theta, theta_next, steps = self._theta, self._theta_next, self._steps
        reason, done = None, None
        for _ in range(num_steps):
            if pos >= n:
                self._start_epoch(self._shuffle)
                pos = 0
            stop = min(pos + min(self._batch_size, n), n)
            xb, yb = epochs.rows[pos:stop], self._Y_rows[pos:stop]
            e = np.exp(xb @ theta)
            y_hat = e / e.sum(axis=1, keepdims=True)
            picked = (y_hat * yb).sum(axis=1)
            batch_loss = float(-np.log(picked).mean())
            if not batch_loss < self._limit:
                reason = _naive_reason(e, picked, batch_loss)
                break
            theta_next[:] = theta - self._lr * (xb.T @ (y_hat - yb)) / (stop - pos)
            theta, theta_next = theta_next, theta
            steps, done, pos = steps + 1, (pos, stop), stop
            if stop == n:
                self._end_epoch(theta, steps, pos)
            self.history.record_step(steps, batch_loss)
        return self._finish(theta, theta_next, steps, steps_before, pos, reason, done)

    def _start_epoch(self, shuffle: bool) -> tuple[Floats, Floats]:
        """Begin an epoch: the rows of [X, 1] and of one-hot y in its order."""
        epochs = self._epochs
        rows, order = epochs.start_epoch(shuffle)
        if epochs.shuffled:
            np.take(self._Y, order, axis=0, out=self._Y_shuffled)
            self._Y_rows = self._Y_shuffled
        else:
            self._Y_rows = self._Y
        return rows, self._Y_rows

    def _end_epoch(self, theta: Floats, steps: int, pos: int) -> None:
        """Count the epoch and record its figures at the parameters it ended with."""
        self._theta, self._steps, self._epochs.position = theta, steps, pos
        self._epoch += 1
        self.history.record_epoch(self._epoch, *self._epoch_figures())

    def _finish(self, theta: Floats, theta_next: Floats, steps: int, steps_before: int,
                pos: int, reason: str | None, done: tuple[int, int] | None) -> int:
        self._theta, self._theta_next = theta, theta_next
        self._steps, self._epochs.position = steps, pos
        if reason is not None:
            self._diverged, self._reason = True, reason
        if done is not None:
            order = self._epochs.order[done[0]: done[1]].copy()
            self._last = (order, self._lr, theta_next.copy(), theta.copy())
        return steps - steps_before

    # --- saving and restoring ------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Everything the next steps depend on, as plain JSON values (core.softmax_state).

        The data are not included, only their digest; the validation set is the caller's to
        pass again to from_state.
        """
        epochs, last = self._epochs, self._last
        return {
            "kind": KIND, "version": VERSION,
            "n_examples": self._n, "n_features": self._d, "num_classes": self._k,
            "data_sha256": class_data_digest(self._X, self._y, self._k),
            "W": floats_to_json(self.W), "b": floats_to_json(self.b),
            "steps": self._steps, "epoch": self._epoch, "position": epochs.position,
            "epoch_order": epochs.order.tolist() if epochs.shuffled else None,
            "rng": generator_to_json(epochs.rng),
            "settings": {"lr": self._lr, "batch_size": self._batch_size,
                         "shuffle": self._shuffle, "stable": self._stable,
                         "history_capacity": self.history.capacity},
            "limit": self._limit, "diverged": self._diverged,
            "divergence_reason": self._reason,
            "last": None if last is None else {
                "batch": last[0].tolist(), "lr": last[1],
                "before": floats_to_json(last[2]), "after": floats_to_json(last[3])},
            "history": self.history.state(),
        }

    @classmethod
    def from_state(cls, X: ArrayLike, labels: ArrayLike, state: object,
                   X_val: ArrayLike | None = None,
                   labels_val: ArrayLike | None = None) -> SoftmaxTrainer:
        """A trainer that continues exactly where the one that gave `state` stood.

        X and labels must be the data it had (checked by digest); FieldError (a ValueError)
        naming the field when they are not or the state is malformed.
        """
        if require(state, "kind", str) != KIND or require(state, "version", int) != VERSION:
            raise FieldError("kind", f"must be a {KIND} state of version {VERSION}")
        k = require(state, "num_classes", int)
        X_, y_, k = _frozen_data(X, labels, k)
        n, d = X_.shape
        if class_data_digest(X_, y_, k) != require(state, "data_sha256", str):
            raise FieldError("data_sha256", "the state belongs to other data")
        settings = require(state, "settings", dict)
        t = cls(X_, y_, num_classes=k, lr=read_float(settings, "lr", "settings"),
                batch_size=require(settings, "batch_size", int, "settings"),
                shuffle=require(settings, "shuffle", bool, "settings"),
                stable=require(settings, "stable", bool, "settings"), seed=0,
                W0=read_matrix(require(state, "W", list), (d, k), "W"),
                b0=read_matrix(require(state, "b", list), (k,), "b"),
                X_val=X_val, labels_val=labels_val,
                history_capacity=require(settings, "history_capacity", int, "settings"))
        t._restore(state, n, d, k)
        return t

    def _restore(self, state: Any, n: int, d: int, k: int) -> None:
        steps, epoch = require(state, "steps", int), require(state, "epoch", int)
        position = require(state, "position", int)
        if not (0 <= position <= n and steps >= 0 and 0 <= epoch <= steps):
            raise FieldError("position", f"must be 0 … {n} with steps ≥ epoch ≥ 0")
        order = read_permutation(state.get("epoch_order"), n, "epoch_order")
        rng = generator_from_json(state.get("rng"))
        last = require(state, "last", (dict, type(None)))
        saved_last = None
        if last is not None:
            batch = np.array(require(last, "batch", list, "last"), dtype=np.intp)
            if batch.size == 0 or batch.min() < 0 or batch.max() >= n:
                raise FieldError("last.batch", f"must hold example indices below {n}")
            saved_last = (batch, read_float(last, "lr", "last"),
                          read_matrix(last.get("before"), (d + 1, k), "last.before"),
                          read_matrix(last.get("after"), (d + 1, k), "last.after"))
        reason = require(state, "divergence_reason", (str, type(None)))
        diverged, limit = require(state, "diverged", bool), read_float(state, "limit")
        self.history.load_state(state.get("history"), steps, epoch)
        self._epochs.restore(order, position, rng)
        self._Y_rows = self._Y
        if order is not None:
            np.take(self._Y, order, axis=0, out=self._Y_shuffled)
            self._Y_rows = self._Y_shuffled
        self._steps, self._epoch, self._last = steps, epoch, saved_last
        self._diverged, self._reason, self._limit = diverged, reason, limit
        self._start_run_log()  # what came before the saved state is not in it

    # --- rewinding (core.timeline) ---------------------------------------------------------
    def settings(self) -> SoftmaxSettings:
        """The hyperparameters in use now."""
        return SoftmaxSettings(self._lr, self._batch_size, self._shuffle, self._stable)

    def apply_settings(self, settings: SoftmaxSettings) -> None:
        self.lr, self.batch_size = settings.lr, settings.batch_size
        self.shuffle, self.stable = settings.shuffle, settings.stable

    @property
    def at_epoch_boundary(self) -> bool:
        """True between two epochs (and at the start): a checkpoint can be taken."""
        return self._epochs.position == self._n

    def checkpoint(self) -> Checkpoint[SoftmaxSettings]:
        """Where the run stands, at an epoch boundary (ValueError elsewhere)."""
        if not self.at_epoch_boundary or self._diverged:
            raise ValueError("a checkpoint is taken between epochs of a run that has not "
                             "diverged")
        return Checkpoint(self._steps, self._epoch, self._theta.copy(),
                          copy.deepcopy(dict(self._epochs.rng.bit_generator.state)),
                          self.settings())

    def fork(self, at: Checkpoint[SoftmaxSettings]) -> SoftmaxTrainer:
        """A trainer standing at checkpoint `at` of this run: the same data (shared, read-only),
        its own buffers, generator and the history up to there. Its next steps are the ones
        this trainer took from `at` on, bit for bit (given the same settings changes)."""
        new = copy.copy(self)
        new._run_log = self._run_log.truncated(at.steps)  # its own: the same run up to `at`
        rng = np.random.Generator(type(self._epochs.rng.bit_generator)())
        rng.bit_generator.state = copy.deepcopy(at.rng_state)
        new._epochs = self._epochs.fork(rng)
        new._Y_shuffled = np.empty_like(self._Y)
        new._Y_rows = self._Y
        new._theta = np.array(at.theta, dtype=np.float64)
        new._theta_next = new._theta.copy()
        new._steps, new._epoch = at.steps, at.epoch
        new.apply_settings(at.settings)
        new._diverged, new._reason, new._last = False, None, None
        new.history = self.history.truncated(at.steps, at.epoch)
        if at.steps < self._run_log.start_steps:  # a checkpoint from before the record began
            new._start_run_log()
        return new

    # --- the last update, for display ------------------------------------------------------
    @property
    def last_batch(self) -> Indices | None:
        """Indices into X of the last minibatch used (None before the first step)."""
        return None if self._last is None else self._last[0].copy()

    @property
    def last_update(self) -> SoftmaxUpdate | None:
        """The numbers of the last update (recomputed here, so the loop stays lean)."""
        if self._last is None:
            return None
        batch, lr, before, after = self._last
        d, k = self._d, self._k
        Xb, yb = self._X[batch], one_hot(self._y[batch], k)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            o = Xb @ before[:d] + before[d]
            p = softmax(o) if self._stable else softmax_naive(o)
            g = (p - yb) / len(batch)
            loss = cross_entropy(o, self._y[batch]) if self._stable else \
                cross_entropy_naive(p, self._y[batch])
        return SoftmaxUpdate(batch, o, p, yb, Xb.T @ g, g.sum(axis=0), lr,
                             before[:d].copy(), before[d].copy(), after[:d].copy(),
                             after[d].copy(), float(loss.mean()))


def _buffers(m: int, k: int, p: int) -> tuple[Floats, Floats, Floats, Floats, Floats, float]:
    """Scratch arrays for batches of m examples, k classes, p = d + 1 inputs: logits o, exps
    e, a column, the row sums s, the update, and 1/m."""
    return (np.empty((m, k)), np.empty((m, k)), np.empty((m, 1)), np.empty((m, 1)),
            np.empty((p, k)), 1.0 / m)


def _naive_reason(e: Floats, picked: Floats, loss: float) -> str:
    if not np.isfinite(e).all():
        return REASON_EXP_OVERFLOW
    if (picked == 0).any():
        return REASON_LOG_ZERO
    return REASON_EXPLODED if np.isfinite(loss) else REASON_NONFINITE


def _frozen_data(X: ArrayLike, labels: ArrayLike, num_classes: int | None,
                 xname: str = "X", yname: str = "labels") -> tuple[Floats, Indices, int]:
    """Read-only float X (n, d), finite, and class indices (n,); the number of classes."""
    X = np.array(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"{xname} must be 2-D (n, d), got shape {X.shape}")
    if not np.isfinite(X).all():
        raise ValueError(f"{xname} must be finite")
    y = as_labels(labels, num_classes, yname).copy()
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"{xname} has {X.shape[0]} rows but {yname} has {y.shape[0]}")
    k = int(num_classes) if num_classes is not None else max(int(y.max()) + 1 if y.size else 2, 2)
    if not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ValueError(f"softmax regression takes {MIN_CLASSES} to {MAX_CLASSES} classes, "
                         f"got {k}")
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y, k


def _matrix(a: ArrayLike, shape: tuple[int, ...], name: str) -> Floats:
    out = np.array(a, dtype=np.float64)
    if out.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {out.shape}")
    if not np.isfinite(out).all():
        raise ValueError(f"{name} must be finite")
    return out
