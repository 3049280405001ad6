"""Sufficient statistics of a linear-regression data set under squared loss.

For a linear model the mean squared loss ½·mean((X w + b − y)²) depends on the data only
through n, the means and the second moments, so once these are kept the loss at any (w, b),
and a whole landscape grid, costs O(d²) per point whatever n is.

Naively expanding ½(wᵀXᵀXw/n − 2wᵀXᵀy/n + yᵀy/n) loses most digits near the optimum, where
the loss is tiny next to each term. So we keep *centred* moments, and expand around an anchor
point w_a whose centred residual r₀ = (X − x̄) w_a − (y − ȳ) is summarised exactly in one pass:

    r = x·w + b − y = (x − x̄)·δ + r̃₀ + m,   δ = w − w_a,   m = x̄·w + b − ȳ
    L(w, b) = ½ (δᵀ C δ + 2 δᵀ c + v + m²),   C = cov(x), c = cov(x, r₀), v = var(r₀)

Near the anchor δ is small and v is exact, so no cancellation. By default the anchor is the
least-squares optimum, where SGD ends up and where the accuracy matters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats
from linreg_lab.core.shapes import as_vector, as_xy

__all__ = ["SufficientStats"]


@dataclass(frozen=True, eq=False)
class SufficientStats:
    """Everything the mean squared loss of a linear model needs to know about (X, y)."""

    n: int
    mean_x: Floats  # (d,)
    mean_y: float
    cov_xx: Floats  # (d, d), centred XᵀX / n
    anchor_w: Floats  # (d,)
    anchor_b: float
    cov_xr: Floats  # (d,), centred Xᵀr₀ / n at the anchor
    var_r: float  # centred r₀ᵀr₀ / n at the anchor

    @classmethod
    def from_data(
        cls, X: ArrayLike, y: ArrayLike, *, anchor_w: ArrayLike | None = None,
        anchor_b: float = 0.0,
    ) -> SufficientStats:
        """Summarise (X, y) in O(n d²). anchor_w=None anchors at the least-squares optimum.

        With anchor_w=None the anchor intercept is the optimal one too, and anchor_b is
        ignored. The anchor only decides where the loss is most accurate, never its value.
        """
        X, y = as_xy(X, y)
        n, d = X.shape
        if n == 0:
            return cls._empty(d, anchor_w, anchor_b)
        mean_x = X.mean(axis=0)
        mean_y = float(y.mean())
        Xc = X - mean_x
        yc = y - mean_y
        cov_xx = (Xc.T @ Xc) / n
        if anchor_w is None:
            anchor_w = _centred_optimum(cov_xx, (Xc.T @ yc) / n)
            anchor_b = mean_y - float(mean_x @ anchor_w)
        anchor_w = as_vector(anchor_w, d, "anchor_w")
        r0 = Xc @ anchor_w - yc
        return cls(
            n=n,
            mean_x=mean_x,
            mean_y=mean_y,
            cov_xx=cov_xx,
            anchor_w=anchor_w,
            anchor_b=float(anchor_b),
            cov_xr=(Xc.T @ r0) / n,
            var_r=float(r0 @ r0) / n,
        )

    @classmethod
    def _empty(cls, d: int, anchor_w: ArrayLike | None, anchor_b: float) -> SufficientStats:
        """No examples: every mean is undefined, so every loss is nan (and no warning)."""
        nan = float("nan")
        w = np.zeros(d) if anchor_w is None else as_vector(anchor_w, d, "anchor_w")
        return cls(
            0, np.full(d, nan), nan, np.full((d, d), nan), w, float(anchor_b), np.full(d, nan), nan
        )

    @property
    def n_features(self) -> int:
        return int(self.mean_x.shape[0])

    # --- one-example edits in O(d²), no pass over the data ----------------------------------
    # Welford's updates on z = [x, x·w_a − y] (the residual at the anchor, up to a constant):
    # its centred cross-products are n·[[C, c], [cᵀ, v]], so adding or removing one example
    # is a rank-one update of a (d+1)² matrix, as stable as the one-pass variance.

    def with_example(self, x: ArrayLike, y: float) -> SufficientStats:
        """The statistics of these data plus the example (x, y)."""
        x, y = self._example(x, y)
        if self.n == 0:
            return SufficientStats.from_data(x[None, :], [y], anchor_w=self.anchor_w,
                                             anchor_b=self.anchor_b)
        n1 = self.n + 1
        dz = self._centred_z(x, y, self.mean_x, self.mean_y)
        mean_x = self.mean_x + (x - self.mean_x) / n1
        mean_y = self.mean_y + (y - self.mean_y) / n1
        moments = self._moments() + (self.n / n1) * np.outer(dz, dz)
        return self._with_moments(n1, mean_x, mean_y, moments)

    def without_example(self, x: ArrayLike, y: float) -> SufficientStats:
        """The statistics of these data less one example (x, y) that is among them."""
        x, y = self._example(x, y)
        if self.n <= 1:
            return SufficientStats._empty(self.n_features, self.anchor_w, self.anchor_b)
        n1 = self.n - 1
        mean_x = self.mean_x - (x - self.mean_x) / n1
        mean_y = self.mean_y - (y - self.mean_y) / n1
        dz = self._centred_z(x, y, mean_x, mean_y)
        moments = self._moments() - (n1 / self.n) * np.outer(dz, dz)
        return self._with_moments(n1, mean_x, mean_y, moments)

    def with_example_moved(self, old: tuple[ArrayLike, float],
                           new: tuple[ArrayLike, float]) -> SufficientStats:
        """The statistics after example `old` = (x, y) became `new` (a dragged point)."""
        if self.n == 1:
            return SufficientStats.from_data(self._example(*new)[0][None, :], [new[1]],
                                             anchor_w=self.anchor_w, anchor_b=self.anchor_b)
        return self.without_example(*old).with_example(*new)

    def _example(self, x: ArrayLike, y: float) -> tuple[Floats, float]:
        x = as_vector(x, self.n_features, "x")
        y = float(y)
        if not (np.isfinite(x).all() and np.isfinite(y)):
            raise ValueError("an example must be finite")
        return x, y

    def _centred_z(self, x: Floats, y: float, mean_x: Floats, mean_y: float) -> Floats:
        dx = x - mean_x
        return np.append(dx, float(dx @ self.anchor_w) - (y - mean_y))

    def _moments(self) -> Floats:
        d = self.n_features
        M = np.empty((d + 1, d + 1))
        M[:d, :d] = self.cov_xx
        M[:d, d] = M[d, :d] = self.cov_xr
        M[d, d] = self.var_r
        return M * self.n

    def _with_moments(self, n: int, mean_x: Floats, mean_y: float,
                      moments: Floats) -> SufficientStats:
        d = self.n_features
        cov = moments / n
        diagonal = np.diag_indices(d + 1)
        cov[diagonal] = np.maximum(cov[diagonal], 0.0)  # variances: clip rounding below zero
        return SufficientStats(n=n, mean_x=mean_x, mean_y=float(mean_y), cov_xx=cov[:d, :d].copy(),
                               anchor_w=self.anchor_w, anchor_b=self.anchor_b,
                               cov_xr=cov[:d, d].copy(), var_r=float(cov[d, d]))

    def losses(self, W: ArrayLike, B: ArrayLike) -> Floats:
        """Mean squared loss for k parameter sets at once: W (k, d), B (k,) → (k,)."""
        W = np.asarray(W, dtype=float)
        B = np.asarray(B, dtype=float)
        D = W - self.anchor_w
        quad = np.einsum("kd,de,ke->k", D, self.cov_xx, D) + 2 * (D @ self.cov_xr)
        m = W @ self.mean_x + B - self.mean_y
        return self._combine(quad, m)

    def loss(self, w: ArrayLike, b: float) -> float:
        """Mean of ½(ŷ − y)² over the data at (w, b), in O(d²)."""
        w = as_vector(w, self.n_features, "w")
        delta = w - self.anchor_w
        quad = float(delta @ (self.cov_xx @ delta)) + 2 * float(delta @ self.cov_xr)
        m = float(self.mean_x @ w) + float(b) - self.mean_y
        value = 0.5 * (max(quad + self.var_r, 0.0) + m * m)
        if math.isnan(value) and self.n and np.isfinite(w).all() and math.isfinite(b):
            return math.inf  # a mean of squares of data at finite (w, b): NaN is inf − inf
        return value

    def grad(self, w: ArrayLike, b: float) -> tuple[Floats, float]:
        """Gradient of the mean squared loss: (dL/dw (d,), dL/db)."""
        w = as_vector(w, self.n_features, "w")
        m = float(self.mean_x @ w) + float(b) - self.mean_y
        gw = self.cov_xx @ (w - self.anchor_w) + self.cov_xr + m * self.mean_x
        return gw, m

    def loss_grid(self, W: ArrayLike, B: ArrayLike) -> Floats:
        """d == 1: the loss over a grid of slopes W and intercepts B (broadcast together)."""
        self._require_d(1)
        W, B = np.broadcast_arrays(np.asarray(W, dtype=float), np.asarray(B, dtype=float))
        dw = W - self.anchor_w[0]
        quad = self.cov_xx[0, 0] * dw * dw + 2 * self.cov_xr[0] * dw
        m = self.mean_x[0] * W + B - self.mean_y
        return self._combine(quad, m)

    def loss_grid_w(self, W1: ArrayLike, W2: ArrayLike, b: float) -> Floats:
        """d == 2: the loss over a grid of (w1, w2) at a fixed intercept b."""
        self._require_d(2)
        W1, W2 = np.broadcast_arrays(np.asarray(W1, dtype=float), np.asarray(W2, dtype=float))
        d1 = W1 - self.anchor_w[0]
        d2 = W2 - self.anchor_w[1]
        C, c = self.cov_xx, self.cov_xr
        quad = C[0, 0] * d1 * d1 + 2 * C[0, 1] * d1 * d2 + C[1, 1] * d2 * d2
        quad += 2 * (c[0] * d1 + c[1] * d2)
        m = self.mean_x[0] * W1 + self.mean_x[1] * W2 + float(b) - self.mean_y
        return self._combine(quad, m)

    def second_moment(self) -> Floats:
        """E[[x, 1][x, 1]ᵀ], (d+1, d+1): the Hessian of the mean squared loss in (w, b)."""
        d = self.n_features
        M = np.empty((d + 1, d + 1))
        M[:d, :d] = self.cov_xx + np.outer(self.mean_x, self.mean_x)
        M[:d, d] = M[d, :d] = self.mean_x
        M[d, d] = 1.0
        return M

    def stability_limit(self) -> float:
        """2 / λmax of the Hessian: full-batch GD converges for lr below this, diverges above.

        nan without examples.
        """
        if self.n == 0:
            return float("nan")
        return 2.0 / float(np.linalg.eigvalsh(self.second_moment())[-1])

    def _combine(self, quad: Floats, m: Floats) -> Floats:
        # the centred part is a variance: clip rounding below zero
        return 0.5 * (np.maximum(quad + self.var_r, 0.0) + m * m)

    def _require_d(self, d: int) -> None:
        if self.n_features != d:
            raise ValueError(f"this grid needs {d} feature(s), the data have {self.n_features}")


def _centred_optimum(cov_xx: Floats, cov_xy: Floats) -> Floats:
    """A point at or near the least-squares slope, used only as the expansion point.

    Solving the small centred system is fine here: the anchor's precision does not affect
    the loss values (they are exact for any anchor), only how much cancellation remains.
    """
    if cov_xx.size == 0:
        return np.zeros(0)
    scale = np.sqrt(np.diag(cov_xx))
    scale[scale == 0] = 1.0
    A = cov_xx / np.outer(scale, scale)
    z = np.linalg.lstsq(A, cov_xy / scale, rcond=None)[0]
    return z / scale
