"""The one way LinReg Lab reads JSON: text → objects, then a named JSON Schema, one clear error.

Sessions, lessons and trainer states all come through here, so a broken file is refused the
same way everywhere: ``"<file>: <field path>: <problem>"``, e.g. ``lesson.json: try[2].en: must
be a non-empty string``, raised as the caller's own error type (SessionFileError, LessonError,
ValueError), so callers and the window's messages keep working.

Reading keeps what core.exact_json relies on: Python's json gives each number its exact double
(ints stay exact ints), bare NaN/Infinity are refused (non-finite numbers are the strings
"nan"/"inf"/"-inf"), and nesting deeper than MAX_DEPTH is refused before parsing, so 200,000
brackets are a clear error rather than a RecursionError.

The schemas are the files in core/schemas (JSON Schema 2020-12, validated by `jsonschema`).
Three additions, all ignored by other JSON Schema tools:
``"integer"`` means a JSON whole number written without a fraction (7, not 7.0);
``"x-array": {"ndim": 1|2, "of": "finite"|"exact"|"boolean"|"index"}`` checks a long list of
numbers or flags in one fast pass (per-item subschemas cost ~10 µs an entry: seconds for a
large data set); ``"x-message"`` words the problem of the node it sits on. A schema's
``$defs`` entry can be filled at run time with the values only the app knows (lesson ids,
panel names): see `problem`'s `choices`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterator, Mapping
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import numpy as np

from linreg_lab.core.file_reading import wide_encoding
from linreg_lab.core.json_arrays import check_array
from linreg_lab.core.json_messages import describe_error, describe_value, field_path

if TYPE_CHECKING:
    from referencing import Registry

__all__ = ["MAX_DEPTH", "FieldError", "check", "check_fields", "problem", "read_json", "schema"]

MAX_DEPTH = 64  # LinReg Lab's own files nest 6 levels at most
_SUFFIX = ".schema.json"
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))

Choices = Mapping[str, Collection[object]]
Schema = dict[str, Any]
_Frozen = tuple[tuple[str, tuple[object, ...]], ...]  # choices, hashable for the cache


class FieldError(ValueError):
    """One field's problem found by code rather than the schema (e.g. x_range needs lo < hi).

    str() is "<path>: <problem>", the same form as a schema problem; callers put the file's
    name in front.
    """

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path, self.problem = path, problem

    def within(self, parent: str) -> FieldError:
        """The same problem with its path seen from `parent` ("history" + "stride")."""
        if not self.path:
            return FieldError(parent, self.problem)
        sep = "" if self.path.startswith("[") else "."
        return FieldError(f"{parent}{sep}{self.path}", self.problem)


# ----------------------------------------------------------------------------- reading


def read_json(text: str | bytes, source: str, error: type[Exception] = ValueError) -> object:
    """The JSON value in `text`; `error` naming `source` if it is not strict, sane JSON.

    What Python's json would let through or fail on without saying where is found and named
    by its field: bare NaN/Infinity, a key given twice in one object (json keeps the last),
    a whole number too long for int() (more than sys.get_int_max_str_digits() digits).
    """
    if isinstance(text, bytes):
        text = _decode(text, source, error)
    if not text.strip():
        raise error(f"{source}: the file is empty")
    if _too_deep(text):
        raise error(f"{source}: not valid JSON: nested more than {MAX_DEPTH} levels deep")
    reader = _Reader()
    try:
        try:
            value = json.loads(text, parse_constant=reader.constant,
                               object_pairs_hook=reader.object)
        except ValueError as err:
            if isinstance(err, json.JSONDecodeError):
                raise
            # int() refused a very long whole number; read again, marking it where it is
            value = json.loads(text, parse_constant=reader.constant,
                               object_pairs_hook=reader.object, parse_int=reader.integer)
    except json.JSONDecodeError as err:
        raise error(f"{source}: not valid JSON: {err.msg} at line {err.lineno}, column "
                    f"{err.colno} (the file is damaged or incomplete)") from None
    if reader.found:
        path, bad = _first_bad(value)
        raise error(f"{source}: {field_path(path) + ': ' if path else ''}{bad.problem}")
    return value


class _Bad:
    """Stands in for a value the file must not have, so its field can be found afterwards."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


class _Reader:
    """json.loads hooks that mark what is wrong instead of raising where no path is known."""

    def __init__(self) -> None:
        self.found = False

    def _bad(self, problem: str) -> _Bad:
        self.found = True
        return _Bad(problem)

    def constant(self, token: str) -> _Bad:
        return self._bad(f'{token} is not allowed in JSON; non-finite numbers are written as '
                         'the text "nan", "inf" or "-inf"')

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Bad:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                break
            seen.add(key)
        return self._bad(f"the field {describe_value(key)} appears twice; a file has each "
                         "field once")

    def integer(self, digits: str) -> int | _Bad:
        try:
            return int(digits)
        except ValueError:
            return self._bad(f"a whole number of {len(digits.lstrip('-')):,} digits is far "
                             "longer than any value LinReg Lab writes (the file is damaged)")


