"""The reference for softmax regression: the convex optimum of the mean cross-entropy.

Softmax regression has no closed form, so the reference SGD is compared with is found by
Newton's method on the full data, with a backtracking (Armijo) line search:

- Parametrisation: logits are unchanged when the same vector is added to every class's
  column of [W; b], so the last class's column is held at 0 while solving (a strictly convex
  problem in (d + 1)(k − 1) unknowns when the optimum is finite); the answer is then centred
  (each row of [W; b] minus its mean over the classes), the smallest equivalent parameters.
- Features are standardised inside the solver (Newton is affine-invariant, so this changes
  only the rounding) and the answer is mapped back; the gradient reported is that of the
  original problem, at the returned W and b.
- Stopping: the largest entry of the original problem's gradient below ``tol`` (1e-10 by
  default), or nothing left to gain in double precision (a Newton step of rounding size, or a
  line search that finds no decrease); quadratic convergence takes a handful of iterations
  on non-separable data.

When the optimum lies at infinity: if the classes are linearly separable, every finite W
has a positive loss while scaling a separating W up sends it to 0, so no minimiser exists and
SGD's weights grow without bound. That is detected exactly when an iterate classifies every
example correctly (a separating W is its own certificate). When only some classes separate
from the rest (iris: setosa), the gradient still vanishes but the Newton steps stay long,
along the direction that separates them: detected as steps that keep moving after the
gradient is below ``tol``, or as iterations running out. Either way ``at_infinity`` is True
and ``reason`` says why in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.softmax import as_labels, cross_entropy, one_hot, softmax

__all__ = [
    "REASON_PARTLY_SEPARABLE",
    "REASON_SEPARABLE",
    "SoftmaxOptimum",
    "softmax_optimum",
]

REASON_SEPARABLE = ("the classes are linearly separable: every example can be classified "
                    "correctly, so scaling the weights up lowers the loss towards 0 forever and "
                    "the optimum lies at infinity")
REASON_PARTLY_SEPARABLE = ("some classes can be separated from the others by a line (a "
                           "hyperplane): along that direction the loss keeps falling, so the "
                           "weights grow without bound and the optimum lies at infinity")
_STEP_TOL = 1e-15  # relative size of a Newton step that only rounding can make
_ARMIJO = 1e-4
_ROUNDING = 1e-13  # −g·step (twice the gain Newton expects) below this share of the loss:
# the line search can no longer see the gain, so the full step is trusted


@dataclass(frozen=True)
class SoftmaxOptimum:
    """The solver's answer. W (d, k), b (k,) are the last iterate when at_infinity."""

    W: Floats
    b: Floats
    loss: float  # mean cross-entropy at (W, b)
    grad_max: float  # largest |entry| of the mean loss's gradient at (W, b)
    iterations: int
    at_infinity: bool
    reason: str | None  # why the optimum is at infinity, in words; None when finite
    accuracy: float  # training accuracy at (W, b)


def softmax_optimum(X: ArrayLike, labels: ArrayLike, num_classes: int | None = None, *,
                    tol: float = 1e-10, max_iter: int = 100) -> SoftmaxOptimum:
    """Minimise the mean cross-entropy of softmax regression on (X, labels) by Newton."""
    X = np.asarray(X, dtype=np.float64)
    y = as_labels(labels, num_classes)
    if X.ndim != 2 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError(f"X must be (n, d) with n = {y.shape[0]} ≥ 1 rows, got {X.shape}")
    if not np.isfinite(X).all():
        raise ValueError("X must be finite")
    k = int(num_classes) if num_classes is not None else max(int(y.max()) + 1, 2)
    mu, sigma = X.mean(axis=0), X.std(axis=0)
    sigma[sigma == 0] = 1.0
    Z = np.column_stack([(X - mu) / sigma, np.ones(X.shape[0])])
    Y = one_hot(y, k)
    d = X.shape[1]
    to_original = np.eye(d + 1)  # ∂/∂w_j = σ_j ∂/∂w'_j + μ_j ∂/∂b'; the bias's is unchanged
    to_original[:d, :d] *= sigma
    to_original[:d, d] = mu
    theta, iterations, reason = _newton(Z, y, Y, to_original, tol, max_iter)
    W_std, b_std = theta[:-1], theta[-1]
    W = W_std / sigma[:, None]
    b = b_std - (mu / sigma) @ W_std
    W, b = W - W.mean(axis=1, keepdims=True), b - b.mean()
    # the same logits from the standardised features: X @ W + b cancels digits when a
    # feature's mean is far larger than its spread, and the gradient would read that rounding
    o = Z @ theta
    grad = to_original @ (Z.T @ (softmax(o) - Y) / X.shape[0])
    accuracy = float((o.argmax(axis=1) == y).mean())
    return SoftmaxOptimum(W, b, float(cross_entropy(o, y).mean()), float(np.abs(grad).max()),
                          iterations, reason is not None, reason, accuracy)


