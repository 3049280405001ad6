"""The timings' worker-thread bodies and how their results are written for people.

The bodies are core-style jobs, ``job(progress, should_cancel)``, run by tabs.background;
nothing here touches a widget.
"""

from __future__ import annotations

import math
import time

import numpy as np

from linreg_lab import core
from linreg_lab.gui.text.format import fmt

SGD_REPEATS = 20   # best of several epochs: one tiny epoch is noisy
SGD_BUDGET = 0.5   # seconds; no further repeats once the epochs took this long
_UNITS = ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns"))


def format_duration(seconds: float | None) -> str:
    """A duration with 3 significant digits in s, ms, µs or ns: '1.55 ms', '2.73 µs'."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "—"
    rounded = float(f"{seconds:.3g}")  # round first, so 999.7 µs becomes 1 ms, not 1e3 µs
    for scale, unit in _UNITS:
        if rounded >= scale:
            return f"{fmt(rounded / scale, 3)} {unit}"
    return f"{fmt(rounded / 1e-9, 3)} ns"


def format_speedup(ratio: float) -> str:
    """A speed-up factor for people: 3 significant digits, whole numbers from 1000 on."""
    return f"{round(ratio):,}" if ratio >= 1000 else fmt(ratio, 3)


def decade_range(times: tuple[float, float]) -> tuple[int, int]:
    """Whole powers of ten just around both times: the log axis from 10^lo to 10^hi s."""
    logs = [math.log10(max(t, 1e-12)) for t in times]
    lo, hi = math.floor(min(logs)), math.ceil(max(logs))
    return lo, max(hi, lo + 1)


def add_job(n: int, progress, should_cancel) -> tuple[float, float] | None:
    """Worker-thread body of the vector-addition timing."""
    return core.time_vector_addition(n, progress=progress, should_cancel=should_cancel)


def sgd_job(X: np.ndarray, y: np.ndarray, batch_size: int, lr: float, seed: int,
            progress, should_cancel) -> tuple[float, float] | None:
    """Worker-thread body of the SGD-epoch timing: best of a few epochs within a budget.

    The core timer cannot stop midway, so cancel and progress act between epochs.
    """
    best: tuple[float, float] | None = None
    started = time.perf_counter()
    for k in range(SGD_REPEATS):
        if should_cancel():
            return None
        loop_s, vector_s = core.time_sgd_epoch(X, y, batch_size, lr, seed=seed)
        best = (loop_s, vector_s) if best is None else (min(best[0], loop_s),
                                                        min(best[1], vector_s))
        elapsed = time.perf_counter() - started
        progress(min(1.0, max((k + 1) / SGD_REPEATS, elapsed / SGD_BUDGET)))
        if elapsed > SGD_BUDGET:
            break
    return None if should_cancel() else best