def _first_bad(value: object) -> tuple[list[str | int], _Bad]:
    """The path to the first _Bad in document order (depth first, no recursion)."""
    stack: list[tuple[list[str | int], object]] = [([], value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Bad):
            return path, node
        if isinstance(node, dict):
            items: list[tuple[str | int, object]] = list(node.items())
        elif isinstance(node, list):
            items = list(enumerate(node))
        else:
            continue
        stack.extend(([*path, key], item) for key, item in reversed(items))
    raise AssertionError("a marked value was not found")  # the hooks only mark what they return


def _decode(raw: bytes, source: str, error: type[Exception]) -> str:
    encoding = wide_encoding(raw)
    if encoding is not None:
        raise error(f"{source}: not UTF-8 text (the file is {encoding} text); save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")  # a byte order mark (some editors add one) is fine
    except UnicodeDecodeError:
        raise error(f"{source}: not a text file (not UTF-8)") from None


def _too_deep(text: str) -> bool:
    """True if brackets nest deeper than MAX_DEPTH: strings skipped, no recursion, ~0.1 × the
    time json.loads takes (C-level passes: a regex, bytes.translate, a cumulative sum)."""
    brackets = _STRING.sub("", text).encode().translate(None, _NOT_BRACKETS)
    codes = np.frombuffer(brackets, dtype=np.uint8)
    opening = (codes == ord("[")) | (codes == ord("{"))
    return codes.size > 0 and int(np.cumsum(np.where(opening, 1, -1)).max()) > MAX_DEPTH


# ----------------------------------------------------------------------------- validating


def check(instance: object, name: str, source: str, error: type[Exception] = ValueError, *,
          choices: Choices | None = None) -> None:
    """Raise `error` "<source>: <path>: <problem>" unless `instance` fits schema `name`."""
    found = problem(instance, name, choices=choices)
    if found is not None:
        raise error(f"{source}: {found}")


def check_fields(instance: object, name: str, *, choices: Choices | None = None) -> None:
    """Raise FieldError(path, problem) unless `instance` fits schema `name` (no file name:
    for values inside a file, such as a trainer state, whose reader adds it)."""
    found = _first_problem(instance, name, choices)
    if found is not None:
        raise FieldError(*found)


def problem(instance: object, name: str, *, choices: Choices | None = None) -> str | None:
    """ "<path>: <problem>" for the most telling error against schema `name`, or None.

    `choices` maps names of the schema's $defs to the values allowed there (an enum made at
    run time, e.g. {"known_lesson": ids}); the file's own entry is the default.
    """
    found = _first_problem(instance, name, choices)
    return None if found is None else str(FieldError(*found))


def _first_problem(instance: object, name: str,
                   choices: Choices | None) -> tuple[str, str] | None:
    from jsonschema.exceptions import best_match

    frozen = tuple(sorted((k, tuple(v)) for k, v in (choices or {}).items()))
    error = best_match(_validator(name, frozen).iter_errors(instance))
    return None if error is None else describe_error(error)


def schema(name: str) -> Schema:
    """The schema core/schemas/<name>.schema.json as a dict (read once; do not modify)."""
    contents: Schema = _registry().contents(name + _SUFFIX)
    return contents


@functools.cache
def _registry() -> Registry[Any]:
    """Every schema file, registered under its file name (what "$ref"s name)."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    folder = files("linreg_lab.core.schemas")
    resources = [
        (entry.name, DRAFT202012.create_resource(json.loads(entry.read_text(encoding="utf-8"))))
        for entry in folder.iterdir() if entry.name.endswith(_SUFFIX)
    ]
    registry: Registry[Any] = Registry().with_resources(resources).crawl()
    return registry


@functools.lru_cache(maxsize=32)
def _validator(name: str, choices: _Frozen) -> Any:
    """A validator for schema `name` with `choices` filled in (jsonschema has no stubs)."""
    root = schema(name)
    if choices:
        defs = dict(root.get("$defs", {}))
        for key, values in choices:
            if key not in defs:
                raise KeyError(f"schema {name!r} has no $defs entry {key!r} to fill")
            defs[key] = {"enum": list(values)}
        root = {**root, "$defs": defs}
    return _validator_class()(root, registry=_registry())


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12 with whole numbers as JSON writes them and the x-array keyword.

    jsonschema is imported here, on first use, so importing the core stays quick.
    """
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        validators={"x-array": _x_array},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
    )


def _integer(_checker: object, value: object) -> bool:
    """A whole number as JSON writes it: 7, not 7.0 or 1e30 (those parse as floats)."""
    return type(value) is int


def _x_array(validator: Any, spec: Schema, instance: object, _schema: Schema) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, list):
        found = check_array(instance, spec.get("ndim", 1), spec["of"])
        if found is not None:
            path, message = found
            yield ValidationError(message, path=path)
