"""The .linreglab document: exact round trip, clear errors, atomic writes."""

import json
import math
import os

import numpy as np
import pytest

import linreg_lab.core.session_file as sf
from linreg_lab.core.session_file import SessionFileError, read_session, write_session
from linreg_lab.core.sgd import SGDTrainer


def document() -> dict:
    """A small valid version-1 document; the numbers include the ones JSON gets wrong easily."""
    X = [[0.1 * i, -1.0 / (i + 1)] for i in range(30)]
    X[0] = [5e-324, -0.0]
    y = [1 / 3 + i for i in range(30)]
    trainer = SGDTrainer(np.array(X), np.array(y), seed=2**40 + 7)
    trainer.step(3)
    return {
        "format": "linreglab",
        "version": 1,
        "app": "LinReg Lab",
        "data": {
            "X": X,
            "y": y,
            "feature_names": ["x1", "x2"],
            "label_name": "y",
            "val_mask": [i % 5 == 0 for i in range(30)],
            "val_fraction": 0.2,
            "true_w": [2.0, -3.4],
            "true_b": 4.2,
            "spec": None,
        },
        "hyperparameters": {
            "lr": 0.03, "batch_size": 7, "num_epochs": 3, "shuffle": True, "init": "normal",
            "init_w": [0.0], "init_b": 0.0, "loss": "squared", "huber_delta": 1.0, "seed": 42,
        },
        "trainer": json.loads(json.dumps(trainer.state())),
        "view": {"lesson": "basic_elements", "panels": ["formula", "noise"]},
    }


def test_round_trip_is_exact(tmp_path):
    path = tmp_path / "run.linreglab"
    doc = document()
    write_session(path, doc)
    assert read_session(path) == doc
    back = read_session(path)
    assert [v.hex() for v in back["data"]["y"]] == [v.hex() for v in doc["data"]["y"]]
    assert repr(back["data"]["X"][0]) == "[5e-324, -0.0]"
    assert back["trainer"]["rng"]["state"]["state"] > 2**64  # PCG64's 128-bit ints stay exact
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text  # strict JSON
    assert text.count("\n") > 30  # a matrix row a line: a damaged file's line number helps


def test_view_is_optional(tmp_path):
    path = tmp_path / "run.linreglab"
    doc = document()
    del doc["view"], doc["app"]
    write_session(path, doc)
    assert read_session(path) == doc


def test_truncated_file_names_file_line_and_column(tmp_path):
    path = tmp_path / "cut.linreglab"
    write_session(path, document())
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(SessionFileError) as info:
        read_session(path)
    message = str(info.value)
    assert message.startswith("cut.linreglab: ")
    assert "damaged or incomplete" in message and "line " in message and "column " in message


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a LinReg Lab session"),
        (b'{"format": "other", "version": 1}', "not a LinReg Lab session"),
        (b'{"format": "linreglab", "version": NaN}', "NaN is not allowed"),
        (b'{"format": "linreglab", "version": "1"}', "version: must be a whole number"),
        (b'{"format": "linreglab", "version": 0}', "version: must be a whole number"),
    ],
)
def test_bad_files_raise_helpful_errors(tmp_path, content, expected):
    path = tmp_path / "bad.linreglab"
    path.write_bytes(content)
    with pytest.raises(SessionFileError, match=expected) as info:
        read_session(path)
    assert str(info.value).startswith("bad.linreglab: ")


def test_newer_version_says_a_newer_app_made_it(tmp_path):
    path = tmp_path / "future.linreglab"
    doc = document()
    doc["version"] = sf.VERSION + 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SessionFileError, match="made by a newer LinReg Lab") as info:
        read_session(path)
    assert f"file version {sf.VERSION + 1}" in str(info.value)


@pytest.mark.parametrize(
    "section, key, value, expected",
    [
        ("data", "X", None, "data.X: is missing"),
        (None, "trainer", None, "trainer: is missing"),
        ("hyperparameters", "lr", "fast", 'hyperparameters.lr: must be a finite number, got "fa'),
        ("hyperparameters", "shuffle", 1, "hyperparameters.shuffle: must be true or false, got 1"),
        ("hyperparameters", "batch_size", 7.0, "hyperparameters.batch_size: must be a whole"),
        ("data", "spec", [], "data.spec: must be an object or null, got a list"),
        ("view", "panels", "all", "view.panels: must be a list"),
    ],
)
def test_missing_keys_and_wrong_types_are_named(tmp_path, section, key, value, expected):
    path = tmp_path / "keys.linreglab"
    doc = document()
    where = doc if section is None else doc[section]
    if value is None:
        del where[key]
    else:
        where[key] = value
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SessionFileError) as info:
        read_session(path)
    assert str(info.value).startswith("keys.linreglab: ") and expected in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(SessionFileError, match="file not found"):
        read_session(tmp_path / "nothing.linreglab")
    with pytest.raises(SessionFileError, match="folder"):
        read_session(tmp_path)


# --- atomic writing ----------------------------------------------------------------------------


def saved_once(tmp_path):
    path = tmp_path / "keep.linreglab"
    write_session(path, document())
    return path, path.read_bytes()


