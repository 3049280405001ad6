"""Shape checks at the core's edges: X is (n, d), y is (n,), never d2l's (n, 1).

Subtracting an (n,) array from an (n, 1) one silently broadcasts to (n, n); every entry point
that takes data, parameters or predictions checks here instead, with one wording.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats

__all__ = ["as_samples", "as_vector", "as_xy", "frozen_xy", "same_shape"]



def as_xy(X: ArrayLike, y: ArrayLike, xname: str = "X", yname: str = "y") -> tuple[Floats, Floats]:
    """X (n, d) and y (n,) as float arrays (no copy when already float64); else ValueError."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"{xname} must be 2-D (n, d), got shape {X.shape}; "
                         "for one feature use x.reshape(-1, 1)")
    if y.ndim == 2 and y.shape[1] == 1:
        raise ValueError(f"{yname} must be 1-D (n,), got shape {y.shape}: (n, 1) labels "
                         "broadcast to (n, n) when subtracted from (n,) predictions; "
                         f"use {yname}.reshape(-1)")
    if y.ndim != 1:
        raise ValueError(f"{yname} must be 1-D (n,), got shape {y.shape}")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"{xname} has {X.shape[0]} rows but {yname} has {y.shape[0]}; "
                         f"{yname} must have shape ({X.shape[0]},)")
    return X, y


def frozen_xy(X: ArrayLike, y: ArrayLike, xname: str = "X",
              yname: str = "y") -> tuple[Floats, Floats]:
    """Read-only float64 copies of X (n, d) and y (n,), all finite: data a model keeps.

    Arrays that are already read-only and own their memory (a Dataset's) are kept as they
    are: nobody writes them without first setting the flag back, and at 10⁶ rows the copy
    would cost as much as building the model.
    """
    X, y = as_xy(X, y, xname, yname)
    X, y = _frozen(X), _frozen(y)
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError(f"{xname} and {yname} must be finite")
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


def _frozen(a: Floats) -> Floats:
    if not a.flags.writeable and a.flags.owndata and a.flags.c_contiguous:
        return a
    return a.copy()


def as_vector(v: ArrayLike, size: int | None = None, name: str = "w") -> Floats:
    """v as a 1-D float array (a scalar is one entry) of `size` entries, or of at least one.

    Parameters such as w are (d,): a (1, d) row or (d, 1) column is refused, not flattened.
    """
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        a = a.reshape(1)
    fits = a.ndim == 1 and (a.shape[0] >= 1 if size is None else a.shape[0] == size)
    if not fits:
        expected = "(d,) with d ≥ 1" if size is None else f"({size},)"
        raise ValueError(f"{name} must have shape {expected}, got shape {np.shape(v)}")
    return a


def as_samples(v: ArrayLike, name: str = "x") -> Floats:
    """One value per example, (n,), as floats; a scalar or a column is refused."""
    a = np.asarray(v, dtype=np.float64)
    if a.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n,), got shape {a.shape}")
    return a


def same_shape(
    a: ArrayLike, b: ArrayLike, aname: str = "y_hat", bname: str = "y"
) -> tuple[Floats, Floats]:
    """Two float arrays of equal shape, so a − b cannot broadcast by accident."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"{aname} has shape {a.shape} but {bname} has shape {b.shape}; reshape one of them "
            "(an (n, 1) column against an (n,) vector would broadcast to (n, n))"
        )
    return a, b
