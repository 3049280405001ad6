"""How well a line fits: MSE, RMSE, MAE and R², the numbers a learner compares lines by.

MSE here is the plain mean of (ŷ − y)², not d2l's loss ½(ŷ − y)²: it is what statistics
books and scikit-learn call MSE, so RMSE is in the label's units. R² = 1 − SSR/SST compares
the line with the flat line at the mean label (R² = 0); it is negative for a worse line and
undefined (nan) when all labels are equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.shapes import as_vector


@dataclass(frozen=True)
class GoodnessOfFit:
    """The four numbers for one line on one set of examples (nan without examples)."""

    mse: float
    rmse: float
    mae: float
    r2: float
    ssr: float  # sum of squared residuals, Σ(ŷ − y)²


def goodness_of_fit(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> GoodnessOfFit:
    """MSE, RMSE, MAE, R² and the sum of squared residuals of ŷ = Xw + b on (X, y)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must be (n, d) and y (n,), not {X.shape} and {y.shape}")
    w = as_vector(w, X.shape[1], "w")
    if not y.size:
        nan = float("nan")
        return GoodnessOfFit(nan, nan, nan, nan, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        r = X @ w + float(b) - y
        ssr = float(r @ r)
        centred = y - y.mean()
        sst = float(centred @ centred)
        mse = ssr / y.size
        r2 = 1.0 - ssr / sst if sst > 0 else float("nan")
    return GoodnessOfFit(mse=mse, rmse=float(np.sqrt(mse)), mae=float(np.abs(r).mean()),
                         r2=r2, ssr=ssr)
