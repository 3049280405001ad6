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

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
    index_array_from_json,
)
from linreg_lab.core.losses import Loss, get_loss
from linreg_lab.core.shapes import as_xy
from linreg_lab.core.stats import SufficientStats

__all__ = ["EXPLODE_FACTOR", "History", "SGDTrainer", "StepRecord"]

EXPLODE_FACTOR = 1e10  # a minibatch loss this many times the starting loss counts as diverged
_KIND = {"squared": 0, "absolute": 1, "huber": 2}
_REASON_NONFINITE = "non-finite loss"
_REASON_EXPLODED = f"loss exploded (×{EXPLODE_FACTOR:.0e} its starting value)"
_REASON_OVERFLOW = "parameters overflowed"
_OVERFLOW_GUARD = 1e300  # above this bound on one update, every update is checked for inf
_MAX_CAPACITY = 1 << 22  # largest history a saved state may ask for (from_state)


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
        evaluate: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple],
        start_theta: np.ndarray,
    ) -> None:
        cap = max(2, int(capacity) + int(capacity) % 2)  # even, so halving is exact
        p = n_features + 1
        self._d = n_features
        self._capacity = cap
        self._loss = np.empty(cap)
        self._theta = np.empty((cap, p))
        self._count, self._stride, self._next = 0, 1, 1
        self._ep_theta = np.empty((cap, p))
        self._ep_kind = np.empty(cap, dtype=np.int8)
        self._ep_delta = np.empty(cap)
        self._ep_train = np.empty(cap)
        self._ep_val = np.empty(cap)
        self._ep_count, self._ep_stride, self._ep_next, self._ep_done = 0, 1, 1, 0
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
    def start_w(self) -> np.ndarray:
        """Parameters before the first step (the landscape path starts here)."""
        return self._start[: self._d].copy()

    @property
    def start_b(self) -> float:
        return float(self._start[self._d])

    @property
    def step_index(self) -> np.ndarray:
        return (np.arange(self._count, dtype=np.int64) + 1) * self._stride

    @property
    def step_loss(self) -> np.ndarray:
        return self._loss[: self._count].copy()

    @property
    def step_w(self) -> np.ndarray:
        """(k, d) parameters after each recorded step."""
        return self._theta[: self._count, : self._d].copy()

    @property
    def step_b(self) -> np.ndarray:
        return self._theta[: self._count, self._d].copy()

    @property
    def epoch_index(self) -> np.ndarray:
        return (np.arange(self._ep_count, dtype=np.int64) + 1) * self._ep_stride

    @property
    def epoch_w(self) -> np.ndarray:
        return self._ep_theta[: self._ep_count, : self._d].copy()

    @property
    def epoch_b(self) -> np.ndarray:
        return self._ep_theta[: self._ep_count, self._d].copy()

    @property
    def epoch_train_loss(self) -> np.ndarray:
        """Full training-set mean loss (of the loss selected then) at the end of each epoch."""
        self._fill()
        return self._ep_train[: self._ep_count].copy()

    @property
    def epoch_val_loss(self) -> np.ndarray | None:
        """Validation mean loss at the end of each epoch; None without a validation set."""
        if not self._fill():
            return None
        return self._ep_val[: self._ep_count].copy()

    # --- writing (called by SGDTrainer) ----------------------------------------------------
    def _halve_steps(self) -> None:
        """Keep rows whose step is a multiple of 2·stride (the odd rows), double the stride."""
        half = self._count // 2
        self._loss[:half] = self._loss[1 : self._count : 2]
        self._theta[:half] = self._theta[1 : self._count : 2]
        self._count = half
        self._stride *= 2
        self._next = (half + 1) * self._stride

    def _record_epoch(self, epoch: int, theta_v: np.ndarray, kind: int, delta: float) -> None:
        if epoch != self._ep_next:
            return
        i = self._ep_count
        self._ep_theta[i] = theta_v
        self._ep_kind[i] = kind
        self._ep_delta[i] = delta
        self._ep_count = i + 1
        self._ep_next += self._ep_stride
        if self._ep_count == self._capacity:
            self._halve_epochs()

    def _halve_epochs(self) -> None:
        half = self._ep_count // 2
        for a in (self._ep_theta, self._ep_kind, self._ep_delta, self._ep_train, self._ep_val):
            a[:half] = a[1 : self._ep_count : 2]
        self._ep_done //= 2
        self._ep_count = half
        self._ep_stride *= 2
        self._ep_next = (half + 1) * self._ep_stride

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

    # --- saving and restoring (see SGDTrainer.state) ---------------------------------------
    def state(self) -> dict:
        """The record as plain JSON values (floats exact, see core.exact_json).

        Epoch losses not yet evaluated are evaluated first, so they are saved, not redone.
        The next recorded row follows from the stride: next = (count + 1) · stride.
        """
        has_val = self._fill()
        c, e = self._count, self._ep_count
        return {
            "capacity": self._capacity,
            "start": array_to_json(self._start),
            "stride": self._stride,
            "step_loss": array_to_json(self._loss[:c]),
            "step_theta": array_to_json(self._theta[:c]),
            "epoch_stride": self._ep_stride,
            "epoch_theta": array_to_json(self._ep_theta[:e]),
            "epoch_kind": self._ep_kind[:e].tolist(),
            "epoch_delta": array_to_json(self._ep_delta[:e]),
            "epoch_train_loss": array_to_json(self._ep_train[:e]),
            "epoch_val_loss": array_to_json(self._ep_val[:e]) if has_val else None,
        }

    def load_state(self, state: dict) -> None:
        """Replace the record by one from state(); ValueError if it does not fit this History."""
        if not isinstance(state, dict):
            raise ValueError("history must be an object")
        p = self._d + 1
        if _int(state, "capacity", "history") != self._capacity:
            raise ValueError(f"history capacity must be {self._capacity}")
        start = array_from_json(state.get("start"), 1, "history start")
        if start.shape != (p,):
            raise ValueError(f"history start must hold {p} numbers")
        stride = _power_of_two(state, "stride")
        loss = array_from_json(state.get("step_loss"), 1, "history step_loss")
        theta = array_from_json(state.get("step_theta"), 2, "history step_theta", width=p)
        ep_stride = _power_of_two(state, "epoch_stride")
        ep_theta = array_from_json(state.get("epoch_theta"), 2, "history epoch_theta", width=p)
        e = ep_theta.shape[0]
        ep_kind = index_array_from_json(state.get("epoch_kind"), len(_KIND), "history epoch_kind")
        cols = {
            k: array_from_json(state.get(k), 1, f"history {k}")
            for k in ("epoch_delta", "epoch_train_loss")
        }
        val = state.get("epoch_val_loss")
        ep_val = None if val is None else array_from_json(val, 1, "history epoch_val_loss")
        c = loss.shape[0]
        lengths = [len(ep_kind), *(len(v) for v in cols.values())]
        if ep_val is not None:
            lengths.append(len(ep_val))
        if theta.shape[0] != c or any(n != e for n in lengths):
            raise ValueError("history rows must have matching lengths")
        if c >= self._capacity or e >= self._capacity:
            raise ValueError(f"history holds more rows than its capacity {self._capacity}")
        self._start = start
        self._loss[:c], self._theta[:c] = loss, theta
        self._count, self._stride, self._next = c, stride, (c + 1) * stride
        self._ep_theta[:e], self._ep_kind[:e] = ep_theta, ep_kind
        self._ep_delta[:e], self._ep_train[:e] = cols["epoch_delta"], cols["epoch_train_loss"]
        if ep_val is not None:
            self._ep_val[:e] = ep_val
        self._ep_count, self._ep_stride = e, ep_stride
        self._ep_next = (e + 1) * ep_stride
        _, val_now = self._evaluate(self._ep_theta[:0], self._ep_kind[:0], self._ep_delta[:0])
        # saved losses are kept if they cover the same sets; else all are evaluated afresh
        self._ep_done = e if (val_now is None) == (ep_val is None) else 0

    def _check_counts(self, steps: int, epochs: int) -> None:
        """The rows must be the multiples of the stride up to steps (epochs), none missing."""
        if not self._count * self._stride <= steps < self._next:
            raise ValueError(f"history step rows do not fit {steps} steps")
        if not self._ep_count * self._ep_stride <= epochs < self._ep_next:
            raise ValueError(f"history epoch rows do not fit {epochs} epochs")


