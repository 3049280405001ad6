"""The SGD trainer's saved state: what it holds, its JSON form, and the checks on reading it.

A trainer (core.sgd) and its history (core.history) hand over plain snapshots
(``TrainerSnapshot``, ``HistorySnapshot``); this module turns them into JSON values and back.
Reading is strict: anything malformed raises a ValueError that names the field, so a damaged
session file is refused instead of half-loaded. Floats are exact (core.exact_json), and the
random generator's full state is kept, so a restored trainer continues bit for bit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
    index_array_from_json,
)
from linreg_lab.core.notation import LOSS_KINDS, LossKind

__all__ = [
    "MAX_CAPACITY",
    "STATE_VERSION",
    "HistorySnapshot",
    "LastUpdate",
    "TrainerSettings",
    "TrainerSnapshot",
    "data_digest",
    "history_to_json",
    "read_history",
    "read_settings",
    "read_trainer_state",
    "trainer_to_json",
]

STATE_VERSION = 1
MAX_CAPACITY = 1 << 22  # largest history a saved state may ask for: a damaged file must not
# make the program allocate terabytes
_BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


@dataclass(frozen=True)
class HistorySnapshot:
    """A History's rows (see core.history); epoch_kind holds indices into LOSS_KINDS."""

    capacity: int
    start: Floats  # (p,) = [w, b] before the first step
    stride: int
    step_loss: Floats  # (c,)
    step_theta: Floats  # (c, p)
    epoch_stride: int
    epoch_theta: Floats  # (e, p)
    epoch_kind: NDArray[np.integer[Any]]  # (e,)
    epoch_delta: Floats  # (e,)
    epoch_train_loss: Floats  # (e,)
    epoch_val_loss: Floats | None  # (e,), None without a validation set


@dataclass(frozen=True)
class LastUpdate:
    """The last minibatch update, kept cheaply: the batch is order[start:stop]."""

    order: Indices
    start: int
    stop: int
    lr: float
    loss: LossKind
    huber_delta: float
    before: Floats  # [w, b] before the update
    after: Floats  # [w, b] after it

    @property
    def batch(self) -> Indices:
        return self.order[self.start : self.stop]


@dataclass(frozen=True)
class TrainerSettings:
    """The hyperparameters a trainer is built with, read before the rest of its state."""

    lr: float
    batch_size: int
    shuffle: bool
    loss: LossKind
    huber_delta: float
    history_capacity: int


@dataclass(frozen=True)
class TrainerSnapshot:
    """Everything the next steps depend on (the data only by digest)."""

    n_examples: int
    n_features: int
    data_sha256: str
    w: Floats
    b: float
    steps: int
    epoch: int
    position: int  # examples visited in the epoch (n at an epoch boundary)
    epoch_order: Indices | None  # this epoch's permutation; None when visited in order
    rng: np.random.Generator
    settings: TrainerSettings
    diverged: bool
    divergence_reason: str | None
    last: LastUpdate | None
    history: HistorySnapshot


def data_digest(X: Floats, y: Floats) -> str:
    """SHA-256 of X's shape, X and y: a saved state refuses other data."""
    h = hashlib.sha256(np.asarray(X.shape, dtype=np.int64).tobytes())
    h.update(np.ascontiguousarray(X).tobytes())
    h.update(np.ascontiguousarray(y).tobytes())
    return h.hexdigest()


# --- writing ---------------------------------------------------------------------------------


