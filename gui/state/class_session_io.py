"""The classification half of a `.linreglab` document: ClassificationSession ↔ JSON values.

The section's layout is core/schemas/session.schema.json's "classification" (the softmax
trainer's state: softmax_state.schema.json); gui/state/session_io.py puts it into the document
and reads it back with the regression half, so both open together or not at all. Floats are
exact (core.exact_json): a reopened run continues bit for bit. What the schema cannot say
(one X column per feature name, one flag per example, labels below the number of classes) is
checked here and raised as a FieldError naming the field from the document's top.
"""

from __future__ import annotations

import numpy as np

from linreg_lab.core.class_data import ClassDataset
from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
)
from linreg_lab.core.json_schema import FieldError
from linreg_lab.gui.state import json_state
from linreg_lab.gui.state.class_data_state import ClassDataState
from linreg_lab.gui.state.classification import ClassificationSession, RestoredClassification

__all__ = ["SECTION", "classification_document", "prepare_classification"]

SECTION = "classification"


def classification_document(session: ClassificationSession,
                            hyper_document: dict) -> dict:
    """The section for `session`; hyper_document is session_io's Hyperparameters writer."""
    snap = session.snapshot()
    data: ClassDataState = snap["data"]
    ds = data.dataset
    return {
        "data": {
            "X": array_to_json(ds.X),
            "labels": [int(v) for v in ds.labels],
            "class_names": list(ds.class_names),
            "feature_names": list(ds.feature_names),
            "val_mask": [bool(v) for v in data.val_mask],
            "val_fraction": float_to_json(data.val_fraction),
        },
        "hyperparameters": hyper_document(snap["hyper"]),
        "stable": bool(snap["stable"]),
        "trainer": snap["trainer"],
    }


def prepare_classification(session: ClassificationSession,
                           section: dict | None) -> RestoredClassification:
    """The checked, built state of a (schema-checked) section, not yet committed; a file
    without one gives a new session's classification half. FieldError names the field."""
    if section is None:
        return session.prepare_default()
    data = _class_data(section["data"])
    hyper = json_state.hyperparameters(section["hyperparameters"], f"{SECTION}.hyperparameters")
    try:
        return session.prepare_restore(data, hyper, section["stable"], section["trainer"])
    except FieldError as err:
        raise err.within(f"{SECTION}.trainer") from None


def _class_data(d: dict) -> ClassDataState:
    where = f"{SECTION}.data"
    names, classes = d["feature_names"], d["class_names"]
    X = array_from_json(d["X"], 2, "X")
    if X.shape[0] and X.shape[1] != len(names):
        raise FieldError(f"{where}.X", f"must have {len(names)} columns, one per feature "
                         f"name, got {X.shape[1]}")
    X = X.reshape(X.shape[0], len(names))
    labels = np.array(d["labels"], dtype=np.intp)
    if labels.shape != (X.shape[0],):
        raise FieldError(f"{where}.labels", f"must hold {X.shape[0]} class indices, one per "
                         f"row of X, got {labels.size}")
    if labels.size and labels.max() >= len(classes):
        raise FieldError(f"{where}.labels", f"must be class indices below {len(classes)}, "
                         f"one per class name, got {int(labels.max())}")
    if len(set(classes)) != len(classes):
        raise FieldError(f"{where}.class_names", "must be different from each other")
    mask = d["val_mask"]
    if len(mask) != X.shape[0]:
        raise FieldError(f"{where}.val_mask", f"must hold {X.shape[0]} true/false values, one "
                         f"per example, got {len(mask)}")
    try:
        dataset = ClassDataset(X, labels, tuple(classes), tuple(names))
    except (TypeError, ValueError) as err:
        raise FieldError(where, str(err)) from None
    return ClassDataState(dataset, np.array(mask, dtype=bool),
                          float_from_json(d["val_fraction"]))

