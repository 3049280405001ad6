"""Classification data as one immutable value: the examples of k classes and their split.

The classification twin of gui/state/data_state.py's DataState: undo keeps these snapshots,
so every edit (and every change of the validation share) is exactly reversible. Points a
learner adds are training points; a split is drawn with core.train_val_split, seeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from linreg_lab import core
from linreg_lab.core.class_data import ClassDataset

DEFAULT_VAL_FRACTION = 0.2
"""Generated clusters, the digits, iris and loaded files hold out a fifth; hand-made points
(a cleared canvas) none, until the learner asks for a share."""


@dataclass(frozen=True, eq=False)
class ClassDataState:
    """A ClassDataset and which of its rows are for validation (val_mask, read-only)."""

    dataset: ClassDataset
    val_mask: np.ndarray
    val_fraction: float = 0.0

    def __post_init__(self) -> None:
        mask = np.array(self.val_mask, dtype=bool).reshape(-1)
        if mask.shape != (self.dataset.n_examples,):
            raise ValueError(f"the validation mask has {mask.size} flags for "
                             f"{self.dataset.n_examples} examples")
        mask.flags.writeable = False
        object.__setattr__(self, "val_mask", mask)
        object.__setattr__(self, "val_fraction", float(self.val_fraction))

    # ----- constructors -----------------------------------------------------------------
    @classmethod
    def split(cls, dataset: ClassDataset, val_fraction: float, seed: int) -> ClassDataState:
        """`dataset` with round(n·val_fraction) validation rows drawn with `seed`."""
        mask = core.train_val_split(dataset.n_examples, val_fraction, seed)
        return cls(dataset, mask, val_fraction)

    @classmethod
    def hand_made(cls, dataset: ClassDataset) -> ClassDataState:
        """All training points (a canvas the learner fills by clicking)."""
        return cls(dataset, np.zeros(dataset.n_examples, dtype=bool), 0.0)

    # ----- pure edits -------------------------------------------------------------------
    def with_example(self, x: np.ndarray | tuple[float, ...], label: int) -> ClassDataState:
        """A new example joins the training set."""
        return self._with(self.dataset.with_example(x, label), np.append(self.val_mask, False))

    def with_example_moved(self, row: int, x: np.ndarray | tuple[float, ...]) -> ClassDataState:
        return self._with(self.dataset.with_example_moved(row, x), self.val_mask)

    def with_label(self, row: int, label: int) -> ClassDataState:
        return self._with(self.dataset.with_label(row, label), self.val_mask)

    def without_examples(self, rows: list[int] | np.ndarray) -> ClassDataState:
        dataset = self.dataset.without_examples(rows)  # checks the rows first
        keep = np.ones(self.dataset.n_examples, dtype=bool)
        keep[np.asarray(rows, dtype=np.intp).reshape(-1)] = False
        return self._with(dataset, self.val_mask[keep])

    def with_split(self, val_fraction: float, seed: int) -> ClassDataState:
        """The same examples, split afresh (ValueError beyond half, as train_val_split says)."""
        return ClassDataState.split(self.dataset, val_fraction, seed)

    def _with(self, dataset: ClassDataset, mask: np.ndarray) -> ClassDataState:
        return ClassDataState(dataset, mask, self.val_fraction)

    # ----- derived views ----------------------------------------------------------------
    @cached_property
    def train_rows(self) -> np.ndarray:
        """Rows of the dataset the trainer trains on: its example i is dataset row
        train_rows[i] (so trainer.last_batch maps back to the plotted points)."""
        return np.flatnonzero(~self.val_mask)

    @cached_property
    def val_rows(self) -> np.ndarray:
        return np.flatnonzero(self.val_mask)

    @cached_property
    def train_set(self) -> ClassDataset:
        return self._subset(self.train_rows)

    @cached_property
    def val_set(self) -> ClassDataset:
        return self._subset(self.val_rows)

    def _subset(self, rows: np.ndarray) -> ClassDataset:
        ds = self.dataset
        return ClassDataset(ds.X[rows], ds.labels[rows], ds.class_names, ds.feature_names)

    @property
    def n_train(self) -> int:
        return int(self.train_rows.size)

    @property
    def n_val(self) -> int:
        return int(self.val_rows.size)

    def nbytes(self) -> int:
        """Memory its arrays hold, the cached subsets included (for the undo history)."""
        arrays = [self.dataset.X, self.dataset.labels, self.val_mask]
        arrays += [self.__dict__[k] for k in ("train_rows", "val_rows") if k in self.__dict__]
        for k in ("train_set", "val_set"):
            if k in self.__dict__:
                arrays += [self.__dict__[k].X, self.__dict__[k].labels]
        return sum(a.nbytes for a in arrays)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ClassDataState):
            return NotImplemented
        return (self.dataset == other.dataset and self.val_fraction == other.val_fraction
                and np.array_equal(self.val_mask, other.val_mask))

    __hash__ = None  # type: ignore[assignment]  # equality is by value over arrays
