"""Hyperparameter sweeps and the estimation error of least squares (d2l 3.1, "generalisation").

The chapter says hyperparameters are tuned on a separate validation set, and that the hard
part is a low loss on data never seen. Two experiments make that tangible:

- ``sweep`` trains one SGDTrainer per learning rate (or batch size) on the same data, seed
  and starting point, so the curves differ only in the hyperparameter: every run draws the
  same w0 and the same shuffles (the first minibatch is the same rows).
- ``estimation_error_curve`` fits least squares to fresh synthetic data of growing size and
  measures how far θ̂ = (ŵ, b̂) lands from the truth: about σ/√n, the 1/√n law.

Pure NumPy, no Qt; both poll ``should_cancel`` so a GUI can run them on a worker thread.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.data import synthetic_data
from linreg_lab.core.notation import NoiseKind
from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.shapes import as_vector
from linreg_lab.core.solvers import least_squares

__all__ = [
    "DEFAULT_SIZES",
    "SWEEP_PARAMS",
    "ErrorCurve",
    "SweepResult",
    "estimation_error_curve",
    "loglog_slope",
    "reference_line",
    "sweep",
]

SWEEP_PARAMS = ("lr", "batch_size")
#: Dataset sizes of the estimation experiment: 1-2-5 steps from 10 to 100,000.
DEFAULT_SIZES = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)
_CHUNK = 20000  # SGD steps between cancel polls (~40 ms at batch 10)

Cancel = Callable[[], bool] | None
Progress = Callable[[float], None] | None


@dataclass(frozen=True)
class SweepResult:
    """One run of a sweep: the value tried and its loss per epoch.

    Curves start at epoch 0 (the shared starting point) and hold only epochs completed before
    a divergence, so every number in them is finite. ``val_curve`` is None without a
    validation set. Final losses are at the end of the run (nan if they overflowed).
    """

    param: str
    value: float
    epochs: NDArray[np.int64]
    train_curve: Floats
    val_curve: Floats | None
    final_train_loss: float
    final_val_loss: float | None
    diverged: bool
    divergence_reason: str | None
    steps: int
    first_batch: Indices  # indices into X_train of the first minibatch


def sweep(
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_val: ArrayLike | None = None,
    y_val: ArrayLike | None = None,
    *,
    param: str,
    values: Sequence[float],
    num_epochs: int,
    base: dict[str, Any] | None = None,
    should_cancel: Cancel = None,
    progress: Progress = None,
) -> list[SweepResult] | None:
    """Train one SGDTrainer per value of ``param`` for ``num_epochs`` epochs; None if cancelled.

    ``base`` holds the other SGDTrainer arguments (lr, batch_size, shuffle, seed, w0, b0, loss,
    huber_delta). A missing or None seed is drawn once, so all runs still share it.
    ``progress(fraction)`` is called after each chunk of steps.
    """
    kwargs = _base_kwargs(param, values, num_epochs, base)
    if np.size(y_train) == 0:
        raise ValueError("the training set is empty: there is nothing to train on")
    results: list[SweepResult] = []
    for i, value in enumerate(values):
        def report(f: float, i: int = i) -> None:
            if progress is not None:
                progress((i + f) / len(values))

        result = _train_one(X_train, y_train, X_val, y_val, param, value, num_epochs,
                            kwargs, should_cancel, report)
        if result is None:
            return None
        results.append(result)
    return results


def _base_kwargs(param: str, values: Sequence[float], num_epochs: int,
                 base: dict[str, Any] | None) -> dict[str, Any]:
    if param not in SWEEP_PARAMS:
        raise ValueError(f"param must be one of {SWEEP_PARAMS}, got {param!r}")
    if len(values) == 0:
        raise ValueError("give at least one value to sweep")
    if int(num_epochs) != num_epochs or num_epochs < 1:
        raise ValueError(f"num_epochs must be a positive integer, got {num_epochs!r}")
    kwargs = dict(base or {})
    for key in ("X_val", "y_val", param):
        kwargs.pop(key, None)
    if kwargs.get("seed") is None:
        kwargs["seed"] = int(np.random.default_rng().integers(2**31 - 1))
    return kwargs


def _train_one(X: ArrayLike, y: ArrayLike, X_val: ArrayLike | None, y_val: ArrayLike | None,
               param: str, value: float, num_epochs: int, kwargs: dict[str, Any],
               should_cancel: Cancel, progress: Callable[[float], None]) -> SweepResult | None:
    has_val = X_val is not None and np.shape(X_val)[0] > 0
    trainer = SGDTrainer(X, y, X_val=X_val if has_val else None,
                         y_val=y_val if has_val else None, **({param: value} | kwargs))
    start = (trainer.loss(), trainer.val_loss())
    total = max(1, trainer.steps_to_epoch(int(num_epochs)))
    trainer.step(1)  # alone, to record the first minibatch: it is the same in every run
    first_batch = np.array(trainer.last_batch if trainer.last_batch is not None else (),
                           dtype=np.intp)
    while not trainer.diverged and trainer.epoch < num_epochs:
        if should_cancel is not None and should_cancel():
            return None
        if trainer.step(min(_CHUNK, trainer.steps_to_epoch(int(num_epochs)))) == 0:
            break  # cannot happen with examples; guards the loop all the same
        progress(min(1.0, trainer.steps / total))
    return _result(trainer, param, value, start, first_batch)


def _result(trainer: SGDTrainer, param: str, value: float, start: tuple[float, float | None],
            first_batch: Indices) -> SweepResult:
    h = trainer.history
    train = np.concatenate(([start[0]], h.epoch_train_loss))
    val = h.epoch_val_loss
    val = None if val is None else np.concatenate(([np.nan if start[1] is None else start[1]], val))
    epochs = np.concatenate(([0], h.epoch_index)).astype(np.int64)
    keep = np.isfinite(train) & (np.isfinite(val) if val is not None else True)
    final_val = trainer.val_loss()
    return SweepResult(
        param=param, value=value, epochs=epochs[keep], train_curve=train[keep],
        val_curve=None if val is None else val[keep],
        final_train_loss=_finite_or_nan(trainer.loss()),
        final_val_loss=None if final_val is None else _finite_or_nan(final_val),
        diverged=trainer.diverged, divergence_reason=trainer.divergence_reason,
        steps=trainer.steps, first_batch=first_batch)


def _finite_or_nan(value: float) -> float:
    value = float(value)
    return value if math.isfinite(value) else math.nan


# --------------------------------------------------------------------------- estimation


@dataclass(frozen=True)
class ErrorCurve:
    """‖θ̂ − θ_true‖ of least squares per dataset size: ``errors`` is (repeats, len(sizes))."""

    sizes: NDArray[np.int64]
    errors: Floats
    mean: Floats
    std: Floats

    @property
    def slope(self) -> float:
        """Slope of log(mean error) against log(n): about −0.5 under the 1/√n law."""
        return loglog_slope(self.sizes, self.mean)


def estimation_error_curve(
    true_w: ArrayLike,
    true_b: float,
    sizes: Sequence[int] = DEFAULT_SIZES,
    *,
    noise_std: float,
    noise: str = NoiseKind.GAUSSIAN,
    seed: int = 0,
    repeats: int = 10,
    x_range: tuple[float, float] | None = None,
    should_cancel: Cancel = None,
) -> ErrorCurve | None:
    """Mean and spread over ``repeats`` datasets of ‖(ŵ, b̂) − (w, b)‖ for each size n.

    Dataset (n, r) is drawn with the seed (seed, n, r), so a point does not depend on which
    other sizes are asked for. None if cancelled (polled between datasets).
    """
    true_w = as_vector(true_w, name="true_w")
    sizes_arr = np.asarray(sizes, dtype=np.int64)
    repeats = int(repeats)
    if sizes_arr.ndim != 1 or sizes_arr.size == 0 or repeats < 1:
        raise ValueError("give at least one size and one repeat")
    if sizes_arr.min() < true_w.size + 1:
        raise ValueError(f"every size must be at least {true_w.size + 1} (the parameters)")
    theta = np.append(true_w, float(true_b))
    errors = np.empty((repeats, sizes_arr.size))
    for j, n in enumerate(sizes_arr):
        for r in range(repeats):
            if should_cancel is not None and should_cancel():
                return None
            rng = np.random.default_rng([int(seed), int(n), r])
            X, y = synthetic_data(true_w, true_b, int(n), noise_std=noise_std, noise=noise,
                                  seed=rng, x_range=x_range)
            sol = least_squares(X, y)
            errors[r, j] = np.linalg.norm(np.append(sol.w, sol.b) - theta)
    return ErrorCurve(sizes_arr, errors, errors.mean(axis=0), errors.std(axis=0))


def loglog_slope(sizes: ArrayLike, values: ArrayLike) -> float:
    """Least-squares slope of log(values) on log(sizes), over the positive values."""
    x, v = np.asarray(sizes, dtype=float), np.asarray(values, dtype=float)
    keep = (x > 0) & (v > 0) & np.isfinite(v)
    if keep.sum() < 2:
        return math.nan
    return float(np.polyfit(np.log(x[keep]), np.log(v[keep]), 1)[0])


def reference_line(sizes: ArrayLike, values: ArrayLike) -> Floats:
    """c/√n through the data: c is the geometric mean of values·√n (a fit of the level only)."""
    x, v = np.asarray(sizes, dtype=float), np.asarray(values, dtype=float)
    keep = (x > 0) & (v > 0) & np.isfinite(v)
    if not keep.any():
        return np.full(x.shape, math.nan)
    c = math.exp(float(np.mean(np.log(v[keep]) + 0.5 * np.log(x[keep]))))
    return c / np.sqrt(x)
