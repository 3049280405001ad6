"""Mean losses of parameter vectors θ = [w, b] over one data set, for every loss kind.

Squared loss comes from sufficient statistics (O(d²) per θ, whatever n is, and vectorised
over many θ); the robust losses need a pass over the data.
"""

from __future__ import annotations

import numpy as np

from linreg_lab.core.array_types import Floats, Ints
from linreg_lab.core.losses import get_loss
from linreg_lab.core.notation import LOSS_KINDS, LossKind
from linreg_lab.core.stats import SufficientStats

__all__ = ["MeanLosses"]

_SQUARED_CODE = LOSS_KINDS.index(LossKind.SQUARED)


def _max_abs(a: Floats) -> float:
    """max |a| from the extremes, without a temporary array of |a|."""
    return max(float(a.max()), -float(a.min())) if a.size else 0.0


class MeanLosses:
    """The mean loss of ŷ = X w + b over (X, y) at given parameter vectors [w, b]."""

    def __init__(self, X: Floats, y: Floats, stats: SufficientStats | None = None) -> None:
        """`stats`, if given, must summarise exactly these X, y (kept up to date by edits)."""
        self._X, self._y = X, y
        self._d = X.shape[1]
        self.stats = SufficientStats.from_data(X, y) if stats is None else stats
        #: the largest |entry| of [X, 1, y]: with the parameters it bounds every residual
        self.max_abs = max(_max_abs(X), _max_abs(y), 1.0)

    @property
    def shape(self) -> tuple[int, int]:
        """(n, d) of the data."""
        return (int(self._X.shape[0]), self._d)

    def mean(self, theta: Floats, loss: LossKind, huber_delta: float) -> float:
        """Mean loss at theta = [w, b]; NaN on an empty set under a robust loss."""
        d = self._d
        if loss is LossKind.SQUARED:
            return self.stats.loss(theta[:d], float(theta[d]))
        if self._X.shape[0] == 0:
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            return self._robust(theta, loss, huber_delta)

    def rows(
        self, thetas: Floats, kinds: Ints, deltas: Floats
    ) -> Floats:
        """Mean losses of the rows of thetas, row i under loss LOSS_KINDS[kinds[i]]."""
        out = np.empty(len(thetas))
        squared = kinds == _SQUARED_CODE
        with np.errstate(over="ignore", invalid="ignore"):
            if squared.any():
                W, B = thetas[squared, : self._d], thetas[squared, self._d]
                out[squared] = self.stats.losses(W, B)
            for i in np.flatnonzero(~squared):
                kind = LossKind(LOSS_KINDS[kinds[i]])
                out[i] = self._robust(thetas[i], kind, float(deltas[i]))
        return out

    def _robust(self, theta: Floats, loss: LossKind, huber_delta: float) -> float:
        residual = self._X @ theta[: self._d] + theta[self._d] - self._y
        return float(get_loss(loss).value_r(residual, huber_delta).mean())
