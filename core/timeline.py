"""Rewind and replay: any past step of a run, exactly, in bounded memory.

Training is deterministic, so a past step need not be stored to be shown: it can be computed
again. The timeline steps the run (the *head*) and keeps a checkpoint at some epoch ends
(spaced so that there are never more than `max_checkpoints`: the spacing doubles when full)
and a log of the hyperparameter changes made during the run, at the step they were made.
Showing step t forks the head at the last checkpoint before t and re-runs it to t, applying
the logged changes at their steps; stepping on from there repeats the head's steps bit for
bit until it catches up, and then the head itself is shown again. A 10⁷-step run keeps at
most `max_checkpoints` (1,024: about 200 KiB) checkpoints, and showing any step costs at
most one checkpoint interval of steps.
"""

from __future__ import annotations

import bisect
from typing import Any, Generic, Protocol, TypeVar

from linreg_lab.core.trainer_state import Checkpoint

MAX_CHECKPOINTS = 1024

T = TypeVar("T", bound="RewindableTrainer")


class RewindableTrainer(Protocol):
    """What a timeline needs of a trainer (SGDTrainer, StandardizedTrainer, SoftmaxTrainer):
    deterministic steps, checkpoints at epoch ends, forks that re-run from one, and its
    settings as a value that can be logged and applied again."""

    @property
    def steps(self) -> int: ...
    @property
    def epoch(self) -> int: ...
    @property
    def diverged(self) -> bool: ...
    @property
    def at_epoch_boundary(self) -> bool: ...
    def step(self, num_steps: int = 1) -> int: ...
    def steps_to_epoch(self, epoch: int) -> int: ...
    def checkpoint(self) -> Checkpoint[Any]: ...
    def fork(self: T, at: Checkpoint[Any]) -> T: ...
    def settings(self) -> Any: ...
    def apply_settings(self, settings: Any) -> None: ...


class Timeline(Generic[T]):
    """The run of one trainer (the head) and the step shown, which may be an earlier one."""

    def __init__(self, trainer: T, max_checkpoints: int = MAX_CHECKPOINTS) -> None:
        """`trainer` is any RewindableTrainer; the timeline steps it from now on. Steps it
        took before (a reopened session) are shown only from its first epoch boundary on."""
        self._head: T = trainer
        self._shown: T = trainer
        self._max = max(2, int(max_checkpoints))
        self._spacing = 1  # epochs between kept checkpoints (beyond the first)
        self._checkpoints: list[Checkpoint[Any]] = []
        self._changes: list[tuple[int, Any]] = []  # (step, the trainer's settings value)
        self._take_checkpoint()

    # ----- what is shown ------------------------------------------------------------------
    @property
    def head(self) -> T:
        return self._head

    @property
    def shown(self) -> T:
        """The trainer at the step shown: the head, or a replay of an earlier step."""
        return self._shown

    @property
    def rewound(self) -> bool:
        return self._shown is not self._head

    @property
    def earliest(self) -> int:
        """The first step that can be shown."""
        return self._checkpoints[0].steps if self._checkpoints else self._head.steps

    @property
    def latest(self) -> int:
        return int(self._head.steps)

    def show(self, step: int) -> None:
        """Show step `step` (clamped to earliest … latest), exactly as the run was there."""
        step = max(self.earliest, min(int(step), self.latest))
        if step == self.latest:
            self._shown = self._head
            return
        shown = self._shown
        start = self._checkpoint_before(step)
        if self.rewound and start.steps <= shown.steps <= step:
            self._replay(shown, step)  # on from where the replay stands: fewer steps
            return
        fork = self._head.fork(start)
        self._apply_changes(fork, start.steps)
        self._replay(fork, step)
        self._shown = fork

    # ----- stepping -----------------------------------------------------------------------
    def step(self, num_steps: int) -> int:
        """Step the shown trainer: a replay first repeats the head's steps (and becomes the
        head again when it catches up), then the head runs on. Returns the steps taken."""
        done = 0
        if self.rewound:
            target = min(self._shown.steps + num_steps, self.latest)
            before = self._shown.steps
            self._replay(self._shown, target)
            done = self._shown.steps - before
            if self._shown.steps >= self.latest and not self._shown.diverged:
                self._shown = self._head
            elif done < num_steps or self._shown.diverged:
                return done
        return done + self._step_head(num_steps - done)

    def _step_head(self, num_steps: int) -> int:
        head, done = self._head, 0
        while done < num_steps and not head.diverged:
            epoch = self._next_checkpoint_epoch()
            to_checkpoint = head.steps_to_epoch(epoch)
            taken = head.step(min(num_steps - done, to_checkpoint or num_steps))
            done += taken
            if taken == 0:
                break
            if head.at_epoch_boundary and head.epoch == epoch:
                self._take_checkpoint()
        return done

    def settings_changed(self) -> None:
        """Call after setting the head's hyperparameters: replays apply them at this step.

        The shown step becomes the head first (see `keep_shown`): a change made while looking
        at an earlier step continues the run from there, with the new settings."""
        self.keep_shown()
        self._changes.append((int(self._head.steps), self._head.settings()))

    def keep_shown(self) -> None:
        """Make the step shown the end of the run: the steps after it are dropped."""
        if not self.rewound:
            return
        self._head = self._shown
        steps = self._head.steps
        self._checkpoints = [c for c in self._checkpoints if c.steps <= steps]
        self._changes = [(s, c) for s, c in self._changes if s <= steps]

    # ----- the head stepped in another process (core.run_process) ---------------------------
    def kept_checkpoints(self) -> tuple[list[Checkpoint[Any]], int]:
        """The checkpoints and their spacing in epochs, as a copy of this timeline stepping
        elsewhere has them, for `take_checkpoints` of the original."""
        return list(self._checkpoints), self._spacing

    def take_checkpoints(self, checkpoints: list[Checkpoint[Any]], spacing: int) -> None:
        """Keep the checkpoints a copy of this timeline took while its head ran elsewhere
        (the head has taken the copy's steps: see SGDTrainer.take_progress)."""
        self._checkpoints, self._spacing = list(checkpoints), int(spacing)

    # ----- inside -------------------------------------------------------------------------
    def _next_checkpoint_epoch(self) -> int:
        return (self._head.epoch // self._spacing + 1) * self._spacing

    def _take_checkpoint(self) -> None:
        head = self._head
        if not head.at_epoch_boundary or head.diverged:
            return
        if self._checkpoints and self._checkpoints[-1].steps == head.steps:
            return
        self._checkpoints.append(head.checkpoint())
        if len(self._checkpoints) > self._max:
            self._spacing *= 2
            first, *rest = self._checkpoints
            self._checkpoints = [first, *(c for c in rest if c.epoch % self._spacing == 0)]

    def _checkpoint_before(self, step: int) -> Checkpoint[Any]:
        """The last checkpoint before `step` (at it only for the first), so the replay takes
        at least one step and knows that step's minibatch."""
        steps = [c.steps for c in self._checkpoints]
        i = max(0, bisect.bisect_left(steps, step) - 1)
        return self._checkpoints[i]

    def _apply_changes(self, trainer: T, at: int) -> None:
        for step, settings in self._changes:
            if step == at:
                trainer.apply_settings(settings)

    def _replay(self, trainer: T, target: int) -> None:
        """Step `trainer` to step `target`, applying each logged change at its step."""
        while trainer.steps < target and not trainer.diverged:
            later = [s for s, _ in self._changes if trainer.steps < s <= target]
            stop = min(later) if later else target
            if trainer.step(stop - trainer.steps) == 0:
                break
            self._apply_changes(trainer, trainer.steps)
