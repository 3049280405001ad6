"""Elementwise regression losses and their gradients with respect to the prediction.

All losses here depend only on the residual r = y_hat - y, so each comes in two forms: the
public ``*_loss(y_hat, y)`` functions that check shapes (d2l's (n, 1) labels against (n,)
predictions would silently broadcast to (n, n)), and residual forms the trainer uses in its
inner loop without re-checking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats
from linreg_lab.core.notation import LOSS_KINDS, LossKind
from linreg_lab.core.shapes import as_xy, same_shape

__all__ = [
    "LOSSES",
    "Loss",
    "absolute_loss",
    "absolute_loss_grad",
    "get_loss",
    "huber_loss",
    "huber_loss_grad",
    "mean_loss",
    "squared_loss",
    "squared_loss_grad",
]


def _residual(y_hat: ArrayLike, y: ArrayLike) -> Floats:
    """y_hat - y after insisting on equal shapes, so nothing broadcasts by accident."""
    y_hat, y = same_shape(y_hat, y)
    return y_hat - y


def _check_delta(delta: float) -> float:
    delta = float(delta)
    if not (delta > 0 and np.isfinite(delta)):
        raise ValueError(f"huber delta must be a positive finite number, got {delta}")
    return delta


# residual forms: r = y_hat - y


def _sq_r(r: Floats, delta: float = 1.0) -> Floats:
    return r * r / 2


def _sq_grad_r(r: Floats, delta: float = 1.0) -> Floats:
    return np.array(r, dtype=float, copy=True)


def _abs_r(r: Floats, delta: float = 1.0) -> Floats:
    return np.abs(r)


def _abs_grad_r(r: Floats, delta: float = 1.0) -> Floats:
    return np.sign(r)


def _huber_r(r: Floats, delta: float = 1.0) -> Floats:
    a = np.abs(r)
    return np.where(a <= delta, r * r / 2, delta * (a - delta / 2))


def _huber_grad_r(r: Floats, delta: float = 1.0) -> Floats:
    return np.clip(r, -delta, delta)


# public elementwise functions


def squared_loss(y_hat: ArrayLike, y: ArrayLike) -> Floats:
    """d2l's squared loss (y_hat - y)**2 / 2, elementwise; the ½ makes its gradient the residual."""
    return _sq_r(_residual(y_hat, y))


def squared_loss_grad(y_hat: ArrayLike, y: ArrayLike) -> Floats:
    """d/d y_hat of squared_loss: the residual y_hat - y."""
    return _sq_grad_r(_residual(y_hat, y))


def absolute_loss(y_hat: ArrayLike, y: ArrayLike) -> Floats:
    """|y_hat - y|, elementwise: robust to outliers; its gradient does not shrink near the fit."""
    return _abs_r(_residual(y_hat, y))


def absolute_loss_grad(y_hat: ArrayLike, y: ArrayLike) -> Floats:
    """sign(y_hat - y); at a zero residual the subgradient 0 is used."""
    return _abs_grad_r(_residual(y_hat, y))


def huber_loss(y_hat: ArrayLike, y: ArrayLike, delta: float = 1.0) -> Floats:
    """Squared (½r²) within ±delta, linear (delta·(|r| − delta/2)) outside: smooth yet robust."""
    return _huber_r(_residual(y_hat, y), _check_delta(delta))


def huber_loss_grad(y_hat: ArrayLike, y: ArrayLike, delta: float = 1.0) -> Floats:
    """d/d y_hat of huber_loss: the residual clipped to [-delta, delta]."""
    return _huber_grad_r(_residual(y_hat, y), _check_delta(delta))


@dataclass(frozen=True)
class Loss:
    """A named loss. ``delta`` is used by Huber only and ignored by the others."""

    name: str
    value_r: Callable[[Floats, float], Floats]
    grad_r: Callable[[Floats, float], Floats]
    uses_delta: bool = False

    def value(self, y_hat: ArrayLike, y: ArrayLike, *, delta: float = 1.0) -> Floats:
        """Elementwise loss of predictions y_hat against labels y (equal shapes)."""
        return self.value_r(_residual(y_hat, y), _check_delta(delta))

    def grad(self, y_hat: ArrayLike, y: ArrayLike, *, delta: float = 1.0) -> Floats:
        """Elementwise d loss / d y_hat."""
        return self.grad_r(_residual(y_hat, y), _check_delta(delta))


LOSSES: dict[str, Loss] = {  # keyed by LossKind, which equals the plain names
    LossKind.SQUARED: Loss(LossKind.SQUARED, _sq_r, _sq_grad_r),
    LossKind.ABSOLUTE: Loss(LossKind.ABSOLUTE, _abs_r, _abs_grad_r),
    LossKind.HUBER: Loss(LossKind.HUBER, _huber_r, _huber_grad_r, uses_delta=True),
}


def get_loss(name: str) -> Loss:
    """Look a loss up by name, with an error that lists the valid names."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {LOSS_KINDS}") from None


def mean_loss(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float, loss: str = LossKind.SQUARED,
    huber_delta: float = 1.0,
) -> float:
    """The mean of the named loss over (X, y) at ŷ = X w + b; NaN when there are no examples.

    The number a trainer's loss() reports, for any parameters (the true ones, the analytical
    ones), so a view can put every column on the same ruler.
    """
    X, y = as_xy(X, y)
    if X.shape[0] == 0:
        return float("nan")
    with np.errstate(over="ignore", invalid="ignore"):
        y_hat = X @ np.asarray(w, dtype=float) + float(b)
        return float(get_loss(loss).value(y_hat, y, delta=huber_delta).mean())
