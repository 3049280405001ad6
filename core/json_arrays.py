"""The schemas' "x-array" keyword: long lists of numbers or flags checked in one fast pass.

A data set of a million examples is a million-entry list; JSON Schema's per-entry `items`
costs about 10 µs an entry in `jsonschema`, seconds for one file. Here the common case is a
few C-level passes (set of types, all finite), and only a list that fails is walked entry
by entry to name the first bad one.

Leaf kinds: "finite" (a JSON number that is a finite double), "value" (finite and at most
MAX_ABS_VALUE in size: data and the parameters a learner sets, core/limits.py), "exact"
(finite, or one of the strings "nan", "inf", "-inf" core.exact_json writes), "boolean",
"index" (a whole number from 0 that fits an array index, so numpy never overflows on it).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from linreg_lab.core.json_messages import describe_value
from linreg_lab.core.limits import MAX_ABS_VALUE

__all__ = ["LEAF_KINDS", "check_array"]

_SPECIAL = frozenset(("nan", "inf", "-inf"))
_MAX_INDEX = int(np.iinfo(np.intp).max)
_TYPES: dict[str, set[type]] = {"finite": {float, int}, "value": {float, int},
                                "exact": {float, int, str}, "boolean": {bool}, "index": {int}}
_WANTED = {
    "finite": "a finite number",
    "value": f"a finite number at most {MAX_ABS_VALUE:.0e} in size".replace("e+", "e"),
    "exact": 'a number (or "nan", "inf", "-inf")',
    "boolean": "true or false",
    "index": f"a whole number from 0 to {_MAX_INDEX}",
}
LEAF_KINDS = tuple(_TYPES)


def check_array(value: list[Any], ndim: int, of: str) -> tuple[tuple[int, ...], str] | None:
    """(path, problem) of the first thing wrong with `value` as an ndim-D list of `of`."""
    if ndim == 1:
        return _check_leaves(value, of)
    if ndim != 2:
        raise ValueError(f"x-array ndim must be 1 or 2, got {ndim}")
    if not all(type(row) is list for row in value):
        i = next(i for i, row in enumerate(value) if type(row) is not list)
        return (i,), "must be a list (one row of numbers)"
    if len(set(map(len, value))) > 1:
        i = next(i for i, row in enumerate(value) if len(row) != len(value[0]))
        width = len(value[0])
        return (i,), (f"must have {width} {'entry' if width == 1 else 'entries'} like the first "
                      f"row, got {len(value[i])}")
    if _fine(list(itertools.chain.from_iterable(value)), of):
        return None
    for i, row in enumerate(value):
        found = _check_leaves(row, of)
        if found is not None:
            return (i, *found[0]), found[1]
    return None


def _check_leaves(value: list[Any], of: str) -> tuple[tuple[int, ...], str] | None:
    if _fine(value, of):
        return None
    for i, leaf in enumerate(value):
        if not _fine([leaf], of):
            return (i,), f"must be {_WANTED[of]}, got {describe_value(leaf)}"
    return None


def _fine(leaves: list[Any], of: str) -> bool:
    """True if every leaf is of kind `of`; fast when they all are."""
    kinds = set(map(type, leaves))
    if not kinds <= _TYPES[of]:
        return False
    if of == "index":
        return not leaves or (min(leaves) >= 0 and max(leaves) <= _MAX_INDEX)
    if of == "boolean":
        return True
    if str in kinds:
        if not {v for v in leaves if type(v) is str} <= _SPECIAL:
            return False
        leaves = [v for v in leaves if type(v) is not str]
    try:
        finite = all(map(math.isfinite, leaves))
    except OverflowError:  # an int beyond the largest double
        return False
    if of == "value" and finite and leaves:  # min and max are safe once NaN is ruled out
        return max(leaves) <= MAX_ABS_VALUE and min(leaves) >= -MAX_ABS_VALUE
    return finite

