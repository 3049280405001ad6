"""Double-double arithmetic on NumPy arrays: about 32 significant digits on any platform.

A value is a pair (hi, lo) of float64 arrays with |lo| ≤ ulp(hi)/2, built from the
error-free transformations of Knuth (TwoSum) and Dekker (TwoProd by splitting). The
refinement of least-squares solutions needs residuals far more accurate than float64:
np.longdouble is not enough (Filip's raw-basis terms reach 1e7 while y is 0.8) and is plain
float64 on some platforms. Everything is vectorised; nothing here loops over elements.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np

from linreg_lab.core.array_types import Floats

__all__ = ["DD", "dd_add", "dd_dot_columns", "dd_mul", "dd_scale", "dd_sum", "two_prod", "two_sum"]

DD: TypeAlias = tuple[Floats, Floats]  # (hi, lo), value hi + lo
_SPLIT = 134217729.0  # 2**27 + 1, Dekker's splitting constant


def two_sum(a: Floats, b: Floats) -> DD:
    """s + e = a + b exactly, s = fl(a + b) (Knuth; no ordering of |a|, |b| needed)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _split(a: Floats) -> DD:
    t = _SPLIT * a
    hi = t - (t - a)
    return hi, a - hi


def two_prod(a: Floats, b: Floats) -> DD:
    """p + e = a·b exactly, p = fl(a·b) (Dekker; no FMA in NumPy)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _renormalise(s: Floats, f: Floats) -> DD:
    hi = s + f
    return hi, f - (hi - s)


def dd_add(a: DD, b: DD) -> DD:
    """a + b; the error is about eps²·(|a| + |b|), which is all a residual needs."""
    s, f = two_sum(a[0], b[0])
    return _renormalise(s, f + (a[1] + b[1]))


def dd_mul(a: DD, b: DD) -> DD:
    """a·b, dropping only the lo·lo term (below eps² relative)."""
    p, e = two_prod(a[0], b[0])
    return _renormalise(p, e + (a[0] * b[1] + a[1] * b[0]))


def dd_scale(a: DD, c: Floats) -> DD:
    """a·c for a float64 factor c (broadcast like NumPy)."""
    p, e = two_prod(a[0], np.broadcast_to(c, a[0].shape))
    return _renormalise(p, e + a[1] * c)


def dd_sum(a: DD) -> DD:
    """Sum along axis 0 by pairwise reduction: log2(n) vectorised steps, no Python loop per row."""
    hi, lo = a
    while hi.shape[0] > 1:
        if hi.shape[0] % 2:
            pad = np.zeros((1, *hi.shape[1:]))
            hi, lo = np.concatenate([hi, pad]), np.concatenate([lo, pad])
        hi, lo = dd_add((hi[0::2], lo[0::2]), (hi[1::2], lo[1::2]))
    if hi.shape[0] == 0:
        return np.zeros(hi.shape[1:]), np.zeros(hi.shape[1:])
    return hi[0], lo[0]


def dd_dot_columns(cols: DD, v: Floats) -> Floats:
    """colsᵀv for DD columns (n, k) and a float64 vector v (n,), rounded once to float64."""
    hi, lo = dd_sum(dd_scale(cols, v[:, None]))
    return hi + lo
