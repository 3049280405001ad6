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
     "view": {"lesson": "..." | null, "panels": ["...", ...]}}

Floats are JSON numbers written with repr (exact), NaN/±inf the strings "nan"/"inf"/"-inf"
(core.exact_json); the file itself is strict JSON (no bare NaN). Every failure, reading or
writing, is a SessionFileError whose message names the file; a failed write leaves the old
file whole (temp file in the same folder, flush + fsync, os.replace).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator

from linreg_lab.core.atomic import write_atomic

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

# Required keys and their types. "number": a JSON number or "nan"/"inf"/"-inf";
# a tuple lists alternatives; None allows null.
_NUMBER = "number"
_SCHEMA: dict[str, object] = {
    "format": str,
    "version": int,
    "data": {
        "X": list,
        "y": list,
        "feature_names": list,
        "label_name": str,
        "val_mask": list,
        "val_fraction": _NUMBER,
        "true_w": (list, None),
        "true_b": (_NUMBER, None),
        "spec": (dict, None),
    },
    "hyperparameters": {
        "lr": _NUMBER,
        "batch_size": int,
        "num_epochs": int,
        "shuffle": bool,
        "init": str,
        "init_w": list,
        "init_b": _NUMBER,
        "loss": str,
        "huber_delta": _NUMBER,
        "seed": int,
    },
    "trainer": dict,
}
_OPTIONAL: dict[str, object] = {"view": {"lesson": (str, None), "panels": list}, "app": str}

# Upgrades from older versions: _MIGRATIONS[v] turns a version-v document into version v + 1.
_MIGRATIONS: dict[int, object] = {}


class SessionFileError(ValueError):
    """A session file that cannot be read or written; the message names the file and why."""


# ----------------------------------------------------------------------------- reading


def read_session(path) -> dict:
    """The validated document in `path` (older versions upgraded); SessionFileError if not."""
    name = os.path.basename(os.fspath(path))
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise SessionFileError(f"{name}: file not found ({os.fspath(path)})") from None
    except IsADirectoryError:
        raise SessionFileError(f"{name}: this is a folder, not a file") from None
    except OSError as err:
        raise SessionFileError(f"{name}: cannot open ({err.strerror or err})") from err
    return _parse(raw, name)


def _parse(raw: bytes, name: str) -> dict:
    if not raw.strip():
        raise SessionFileError(f"{name}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionFileError(f"{name}: not a LinReg Lab session (not UTF-8 text)") from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise SessionFileError(
            f"{name}: the file is damaged or incomplete (line {err.lineno}, column "
            f"{err.colno}: {err.msg})"
        ) from None
    except ValueError as err:
        raise SessionFileError(f"{name}: {err}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SessionFileError(
            f'{name}: not a LinReg Lab session file (the "format": "{FORMAT}" marker is missing)'
        )
    try:
        return check_document(_upgrade(doc))
    except SessionFileError as err:
        raise SessionFileError(f"{name}: {err}") from None


def _refuse_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed in a session file (non-finite numbers are text)")


def _upgrade(doc: dict) -> dict:
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SessionFileError(f'"version" must be a whole number from 1, got {version!r}')
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


def check_document(document: object) -> dict:
    """The document itself if it has every required key with the right type; else raise."""
    if not isinstance(document, dict):
        raise SessionFileError("a session document must be a JSON object")
    if document.get("format") != FORMAT:
        raise SessionFileError(f'the "format" marker must be "{FORMAT}"')
    _check(document, _SCHEMA, "", required=True)
    _check(document, _OPTIONAL, "", required=False)
    return document


def _check(obj: dict, schema: dict, prefix: str, *, required: bool) -> None:
    for key, kind in schema.items():
        where = prefix + key
        if key not in obj:
            if required:
                raise SessionFileError(f'the key "{where}" is missing')
            continue
        value = obj[key]
        if isinstance(kind, dict):
            if not isinstance(value, dict):
                raise SessionFileError(f'"{where}" must be an object, got {_describe(value)}')
            _check(value, kind, where + ".", required=True)
        elif not _is_kind(value, kind):
            raise SessionFileError(f'"{where}" must be {_kind_name(kind)}, got {_describe(value)}')


def _is_kind(value: object, kind: object) -> bool:
    if isinstance(kind, tuple):
        return any(_is_kind(value, k) for k in kind)
    if kind is None:
        return value is None
    if kind == _NUMBER:
        if isinstance(value, str):
            return value in ("nan", "inf", "-inf")
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
          dict: "an object", None: "null", _NUMBER: "a number"}


def _kind_name(kind: object) -> str:
    if isinstance(kind, tuple):
        return " or ".join(_NAMES[k] for k in kind)
    return _NAMES[kind]


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float):
        return f"the number {value!r}"
    for kind in (str, int, list, dict):
        if isinstance(value, kind):
            return _NAMES[kind]
    return type(value).__name__


# ----------------------------------------------------------------------------- writing


def write_session(path, document: dict) -> None:
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


def _flat(values) -> str:
    return "[" + ", ".join(map(_scalar, values)) + "]"


def _scalar(value: object) -> str:
    """One JSON scalar; plain floats and ints fast (their repr is what json writes)."""
    kind = type(value)
    if kind is float:
        if value - value == 0.0:  # finite
            return repr(value)
        raise ValueError(f"the number {value!r} is not JSON (write it as text)")
    if kind is int:
        return repr(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)
