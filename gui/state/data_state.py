"""The lab's data as one immutable value: examples, validation split and, if known, the truth.

Undo stores these snapshots, so every edit is exactly reversible. No widgets here (only Qt's
translate, for the words of problem()).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class RecipeInfo:
    """Data a lesson's recipe made where synthetic_data cannot (XᵀX singular on purpose).

    spec: the recipe's w, b, σ, n and seed as the Generate form shows them. true_w, true_b:
    the line the labels were drawn around; when the features repeat each other many weights
    give that line, and true_w is the one with the smallest norm (as the analytical column
    shows for such data), so the two can be compared.
    """

    name: str  # "identical_x" or "duplicate_feature"
    spec: GenerationSpec
    true_w: tuple[float, ...]
    true_b: float


@dataclass(frozen=True, eq=False)
class DataState:
    """A dataset, which rows are for validation, and the true parameters of generated data.

    spec: the Generate recipe the data came from; recipe: a lesson's special recipe instead;
    edited: examples were added, moved or deleted since (the truth then describes only the
    points that were made with it).
    """

    dataset: core.Dataset
    val_mask: np.ndarray
    val_fraction: float = 0.0
    true_w: np.ndarray | None = None
    true_b: float | None = None
    spec: GenerationSpec | None = field(default=None, compare=False)
    recipe: RecipeInfo | None = field(default=None, compare=False)
    edited: bool = field(default=False, compare=False)

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
    def from_recipe(cls, dataset: core.Dataset, val_fraction: float, seed: int,
                    recipe: RecipeInfo) -> DataState:
        """A lesson recipe's data, with its truth, split by val_fraction (drawn with seed)."""
        mask = core.train_val_split(dataset.n_examples, val_fraction, seed)
        return cls(dataset, mask, val_fraction, np.asarray(recipe.true_w, float),
                   float(recipe.true_b), recipe=recipe)

    @classmethod
    def from_dataset(cls, dataset: core.Dataset, val_fraction: float, seed: int,
                     val_mask: np.ndarray | None = None) -> DataState:
        """Loaded data, split by val_fraction (drawn with seed), or as val_mask says (a CSV
        file's split column); ValueError with the learner's words if that split cannot be."""
        if val_mask is None:
            mask = core.train_val_split(dataset.n_examples, val_fraction, seed)
            return cls(dataset, mask, val_fraction)
        mask = np.asarray(val_mask, dtype=bool)
        share = float(mask.mean()) if mask.size else 0.0
        if mask.shape != (dataset.n_examples,) or share > MAX_VAL_FRACTION:
            raise ValueError(translate(
                "DataState", "The file marks %1 of %2 rows as validation; at most half may be.")
                .replace("%1", str(int(mask.sum()))).replace("%2", str(mask.size)))
        return cls(dataset, mask, share)

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
        return replace(self, val_mask=mask, val_fraction=val_fraction)

    def _with(self, dataset: core.Dataset, mask: np.ndarray) -> DataState:
        """An edit of the examples: the split share and the truth stay, marked as edited."""
        return replace(self, dataset=dataset, val_mask=mask, edited=True)

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

    @cached_property
    def trainer_parts(self) -> dict:
        """What a trainer built of these data and a new run on them can share (the Session
        fills it): the read-only table and the trainer's own statistics."""
        return {}

    def nbytes(self) -> int:
        """Memory its arrays hold, the cached train and validation copies included."""
        table = self.__dict__.get("trainer_parts", {}).get("table")
        cached = [*(self.__dict__.get(k) for k in ("train_rows", "val_rows")), table]
        sets = [self.__dict__.get(k) for k in ("train_set", "val_set")]
        arrays = [self.dataset.X, self.dataset.y, self.val_mask, *cached,
                  *(a for d in sets if d is not None for a in (d.X, d.y))]
        return sum(a.nbytes for a in arrays if a is not None)

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
