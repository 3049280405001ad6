"""The least-squares optimum from sufficient statistics, in O(d³) whatever n is.

An edit of one point updates the statistics in O(d²) (SufficientStats.with_example and
friends); this turns them into the optimum without a pass over the data, so a drag costs the
same at 10 or 10⁶ points. It solves for the *correction* to the statistics' anchor, which sits
at (or near) the previous optimum: with C = cov(x) and c = cov(x, r₀) at the anchor,

    w* = w_a + δ,   C δ = −c,   b* = ȳ − x̄·w*

c is the gradient at the anchor, small near the optimum, so the error of δ is relative to δ,
not to w*: this is one step of refinement, not the textbook normal equations. C is
equilibrated to unit diagonal and solved through its eigendecomposition. It answers only
when that is safe (more examples than parameters, C well conditioned, κ ≤ 10⁸); otherwise,
and for the exact answer once editing pauses, the caller solves from the data with QR
(core.least_squares).
"""

from __future__ import annotations

import numpy as np

from linreg_lab.core.solvers import LstsqSolution
from linreg_lab.core.stats import SufficientStats

__all__ = ["MAX_CONDITION", "least_squares_from_stats"]

MAX_CONDITION = 1e8


def least_squares_from_stats(stats: SufficientStats) -> LstsqSolution | None:
    """The optimum (w, b) of the data `stats` summarise, or None if not clearly unique."""
    d = stats.n_features
    if d == 0 or stats.n <= d:
        return None
    C, c = stats.cov_xx, stats.cov_xr
    scale = np.sqrt(np.diag(C))
    if not (np.isfinite(C).all() and np.isfinite(c).all()) or not (scale > 0).all():
        return None
    lam, V = np.linalg.eigh(C / np.outer(scale, scale))
    if not lam[0] > lam[-1] / MAX_CONDITION:
        return None
    z = V @ ((V.T @ (-c / scale)) / lam)
    w = stats.anchor_w + z / scale
    b = stats.mean_y - float(stats.mean_x @ w)
    if not (np.isfinite(w).all() and np.isfinite(b)):
        return None
    return LstsqSolution(w, float(b), d + 1, d + 1, None)
