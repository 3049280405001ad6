"""The three lines a learner compares (your line, SGD, analytical) and how well each fits.

Plain values computed from the Session for the sum-of-squares bars and the goodness-of-fit
table, so the views only draw. The sums of squared residuals come from the sufficient
statistics (O(d²): cheap at every step); goodness of fit makes one pass over the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab import core
from linreg_lab.gui.state.session import Session

LINES = ("yours", "sgd", "analytical")


def line_parameters(session: Session) -> dict[str, tuple[np.ndarray, float]]:
    """(w, b) of each line there is: yours once set, analytical with training data."""
    lines: dict[str, tuple[np.ndarray, float]] = {}
    if session.your_line is not None:
        lines["yours"] = session.your_line
    lines["sgd"] = (session.trainer.w, session.trainer.b)
    if session.data.n_train:
        lines["analytical"] = (session.solution.lstsq.w, session.solution.lstsq.b)
    return lines


def sums_of_squares(session: Session) -> dict[str, float]:
    """Σ(ŷ − y)² over the training data for each line (the analytical one is the floor)."""
    stats, n = session.stats, session.data.n_train
    if not n:
        return {}
    with np.errstate(over="ignore", invalid="ignore"):
        return {key: 2.0 * n * stats.loss(w, b)
                for key, (w, b) in line_parameters(session).items()}


@dataclass(frozen=True)
class LineFit:
    """One line's goodness of fit on the training and (if any) the validation data."""

    line: str
    train: core.GoodnessOfFit
    validation: core.GoodnessOfFit | None


def goodness(session: Session) -> list[LineFit]:
    """MSE, RMSE, MAE and R² of every line on both parts of the data."""
    train, val = session.data.train_set, session.data.val_set
    fits = []
    for key, (w, b) in line_parameters(session).items():
        fits.append(LineFit(key, core.goodness_of_fit(train.X, train.y, w, b),
                            core.goodness_of_fit(val.X, val.y, w, b) if val.n_examples else None))
    return fits
