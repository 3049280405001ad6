"""What a run's steps changed, sent from a trainer stepping in another process to its copy in
the window (core.run_process), so the copy shows the run as it goes and, at the end, continues
it bit for bit.

Each frame carries only what the views read: the parameters, the counters, the last minibatch
and the history's new rows (a few hundred bytes, where the trainer's state is megabytes at
10⁶ rows). The last one, when the run stops, adds the rest the next steps depend on: the
epoch's order and the generator's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linreg_lab.core.array_types import Floats, Indices
from linreg_lab.core.history import HistoryTail
from linreg_lab.core.trainer_state import LastUpdate

__all__ = ["RunEnd", "RunProgress"]


@dataclass(frozen=True)
class RunEnd:
    """Where the epoch stands when the run stops: its order (None when visited in order) and
    the generator's full state, which together decide every later step."""

    epoch_order: Indices | None
    rng_state: dict[str, Any]


@dataclass(frozen=True)
class RunProgress:
    """The steps' effect on a trainer since the last progress (see SGDTrainer.progress)."""

    theta: Floats  # [w, b]
    steps: int
    epoch: int
    position: int
    diverged: bool
    reason: str | None
    last: LastUpdate | None  # its order is the batch alone
    history: HistoryTail
    end: RunEnd | None = None  # only when the run stops
