"""GenerationSpec and Hyperparameters from JSON values that a schema has already checked.

Sessions and lessons store both the same way (core/schemas/common.schema.json), so they are
built here once. Types and ranges were checked by the schema; what is left is turning JSON
lists into tuples and whole numbers into floats where the field is a float, and the one rule a
schema cannot state (x_range: lo < hi). Problems are core.json_schema.FieldError, whose text
names the field, so callers only put the file's name in front.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from linreg_lab.core.exact_json import float_from_json
from linreg_lab.core.json_schema import FieldError
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters

__all__ = ["generation_spec", "hyperparameters", "like_default"]


def generation_spec(obj: dict, where: str) -> GenerationSpec:
    """A GenerationSpec from a checked object; fields it leaves out keep their defaults."""
    defaults = GenerationSpec()
    kw = {name: like_default(getattr(defaults, name), value)
          for name, value in obj.items() if name != "x_range"}
    x_range = obj.get("x_range")
    if x_range is not None:
        lo, hi = (float_from_json(v) for v in x_range)
        if not lo < hi:
            raise FieldError(f"{where}.x_range", f"needs lo < hi, got [{lo}, {hi}]")
        kw["x_range"] = (lo, hi)
    return GenerationSpec(**kw)


def hyperparameters(obj: dict, where: str) -> Hyperparameters:
    """Hyperparameters from a checked object; fields it leaves out keep their defaults."""
    defaults = Hyperparameters()
    names = {f.name for f in fields(Hyperparameters)}
    kw = {name: like_default(getattr(defaults, name), obj[name]) for name in names & set(obj)}
    try:
        return Hyperparameters(**kw)
    except ValueError as err:  # the schema should have said so first
        raise FieldError(where, str(err)) from None


def like_default(default: Any, value: Any) -> Any:
    """`value` in the Python type of the field's default: float, tuple of floats, or as is."""
    if isinstance(default, float):
        return float_from_json(value)
    if isinstance(default, tuple):
        return tuple(float_from_json(v) for v in value)
    return value
