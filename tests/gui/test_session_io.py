"""Save / Open session: an opened session trains on exactly as if it had never been saved."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from linreg_lab.core.session_file import SessionFileError
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.state.session_io import (
    load_session_document,
    open_session,
    save_session,
    session_document,
)

SPEC = GenerationSpec(w=(2.0, -3.4), b=4.2, noise_std=0.5, num_examples=120, seed=7,
                      val_fraction=0.2)
SIGNALS = ("datasetChanged", "hyperparametersChanged", "stateChanged", "diverged")


def mid_run_session() -> Session:
    """37 steps at batch 7 with shuffling and a 20 % validation split: mid-epoch."""
    s = Session()
    s.generate(SPEC)
    s.set_hyperparameters(batch_size=7, shuffle=True, lr=0.05, seed=3)
    s.step(37)
    assert s.trainer.epoch_position > 0 and s.data.val_mask.sum() == 24
    return s


def count_signals(session: Session) -> dict[str, int]:
    counts = dict.fromkeys(SIGNALS, 0)
    for name in SIGNALS:
        getattr(session, name).connect(lambda *_a, n=name: counts.__setitem__(n, counts[n] + 1))
    return counts


def assert_same_training(a: Session, b: Session) -> None:
    ta, tb = a.trainer, b.trainer
    assert np.array_equal(ta.w, tb.w) and ta.w.tolist() == tb.w.tolist() and ta.b == tb.b
    assert (ta.steps, ta.epoch, ta.epoch_position) == (tb.steps, tb.epoch, tb.epoch_position)
    for name in ("step_loss", "step_w", "step_b", "epoch_train_loss", "epoch_val_loss"):
        assert np.array_equal(getattr(ta.history, name), getattr(tb.history, name)), name
    assert np.array_equal(a.last_batch_rows(), b.last_batch_rows())
    assert ta.val_loss() == tb.val_loss()


def test_opened_session_continues_bit_for_bit(qtbot, tmp_path):
    path = tmp_path / "lesson.linreglab"
    original, twin = mid_run_session(), mid_run_session()  # twin never saves
    save_session(original, path, lesson_id="basic_elements", panels=("formula", "noise"))
    opened = Session()  # different data and settings to start with
    counts = count_signals(opened)
    extras = open_session(opened, path)
    assert extras == {"lesson": "basic_elements", "panels": ("formula", "noise"),
                      "mode": "regression"}
    assert counts == {"datasetChanged": 1, "hyperparametersChanged": 1, "stateChanged": 1,
                      "diverged": 0}
    d, e = twin.data, opened.data
    assert np.array_equal(d.dataset.X, e.dataset.X) and np.array_equal(d.dataset.y, e.dataset.y)
    assert np.array_equal(d.val_mask, e.val_mask) and d.val_fraction == e.val_fraction
    assert np.array_equal(d.true_w, e.true_w) and d.true_b == e.true_b and d.spec == e.spec
    assert d.dataset.feature_names == e.dataset.feature_names
    assert opened.hyper == twin.hyper
    assert_same_training(twin, opened)
    assert opened.solution.lstsq.w.tolist() == twin.solution.lstsq.w.tolist()
    twin.step(50)
    opened.step(50)
    assert_same_training(twin, opened)


def test_continuation_after_a_batch_size_change(qtbot, tmp_path):
    path = tmp_path / "b.linreglab"
    original, twin = mid_run_session(), mid_run_session()
    save_session(original, path)
    opened = Session()
    open_session(opened, path)
    for s in (twin, opened):
        s.set_hyperparameters(batch_size=11, shuffle=False)
        s.step(50)
    assert_same_training(twin, opened)


def test_open_clears_undo_and_keeps_names(qtbot, tmp_path):
    path = tmp_path / "names.linreglab"
    s = mid_run_session()
    s.add_example(np.array([0.5, 0.5]), 1.0)
    save_session(s, path)
    opened = Session()
    opened.add_example(0.3, 0.3)
    assert opened.undo_stack.canUndo()
    open_session(opened, path)
    assert not opened.undo_stack.canUndo() and opened.undo_stack.isClean()
    assert opened.dataset.n_examples == SPEC.num_examples + 1 and opened.data.spec == SPEC


def test_document_is_plain_json(qtbot):
    doc = session_document(mid_run_session(), lesson_id=None, panels=["loss"])
    again = json.loads(json.dumps(doc, allow_nan=False))
    data, hyper, trainer_state, extras = load_session_document(again)
    assert extras == {"lesson": None, "panels": ("loss",), "mode": "regression"}
    assert hyper.batch_size == 7 and trainer_state["steps"] == 37
    assert data.n_train == 96


def good_file(tmp_path) -> tuple:
    path = tmp_path / "good.linreglab"
    save_session(mid_run_session(), path)
    return path, json.loads(path.read_text(encoding="utf-8"))


def write(tmp_path, doc_or_text) -> os.PathLike:
    path = tmp_path / "bad.linreglab"
    text = doc_or_text if isinstance(doc_or_text, str) else json.dumps(doc_or_text)
    path.write_text(text, encoding="utf-8")
    return path


def truncated(doc: dict) -> str:
    text = json.dumps(doc, indent=1)
    return text[: len(text) * 2 // 3]


def tamper(doc: dict, section: str, key: str, value) -> dict:
    if value is KeyError:
        del doc[section][key]
    else:
        doc[section][key] = value
    return doc


@pytest.mark.parametrize(
    "make, expected",
    [
        (truncated, "damaged or incomplete"),
        (lambda d: {**d, "format": "csv"}, "not a LinReg Lab session"),
        (lambda d: {**d, "version": 2}, "newer LinReg Lab"),
        (lambda d: tamper(d, "data", "y", KeyError), "data.y: is missing"),
        (lambda d: tamper(d, "data", "val_mask", [True]), "data.val_mask: must hold 120"),
        (lambda d: tamper(d, "hyperparameters", "loss", "cubic"),
         'hyperparameters.loss: must be one of "squared"'),
        (lambda d: tamper(d, "trainer", "position", 10**6), "trainer.position: must be at most 96"),
        (lambda d: tamper(d, "data", "X", [[1.0, 2.0]] * 120), "other training data"),
    ],
)
def test_bad_files_raise_and_leave_the_session_untouched(qtbot, tmp_path, make, expected):
    _, doc = good_file(tmp_path)
    path = write(tmp_path, make(doc))
    s = Session()
    s.step(3)
    data, hyper, trainer, steps, w = s.data, s.hyper, s.trainer, s.trainer.steps, s.trainer.w
    counts = count_signals(s)
    with pytest.raises(SessionFileError, match=expected) as info:
        open_session(s, path)
    assert str(info.value).startswith("bad.linreglab: ")
    assert (s.data, s.hyper, s.trainer) == (data, hyper, trainer)
    assert s.trainer.steps == steps and np.array_equal(s.trainer.w, w)
    assert counts == dict.fromkeys(SIGNALS, 0)


def spec_value(key: str, value):
    def change(doc: dict) -> dict:
        doc["data"]["spec"][key] = value
        return doc
    return change


def view_lesson(lesson):
    def change(doc: dict) -> dict:
        doc["view"] = {"lesson": lesson, "panels": []}
        return doc
    return change


# Files that passed the old checks and then broke the window; the schema names the field.
@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: tamper(d, "hyperparameters", "batch_size", 1e30),
         "hyperparameters.batch_size: must be a whole number, got 1e+30"),
        (lambda d: tamper(d, "hyperparameters", "batch_size", 10**30),
         "hyperparameters.batch_size: must be between 1 and 1000000"),
        (lambda d: tamper(d, "hyperparameters", "num_epochs", 10**12),
         "hyperparameters.num_epochs: must be between 0 and 100000"),
        (lambda d: tamper(d, "hyperparameters", "seed", 2**63),
         "hyperparameters.seed: must be between 0 and 2147483647"),
        (lambda d: tamper(d, "hyperparameters", "seed", -1),
         "hyperparameters.seed: must be between 0 and 2147483647"),
        (spec_value("num_examples", 10**12), "data.spec.num_examples: must be between 1 and"),
        (spec_value("seed", -1), "data.spec.seed: must be between 0 and 2147483647"),
        (view_lesson("no_such_lesson"), 'view.lesson: must be one of "basic_elements"'),
        (lambda d: tamper(d, "data", "val_fraction", 0.9),
         "data.val_fraction: must be between 0 and 0.5, got 0.9"),
        (spec_value("val_fraction", 0.9), "data.spec.val_fraction: must be between 0 and 0.5"),
    ],
)
def test_values_that_would_break_the_window_are_refused(qtbot, tmp_path, make, expected):
    _, doc = good_file(tmp_path)
    path = write(tmp_path, make(doc))
    s = Session()
    data, hyper, trainer = s.data, s.hyper, s.trainer
    with pytest.raises(SessionFileError) as info:
        open_session(s, path)
    assert str(info.value).startswith(f"bad.linreglab: {expected}")
    assert (s.data, s.hyper, s.trainer) == (data, hyper, trainer)


def test_a_shipped_lesson_opens(qtbot, tmp_path):
    _, doc = good_file(tmp_path)
    path = write(tmp_path, view_lesson("identical_x")(doc))
    assert open_session(Session(), path)["lesson"] == "identical_x"


def test_failed_save_leaves_the_previous_file_byte_identical(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "keep.linreglab"
    s = mid_run_session()
    save_session(s, path)
    before = path.read_bytes()
    s.step(20)

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SessionFileError, match="No space left"):
        save_session(s, path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["keep.linreglab"]
    monkeypatch.undo()
    opened = Session()
    open_session(opened, path)
    assert opened.trainer.steps == 37


def test_diverged_session_saves_and_opens(qtbot, tmp_path):
    path = tmp_path / "boom.linreglab"
    s = Session()
    s.generate(GenerationSpec(num_examples=100, val_fraction=0.2, seed=2))
    s.set_hyperparameters(lr=100.0, batch_size=100)  # the largest η the lab accepts
    s.step(400)
    assert s.trainer.diverged
    save_session(s, path)
    opened = Session()
    reasons = []
    opened.diverged.connect(reasons.append)
    open_session(opened, path)
    assert reasons == [s.trainer.divergence_reason]
    assert opened.trainer.diverged and opened.step(5) == 0
    assert np.array_equal(opened.trainer.history.epoch_train_loss,
                          s.trainer.history.epoch_train_loss, equal_nan=True)
    assert np.array_equal(opened.trainer.history.epoch_val_loss,
                          s.trainer.history.epoch_val_loss, equal_nan=True)


def test_empty_canvas_session_round_trips(qtbot, tmp_path):
    path = tmp_path / "empty.linreglab"
    s = Session()
    s.clear()
    save_session(s, path)
    opened = Session()
    open_session(opened, path)
    assert opened.dataset.n_examples == 0 and opened.data.spec is None
    opened.add_example(1.0, 2.0)
    assert opened.step(3) == 3


def test_opening_into_a_shown_window_updates_its_views(make_window, tmp_path):
    path = tmp_path / "window.linreglab"
    save_session(mid_run_session(), path)
    w = make_window()
    assert "step 37" not in w.status_line.text()
    open_session(w.session, path)
    assert "step 37" in w.status_line.text()
    assert w.session.trainer.steps == 37 and w.session.hyper.batch_size == 7
    w.lab_actions.step.trigger()  # the window trains on from the opened state
    assert w.session.trainer.steps == 38


def test_standardised_run_saves_and_continues_bit_for_bit(tmp_path) -> None:
    a = Session()
    a.set_hyperparameters(standardize=True, lr=0.1)
    a.step(23)
    path = tmp_path / "std.linreglab"
    save_session(a, path)
    b = Session()
    open_session(b, path)
    assert b.hyper.standardize
    a.step(31)
    b.step(31)
    assert np.array_equal(a.trainer.w, b.trainer.w) and a.trainer.b == b.trainer.b
