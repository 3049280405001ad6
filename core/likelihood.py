"""The chapter's link between squared loss and Gaussian noise (d2l 3.1.3).

If y = Xw + b + ε with ε ~ N(0, σ²), the negative log-likelihood of the labels is
Σ ½log(2πσ²) + r²/(2σ²): for a fixed σ it is the sum of squared losses scaled and shifted,
so maximising the likelihood over (w, b) is least squares.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats

__all__ = ["gaussian_nll", "mle_sigma", "normal"]


def _sigma(sigma: float) -> float:
    sigma = float(sigma)
    if not (sigma > 0 and math.isfinite(sigma)):
        raise ValueError(f"sigma must be a positive finite number, got {sigma}")
    return sigma


def normal(x: ArrayLike, mu: float, sigma: float) -> Floats:
    """The normal density, written as in d2l so the formula on screen matches the code."""
    sigma = _sigma(sigma)
    p = 1 / math.sqrt(2 * math.pi * sigma**2)
    return p * np.exp(-0.5 / sigma**2 * (np.asarray(x, dtype=float) - mu) ** 2)


def gaussian_nll(residuals: ArrayLike, sigma: float) -> float:
    """−log P(y | X) under N(0, σ²) noise: Σ ½log(2πσ²) + r²/(2σ²)."""
    sigma = _sigma(sigma)
    r = np.asarray(residuals, dtype=float).ravel()
    return float(r.size * 0.5 * math.log(2 * math.pi * sigma**2) + (r @ r) / (2 * sigma**2))


def mle_sigma(residuals: ArrayLike) -> float:
    """The σ that maximises the likelihood: the root mean squared residual (mean noise is 0)."""
    r = np.asarray(residuals, dtype=float).ravel()
    if r.size == 0:
        raise ValueError("mle_sigma needs at least one residual")
    return math.sqrt(float(r @ r) / r.size)
