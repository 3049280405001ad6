"""SGD on standardised features, with every parameter reported back in the data's own units.

Standardising x (subtract the mean, divide by the standard deviation) makes the loss surface
round, so one learning rate suits every feature. Orange's gradient-descent widget did this
silently and its users saw "wrong" slopes; here it is an explicit option and the outside world
only ever sees w, b in data units: ŷ = w·x + b with w = w_s / s and b = b_s − Σ w_s μ / s.
The minibatch update itself (last_update) stays in standardised units, since that is where
the step is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats
from linreg_lab.core.history import History
from linreg_lab.core.sgd import SGDTrainer

__all__ = ["StandardizedTrainer", "Standardizer"]


@dataclass(frozen=True)
class Standardizer:
    """Per-feature mean and scale; a constant feature keeps scale 1 (nothing to divide)."""

    mean: Floats
    scale: Floats

    @classmethod
    def fit(cls, X: ArrayLike) -> Standardizer:
        X = np.asarray(X, dtype=float)
        if X.shape[0] == 0:
            return cls(np.zeros(X.shape[1]), np.ones(X.shape[1]))
        scale = X.std(axis=0)
        return cls(X.mean(axis=0), np.where(scale > 0, scale, 1.0))

    @overload
    def transform(self, X: None) -> None: ...
    @overload
    def transform(self, X: ArrayLike) -> Floats: ...
    def transform(self, X: ArrayLike | None) -> Floats | None:
        return None if X is None else (np.asarray(X, dtype=float) - self.mean) / self.scale

    def to_raw(self, w_s: ArrayLike, b_s: ArrayLike) -> tuple[Floats, Floats]:
        """Standardised parameters (rows of w_s) to data units; vectorised over rows."""
        w = np.asarray(w_s, dtype=float) / self.scale
        return w, np.asarray(b_s, dtype=float) - w @ self.mean

    def to_standardized(self, w: ArrayLike, b: float) -> tuple[Floats, float]:
        w = np.asarray(w, dtype=float)
        return w * self.scale, float(b + w @ self.mean)


class _RawHistory:
    """A History whose parameters read in data units; everything else passes through."""

    def __init__(self, history: History, scaler: Standardizer) -> None:
        self._history, self._scaler = history, scaler

    def __getattr__(self, name: str) -> Any:
        if name == "_history" or name.startswith("__"):  # being unpickled
            raise AttributeError(name)
        return getattr(self._history, name)

    def _raw(self, w: Floats, b: Floats) -> tuple[Floats, Floats]:
        if w.size == 0:
            return w, b
        return self._scaler.to_raw(w, b)

    @property
    def step_w(self) -> Floats:
        return self._raw(self._history.step_w, self._history.step_b)[0]

    @property
    def step_b(self) -> Floats:
        return self._raw(self._history.step_w, self._history.step_b)[1]

    @property
    def epoch_w(self) -> Floats:
        return self._raw(self._history.epoch_w, self._history.epoch_b)[0]

    @property
    def epoch_b(self) -> Floats:
        return self._raw(self._history.epoch_w, self._history.epoch_b)[1]


class StandardizedTrainer:
    """An SGDTrainer on standardised X that speaks data units (same interface)."""

    _LIVE = ("lr", "batch_size", "shuffle", "loss_name", "huber_delta", "update")
    scaler: Standardizer  # set once by _wrap (plain attribute assignment is refused)
    inner: SGDTrainer
    history: _RawHistory

    def __init__(self, X: ArrayLike, y: ArrayLike, *, X_val: ArrayLike | None = None,
                 y_val: ArrayLike | None = None, w0: ArrayLike | None = None, b0: float = 0.0,
                 **kwargs: Any) -> None:
        scaler = Standardizer.fit(X)
        if w0 is not None:
            w0, b0 = scaler.to_standardized(w0, b0)
        inner = SGDTrainer(scaler.transform(X), y, X_val=scaler.transform(X_val), y_val=y_val,
                           w0=w0, b0=b0, **kwargs)
        self._wrap(scaler, inner)

    def _wrap(self, scaler: Standardizer, inner: SGDTrainer) -> None:
        object.__setattr__(self, "scaler", scaler)
        object.__setattr__(self, "inner", inner)
        object.__setattr__(self, "history", _RawHistory(inner.history, scaler))

    @classmethod
    def from_state(
        cls, X: ArrayLike, y: ArrayLike, state: dict[str, Any], X_val: ArrayLike | None = None,
        y_val: ArrayLike | None = None,
    ) -> StandardizedTrainer:
        """Continue a saved standardised run (its state is the inner trainer's, bit-exact)."""
        scaler = Standardizer.fit(X)
        inner = SGDTrainer.from_state(scaler.transform(X), y, state,
                                      X_val=scaler.transform(X_val), y_val=y_val)
        trainer = cls.__new__(cls)
        trainer._wrap(scaler, inner)
        return trainer

    def fork(self, at: Any) -> StandardizedTrainer:
        """The inner run's fork (core.SGDTrainer.fork), in data units like this one."""
        trainer = type(self).__new__(type(self))
        trainer._wrap(self.scaler, self.inner.fork(at))
        return trainer

    def __getattr__(self, name: str) -> Any:
        if name == "inner" or name.startswith("__"):  # not wrapped yet: being unpickled
            raise AttributeError(name)
        return getattr(self.inner, name)

    def __setattr__(self, name: str, value: object) -> None:
        if name not in self._LIVE:
            raise AttributeError(f"cannot set {name!r} on a StandardizedTrainer")
        setattr(self.inner, name, value)

    @property
    def w(self) -> Floats:
        return self.scaler.to_raw(self.inner.w, self.inner.b)[0]

    @property
    def b(self) -> float:
        return float(self.scaler.to_raw(self.inner.w, self.inner.b)[1])
