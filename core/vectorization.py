"""Timers for d2l 3.1.2 ("vectorisation for speed"): Python loops against NumPy.

Both timers measure only the work itself: callbacks and data conversion happen outside the
timed regions, so a progress bar does not distort the ratio the learner sees.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.shapes import as_xy

__all__ = ["time_sgd_epoch", "time_vector_addition"]

_VECTOR_REPEATS = 5  # the vectorised add takes microseconds: best of a few is less noisy


def time_vector_addition(
    n: int = 10000,
    *,
    progress: Callable[[float], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[float, float] | None:
    """Seconds to add two n-vectors element by element in a for-loop, and with one ``a + b``.

    The loop runs in chunks; between chunks ``should_cancel()`` is polled (None is returned
    if it says True) and ``progress(fraction)`` is called, so a GUI can run this in steps.
    """
    n = int(n)
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    a, b, c = np.ones(n), np.ones(n), np.zeros(n)
    chunk = min(max(1, n // 100), 10000)
    loop_seconds = 0.0
    for start in range(0, n, chunk):
        if should_cancel is not None and should_cancel():
            return None
        stop = min(n, start + chunk)
        t0 = time.perf_counter()
        for i in range(start, stop):
            c[i] = a[i] + b[i]
        loop_seconds += time.perf_counter() - t0
        if progress is not None:
            progress(stop / n)
    vector_seconds = min(_timed(np.add, a, b) for _ in range(_VECTOR_REPEATS))
    return loop_seconds, vector_seconds


def _timed(f: Callable[..., Any], *args: Any) -> float:
    t0 = time.perf_counter()
    f(*args)
    return time.perf_counter() - t0


def _loop_epoch(X: Floats, y: Floats, perm: Sequence[int] | Indices, batch_size: int,
                lr: float) -> tuple[list[float], float]:
    """One epoch of minibatch SGD one example at a time, in plain Python floats.

    Same order, same batches and same update as SGDTrainer, so the results agree.
    """
    rows, labels = X.tolist(), y.tolist()
    d = X.shape[1]
    w, b = [0.0] * d, 0.0
    order = [int(i) for i in perm]
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        gw, gb = [0.0] * d, 0.0
        for i in batch:
            x = rows[i]
            r = b - labels[i]
            for j in range(d):
                r += w[j] * x[j]
            for j in range(d):
                gw[j] += r * x[j]
            gb += r
        step = lr / len(batch)
        w = [w[j] - step * gw[j] for j in range(d)]
        b -= step * gb
    return w, b


def time_sgd_epoch(
    X: ArrayLike, y: ArrayLike, batch_size: int, lr: float, *, seed: int | None = None
) -> tuple[float, float]:
    """Seconds for one SGD epoch from w = 0, b = 0: per-example Python loop vs SGDTrainer.

    Both visit the same permutation (``default_rng(seed).permutation(n)``) in the same batches.
    """
    X, y = as_xy(X, y)
    if seed is None:
        fresh = cast(int, np.random.SeedSequence().entropy)  # an int when drawn fresh
        seed = int(fresh % 2**63)
    trainer = SGDTrainer(X, y, lr=lr, batch_size=batch_size, seed=seed, w0=np.zeros(X.shape[1]))
    perm = np.random.default_rng(seed).permutation(X.shape[0])
    t0 = time.perf_counter()
    _loop_epoch(X, y, perm, int(batch_size), float(lr))
    loop_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    trainer.run_epoch()
    return loop_seconds, time.perf_counter() - t0
