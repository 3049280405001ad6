"""A SoftmaxTrainer's state as plain JSON values, and back, so a saved run continues bit for bit.

What the next steps depend on: W and b, the counters, the position in the epoch and that
epoch's order, the random generator's full state, the hyperparameters, the divergence limit
(fixed from the start), divergence, the last update and the history. The data are not
included: a SHA-256 of X, the labels and the number of classes is, so a state refuses other
data. Floats are exact (core.exact_json). Reading is strict: every problem is a FieldError
(a ValueError) naming the field, found before anything is built.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.exact_json import array_from_json, array_to_json, float_from_json
from linreg_lab.core.json_schema import FieldError

__all__ = ["KIND", "VERSION", "class_data_digest", "floats_to_json", "generator_from_json",
           "generator_to_json", "read_float", "read_matrix", "read_permutation", "require"]

KIND, VERSION = "SoftmaxTrainer", 1


def class_data_digest(X: Floats, labels: Indices, num_classes: int) -> str:
    """SHA-256 of X's shape, X, the labels and k: a saved state refuses other data."""
    h = hashlib.sha256(np.asarray([*X.shape, num_classes], dtype=np.int64).tobytes())
    h.update(np.ascontiguousarray(X).tobytes())
    h.update(np.ascontiguousarray(labels, dtype=np.int64).tobytes())
    return h.hexdigest()


def generator_to_json(rng: np.random.Generator) -> dict[str, Any]:
    """The bit generator's state with numpy integers and arrays as plain values."""
    return dict(_plain(rng.bit_generator.state))


def generator_from_json(state: object) -> np.random.Generator:
    """A Generator whose bit generator has exactly the saved state (numpy checks it)."""
    if not isinstance(state, dict) or not isinstance(state.get("bit_generator"), str):
        raise FieldError("rng", "must be a saved bit generator state")
    name = state["bit_generator"]
    if name not in ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"):
        raise FieldError("rng", f"unknown bit generator {name!r}")
    bitgen = getattr(np.random, name)()
    try:
        bitgen.state = state
    except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as err:
        raise FieldError("rng", f"not a valid {name} state ({err or type(err).__name__})") \
            from None
    return np.random.Generator(bitgen)


def require(state: object, key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    """state[key], which must be of `kind` (bool is never an int here)."""
    path = f"{where}.{key}" if where else key
    if not isinstance(state, dict) or key not in state:
        raise FieldError(path, "is missing")
    value = state[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise FieldError(path, f"must be {' or '.join(k.__name__ for k in kinds)}, "
                               f"got {type(value).__name__}")
    return value


def read_matrix(value: object, shape: tuple[int, ...], path: str) -> Floats:
    """A saved float array of exactly this shape, all finite."""
    try:
        a = array_from_json(value, len(shape), path)
    except ValueError as err:
        raise FieldError(path, str(err)) from None
    if a.shape != shape or not np.isfinite(a).all():
        raise FieldError(path, f"must be finite numbers of shape {shape}, got {a.shape}")
    return a


def read_permutation(value: object, n: int, path: str) -> Indices | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise FieldError(path, "must be a list of example indices")
    perm = np.array(value, dtype=np.intp)
    if not np.array_equal(np.sort(perm), np.arange(n)):
        raise FieldError(path, f"must be a permutation of 0 … {n - 1}")
    return perm


def read_float(state: object, key: str, where: str = "") -> float:
    value = require(state, key, (int, float, str), where)
    try:
        return float_from_json(value, key)
    except ValueError as err:
        raise FieldError(f"{where}.{key}" if where else key, str(err)) from None


def floats_to_json(a: Floats) -> list[Any]:
    """An array as (nested) lists of exact floats."""
    return array_to_json(a)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.integer):
        return int(value)
    return value
