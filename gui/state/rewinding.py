"""Rewind, shared by both halves' sessions: show any step of the run on a core.timeline.

The regression Session and the ClassificationSession keep their run in `self._timeline`
(core.timeline.Timeline) and emit `stateChanged`; these four requests mean the same in both.
"""

from __future__ import annotations

from typing import Any


class Rewinding:
    """Mixin for a session QObject with `_timeline` and a `stateChanged` signal."""

    _timeline: Any
    stateChanged: Any

    def _before_rewind(self) -> None:
        """A session whose run may be stepping elsewhere takes it back here."""

    def timeline_range(self) -> tuple[int, int]:
        """The first and the last step of the run that can be shown."""
        return self._timeline.earliest, self._timeline.latest

    @property
    def rewound(self) -> bool:
        """True while an earlier step than the run's last is shown."""
        return self._timeline.rewound

    def rewind_to(self, step: int) -> None:
        """Show step `step` of the run (clamped to timeline_range()): every view moves there;
        stepping on repeats the run, a hyperparameter change continues it from there."""
        self._before_rewind()
        before = self._timeline.shown.steps
        self._timeline.show(step)
        if self._timeline.shown.steps != before:
            self.stateChanged.emit()

    def step_back(self, num_steps: int = 1) -> None:
        self.rewind_to(self._timeline.shown.steps - num_steps)
