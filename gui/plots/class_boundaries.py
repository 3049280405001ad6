"""The decision boundaries of softmax regression on the plane, as drawable segments.

Classes a and c tie on a whole line (core.boundary_line), but they are the *winning* pair
only on part of it: where both logits are at least every other class's. Drawing the whole
lines would cross the regions with ties nobody wins. Along the line every condition
o_a − o_m ≥ 0, and staying inside the view, is linear in the line's parameter s, so the
drawn part is one interval of s: an exact clip, no sampling.
"""

from __future__ import annotations

import math

import numpy as np


def _interval(constraints: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The s with a + b·s ≥ 0 for every (a, b), or None when that is empty or a point."""
    lo, hi = -math.inf, math.inf
    for a, b in constraints:
        if b > 0:
            lo = max(lo, -a / b)
        elif b < 0:
            hi = min(hi, -a / b)
        elif a < 0:
            return None
    return (lo, hi) if lo < hi else None


def boundary_segments(W: np.ndarray, b: np.ndarray, x_range: tuple[float, float],
                      y_range: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """x and y of the boundary segments inside the view, two points per segment (for a
    PlotDataItem with connect="pairs"); empty when the parameters are not finite."""
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    xs: list[float] = []
    ys: list[float] = []
    if W.ndim != 2 or W.shape[0] != 2 or not (np.isfinite(W).all() and np.isfinite(b).all()):
        return np.empty(0), np.empty(0)
    view = (*map(float, x_range), *map(float, y_range))
    w1, w2, bias = W[0].tolist(), W[1].tolist(), b.tolist()  # plain floats: a few pairs of
    k = len(bias)  # classes cost microseconds in Python, NumPy's call overhead milliseconds
    for a in range(k):
        for c in range(a + 1, k):
            segment = _segment(w1, w2, bias, a, c, view)
            if segment is not None:
                xs += segment[0]
                ys += segment[1]
    return np.array(xs), np.array(ys)


def _segment(w1: list[float], w2: list[float], bias: list[float], a: int, c: int,
             view: tuple[float, float, float, float]) -> tuple[list, list] | None:
    """The part of the tie line of a and c where they beat every other class, in view."""
    p, q, r = w1[a] - w1[c], w2[a] - w2[c], bias[a] - bias[c]  # as core.boundary_line
    norm2 = p * p + q * q
    if not (math.isfinite(norm2) and norm2 > 0):
        return None
    px, py = -r * p / norm2, -r * q / norm2  # the line's point nearest the origin
    dx, dy = -q, p  # its direction
    x0, x1, y0, y1 = view
    constraints = [(px - x0, dx), (x1 - px, -dx), (py - y0, dy), (y1 - py, -dy)]
    for m in range(len(bias)):  # o_a − o_m ≥ 0 along the line
        if m != a and m != c:
            g1, g2 = w1[a] - w1[m], w2[a] - w2[m]
            constraints.append((g1 * px + g2 * py + bias[a] - bias[m], g1 * dx + g2 * dy))
    try:
        found = _interval(constraints)
    except (OverflowError, ZeroDivisionError):
        return None
    if found is None or not all(math.isfinite(s) for s in found):
        return None
    s0, s1 = found
    return [px + s0 * dx, px + s1 * dx], [py + s0 * dy, py + s1 * dy]