def _int(state: dict, key: str, what: str = "state") -> int:
    value = state.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} {key} must be an integer, got {value!r}")
    return value


def _power_of_two(state: dict, key: str) -> int:
    value = _int(state, key, "history")
    if value < 1 or value & (value - 1):
        raise ValueError(f"history {key} must be a power of two, got {value}")
    return value


def _bool(state: dict, key: str) -> bool:
    value = state.get(key)
    if not isinstance(value, bool):
        raise ValueError(f"state {key} must be true or false, got {value!r}")
    return value


def _loss_name(value) -> str:
    if value not in _KIND:
        raise ValueError(f"loss must be one of {tuple(_KIND)}, got {value!r}")
    return value


def _plain(value):
    """A bit generator state with arrays (MT19937's key) as lists: JSON-able."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.integer):
        return int(value)
    return value


_BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


def _generator(state) -> np.random.Generator:
    """A Generator whose bit generator has exactly the saved state."""
    name = state.get("bit_generator") if isinstance(state, dict) else None
    if name not in _BIT_GENERATORS:
        raise ValueError(f"rng must be the state of one of {_BIT_GENERATORS}")
    bitgen = getattr(np.random, name)()
    try:
        bitgen.state = state
    except (TypeError, ValueError, KeyError, OverflowError) as err:
        raise ValueError(f"rng state is not valid for {name}: {err}") from None
    return np.random.Generator(bitgen)


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
        self._last: tuple | None = None
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
    STATE_VERSION = 1

    def state(self) -> dict:
        """Everything the next steps depend on, as plain JSON values (core.exact_json floats).

        Parameters, counters, the position in the epoch and that epoch's order, the random
        generator's full state, the hyperparameters, divergence, the last update and the
        history. The data are not included: a SHA-256 of X and y is, so that from_state can
        refuse other data. The validation set is the caller's to pass again.
        """
        d = self._d
        shuffled = self._Zcur is not self._Z
        return {
            "kind": "SGDTrainer",
            "version": self.STATE_VERSION,
            "n_examples": self._n,
            "n_features": d,
            "data_sha256": self._data_digest(),
            "w": array_to_json(self._theta[:d]),
            "b": float_to_json(self._theta[d]),
            "steps": self._steps,
            "epoch": self._epoch,
            "position": self._pos,
            "epoch_order": self._perm.tolist() if shuffled else None,
            "rng": _plain(self._rng.bit_generator.state),
            "lr": self._lr,
            "batch_size": self._batch_size,
            "shuffle": self._shuffle,
            "loss": self.loss_name,
            "huber_delta": self._huber_delta,
            "diverged": self._diverged,
            "divergence_reason": self._reason,
            "last": self._last_state(),
            "history": self.history.state(),
        }

    @classmethod
    def from_state(cls, X, y, state: dict, X_val=None, y_val=None) -> SGDTrainer:
        """A trainer that continues exactly where the one that gave `state` stood.

        X, y must be the training data it had (checked by digest); ValueError otherwise or
        when the state is malformed. The next steps are bit-identical to the original's.
        """
        if not isinstance(state, dict) or state.get("kind") != "SGDTrainer":
            raise ValueError("not an SGDTrainer state")
        version = _int(state, "version")
        if version > cls.STATE_VERSION:
            raise ValueError(f"trainer state version {version} is newer than this program's "
                             f"{cls.STATE_VERSION}")
        history = state.get("history")
        if not isinstance(history, dict):
            raise ValueError("state history must be an object")
        capacity = _int(history, "capacity", "history")
        if not 2 <= capacity <= _MAX_CAPACITY:  # a damaged file must not ask for terabytes
            raise ValueError(f"history capacity must be between 2 and {_MAX_CAPACITY}")
        t = cls(X, y, lr=float_from_json(state.get("lr"), "lr"),
                batch_size=_int(state, "batch_size"), shuffle=_bool(state, "shuffle"),
                seed=0, w0=None, b0=0.0, loss=_loss_name(state.get("loss")),
                huber_delta=float_from_json(state.get("huber_delta"), "huber_delta"),
                X_val=X_val, y_val=y_val, history_capacity=capacity)
        t._load_state(state)
        return t

    def _load_state(self, state: dict) -> None:
        n, d = self._n, self._d
        if (_int(state, "n_examples"), _int(state, "n_features")) != (n, d):
            raise ValueError(f"the state is for {state['n_examples']} examples with "
                             f"{state['n_features']} features, the data have {n} with {d}")
        if state.get("data_sha256") != self._data_digest():
            raise ValueError("the state was saved with other training data than these")
        w = array_from_json(state.get("w"), 1, "w")
        if w.shape != (d,):
            raise ValueError(f"w must hold {d} numbers")
        steps, epoch, pos = (_int(state, k) for k in ("steps", "epoch", "position"))
        if steps < 0 or epoch < 0 or not 0 <= pos <= n:
            raise ValueError("steps, epoch or position out of range")
        order = state.get("epoch_order")
        perm = None if order is None else index_array_from_json(order, n, "epoch_order")
        if perm is not None and (perm.shape != (n,) or np.unique(perm).size != n):
            raise ValueError(f"epoch_order must be a permutation of 0 … {n - 1}")
        rng = _generator(state.get("rng"))
        diverged = _bool(state, "diverged")
        reason = state.get("divergence_reason")
        if not (reason is None or isinstance(reason, str)):
            raise ValueError("divergence_reason must be text or null")
        last = self._parse_last(state.get("last"))
        self.history.load_state(state["history"])
        self.history._check_counts(steps, epoch)
        self._init_theta(w, float_from_json(state.get("b"), "b"))
        self._steps, self._epoch, self._pos = steps, epoch, pos
        if perm is None:
            self._Zcur, self._perm = self._Z, self._order
        else:
            np.take(self._Z, perm, axis=0, out=self._Zp)
            self._Zcur, self._perm = self._Zp, perm
        self._rng = rng
        self._diverged, self._reason = diverged, reason
        self._last = last

    def _data_digest(self) -> str:
        h = hashlib.sha256(np.asarray(self._X.shape, dtype=np.int64).tobytes())
        h.update(np.ascontiguousarray(self._X).tobytes())
        h.update(np.ascontiguousarray(self._y).tobytes())
        return h.hexdigest()

    def _last_state(self) -> dict | None:
        if self._last is None:
            return None
        perm, s, e, lr, kind, delta, before, after = self._last
        return {
            "batch": perm[s:e].tolist(),
            "lr": lr,
            "loss": ("squared", "absolute", "huber")[kind],
            "huber_delta": delta,
            "before": array_to_json(before),
            "after": array_to_json(after),
        }

    def _parse_last(self, value) -> tuple | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValueError("last must be an object or null")
        batch = index_array_from_json(value.get("batch"), self._n, "last batch")
        before = array_from_json(value.get("before"), 1, "last before")
        after = array_from_json(value.get("after"), 1, "last after")
        if before.shape != (self._d + 1,) or after.shape != before.shape or not batch.size:
            raise ValueError("last update has the wrong shape")
        return (batch, 0, batch.size, float_from_json(value.get("lr"), "last lr"),
                _KIND[_loss_name(value.get("loss"))],
                float_from_json(value.get("huber_delta"), "last huber_delta"), before, after)

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
            self._last = (lperm, ls, le, lr, kind, delta, alt[:p].copy(), th[:p].copy())
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
        perm, s, e = self._last[:3]
        return perm[s:e].copy()

    @property
    def last_update(self) -> StepRecord | None:
        """The numbers of the last update (recomputed on demand, so the loop stays lean)."""
        if self._last is None:
            return None
        perm, s, e, lr, kind, delta, before, after = self._last
        idx = perm[s:e].copy()
        d = self._d
        Xb = self._X[idx]
        loss = get_loss(("squared", "absolute", "huber")[kind])
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
