"""Minibatch stochastic gradient descent for a linear model, d2l's loop made exact and fast.

Semantics (DESIGN.md §3): an epoch visits every example once, in batches of ``batch_size``;
the last batch of an epoch may be shorter; the gradient of a batch is the gradient of the mean
loss over the examples actually in it. Randomness comes from one ``np.random.default_rng(seed)``
used in this order: first ``w0 = rng.normal(0, 0.01, size=d)`` (only when ``w0`` is None), then
one ``rng.permutation(n)`` at the start of every epoch that is shuffled. Same arguments, seed
and calls give the same numbers bit for bit, whether stepped 1 at a time or 1000 at a time.

Speed: the training set is kept as one array Z = [X, 1, −y], so with θ = [w, b, 1] a batch's
residual is a single ``Zb @ θ`` and its gradient a single ``r @ Zb`` (the last entry unused);
each shuffled epoch gathers Z[perm] once, so every batch is a contiguous slice (a view, see
core.epoch_order). The parameters live in two preallocated buffers used in turn, so the
previous parameters survive an update; history goes into preallocated rows (core.history).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from linreg_lab.core.array_types import Floats, Ints, SeedLike
from linreg_lab.core.divergence import (
    EXPLODE_FACTOR,
    REASON_EXPLODED,
    REASON_NONFINITE,
    REASON_OVERFLOW,
    divergence_limit,
    needs_overflow_check,
    safe_radius,
    update_bound,
)
from linreg_lab.core.epoch_order import EpochOrder
from linreg_lab.core.history import History, HistoryMark
from linreg_lab.core.losses import Loss, get_loss
from linreg_lab.core.mean_losses import MeanLosses
from linreg_lab.core.notation import UPDATE_RULES, LossKind, UpdateRule, step_factor
from linreg_lab.core.run_progress import RunEnd, RunProgress
from linreg_lab.core.run_record import RunLog, RunRecord, RunSettings
from linreg_lab.core.shapes import as_vector, frozen_xy
from linreg_lab.core.stability import StabilityLimits
from linreg_lab.core.stats import SufficientStats
from linreg_lab.core.step_record import StepRecord, step_record
from linreg_lab.core.trainer_state import (
    STATE_VERSION,
    Checkpoint,
    LastUpdate,
    TrainerSettings,
    TrainerSnapshot,
    data_digest,
    read_settings,
    read_trainer_state,
    trainer_to_json,
)

__all__ = ["EXPLODE_FACTOR", "History", "SGDTrainer", "StepRecord"]



def _positive(value: float, what: str) -> float:
    value = float(value)
    if not (value > 0 and np.isfinite(value)):
        raise ValueError(f"{what} must be a positive finite number, got {value}")
    return value


class SGDTrainer:
    """Minibatch SGD on ½(ŷ − y)² (or absolute / Huber loss) for ŷ = X w + b.

    lr, batch_size, shuffle, loss_name and huber_delta may be changed between steps without a
    reset. A new batch size applies from the next batch, continuing the current epoch where it
    stands; a new shuffle setting applies from the next epoch (an epoch keeps its order so it
    still visits every example once).
    """

    STATE_VERSION = STATE_VERSION

    def __init__(
        self,
        X: ArrayLike,
        y: ArrayLike,
        *,
        lr: float = 0.03,
        batch_size: int = 10,
        shuffle: bool = True,
        seed: SeedLike | np.random.SeedSequence = None,
        w0: ArrayLike | None = None,
        b0: float = 0.0,
        loss: str = LossKind.SQUARED,
        huber_delta: float = 1.0,
        update: str = UpdateRule.MEAN,
        X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
        history_capacity: int = 65536,
        stats: SufficientStats | None = None,
        val_stats: SufficientStats | None = None,
        table: Floats | None = None,
        stability: StabilityLimits | None = None,
    ) -> None:
        """stats and val_stats: sufficient statistics of exactly (X, y) and (X_val, y_val)
        when the caller has them already (updated by an edit of one point, say), so the
        trainer takes new data without two passes over them; None computes them. table:
        the `table` of an earlier trainer on exactly these X, y (read-only, shared), so a
        new run on the same data (undo back to them) does not build it again. stability: the
        `stability_limits` of an earlier trainer on exactly these X, for the same reason."""
        X, y = frozen_xy(X, y)
        n, d = X.shape
        self._X, self._y, self._n, self._d = X, y, n, d
        rng = np.random.default_rng(seed)
        # documented order: w0 first, then one permutation per shuffled epoch
        w = np.asarray(rng.normal(0.0, 0.01, size=d)) if w0 is None else as_vector(w0, d, "w0")
        if not np.isfinite(w).all() or not np.isfinite(b0):
            raise ValueError("w0 and b0 must be finite")
        self._epochs = EpochOrder(X, y, rng, table)
        self._residual = np.empty(0)
        self._init_theta(w, float(b0))
        self.lr, self.batch_size, self.shuffle = lr, batch_size, shuffle
        self.update = update
        self.loss_name, self.huber_delta = loss, huber_delta
        self._train = MeanLosses(X, y, self._checked_stats(stats, X.shape))
        self._val = self._validation(X_val, y_val, val_stats)
        data_max = max(self._train.max_abs, self._val.max_abs if self._val else 1.0)
        self._safe_radius = safe_radius(data_max, d + 1)  # losses finite for |θ_j| within
        self._steps = self._epoch = 0
        self._diverged = False
        self._reason: str | None = None
        self._limits: dict[tuple[LossKind, float], float] = {}
        self._stability: StabilityLimits | None = (
            stability if stability is not None and stability.n_examples == n else None)
        self._last: LastUpdate | None = None
        self.history = History(d, history_capacity, self._epoch_losses, self._theta)
        self._start_run_log()
        self._flag_nonfinite_loss()  # a start so far off that its loss overflows

    def _init_theta(self, w: Floats, b: float) -> None:
        """θ = [w, b, 1] (the 1 meets Z's −y column), a spare for the next θ, scratch space."""
        d = self._d
        self._theta = np.empty(d + 2)
        self._theta[:d], self._theta[d], self._theta[d + 1] = w, b, 1.0
        self._theta_next = self._theta.copy()
        self._trial = self._theta.copy()
        self._grad = np.empty(d + 2)

    @staticmethod
    def _checked_stats(stats: SufficientStats | None,
                       shape: tuple[int, ...]) -> SufficientStats | None:
        if stats is not None and (stats.n, stats.n_features) != tuple(shape):
            raise ValueError(f"stats summarise {stats.n} × {stats.n_features} data, not "
                             f"{shape[0]} × {shape[1]}")
        return stats

    def replace_stats(self, stats: SufficientStats, val_stats: SufficientStats | None) -> None:
        """Statistics of the same data computed afresh (exactly, from the data) take the
        place of ones that edits updated incrementally; the two agree to rounding."""
        self._checked_stats(stats, self._X.shape)
        if self._val is not None and val_stats is not None:
            self._checked_stats(val_stats, self._val.shape)
            self._val.stats = val_stats
        self._train.stats = stats
        self._limits.clear()

    def _validation(self, X_val: ArrayLike | None, y_val: ArrayLike | None,
                    stats: SufficientStats | None = None) -> MeanLosses | None:
        if (X_val is None) != (y_val is None):
            raise ValueError("give both X_val and y_val, or neither")
        if X_val is None or y_val is None:
            return None
        X_val, y_val = frozen_xy(X_val, y_val, "X_val", "y_val")
        if X_val.shape[1] != self._d:
            raise ValueError(f"X_val has {X_val.shape[1]} features, X has {self._d}")
        if X_val.shape[0] == 0:
            return None
        return MeanLosses(X_val, y_val, self._checked_stats(stats, X_val.shape))

    # --- hyperparameters -------------------------------------------------------------------
    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _positive(value, "lr")
        self._note_settings()

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
    def update(self) -> UpdateRule:
        """How a batch's gradient becomes a step (core.notation.UpdateRule): the exact mean
        (default), d2l's sgd (÷ batch_size) or the plain sum."""
        return self._update

    @update.setter
    def update(self, value: str) -> None:
        if value not in UPDATE_RULES:
            raise ValueError(f"update must be one of {UPDATE_RULES}, got {value!r}")
        self._update = UpdateRule(value)
        self._note_settings()

    @property
    def shuffle(self) -> bool:
        return self._shuffle

    @shuffle.setter
    def shuffle(self, value: bool) -> None:
        self._shuffle = bool(value)
        self._note_settings()

    @property
    def loss_name(self) -> LossKind:
        """The loss trained on: a LossKind, equal to its plain name ("squared", …)."""
        return self._loss_kind

    @loss_name.setter
    def loss_name(self, name: str) -> None:
        self._loss: Loss = get_loss(name)
        self._loss_kind = LossKind(name)
        self._note_settings()
        self._flag_nonfinite_loss()

    @property
    def huber_delta(self) -> float:
        return self._huber_delta

    @huber_delta.setter
    def huber_delta(self, value: float) -> None:
        self._huber_delta = _positive(value, "huber_delta")
        self._note_settings()
        self._flag_nonfinite_loss()

    def _run_settings(self) -> RunSettings:
        return RunSettings(self._lr, self._batch_size, self._shuffle, self._loss_kind,
                           self._huber_delta, self._update)

    def _note_settings(self) -> None:
        """Log a settings change for run_record (setters run in __init__ before the log)."""
        if "_run_log" in self.__dict__:
            self._run_log.note(self._steps, self._run_settings())

    def _start_run_log(self) -> None:
        """Record from here: the parameters, generator, epoch position and settings now."""
        epochs = self._epochs
        self._run_log = RunLog(
            self._n, self._theta[: self._d], float(self._theta[self._d]), epochs.rng,
            self._steps, self._epoch, epochs.position,
            epochs.order if epochs.shuffled else None, self._run_settings())

    def run_record(self) -> RunRecord:
        """How this trainer got where it stands: its start (parameters, generator state, epoch
        position) and the steps taken under each setting since, so the run can be redone."""
        return self._run_log.record(self._steps)

    # --- state -----------------------------------------------------------------------------
    @property
    def w(self) -> Floats:
        return self._theta[: self._d].copy()

    @property
    def b(self) -> float:
        return float(self._theta[self._d])

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
    def n_examples(self) -> int:
        return self._n

    @property
    def diverged(self) -> bool:
        return self._diverged

    @property
    def divergence_reason(self) -> str | None:
        return self._reason

    @property
    def stats(self) -> SufficientStats:
        """Sufficient statistics of the training set (loss landscape in O(d²) per point)."""
        return self._train.stats

    @property
    def val_stats(self) -> SufficientStats | None:
        """Sufficient statistics of the validation set (None without one)."""
        return self._val.stats if self._val is not None else None

    @property
    def table(self) -> Floats:
        """The training data as the loop reads them, Z = [X, 1, −y] (read-only): another
        trainer on exactly these data can share it (the `table` argument)."""
        return self._epochs.Z

    def offer_table(self, table: Floats) -> bool:
        """Take `table` (Z of exactly this trainer's data, read-only, e.g. built on a worker
        thread) unless one is built already; True if it is the trainer's table now."""
        return self._epochs.offer_table(table)

    @property
    def known_table(self) -> Floats | None:
        """`table` if it was built already (by a step, say), else None: no pass is made."""
        return self._epochs.Z if self._epochs.built else None

    def stability_limit(self, batch_size: int | None = None) -> float:
        """Full-batch GD on squared loss converges for lr below this (2 / λmax); with a
        batch size below n, the minibatch limit for it (core.stability: smaller, since small
        batches can diverge below 2 / λmax)."""
        if batch_size is None or batch_size >= self._n:
            return self._train.stats.stability_limit()
        return min(self.stability_limits.for_batch(batch_size),
                   self._train.stats.stability_limit())

    @property
    def stability_limits(self) -> StabilityLimits:
        """The minibatch limits of the training X (one O(n d²) pass, the first time)."""
        if self._stability is None:
            self._stability = StabilityLimits(self._X)
        return self._stability

    @property
    def known_stability_limits(self) -> StabilityLimits | None:
        """stability_limits if they were asked for already, else None (no pass is made):
        an edit of one point updates known limits in O(d³) (StabilityLimits.edited)."""
        return self._stability

    def loss(self) -> float:
        """Mean of the selected loss over the training set at the current (w, b); inf (not a
        warning) if it overflows, which only a diverged trainer's can."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self._train.mean(self._theta, self._loss_kind, self._huber_delta)

    def val_loss(self) -> float | None:
        """Mean of the selected loss over the validation set, or None without one."""
        if self._val is None:
            return None
        with np.errstate(over="ignore", invalid="ignore"):
            return self._val.mean(self._theta, self._loss_kind, self._huber_delta)

    def _epoch_losses(
        self, thetas: Floats, kinds: Ints, deltas: Floats
    ) -> tuple[Floats, Floats | None]:
        """Training and validation losses of epoch-end parameter rows (History evaluates)."""
        val = None if self._val is None else self._val.rows(thetas, kinds, deltas)
        return self._train.rows(thetas, kinds, deltas), val

    # --- saving and restoring ------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Everything the next steps depend on, as plain JSON values (core.exact_json floats).

        Parameters, counters, the position in the epoch and that epoch's order, the random
        generator's full state, the hyperparameters, divergence, the last update and the
        history. The data are not included: a SHA-256 of X and y is, so that from_state can
        refuse other data. The validation set is the caller's to pass again.
        """
        return trainer_to_json(self._snapshot())

    def settings(self) -> TrainerSettings:
        """The hyperparameters in use now."""
        return TrainerSettings(
            lr=self._lr, batch_size=self._batch_size, shuffle=self._shuffle,
            loss=self._loss_kind, huber_delta=self._huber_delta,
            history_capacity=self.history.capacity, update=self._update,
        )

    def apply_settings(self, settings: TrainerSettings) -> None:
        """Set the live hyperparameters (not the history's capacity) from `settings`."""
        self.lr, self.batch_size, self.shuffle = (settings.lr, settings.batch_size,
                                                  settings.shuffle)
        self.loss_name, self.huber_delta = settings.loss, settings.huber_delta
        self.update = settings.update

    # --- rewinding (core.timeline) ---------------------------------------------------------
    @property
    def at_epoch_boundary(self) -> bool:
        """True between two epochs (and at the start): a checkpoint can be taken."""
        return self._epochs.position == self._n

    def checkpoint(self) -> Checkpoint[TrainerSettings]:
        """Where the run stands, at an epoch boundary (ValueError elsewhere)."""
        if not self.at_epoch_boundary or self._diverged:
            raise ValueError("a checkpoint is taken between epochs of a run that has not "
                             "diverged")
        return Checkpoint(self._steps, self._epoch, self._theta[:self._d + 1].copy(),
                          copy.deepcopy(dict(self._epochs.rng.bit_generator.state)),
                          self.settings())

    def fork(self, at: Checkpoint[TrainerSettings]) -> SGDTrainer:
        """A trainer standing at checkpoint `at` of this run: the same data (shared, read-only),
        its own buffers, generator and the history up to there. Its next steps are the ones
        this trainer took from `at` on, bit for bit (given the same settings changes)."""
        new = copy.copy(self)
        new._run_log = self._run_log.truncated(at.steps)  # its own: the same run up to `at`
        rng = np.random.Generator(type(self._epochs.rng.bit_generator)())
        rng.bit_generator.state = copy.deepcopy(at.rng_state)
        new._epochs = self._epochs.fork(rng)
        new._residual = np.empty(0)
        new._init_theta(at.theta[:self._d], float(at.theta[self._d]))
        new._steps, new._epoch = at.steps, at.epoch  # before the settings: the log notes them
        new.apply_settings(at.settings)
        new._diverged, new._reason, new._last = False, None, None
        new._limits = dict(self._limits)
        new.history = self.history.truncated(at.steps, at.epoch, new._epoch_losses)
        if at.steps < self._run_log.start_steps:  # a checkpoint from before the record began
            new._start_run_log()
        return new

    def _snapshot(self) -> TrainerSnapshot:
        d, epochs = self._d, self._epochs
        settings = self.settings()
        return TrainerSnapshot(
            n_examples=self._n, n_features=d, data_sha256=data_digest(self._X, self._y),
            w=self._theta[:d], b=float(self._theta[d]), steps=self._steps, epoch=self._epoch,
            position=epochs.position, epoch_order=epochs.order if epochs.shuffled else None,
            rng=epochs.rng,
            settings=settings, diverged=self._diverged, divergence_reason=self._reason,
            last=self._last, history=self.history.snapshot(),
        )

    @classmethod
    def from_state(
        cls, X: ArrayLike, y: ArrayLike, state: dict[str, Any],
        X_val: ArrayLike | None = None, y_val: ArrayLike | None = None,
    ) -> SGDTrainer:
        """A trainer that continues exactly where the one that gave `state` stood.

        X, y must be the training data it had (checked by digest); ValueError otherwise or
        when the state is malformed. The next steps are bit-identical to the original's.
        """
        s = read_settings(state)
        t = cls(X, y, lr=s.lr, batch_size=s.batch_size, shuffle=s.shuffle, seed=0, w0=None,
                b0=0.0, loss=s.loss, huber_delta=s.huber_delta, update=s.update, X_val=X_val,
                y_val=y_val, history_capacity=s.history_capacity)
        t._restore(read_trainer_state(
            state, s, n_examples=t._n, n_features=t._d,
            data_sha256=data_digest(t._X, t._y), history_capacity=t.history.capacity,
        ))
        return t

    def _restore(self, snap: TrainerSnapshot) -> None:
        self.history.restore(snap.history)
        self._init_theta(snap.w, snap.b)
        self._steps, self._epoch = snap.steps, snap.epoch
        self._epochs.restore(snap.epoch_order, snap.position, snap.rng)
        self._diverged, self._reason = snap.diverged, snap.divergence_reason
        self._last = snap.last
        self._start_run_log()  # what came before the saved state is not in the file
        self._flag_nonfinite_loss()

    # --- a copy stepping in another process (core.run_process) -----------------------------
    def progress_mark(self) -> HistoryMark:
        """Where the record stands, for the next `progress`."""
        return self.history.mark()

    def progress(self, since: HistoryMark, end: bool = False) -> RunProgress:
        """What the steps changed since the record stood at `since`; with `end`, also what
        the next steps depend on (the epoch's order, the generator)."""
        last = self._last
        if last is not None:  # the batch alone: the epoch's order is megabytes at 10⁶ rows
            batch = last.batch.copy()
            last = replace(last, order=batch, start=0, stop=batch.size)
        epochs = self._epochs
        run_end = None
        if end:
            order = epochs.order if epochs.shuffled else None
            run_end = RunEnd(order, copy.deepcopy(dict(epochs.rng.bit_generator.state)))
        return RunProgress(self._theta[:self._d + 1].copy(), self._steps, self._epoch,
                           epochs.position, self._diverged, self._reason, last,
                           self.history.tail(since), run_end)

    def take_progress(self, progress: RunProgress) -> None:
        """Stand where a copy of this run stands after its steps (`progress` of the copy,
        taken in order since this trainer's own mark). Until a progress with its end comes,
        only what is shown follows: step only after that one."""
        p = self._d + 1
        self._theta[:p] = progress.theta
        self._steps, self._epoch = progress.steps, progress.epoch
        self._diverged, self._reason = progress.diverged, progress.reason
        self._last = progress.last
        self.history.extend(progress.history)
        if progress.end is None:
            self._epochs.position = progress.position
        else:
            end = progress.end
            self._epochs.resume(end.epoch_order, progress.position, end.rng_state)

    # --- stepping --------------------------------------------------------------------------
    def step(self, num_steps: int = 1) -> int:
        """Do up to num_steps minibatch updates; return how many were done (fewer if diverged)."""
        num_steps = int(num_steps)
        if self._diverged or num_steps <= 0 or self._n == 0:
            return 0
        with np.errstate(over="ignore", invalid="ignore"):
            return self._run(num_steps)

    def run_epoch(self) -> int:
        """Step to the end of the current epoch (a whole epoch at an epoch boundary)."""
        return self.step(self.steps_to_epoch(self._epoch + 1))

    def steps_to_epoch(self, epoch: int) -> int:
        """Steps, at the current batch size, until `epoch` epochs are complete (0 if they are)."""
        return self._epochs.steps_to_epoch_end(self._batch_size, epoch - self._epoch)

    def _residual_buffer(self, m: int) -> Floats:
        """A buffer for m residuals, kept while the batch size stays."""
        if self._residual.shape[0] != m:
            self._residual = np.empty(m)
        return self._residual

    def _run(self, num_steps: int) -> int:
        """The inner loop: everything it touches is a local, since attribute look-ups cost here.

        The loss kind is dispatched once, before the loop; history rows are written straight
        into a block reserved from the History.
        """
        n, p, lr, delta = self._n, self._d + 1, self._lr, self._huber_delta
        full = min(self._batch_size, n)
        rule, nominal = self._update, self._batch_size
        full_scale = lr * step_factor(rule, full, nominal) / full  # × the summed gradient
        full_residual, full_half = self._residual_buffer(full), 0.5 / full
        loss_kind = self._loss_kind
        squared = loss_kind is LossKind.SQUARED  # the loss dispatch, once
        loss_of, slope_of = self._loss.value_r, self._loss.grad_r  # robust losses only
        limit = self._divergence_limit()
        epochs, shuffle = self._epochs, self._shuffle
        bound = update_bound(full_scale * full, loss_kind, delta, limit, epochs.max_abs)
        check_overflow = needs_overflow_check(bound)
        radius = self._safe_radius
        (rows, order, ready), pos = epochs.current(), epochs.position
        theta, theta_next = self._theta, self._theta_next  # [w, b, 1]
        params, params_next, trial = theta[:p], theta_next[:p], self._trial[:p]  # [w, b]
        # Could this run leave the radius where every loss is provably finite? Then the loss
        # at new parameters outside it is checked (an exact test, so chunking changes nothing).
        check_loss = not (max(map(abs, params.tolist())) + num_steps * bound <= radius)
        check = check_overflow or check_loss
        finite_losses = self._finite_losses
        grad = self._grad
        grad_params = grad[:p]
        history = self.history
        row_loss, row_theta, due, stride = history.reserve_steps()
        row, free = 0, row_loss.shape[0]
        steps_before = steps = self._steps
        epoch = self._epoch
        multiply, subtract, isfinite = np.multiply, np.subtract, np.isfinite
        reason = None
        done_order, done_start, done_stop = order, pos, pos  # the last batch stepped on
        for _ in range(num_steps):
            if pos >= n:
                rows, order = epochs.start_epoch(shuffle, lazy=True)
                pos, ready = 0, epochs.ready
            stop = pos + full
            if stop <= n:
                residual, scale, half = full_residual, full_scale, full_half
            else:  # the short last batch of an epoch
                stop, m = n, n - pos
                residual, scale, half = np.empty(m), lr * step_factor(rule, m, nominal) / m, 0.5 / m
            if stop > ready:  # a shuffled epoch's rows are gathered a block ahead
                ready = epochs.gather_to(stop)
            batch = rows[pos:stop]
            batch.dot(theta, out=residual)  # ŷ − y, via the −y column
            if squared:
                batch_loss = residual.dot(residual) * half
                slope = residual  # d loss / d ŷ
            else:
                batch_loss = loss_of(residual, delta).mean()
                slope = slope_of(residual, delta)
            if not batch_loss < limit:
                reason = REASON_EXPLODED if isfinite(batch_loss) else REASON_NONFINITE
                break
            slope.dot(batch, out=grad)
            multiply(grad_params, scale, out=grad_params)  # lr × the batch-mean gradient
            if check:
                subtract(params, grad_params, out=trial)
                if not isfinite(trial).all():
                    reason = REASON_OVERFLOW
                    break
                if check_loss and np.abs(trial).max() > radius and not finite_losses(trial):
                    reason = REASON_NONFINITE  # the update is not taken: the loss stays finite
                    break
                params_next[:] = trial
            else:
                subtract(params, grad_params, out=params_next)
            theta, theta_next, params, params_next = theta_next, theta, params_next, params
            steps += 1
            done_order, done_start, done_stop = order, pos, stop
            pos = stop
            if steps == due:
                row_loss[row] = batch_loss
                row_theta[row] = params
                row += 1
                due += stride
                if row == free:
                    history.commit_steps(row)
                    row_loss, row_theta, due, stride = history.reserve_steps()
                    row, free = 0, row_loss.shape[0]
            if stop == n:
                epoch += 1
                history.record_epoch(epoch, params, loss_kind, delta, steps)
        history.commit_steps(row)
        epochs.position = pos  # rows and order are the epochs' own
        self._theta, self._theta_next = theta, theta_next
        self._steps, self._epoch = steps, epoch
        if reason is not None:
            self._diverged, self._reason = True, reason
        if steps > steps_before:
            self._last = LastUpdate(done_order, done_start, done_stop, lr, loss_kind, delta,
                                    params_next.copy(), params.copy(), full, rule, nominal)
        return steps - steps_before

    # --- divergence ------------------------------------------------------------------------
    def _finite_losses(self, params: Floats) -> bool:
        """True if the training (and validation) loss at params = [w, b] is finite."""
        kind, delta = self._loss_kind, self._huber_delta
        with np.errstate(over="ignore", invalid="ignore"):
            if not np.isfinite(self._train.mean(params, kind, delta)):
                return False
            return self._val is None or bool(np.isfinite(self._val.mean(params, kind, delta)))

    def _flag_nonfinite_loss(self) -> None:
        """diverged means no step is taken and the loss shown is not a number: a start, a
        restored state, or a loss choice whose loss at the current parameters overflows is
        diverged from the outset (steps would only find it at their first minibatch)."""
        if "history" not in self.__dict__ or self._diverged or self._n == 0:
            return  # still being built (setters run in __init__), or nothing to measure
        if not self._finite_losses(self._theta[: self._d + 1]):
            self._diverged, self._reason = True, REASON_NONFINITE

    def _divergence_limit(self) -> float:
        """The minibatch loss that counts as diverged, for the selected loss (cached)."""
        kind, delta = self._loss_kind, self._huber_delta
        key = (kind, delta if kind is LossKind.HUBER else 0.0)
        if key not in self._limits:
            start = np.append(self.history.start_w, self.history.start_b)
            self._limits[key] = divergence_limit(self._train, start, kind, delta)
        return self._limits[key]

    # --- the last update, for display ------------------------------------------------------
    @property
    def last_batch(self) -> NDArray[np.intp] | None:
        """Indices into X of the last minibatch used (None before the first step)."""
        return None if self._last is None else self._last.batch.copy()

    @property
    def last_update(self) -> StepRecord | None:
        """The numbers of the last update (recomputed on demand, so the loop stays lean)."""
        return None if self._last is None else step_record(self._last, self._X, self._y)
