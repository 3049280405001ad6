"""The chapter's 用模型进行预测: ŷ at a new x from the SGD line, the analytical one and the truth.

Plain values (no widgets), so the panel only formats them and tests check the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab.gui.state.session import Session


@dataclass(frozen=True)
class Prediction:
    """ŷ = x·w + b for the three parameter sets; `true` is None when the truth is unknown."""

    x: tuple[float, ...]
    sgd: float
    analytical: float
    true: float | None


def predict(session: Session, x: tuple[float, ...]) -> Prediction:
    """ŷ at `x` (one value per feature); ValueError naming what is wrong with `x`."""
    d = session.dataset.n_features
    if len(x) != d:
        raise ValueError(f"{len(x)} value(s) given, but the model has {d} feature(s)")
    point = np.asarray(x, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        sgd = float(point @ session.trainer.w + session.trainer.b)
        lstsq = session.solution.lstsq
        analytical = float(point @ lstsq.w + lstsq.b)
        data = session.data
        true = float(point @ data.true_w + data.true_b) if data.has_truth else None
    return Prediction(tuple(float(v) for v in x), sgd, analytical, true)
