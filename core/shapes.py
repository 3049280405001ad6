"""Shape checks at the core's edges: X is (n, d), y is (n,), never d2l's (n, 1).

Subtracting an (n,) array from an (n, 1) one silently broadcasts to (n, n); every entry point
that takes data checks here instead.
"""

from __future__ import annotations

import numpy as np


def as_xy(X, y, xname: str = "X", yname: str = "y") -> tuple[np.ndarray, np.ndarray]:
    """X and y as float arrays (no copy when already float); ValueError on wrong shapes."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(f"expected {xname} of shape (n, d) and {yname} of shape (n,), "
                         f"got {X.shape} and {y.shape}")
    return X, y
