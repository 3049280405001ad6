"""The `.linreglab` session file: a versioned JSON document, written atomically, read strictly.

Pure (no Qt, no app objects): this module knows the document's outer shape, not how the app
builds it (gui/session_io.py does that). Layout, version 1::

    {"format": "linreglab", "version": 1, "app": "LinReg Lab",
     "data": {"X": [[...], ...], "y": [...], "feature_names": [...], "label_name": "y",
              "val_mask": [false, ...], "val_fraction": 0.2, "true_w": [...] | null,
              "true_b": 4.2 | null, "spec": {...} | null},
     "hyperparameters": {"lr": ..., "batch_size": ..., "num_epochs": ..., "shuffle": ...,
                         "init": ..., "init_w": [...], "init_b": ..., "loss": ...,
                         "huber_delta": ..., "seed": ...},
     "trainer": {... core.SGDTrainer.state() ...},
     "classification": {"data": {"X": [[...]], "labels": [...], "class_names": [...],
                                 "feature_names": [...], "val_mask": [...], "val_fraction": 0.2},
                        "hyperparameters": {...}, "stable": true,
                        "trainer": {... core.SoftmaxTrainer.state() ...}},   (optional)
     "view": {"lesson": "..." | null, "panels": ["...", ...],
              "mode": "regression" | "classification"}}   (mode optional)

The classification section and view.mode came later within version 1: they are optional, so
files saved before them open (in regression mode, with a new classification half), and a
program from before them ignores them.

The full layout, with the valid range of every field, is core/schemas/session.schema.json;
reading and checking go through core.json_schema like every JSON file of the app. Floats are
JSON numbers written with repr (exact), NaN/±inf the strings "nan"/"inf"/"-inf"
(core.exact_json); the file itself is strict JSON (no bare NaN). Every failure, reading or
writing, is a SessionFileError whose message names the file and the field
("run.linreglab: hyperparameters.batch_size: must be at least 1, got 0"); a failed write
leaves the old file whole (temp file in the same folder, flush + fsync, os.replace).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, cast

from linreg_lab.core.array_types import StrPath
from linreg_lab.core.atomic import write_atomic
from linreg_lab.core.file_reading import read_bytes
from linreg_lab.core.json_messages import describe_value
from linreg_lab.core.json_schema import problem, read_json

__all__ = [
    "FORMAT",
    "SUFFIX",
    "VERSION",
    "SessionFileError",
    "check_document",
    "read_session",
    "write_session",
]

FORMAT = "linreglab"
VERSION = 1  # the newest version this program writes and reads
SUFFIX = ".linreglab"

# Upgrades from older versions: _MIGRATIONS[v] turns a version-v document into version v + 1.
Document = dict[str, Any]
_MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


class SessionFileError(ValueError):
    """A session file that cannot be read or written; the message names the file and why."""


# ----------------------------------------------------------------------------- reading


def read_session(path: StrPath, *,
                 lesson_ids: Collection[str] | None = None) -> Document:
    """The validated document in `path` (older versions upgraded); SessionFileError if not.

    `lesson_ids`, if given, are the lessons its view may name (see check_document).
    """
    name = os.path.basename(os.fspath(path))
    return _parse(read_bytes(path, name, SessionFileError), name, lesson_ids)


def _parse(raw: bytes, name: str, lesson_ids: Collection[str] | None) -> Document:
    doc = read_json(raw, name, SessionFileError)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SessionFileError(
            f'{name}: not a LinReg Lab session file (the "format": "{FORMAT}" marker is missing)'
        )
    try:
        return check_document(_upgrade(doc), lesson_ids=lesson_ids)
    except SessionFileError as err:
        raise SessionFileError(f"{name}: {err}") from None


def _upgrade(doc: Document) -> Document:
    """The document in the current version; a newer one is refused with the reason."""
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SessionFileError(
            f"version: must be a whole number from 1, got {describe_value(version)}")
    if version > VERSION:
        raise SessionFileError(
            f"this session was made by a newer LinReg Lab (file version {version}; this one "
            f"reads versions up to {VERSION}). Update LinReg Lab to open it."
        )
    while version < VERSION:
        doc = _MIGRATIONS[version](doc)
        version = doc["version"]
    return doc


# ----------------------------------------------------------------------------- validation


def check_document(document: object, *,
                   lesson_ids: Collection[str] | None = None) -> Document:
    """The document itself if it fits core/schemas/session.schema.json; else raise.

    `lesson_ids`: the lessons a view.lesson may name (None: any well-formed id). The
    SessionFileError reads "<field path>: <problem>"; callers put the file's name first.
    """
    choices = None if lesson_ids is None else {"known_lesson": lesson_ids}
    found = problem(document, "session", choices=choices)
    if found is not None:
        raise SessionFileError(found)
    return cast(Document, document)  # the schema says "type": "object"


# ----------------------------------------------------------------------------- writing


def write_session(path: StrPath, document: Document) -> None:
    """Write `document` to `path` atomically: on any failure the old file stays whole.

    The document is checked first (check_document); SessionFileError on any problem,
    including disk errors (the OSError is chained).
    """
    name = os.path.basename(os.fspath(path))
    try:
        check_document(document)
    except SessionFileError as err:
        raise SessionFileError(f"{name}: cannot save, {err}") from None
    try:
        write_atomic(path, itertools.chain(_chunks(document, 0), ["\n"]))
    except OSError as err:
        raise SessionFileError(f"{name}: cannot save ({err.strerror or err})") from err
    except (TypeError, ValueError) as err:
        raise SessionFileError(f"{name}: cannot save, a value is not storable ({err})") from err


_ROW = 8  # numbers per line in long lists, so a damaged file's line/column point somewhere
_CONTAINERS = (list, tuple, dict)


def _chunks(value: object, depth: int) -> Iterator[str]:
    """JSON text in pieces: objects one key a line, matrices one row a line."""
    pad, inner = "\n" + "  " * depth, "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            yield "{}"
            return
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"object keys must be text, got {key!r}")
            yield ("," if i else "") + inner + _scalar(key) + ": "
            yield from _chunks(item, depth + 1)
        yield pad + "}"
    elif not isinstance(value, (list, tuple)):
        yield _scalar(value)
    elif not any(isinstance(v, _CONTAINERS) for v in value):
        if len(value) <= _ROW:
            yield _flat(value)
        else:
            rows = (value[i : i + _ROW] for i in range(0, len(value), _ROW))
            yield "[" + ",".join(inner + _flat(r)[1:-1] for r in rows) + pad + "]"
    elif all(isinstance(v, (list, tuple)) and not any(isinstance(x, _CONTAINERS) for x in v)
             for v in value):  # a matrix: one row a line, in one piece
        yield "[" + ",".join(inner + _flat(r) for r in value) + pad + "]"
    else:
        yield "["
        for i, item in enumerate(value):
            yield ("," if i else "") + inner
            yield from _chunks(item, depth + 1)
        yield pad + "]"


def _flat(values: Sequence[object]) -> str:
    return "[" + ", ".join(map(_scalar, values)) + "]"


def _scalar(value: object) -> str:
    """One JSON scalar; plain floats and ints fast (their repr is what json writes)."""
    if type(value) is float:
        if value - value == 0.0:  # finite
            return repr(value)
        raise ValueError(f"the number {value!r} is not JSON (write it as text)")
    if type(value) is int:
        return repr(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)
