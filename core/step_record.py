"""The numbers of one minibatch update, recomputed on demand for the formula panel.

The trainer's loop keeps only what it must (the batch's place in the epoch order and the
parameters before and after); the gradient and batch loss are recomputed here when shown, so
the loop pays nothing for display.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.losses import get_loss
from linreg_lab.core.trainer_state import LastUpdate

__all__ = ["StepRecord", "step_record"]


@dataclass(frozen=True)
class StepRecord:
    """The numbers of one minibatch update, for the formula panel.

    grad_w, grad_b: gradient of the mean batch loss at (w_before, b_before);
    w_after = w_before − lr·grad_w up to rounding (w_after is the trainer's actual value).
    """

    batch: Indices  # indices into X
    grad_w: Floats
    grad_b: float
    lr: float
    w_before: Floats
    b_before: float
    w_after: Floats
    b_after: float
    batch_loss: float
    loss_name: str
    batch_size: int  # the batch size in use (at most n); len(batch) is less at an epoch's end


def step_record(last: LastUpdate, X: Floats, y: Floats) -> StepRecord:
    """The StepRecord of `last`, an update of a trainer on (X, y)."""
    batch = last.batch.copy()
    d = X.shape[1]
    before, after = last.before, last.after
    Xb = X[batch]
    loss = get_loss(last.loss)
    with np.errstate(over="ignore", invalid="ignore"):
        residual = Xb @ before[:d] + before[d] - y[batch]
        dloss = loss.grad_r(residual, last.huber_delta)
        grad_w = dloss @ Xb / len(batch)
        batch_loss = float(loss.value_r(residual, last.huber_delta).mean())
    return StepRecord(
        batch=batch,
        grad_w=grad_w,
        grad_b=float(dloss.mean()),
        lr=last.lr,
        w_before=before[:d].copy(),
        b_before=float(before[d]),
        w_after=after[:d].copy(),
        b_after=float(after[d]),
        batch_loss=batch_loss,
        loss_name=loss.name,
        batch_size=last.batch_size,
    )
