"""The step conditions: what completes a "try this" step, checked without a window (the real
window runs every lesson in test_lesson_walkthrough.py)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from linreg_lab.core.json_schema import schema
from linreg_lab.gui.state import lesson_steps as ls
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.lesson_steps import Condition, Facts, LessonProgress, StepProgress
from linreg_lab.gui.state.lessons import LessonError, apply_lesson, parse_lesson
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.registry import tab_keys


def _step(*raw: dict) -> StepProgress:
    return StepProgress([ls.condition(r) for r in raw])


def test_an_action_counts_only_after_the_conditions_before_it() -> None:
    step = _step({"hyperparameter": "batch_size", "is": 100}, {"pressed": "reset"},
                 {"pressed": "epoch", "times": 2})
    facts = Facts()
    step.press("reset")  # too early: the batch size is still 10
    step.observe(facts)
    assert step.position == 0
    step.observe(replace(facts, hyper=Hyperparameters(batch_size=100)))
    assert step.awaited == Condition("pressed", "reset", 1)
    step.press("epoch")
    assert step.position == 1, "another action does not count for reset"
    step.press("reset")
    step.press("epoch")
    assert not step.done and step.count == 1
    step.press("epoch")
    assert step.done and step.awaited is None


@pytest.mark.parametrize(("raw", "true", "false"), [
    ({"value": "steps", "at_least": 10}, Facts(steps=10), Facts(steps=9)),
    ({"value": "loss", "below": 0.5}, Facts(loss=0.49), Facts(loss=0.5)),
    ({"value": "features", "at_least": 3}, Facts(features=3), Facts(features=2)),
    ({"diverged": True}, Facts(diverged=True), Facts()),
    ({"hyperparameter": "lr", "is": 0.005}, Facts(hyper=Hyperparameters(lr=0.005000000000001)),
     Facts(hyper=Hyperparameters(lr=0.0051))),
    ({"hyperparameter": "init_w", "is": [3, -3]},
     Facts(hyper=Hyperparameters(init_w=(3.0, -3.0))), Facts(hyper=Hyperparameters())),
    ({"data": "w", "is": [2, -3.4, 1.5]}, Facts(spec=GenerationSpec(w=(2.0, -3.4, 1.5))),
     Facts(spec=GenerationSpec(w=(2.0, -3.4)))),
    ({"data": "noise", "is": "outliers"}, Facts(spec=GenerationSpec(noise="outliers")),
     Facts(spec=None)),
    ({"banner": "none"}, Facts(banner="none"), Facts(banner="info")),
    ({"opened": "noise"}, Facts(tab="noise"), Facts(tab="lesson")),
    ({"view": "log_loss"}, Facts(views=frozenset({"log_loss"})), Facts()),
    ({"mode": "classification"}, Facts(mode="classification"), Facts()),
    ({"stable": False}, Facts(stable=False), Facts()),
    ({"value": "accuracy", "at_least": 0.9}, Facts(accuracy=0.9), Facts(accuracy=0.89)),
    ({"value": "val_accuracy", "at_least": 0.5}, Facts(val_accuracy=0.5), Facts()),  # NaN
    ({"value": "loss", "below": 0.5}, Facts(loss=0.1), Facts(loss=float("nan"))),
    ({"value": "w_norm", "at_least": 3}, Facts(w_norm=3.5), Facts(w_norm=2.9)),
    ({"value": "classes", "at_least": 4}, Facts(classes=4), Facts(classes=3)),
])
def test_a_fact_holds_exactly_when_it_says(raw: dict, true: Facts, false: Facts) -> None:
    c = ls.condition(raw)
    assert ls.holds(c, true) and not ls.holds(c, false)


def test_steps_are_tracked_each_on_its_own_and_report_when_one_is_done() -> None:
    progress = LessonProgress("x", [[ls.condition({"pressed": "step", "times": 2})],
                                    [ls.condition({"banner": "warning"})]])
    assert not progress.observe(Facts())
    assert progress.observe(Facts(banner="warning"))
    assert progress.done() == (False, True)
    assert not progress.press("step", Facts())
    assert progress.press("step", Facts())
    assert progress.done() == (True, True)


def test_facts_of_a_real_session(by_id, qapp) -> None:
    session = Session()
    apply_lesson(session, by_id["deep_networks"])
    session.step(3)
    facts = ls.session_facts(session, banner="none", tab="neuron", views=["log_loss"])
    assert (facts.steps, facts.epochs, facts.features, facts.examples) == (3, 0, 2, 200)
    assert facts.spec == by_id["deep_networks"].data and facts.hyper == session.hyper
    assert facts.loss == session.trainer.loss() and facts.views == {"log_loss"}


def test_every_shipped_step_names_what_completes_it(lessons) -> None:
    for lesson in lessons:
        for step in lesson.steps:
            assert step.done_when, f"{lesson.id}: a step without done_when"
            assert any(c.kind != "banner" for c in step.done_when) or lesson.id in (
                "identical_x", "duplicate_feature"), "only reading steps wait for a banner"
            for c in step.done_when:
                assert c.kind != "opened" or c.name in tab_keys(), "opened names a tab"


def test_the_schema_and_the_python_vocabulary_agree() -> None:
    defs = schema("lesson")["$defs"]
    assert tuple(defs["pressed"]["properties"]["pressed"]["enum"]) == ls.ACTIONS
    assert tuple(defs["value"]["properties"]["value"]["enum"]) == ls.VALUES
    assert tuple(defs["view"]["properties"]["view"]["enum"]) == ls.VIEWS
    assert tuple(defs["banner"]["properties"]["banner"]["enum"]) == ls.BANNERS
    assert tuple(defs["hyperparameter"]["properties"]["hyperparameter"]["enum"]) \
        == ls.HYPERPARAMETERS
    assert tuple(defs["data_field"]["properties"]["data"]["enum"]) == ls.DATA_FIELDS
    assert len(defs["condition"]["oneOf"]) == len(ls.KINDS)


@pytest.mark.parametrize(("done_when", "field", "problem"), [
    ([], "try[0].done_when", "at least"),
    ([{"pressed": "jump"}], "try[0].done_when[0].pressed", '"jump"'),
    ([{"pressed": "step", "times": 0}], "try[0].done_when[0].times", "between 1 and 1000"),
    ([{"value": "steps"}], "try[0].done_when[0]", "must be one condition"),
    ([{"opened": "oscilloscope"}], "try[0].done_when[0].opened", "oscilloscope"),
    (None, "try[0].done_when", "missing"),
])
def test_a_broken_condition_is_refused_naming_the_field(lessons, done_when, field,
                                                        problem) -> None:
    from tests.gui.test_lessons import LESSON_DIR, SHIPPED

    raw = json.loads((LESSON_DIR / SHIPPED[0]).read_text(encoding="utf-8"))
    if done_when is None:
        raw["try"][0].pop("done_when")
    else:
        raw["try"][0]["done_when"] = done_when
    with pytest.raises(LessonError) as err:
        parse_lesson(json.dumps(raw), "01.json")
    assert str(err.value).startswith(f"01.json: {field}: ")
    assert problem in str(err.value)
