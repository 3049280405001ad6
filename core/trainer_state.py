"""The SGD trainer's saved state: what it holds, its JSON form, and the checks on reading it.

A trainer (core.sgd) and its history (core.history) hand over plain snapshots
(``TrainerSnapshot``, ``HistorySnapshot``); this module turns them into JSON values and back.
Reading is strict: the state is checked against core/schemas/trainer_state.schema.json
(through core.json_schema, like every JSON the app reads) and then against the data; anything
malformed raises a ValueError (core.json_schema.FieldError) that names the field, so a damaged
session file is refused instead of half-loaded. Floats are exact (core.exact_json), and the
random generator's full state is kept, so a restored trainer continues bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
)
from linreg_lab.core.json_schema import FieldError, check_fields
from linreg_lab.core.notation import LOSS_KINDS, LossKind, UpdateRule

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
_BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")  # as the schema lists


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
    epoch_step: NDArray[np.integer[Any]]  # (e,) the step count at the end of each epoch row


@dataclass(frozen=True)
class LastUpdate:
    """The last minibatch update, kept cheaply: the batch is order[start:stop].

    batch_size is the batch size the update was taken with, at most n (the batch itself is
    shorter at the end of an epoch), so a display never guesses it from the settings of now.
    """

    order: Indices
    start: int
    stop: int
    lr: float
    loss: LossKind
    huber_delta: float
    before: Floats  # [w, b] before the update
    after: Floats  # [w, b] after it
    batch_size: int
    update: UpdateRule = UpdateRule.MEAN
    setting: int = 0  # the batch-size setting (d2l's sgd divides by it; may exceed n)

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
    update: UpdateRule = UpdateRule.MEAN


S = TypeVar("S")


@dataclass(frozen=True)
class Checkpoint(Generic[S]):
    """Where a run stood between two epochs: enough to re-run it exactly from there.

    Taken only at an epoch boundary, so no epoch order is kept (the next one is drawn from
    the generator's state): a few hundred bytes whatever the data's size. Generic in the
    trainer's settings (TrainerSettings for SGD, SoftmaxSettings for softmax regression),
    so core.timeline serves both trainers.
    """

    steps: int
    epoch: int
    theta: Floats  # [w, b] (SGD) or [W; b] (softmax, (d + 1, k))
    rng_state: dict[str, Any]
    settings: S


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
    import hashlib  # here, when a state is saved or read: not at the window's start (4 ms)

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
        "update": str(s.update),
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
        "epoch_step": snap.epoch_step.tolist(),
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
        "batch_size": last.batch_size,
        "update": str(last.update),
        "setting": last.setting or last.batch_size,
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
# Types and ranges: core/schemas/trainer_state.schema.json and history.schema.json, through
# core.json_schema. What is left here is how a state fits itself and the data it is restored
# on. Every problem is a FieldError (a ValueError) naming the field.


def read_settings(state: object) -> TrainerSettings:
    """The hyperparameters of a saved state, checked (the whole state) before a trainer is
    built from them, so a damaged file never makes it allocate or compute anything."""
    if not isinstance(state, dict) or state.get("kind") != "SGDTrainer":
        raise ValueError("not an SGDTrainer state")
    version = state.get("version")
    if type(version) is int and version > STATE_VERSION:
        raise FieldError("version", f"trainer state version {version} is newer than this "
                         f"program's {STATE_VERSION}")
    check_fields(state, "trainer_state")
    return TrainerSettings(
        lr=float(state["lr"]), batch_size=state["batch_size"], shuffle=state["shuffle"],
        loss=LossKind(state["loss"]), huber_delta=float(state["huber_delta"]),
        history_capacity=state["history"]["capacity"],
        update=UpdateRule(state.get("update", UpdateRule.MEAN)),  # older files: the mean
    )


def read_trainer_state(
    state: dict[str, Any], settings: TrainerSettings, *, n_examples: int, n_features: int,
    data_sha256: str, history_capacity: int,
) -> TrainerSnapshot:
    """The rest of a state that read_settings checked, fitted to the data the trainer has.

    history_capacity is the capacity the new trainer's History actually has.
    """
    n, d = n_examples, n_features
    if (state["n_examples"], state["n_features"]) != (n, d):
        raise FieldError("n_examples", f"the state is for {state['n_examples']} examples with "
                         f"{state['n_features']} features, the data have {n} with {d}")
    if state["data_sha256"] != data_sha256:
        raise FieldError("data_sha256", "the state was saved with other training data than these")
    steps, epoch, position = state["steps"], state["epoch"], state["position"]
    if position > n:
        raise FieldError("position", f"must be at most {n} (the number of examples), "
                         f"got {position}")
    try:
        # states saved before epoch_step was recorded: epochs of the batch size then
        history = read_history(state["history"], n_features=d, capacity=history_capacity,
                               steps_per_epoch=-(-n // settings.batch_size) if n else 1)
        _check_counts(history, steps, epoch)
    except FieldError as err:
        raise err.within("history") from None
    return TrainerSnapshot(
        n_examples=n, n_features=d, data_sha256=data_sha256,
        w=_numbers(state, "w", d), b=float_from_json(state["b"]), steps=steps, epoch=epoch,
        position=position, epoch_order=_permutation(state.get("epoch_order"), n),
        rng=_generator(state["rng"]), settings=settings, diverged=state["diverged"],
        divergence_reason=state.get("divergence_reason"),
        last=_read_last(state.get("last"), n, d, settings.batch_size), history=history,
    )


def read_history(state: object, *, n_features: int, capacity: int,
                 steps_per_epoch: int | None = None) -> HistorySnapshot:
    """A history's rows; FieldError if they do not fit a History of this width and capacity.

    A history saved without epoch_step gets epoch k ending at k · steps_per_epoch when that
    is given (FieldError otherwise).
    """
    check_fields(state, "history")
    state = cast(dict[str, Any], state)
    p = n_features + 1
    if state["capacity"] != capacity:
        raise FieldError("capacity", f"must be {capacity}, got {state['capacity']}")
    for key in ("stride", "epoch_stride"):
        if state[key] & (state[key] - 1):
            raise FieldError(key, f"must be a power of two, got {state[key]}")
    theta, ep_theta = (_rows(state, key, p) for key in ("step_theta", "epoch_theta"))
    ep_kind = np.array(state["epoch_kind"], dtype=np.intp)
    if ep_kind.size and ep_kind.max() >= len(LOSS_KINDS):
        raise FieldError("epoch_kind", f"must hold loss kinds 0 … {len(LOSS_KINDS) - 1}")
    val = state.get("epoch_val_loss")
    columns = {"step_loss": theta.shape[0], "epoch_kind": ep_theta.shape[0],
               "epoch_delta": ep_theta.shape[0], "epoch_train_loss": ep_theta.shape[0]}
    if val is not None:
        columns["epoch_val_loss"] = ep_theta.shape[0]
    for key, rows in columns.items():
        if len(state[key]) != rows:
            raise FieldError(key, f"must hold {rows} {'entry' if rows == 1 else 'entries'}, one "
                             f"per row, got {len(state[key])}")
    if max(theta.shape[0], ep_theta.shape[0]) >= capacity:
        raise FieldError("", f"holds more rows than its capacity {capacity}")
    ep_step = _epoch_steps(state, ep_theta.shape[0], steps_per_epoch)
    return HistorySnapshot(
        capacity=capacity, start=_numbers(state, "start", p), stride=state["stride"],
        step_loss=array_from_json(state["step_loss"], 1), step_theta=theta,
        epoch_stride=state["epoch_stride"], epoch_theta=ep_theta, epoch_kind=ep_kind,
        epoch_delta=array_from_json(state["epoch_delta"], 1),
        epoch_train_loss=array_from_json(state["epoch_train_loss"], 1),
        epoch_val_loss=None if val is None else array_from_json(val, 1),
        epoch_step=ep_step,
    )


def _epoch_steps(state: dict[str, Any], rows: int, steps_per_epoch: int | None
                 ) -> NDArray[np.int64]:
    """The step at the end of each epoch row: increasing, one per row."""
    if "epoch_step" not in state:
        if steps_per_epoch is None:
            raise FieldError("epoch_step", "is missing")
        epochs = (np.arange(rows, dtype=np.int64) + 1) * state["epoch_stride"]
        return epochs * steps_per_epoch
    steps = np.array(state["epoch_step"], dtype=np.int64)
    if steps.shape != (rows,):
        raise FieldError("epoch_step", f"must hold {rows} {'entry' if rows == 1 else 'entries'}, "
                         f"one per row, got {steps.size}")
    if rows and (steps[0] < 1 or np.any(np.diff(steps) <= 0)):
        raise FieldError("epoch_step", "must be step counts that increase from row to row")
    return steps


def _check_counts(history: HistorySnapshot, steps: int, epochs: int) -> None:
    """The rows must be the multiples of the stride up to steps (epochs), none missing."""
    c, stride = history.step_loss.shape[0], history.stride
    if not c * stride <= steps < (c + 1) * stride:
        raise FieldError("step_loss", f"the rows do not fit {steps} steps")
    e, ep_stride = history.epoch_theta.shape[0], history.epoch_stride
    if not e * ep_stride <= epochs < (e + 1) * ep_stride:
        raise FieldError("epoch_theta", f"the rows do not fit {epochs} epochs")
    if e and history.epoch_step[-1] > steps:
        raise FieldError("epoch_step", f"the rows do not fit {steps} steps")


def _numbers(state: dict[str, Any], key: str, size: int) -> Floats:
    values = array_from_json(state[key], 1)
    if values.shape != (size,):
        raise FieldError(key, f"must hold {size} number{'s' if size != 1 else ''}, "
                         f"got {values.size}")
    return values


def _rows(state: dict[str, Any], key: str, width: int) -> Floats:
    rows = array_from_json(state[key], 2)
    if rows.shape[0] and rows.shape[1] != width:
        raise FieldError(key, f"must have {width} columns ([w..., b]), got {rows.shape[1]}")
    return rows.reshape(rows.shape[0], width)


def _permutation(order: list[int] | None, n: int) -> Indices | None:
    if order is None:
        return None
    perm = np.array(order, dtype=np.intp)
    if not np.array_equal(np.sort(perm), np.arange(n)):
        raise FieldError("epoch_order", f"must be a permutation of 0 … {n - 1}")
    return perm


def _read_last(value: dict[str, Any] | None, n: int, d: int,
               batch_size: int) -> LastUpdate | None:
    """The last update; one saved without its batch size had the state's (as then shown)."""
    if value is None:
        return None
    batch = np.array(value["batch"], dtype=np.intp)
    if batch.max() >= n:
        raise FieldError("last.batch", f"must hold example indices below {n}")
    try:
        before, after = _numbers(value, "before", d + 1), _numbers(value, "after", d + 1)
    except FieldError as err:
        raise err.within("last") from None
    return LastUpdate(
        order=batch, start=0, stop=batch.size, lr=float(value["lr"]),
        loss=LossKind(value["loss"]), huber_delta=float(value["huber_delta"]),
        before=before, after=after,
        batch_size=min(int(value.get("batch_size", batch_size)), n),
        update=UpdateRule(value.get("update", UpdateRule.MEAN)),
        setting=int(value.get("setting", value.get("batch_size", batch_size))),
    )


def _generator(state: dict[str, Any]) -> np.random.Generator:
    """A Generator whose bit generator has exactly the saved state (numpy checks it)."""
    name = state["bit_generator"]
    bitgen = getattr(np.random, name)()
    try:
        bitgen.state = state
    except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as err:
        # numpy's setters check the state, each with its own error (an MT19937 key too short
        # is an IndexError)
        raise FieldError("rng", f"not a valid {name} state ({err or type(err).__name__})") \
            from None
    return np.random.Generator(bitgen)
