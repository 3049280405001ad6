"""One example added, moved or removed: what the Session needs to update its statistics.

A drag or a click changes one point; the Session then updates the training (or validation)
statistics with the core's O(d²) edits instead of summarising every point again. No widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab import core
from linreg_lab.core.limits import MAX_ABS_VALUE, MAX_EXAMPLES, MAX_FEATURES
from linreg_lab.gui.state.data_state import DataState

Example = tuple[np.ndarray, float]


@dataclass(frozen=True)
class Edit:
    """The example before (None: added) and after (None: removed) one edit."""

    old: Example | None
    new: Example | None
    validation: bool  # the example is, or was, a validation example

    @classmethod
    def added(cls, data: DataState, x: float | np.ndarray, y: float) -> Edit | None:
        """A new example joins the training set; None if (x, y) is not one example."""
        new = _example(data, x, y)
        return None if new is None else cls(None, new, False)

    @classmethod
    def moved(cls, data: DataState, row: int, x: float | np.ndarray, y: float) -> Edit | None:
        new = _example(data, x, y)
        if new is None:
            return None
        return cls(_row(data, row), new, bool(data.val_mask[row]))

    @classmethod
    def removed(cls, data: DataState, row: int) -> Edit:
        return cls(_row(data, row), None, bool(data.val_mask[row]))

    def fits(self, data: DataState) -> bool:
        """True when the edited data stay within the lab's limits; otherwise the full check
        (DataState.problem) runs and says why in words."""
        d = data.dataset.n_features
        if d > MAX_FEATURES or data.dataset.n_examples > MAX_EXAMPLES:
            return False
        if self.new is None:
            return True
        x, y = self.new
        return bool(np.all(np.abs(x) <= MAX_ABS_VALUE) and abs(y) <= MAX_ABS_VALUE)


def _example(data: DataState, x: float | np.ndarray, y: float) -> Example | None:
    try:
        row = np.asarray(x, dtype=float).reshape(-1)
        label = float(y)
    except (TypeError, ValueError):
        return None
    if row.shape != (data.dataset.n_features,) or not (np.isfinite(row).all()
                                                       and np.isfinite(label)):
        return None
    return row, label


def _row(data: DataState, row: int) -> Example:
    return data.dataset.X[row].copy(), float(data.dataset.y[row])


def edited_stats(stats: core.SufficientStats, val_stats: core.SufficientStats | None,
                 edit: Edit) -> tuple[core.SufficientStats, core.SufficientStats | None]:
    """The training and validation statistics after `edit`, in O(d²) each."""
    if edit.validation:
        assert val_stats is not None  # a validation example was there
        val_stats = _apply(val_stats, edit)
        return stats, val_stats if val_stats.n else None
    return _apply(stats, edit), val_stats


def _apply(stats: core.SufficientStats, edit: Edit) -> core.SufficientStats:
    if edit.old is None:
        assert edit.new is not None
        return stats.with_example(*edit.new)
    if edit.new is None:
        return stats.without_example(*edit.old)
    return stats.with_example_moved(edit.old, edit.new)
