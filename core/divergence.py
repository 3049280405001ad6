"""When an SGD run counts as diverged, decided cheaply enough for the inner loop.

The loop compares each minibatch loss with one precomputed limit (a single float compare), and
checks the new parameters for overflow only when a single update could overflow at all. The
whole-data loss at the new parameters is checked only when a run could take them outside the
radius within which every loss is provably finite (``safe_radius``): on extreme data or with
absurd learning rates, never on ordinary ones, so the loop stays lean where it matters.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from linreg_lab.core.mean_losses import MeanLosses
from linreg_lab.core.notation import LossKind

__all__ = [
    "EXPLODE_FACTOR",
    "REASON_EXPLODED",
    "REASON_NONFINITE",
    "REASON_OVERFLOW",
    "divergence_limit",
    "needs_overflow_check",
    "safe_radius",
    "update_bound",
]

EXPLODE_FACTOR = 1e10  # a minibatch loss this many times the starting loss counts as diverged
REASON_NONFINITE = "non-finite loss"
REASON_EXPLODED = f"loss exploded (×{EXPLODE_FACTOR:.0e} its starting value)"
REASON_OVERFLOW = "parameters overflowed"
_OVERFLOW_GUARD = 1e300  # above this bound on one update, every update is checked for inf
_RESIDUAL_GUARD = 1e150  # residuals this small square (and average) to finite losses


def divergence_limit(
    train: MeanLosses, start: NDArray[np.float64], loss: LossKind, huber_delta: float
) -> float:
    """EXPLODE_FACTOR × the loss at the start [w, b] (or at 0 if larger) of the given loss."""
    zero = np.zeros_like(start)
    ref = max(train.mean(start, loss, huber_delta), train.mean(zero, loss, huber_delta), 1e-300)
    return EXPLODE_FACTOR * ref


def update_bound(
    lr: float, loss: LossKind, huber_delta: float, limit: float, max_abs_data: float
) -> float:
    """A bound on |Δθ_j| of one update whose minibatch passed the loss check.

    A passing loss check bounds the mean |dloss/dŷ| of the batch (by sqrt(2·limit) for
    squared loss, 1 for absolute, delta for Huber), so |Δθ| ≤ lr · that · max|Z|.
    """
    slope_bound = {
        LossKind.SQUARED: float(np.sqrt(2 * limit)),
        LossKind.ABSOLUTE: 1.0,
        LossKind.HUBER: huber_delta,
    }[loss]
    return lr * slope_bound * max_abs_data  # may be inf (the caller ignores overflow)


def needs_overflow_check(bound: float) -> bool:
    """True if one update (of at most `bound`, see update_bound) could overflow: then every
    update is checked for inf."""
    return not bound < _OVERFLOW_GUARD


def safe_radius(max_abs_data: float, n_params: int) -> float:
    """Parameters θ = [w, b] with every |θ_j| at most this give finite losses on any data
    whose |x| and |y| are at most max_abs_data: |x·w + b − y| ≤ max|Z|·(p·R + 1) ≤ 1e150.

    0 when even θ = 0 is not provably safe (data beyond 1e150): then every step is checked.
    """
    if not max_abs_data > 0:
        return float("inf")
    return max(0.0, (_RESIDUAL_GUARD / max_abs_data - 1.0) / n_params)
