"""Training hyperparameters as one immutable value that checks itself when it is made.

Every entry point (toolbar, panels, session files, lessons, the Python API) builds one of
these, so a value out of range is refused in one place, with one message, before anything
changes. The ranges are core/limits.py's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from linreg_lab.core.limits import (
    LR_MAX,
    LR_MIN,
    MAX_ABS_VALUE,
    MAX_EPOCHS,
    MAX_EXAMPLES,
    MAX_FEATURES,
    MAX_HUBER_DELTA,
    MAX_SEED,
)
from linreg_lab.core.notation import LOSS_KINDS, UPDATE_RULES

INITS = ("normal", "zeros", "point")
LOSS_NAMES = LOSS_KINDS

translate = QCoreApplication.translate  # a plain name lupdate recognises


def _fill(text: str, *values: object) -> str:
    """Qt-style %1, %2 … filled with the values as typed (repr), not rounded."""
    for i, value in enumerate(values, start=1):
        text = text.replace(f"%{i}", str(value) if isinstance(value, int) else repr(value))
    return text


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _finite_within(value: object, low: float, high: float) -> bool:
    return (isinstance(value, (int, float, np.floating, np.integer))
            and not isinstance(value, bool) and math.isfinite(value) and low <= value <= high)


@dataclass(frozen=True)
class Hyperparameters:
    """What the learner chooses; lr, batch_size, shuffle, loss and update act without a reset."""

    lr: float = 0.03
    batch_size: int = 10
    num_epochs: int = 3          # epochs to train in all, as in d2l; 0 = until paused
    shuffle: bool = True
    init: str = "normal"         # d2l's N(0, 0.01²), zeros, or the chosen point below
    init_w: tuple[float, ...] = (0.0,)
    init_b: float = 0.0
    loss: str = "squared"
    huber_delta: float = 1.0
    seed: int = 42
    standardize: bool = False    # train on standardised x; parameters still shown in data units
    update: str = "mean"         # core.notation.UpdateRule: exact mean, d2l's sgd, or the sum

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem is not None:
            raise ValueError(problem)

    def problem(self) -> str | None:
        """What is out of range, in the learner's words (None when all is well)."""
        for check, message in self._checks():
            if not check():
                return message()
        return None

    def _checks(self) -> tuple[tuple[Callable[[], bool], Callable[[], str]], ...]:
        """(is it fine?, what to say if not) for each value, in the order of the toolbar."""
        return (
            (lambda: _finite_within(self.lr, LR_MIN, LR_MAX), lambda: _fill(translate(
                "Hyperparameters", "The learning rate η must be a number from %1 to %2, not %3."),
                LR_MIN, LR_MAX, self.lr)),
            (lambda: _is_int(self.batch_size) and 1 <= self.batch_size <= MAX_EXAMPLES,
             lambda: _fill(translate(
                 "Hyperparameters", "The batch size must be a whole number from 1 to %1, not %2."),
                 MAX_EXAMPLES, self.batch_size)),
            (lambda: _is_int(self.num_epochs) and 0 <= self.num_epochs <= MAX_EPOCHS,
             lambda: _fill(translate(
                 "Hyperparameters",
                 "The number of epochs must be a whole number from 0 to %1, not %2."),
                 MAX_EPOCHS, self.num_epochs)),
            (lambda: _is_int(self.seed) and 0 <= self.seed <= MAX_SEED, lambda: _fill(translate(
                "Hyperparameters", "The seed must be a whole number from 0 to %1, not %2."),
                MAX_SEED, self.seed)),
            (lambda: self.init in INITS,
             lambda: _fill(translate("Hyperparameters", "Unknown initialisation %1."), self.init)),
            (lambda: 1 <= len(self.init_w) <= MAX_FEATURES and all(
                _finite_within(v, -MAX_ABS_VALUE, MAX_ABS_VALUE) for v in self.init_w),
             lambda: _fill(translate(
                 "Hyperparameters",
                 "The starting weights must be 1 to %1 numbers between −1e100 and 1e100."),
                 MAX_FEATURES)),
            (lambda: _finite_within(self.init_b, -MAX_ABS_VALUE, MAX_ABS_VALUE),
             lambda: translate("Hyperparameters",
                               "The starting bias must be a number between −1e100 and 1e100.")),
            (lambda: self.loss in LOSS_KINDS,
             lambda: _fill(translate("Hyperparameters", "Unknown loss %1."), self.loss)),
            (lambda: self.update in UPDATE_RULES,
             lambda: _fill(translate("Hyperparameters", "Unknown minibatch update %1."),
                           self.update)),
            (lambda: _finite_within(self.huber_delta, 0.0, MAX_HUBER_DELTA)
             and self.huber_delta > 0, lambda: _fill(translate(
                 "Hyperparameters", "Huber's δ must be a number above 0 and at most %1, not %2."),
                 MAX_HUBER_DELTA, self.huber_delta)),
            (lambda: isinstance(self.shuffle, (bool, np.bool_))
             and isinstance(self.standardize, (bool, np.bool_)),
             lambda: translate("Hyperparameters",
                               "Shuffle and standardise are yes-or-no choices.")),
        )

    def initial_parameters(self, n_features: int) -> tuple[np.ndarray | None, float]:
        """(w0, b0) for the trainer; w0 None lets the trainer draw d2l's N(0, 0.01²)."""
        if self.init == "normal":
            return None, 0.0
        if self.init == "zeros":
            return np.zeros(n_features), 0.0
        w = np.zeros(n_features)
        k = min(n_features, len(self.init_w))
        w[:k] = self.init_w[:k]
        return w, float(self.init_b)
