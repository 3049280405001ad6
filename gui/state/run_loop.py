"""Run mode: single-shot QTimers on the GUI thread that alternate computing and redrawing.

A compute turn calls the trainer once for a chunk of k steps; the next turn of the event loop
emits one stateChanged (the views redraw); then the next compute turn is scheduled, at most
~60 per second. Input is handled between any two turns, so it waits for one of them at most.
At full speed each 16.7 ms frame is budgeted: the loop measures what the last frame's redraw,
painting and other events cost, and k adapts so SGD takes the rest of the frame. When
drawing alone costs a frame or more (huge data, a loaded machine), more frames are out of
reach anyway: SGD then keeps MIN_SHARE of the drawing's time (a few % fewer frames, several
times more training), and at least MIN_BUDGET_S. At teaching speed k follows
the requested steps per second. No threads, nothing sleeps.

At full speed the session may hand the run over to its training process (core.run_process),
which steps it on the other core at the headless rate: the loop then only follows it, one
turn a frame (FRAME_MS), and the frames' drawing has the window's thread to itself. A change
to the session takes the run back (the loop then steps here until it can hand it over again).
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.pacing import Pacing

FRAME_S = 1 / 60
MIN_BUDGET_S = 0.004  # SGD's time per frame however costly painting is ...
MIN_SHARE = 0.25      # ... and at least this fraction of the drawing's time
MAX_BUDGET_S = 2 * FRAME_S  # input never waits more than two frames for a compute turn
FRAME_MS = 16         # a followed run's turns: one a frame (the timer counts from the turn's start)
MIN_GAP_MS = 1        # lets the redraw's paint events run before the next compute turn
MAX_CHUNK = 1 << 22
LONG_EPOCH_STEPS = 20_000  # an Epoch of more steps (~60 ms) runs in frames, not in one turn


class _Trainer(Protocol):
    @property
    def diverged(self) -> bool: ...
    @property
    def epoch(self) -> int: ...
    def steps_to_epoch(self, epoch: int) -> int: ...


class Trainable(Protocol):
    """What the loop drives: the regression Session and the ClassificationSession."""

    diverged: SignalInstance
    pacing: Pacing  # the loop says while it runs: text views then coalesce their redraws

    @property
    def trainer(self) -> _Trainer: ...
    @property
    def hyper(self) -> Hyperparameters: ...
    def can_train(self) -> bool: ...
    def step_epoch(self) -> int: ...
    def trainer_step_only(self, num_steps: int) -> int: ...
    def notify_steps(self) -> None: ...
    def hand_over(self, stop_epoch: int | None) -> bool: ...
    def follow_elsewhere(self) -> tuple[int, bool]: ...
    def take_back(self) -> None: ...


class RunLoop(QObject):
    """Drives a Session while running; reports whether it runs and the measured speed."""

    runningChanged = Signal(bool)
    speedMeasured = Signal(float)  # SGD steps per second: each second, and when a run ends

    def __init__(self, session: Trainable, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._compute = self._single_shot(self._compute_turn)
        self._redraw = self._single_shot(self._redraw_turn)
        self._follow = self._single_shot(self._follow_turn)
        self._elsewhere = False  # the run goes on in the session's training process
        self._running = False
        self._steps_per_second: float | None = None  # None = as fast as possible
        self._full_speed = False  # this run ignores the teaching speed (a long Epoch)
        self._chunk = 64
        self._owed = 0.0
        self._stop_at_epoch: int | None = None
        self._turn_start = 0.0
        self._budget = FRAME_S / 2
        self._frame_cost = 0.0  # redraw, paint and events of a frame (smoothed)
        self._compute_end: float | None = None
        self._planned_wait = 0.0
        self._window_start = 0.0
        self._window_steps = 0
        session.diverged.connect(self._on_diverged)  # a bound slot: disconnects with us

    def _single_shot(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(slot)
        return timer

    @property
    def running(self) -> bool:
        return self._running

    @property
    def steps_per_second(self) -> float | None:
        return self._steps_per_second

    def set_steps_per_second(self, rate: float | None) -> None:
        """None runs as fast as the machine allows; a number paces it for the eye."""
        self._steps_per_second = rate
        self._owed = 0.0

    def start(self) -> None:
        self._start(self._target_epoch())

    def step_epoch(self) -> None:
        """The Epoch button: the rest of this epoch, at once when it is short; else at full
        speed in frames like a Run (10⁶ rows at batch 10 are 10⁵ steps, a third of a
        second), whatever the teaching speed, and Pause stops it."""
        self.pause()
        trainer = self._session.trainer
        if trainer.steps_to_epoch(trainer.epoch + 1) <= LONG_EPOCH_STEPS:
            self._session.step_epoch()
        else:
            self._start(trainer.epoch + 1, full_speed=True)

    def _start(self, stop_at_epoch: int | None, full_speed: bool = False) -> None:
        if self._running or not self._session.can_train():
            return
        self._stop_at_epoch = stop_at_epoch
        self._full_speed = full_speed
        self._turn_start = self._window_start = time.perf_counter()
        self._window_steps = 0
        self._owed = 0.0
        self._compute_end = None
        self._frame_cost = 0.0
        self._running = True
        self._session.pacing.set_streaming(True)
        self._compute.start(0)
        self.runningChanged.emit(True)

    def pause(self) -> None:
        if self._elsewhere:
            self._take_back()
        if self._redraw.isActive():  # the last chunk's redraw is still due: deliver it now
            self._redraw.stop()
            self._session.notify_steps()
        self._compute.stop()
        if self._running:
            self._running = False
            self._session.pacing.set_streaming(False)  # paced views draw the last step now
            self._report_last_window(time.perf_counter())
            self.runningChanged.emit(False)

    def _on_diverged(self, _reason: str) -> None:
        self.pause()

    def toggle(self) -> None:
        self.pause() if self._running else self.start()

    def _target_epoch(self) -> int | None:
        """Like d2l's `for epoch in range(num_epochs)`: train up to num_epochs epochs in all;
        once there, another Run trains num_epochs more. 0 runs until paused."""
        epochs, done = self._session.hyper.num_epochs, self._session.trainer.epoch
        if not epochs:
            return None
        return epochs if done < epochs else done + epochs

    # ----- the turns --------------------------------------------------------------------
    def _compute_turn(self) -> None:
        now = time.perf_counter()
        if self._rate() is None and self._session.hand_over(self._stop_at_epoch):
            self._elsewhere = True
            self._follow.start(FRAME_MS)
            return
        k = min(self._steps_this_turn(now), self._steps_before_stop())
        self._turn_start = now
        done = self._session.trainer_step_only(k) if k > 0 else 0
        end = time.perf_counter()
        self._adapt_chunk(done, end - now)
        self._count(done, end)
        self._compute_end = end
        if done or self._finished():
            self._redraw.start(0)
        else:  # at a slow teaching speed most turns owe no step: nothing to redraw
            self._planned_wait = FRAME_S
            self._compute.start(int(1000 * FRAME_S))

    def _redraw_turn(self) -> None:
        self._session.notify_steps()
        if self._finished():
            self.pause()
        elif self._running:
            wait_ms = self._wait_after_redraw_ms()
            self._planned_wait = wait_ms / 1000
            self._compute.start(wait_ms)

    def _follow_turn(self) -> None:
        """A frame of a run in the training process: take its steps and let the views draw
        them; when it is over (the target epoch, diverged, or taken back by a change) the
        loop stops or steps here."""
        if self._rate() is not None:  # a teaching speed now: steps are few, here
            self._take_back()
            self._compute.start(0)
            return
        self._follow.start(FRAME_MS)  # first: the frame's drawing falls inside the interval
        gained, over = self._session.follow_elsewhere()
        self._count(gained, time.perf_counter())
        if over:
            self._follow.stop()
            self._elsewhere = False
            self._turn_start = time.perf_counter()
        if gained or over:
            self._session.notify_steps()
        if not over or not self._running:  # (a divergence announced has paused the loop)
            return
        if self._finished():
            self.pause()
        else:
            self._compute_end = None
            self._compute.start(0)

    def _take_back(self) -> None:
        self._follow.stop()
        self._elsewhere = False
        before = self._session.trainer.steps
        self._session.take_back()
        self._count(max(0, self._session.trainer.steps - before), time.perf_counter())
        self._turn_start = time.perf_counter()  # a teaching speed owes nothing for that time
        self._session.notify_steps()

    def _wait_after_redraw_ms(self) -> int:
        """At full speed only the gap that lets the redraw's paints run: SGD's budget has
        already left the frame's drawing its time, and the wait is measured as no cost (a
        longer wait, with the paints inside it, hid their time: the budget then took half of
        it back and frames came every ~20 ms). At a teaching speed, the rest of the frame."""
        if self._rate() is None:
            return MIN_GAP_MS
        return max(MIN_GAP_MS, int(1000 * (FRAME_S - (time.perf_counter() - self._turn_start))))

    # ----- pacing -----------------------------------------------------------------------
    def _rate(self) -> float | None:
        return None if self._full_speed else self._steps_per_second

    def _steps_this_turn(self, now: float) -> int:
        rate = self._rate()
        if rate is None:
            self._adapt_budget(now)
            return self._chunk
        self._owed += rate * (now - self._turn_start)
        k = int(self._owed)
        self._owed -= k
        return k

    @property
    def compute_budget(self) -> float:
        """Seconds of SGD per frame at full speed: what drawing leaves of 16.7 ms."""
        return self._budget

    @property
    def frame_cost(self) -> float:
        """Measured seconds of a frame's redraw, painting and event handling (smoothed)."""
        return self._frame_cost

    def _adapt_budget(self, now: float) -> None:
        """Give SGD the rest of the frame after the last redraw, paints and events."""
        if self._compute_end is None:
            return
        overhead = max(0.0, now - self._compute_end - self._planned_wait)
        self._frame_cost = 0.7 * self._frame_cost + 0.3 * overhead
        floor = min(MAX_BUDGET_S, max(MIN_BUDGET_S, MIN_SHARE * self._frame_cost))
        self._budget = max(floor, FRAME_S - self._frame_cost)

    def _steps_before_stop(self) -> int:
        if self._stop_at_epoch is None:
            return MAX_CHUNK
        return max(0, self._session.trainer.steps_to_epoch(self._stop_at_epoch))

    def _adapt_chunk(self, done: int, seconds: float) -> None:
        if self._rate() is not None or done < self._chunk:
            return
        per_step = max(seconds / done, 1e-8)
        target = self._budget / per_step
        self._chunk = int(min(MAX_CHUNK, max(1, 0.5 * self._chunk + 0.5 * target)))

    def _count(self, done: int, now: float) -> None:
        self._window_steps += done
        if now - self._window_start >= 1.0:
            self.speedMeasured.emit(self._window_steps / (now - self._window_start))
            self._window_start, self._window_steps = now, 0

    def _report_last_window(self, now: float) -> None:
        """The speed over the part of the run not reported yet: a run shorter than a second
        (three epochs at full speed) has a speed too."""
        if self._window_steps and now > self._window_start:
            self.speedMeasured.emit(self._window_steps / (now - self._window_start))

    def _finished(self) -> bool:
        t = self._session.trainer
        return t.diverged or (self._stop_at_epoch is not None and t.epoch >= self._stop_at_epoch)
