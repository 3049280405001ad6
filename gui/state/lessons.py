"""Lessons: the chapter's sections and exercises as data files with a ready experiment each.

A lesson is one JSON file in resources/lessons (found through importlib.resources, so an
installed copy works from any folder): a title and a short text in English and Chinese, two or
three "try this" steps (each with the conditions that complete it), and a preset — the data to
start from, the hyperparameters, and the panels worth looking at. Loading validates every
field against core/schemas/lesson.schema.json (through core.json_schema, like every JSON file
of the app) and names the file and the field when something is wrong, so a typo in a lesson
never surfaces as a crash deep inside the lab.

A preset is for one half of the lab: regression (data, as in d2l 3.1–3.3) or, with
``"mode": "classification"``, softmax regression (classes: Gaussian clusters or the digits or
iris, and whether the softmax is computed stably). The window shows the lesson's half first.

No Qt here: `apply_lesson` and `apply_class_lesson` only call a session's public requests.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Protocol

import numpy as np

from linreg_lab import core
from linreg_lab.core.class_data import ClassDataset, gaussian_clusters, load_digits, load_iris
from linreg_lab.core.json_messages import describe_value
from linreg_lab.core.json_schema import FieldError, check, read_json
from linreg_lab.gui.state import builtin_sets, json_state
from linreg_lab.gui.state.data_state import DataState, GenerationSpec, RecipeInfo
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.lesson_steps import Condition, condition
from linreg_lab.gui.state.session import RefusedChange
from linreg_lab.gui.tabs.registry import tab_keys

#: Names of the views a lesson may ask the main window to bring forward: the main views and
#: the teaching tabs of the (Qt-free) tab registry.
PANELS = ("fit", "loss", "landscape", "neuron", "comparison", *tab_keys())
# The rules themselves are core/schemas/lesson.schema.json's; these names say them in Python
# (tests check the two agree).
#: Special datasets that synthetic_data cannot make: the analytical solution is not unique.
RECIPES = ("identical_x", "duplicate_feature")
#: Inline tags a lesson text may use; paragraphs are separated by a blank line.
ALLOWED_TAGS = ("b", "i", "sub", "sup")
MAX_EXAMPLES = 100_000
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
class Step(Text):
    """A "try this" step: its text, and the conditions that complete it, in order
    (gui/state/lesson_steps.py), so the Lesson tab can tick it when it happens."""

    done_when: tuple[Condition, ...] = ()


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

    def info(self) -> RecipeInfo:
        """What the Data panel and the comparison say about these data: the recipe's numbers
        and the true line (w split evenly over the two copies: the minimum-norm truth)."""
        true_w = (self.w,) if self.recipe == "identical_x" else (self.w / 2, self.w / 2)
        spec = GenerationSpec(w=(self.w,), b=self.b, noise_std=self.noise_std,
                              num_examples=self.num_examples, seed=self.seed,
                              val_fraction=self.val_fraction)
        return RecipeInfo(self.recipe, spec, true_w, self.b)


@dataclass(frozen=True)
class BuiltinPreset:
    """A lesson whose data are one of the Data menu's sets (gui.state.builtin_sets)."""

    builtin: str
    seed: int = 0  # the sets are fixed; kept so a preset's data seed can be replaced alike

    def dataset(self) -> core.Dataset:
        return builtin_sets.dataset(self.builtin)


@dataclass(frozen=True)
class ClusterPreset:
    """A classification lesson's data: k Gaussian clusters (core.gaussian_clusters)."""

    k: int = 3
    n: int = 150
    spread: float = 1.2
    separable: bool = False
    seed: int = 42

    def dataset(self) -> ClassDataset:
        return gaussian_clusters(self.k, self.n, spread=self.spread, separable=self.separable,
                                 seed=self.seed)


#: The iris features a lesson shows: petal length and width, as the Data menu opens them.
IRIS_COLUMNS = (2, 3)


@dataclass(frozen=True)
class ClassBuiltinPreset:
    """A classification lesson whose data are the digits or iris (the Data menu's sets)."""

    builtin: str
    seed: int = 0  # the sets are fixed; kept so a preset's data seed can be replaced alike

    def dataset(self) -> ClassDataset:
        return load_digits() if self.builtin == "digits" else load_iris().features(
            list(IRIS_COLUMNS))


ClassPreset = ClusterPreset | ClassBuiltinPreset


