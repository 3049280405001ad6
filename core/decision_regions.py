"""The picture of a classifier on the plane: which class wins where, and how sure it is.

For d = 2 softmax regression, o = xW + b is affine in x, so over a grid of pixels the logits
are an outer sum of one row per pixel column and one per pixel row (no (h·w, 2) coordinate
array and no matrix product per frame): o[i, j] = (b + y_i W₂) + x_j W₁. The winning class
is the argmax; its probability (or any chosen class's) comes from the stable softmax. The
boundaries between two classes are the lines where their logits tie, (W_a − W_b)·x + b_a − b_b
= 0, given in closed form for drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats, Indices

__all__ = ["DecisionImage", "boundary_line", "decision_image"]


@dataclass(frozen=True)
class DecisionImage:
    """Row i, column j is the pixel at (xs[j], ys[i]); shapes (height, width)."""

    xs: Floats
    ys: Floats
    winner: Indices  # the argmax class
    probability: Floats  # the winner's probability, or the chosen class's


def decision_image(W: ArrayLike, b: ArrayLike, x_range: tuple[float, float],
                   y_range: tuple[float, float], shape: tuple[int, int] = (200, 200), *,
                   cls: int | None = None) -> DecisionImage:
    """Argmax class and probability over a height × width grid spanning the two ranges."""
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if W.ndim != 2 or W.shape[0] != 2 or b.shape != (W.shape[1],):
        raise ValueError(f"W must be (2, k) and b (k,), got {W.shape} and {b.shape}")
    height, width = (int(v) for v in shape)
    if height < 1 or width < 1:
        raise ValueError(f"the image needs at least one pixel, got shape {shape}")
    xs = np.linspace(x_range[0], x_range[1], width)
    ys = np.linspace(y_range[0], y_range[1], height)
    with np.errstate(over="ignore", invalid="ignore"):
        # class-major planes (k, height, width): the reductions over classes are then
        # elementwise operations on whole contiguous planes
        o = (b[:, None] + W[1][:, None] * ys[None, :])[:, :, None] \
            + (W[0][:, None] * xs[None, :])[:, None, :]
        winner = o.argmax(axis=0)
        top = o.max(axis=0)
        o -= top
        np.exp(o, out=o)
        total = o.sum(axis=0)
        shown = 1.0 if cls is None else o[cls]  # exp(top − top) = 1 for the winner
        probability = shown / total
    return DecisionImage(xs, ys, np.asarray(winner, dtype=np.intp), probability)


def boundary_line(W: ArrayLike, b: ArrayLike, a: int,
                  c: int) -> tuple[float, float, float] | None:
    """(p, q, r) of the line p·x₁ + q·x₂ + r = 0 where classes a and c tie; None if their
    logits differ by a constant (parallel, never tie)."""
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    p, q = W[0, a] - W[0, c], W[1, a] - W[1, c]
    if p == 0 and q == 0:
        return None
    return float(p), float(q), float(b[a] - b[c])
