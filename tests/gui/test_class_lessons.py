"""Lessons of the classification mode (d2l 3.4–3.7): their presets in the schema, applied to a
ClassificationSession through its requests, the facts their steps read, and the window
switching to the lesson's half first. Every step is walked in test_lesson_walkthrough.py."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from linreg_lab.gui.state import lesson_steps as ls
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.lessons import (
    ClassBuiltinPreset,
    ClusterPreset,
    LessonError,
    apply_class_lesson,
    parse_lesson,
)
from linreg_lab.gui.state.session import RefusedChange
from tests.gui.lesson_driver import LEFT, perform
from tests.gui.test_lessons import LESSON_DIR

CLASS_FILE = "17_softmax_regression.json"


def _raw() -> dict:
    return json.loads((LESSON_DIR / CLASS_FILE).read_text(encoding="utf-8"))


def _parse(raw: dict):
    return parse_lesson(json.dumps(raw, ensure_ascii=False), "x.json")


def test_a_classification_preset_is_read_with_its_classes_and_formula(by_id) -> None:
    lesson = by_id["softmax_regression"]
    assert lesson.classifies and lesson.stable
    assert lesson.data == ClusterPreset(k=3, n=150, spread=2.0, separable=False, seed=42)
    assert by_id["digits_from_scratch"].data == ClassBuiltinPreset("digits")
    assert by_id["separable_classes"].data.separable
    assert not by_id["basic_elements"].classifies
    raw = _raw()
    raw["preset"]["classes"] = {"k": 4}  # the rest keep the defaults
    raw["preset"]["stable"] = False
    lesson = _parse(raw)
    assert lesson.data == ClusterPreset(k=4) and not lesson.stable
    with pytest.raises(TypeError, match="classification"):
        lesson.preset_data()


@pytest.mark.parametrize(("change", "field", "problem"), [
    (lambda p: p.update(data={"w": [1.0]}), "preset.data", "the other mode"),
    (lambda p: p.pop("classes"), "preset.classes", "missing"),
    (lambda p: p.pop("mode"), "preset.data", "missing"),
    (lambda p: p["classes"].update(k=7), "preset.classes.k", "between 2 and 6"),
    (lambda p: p["classes"].update(colour="red"), "preset.classes.colour", "unknown"),
    (lambda p: p.update(classes={"builtin": "mnist"}), "preset.classes.builtin", "mnist"),
    (lambda p: p.update(stable="yes"), "preset.stable", "true or false"),
    (lambda p: p.update(mode="clustering"), "preset.mode", "clustering"),
])
def test_a_broken_classification_preset_is_refused_naming_the_field(change, field,
                                                                    problem) -> None:
    raw = _raw()
    change(raw["preset"])
    with pytest.raises(LessonError) as caught:
        _parse(raw)
    message = str(caught.value)
    assert message.startswith(f"x.json: {field}:") and problem in message, message


def test_a_regression_preset_cannot_carry_classes() -> None:
    raw = json.loads((LESSON_DIR / "01_basic_elements.json").read_text(encoding="utf-8"))
    raw["preset"]["stable"] = True
    with pytest.raises(LessonError, match=r"preset\.stable: belongs to the other mode"):
        _parse(raw)


@pytest.mark.parametrize("raw", [{"mode": "regression"}, {"stable": True},
                                 {"pressed": "open_digits", "times": 2},
                                 {"value": "w_norm", "below": 3}])
def test_the_new_conditions_are_read(raw: dict) -> None:
    lesson = _raw()
    lesson["try"][0]["done_when"] = [raw]
    assert _parse(lesson).steps[0].done_when == (ls.condition(raw),)


@pytest.fixture
def class_session(qapp) -> ClassificationSession:
    return ClassificationSession()


def test_applying_a_class_preset_is_one_undo_step(by_id, class_session) -> None:
    s, lesson = class_session, by_id["stable_softmax"]
    s.set_hyperparameters(lr=0.5, batch_size=3)
    s.set_stable(False)
    s.step(5)
    before, count = s.dataset, s.undo_stack.count()
    apply_class_lesson(s, lesson, language="zh_CN")
    assert s.undo_stack.count() == count + 1
    assert s.undo_stack.undoText() == lesson.title.zh_CN
    assert s.dataset == lesson.data.dataset()
    assert s.hyper == lesson.hyperparameters and s.stable and s.trainer.stable
    assert s.trainer.steps == 0 and s.trainer.lr == lesson.hyperparameters.lr
    fresh = ClassificationSession(lesson.data.dataset(), lesson.hyperparameters)
    assert np.array_equal(s.trainer.W, fresh.trainer.W), "starts from the lesson's seed"
    s.undo_stack.undo()
    assert s.dataset == before


def test_a_refused_class_preset_changes_nothing(by_id, class_session, monkeypatch) -> None:
    s = class_session
    s.set_hyperparameters(lr=0.5)
    s.set_stable(False)
    before = (s.dataset, s.hyper, s.stable, s.undo_stack.count())

    def refuse(*_args, **_kwargs):
        raise RefusedChange("no room")

    monkeypatch.setattr(s, "load_dataset", refuse)
    with pytest.raises(RefusedChange):
        apply_class_lesson(s, by_id["softmax_regression"])
    assert (s.dataset, s.hyper, s.stable, s.undo_stack.count()) == before


def test_a_regression_lesson_is_not_applied_to_a_class_session(by_id, class_session) -> None:
    with pytest.raises(TypeError):
        apply_class_lesson(class_session, by_id["basic_elements"])


def test_class_facts_read_the_softmax_run(by_id, class_session) -> None:
    s = class_session
    apply_class_lesson(s, by_id["separable_classes"])
    s.step(30)
    facts = ls.class_facts(s, banner="none", tab="lesson", views=())
    t = s.trainer
    assert (facts.mode, facts.stable, facts.classes, facts.features) == (
        "classification", True, 3, 2)
    assert (facts.steps, facts.loss, facts.accuracy) == (30, t.loss(), t.accuracy())
    assert facts.w_norm == pytest.approx(float(np.sqrt((t.W ** 2).sum())))
    assert facts.examples == s.dataset.n_examples and facts.hyper == s.hyper
    val = t.val_accuracy()
    assert facts.val_accuracy == val if val is not None else math.isnan(facts.val_accuracy)
    s.set_stable(False)
    assert not ls.class_facts(s, banner="none", tab="", views=()).stable


# ----- the window -------------------------------------------------------------------------

def _load(qtbot, window, lesson_id: str) -> None:
    window.open_lesson(lesson_id)
    qtbot.mouseClick(window.tabs.lesson.load_button, LEFT)


def test_the_window_shows_the_lessons_half_first(make_window, qtbot, by_id) -> None:
    window = make_window()
    assert window.modes.mode == "regression"
    _load(qtbot, window, "digits_from_scratch")
    assert window.modes.mode == "classification"
    assert window.lab_actions.classification_mode.isChecked()
    session = window.modes.workspace.session
    assert session.dataset.n_features == 64 and session.hyper.lr == 0.002
    assert window.hyper_bar.lr_spin.value() == pytest.approx(0.002)  # the toolbar shows it
    progress = window.lesson_watcher.progress()
    assert progress is not None and progress.lesson_id == "digits_from_scratch"
    _load(qtbot, window, "basic_elements")
    assert window.modes.mode == "regression" and window.session.dataset.n_examples == 200


def test_undo_brings_back_the_classes_a_preset_replaced(make_window, qtbot) -> None:
    window = make_window()
    window.set_mode("classification")
    session = window.modes.workspace.session
    session.add_example((0.5, 0.5), 1)  # the learner's own point
    before = session.dataset
    _load(qtbot, window, "separable_classes")
    panel = window.modes.workspace.data_panel
    assert panel.separable_check.isChecked() and panel.k_spin.value() == 3
    assert session.dataset != before
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.dataset == before


def test_a_class_step_counts_the_class_panels_buttons(make_window, qtbot) -> None:
    window = make_window()
    _load(qtbot, window, "most_likely_class")
    tracked = window.lesson_watcher.progress().steps[1]
    panel = window.modes.workspace.data_panel
    qtbot.mouseClick(panel.digits_button, LEFT)  # not the iris: does not count
    assert tracked.position == 0
    qtbot.mouseClick(panel.iris_button, LEFT)
    assert tracked.position == 1


def test_hyperparameters_of_a_class_preset_leave_regression_alone(make_window, qtbot) -> None:
    window = make_window()
    regression = window.session.hyper
    _load(qtbot, window, "stable_softmax")
    assert window.session.hyper == regression
    assert window.modes.workspace.session.hyper == Hyperparameters(
        lr=0.1, batch_size=10, num_epochs=10, init="normal", shuffle=True, seed=42)


def _custom(*steps: list[dict]):
    """Lesson 17 with other steps (as many as it has: the Lesson tab lists its own)."""
    raw = _raw()
    raw["try"] = [{"en": "Try.", "zh_CN": "试试。", "done_when": list(s)} for s in steps]
    return _parse(raw)


def test_the_facts_are_the_shown_halfs(make_window, qtbot) -> None:
    window = make_window()
    _load(qtbot, window, "cross_entropy")
    facts = window.lesson_watcher.facts()
    t = window.modes.workspace.session.trainer
    assert (facts.mode, facts.loss, facts.classes) == ("classification", t.loss(), 3)
    perform(qtbot, window, ls.condition({"mode": "regression"}))
    facts = window.lesson_watcher.facts()
    assert (facts.mode, facts.loss) == ("regression", window.session.trainer.loss())
    assert math.isnan(facts.accuracy) and facts.classes == 0


def test_mode_stable_generate_and_clicks_on_the_plane_tick_steps(make_window, qtbot) -> None:
    window = make_window()
    lesson = _custom([{"mode": "classification"}, {"stable": False}],
                     [{"pressed": "generate"}, {"pressed": "add_point", "times": 2}],
                     [{"pressed": "reset"}])
    window.lesson_watcher.start(lesson)  # watched while the regression half is shown
    first, second, _ = window.lesson_watcher.progress().steps
    assert first.position == 0
    for condition in lesson.steps[0].done_when:  # the toolbar button, the check box
        perform(qtbot, window, condition)
    qtbot.waitUntil(lambda: first.done, timeout=2000)
    assert not window.modes.workspace.session.stable
    session = window.modes.workspace.session
    perform(qtbot, window, lesson.steps[1].done_when[0])  # Generate clusters
    assert second.position == 1
    n = session.dataset.n_examples
    perform(qtbot, window, lesson.steps[1].done_when[1])  # two clicks on the class plane
    assert second.done and session.dataset.n_examples == n + 2


def test_steps_are_plain_text(lessons) -> None:
    """The steps list shows its texts as they are: a tag there would be read as "<b>"."""
    tagged = [f"{lesson.id}: {text[:40]}" for lesson in lessons for step in lesson.steps
              for text in (step.en, step.zh_CN) if re.search(r"</?[A-Za-z]+>", text)]
    assert not tagged


def test_the_loss_plot_draws_a_run_the_naive_softmax_stopped(by_id, class_session, qtbot) -> None:
    """Lesson 21's overflow leaves a NaN loss: the plot's "now" marker skips it (an all-NaN
    scatter warned on every paint)."""
    from linreg_lab.gui.plots.class_loss_plot import ClassLossPlot

    s = class_session
    apply_class_lesson(s, by_id["stable_softmax"])
    plot = ClassLossPlot(s)
    qtbot.addWidget(plot)
    s.set_stable(False)
    s.set_hyperparameters(lr=100.0)
    s.step(20)
    assert s.trainer.diverged and math.isnan(s.trainer.loss())
    plot.grab()  # warnings are errors in the tests
    x, _y = plot.loss_now.getData()
    assert x is None or len(x) == 0
