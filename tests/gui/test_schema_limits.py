"""The schemas' ranges and names are the app's own: widgets, dataclasses, lessons' constants."""

from __future__ import annotations

from dataclasses import fields

import pytest

from linreg_lab import core
from linreg_lab.core.json_schema import problem, schema
from linreg_lab.core.limits import (
    LR_MAX,
    LR_MIN,
    MAX_EPOCHS,
    MAX_EXAMPLES,
    MAX_FEATURES,
    MAX_HUBER_DELTA,
    MAX_SEED,
    MAX_VAL_FRACTION,
)
from linreg_lab.gui.state import lessons
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import INITS, LOSS_NAMES, Hyperparameters

COMMON = schema("common")["$defs"]
HYPER = COMMON["hyperparameters"]["properties"]
SPEC = COMMON["generation_spec"]["properties"]
LESSON = schema("lesson")["$defs"]


def test_fields_are_the_dataclasses_fields():
    assert set(HYPER) == {f.name for f in fields(Hyperparameters)}
    assert set(SPEC) == {f.name for f in fields(GenerationSpec)}
    assert set(LESSON["recipe"]["properties"]) == {f.name for f in fields(lessons.DatasetRecipe)}


def test_choices_are_the_codes_choices():
    assert tuple(HYPER["init"]["enum"]) == INITS
    assert tuple(HYPER["loss"]["enum"]) == LOSS_NAMES
    assert tuple(SPEC["noise"]["enum"]) == core.NOISE_TYPES
    assert tuple(LESSON["recipe"]["properties"]["recipe"]["enum"]) == lessons.RECIPES


def test_ranges_are_the_widgets_ranges():
    assert (HYPER["batch_size"]["minimum"], HYPER["batch_size"]["maximum"]) == (1, MAX_EXAMPLES)
    assert (HYPER["num_epochs"]["minimum"], HYPER["num_epochs"]["maximum"]) == (0, MAX_EPOCHS)
    assert (SPEC["num_examples"]["minimum"], SPEC["num_examples"]["maximum"]) == (1, MAX_EXAMPLES)
    assert (COMMON["seed"]["minimum"], COMMON["seed"]["maximum"]) == (0, MAX_SEED)
    assert COMMON["fraction"]["maximum"] == MAX_VAL_FRACTION
    assert (HYPER["lr"]["minimum"], HYPER["lr"]["maximum"]) == (LR_MIN, LR_MAX)
    assert HYPER["huber_delta"]["maximum"] == MAX_HUBER_DELTA
    assert COMMON["weights"]["maxItems"] == MAX_FEATURES
    assert LESSON["generated"]["properties"]["num_examples"]["maximum"] == lessons.MAX_EXAMPLES
    assert LESSON["recipe"]["properties"]["num_examples"]["maximum"] == lessons.MAX_EXAMPLES


@pytest.mark.parametrize("tag", [*lessons.ALLOWED_TAGS, *(t.upper() for t in lessons.ALLOWED_TAGS)])
def test_the_allowed_tags_pass_the_markup_pattern(tag):
    raw = _lesson_with_text(f"a <{tag}>b</{tag}> c")
    assert problem(raw, "lesson") is None


@pytest.mark.parametrize("text", ["a <u>b</u>", "1 < 2", "<b >x</b>", "x <br/>"])
def test_other_markup_is_refused(text):
    assert problem(_lesson_with_text(text), "lesson").startswith("text.en: only the tags")


def _lesson_with_text(text: str) -> dict:
    return {"id": "x", "order": 1, "title": {"en": "T", "zh_CN": "题"},
            "text": {"en": text, "zh_CN": "文"}, "try": [{"en": "s", "zh_CN": "步",
                                                  "done_when": [{"pressed": "step"}]}],
            "preset": {"data": {}}}