def _newton(Z: Floats, y: Indices, Y: Floats, to_original: Floats, tol: float,
            max_iter: int) -> tuple[Floats, int, str | None]:
    """Newton iterations on [W; b] (standardised features) with the last class's column at 0.

    ``to_original`` maps a gradient on the standardised features to the original ones, where
    ``tol`` applies (a feature of mean 5,000 multiplies the intercept's gradient by that).
    """
    n, p = Z.shape
    k = Y.shape[1]
    theta = np.zeros((p, k))
    loss = _loss(Z, y, theta)
    for it in range(1, max_iter + 1):
        o = Z @ theta
        if _separates(o, y):
            return theta, it - 1, REASON_SEPARABLE
        P = softmax(o)
        grad = (Z.T @ (P - Y) / n)[:, :-1]
        step = _newton_step(Z, P[:, :-1], grad)
        size, scale = np.abs(step).max(), 1.0 + np.abs(theta).max()
        if np.abs(to_original @ grad).max() < tol:
            # no gradient left: a finite optimum, unless Newton still wants to go far
            return theta, it - 1, None if size <= 1e-3 * scale else REASON_PARTLY_SEPARABLE
        if size <= _STEP_TOL * scale:
            return theta, it - 1, None  # rounding stops it: as good as it gets (see grad_max)
        t, slope = 1.0, -float(np.vdot(grad, step))
        near = slope <= _ROUNDING * (1.0 + loss)  # a gain the loss's digits cannot show
        while True:  # Armijo backtracking: Newton's step is a descent direction
            trial = theta.copy()
            trial[:, :-1] += t * step
            trial_loss = _loss(Z, y, trial)
            if trial_loss <= loss - _ARMIJO * t * slope or (near and t == 1.0):
                break  # near the optimum the full step is taken: Newton's own convergence
            t *= 0.5
            if t < 1e-12:  # no decrease left to find in double precision
                return theta, it - 1, None
        theta, loss = trial, trial_loss
    return theta, max_iter, REASON_PARTLY_SEPARABLE


def _newton_step(Z: Floats, P: Floats, grad: Floats) -> Floats:
    """−H⁻¹g for the (k−1) free columns: H[(a,c),(b,e)] = Σᵢ zᵢₐ zᵢᵦ (δ_ce pᵢc − pᵢc pᵢe)/n."""
    n, p = Z.shape
    m = P.shape[1]
    H = np.empty((p, m, p, m))
    for c in range(m):
        for e in range(c, m):
            weight = P[:, c] * ((c == e) - P[:, e])
            block = (Z * weight[:, None]).T @ Z / n
            H[:, c, :, e] = block
            H[:, e, :, c] = block.T
    H2, g = H.reshape(p * m, p * m), grad.reshape(p * m)
    try:
        L = np.linalg.cholesky(H2)
        step = -np.linalg.solve(L.T, np.linalg.solve(L, g))
    except np.linalg.LinAlgError:  # singular (duplicated features, too few points)
        step = -np.linalg.lstsq(H2, g, rcond=None)[0]
    return np.asarray(step).reshape(p, m)


def _loss(Z: Floats, y: Indices, theta: Floats) -> float:
    return float(cross_entropy(Z @ theta, y).mean())


def _separates(o: Floats, y: Indices) -> bool:
    """True if every example's own logit is the largest by more than rounding: a separating W."""
    rows = np.arange(o.shape[0])
    own = o[rows, y].copy()
    others = o.copy()
    others[rows, y] = -np.inf
    slack = 1e-9 * (1.0 + float(np.abs(o).max()))
    return bool((own - others.max(axis=1) > slack).all())
