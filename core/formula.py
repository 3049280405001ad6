"""What the formula panel shows, chosen without Qt: which form of the model, which entries.

The panel writes the chapter's formulas with the learner's current numbers in them. These
helpers pick the numbers (which weights to spell out when d is large, the rows of one
minibatch update, the normal-equation pieces when they are small enough to read), so the
choice is tested without a window and the panel only formats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab.core.shapes import as_xy
from linreg_lab.core.solvers import normal_equation_pieces
from linreg_lab.core.stats import SufficientStats
from linreg_lab.core.step_record import StepRecord

__all__ = [
    "MAX_MATRIX_FEATURES",
    "MAX_SUM_FEATURES",
    "UpdateRow",
    "model_form",
    "normal_equation_view",
    "shown_indices",
    "update_rows",
]

MAX_SUM_FEATURES = 4     # up to this many features the model is written out term by term
DIRECT_MAX_ENTRIES = 100_000  # up to this many entries of X the pieces are the products
MAX_MATRIX_FEATURES = 3  # up to this many features XᵀX ((d+1)×(d+1)) is shown entry by entry


def model_form(d: int) -> str:
    """'scalar' (ŷ = w·x + b), 'sum' (ŷ = w₁x₁ + … + b) or 'vector' (ŷ = Xw + b)."""
    if d <= 1:
        return "scalar"
    return "sum" if d <= MAX_SUM_FEATURES else "vector"


def shown_indices(d: int, limit: int = 6) -> list[int | None]:
    """Indices of the d entries to write; None marks an ellipsis for those left out.

    At most `limit` slots: the first ones, the ellipsis and the last, so a reader sees where
    the vector starts and ends.
    """
    if d <= limit:
        return list(range(d))
    head = max(1, limit - 2)
    return [*range(head), None, d - 1]


@dataclass(frozen=True)
class UpdateRow:
    """One parameter's update θ ← θ − η·g: index None is the bias b."""

    index: int | None
    before: float
    grad: float
    after: float


def update_rows(record: StepRecord, limit: int = 6) -> list[UpdateRow | None]:
    """The rows of the last update to write: the shown weights, then b; None = ellipsis."""
    rows: list[UpdateRow | None] = []
    for j in shown_indices(len(record.w_before), limit):
        if j is None:
            rows.append(None)
        else:
            rows.append(UpdateRow(j, float(record.w_before[j]), float(record.grad_w[j]),
                                  float(record.w_after[j])))
    rows.append(UpdateRow(None, record.b_before, record.grad_b, record.b_after))
    return rows


def normal_equation_view(
    X: np.ndarray, y: np.ndarray, max_features: int = MAX_MATRIX_FEATURES,
    stats: SufficientStats | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """XᵀX and Xᵀy of the design [X, 1] when they are small enough to read, else None.

    None also when there are no examples: then both are zero and say nothing. Given the
    data's `stats`, large data (over DIRECT_MAX_ENTRIES) take them from those in O(d²),
    equal to the products to rounding: a pass over 10⁶ rows took ~60 ms a change.
    """
    X, y = as_xy(X, y)
    if X.shape[0] == 0 or X.shape[1] > max_features:
        return None
    if stats is not None and stats.n == X.shape[0] and X.size > DIRECT_MAX_ENTRIES:
        return _pieces_from_stats(stats)
    return normal_equation_pieces(X, y)


def _pieces_from_stats(stats: SufficientStats) -> tuple[np.ndarray, np.ndarray]:
    """n·E[z zᵀ] and n·E[z y] for z = [x, 1], from the centred moments."""
    n, mx, my = stats.n, stats.mean_x, stats.mean_y
    cov_xy = stats.cov_xx @ stats.anchor_w - stats.cov_xr  # r₀ = x·w_a − y, centred
    xty = np.append(n * (cov_xy + mx * my), n * my)
    return n * stats.second_moment(), xty
