"""Noise models and their losses (d2l 3.1.3): the numbers behind the Noise & likelihood panel.

Under Gaussian noise the negative log-likelihood of the labels is the squared loss scaled and
shifted, so it has the same minimiser; under Laplace noise it is the absolute loss, whose
minimiser is the least-absolute-deviations (LAD) line. The Huber loss sits between the two
(squared near the line, absolute far from it); its line is found by the same kind of
reweighted least squares. Pure NumPy, no Qt.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats
from linreg_lab.core.shapes import as_vector, as_xy

__all__ = [
    "HuberFit",
    "LadFit",
    "histogram_bins",
    "huber_fit",
    "huber_iterations",
    "lad_fit",
    "lad_iterations",
    "nll_and_mse_along",
    "parameter_distance",
    "residual_histogram",
    "sweep_values",
]

LAD_MAX_ITER = 200
LAD_TOL = 1e-13          # stop when the absolute loss improves by less than this, relatively
_DELTA_REL = 1e-9        # IRLS weights 1/max(|r|, δ) with δ this share of the mean |r|
_POLISH_EXTRA = 2        # vertices tried among the p + this many smallest residuals


# --------------------------------------------------------------------------- likelihood sweep


def nll_and_mse_along(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b_values: ArrayLike, sigma: float
) -> tuple[Floats, Floats]:
    """−log P(y | X) and the MSE (1/n)Σ(y − ŷ)² at (w, b) for every b in b_values.

    With r₀ = y − Xw the residuals at b are r₀ − b, and Σ(r₀ − b)² = Σ(r₀ − r̄)² + n(r̄ − b)²
    exactly, so a sweep costs O(n + m) and does not lose digits far from the data.
    The NLL is n·½log(2πσ²) + n·MSE/(2σ²): an increasing function of the MSE, hence the same
    minimiser b = r̄ whatever σ is.
    """
    X, y = as_xy(X, y)
    sigma = float(sigma)
    if not (sigma > 0 and math.isfinite(sigma)):
        raise ValueError(f"sigma must be a positive finite number, got {sigma}")
    w = as_vector(w, X.shape[1], "w")
    b_values = np.asarray(b_values, dtype=float)
    n = y.shape[0]
    if n == 0:
        nan = np.full(b_values.shape, np.nan)
        return nan, nan.copy()
    r0 = y - X @ w
    mean = float(np.mean(r0))
    spread = float(np.sum((r0 - mean) ** 2))
    mse = (spread + n * (mean - b_values) ** 2) / n
    nll = n * 0.5 * math.log(2 * math.pi * sigma**2) + n * mse / (2 * sigma**2)
    return nll, mse


def sweep_values(center: float, half_width: float, num: int = 201) -> Floats:
    """An odd-length grid symmetric around center, so center itself is a grid point."""
    num = max(3, int(num) | 1)
    half_width = abs(float(half_width)) or 1.0
    return center + np.linspace(-half_width, half_width, num)


# --------------------------------------------------------------------------- residuals


def histogram_bins(n: int) -> int:
    """Number of histogram bins for n residuals: about √n, between 5 and 40."""
    return int(min(40, max(5, round(math.sqrt(max(n, 1))))))


def residual_histogram(
    residuals: ArrayLike, bins: int | None = None
) -> tuple[Floats, Floats]:
    """Bin edges and a density (total area 1) of the finite residuals; empty when none."""
    r = np.asarray(residuals, dtype=float).ravel()
    r = r[np.isfinite(r)]
    if r.size == 0:
        return np.zeros(0), np.zeros(0)
    bins = histogram_bins(r.size) if bins is None else int(bins)
    lo, hi = float(r.min()), float(r.max())
    size = max(abs(lo), abs(hi))
    if size > 1e300:  # the span (hi - lo) could overflow: bin r / 2 (exact), then scale back
        edges, density = residual_histogram(r / 2.0, bins)
        return edges * 2.0, density / 2.0
    if hi - lo <= 1e-12 * max(1.0, size):  # all equal: one bin around them, of width 1 or,
        half = 0.5 * max(1.0, 1e-6 * size)  # for values so large that ±0.5 is lost in
        lo, hi = lo - half, hi + half         # rounding, a millionth of their size
    density, edges = np.histogram(r, bins=bins, range=(lo, hi), density=True)
    return edges, density


def parameter_distance(w: ArrayLike, b: float, w_ref: ArrayLike, b_ref: float) -> float:
    """‖(w, b) − (w_ref, b_ref)‖, the Euclidean distance between two parameter vectors."""
    w = as_vector(w, name="w")
    diff = np.append(w - as_vector(w_ref, w.size, "w_ref"), float(b) - float(b_ref))
    return float(np.linalg.norm(diff))


# --------------------------------------------------------------------------- LAD


@dataclass(frozen=True)
class LadFit:
    """A least-absolute-deviations line: argmin Σ|y − Xw − b|, the Laplace-noise MLE."""

    w: Floats
    b: float
    loss: float          # Σ|y − Xw − b|
    iterations: int
    converged: bool


def lad_fit(
    X: ArrayLike, y: ArrayLike, *, max_iter: int = LAD_MAX_ITER, tol: float = LAD_TOL
) -> LadFit:
    """The LAD line, by iteratively reweighted least squares snapped to an exact vertex.

    Deterministic. IRLS approaches the optimum; the optimum of this linear program is a line
    through d + 1 of the examples, so the examples with the smallest residuals are then
    fitted exactly and the best such vertex kept, which makes small problems exact to
    rounding. See lad_iterations to run it in chunks.
    """
    return deque(lad_iterations(X, y, max_iter=max_iter, tol=tol), maxlen=1)[0]


def lad_iterations(X: ArrayLike, y: ArrayLike, *, max_iter: int = LAD_MAX_ITER,
                   tol: float = LAD_TOL) -> Iterator[LadFit]:
    """Yield the LAD estimate after each IRLS iteration; the last one is polished and final.

    A caller with a time budget (a GUI on big data) can pull a few items per turn and drop
    the iterator to cancel.
    """
    X, y = as_xy(X, y)
    n, d = X.shape
    if n == 0:
        yield LadFit(np.zeros(d), 0.0, 0.0, 0, True)
        return
    shift = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    A = np.column_stack([(X - shift) / scale, np.ones(n)])  # equilibrated design
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    loss = float(np.sum(np.abs(y - A @ theta)))
    converged = n <= A.shape[1] or loss == 0.0
    it = 0
    while not converged and it < max_iter:
        it += 1
        new_theta, new_loss = _irls_step(A, y, theta)
        if not new_loss < loss:  # no progress left at this precision
            converged = True
            break
        converged = loss - new_loss <= tol * loss
        theta, loss = new_theta, new_loss
        if not converged:
            yield _to_fit(theta, loss, shift, scale, it, False)
    theta, loss = _polish(A, y, theta, loss)
    yield _to_fit(theta, loss, shift, scale, it, converged)


def _irls_step(A: Floats, y: Floats, theta: Floats) -> tuple[Floats, float]:
    """One weighted least-squares solve with weights 1/max(|r|, δ)."""
    r = np.abs(y - A @ theta)
    delta = max(_DELTA_REL * float(np.mean(r)), 1e-300)
    root = 1.0 / np.sqrt(np.maximum(r, delta))
    new = np.asarray(np.linalg.lstsq(A * root[:, None], y * root, rcond=None)[0], np.float64)
    return new, float(np.sum(np.abs(y - A @ new)))


def _polish(A: Floats, y: Floats, theta: Floats,
            loss: float) -> tuple[Floats, float]:
    """Try the lines through p of the examples nearest to the estimate; keep the best."""
    n, p = A.shape
    if n <= p:
        return theta, loss
    nearest = np.argsort(np.abs(y - A @ theta), kind="stable")[: min(n, p + _POLISH_EXTRA)]
    best, best_loss = theta, loss
    for rows in combinations(nearest.tolist(), p):
        sub = A[list(rows)]
        if np.linalg.matrix_rank(sub) < p:
            continue
        cand = np.asarray(np.linalg.solve(sub, y[list(rows)]), np.float64)
        cand_loss = float(np.sum(np.abs(y - A @ cand)))
        if cand_loss < best_loss:
            best, best_loss = cand, cand_loss
    return best, best_loss


def _to_fit(theta: Floats, loss: float, shift: Floats, scale: Floats,
            iterations: int, converged: bool) -> LadFit:
    """Map equilibrated parameters back to data units."""
    w = theta[:-1] / scale
    b = float(theta[-1] - shift @ w)
    return LadFit(w, b, loss, iterations, converged)




# --------------------------------------------------------------------------- Huber


@dataclass(frozen=True)
class HuberFit:
    """The line minimising Σ huber(y − Xw − b; δ): robust, yet squared near the line."""

    w: Floats
    b: float
    loss: float          # Σ huber(r; δ), huber = ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond
    iterations: int
    converged: bool


def huber_fit(X: ArrayLike, y: ArrayLike, delta: float, *, max_iter: int = LAD_MAX_ITER,
              tol: float = LAD_TOL) -> HuberFit:
    """The Huber line (see huber_iterations to run it in chunks). Deterministic."""
    return deque(huber_iterations(X, y, delta, max_iter=max_iter, tol=tol), maxlen=1)[0]


def huber_iterations(X: ArrayLike, y: ArrayLike, delta: float, *,
                     max_iter: int = LAD_MAX_ITER, tol: float = LAD_TOL) -> Iterator[HuberFit]:
    """Yield the Huber estimate after each iteration; the last one is final.

    Each iteration first tries the exact step for the current split of the residuals
    (those inside ±δ fitted by least squares, those outside pulling with force δ): when the
    split does not change, that is the minimum, exact to rounding. Otherwise, or when it
    would not lower the loss, a reweighted least-squares step (weights 1 inside ±δ, δ/|r|
    outside) is taken instead, which never raises the (convex) Huber loss. Starts from least
    squares, the answer when no residual is beyond δ.
    """
    X, y = as_xy(X, y)
    delta = float(delta)
    if not (delta > 0 and math.isfinite(delta)):
        raise ValueError(f"delta must be a positive finite number, got {delta}")
    n, d = X.shape
    if n == 0:
        yield HuberFit(np.zeros(d), 0.0, 0.0, 0, True)
        return
    shift = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    A = np.column_stack([(X - shift) / scale, np.ones(n)])  # equilibrated design
    theta = np.asarray(np.linalg.lstsq(A, y, rcond=None)[0], np.float64)
    loss = _huber_sum(y - A @ theta, delta)
    converged, it = False, 0
    while not converged and it < max_iter:
        it += 1
        r = y - A @ theta
        inside = np.abs(r) <= delta
        exact = _huber_exact_step(A, y, r, inside, delta)
        exact_loss = _huber_sum(y - A @ exact, delta) if exact is not None else math.inf
        if exact is not None and exact_loss <= loss:
            new, new_loss = exact, exact_loss
            converged = bool(np.array_equal(np.abs(y - A @ new) <= delta, inside))
        else:
            new = _huber_irls_step(A, y, r, delta)
            new_loss = _huber_sum(y - A @ new, delta)
        if not new_loss <= loss:  # no progress left at this precision
            converged = True
            break
        converged = converged or loss - new_loss <= tol * loss
        theta, loss = new, new_loss
        if not converged:
            yield _huber_to_fit(theta, loss, shift, scale, it, False)
    yield _huber_to_fit(theta, loss, shift, scale, it, converged)


def _huber_exact_step(A: Floats, y: Floats, r: Floats, inside: np.ndarray,
                      delta: float) -> Floats | None:
    """The minimum for this split of the residuals: A_Iᵀ A_I θ = A_Iᵀ y_I + δ A_Oᵀ sign(r_O);
    None when the examples inside ±δ do not determine θ."""
    A_in = A[inside]
    if A_in.shape[0] < A.shape[1]:
        return None
    gram = A_in.T @ A_in
    rhs = A_in.T @ y[inside] + delta * (A[~inside].T @ np.sign(r[~inside]))
    try:
        if np.linalg.cond(gram) > 1e12:
            return None
        return np.asarray(np.linalg.solve(gram, rhs), np.float64)
    except np.linalg.LinAlgError:
        return None


def _huber_irls_step(A: Floats, y: Floats, r: Floats, delta: float) -> Floats:
    a = np.abs(r)
    root = np.sqrt(np.where(a <= delta, 1.0, delta / np.maximum(a, 1e-300)))
    return np.asarray(np.linalg.lstsq(A * root[:, None], y * root, rcond=None)[0], np.float64)


def _huber_sum(r: Floats, delta: float) -> float:
    a = np.abs(r)
    return float(np.sum(np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))))


def _huber_to_fit(theta: Floats, loss: float, shift: Floats, scale: Floats,
                  iterations: int, converged: bool) -> HuberFit:
    w = theta[:-1] / scale
    return HuberFit(w, float(theta[-1] - shift @ w), loss, iterations, converged)
