"""Session files carry the classification half and the window's mode, bit for bit."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from linreg_lab import core
from linreg_lab.core.session_file import SessionFileError
from linreg_lab.gui.files.session_files import SessionFiles, recovery_path
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.state.session_io import open_session, save_session, session_document

SIGNALS = ("datasetChanged", "hyperparametersChanged", "stateChanged", "diverged")


def trained() -> ClassificationSession:
    """Clusters with a validation fifth, hyperparameters changed, mid-epoch, rewound."""
    c = ClassificationSession()
    c.generate(4, 70, spread=1.5, seed=11)
    c.set_hyperparameters(lr=0.3, batch_size=6, seed=2)
    c.step(40)
    c.rewind_to(23)  # mid-epoch: 56 training points, batches of 6
    assert c.rewound and c.trainer.epoch_position > 0
    return c


def assert_same(a: ClassificationSession, b: ClassificationSession) -> None:
    assert a.data == b.data and a.hyper == b.hyper and a.stable == b.stable
    ta, tb = a.trainer, b.trainer
    assert (ta.steps, ta.epoch, ta.epoch_position) == (tb.steps, tb.epoch, tb.epoch_position)
    assert ta.W.tobytes() == tb.W.tobytes() and ta.b.tobytes() == tb.b.tobytes()
    for name in ("step_index", "step_loss", "epoch_train_loss", "epoch_train_accuracy",
                 "epoch_val_loss", "epoch_val_accuracy", "epoch_w_norm"):
        assert getattr(ta.history, name).tobytes() == getattr(tb.history, name).tobytes(), name
    np.testing.assert_array_equal(a.last_batch_rows(), b.last_batch_rows())


def counting(session) -> dict[str, int]:
    counts = dict.fromkeys(SIGNALS, 0)
    for name in SIGNALS:
        getattr(session, name).connect(lambda *_a, n=name: counts.__setitem__(n, counts[n] + 1))
    return counts


def saved(tmp_path, classification, **kw):
    path = tmp_path / "both.linreglab"
    save_session(Session(), path, classification=classification, **kw)
    return path


def test_a_rewound_run_reopens_and_continues_bit_for_bit(qtbot, tmp_path):
    original, twin = trained(), trained()  # the twin never saves
    path = saved(tmp_path, original, mode="classification")
    opened = ClassificationSession()
    opened.step(3)
    counts = counting(opened)
    extras = open_session(Session(), path, opened)
    assert extras["mode"] == "classification"
    assert counts == {"datasetChanged": 1, "hyperparametersChanged": 1, "stateChanged": 1,
                      "diverged": 0}
    assert opened.undo_stack.count() == 0 and not opened.rewound
    assert_same(opened, twin)
    opened.step(31)
    twin.step(31)  # replays the twin's own run up to step 40, then runs on
    assert_same(opened, twin)
    opened.step_epoch()
    twin.step_epoch()
    assert_same(opened, twin)


def test_the_naive_formula_and_a_divergence_are_kept(qtbot, tmp_path):
    c = ClassificationSession()
    c.load_dataset(core.ClassDataset([[500.0, 0.0], [-500.0, 0.0], [400.0, 1.0]], [0, 1, 0],
                                     ("a", "b")), "Load", val_fraction=0.0)
    c.set_hyperparameters(lr=10.0, batch_size=3, shuffle=False)
    c.step(1)
    c.set_stable(False)
    c.step(50)
    assert c.trainer.diverged
    opened = ClassificationSession()
    with qtbot.waitSignal(opened.diverged, timeout=1000):
        open_session(Session(), saved(tmp_path, c), opened)
    assert opened.stable is False and opened.trainer.diverged
    assert opened.trainer.divergence_reason == c.trainer.divergence_reason
    assert_same(opened, c)


def test_the_document_is_plain_json_with_the_section_and_the_mode(qtbot):
    doc = session_document(Session(), classification=trained(), mode="classification")
    again = json.loads(json.dumps(doc, allow_nan=False))
    section = again["classification"]
    assert section["data"]["class_names"] == ["1", "2", "3", "4"]
    assert sum(section["data"]["val_mask"]) == 14 and section["trainer"]["steps"] == 23
    assert again["view"]["mode"] == "classification"
    assert "classification" not in session_document(Session())


def test_a_file_from_before_classification_opens_with_a_new_classification_half(qtbot, tmp_path):
    path = tmp_path / "old.linreglab"
    regression = Session()
    regression.step(5)
    save_session(regression, path)  # version 1 as it was: no section, no mode
    assert "classification" not in json.loads(path.read_text(encoding="utf-8"))
    c = trained()
    c.load_dataset(core.load_iris(), "Iris")
    extras = open_session(Session(), path, c)
    assert extras["mode"] == "regression"
    assert_same(c, ClassificationSession())
    assert c.undo_stack.count() == 0


def test_without_a_classification_session_the_section_is_left_alone(qtbot, tmp_path):
    s = Session()
    extras = open_session(s, saved(tmp_path, trained(), mode="classification"))
    assert extras["mode"] == "classification" and s.trainer.steps == 0


def _doc(tmp_path) -> dict:
    return json.loads(saved(tmp_path, trained()).read_text(encoding="utf-8"))


def _set(doc: dict, where: str, value) -> dict:
    *path, key = where.split(".")
    node = doc
    for part in path:
        node = node[part]
    if value is KeyError:
        del node[key]
    else:
        node[key] = value
    return doc


@pytest.mark.parametrize(("where", "value", "expected"), [
    ("classification.stable", "yes", "classification.stable: must be"),
    ("classification.data.labels", KeyError, "classification.data.labels: is missing"),
    ("classification.data.labels", [9] * 70, "classification.data.labels: must be class "
                                             "indices below 4"),
    ("classification.data.labels", [0, 1], "classification.data.labels: must hold 70"),
    ("classification.data.X", [[1.0, 2.0, 3.0]] * 70, "classification.data.X: must have 2"),
    ("classification.data.class_names", ["a"], "classification.data.class_names"),
    ("classification.data.class_names", ["a", "b", "a", "c"], "must be different"),
    ("classification.data.val_mask", [True], "classification.data.val_mask: must hold 70"),
    ("classification.data.val_fraction", 0.9, "classification.data.val_fraction"),
    ("classification.hyperparameters.lr", -1, "classification.hyperparameters.lr"),
    ("classification.trainer.kind", "SGDTrainer", "classification.trainer.kind"),
    ("classification.trainer.W", [[0.0]], "classification.trainer.W: must be finite "
                                          "numbers of shape"),
    ("classification.trainer.position", 10**6, "classification.trainer.position"),
    ("classification.trainer.settings.stable", 1, "classification.trainer.settings.stable"),
    ("classification.trainer.history.stride", 3, "classification.trainer.history.stride"),
    ("classification.trainer.data_sha256", "0" * 64,
     "classification.trainer.data_sha256: the state belongs to other data"),
    ("view.mode", "clustering", "view.mode: must be one of"),
    ("classification.extra", 1, "classification"),
])
def test_a_bad_section_is_refused_naming_the_field_and_nothing_changes(
        qtbot, tmp_path, where, value, expected):
    path = tmp_path / "bad.linreglab"
    path.write_text(json.dumps(_set(_doc(tmp_path), where, value)), encoding="utf-8")
    s, c = Session(), ClassificationSession()
    s.step(4)
    c.step(6)
    before = (s.data, s.trainer, c.data, c.hyper, c.trainer, c.trainer.steps)
    counts = counting(c)
    with pytest.raises(SessionFileError, match=re.escape(expected)) as info:
        open_session(s, path, c)
    assert str(info.value).startswith("bad.linreglab: ")
    assert (s.data, s.trainer, c.data, c.hyper, c.trainer, c.trainer.steps) == before
    assert counts == dict.fromkeys(SIGNALS, 0)


def test_a_bad_regression_half_leaves_the_classification_alone(qtbot, tmp_path):
    doc = _set(_doc(tmp_path), "trainer.position", 10**6)
    path = tmp_path / "bad.linreglab"
    path.write_text(json.dumps(doc), encoding="utf-8")
    c = ClassificationSession()
    trainer = c.trainer
    with pytest.raises(SessionFileError, match=r"trainer\.position"):
        open_session(Session(), path, c)
    assert c.trainer is trainer


# ----- SessionFiles: the window's file ------------------------------------------------------

@pytest.fixture
def files(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    session, classification = Session(), ClassificationSession()
    mode = {"mode": "classification"}
    sf = SessionFiles(session, window, extras=lambda: dict(mode), classification=classification)
    sf.mode = mode  # the test's handle on what the window says
    yield sf
    sf.stop()


def test_classification_edits_mark_the_file_modified(files, tmp_path):
    c = files._classification
    assert files.save_to(tmp_path / "a.linreglab") and not files.modified
    c.step(2)
    assert files.modified
    assert files.save_to(tmp_path / "a.linreglab") and not files.modified
    c.set_validation_fraction(0.5)
    assert files.modified
    files.save_to(tmp_path / "a.linreglab")
    c.set_stable(False)
    assert files.modified
    files.save_to(tmp_path / "a.linreglab")
    files.mark_modified()  # the window's mode switch
    assert files.modified


def test_save_and_open_through_the_window_files(files, qtbot, tmp_path):
    c = files._classification
    c.generate(3, 40, seed=4)
    c.step(17)
    path = tmp_path / "w.linreglab"
    assert files.save_to(path)
    W = c.trainer.W
    c.reset()
    with qtbot.waitSignal(files.opened, timeout=1000) as opened:
        assert files.open_path(path, asked=True)
    assert opened.args[0]["mode"] == "classification"
    assert not files.modified and c.trainer.steps == 17
    assert c.trainer.W.tobytes() == W.tobytes()
    assert json.loads(path.read_text(encoding="utf-8"))["view"]["mode"] == "classification"


def test_the_recovery_file_carries_the_classification_half(files, tmp_path):
    c = files._classification
    c.step(9)
    files.autosave()
    files.wait_for_autosave()
    doc = json.loads(recovery_path().read_text(encoding="utf-8"))
    assert doc["classification"]["trainer"]["steps"] == 9
    assert doc["view"]["mode"] == "classification"
