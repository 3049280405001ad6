"""When an SGD run counts as diverged, decided cheaply enough for the inner loop.

The loop compares each minibatch loss with one precomputed limit (a single float compare), and
checks the new parameters for overflow only when a single update could overflow at all.
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
]

EXPLODE_FACTOR = 1e10  # a minibatch loss this many times the starting loss counts as diverged
REASON_NONFINITE = "non-finite loss"
REASON_EXPLODED = f"loss exploded (×{EXPLODE_FACTOR:.0e} its starting value)"
REASON_OVERFLOW = "parameters overflowed"
_OVERFLOW_GUARD = 1e300  # above this bound on one update, every update is checked for inf


def divergence_limit(
    train: MeanLosses, start: NDArray[np.float64], loss: LossKind, huber_delta: float
) -> float:
    """EXPLODE_FACTOR × the loss at the start [w, b] (or at 0 if larger) of the given loss."""
    zero = np.zeros_like(start)
    ref = max(train.mean(start, loss, huber_delta), train.mean(zero, loss, huber_delta), 1e-300)
    return EXPLODE_FACTOR * ref


def needs_overflow_check(
    lr: float, loss: LossKind, huber_delta: float, limit: float, max_abs_data: float
) -> bool:
    """True if one update could overflow: then every update is checked for inf.

    A passing loss check bounds the mean |dloss/dŷ| of the batch (by sqrt(2·limit) for
    squared loss, 1 for absolute, delta for Huber), so |Δθ| ≤ lr · that · max|Z|.
    """
    slope_bound = {
        LossKind.SQUARED: float(np.sqrt(2 * limit)),
        LossKind.ABSOLUTE: 1.0,
        LossKind.HUBER: huber_delta,
    }[loss]
    return not lr * slope_bound * max_abs_data < _OVERFLOW_GUARD