def assert_untouched(path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == [path.name]  # no temp file left behind


def test_encoder_failing_part_way_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path, before = saved_once(tmp_path)
    real, written = sf._chunks, []

    def failing(value, depth):
        for chunk in real(value, depth):
            written.append(chunk)
            if len(written) == 40:
                raise ValueError("disk gremlin")
            yield chunk

    monkeypatch.setattr(sf, "_chunks", failing)
    doc = document()
    doc["data"]["y"][0] = 99.0
    with pytest.raises(SessionFileError, match="cannot save") as info:
        write_session(path, doc)
    assert len(written) == 40 and str(info.value).startswith("keep.linreglab: ")
    assert len("".join(written)) > 1000  # well into the file when it failed
    assert_untouched(path, before)


def test_unstorable_value_deep_inside_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path, before = saved_once(tmp_path)
    doc = document()
    doc["view"]["panels"] = [object()]  # met only after data and trainer were written
    with pytest.raises(SessionFileError, match=r"view\.panels\[0\]: must be a string"):
        write_session(path, doc)  # the schema refuses it before writing starts
    monkeypatch.setattr(sf, "check_document", lambda document: document)  # the writer's guard
    with pytest.raises(SessionFileError, match="not storable"):
        write_session(path, doc)
    doc["view"]["panels"] = [math.nan]  # bare NaN would not be strict JSON
    with pytest.raises(SessionFileError, match="not storable"):
        write_session(path, doc)
    assert_untouched(path, before)


def test_replace_failing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path, before = saved_once(tmp_path)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SessionFileError, match="Permission denied") as info:
        write_session(path, document())
    assert isinstance(info.value.__cause__, OSError)
    assert_untouched(path, before)


def test_invalid_document_is_not_written(tmp_path):
    path, before = saved_once(tmp_path)
    doc = document()
    del doc["hyperparameters"]["seed"]
    with pytest.raises(SessionFileError, match=r"cannot save, hyperparameters\.seed: is missing"):
        write_session(path, doc)
    assert_untouched(path, before)


# --- ranges: values that pass the types but would break the window -----------------------------


@pytest.mark.parametrize(
    "where, key, value, expected",
    [
        ("hyperparameters", "batch_size", 1e30, "hyperparameters.batch_size: must be a whole"),
        ("hyperparameters", "batch_size", 10**30, "hyperparameters.batch_size: must be between 1"),
        ("hyperparameters", "batch_size", 0, "hyperparameters.batch_size: must be between 1"),
        ("hyperparameters", "num_epochs", 10**12, "hyperparameters.num_epochs: must be between"),
        ("hyperparameters", "seed", 2**63, "hyperparameters.seed: must be between 0 and 214748"),
        ("hyperparameters", "seed", -1, "hyperparameters.seed: must be between 0 and 214748"),
        ("hyperparameters", "lr", 0.0, "hyperparameters.lr: must be between 1e-05 and 100"),
        ("hyperparameters", "huber_delta", "inf", "hyperparameters.huber_delta: must be a finite"),
        ("hyperparameters", "init", "random", 'hyperparameters.init: must be one of "normal"'),
        ("data", "val_fraction", 0.9, "data.val_fraction: must be between 0 and 0.5, got 0.9"),
        ("spec", "num_examples", 10**12, "data.spec.num_examples: must be between 1 and 1000000"),
        ("spec", "val_fraction", 0.9, "data.spec.val_fraction: must be between 0 and 0.5"),
        ("spec", "seed", -1, "data.spec.seed: must be between 0 and 2147483647"),
        ("spec", "noise", "cauchy", 'data.spec.noise: must be one of "gaussian"'),
        ("data", "X", [[0.0, 1.0]] * 29 + [[0.0, "nan"]], "data.X[29][1]: must be a finite"),
        ("trainer", "batch_size", 0, "trainer.batch_size: must be at least 1, got 0"),
        ("trainer", "lr", "inf", "trainer.lr: must be a finite number"),
        ("data", "val_mask", [False] * 29 + [0], "data.val_mask[29]: must be true or false"),
    ],
)
def test_values_out_of_range_are_refused_naming_the_field(tmp_path, where, key, value, expected):
    doc = document()
    doc["data"]["spec"] = {"w": [2.0, -3.4], "b": 4.2, "noise_std": 0.01, "noise": "gaussian",
                           "num_examples": 30, "seed": 1, "x_range": None, "val_fraction": 0.2}
    section = doc["data"]["spec"] if where == "spec" else doc[where]
    section[key] = value
    path = tmp_path / "range.linreglab"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SessionFileError) as info:
        read_session(path)
    assert str(info.value).startswith(f"range.linreglab: {expected}")


def test_an_unknown_lesson_is_refused_when_the_lessons_are_known(tmp_path):
    path = tmp_path / "lesson.linreglab"
    doc = document()
    write_session(path, doc)
    assert read_session(path, lesson_ids=["basic_elements", "summary"]) == doc
    doc["view"]["lesson"] = "no_such_lesson"
    write_session(path, doc)  # well formed: a later LinReg Lab may have that lesson
    with pytest.raises(SessionFileError) as info:
        read_session(path, lesson_ids=["basic_elements", "summary"])
    assert str(info.value).startswith('lesson.linreglab: view.lesson: must be one of '
                                      '"basic_elements", "summary", got "no_such_lesson"')


def test_absurd_nesting_is_a_clear_error_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.linreglab"
    path.write_text('{"format": "linreglab", "version": 1, "trainer": '
                    + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    with pytest.raises(SessionFileError, match=r"^deep\.linreglab: .*nested more than 64 levels"):
        read_session(path)
