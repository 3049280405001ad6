"""Softmax and cross-entropy (d2l 3.4–3.7): the stable formulas, and the naive ones to learn from.

Shapes: logits O are (n, k), one row per example (o = xW + b); labels are (n,) integer class
indices 0…k−1 (never one-hot columns, which ``one_hot`` makes when a formula needs them).

Stable (d2l 3.7, "LogSumExp"): softmax(o) = exp(o − max o) / Σ exp(o − max o), and
cross-entropy −log ŷ_y = log Σ_j exp(o_j − max o) − (o_y − max o). Subtracting the row's
maximum changes nothing mathematically, but every exp is then at most 1 (no overflow) and the
log is taken of a sum that is at least 1 (never log 0), so the loss is exact to a few ulps
even for logits of 1e300.

Naive (d2l 3.6 from scratch): exp(o) / Σ exp(o), then −log of the picked probability. It
overflows for logits above ~709 (inf / inf = NaN) and takes log 0 = −inf once a probability
underflows (logits ~745 apart): the 3.7 exercise, shown by the lessons.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats, Indices

__all__ = [
    "accuracy",
    "as_labels",
    "as_logits",
    "cross_entropy",
    "cross_entropy_naive",
    "log_softmax",
    "logsumexp",
    "one_hot",
    "softmax",
    "softmax_naive",
]


def as_logits(o: ArrayLike, name: str = "o") -> Floats:
    """Logits as a float (n, k) array; a 1-D o is one example. ValueError otherwise."""
    a = np.asarray(o, dtype=np.float64)
    if a.ndim == 1:
        a = a.reshape(1, -1)
    if a.ndim != 2 or a.shape[1] < 1:
        raise ValueError(f"{name} must be (n, k) logits with k ≥ 1, got shape {np.shape(o)}")
    return a


def as_labels(labels: ArrayLike, num_classes: int | None = None, name: str = "labels") -> Indices:
    """Class indices as an (n,) intp array, each in 0…num_classes−1; ValueError otherwise.

    Floats are accepted only when integral (so 2.0 is class 2, 2.5 is refused).
    """
    a = np.asarray(labels)
    if a.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n,) class indices, got shape {a.shape}")
    if a.dtype.kind == "f":
        if not (np.isfinite(a).all() and (a == np.round(a)).all()):
            raise ValueError(f"{name} must be whole numbers (class indices)")
    elif a.dtype.kind not in "iub" and a.size:
        raise ValueError(f"{name} must be integer class indices, got dtype {a.dtype}")
    out = a.astype(np.intp)
    if out.size and out.min() < 0:
        raise ValueError(f"{name} must be ≥ 0, got {int(out.min())}")
    if num_classes is not None and out.size and out.max() >= num_classes:
        raise ValueError(f"{name} must be < num_classes = {num_classes}, got {int(out.max())}")
    return out


def one_hot(labels: ArrayLike, num_classes: int) -> Floats:
    """(n, k) rows of zeros with a 1 at each example's class (独热编码, d2l 3.4.1)."""
    y = as_labels(labels, num_classes)
    out = np.zeros((y.shape[0], num_classes))
    out[np.arange(y.shape[0]), y] = 1.0
    return out


def logsumexp(o: ArrayLike) -> Floats:
    """log Σ_j exp(o_j) per row, (n,), computed as max + log Σ exp(o − max): no overflow."""
    a = as_logits(o)
    m = a.max(axis=1)
    with np.errstate(invalid="ignore"):  # rows of inf give NaN, as they should
        shifted = a - m[:, None]
    return m + np.log(np.exp(shifted).sum(axis=1))


def log_softmax(o: ArrayLike) -> Floats:
    """log softmax(o), (n, k), as o − logsumexp(o): finite even where softmax underflows."""
    a = as_logits(o)
    return a - logsumexp(a)[:, None]


def softmax(o: ArrayLike) -> Floats:
    """ŷ = softmax(o) per row, (n, k): the stable formula (rows sum to 1, no overflow)."""
    a = as_logits(o)
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_naive(o: ArrayLike) -> Floats:
    """exp(o) / Σ exp(o) as written in d2l 3.6: NaN once a logit passes ~709 (inf / inf)."""
    a = as_logits(o)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(a)
        return e / e.sum(axis=1, keepdims=True)


def cross_entropy(o: ArrayLike, labels: ArrayLike) -> Floats:
    """−log softmax(o)_y per example, (n,), from the logits by log-sum-exp (d2l 3.7).

    With a = o_y − max o ≤ 0 and r = Σ_{j≠y} exp(o_j − max o), the loss is log(e^a + r) − a;
    when the example's own logit is the largest (a = 0) that is log1p(r), so even a loss of
    1e-300 (a confident, right prediction) keeps its full relative precision.
    """
    a = as_logits(o)
    y = _labels_for(a, labels)
    rows = np.arange(a.shape[0])
    m = a.max(axis=1)
    with np.errstate(invalid="ignore"):  # rows holding inf or NaN give NaN
        e = np.exp(a - m[:, None])
        own = a[rows, y] - m  # ≤ 0, exact
        e[rows, y] = 0.0
        rest = e.sum(axis=1)
        general = np.log(np.exp(own) + rest) - own  # two non-negative terms: no cancellation
        return np.where(own == 0.0, np.log1p(rest), general)


def cross_entropy_naive(y_hat: ArrayLike, labels: ArrayLike) -> Floats:
    """−log ŷ_y from probabilities, as d2l 3.6 writes it: inf where ŷ_y underflowed to 0."""
    p = as_logits(y_hat, "y_hat")
    y = _labels_for(p, labels)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.log(p[np.arange(p.shape[0]), y])


def accuracy(o: ArrayLike, labels: ArrayLike) -> float:
    """Share of examples whose largest logit (or probability) is their class; NaN if none."""
    a = as_logits(o)
    y = _labels_for(a, labels)
    return float((a.argmax(axis=1) == y).mean()) if y.size else float("nan")


def _labels_for(a: Floats, labels: ArrayLike) -> Indices:
    y = as_labels(labels, a.shape[1])
    if y.shape[0] != a.shape[0]:
        raise ValueError(f"{a.shape[0]} rows of logits but {y.shape[0]} labels")
    return y
