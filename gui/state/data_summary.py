"""What the data on screen are and where they came from, as plain values for the Data panel.

The Generate form says what the next Generate will make; this says what is there now: how
many examples (training and validation), whether Generate, a lesson's recipe, a file or the
mouse made them, and, when the true line is known, how far the analytical solution is from
it (d2l's "error in estimating w, b", true − estimate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linreg_lab.gui.state.data_state import DataState, GenerationSpec

__all__ = ["DataSummary", "summarize"]


@dataclass(frozen=True)
class DataSummary:
    """origin: "generated" (spec), "recipe" (recipe_name, spec) or "other" (loaded or by hand).

    error_w, error_b: true − analytical, None when the truth is unknown or nothing is trained on.
    """

    n_examples: int
    n_train: int
    n_val: int
    origin: str
    spec: GenerationSpec | None
    recipe_name: str | None
    edited: bool
    true_w: tuple[float, ...] | None
    true_b: float | None
    error_w: tuple[float, ...] | None
    error_b: float | None


def summarize(data: DataState, analytical_w: np.ndarray, analytical_b: float) -> DataSummary:
    """The summary of `data`, with the analytical solution (w, b) of its training set."""
    if data.recipe is not None:
        origin, spec, recipe_name = "recipe", data.recipe.spec, data.recipe.name
    elif data.spec is not None:
        origin, spec, recipe_name = "generated", data.spec, None
    else:
        origin, spec, recipe_name = "other", None, None
    true_w = true_b = error_w = error_b = None
    if data.has_truth and data.true_w is not None and data.true_b is not None:
        true_w, true_b = tuple(data.true_w.tolist()), float(data.true_b)
        if data.n_train:
            error_w = tuple((data.true_w - np.asarray(analytical_w, float)).tolist())
            error_b = true_b - float(analytical_b)
    return DataSummary(data.dataset.n_examples, data.n_train, int(data.val_rows.size), origin,
                       spec, recipe_name, data.edited, true_w, true_b, error_w, error_b)
