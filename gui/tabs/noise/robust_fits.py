"""The absolute-loss (LAD) and Huber lines of one dataset, fitted a few ms per event-loop turn.

Both are iterative (core.noise_analysis); on big data a fit takes longer than a frame, so the
iterations are pulled in slices of LAD_BUDGET_S from a zero-interval timer, and new data
simply drop the iterators in progress.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from linreg_lab.core.noise_analysis import HuberFit, LadFit, huber_iterations, lad_iterations

LAD_BUDGET_S = 0.010  # seconds of fitting per event-loop turn on big data

Fit = LadFit | HuberFit


class RobustFits(QObject):
    """Runs the LAD and the Huber fit of the data given to start(); finished when both end."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._steps: dict[str, Iterator[Fit]] = {}
        self._latest: dict[str, Fit] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._continue)

    def start(self, X: np.ndarray, y: np.ndarray, huber_delta: float) -> None:
        """Fit these data from scratch (dropping any fit in progress); the first slice now."""
        self.stop()
        if len(y):
            self._steps = {"lad": lad_iterations(X, y),
                           "huber": huber_iterations(X, y, huber_delta)}
        self._continue()

    def stop(self) -> None:
        self._timer.stop()
        self._steps, self._latest = {}, {}

    def running(self) -> bool:
        return bool(self._steps)

    def lad(self) -> LadFit | None:
        """The final LAD fit, once done."""
        fit = self._latest.get("lad")
        return fit if isinstance(fit, LadFit) and "lad" not in self._steps else None

    def huber(self) -> HuberFit | None:
        """The final Huber fit, once done."""
        fit = self._latest.get("huber")
        return fit if isinstance(fit, HuberFit) and "huber" not in self._steps else None

    def _continue(self) -> None:
        """Pull iterations for a few ms; reschedule until every iterator has ended."""
        start = time.perf_counter()
        while self._steps and time.perf_counter() - start <= LAD_BUDGET_S:
            for name, steps in list(self._steps.items()):
                latest = next(steps, None)
                if latest is None:  # ended: its last item is the final fit
                    del self._steps[name]
                else:
                    self._latest[name] = latest
        if self._steps:
            self._timer.start()
        else:
            self.finished.emit()