def trainer_to_json(snap: TrainerSnapshot) -> dict[str, Any]:
    """The snapshot as plain JSON values (floats exact, see core.exact_json)."""
    s = snap.settings
    return {
        "kind": "SGDTrainer",
        "version": STATE_VERSION,
        "n_examples": snap.n_examples,
        "n_features": snap.n_features,
        "data_sha256": snap.data_sha256,
        "w": array_to_json(snap.w),
        "b": float_to_json(snap.b),
        "steps": snap.steps,
        "epoch": snap.epoch,
        "position": snap.position,
        "epoch_order": None if snap.epoch_order is None else snap.epoch_order.tolist(),
        "rng": _plain(snap.rng.bit_generator.state),
        "lr": s.lr,
        "batch_size": s.batch_size,
        "shuffle": s.shuffle,
        "loss": str(s.loss),
        "huber_delta": s.huber_delta,
        "diverged": snap.diverged,
        "divergence_reason": snap.divergence_reason,
        "last": _last_to_json(snap.last),
        "history": history_to_json(snap.history),
    }


def history_to_json(snap: HistorySnapshot) -> dict[str, Any]:
    """The history's rows; the next recorded row follows from the stride."""
    val = snap.epoch_val_loss
    return {
        "capacity": snap.capacity,
        "start": array_to_json(snap.start),
        "stride": snap.stride,
        "step_loss": array_to_json(snap.step_loss),
        "step_theta": array_to_json(snap.step_theta),
        "epoch_stride": snap.epoch_stride,
        "epoch_theta": array_to_json(snap.epoch_theta),
        "epoch_kind": snap.epoch_kind.tolist(),
        "epoch_delta": array_to_json(snap.epoch_delta),
        "epoch_train_loss": array_to_json(snap.epoch_train_loss),
        "epoch_val_loss": None if val is None else array_to_json(val),
    }


def _last_to_json(last: LastUpdate | None) -> dict[str, Any] | None:
    if last is None:
        return None
    return {
        "batch": last.batch.tolist(),
        "lr": last.lr,
        "loss": str(last.loss),
        "huber_delta": last.huber_delta,
        "before": array_to_json(last.before),
        "after": array_to_json(last.after),
    }


def _plain(value: Any) -> Any:
    """A bit generator state with arrays (MT19937's key) as lists: JSON-able."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.integer):
        return int(value)
    return value


# --- reading ---------------------------------------------------------------------------------


def read_settings(state: object) -> TrainerSettings:
    """The hyperparameters of a saved state, checked before a trainer is built from them."""
    if not isinstance(state, dict) or state.get("kind") != "SGDTrainer":
        raise ValueError("not an SGDTrainer state")
    version = _int(state, "version")
    if version > STATE_VERSION:
        raise ValueError(f"trainer state version {version} is newer than this program's "
                         f"{STATE_VERSION}")
    history = state.get("history")
    if not isinstance(history, dict):
        raise ValueError("state history must be an object")
    capacity = _int(history, "capacity", "history")
    if not 2 <= capacity <= MAX_CAPACITY:
        raise ValueError(f"history capacity must be between 2 and {MAX_CAPACITY}")
    return TrainerSettings(
        lr=float_from_json(state.get("lr"), "lr"),
        batch_size=_int(state, "batch_size"),
        shuffle=_bool(state, "shuffle"),
        loss=_loss_kind(state.get("loss")),
        huber_delta=float_from_json(state.get("huber_delta"), "huber_delta"),
        history_capacity=capacity,
    )


def read_trainer_state(
    state: dict[str, Any], settings: TrainerSettings, *, n_examples: int, n_features: int,
    data_sha256: str, history_capacity: int,
) -> TrainerSnapshot:
    """The rest of a saved state, checked against the data the trainer now has.

    history_capacity is the capacity the new trainer's History actually has.
    """
    n, d = n_examples, n_features
    if (_int(state, "n_examples"), _int(state, "n_features")) != (n, d):
        raise ValueError(f"the state is for {state['n_examples']} examples with "
                         f"{state['n_features']} features, the data have {n} with {d}")
    if state.get("data_sha256") != data_sha256:
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
    last = _read_last(state.get("last"), n, d)
    history = read_history(state["history"], n_features=d, capacity=history_capacity)
    _check_counts(history, steps, epoch)
    return TrainerSnapshot(
        n_examples=n, n_features=d, data_sha256=data_sha256, w=w,
        b=float_from_json(state.get("b"), "b"), steps=steps, epoch=epoch, position=pos,
        epoch_order=perm, rng=rng, settings=settings, diverged=diverged,
        divergence_reason=reason, last=last, history=history,
    )


def read_history(state: object, *, n_features: int, capacity: int) -> HistorySnapshot:
    """A history's rows; ValueError if they do not fit a History of this width and capacity."""
    if not isinstance(state, dict):
        raise ValueError("history must be an object")
    p = n_features + 1
    if _int(state, "capacity", "history") != capacity:
        raise ValueError(f"history capacity must be {capacity}")
    start = array_from_json(state.get("start"), 1, "history start")
    if start.shape != (p,):
        raise ValueError(f"history start must hold {p} numbers")
    stride = _power_of_two(state, "stride")
    loss = array_from_json(state.get("step_loss"), 1, "history step_loss")
    theta = array_from_json(state.get("step_theta"), 2, "history step_theta", width=p)
    ep_stride = _power_of_two(state, "epoch_stride")
    ep_theta = array_from_json(state.get("epoch_theta"), 2, "history epoch_theta", width=p)
    e = ep_theta.shape[0]
    ep_kind = index_array_from_json(state.get("epoch_kind"), len(LOSS_KINDS),
                                    "history epoch_kind")
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
    if c >= capacity or e >= capacity:
        raise ValueError(f"history holds more rows than its capacity {capacity}")
    return HistorySnapshot(
        capacity=capacity, start=start, stride=stride, step_loss=loss, step_theta=theta,
        epoch_stride=ep_stride, epoch_theta=ep_theta, epoch_kind=ep_kind,
        epoch_delta=cols["epoch_delta"], epoch_train_loss=cols["epoch_train_loss"],
        epoch_val_loss=ep_val,
    )


