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

from linreg_lab.core.decision_regions import boundary_line


def _interval(a: np.ndarray, b: np.ndarray) -> tuple[float, float] | None:
    """The s with a + b·s ≥ 0 for every row, or None when that is empty or a point."""
    lo, hi = -math.inf, math.inf
    for ai, bi in zip(a.tolist(), b.tolist(), strict=True):
        if bi > 0:
            lo = max(lo, -ai / bi)
        elif bi < 0:
            hi = min(hi, -ai / bi)
        elif ai < 0:
            return None
    return (lo, hi) if lo < hi else None


def boundary_segments(W: np.ndarray, b: np.ndarray, x_range: tuple[float, float],
                      y_range: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """x and y of the boundary segments inside the view, two points per segment (for a
    PlotDataItem with connect="pairs"); empty when the parameters are not finite."""
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    xs: list[float] = []
    ys: list[float] = []
    if W.shape[0] != 2 or not (np.isfinite(W).all() and np.isfinite(b).all()):
        return np.empty(0), np.empty(0)
    (x0, x1), (y0, y1) = x_range, y_range
    k = W.shape[1]
    for a in range(k):
        for c in range(a + 1, k):
            segment = _segment(W, b, a, c, (x0, x1, y0, y1))
            if segment is not None:
                xs += segment[0]
                ys += segment[1]
    return np.array(xs), np.array(ys)


def _segment(W: np.ndarray, b: np.ndarray, a: int, c: int,
             view: tuple[float, float, float, float]) -> tuple[list, list] | None:
    line = boundary_line(W, b, a, c)
    if line is None:
        return None
    p, q, r = line
    norm2 = p * p + q * q
    if not (math.isfinite(norm2) and norm2 > 0):
        return None
    px, py = -r * p / norm2, -r * q / norm2  # the line's point nearest the origin
    dx, dy = -q, p  # its direction
    x0, x1, y0, y1 = view
    others = [m for m in range(W.shape[1]) if m not in (a, c)]
    gap_w = W[:, a][:, None] - W[:, others]  # (2, k−2): o_a − o_m = gap_w·x + gap_b
    gap_b = b[a] - b[others]
    offsets = np.concatenate([[px - x0, x1 - px, py - y0, y1 - py],
                              gap_w[0] * px + gap_w[1] * py + gap_b])
    slopes = np.concatenate([[dx, -dx, dy, -dy], gap_w[0] * dx + gap_w[1] * dy])
    with np.errstate(over="ignore", invalid="ignore"):
        found = _interval(offsets, slopes)
    if found is None or not all(math.isfinite(s) for s in found):
        return None
    s0, s1 = found
    return [px + s0 * dx, px + s1 * dx], [py + s0 * dy, py + s1 * dy]
