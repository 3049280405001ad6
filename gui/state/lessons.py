"""Lessons: the chapter's sections and exercises as data files with a ready experiment each.

A lesson is one JSON file in resources/lessons (found through importlib.resources, so an
installed copy works from any folder): a title and a short text in English and Chinese, two or
three "try this" steps, and a preset — the data to start from, the hyperparameters, and the
panels worth looking at. Loading validates every field and names the file and the field when
something is wrong, so a typo in a lesson never surfaces as a crash deep inside the lab.

No Qt here: `apply_lesson` only calls a Session's public request methods.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, fields, replace
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from linreg_lab import core
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.tabs.registry import tab_keys

LANGUAGES = ("en", "zh_CN")
#: Names of the views a lesson may ask the main window to bring forward: the main views and
#: the teaching tabs of the (Qt-free) tab registry.
PANELS = ("fit", "loss", "landscape", "neuron", "comparison", *tab_keys())
#: Special datasets that synthetic_data cannot make: the analytical solution is not unique.
RECIPES = ("identical_x", "duplicate_feature")
#: Inline tags a lesson text may use; paragraphs are separated by a blank line.
ALLOWED_TAGS = ("b", "i", "sub", "sup")
MAX_EXAMPLES = 100_000
_ID_PATTERN = re.compile(r"[a-z0-9_]+")
_TAG_PATTERN = re.compile(r"</?([A-Za-z]+)>")


class LessonError(ValueError):
    """A lesson file is broken; the message names the file and the field."""


@dataclass(frozen=True)
class Text:
    """One piece of text in both languages of the app."""

    en: str
    zh_CN: str

    def in_language(self, language: str) -> str:
        """The Chinese text for any Chinese language code, else the English one."""
        return self.zh_CN if language.lower().startswith("zh") else self.en


@dataclass(frozen=True)
class DatasetRecipe:
    """A dataset whose XᵀX is singular on purpose.

    identical_x: every x equals x_value, y = w·x_value + b + noise.
    duplicate_feature: x ~ N(0, 1) copied into two identical columns, y = w·x + b + noise.
    """

    recipe: str
    w: float = 2.0
    b: float = 4.2
    noise_std: float = 1.0
    num_examples: int = 20
    seed: int = 42
    x_value: float = 2.0
    val_fraction: float = 0.0


@dataclass(frozen=True)
class Lesson:
    """One section or exercise of the chapter, with the experiment that goes with it."""

    id: str
    order: int
    title: Text
    text: Text
    steps: tuple[Text, ...]
    data: GenerationSpec | DatasetRecipe
    hyperparameters: Hyperparameters
    panels: tuple[str, ...]
    source: str = ""

    def preset_data(self, seed: int | None = None) -> DataState:
        """The preset dataset; `seed` replaces the preset's data seed (None keeps it)."""
        data = self.data if seed is None else replace(self.data, seed=int(seed))
        if isinstance(data, GenerationSpec):
            return DataState.generated(data, data.seed)
        dataset = recipe_dataset(data)
        return DataState.from_dataset(dataset, data.val_fraction, self.hyperparameters.seed)

    def preset_hyperparameters(self) -> Hyperparameters:
        """The preset hyperparameters; fields the lesson does not set keep their defaults."""
        return self.hyperparameters


def recipe_dataset(recipe: DatasetRecipe) -> core.Dataset:
    """Build a special dataset: all x identical, or one feature stored twice."""
    rng = np.random.default_rng(recipe.seed)
    n = recipe.num_examples
    if recipe.recipe == "identical_x":
        x = np.full(n, recipe.x_value)
        X = x[:, None]
    else:
        x = rng.standard_normal(n)
        X = np.column_stack([x, x])
    y = recipe.w * x + recipe.b + rng.normal(0.0, recipe.noise_std, n)
    return core.Dataset(X, y)


# ------------------------------------------------------------------------------- loading


def load_lessons(folder: Traversable | Path | None = None) -> list[Lesson]:
    """Every lesson in `folder` (default: the shipped resources/lessons), sorted by order.

    Ids and orders must be unique across the files.
    """
    folder = folder if folder is not None else files("linreg_lab.resources") / "lessons"
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".json")),
                     key=lambda e: e.name)
    lessons = [parse_lesson(e.read_text(encoding="utf-8"), e.name) for e in entries]
    _check_unique(lessons)
    return sorted(lessons, key=lambda lesson: lesson.order)


def _check_unique(lessons: list[Lesson]) -> None:
    for key in ("id", "order"):
        seen: dict[object, str] = {}
        for lesson in lessons:
            value = getattr(lesson, key)
            if value in seen:
                raise LessonError(f"{lesson.source}: field '{key}': {value!r} is already used "
                                  f"by {seen[value]}")
            seen[value] = lesson.source


