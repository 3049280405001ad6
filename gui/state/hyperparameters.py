"""Training hyperparameters as one immutable value (no Qt: easy to save and compare)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INITS = ("normal", "zeros", "point")
LOSS_NAMES = ("squared", "absolute", "huber")


@dataclass(frozen=True)
class Hyperparameters:
    """What the learner chooses; lr, batch_size, shuffle and loss act without a reset."""

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

    def __post_init__(self) -> None:
        if not (self.lr > 0 and np.isfinite(self.lr)):
            raise ValueError(f"learning rate must be a positive number, got {self.lr}")
        if self.batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")
        if self.num_epochs < 0:
            raise ValueError(f"number of epochs must be 0 or more, got {self.num_epochs}")
        if self.init not in INITS:
            raise ValueError(f"unknown initialisation {self.init!r}; choose from {INITS}")
        if self.loss not in LOSS_NAMES:
            raise ValueError(f"unknown loss {self.loss!r}; choose from {LOSS_NAMES}")

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
