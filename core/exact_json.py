"""Floats and arrays as plain JSON values that read back bit for bit.

Choice: a finite float is written as a JSON number. Python's ``json`` writes ``repr(x)``, the
shortest text that reads back to the same double, so finite values (and −0.0) round-trip
exactly and the file stays readable. JSON has no NaN or infinity, so those become the strings
``"nan"``, ``"inf"`` and ``"-inf"`` (the NaN payload and sign are not kept; nothing here relies
on them). Arrays become (nested) lists. Readers are strict: a bool, a string other than those
three, or a ragged list is refused with a ValueError, never guessed. (Files are checked
against their JSON schema first, core.json_schema, which names the field; these readers
convert.)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats

__all__ = [
    "array_from_json",
    "array_to_json",
    "float_from_json",
    "float_to_json",
]

_SPECIAL = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def float_to_json(x: float) -> float | str:
    """A finite float as itself, NaN/±inf as "nan"/"inf"/"-inf"."""
    x = float(x)
    if math.isfinite(x):
        return x
    if math.isnan(x):
        return "nan"
    return "inf" if x > 0 else "-inf"


def float_from_json(value: object, what: str = "value") -> float:
    """The inverse of float_to_json; ints are accepted (JSON writes 3.0 as 3.0, humans 3)."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value in _SPECIAL:
        return _SPECIAL[value]
    raise ValueError(f"{what} must be a number, got {value!r}")


def array_to_json(a: ArrayLike) -> list[Any]:
    """A float array as (nested) lists of float_to_json values."""
    a = np.asarray(a, dtype=float)
    if np.isfinite(a).all():
        plain: list[Any] = a.tolist()  # Python floats: json writes their exact repr
        return plain
    return _map_nested(a.tolist(), float_to_json)


def array_from_json(
    value: object, ndim: int, what: str = "array", *, width: int | None = None
) -> Floats:
    """A float64 array of `ndim` (1 or 2) dimensions; a 2-D one with `width` columns if given."""
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list, got {type(value).__name__}")
    try:
        flat = _map_nested(value, lambda v: float_from_json(v, f"an entry of {what}"), ndim)
    except _Ragged:
        raise ValueError(f"{what} must be a {ndim}-D list of numbers of equal lengths") from None
    a = np.array(flat, dtype=float)
    if ndim == 2 and a.size == 0:
        a = a.reshape(len(flat), 0 if flat else (width or 0))
    if ndim == 2 and width is not None and a.shape[1] != width:
        raise ValueError(f"{what} must have {width} columns, got {a.shape[1]}")
    return a


class _Ragged(Exception):
    pass


def _map_nested(value: list[Any], fn: Callable[[Any], Any],
                ndim: int | None = None) -> list[Any]:
    """Apply fn to the leaves of nested lists (checking the depth when ndim is given)."""
    if ndim is None:
        return [_map_nested(v, fn) if isinstance(v, list) else fn(v) for v in value]
    if ndim == 1:
        if any(isinstance(v, list) for v in value):
            raise _Ragged
        return [fn(v) for v in value]
    if not all(isinstance(v, list) for v in value):
        raise _Ragged
    rows = [_map_nested(v, fn, ndim - 1) for v in value]
    if len({len(r) for r in rows}) > 1:
        raise _Ragged
    return rows
