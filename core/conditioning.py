"""Why plain SGD crawls on some data: the curvature of the loss and its condition number.

The mean squared loss is a quadratic bowl in θ = (w, b) whose Hessian is the second moment
H = E[(x, 1)(x, 1)ᵀ]. Its eigenvectors are the axes of the landscape's elliptic contours and
its eigenvalues their curvatures: the contours are √κ times longer than wide, κ = λmax/λmin.
Gradient descent must keep η below 2/λmax (the steep direction) and then creeps along the flat
one: at the best constant η = 2/(λmax + λmin) each full-batch step shrinks the error by
(κ − 1)/(κ + 1) at worst. Features around 100 make κ about 10⁴ (the intercept and the slope
are nearly the same direction); standardising them makes H the identity: κ = 1, limit 2.

The analytical solution does not feel this: it solves the centred system (x − x̄), whose
condition number κ_c = cond(cov(x)) ignores where the features sit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from linreg_lab.core.array_types import Floats
from linreg_lab.core.stats import SufficientStats


@dataclass(frozen=True)
class Curvature:
    """The loss landscape's curvature: eigenvalues (ascending) and axes of H, and κ."""

    eigenvalues: Floats  # (d + 1,) of H, ascending
    axes: Floats  # (d + 1, d + 1): column i is the axis of eigenvalues[i], in (w, b)
    centred_condition: float  # cond(cov(x)) of the centred design the solver uses (1 for d=1)

    @property
    def condition(self) -> float:
        """κ = λmax / λmin of H (inf when the loss has a flat direction)."""
        low, high = float(self.eigenvalues[0]), float(self.eigenvalues[-1])
        return high / low if low > high * 1e-15 else math.inf

    @property
    def stability_limit(self) -> float:
        """2 / λmax: full-batch gradient descent diverges above this η."""
        return 2.0 / float(self.eigenvalues[-1])

    @property
    def best_lr(self) -> float:
        """2 / (λmax + λmin): the constant η with the fastest worst-case convergence."""
        return 2.0 / float(self.eigenvalues[-1] + self.eigenvalues[0])

    @property
    def elongation(self) -> float:
        """How many times longer than wide the contours are: √κ."""
        return math.sqrt(self.condition)

    def steps_per_digit(self) -> float:
        """Full-batch steps at best_lr that shrink the worst-case error tenfold."""
        kappa = self.condition
        if math.isinf(kappa):
            return math.inf
        if kappa <= 1.0 + 1e-12:
            return 1.0  # one step lands on the minimum
        return math.log(10.0) / math.log((kappa + 1.0) / (kappa - 1.0))


def curvature(stats: SufficientStats) -> Curvature:
    """The curvature of the mean squared loss of the data `stats` summarise (n ≥ 1)."""
    if stats.n == 0:
        raise ValueError("curvature needs at least one example")
    values, vectors = np.linalg.eigh(stats.second_moment())
    values = np.maximum(values, 0.0)  # rounding below zero: a flat direction
    cov = np.linalg.eigvalsh(stats.cov_xx)
    low, high = float(max(cov[0], 0.0)), float(cov[-1])
    centred = high / low if high > 0 and low > high * 1e-15 else math.inf
    return Curvature(values, vectors, centred)
