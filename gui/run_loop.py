"""Run mode: a QTimer on the GUI thread that trains in budgeted chunks.

Each tick calls Session.step(k) once and so emits one stateChanged. At full speed k adapts so
one tick computes for about BUDGET_S; at teaching speed k follows the requested steps per
second. Ticks come at most ~60 times a second, so views redraw at most that often and the
event loop always gets its turn between ticks. No threads, nothing sleeps.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from gui.session import Session

FRAME_MS = 16
BUDGET_S = 0.012
MAX_CHUNK = 1 << 22


class RunLoop(QObject):
    """Drives a Session while running; reports whether it runs and the measured speed."""

    runningChanged = Signal(bool)
    speedMeasured = Signal(float)  # SGD steps per second over the last second

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._steps_per_second: float | None = None  # None = as fast as possible
        self._chunk = 64
        self._owed = 0.0
        self._stop_at_epoch: int | None = None
        self._last_tick = 0.0
        self._window_start = 0.0
        self._window_steps = 0
        session.diverged.connect(lambda _reason: self.pause())

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def steps_per_second(self) -> float | None:
        return self._steps_per_second

    def set_steps_per_second(self, rate: float | None) -> None:
        """None runs as fast as the machine allows; a number paces it for the eye."""
        self._steps_per_second = rate
        self._owed = 0.0

    def start(self) -> None:
        if self.running or self._session.trainer.diverged or not self._session.data.n_train:
            return
        self._stop_at_epoch = self._target_epoch()
        self._last_tick = self._window_start = time.perf_counter()
        self._window_steps = 0
        self._owed = 0.0
        self._timer.start()
        self.runningChanged.emit(True)

    def pause(self) -> None:
        if self.running:
            self._timer.stop()
            self.runningChanged.emit(False)

    def _target_epoch(self) -> int | None:
        """Like d2l's `for epoch in range(num_epochs)`: train up to num_epochs epochs in all;
        once there, another Run trains num_epochs more. 0 runs until paused."""
        epochs, done = self._session.hyper.num_epochs, self._session.trainer.epoch
        if not epochs:
            return None
        return epochs if done < epochs else done + epochs

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        k = min(self._steps_this_tick(now), self._steps_before_stop())
        t0 = time.perf_counter()
        done = self._session.step(k) if k > 0 else 0
        self._adapt_chunk(done, time.perf_counter() - t0)
        self._count(done, now)
        if self._finished():
            self.pause()

    def _steps_this_tick(self, now: float) -> int:
        if self._steps_per_second is None:
            return self._chunk
        self._owed += self._steps_per_second * (now - self._last_tick)
        self._last_tick = now
        k = int(self._owed)
        self._owed -= k
        return k

    def _steps_before_stop(self) -> int:
        if self._stop_at_epoch is None:
            return MAX_CHUNK
        return max(0, self._session.trainer.steps_to_epoch(self._stop_at_epoch))

    def _adapt_chunk(self, done: int, seconds: float) -> None:
        if self._steps_per_second is not None or done < self._chunk:
            return
        per_step = max(seconds / done, 1e-8)
        target = BUDGET_S / per_step
        self._chunk = int(min(MAX_CHUNK, max(1, 0.5 * self._chunk + 0.5 * target)))

    def _count(self, done: int, now: float) -> None:
        self._window_steps += done
        if now - self._window_start >= 1.0:
            self.speedMeasured.emit(self._window_steps / (now - self._window_start))
            self._window_start, self._window_steps = now, 0

    def _finished(self) -> bool:
        t = self._session.trainer
        return t.diverged or (self._stop_at_epoch is not None and t.epoch >= self._stop_at_epoch)