def _check_counts(history: HistorySnapshot, steps: int, epochs: int) -> None:
    """The rows must be the multiples of the stride up to steps (epochs), none missing."""
    c, stride = history.step_loss.shape[0], history.stride
    if not c * stride <= steps < (c + 1) * stride:
        raise ValueError(f"history step rows do not fit {steps} steps")
    e, ep_stride = history.epoch_theta.shape[0], history.epoch_stride
    if not e * ep_stride <= epochs < (e + 1) * ep_stride:
        raise ValueError(f"history epoch rows do not fit {epochs} epochs")


def _read_last(value: object, n: int, d: int) -> LastUpdate | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("last must be an object or null")
    batch = index_array_from_json(value.get("batch"), n, "last batch")
    before = array_from_json(value.get("before"), 1, "last before")
    after = array_from_json(value.get("after"), 1, "last after")
    if before.shape != (d + 1,) or after.shape != before.shape or not batch.size:
        raise ValueError("last update has the wrong shape")
    return LastUpdate(
        order=batch, start=0, stop=batch.size, lr=float_from_json(value.get("lr"), "last lr"),
        loss=_loss_kind(value.get("loss")),
        huber_delta=float_from_json(value.get("huber_delta"), "last huber_delta"),
        before=before, after=after,
    )


def _int(state: dict[str, Any], key: str, what: str = "state") -> int:
    value = state.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} {key} must be an integer, got {value!r}")
    return value


def _power_of_two(state: dict[str, Any], key: str) -> int:
    value = _int(state, key, "history")
    if value < 1 or value & (value - 1):
        raise ValueError(f"history {key} must be a power of two, got {value}")
    return value


def _bool(state: dict[str, Any], key: str) -> bool:
    value = state.get(key)
    if not isinstance(value, bool):
        raise ValueError(f"state {key} must be true or false, got {value!r}")
    return value


def _loss_kind(value: object) -> LossKind:
    if value not in LOSS_KINDS:
        raise ValueError(f"loss must be one of {LOSS_KINDS}, got {value!r}")
    return LossKind(value)


def _generator(state: object) -> np.random.Generator:
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
