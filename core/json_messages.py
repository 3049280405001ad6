"""jsonschema's errors as one line a person can act on: "<field path>: <problem>".

jsonschema words an error for schema authors ("7.0 is not of type 'integer'"); a learner
opening a file wants the field and what would be right: ``hyperparameters.batch_size: must be
a whole number, got 7.0``. Paths are written the way one reads them: ``preset.panels[1]``.
A schema node's ``"x-message"`` replaces the generated wording (patterns especially).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

__all__ = ["describe_error", "describe_value", "field_path"]

_TYPE_NAMES = {"string": "a string", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "array": "a list", "object": "an object",
               "null": "null"}
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_LONGEST = 24  # characters of a value quoted in a message


def describe_error(error: ValidationError) -> tuple[str, str]:
    """(field path, problem) for one error from a jsonschema validator."""
    keyword, path = error.validator, list(error.absolute_path)
    if keyword == "required":
        path.append(next(k for k in error.validator_value if k not in error.instance))
        return _located(path, "is missing")
    if keyword == "additionalProperties":
        path.append(_unexpected(error.instance, error.schema))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return _located(path, f"unknown field; expected one of {allowed}")
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if keyword == "x-array" or (custom is None and keyword not in _WORDING):
        return _located(path, error.message)
    text = custom or _WORDING[keyword](error)
    if keyword == "pattern":
        text += _excerpt(error.validator_value, error.instance)
    elif keyword not in ("minItems", "maxItems", "maxLength"):
        text += f", got {describe_value(error.instance)}"
    return _located(path, text)


def field_path(parts: Iterable[str | int]) -> str:
    """["preset", "panels", 1] → "preset.panels[1]"."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def describe_value(value: object) -> str:
    """A value as a message quotes it: short ones as JSON, long ones by their kind."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (str, int, float)):
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
        if len(text) <= _LONGEST:
            return text
        return "text" if isinstance(value, str) else "a number too large for a double"
    return "a list" if isinstance(value, list) else "an object"


def _located(path: list[str | int], text: str) -> tuple[str, str]:
    return field_path(path), text


def _unexpected(instance: dict[str, Any], schema: dict[str, Any]) -> str:
    known = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return next(k for k in instance if k not in known and not any(p.search(k) for p in patterns))


def _type(error: ValidationError) -> str:
    kinds = error.validator_value
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return "must be " + " or ".join(_TYPE_NAMES.get(k, k) for k in kinds)


def _enum(error: ValidationError) -> str:
    """Every choice in full: a long one shortened to its kind ("text") would not say which."""
    return "must be one of " + ", ".join(json.dumps(v, ensure_ascii=False)
                                         for v in error.validator_value)


def _const(error: ValidationError) -> str:
    return f"must be {describe_value(error.validator_value)}"


def _bounds(error: ValidationError) -> str:
    """All the node's bounds in one phrase: "between 0 and 0.5", "more than 0"."""
    s = error.schema
    low, high = s.get("minimum"), s.get("maximum")
    if low is not None and high is not None:
        return f"must be between {_number(low)} and {_number(high)}"
    parts = []
    if low is not None:
        parts.append(f"at least {_number(low)}")
    if s.get("exclusiveMinimum") is not None:
        parts.append(f"more than {_number(s['exclusiveMinimum'])}")
    if high is not None:
        parts.append(f"at most {_number(high)}")
    if s.get("exclusiveMaximum") is not None:
        parts.append(f"less than {_number(s['exclusiveMaximum'])}")
    return "must be " + " and ".join(parts)


def _items(error: ValidationError) -> str:
    s, count = error.schema, len(error.instance)
    low, high = s.get("minItems"), s.get("maxItems")
    if low is not None and low == high:
        return f"must have exactly {low} entries, got {count}"
    if error.validator == "minItems":
        return f"must have at least {low} {'entry' if low == 1 else 'entries'}, got {count}"
    return f"must have at most {high} entries, got {count}"


def _pattern(error: ValidationError) -> str:
    return "does not have the expected form"


def _min_length(error: ValidationError) -> str:
    return "must not be empty"


def _max_length(error: ValidationError) -> str:
    return (f"must have at most {error.validator_value} characters, got "
            f"{len(error.instance):,}")


def _number(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() and abs(value) < 1e16 else repr(value)


def _excerpt(pattern: str, text: str) -> str:
    """Where a text stops fitting a pattern like ^(…)*$, quoted; "" if that cannot be told."""
    if not isinstance(text, str):
        return ""
    match = re.match(pattern.removesuffix("$"), text)
    if match is None or match.end() >= len(text):
        return ""
    return f" (the problem starts at {describe_value(text[match.end():][:_LONGEST - 2])})"


_WORDING = {"type": _type, "enum": _enum, "const": _const, "minItems": _items,
            "maxItems": _items, "pattern": _pattern, "minLength": _min_length,
            "maxLength": _max_length,
            **dict.fromkeys(_BOUNDS, _bounds)}