@dataclass(frozen=True)
class Lesson:
    """One section or exercise of the chapter, with the experiment that goes with it."""

    id: str
    order: int
    title: Text
    text: Text
    steps: tuple[Step, ...]
    data: GenerationSpec | DatasetRecipe | BuiltinPreset | ClassPreset
    hyperparameters: Hyperparameters
    panels: tuple[str, ...]
    source: str = ""
    mode: str = "regression"  # or "classification": data is then a ClassPreset
    stable: bool = True  # classification: log-sum-exp, or d2l 3.6's naive formulas

    @property
    def classifies(self) -> bool:
        return self.mode == "classification"

    def preset_data(self, seed: int | None = None) -> DataState:
        """The preset dataset; `seed` replaces the preset's data seed (None keeps it)."""
        data = self.data if seed is None else replace(self.data, seed=int(seed))
        if isinstance(data, (ClusterPreset, ClassBuiltinPreset)):
            raise TypeError(f"{self.id} is a classification lesson: use data.dataset()")
        if isinstance(data, GenerationSpec):
            return DataState.generated(data, data.seed)
        if isinstance(data, BuiltinPreset):
            return DataState.from_dataset(data.dataset(), 0.0, self.hyperparameters.seed)
        return DataState.from_recipe(recipe_dataset(data), data.val_fraction,
                                     self.hyperparameters.seed, data.info())

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


def load_lessons(folder: Traversable | Path | None = None, *,
                 schema_checked: bool = True) -> list[Lesson]:
    """Every lesson in `folder` (default: the shipped resources/lessons), sorted by order.

    Ids and orders must be unique across the files. schema_checked=False is for the shipped
    lessons at start-up only: the test suite checks every shipped file against the schema,
    and checking sixteen of them again took longer than building the rest of the window.
    """
    folder = folder if folder is not None else files("linreg_lab.resources") / "lessons"
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".json")),
                     key=lambda e: e.name)
    lessons = [parse_lesson(e.read_text(encoding="utf-8"), e.name,
                            schema_checked=schema_checked) for e in entries]
    _check_unique(lessons)
    return sorted(lessons, key=lambda lesson: lesson.order)


def _check_unique(lessons: list[Lesson]) -> None:
    for key in ("id", "order"):
        seen: dict[object, str] = {}
        for lesson in lessons:
            value = getattr(lesson, key)
            if value in seen:
                raise LessonError(f"{lesson.source}: {key}: {describe_value(value)} is already "
                                  f"used by {seen[value]}")
            seen[value] = lesson.source


@functools.cache
def shipped_lesson_ids() -> tuple[str, ...]:
    """The ids of the shipped lessons (read once): the lessons a session may name."""
    return tuple(lesson.id for lesson in load_lessons())


def parse_lesson(text: str, source: str, *, schema_checked: bool = True) -> Lesson:
    """One lesson from its JSON text; `source` (the file name) starts every error message.

    The file is read and checked against core/schemas/lesson.schema.json by core.json_schema;
    a problem reads "<file>: <field path>: <problem>", e.g. "07.json: try[1].en: must be a
    non-empty string". Unchecked (shipped lessons at start-up), a lesson that cannot be built
    is still refused with the schema's words.
    """
    raw = read_json(text, source, LessonError)
    if schema_checked:
        _check_lesson(raw, source)
    try:
        return _lesson(raw, source)
    except FieldError as err:
        raise LessonError(f"{source}: {err}") from None
    except (LookupError, TypeError, ValueError, AttributeError):
        if schema_checked:
            raise
        _check_lesson(raw, source)  # says what is wrong, in the learner's words
        raise


def _check_lesson(raw: object, source: str) -> None:
    check(raw, "lesson", source, LessonError, choices={"known_panel": list(PANELS)})


def _lesson(raw: dict, source: str) -> Lesson:
    """A checked lesson object as a Lesson; hyperparameters it leaves out keep their defaults."""
    preset = raw["preset"]
    mode = preset.get("mode", "regression")
    classifies = mode == "classification"
    return Lesson(
        id=raw["id"],
        order=raw["order"],
        title=Text(**raw["title"]),
        text=Text(**raw["text"]),
        steps=tuple(Step(step["en"], step["zh_CN"],
                         tuple(condition(c) for c in step["done_when"]))
                    for step in raw["try"]),
        data=(_classes(preset["classes"]) if classifies
              else _data(preset["data"], "preset.data")),
        hyperparameters=json_state.hyperparameters(preset.get("hyperparameters", {}),
                                                   "preset.hyperparameters"),
        panels=tuple(preset.get("panels", ())),
        source=source,
        mode=mode,
        stable=bool(preset.get("stable", True)),
    )


