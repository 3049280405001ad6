"""core.json_schema: the one JSON reader: exact values, sane nesting, one clear message."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from jsonschema import Draft202012Validator

from linreg_lab.core.json_arrays import check_array
from linreg_lab.core.json_schema import MAX_DEPTH, check, problem, read_json, schema

SCHEMAS = sorted(e.name.removesuffix(".schema.json")
                 for e in files("linreg_lab.core.schemas").iterdir()
                 if e.name.endswith(".schema.json"))


class OwnError(ValueError):
    pass


# --- reading -----------------------------------------------------------------------------------


def test_numbers_read_back_exactly():
    text = json.dumps({"tiny": 5e-324, "neg_zero": -0.0, "third": 1 / 3, "big": 2**127 + 1})
    value = read_json(text.encode(), "v.json")
    assert value["tiny"].hex() == (5e-324).hex() and str(value["neg_zero"]) == "-0.0"
    assert value["third"] == 1 / 3 and value["big"] == 2**127 + 1


@pytest.mark.parametrize(
    "text, expected",
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b"\xff\xfe garbage", "not UTF-8"),
        ('{"a": NaN}', "NaN is not allowed"),
        ('{"a": -Infinity}', "-Infinity is not allowed"),
        ('{\n  "a": 1,,\n}', "not valid JSON: .* at line 2, column 10"),
        ("[" * 200_000 + "]" * 200_000, f"nested more than {MAX_DEPTH} levels deep"),
        ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested more than"),
        ("[" * 200_000, "nested more than"),
    ],
)
def test_bad_text_raises_the_callers_error_naming_the_file(text, expected):
    with pytest.raises(OwnError, match=f"^f\\.json: .*{expected}"):
        read_json(text, "f.json", OwnError)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"a": [1, {"b": NaN}]}', 'a[1].b: NaN is not allowed in JSON; non-finite numbers are '
         'written as the text "nan"'),
        ("[1, Infinity]", "[1]: Infinity is not allowed"),
        ("NaN", "NaN is not allowed"),
        ('{"h": {"lr": 0.03, "lr": 50}}', 'h: the field "lr" appears twice'),
        ('{"lr": 1, "x": 2, "lr": 3}', 'the field "lr" appears twice'),
        ('{"s": {"seed": -' + "9" * 5000 + "}}", "s.seed: a whole number of 5,000 digits"),
        ('{"a": [NaN, ' + "1" * 5000 + "]}", "a[0]: NaN"),  # the first in the file
        ("[1]".encode("utf-16"), "not UTF-8 text (the file is UTF-16 text)"),
        ("[1]".encode("utf-32"), "not UTF-8 text (the file is UTF-32 text)"),
    ],
)
def test_what_json_reads_silently_or_without_a_place_is_named_by_its_field(text, expected):
    with pytest.raises(OwnError) as info:
        read_json(text, "f.json", OwnError)
    assert str(info.value).startswith("f.json: " + expected), str(info.value)


def test_a_utf8_byte_order_mark_is_fine():
    assert read_json("\ufeff{\"a\": 1}".encode(), "bom.json") == {"a": 1}


def test_nesting_up_to_the_limit_is_fine_and_brackets_in_strings_do_not_count():
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_json(deep, "ok.json") is not None
    text = json.dumps({"s": "[" * 500 + '\\"{' * 300})
    assert read_json(text, "ok.json") == json.loads(text)


# --- messages --------------------------------------------------------------------------------


def first_lesson() -> dict:
    return json.loads((files("linreg_lab.resources") / "lessons" / "01_basic_elements.json")
                      .read_text(encoding="utf-8"))


def test_a_problem_names_the_file_and_the_field_path():
    raw = first_lesson()
    raw["try"][1]["en"] = 7
    with pytest.raises(OwnError) as info:
        check(raw, "lesson", "lesson.json", OwnError)
    assert str(info.value) == "lesson.json: try[1].en: must be a non-empty string, got 7"


@pytest.mark.parametrize(
    "value, ndim, of, expected",
    [
        ([1.0, 2, -0.0], 1, "finite", None),
        ([1.0, True], 1, "finite", ((1,), "must be a finite number, got true")),
        ([1.0, float("inf")], 1, "finite", ((1,), "must be a finite number, got inf")),
        ([1.0, 10**400], 1, "finite", ((1,), "must be a finite number, got a number too large")),
        ([1.0, "nan", "-inf"], 1, "exact", None),
        ([1.0, "nan"], 1, "finite", ((1,), 'must be a finite number, got "nan"')),
        (["1.5"], 1, "exact", ((0,), 'must be a number (or "nan", "inf", "-inf"), got "1.5"')),
        ([[1.0, 2.0], [3.0, 4.0]], 2, "finite", None),
        ([[1.0, 2.0], [3.0, None]], 2, "finite", ((1, 1), "must be a finite number, got null")),
        ([[1.0, 2.0], [3.0]], 2, "finite", ((1,), "must have 2 entries like the first row, got 1")),
        ([[1.0], 2.0], 2, "finite", ((1,), "must be a list")),
        ([], 2, "finite", None),
        ([True, False], 1, "boolean", None),
        ([True, 0], 1, "boolean", ((1,), "must be true or false, got 0")),
        ([0, 3, 2], 1, "index", None),
        ([0, -1], 1, "index", ((1,), f"must be a whole number from 0 to {2**63 - 1}, got -1")),
        ([0, 1.0], 1, "index", ((1,), f"must be a whole number from 0 to {2**63 - 1}, got 1.0")),
        ([0, 2**64], 1, "index", ((1,), f"must be a whole number from 0 to {2**63 - 1}, got "
                                         "18446744073709551616")),
        ([[1.0], [2e100]], 2, "value", ((1, 0), "must be a finite number at most 1e100 in size, "
                                                "got 2e+100")),
        ([-1e100, 10**100, 1e100], 1, "value", None),
        ([10**400], 1, "value", ((0,), "must be a finite number at most 1e100 in size, got a "
                                       "number too large for a double")),
    ],
)
def test_long_arrays_are_checked_in_one_pass_naming_the_first_bad_entry(value, ndim, of,
                                                                         expected):
    found = check_array(value, ndim, of)
    if expected is None:
        assert found is None
    else:
        assert found[0] == expected[0] and found[1].startswith(expected[1])


def test_choices_fill_a_defs_entry_at_run_time():
    raw = first_lesson()
    raw["preset"]["panels"] = ["fit", "oscilloscope"]
    assert problem(raw, "lesson") is None  # the file's own entry: any string
    found = problem(raw, "lesson", choices={"known_panel": ["fit", "loss"]})
    assert found == 'preset.panels[1]: must be one of "fit", "loss", got "oscilloscope"'
    with pytest.raises(KeyError, match="no \\$defs entry"):
        problem(raw, "lesson", choices={"no_such_def": ["a"]})


# --- the schema files -------------------------------------------------------------------------


def test_the_schemas_are_the_expected_ones():
    assert {"common", "history", "lesson", "session", "trainer_state"} <= set(SCHEMAS)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_is_valid_json_schema_2020_12(name):
    doc = schema(name)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(doc)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_reference_resolves(name):
    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(schema(name)):
        target, _, pointer = ref.partition("#")
        doc = schema(target.removesuffix(".schema.json")) if target else schema(name)
        for part in filter(None, pointer.split("/")):
            doc = doc[part]
        assert isinstance(doc, dict), ref


def test_the_trainer_schemas_agree_with_the_trainer_code():
    from linreg_lab.core import trainer_state
    from linreg_lab.core.notation import LOSS_KINDS

    props = schema("trainer_state")["properties"]
    assert tuple(props["rng"]["properties"]["bit_generator"]["enum"]) == (
        trainer_state._BIT_GENERATORS)
    assert tuple(schema("trainer_state")["$defs"]["loss"]["enum"]) == LOSS_KINDS
    assert schema("history")["properties"]["capacity"]["maximum"] == trainer_state.MAX_CAPACITY


def test_the_session_schemas_data_limits_are_core_limits():
    from linreg_lab.core.limits import MAX_ABS_VALUE, MAX_EXAMPLES, MAX_FEATURES, MAX_NAME_LENGTH

    data = schema("session")["$defs"]["data"]["properties"]
    common = schema("common")["$defs"]
    assert data["feature_names"]["maxItems"] == MAX_FEATURES
    assert data["y"]["maxItems"] == MAX_EXAMPLES
    assert data["X"]["x-array"]["of"] == data["y"]["x-array"]["of"] == "value"
    assert (data["true_b"]["minimum"], data["true_b"]["maximum"]) == (-MAX_ABS_VALUE,
                                                                      MAX_ABS_VALUE)
    assert (common["value"]["minimum"], common["value"]["maximum"]) == (-MAX_ABS_VALUE,
                                                                        MAX_ABS_VALUE)
    assert common["name"]["maxLength"] == MAX_NAME_LENGTH
    assert problem({"a": "n" * (MAX_NAME_LENGTH + 1)}, "common") is None  # only as a name