def parse_lesson(text: str, source: str) -> Lesson:
    """One lesson from its JSON text; `source` (the file name) starts every error message."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise LessonError(f"{source}: not valid JSON: {err.msg} at line {err.lineno}, "
                          f"column {err.colno}") from None
    return _Parser(source).lesson(raw)


class _Parser:
    """Checks one lesson's fields; every error names the file and the dotted field path."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, field: str, problem: str) -> LessonError:
        return LessonError(f"{self.source}: field '{field}': {problem}")

    def lesson(self, raw: Any) -> Lesson:
        obj = self.mapping(raw, "(top level)", required=("id", "order", "title", "text",
                                                          "preset", "try"))
        preset = self.mapping(obj["preset"], "preset", required=("data",),
                              optional=("hyperparameters", "panels"))
        return Lesson(
            id=self.identifier(obj["id"], "id"),
            order=self.integer(obj["order"], "order", low=0),
            title=self.text(obj["title"], "title", rich=False),
            text=self.text(obj["text"], "text", rich=True),
            steps=self.steps(obj["try"], "try"),
            data=self.data(preset["data"], "preset.data"),
            hyperparameters=self.hyper(preset.get("hyperparameters", {}),
                                       "preset.hyperparameters"),
            panels=self.panels(preset.get("panels", []), "preset.panels"),
            source=self.source,
        )

    # ----- structure ----------------------------------------------------------------------
    def mapping(self, raw: Any, field: str, required: tuple[str, ...] = (),
                optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(raw, dict):
            raise self.fail(field, f"must be an object, got {type(raw).__name__}")
        for key in required:
            if key not in raw:
                raise self.fail(self.join(field, key), "is missing")
        allowed = set(required) | set(optional)
        for key in raw:
            if key not in allowed:
                raise self.fail(self.join(field, key),
                                f"unknown field; expected one of {sorted(allowed)}")
        return raw

    @staticmethod
    def join(parent: str, key: str) -> str:
        return key if parent == "(top level)" else f"{parent}.{key}"

    def text(self, raw: Any, field: str, *, rich: bool) -> Text:
        obj = self.mapping(raw, field, required=LANGUAGES)
        values = {}
        for lang in LANGUAGES:
            values[lang] = self.string(obj[lang], f"{field}.{lang}")
            if rich:
                self.check_markup(values[lang], f"{field}.{lang}")
        return Text(**values)

    def check_markup(self, value: str, field: str) -> None:
        for tag in _TAG_PATTERN.findall(value):
            if tag.lower() not in ALLOWED_TAGS:
                raise self.fail(field, f"tag <{tag}> is not allowed; use {list(ALLOWED_TAGS)}")
        if "<" in _TAG_PATTERN.sub("", value):
            raise self.fail(field, "a '<' that is not a tag; write &lt; instead")

    def steps(self, raw: Any, field: str) -> tuple[Text, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail(field, "must be a non-empty list of {en, zh_CN} steps")
        return tuple(self.text(item, f"{field}[{i}]", rich=False) for i, item in enumerate(raw))

    def panels(self, raw: Any, field: str) -> tuple[str, ...]:
        if not isinstance(raw, list):
            raise self.fail(field, "must be a list of panel names")
        for i, name in enumerate(raw):
            if name not in PANELS:
                raise self.fail(f"{field}[{i}]", f"unknown panel {name!r}; choose from "
                                f"{list(PANELS)}")
        return tuple(raw)

    # ----- scalars --------------------------------------------------------------------------
    def string(self, raw: Any, field: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(field, "must be a non-empty string")
        return raw

    def identifier(self, raw: Any, field: str) -> str:
        if not isinstance(raw, str) or not _ID_PATTERN.fullmatch(raw):
            raise self.fail(field, "must be lower-case letters, digits and '_'")
        return raw

    def integer(self, raw: Any, field: str, low: int | None = None,
                high: int | None = None) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.fail(field, f"must be a whole number, got {raw!r}")
        if (low is not None and raw < low) or (high is not None and raw > high):
            raise self.fail(field, f"must be between {low} and {high}, got {raw}")
        return raw

    def number(self, raw: Any, field: str, low: float | None = None,
               high: float | None = None) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise self.fail(field, f"must be a finite number, got {raw!r}")
        if (low is not None and raw < low) or (high is not None and raw > high):
            raise self.fail(field, f"must be between {low} and {high}, got {raw}")
        return float(raw)

    def numbers(self, raw: Any, field: str, length: int | None = None) -> tuple[float, ...]:
        if not isinstance(raw, list) or not raw or (length is not None and len(raw) != length):
            size = f"{length} numbers" if length else "a non-empty list of numbers"
            raise self.fail(field, f"must be {size}, got {raw!r}")
        return tuple(self.number(v, f"{field}[{i}]") for i, v in enumerate(raw))

    # ----- the preset -------------------------------------------------------------------------
    def data(self, raw: Any, field: str) -> GenerationSpec | DatasetRecipe:
        if isinstance(raw, dict) and "recipe" in raw:
            return self.recipe(raw, field)
        names = tuple(f.name for f in fields(GenerationSpec))
        obj = self.mapping(raw, field, optional=names)
        kw: dict[str, Any] = {}
        if "w" in obj:
            kw["w"] = self.numbers(obj["w"], f"{field}.w")
        for key in ("b", "noise_std", "val_fraction"):
            if key in obj:
                low, high = {"b": (None, None), "noise_std": (0.0, None),
                             "val_fraction": (0.0, 0.5)}[key]
                kw[key] = self.number(obj[key], f"{field}.{key}", low, high)
        if "noise" in obj and obj["noise"] not in core.NOISE_TYPES:
            raise self.fail(f"{field}.noise", f"unknown noise {obj['noise']!r}; choose from "
                            f"{list(core.NOISE_TYPES)}")
        kw.update({k: obj[k] for k in ("noise",) if k in obj})
        if "num_examples" in obj:
            kw["num_examples"] = self.integer(obj["num_examples"], f"{field}.num_examples",
                                              1, MAX_EXAMPLES)
        if "seed" in obj:
            kw["seed"] = self.integer(obj["seed"], f"{field}.seed", 0, 2**31 - 1)
        if obj.get("x_range") is not None:
            lo, hi = self.numbers(obj["x_range"], f"{field}.x_range", length=2)
            if not lo < hi:
                raise self.fail(f"{field}.x_range", f"needs lo < hi, got [{lo}, {hi}]")
            kw["x_range"] = (lo, hi)
        return GenerationSpec(**kw)

    def recipe(self, raw: dict, field: str) -> DatasetRecipe:
        names = tuple(f.name for f in fields(DatasetRecipe))
        obj = self.mapping(raw, field, required=("recipe",), optional=names)
        if obj["recipe"] not in RECIPES:
            raise self.fail(f"{field}.recipe", f"unknown recipe {obj['recipe']!r}; choose "
                            f"from {list(RECIPES)}")
        limits = {"w": (None, None), "b": (None, None), "noise_std": (0.0, None),
                  "x_value": (None, None), "val_fraction": (0.0, 0.5)}
        kw: dict[str, Any] = {"recipe": obj["recipe"]}
        for key, (low, high) in limits.items():
            if key in obj:
                kw[key] = self.number(obj[key], f"{field}.{key}", low, high)
        if "num_examples" in obj:
            kw["num_examples"] = self.integer(obj["num_examples"], f"{field}.num_examples",
                                              1, MAX_EXAMPLES)
        if "seed" in obj:
            kw["seed"] = self.integer(obj["seed"], f"{field}.seed", 0, 2**31 - 1)
        return DatasetRecipe(**kw)

    def hyper(self, raw: Any, field: str) -> Hyperparameters:
        defaults = Hyperparameters()
        names = tuple(f.name for f in fields(Hyperparameters))
        obj = self.mapping(raw, field, optional=names)
        kw: dict[str, Any] = {}
        for key, value in obj.items():
            kw[key] = self.like(value, getattr(defaults, key), f"{field}.{key}")
        try:
            return Hyperparameters(**kw)
        except ValueError as err:
            raise self.fail(field, str(err)) from None

    def like(self, value: Any, default: Any, field: str) -> Any:
        """Check a value against the type of the field's default."""
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise self.fail(field, f"must be true or false, got {value!r}")
            return value
        if isinstance(default, int):
            return self.integer(value, field)
        if isinstance(default, float):
            return self.number(value, field)
        if isinstance(default, tuple):
            return self.numbers(value, field)
        return self.string(value, field)


# ------------------------------------------------------------------------------- applying


class _SessionLike(Protocol):
    """The public requests of gui.session.Session that a lesson uses."""

    undo_stack: Any

    def generate(self, spec: GenerationSpec) -> None: ...
    def load_dataset(self, dataset: core.Dataset, text: str) -> None: ...
    def set_validation_fraction(self, fraction: float) -> None: ...
    def set_hyperparameters(self, **changes: object) -> None: ...
    def reset(self) -> None: ...


def apply_lesson(session: _SessionLike, lesson: Lesson, *, language: str = "en",
                 seed: int | None = None) -> None:
    """Load a lesson's preset: the data change is one undo step named after the lesson.

    Hyperparameters are set first (their seed decides a recipe's validation split), then the
    data are replaced inside one undo macro, then training restarts from the initialisation.
    Undo brings the previous data back, so opening a lesson never destroys unsaved points.
    """
    h = lesson.preset_hyperparameters()
    session.set_hyperparameters(**{f.name: getattr(h, f.name) for f in fields(h)})
    title = lesson.title.in_language(language)
    stack = session.undo_stack
    stack.beginMacro(title)
    try:
        data = lesson.data if seed is None else replace(lesson.data, seed=int(seed))
        if isinstance(data, GenerationSpec):
            session.generate(data)
        else:
            session.load_dataset(recipe_dataset(data), title)
            session.set_validation_fraction(data.val_fraction)
    finally:
        stack.endMacro()
    session.reset()


def plain_words(text: str) -> int:
    """Number of words of a lesson text without its tags (lessons aim at 80–200 words)."""
    return len(_TAG_PATTERN.sub("", text).split())
