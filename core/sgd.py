"""Minibatch stochastic gradient descent for a linear model, d2l's loop made exact and fast.

Semantics (DESIGN.md §3): an epoch visits every example once, in batches of ``batch_size``;
the last batch of an epoch may be shorter; the gradient of a batch is the gradient of the mean
loss over the examples actually in it. Randomness comes from one ``np.random.default_rng(seed)``
used in this order: first ``w0 = rng.normal(0, 0.01, size=d)`` (only when ``w0`` is None), then
one ``rng.permutation(n)`` at the start of every epoch that is shuffled. Same arguments, seed
and calls give the same numbers bit for bit, whether stepped 1 at a time or 1000 at a time.

Speed: the training set is kept as one array Z = [X, 1, −y], so with θ = [w, b, 1] a batch's
residual is a single ``Zb @ θ`` and its gradient a single ``r @ Zb`` (the last entry unused).
Each shuffled epoch gathers Z[perm] once, so every batch is a contiguous slice (a view). The
parameters live in two preallocated buffers used in turn, so the previous parameters survive
an update; history goes into preallocated arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab.core.history import History
from linreg_lab.core.losses import Loss, get_loss
from linreg_lab.core.notation import LossKind
from linreg_lab.core.shapes import as_xy
from linreg_lab.core.stats import SufficientStats
from linreg_lab.core.trainer_state import (
    STATE_VERSION,
    LastUpdate,
    TrainerSettings,
    TrainerSnapshot,
    data_digest,
    read_settings,
    read_trainer_state,
    trainer_to_json,
)

__all__ = ["EXPLODE_FACTOR", "History", "SGDTrainer", "StepRecord"]

EXPLODE_FACTOR = 1e10  # a minibatch loss this many times the starting loss counts as diverged
_KIND = {"squared": 0, "absolute": 1, "huber": 2}
_REASON_NONFINITE = "non-finite loss"
_REASON_EXPLODED = f"loss exploded (×{EXPLODE_FACTOR:.0e} its starting value)"
_REASON_OVERFLOW = "parameters overflowed"
_OVERFLOW_GUARD = 1e300  # above this bound on one update, every update is checked for inf


@dataclass(frozen=True)
class StepRecord:
    """The numbers of one minibatch update, for the formula panel.

    grad_w, grad_b: gradient of the mean batch loss at (w_before, b_before);
    w_after = w_before − lr·grad_w up to rounding (w_after is the trainer's actual value).
    """

    batch: np.ndarray  # indices into X
    grad_w: np.ndarray
    grad_b: float
    lr: float
    w_before: np.ndarray
    b_before: float
    w_after: np.ndarray
    b_after: float
    batch_loss: float
    loss_name: str



def _check_xy(X, y, xname: str, yname: str) -> tuple[np.ndarray, np.ndarray]:
    """Read-only float64 copies, with shapes checked (y must be (n,), not (n, 1))."""
    X, y = as_xy(X, y, xname, yname)
    X, y = X.copy(), y.copy()
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError(f"{xname} and {yname} must be finite")
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


def _positive(value, what: str) -> float:
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

    def __init__(
        self,
        X,
        y,
        *,
        lr: float = 0.03,
        batch_size: int = 10,
        shuffle: bool = True,
        seed=None,
        w0=None,
        b0: float = 0.0,
        loss: str = "squared",
        huber_delta: float = 1.0,
        X_val=None,
        y_val=None,
        history_capacity: int = 65536,
    ) -> None:
        X, y = _check_xy(X, y, "X", "y")
        n, d = X.shape
        self._X, self._y, self._n, self._d = X, y, n, d
        self._rng = np.random.default_rng(seed)
        # documented order: w0 first, then one permutation per shuffled epoch
        w = self._rng.normal(0.0, 0.01, size=d) if w0 is None else np.asarray(w0, dtype=float)
        if w.shape != (d,) or not np.isfinite(w).all() or not np.isfinite(b0):
            raise ValueError(f"w0 must be a finite array of shape ({d},) and b0 finite")
        self._init_data_buffers()
        self._init_theta(w, float(b0))
        self.lr, self.batch_size, self.shuffle = lr, batch_size, shuffle
        self.loss_name, self.huber_delta = loss, huber_delta
        self._stats = SufficientStats.from_data(X, y)
        self._init_validation(X_val, y_val)
        self._steps = self._epoch = 0
        self._diverged = False
        self._reason: str | None = None
        self._thresholds: dict[tuple[int, float], float] = {}
        self._last: LastUpdate | None = None
        self.history = History(d, history_capacity, self._evaluate_rows, self._theta)

    def _init_data_buffers(self) -> None:
        n, d = self._n, self._d
        Z = np.empty((n, d + 2))
        Z[:, :d] = self._X
        Z[:, d] = 1.0
        Z[:, d + 1] = -self._y
        Z.flags.writeable = False
        self._Z = Z
        self._Zp = np.empty_like(Z)  # this epoch's gathered copy when shuffled
        self._Zcur = Z
        self._order = np.arange(n)
        self._perm = self._order
        self._pos = n  # at an epoch boundary: the first step starts epoch 1
        self._zmax = float(np.abs(Z).max()) if n else 1.0
        self._rbuf = np.empty(0)

    def _init_theta(self, w: np.ndarray, b: float) -> None:
        d = self._d
        self._theta = np.empty(d + 2)
        self._theta[:d], self._theta[d], self._theta[d + 1] = w, b, 1.0
        self._alt = self._theta.copy()
        self._scratch = self._theta.copy()
        self._g = np.empty(d + 2)

    def _init_validation(self, X_val, y_val) -> None:
        if (X_val is None) != (y_val is None):
            raise ValueError("give both X_val and y_val, or neither")
        self._X_val = self._y_val = self._val_stats = None
        if X_val is None:
            return
        X_val, y_val = _check_xy(X_val, y_val, "X_val", "y_val")
        if X_val.shape[1] != self._d:
            raise ValueError(f"X_val has {X_val.shape[1]} features, X has {self._d}")
        if X_val.shape[0] > 0:
            self._X_val, self._y_val = X_val, y_val
            self._val_stats = SufficientStats.from_data(X_val, y_val)

    # --- hyperparameters -------------------------------------------------------------------
    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _positive(value, "lr")

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        if isinstance(value, bool) or int(value) != value or value < 1:
            raise ValueError(f"batch_size must be a positive integer, got {value!r}")
        self._batch_size = int(value)

    @property
    def shuffle(self) -> bool:
        return self._shuffle

    @shuffle.setter
    def shuffle(self, value: bool) -> None:
        self._shuffle = bool(value)

    @property
    def loss_name(self) -> str:
        return self._loss.name

    @loss_name.setter
    def loss_name(self, name: str) -> None:
        self._loss: Loss = get_loss(name)
        self._kind = _KIND[name]

    @property
    def huber_delta(self) -> float:
        return self._huber_delta

    @huber_delta.setter
    def huber_delta(self, value: float) -> None:
        self._huber_delta = _positive(value, "huber_delta")

    # --- state -----------------------------------------------------------------------------
    @property
    def w(self) -> np.ndarray:
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
        return self._pos % self._n if self._n else 0

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
        return self._stats

    def stability_limit(self) -> float:
        """Full-batch GD on squared loss converges for lr below this (2 / λmax)."""
        return self._stats.stability_limit()

    def loss(self) -> float:
        """Mean of the selected loss over the training set at the current (w, b)."""
        return self._mean_loss(self._theta[: self._d + 1], self._kind, self._X, self._y)

    def val_loss(self) -> float | None:
        """Mean of the selected loss over the validation set, or None without one."""
        if self._X_val is None:
            return None
        return self._mean_loss(self._theta[: self._d + 1], self._kind, self._X_val, self._y_val)

    # --- saving and restoring ------------------------------------------------------------
    STATE_VERSION = STATE_VERSION

    def state(self) -> dict:
        """Everything the next steps depend on, as plain JSON values (core.exact_json floats).

        Parameters, counters, the position in the epoch and that epoch's order, the random
        generator's full state, the hyperparameters, divergence, the last update and the
        history. The data are not included: a SHA-256 of X and y is, so that from_state can
        refuse other data. The validation set is the caller's to pass again.
        """
        return trainer_to_json(self._snapshot())

    def _snapshot(self) -> TrainerSnapshot:
        d = self._d
        shuffled = self._Zcur is not self._Z
        settings = TrainerSettings(
            lr=self._lr, batch_size=self._batch_size, shuffle=self._shuffle,
            loss=LossKind(self.loss_name), huber_delta=self._huber_delta,
            history_capacity=self.history.capacity,
        )
        return TrainerSnapshot(
            n_examples=self._n, n_features=d, data_sha256=data_digest(self._X, self._y),
            w=self._theta[:d], b=float(self._theta[d]), steps=self._steps, epoch=self._epoch,
            position=self._pos, epoch_order=self._perm if shuffled else None, rng=self._rng,
            settings=settings, diverged=self._diverged, divergence_reason=self._reason,
            last=self._last, history=self.history.snapshot(),
        )

    @classmethod
    def from_state(cls, X, y, state: dict, X_val=None, y_val=None) -> SGDTrainer:
        """A trainer that continues exactly where the one that gave `state` stood.

        X, y must be the training data it had (checked by digest); ValueError otherwise or
        when the state is malformed. The next steps are bit-identical to the original's.
        """
        s = read_settings(state)
        t = cls(X, y, lr=s.lr, batch_size=s.batch_size, shuffle=s.shuffle, seed=0, w0=None,
                b0=0.0, loss=s.loss, huber_delta=s.huber_delta, X_val=X_val, y_val=y_val,
                history_capacity=s.history_capacity)
        t._restore(read_trainer_state(
            state, s, n_examples=t._n, n_features=t._d,
            data_sha256=data_digest(t._X, t._y), history_capacity=t.history.capacity,
        ))
        return t

    def _restore(self, snap: TrainerSnapshot) -> None:
        self.history.restore(snap.history)
        self._init_theta(snap.w, snap.b)
        self._steps, self._epoch, self._pos = snap.steps, snap.epoch, snap.position
        if snap.epoch_order is None:
            self._Zcur, self._perm = self._Z, self._order
        else:
            np.take(self._Z, snap.epoch_order, axis=0, out=self._Zp)
            self._Zcur, self._perm = self._Zp, snap.epoch_order
        self._rng = snap.rng
        self._diverged, self._reason = snap.diverged, snap.divergence_reason
        self._last = snap.last

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
        n = self._n
        if epoch <= self._epoch or n == 0:
            return 0
        bs = min(self._batch_size, n)
        remaining = n - self._pos % n  # examples left in the current epoch
        per_epoch = -(-n // bs)
        return -(-remaining // bs) + (epoch - self._epoch - 1) * per_epoch

    def _start_epoch(self) -> tuple[np.ndarray, np.ndarray]:
        if not self._shuffle:
            return self._Z, self._order
        perm = self._rng.permutation(self._n)
        np.take(self._Z, perm, axis=0, out=self._Zp)
        return self._Zp, perm

    def _run(self, k: int) -> int:
        """The inner loop. Everything it touches is a local: attribute lookups cost here."""
        n, d = self._n, self._d
        bs = min(self._batch_size, n)
        lr, kind, delta = self._lr, self._kind, self._huber_delta
        value_r, grad_r = self._loss.value_r, self._loss.grad_r
        thr = self._threshold()
        careful = self._needs_overflow_check(thr)
        c_full, hm_full = lr / bs, 0.5 / bs
        r_full = self._rbuf if self._rbuf.shape[0] == bs else np.empty(bs)
        self._rbuf = r_full
        Zp, perm, pos = self._Zcur, self._perm, self._pos
        th, alt = self._theta, self._alt
        p = d + 1
        thv, altv, scv = th[:p], alt[:p], self._scratch[:p]
        g = self._g
        gv = g[:p]
        h = self.history
        hl, hw, cap = h._loss, h._theta, h._capacity
        cnt, nxt, stride = h._count, h._next, h._stride
        t0 = t = self._steps
        epoch = self._epoch
        mul, sub, isfinite = np.multiply, np.subtract, np.isfinite
        reason = None
        lperm, ls, le = perm, pos, pos
        for _ in range(k):
            if pos >= n:
                Zp, perm = self._start_epoch()
                pos = 0
            e = pos + bs
            if e > n:  # the short last batch of an epoch
                e = n
                r = np.empty(n - pos)
                c, hm = lr / (n - pos), 0.5 / (n - pos)
            else:
                r, c, hm = r_full, c_full, hm_full
            Zb = Zp[pos:e]
            Zb.dot(th, out=r)  # residual ŷ − y, via the −y column
            if kind == 0:
                bl = r.dot(r) * hm
                psi = r
            else:
                bl = value_r(r, delta).mean()
                psi = grad_r(r, delta)
            if not bl < thr:
                reason = _REASON_EXPLODED if np.isfinite(bl) else _REASON_NONFINITE
                break
            psi.dot(Zb, out=g)
            mul(gv, c, out=gv)
            if careful:
                sub(thv, gv, out=scv)
                if not isfinite(scv).all():
                    reason = _REASON_OVERFLOW
                    break
                altv[:] = scv
            else:
                sub(thv, gv, out=altv)
            th, alt, thv, altv = alt, th, altv, thv
            t += 1
            lperm, ls, le = perm, pos, e
            pos = e
            if t == nxt:
                hl[cnt] = bl
                hw[cnt] = thv
                cnt += 1
                nxt += stride
                if cnt == cap:
                    h._count = cnt
                    h._halve_steps()
                    cnt, nxt, stride = h._count, h._next, h._stride
            if e == n:
                epoch += 1
                h._record_epoch(epoch, thv, kind, delta)
        self._Zcur, self._perm, self._pos = Zp, perm, pos
        self._theta, self._alt = th, alt
        h._count, h._next, h._stride = cnt, nxt, stride
        self._steps, self._epoch = t, epoch
        if reason is not None:
            self._diverged, self._reason = True, reason
        if t > t0:
            self._last = LastUpdate(lperm, ls, le, lr, LossKind(self._loss.name), delta,
                                    alt[:p].copy(), th[:p].copy())
        return t - t0

    # --- divergence ------------------------------------------------------------------------
    def _threshold(self) -> float:
        """EXPLODE_FACTOR × the starting loss (or the loss at 0 if larger) of the selected loss."""
        key = (self._kind, self._huber_delta if self._kind == 2 else 0.0)
        thr = self._thresholds.get(key)
        if thr is None:
            start = self.history._start
            zero = np.zeros(self._d + 1)
            ref = max(
                self._mean_loss(start, self._kind, self._X, self._y),
                self._mean_loss(zero, self._kind, self._X, self._y),
                1e-300,
            )
            thr = self._thresholds[key] = EXPLODE_FACTOR * ref
        return thr

    def _needs_overflow_check(self, thr: float) -> bool:
        """True if one update could overflow: then every update is checked for inf.

        A passing loss check bounds the mean |dloss/dŷ| of the batch (by sqrt(2·thr) for
        squared loss, 1 for absolute, delta for Huber), so |Δθ| ≤ lr · that · max|Z|.
        """
        psi_bound = (np.sqrt(2 * thr), 1.0, self._huber_delta)[self._kind]
        bound = self._lr * psi_bound * self._zmax
        return not bound < _OVERFLOW_GUARD

    # --- losses of parameter sets ----------------------------------------------------------
    def _mean_loss(self, theta_v: np.ndarray, kind: int, X, y) -> float:
        d = self._d
        if kind == 0:
            stats = self._stats if X is self._X else self._val_stats
            return stats.loss(theta_v[:d], theta_v[d])
        if X.shape[0] == 0:
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            r = X @ theta_v[:d] + theta_v[d] - y
            loss = (get_loss("absolute") if kind == 1 else get_loss("huber")).value_r
            return float(loss(r, self._huber_delta).mean())

    def _evaluate_rows(self, thetas, kinds, deltas) -> tuple[np.ndarray, np.ndarray | None]:
        """Training (and validation) mean losses for parameter rows, for the epoch history."""
        has_val = self._X_val is not None
        train = np.empty(len(thetas))
        val = np.empty(len(thetas)) if has_val else None
        with np.errstate(over="ignore", invalid="ignore"):
            sq = kinds == 0
            if sq.any():
                W, B = thetas[sq, : self._d], thetas[sq, self._d]
                train[sq] = self._stats.losses(W, B)
                if has_val:
                    val[sq] = self._val_stats.losses(W, B)
            for i in np.flatnonzero(~sq):
                train[i] = self._robust_loss(thetas[i], kinds[i], deltas[i], self._X, self._y)
                if has_val:
                    val[i] = self._robust_loss(
                        thetas[i], kinds[i], deltas[i], self._X_val, self._y_val
                    )
        return train, val

    def _robust_loss(self, theta_v, kind, delta, X, y) -> float:
        r = X @ theta_v[: self._d] + theta_v[self._d] - y
        loss = get_loss("absolute" if kind == 1 else "huber")
        return float(loss.value_r(r, float(delta)).mean())

    # --- the last update, for display ------------------------------------------------------
    @property
    def last_batch(self) -> np.ndarray | None:
        """Indices into X of the last minibatch used (None before the first step)."""
        if self._last is None:
            return None
        return self._last.batch.copy()

    @property
    def last_update(self) -> StepRecord | None:
        """The numbers of the last update (recomputed on demand, so the loop stays lean)."""
        if self._last is None:
            return None
        last = self._last
        idx, lr, delta, before, after = (last.batch.copy(), last.lr, last.huber_delta,
                                         last.before, last.after)
        d = self._d
        Xb = self._X[idx]
        loss = get_loss(last.loss)
        with np.errstate(over="ignore", invalid="ignore"):
            r = Xb @ before[:d] + before[d] - self._y[idx]
            psi = loss.grad_r(r, delta)
            grad_w = psi @ Xb / len(idx)
            batch_loss = float(loss.value_r(r, delta).mean())
        return StepRecord(
            batch=idx,
            grad_w=grad_w,
            grad_b=float(psi.mean()),
            lr=lr,
            w_before=before[:d].copy(),
            b_before=float(before[d]),
            w_after=after[:d].copy(),
            b_after=float(after[d]),
            batch_loss=batch_loss,
            loss_name=loss.name,
        )
