"""The lab's data as one immutable value: examples, validation split and, if known, the truth.

Undo stores these snapshots, so every edit is exactly reversible. No widgets here (only Qt's
translate, for the words of problem()).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from PySide6.QtCore import QCoreApplication

from linreg_lab import core
from linreg_lab.core.limits import (
    MAX_ABS_VALUE,
    MAX_EXAMPLES,
    MAX_FEATURES,
    MAX_VAL_FRACTION,
)

translate = QCoreApplication.translate  # a plain name lupdate recognises


@dataclass(frozen=True)
class GenerationSpec:
    """Arguments of core.synthetic_data as the Generate panel sets them."""

    w: tuple[float, ...] = (2.0,)
    b: float = 4.2
    noise_std: float = 1.0
    noise: str = "gaussian"
    num_examples: int = 100
    seed: int = 42
    x_range: tuple[float, float] | None = None
    val_fraction: float = 0.2

    def problem(self) -> str | None:
        """Why these generation values cannot make data for the lab (None when they can)."""
        numbers = (*self.w, self.b, self.noise_std, *(self.x_range or ()))
        if not all(math.isfinite(v) and abs(v) <= MAX_ABS_VALUE for v in numbers):
            return translate("GenerationSpec", "Weights, bias, noise and the x range must be "
                             "numbers between −1e100 and 1e100.")
        if not 1 <= len(self.w) <= MAX_FEATURES:
            return translate("GenerationSpec", "Give 1 to %1 weights, one per feature.") \
                .replace("%1", str(MAX_FEATURES))
        if not 1 <= self.num_examples <= MAX_EXAMPLES:
            return translate("GenerationSpec", "The number of examples must be 1 to %1.") \
                .replace("%1", str(MAX_EXAMPLES))
        if not 0.0 <= self.val_fraction <= MAX_VAL_FRACTION:
            return translate("GenerationSpec", "The validation share must be 0 % to 50 %.")
        return None


@dataclass(frozen=True, eq=False)
class DataState:
    """A dataset, which rows are for validation, and the true parameters of generated data."""

    dataset: core.Dataset
    val_mask: np.ndarray
    val_fraction: float = 0.0
    true_w: np.ndarray | None = None
    true_b: float | None = None
    spec: GenerationSpec | None = field(default=None, compare=False)

    # ----- constructors -----------------------------------------------------------------
    @classmethod
    def generated(cls, spec: GenerationSpec, seed: int) -> DataState:
        """Data drawn as the spec says; ValueError with the learner's words if it cannot be."""
        problem = spec.problem()
        if problem is not None:
            raise ValueError(problem)
        X, y = core.synthetic_data(np.asarray(spec.w, float), spec.b, spec.num_examples,
                                   noise_std=spec.noise_std, noise=spec.noise, seed=spec.seed,
                                   x_range=spec.x_range)
        mask = core.train_val_split(len(y), spec.val_fraction, seed)
        return cls(core.Dataset(X, y), mask, spec.val_fraction,
                   np.asarray(spec.w, float), float(spec.b), spec)

    @classmethod
    def empty(cls, n_features: int = 1) -> DataState:
        return cls(core.Dataset.empty(n_features), np.zeros(0, bool))

    @classmethod
    def from_dataset(cls, dataset: core.Dataset, val_fraction: float, seed: int) -> DataState:
        mask = core.train_val_split(dataset.n_examples, val_fraction, seed)
        return cls(dataset, mask, val_fraction)

    # ----- pure edits -------------------------------------------------------------------
    def with_example(self, x: float | np.ndarray, y: float) -> DataState:
        """A new example joins the training set."""
        return self._with(self.dataset.with_example(x, y), np.append(self.val_mask, False))

    def with_example_moved(self, row: int, x: float | np.ndarray, y: float) -> DataState:
        moved = self._with(self.dataset.with_example_moved(row, x, y), self.val_mask)
        moved._carry_split(self, row, x, y)
        return moved

    def _carry_split(self, before: DataState, row: int, x: float | np.ndarray,
                     y: float) -> None:
        """After one example moved, the split is the same: its row lists carry over, the
        subset the row is not in is the same, and the other one is a copy with one row
        changed, not a gather (at 10⁶ rows each pass is milliseconds)."""
        known, mine = before.__dict__, self.__dict__  # cached_property values live here
        for name in ("train_rows", "val_rows"):
            if name in known:
                mine[name] = known[name]
        in_val = bool(self.val_mask[row])
        same, edited = ("train_set", "val_set") if in_val else ("val_set", "train_set")
        if same in known:
            mine[same] = known[same]
        if edited in known:
            rows = self.val_rows if in_val else self.train_rows
            position = int(np.searchsorted(rows, row))
            mine[edited] = known[edited].with_example_moved(position, x, y)

    def without_examples(self, rows: np.ndarray) -> DataState:
        return self._with(self.dataset.without_examples(rows), np.delete(self.val_mask, rows))

    def with_split(self, val_fraction: float, seed: int) -> DataState:
        mask = core.train_val_split(self.dataset.n_examples, val_fraction, seed)
        return DataState(self.dataset, mask, val_fraction, self.true_w, self.true_b, self.spec)

    def _with(self, dataset: core.Dataset, mask: np.ndarray) -> DataState:
        return DataState(dataset, mask, self.val_fraction, self.true_w, self.true_b, self.spec)

    # ----- derived views ----------------------------------------------------------------
    @cached_property
    def train_rows(self) -> np.ndarray:
        return np.flatnonzero(~self.val_mask)

    @cached_property
    def val_rows(self) -> np.ndarray:
        return np.flatnonzero(self.val_mask)

    @cached_property
    def train_set(self) -> core.Dataset:
        return self.dataset.subset(self.train_rows)

    @cached_property
    def val_set(self) -> core.Dataset:
        return self.dataset.subset(self.val_rows)

    @property
    def n_train(self) -> int:
        return int(self.train_rows.size)

    def problem(self) -> str | None:
        """Why the lab cannot work with these data (None when it can): too many features or
        examples, or a value so large that its square would overflow (limits.py says why)."""
        X, y = self.dataset.X, self.dataset.y
        if self.dataset.n_features > MAX_FEATURES:
            return translate("DataState", "%1 features: the lab draws and solves at most %2.") \
                .replace("%1", str(self.dataset.n_features)).replace("%2", str(MAX_FEATURES))
        if self.dataset.n_examples > MAX_EXAMPLES:
            return translate("DataState", "%1 examples: the lab takes at most %2.") \
                .replace("%1", str(self.dataset.n_examples)).replace("%2", str(MAX_EXAMPLES))
        label = [self.dataset.label_name]
        for values, names in ((X, self.dataset.feature_names), (y[:, None], label)):
            too_big = np.abs(values) > MAX_ABS_VALUE
            if too_big.any():
                row, col = np.argwhere(too_big)[0]
                return translate("DataState", "Row %1, %2: %3 is too large; the lab takes values "
                                 "up to 1e100 in size, so that their squares stay exact.") \
                    .replace("%1", str(row + 1)).replace("%2", str(names[col])) \
                    .replace("%3", repr(float(values[row, col])))
        return None

    @property
    def has_truth(self) -> bool:
        return self.true_w is not None and self.true_w.size == self.dataset.n_features
