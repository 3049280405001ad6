"""Session ↔ `.linreglab` document: what File → Save session / Open session store and read.

The document layout is core/session_file.py's (checked against core/schemas/session.schema
.json); this module fills it from a Session (via Session.snapshot) and turns it back into the
immutable values Session.restore takes. Floats are exact (core.exact_json), so an opened
session continues training bit for bit as if it had never been saved. Every problem is a
SessionFileError naming the file and the field; the Session is only changed once everything
has been read and checked.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable
from dataclasses import fields

import numpy as np

from linreg_lab import core
from linreg_lab.core.data import repeated_name
from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
)
from linreg_lab.core.json_schema import FieldError
from linreg_lab.core.session_file import (
    FORMAT,
    VERSION,
    SessionFileError,
    read_session,
    write_session,
)
from linreg_lab.gui.state import json_state
from linreg_lab.gui.state.class_session_io import (
    SECTION,
    classification_document,
    prepare_classification,
)
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.lessons import shipped_lesson_ids
from linreg_lab.gui.state.session import Session

__all__ = [
    "MODES",
    "SessionFileError",
    "load_session_document",
    "open_session",
    "save_session",
    "session_document",
]

APP_NAME = "LinReg Lab"
MODES = ("regression", "classification")  # the window's modes, as view.mode stores them


# ----------------------------------------------------------------------------- Session → file


def session_document(session: Session, *, lesson_id: str | None = None,
                     panels: Iterable[str] = (), file: str | None = None,
                     classification: ClassificationSession | None = None,
                     mode: str | None = None) -> dict:
    """The session as a version-current document (plain JSON values).

    `file` is for the recovery file: the session file this work belongs to, so that
    recovered work is saved back there instead of coming back untitled. `classification`:
    the window's softmax half, saved beside the regression; `mode`: the window's mode.
    """
    snap = session.snapshot()
    view: dict = {"lesson": lesson_id, "panels": [str(p) for p in panels]}
    if mode is not None:
        view["mode"] = mode
    if file is not None:
        view["file"] = file
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "app": APP_NAME,
        "data": _data_document(snap["data"]),
        "hyperparameters": _hyper_document(snap["hyper"]),
        "trainer": snap["trainer"],
        "view": view,
    }
    if classification is not None:
        doc[SECTION] = classification_document(classification, _hyper_document)
    return doc


def save_session(session: Session, path, *, lesson_id: str | None = None,
                 panels: Iterable[str] = (),
                 classification: ClassificationSession | None = None,
                 mode: str | None = None) -> None:
    """Write the session to `path` atomically; SessionFileError (old file kept) on failure."""
    write_session(path, session_document(session, lesson_id=lesson_id, panels=panels,
                                         classification=classification, mode=mode))


def _data_document(data: DataState) -> dict:
    ds = data.dataset
    return {
        "X": array_to_json(ds.X),
        "y": array_to_json(ds.y),
        "feature_names": list(ds.feature_names),
        "label_name": ds.label_name,
        "val_mask": [bool(v) for v in data.val_mask],
        "val_fraction": float_to_json(data.val_fraction),
        "true_w": None if data.true_w is None else array_to_json(data.true_w),
        "true_b": None if data.true_b is None else float_to_json(data.true_b),
        "spec": None if data.spec is None else _spec_document(data.spec),
    }


def _spec_document(spec: GenerationSpec) -> dict:
    return {
        "w": [float_to_json(v) for v in spec.w],
        "b": float_to_json(spec.b),
        "noise_std": float_to_json(spec.noise_std),
        "noise": spec.noise,
        "num_examples": int(spec.num_examples),
        "seed": int(spec.seed),
        "x_range": None if spec.x_range is None else [float_to_json(v) for v in spec.x_range],
        "val_fraction": float_to_json(spec.val_fraction),
    }


def _hyper_document(hyper: Hyperparameters) -> dict:
    doc = {}
    for f in fields(Hyperparameters):
        value = getattr(hyper, f.name)
        if isinstance(value, (bool, str)):
            doc[f.name] = value
        elif isinstance(value, numbers.Integral):
            doc[f.name] = int(value)
        elif isinstance(value, tuple):
            doc[f.name] = [float_to_json(v) for v in value]
        else:
            doc[f.name] = float_to_json(value)
    return doc


# ----------------------------------------------------------------------------- file → Session


def open_session(session: Session, path,
                 classification: ClassificationSession | None = None) -> dict:
    """Read `path` and make `session` that saved session; return the extras for the window.

    extras: {"lesson": str | None, "panels": tuple[str, ...], "mode": "regression" |
    "classification"}, and "file" (str) in a recovery file whose work belongs to a session
    file. `classification` becomes the file's classification half (a new one for files
    saved before there was one). On any problem a SessionFileError naming the file (and
    the field) is raised and both sessions are left as they were: the classification half
    is built first, the regression restored, and only then the classification committed.
    A lesson this program does not have is refused, like any other bad value.
    """
    name = os.path.basename(os.fspath(path))
    doc = read_session(path, lesson_ids=shipped_lesson_ids())
    try:
        data, hyper, trainer_state, extras = load_session_document(doc)
        pending = (None if classification is None
                   else prepare_classification(classification, doc.get(SECTION)))
        _restore(session, data, hyper, trainer_state)
    except (ValueError, TypeError, KeyError, OverflowError) as err:  # SessionFileError too
        raise SessionFileError(f"{name}: {err}") from None
    if classification is not None and pending is not None:
        classification.commit_restore(pending)
    return extras


def _restore(session: Session, data: DataState, hyper: Hyperparameters, state: dict) -> None:
    """Session.restore; a trainer state's field problems are named from the document's top."""
    try:
        session.restore(data, hyper, state)
    except FieldError as err:
        raise err.within("trainer") from None


def load_session_document(doc: dict) -> tuple[DataState, Hyperparameters, dict, dict]:
    """(DataState, Hyperparameters, trainer_state, extras) from a checked document.

    The schema checked every type and range; what is checked here is how fields fit each
    other (one X column per feature name, one validation flag per example).
    """
    data = _data_state(doc["data"])
    hyper = json_state.hyperparameters(doc["hyperparameters"], "hyperparameters")
    view = doc.get("view") or {}
    extras = {"lesson": view.get("lesson"), "panels": tuple(view.get("panels", ())),
              "mode": view.get("mode", MODES[0])}
    if view.get("file"):
        extras["file"] = view["file"]
    return data, hyper, doc["trainer"], extras


def _data_state(d: dict) -> DataState:
    names = d["feature_names"]
    twice = repeated_name([*names, d["label_name"]])
    if twice is not None:
        raise FieldError("data.feature_names", f"feature and label names must differ; "
                         f"{twice!r} is given twice")
    X = array_from_json(d["X"], 2, "X")
    if X.shape[0] and X.shape[1] != len(names):
        raise FieldError("data.X", f"must have {len(names)} columns, one per feature name, "
                         f"got {X.shape[1]}")
    X = X.reshape(X.shape[0], len(names))
    try:
        dataset = core.Dataset(X, array_from_json(d["y"], 1, "y"), tuple(names), d["label_name"])
    except (TypeError, ValueError) as err:
        raise FieldError("data", str(err)) from None
    mask = d["val_mask"]
    if len(mask) != dataset.n_examples:
        raise FieldError("data.val_mask", f"must hold {dataset.n_examples} true/false values, "
                         f"one per example, got {len(mask)}")
    true_w = None if d["true_w"] is None else array_from_json(d["true_w"], 1, "true_w")
    true_b = None if d["true_b"] is None else float_from_json(d["true_b"])
    spec = None if d["spec"] is None else json_state.generation_spec(d["spec"], "data.spec")
    return DataState(dataset, np.array(mask, dtype=bool), float_from_json(d["val_fraction"]),
                     true_w, true_b, spec, edited=spec is not None and not _as_generated(
                         dataset, spec))


def _as_generated(dataset: core.Dataset, spec: GenerationSpec) -> bool:
    """True if the examples are exactly what spec makes (not edited since)."""
    if dataset.n_examples != spec.num_examples or spec.problem() is not None:
        return False
    made = DataState.generated(spec, spec.seed).dataset
    return bool(np.array_equal(made.X, dataset.X) and np.array_equal(made.y, dataset.y))
