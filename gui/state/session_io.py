"""Session ↔ `.linreglab` document: what File → Save session / Open session store and read.

The document layout is core/session_file.py's; this module fills it from a Session (via
Session.snapshot) and turns it back into the immutable values Session.restore takes. Floats
are exact (core.exact_json), so an opened session continues training bit for bit as if it had
never been saved. Every problem is a SessionFileError naming the file; the Session is only
changed once everything has been read and checked.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Iterable
from dataclasses import fields

import numpy as np

from linreg_lab import core
from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
)
from linreg_lab.core.session_file import (
    FORMAT,
    VERSION,
    SessionFileError,
    read_session,
    write_session,
)
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session

__all__ = [
    "SessionFileError",
    "load_session_document",
    "open_session",
    "save_session",
    "session_document",
]

APP_NAME = "LinReg Lab"


# ----------------------------------------------------------------------------- Session → file


def session_document(session: Session, *, lesson_id: str | None = None,
                     panels: Iterable[str] = ()) -> dict:
    """The session as a version-current document (plain JSON values)."""
    snap = session.snapshot()
    return {
        "format": FORMAT,
        "version": VERSION,
        "app": APP_NAME,
        "data": _data_document(snap["data"]),
        "hyperparameters": _hyper_document(snap["hyper"]),
        "trainer": snap["trainer"],
        "view": {"lesson": lesson_id, "panels": [str(p) for p in panels]},
    }


def save_session(session: Session, path, *, lesson_id: str | None = None,
                 panels: Iterable[str] = ()) -> None:
    """Write the session to `path` atomically; SessionFileError (old file kept) on failure."""
    write_session(path, session_document(session, lesson_id=lesson_id, panels=panels))


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


def open_session(session: Session, path) -> dict:
    """Read `path` and make `session` that saved session; return the extras for the window.

    extras: {"lesson": str | None, "panels": tuple[str, ...]}. On any problem a
    SessionFileError naming the file is raised and the session is left as it was.
    """
    name = os.path.basename(os.fspath(path))
    doc = read_session(path)
    try:
        data, hyper, trainer_state, extras = load_session_document(doc)
        session.restore(data, hyper, trainer_state)
    except (ValueError, TypeError, KeyError, OverflowError) as err:  # SessionFileError too
        raise SessionFileError(f"{name}: {err}") from None
    return extras


def load_session_document(doc: dict) -> tuple[DataState, Hyperparameters, dict, dict]:
    """(DataState, Hyperparameters, trainer_state, extras) from a checked document."""
    data = _section(_data_state, doc["data"], "data")
    hyper = _section(_hyperparameters, doc["hyperparameters"], "hyperparameters")
    view = doc.get("view") or {}
    extras = {"lesson": view.get("lesson"), "panels": tuple(str(p) for p in view.get("panels", ()))}
    return data, hyper, doc["trainer"], extras


def _section(build, value: dict, where: str):
    try:
        return build(value)
    except (TypeError, ValueError) as err:
        raise SessionFileError(f'"{where}": {err}') from None


def _data_state(d: dict) -> DataState:
    names = d["feature_names"]
    X = array_from_json(d["X"], 2, "X", width=len(names))
    y = array_from_json(d["y"], 1, "y")
    dataset = core.Dataset(X, y, tuple(names), d["label_name"])
    mask = d["val_mask"]
    if len(mask) != dataset.n_examples or not all(isinstance(v, bool) for v in mask):
        raise ValueError(f"val_mask must be {dataset.n_examples} true/false values")
    true_w = None if d["true_w"] is None else array_from_json(d["true_w"], 1, "true_w")
    true_b = None if d["true_b"] is None else float_from_json(d["true_b"], "true_b")
    spec = None if d["spec"] is None else _generation_spec(d["spec"])
    fraction = float_from_json(d["val_fraction"], "val_fraction")
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"val_fraction must be between 0 and 1, got {fraction}")
    return DataState(dataset, np.array(mask, dtype=bool), fraction, true_w, true_b, spec)


def _generation_spec(s: dict) -> GenerationSpec:
    known = {f.name for f in fields(GenerationSpec)}
    unknown = set(s) - known
    if unknown:
        raise ValueError(f"unknown generation settings {sorted(unknown)}")
    x_range = s.get("x_range")
    if x_range is not None:
        x_range = tuple(float_from_json(v, "x_range") for v in x_range)
        if len(x_range) != 2:
            raise ValueError("x_range must be two numbers")
    spec = GenerationSpec(
        w=tuple(float_from_json(v, "spec w") for v in s.get("w", GenerationSpec.w)),
        b=float_from_json(s.get("b", GenerationSpec.b), "spec b"),
        noise_std=float_from_json(s.get("noise_std", GenerationSpec.noise_std), "noise_std"),
        noise=_text(s.get("noise", GenerationSpec.noise), "noise"),
        num_examples=_whole(s.get("num_examples", GenerationSpec.num_examples), "num_examples"),
        seed=_whole(s.get("seed", GenerationSpec.seed), "seed"),
        x_range=x_range,
        val_fraction=float_from_json(s.get("val_fraction", GenerationSpec.val_fraction)),
    )
    if spec.noise not in core.NOISE_TYPES:
        raise ValueError(f"unknown noise type {spec.noise!r}")
    return spec


def _hyperparameters(h: dict) -> Hyperparameters:
    """Every field by the type of its default; fields added later default when absent."""
    defaults = Hyperparameters()
    known = {f.name for f in fields(Hyperparameters)}
    unknown = set(h) - known
    if unknown:
        raise ValueError(f"unknown settings {sorted(unknown)}")
    values = {name: _like(getattr(defaults, name), h[name], name) for name in known & set(h)}
    hyper = Hyperparameters(**values)
    if not (hyper.huber_delta > 0 and np.isfinite(hyper.huber_delta)):
        raise ValueError(f"huber_delta must be a positive number, got {hyper.huber_delta}")
    return hyper


def _like(default: object, value: object, what: str) -> object:
    """`value` read as the type of `default` (float, int, bool, str or tuple of floats)."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{what} must be true or false, got {value!r}")
        return value
    if isinstance(default, int):
        return _whole(value, what)
    if isinstance(default, float):
        return float_from_json(value, what)
    if isinstance(default, str):
        return _text(value, what)
    if isinstance(default, tuple):
        if not isinstance(value, list):
            raise ValueError(f"{what} must be a list of numbers, got {value!r}")
        return tuple(float_from_json(v, what) for v in value)
    raise ValueError(f"{what}: cannot read a setting of type {type(default).__name__}")


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number, got {value!r}")
    return value


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {value!r}")
    return value