def _classes(raw: dict) -> ClassPreset:
    """A checked "classes" object: a built-in set, or clusters (defaults for what it omits)."""
    if "builtin" in raw:
        return ClassBuiltinPreset(raw["builtin"])
    defaults = ClusterPreset()
    return ClusterPreset(**{name: json_state.like_default(getattr(defaults, name), value)
                            for name, value in raw.items()})


def _data(raw: dict, where: str) -> GenerationSpec | DatasetRecipe | BuiltinPreset:
    if "builtin" in raw:
        return BuiltinPreset(raw["builtin"])
    if "recipe" not in raw:
        return json_state.generation_spec(raw, where)
    defaults = DatasetRecipe(raw["recipe"])
    return DatasetRecipe(**{name: json_state.like_default(getattr(defaults, name), value)
                            for name, value in raw.items()})


# ------------------------------------------------------------------------------- applying


class _SessionLike(Protocol):
    """The one request of gui.state.session.Session that a lesson uses."""

    def apply_preset(self, hyper: Hyperparameters, data: GenerationSpec | core.Dataset,
                     title: str, val_fraction: float | None = None,
                     recipe: RecipeInfo | None = None) -> None: ...


def apply_lesson(session: _SessionLike, lesson: Lesson, *, language: str = "en",
                 seed: int | None = None) -> None:
    """Load a lesson's preset through the Session's one request for it (Session.apply_preset
    owns the undo macro): the data change is one undo step named after the lesson."""
    data = lesson.data if seed is None else replace(lesson.data, seed=int(seed))
    title = lesson.title.in_language(language)
    if isinstance(data, GenerationSpec):
        session.apply_preset(lesson.preset_hyperparameters(), data, title)
    elif isinstance(data, BuiltinPreset):  # all training data, as the Data menu opens them
        session.apply_preset(lesson.preset_hyperparameters(), data.dataset(), title, 0.0)
    else:
        session.apply_preset(lesson.preset_hyperparameters(), recipe_dataset(data), title,
                             data.val_fraction, data.info())


class _ClassSessionLike(Protocol):
    """The requests of gui.state.classification.ClassificationSession a lesson uses."""

    @property
    def hyper(self) -> Hyperparameters: ...

    @property
    def stable(self) -> bool: ...

    def set_hyperparameters(self, **changes: object) -> None: ...

    def set_stable(self, stable: bool) -> None: ...

    def load_dataset(self, dataset: ClassDataset, text: str) -> None: ...

    def reset(self) -> None: ...


def apply_class_lesson(session: _ClassSessionLike, lesson: Lesson, *, language: str = "en",
                       seed: int | None = None) -> None:
    """Load a classification lesson's preset: its hyperparameters and softmax formula, its
    data as one undo step named after the lesson, then training from the start.

    The hyperparameters come first (their seed draws a loaded set's validation rows); if the
    data are refused (RefusedChange), they and the formula are put back, so nothing changed.
    """
    data = lesson.data if seed is None else replace(lesson.data, seed=int(seed))
    if not isinstance(data, (ClusterPreset, ClassBuiltinPreset)):
        raise TypeError(f"{lesson.id} is not a classification lesson")
    dataset, title = data.dataset(), lesson.title.in_language(language)
    hyper, stable = session.hyper, session.stable
    session.set_hyperparameters(**_fields(lesson.hyperparameters))
    session.set_stable(lesson.stable)
    try:  # clusters too go in as a data set: the undo step is named after the lesson
        session.load_dataset(dataset, title)
    except RefusedChange:
        session.set_hyperparameters(**_fields(hyper))
        session.set_stable(stable)
        raise
    session.reset()  # from the lesson's initialisation and seed, not the previous weights


def _fields(hyper: Hyperparameters) -> dict[str, object]:
    return {name: getattr(hyper, name) for name in hyper.__dataclass_fields__}


def plain_words(text: str) -> int:
    """Number of words of a lesson text without its tags (lessons aim at 80–200 words)."""
    return len(_TAG_PATTERN.sub("", text).split())
