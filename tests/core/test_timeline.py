"""Rewind and replay: every past step shown exactly, stepping on continues bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.standardized import StandardizedTrainer
from linreg_lab.core.timeline import Timeline


def _data(n: int = 23, d: int = 2, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, X @ np.arange(1.0, d + 1) + 0.5 + rng.normal(0, 0.1, n)


def _trainer(cls=SGDTrainer, **kw):
    X, y = _data()
    return cls(X, y, lr=0.05, batch_size=kw.pop("batch_size", 5), seed=3,
               X_val=X[:4], y_val=y[:4], **kw)


# changes made at some steps: (step, attribute, value)
CHANGES = [(7, "lr", 0.02), (13, "batch_size", 4), (30, "shuffle", False),
           (41, "loss_name", "huber"), (41, "huber_delta", 0.5), (55, "batch_size", 7)]


def _run(trainer, timeline, total, record):
    """Step to `total` one step at a time through the timeline, making CHANGES on the way;
    record[t] = (w, b, last batch) after step t."""
    record[trainer.steps] = (trainer.w.copy(), trainer.b, None)
    while trainer.steps < total:
        for step, name, value in CHANGES:
            if step == trainer.steps:
                setattr(timeline.head, name, value)
                timeline.settings_changed()
        timeline.step(1)
        record[trainer.steps] = (trainer.w.copy(), trainer.b, timeline.shown.last_batch.copy())


@pytest.mark.parametrize("cls", [SGDTrainer, StandardizedTrainer])
def test_every_past_step_is_shown_exactly(cls):
    trainer = _trainer(cls)
    timeline = Timeline(trainer, max_checkpoints=4)
    record: dict = {}
    _run(trainer, timeline, 80, record)
    for t in [0, 1, 6, 7, 8, 13, 29, 41, 42, 55, 70, 79, 80, 33, 3]:
        timeline.show(t)
        shown = timeline.shown
        w, b, batch = record[t]
        assert shown.steps == t
        np.testing.assert_array_equal(shown.w, w)
        assert shown.b == b
        if batch is not None:
            np.testing.assert_array_equal(shown.last_batch, batch)
    assert len(timeline._checkpoints) <= 4


def test_stepping_on_from_the_past_repeats_the_run_and_returns_to_the_head():
    trainer = _trainer()
    timeline = Timeline(trainer, max_checkpoints=5)
    record: dict = {}
    _run(trainer, timeline, 90, record)
    head_history = trainer.history.step_loss.copy()
    timeline.show(20)
    assert timeline.rewound and timeline.shown.history.step_loss.size == 20
    assert timeline.step(50) == 50
    np.testing.assert_array_equal(timeline.shown.w, record[70][0])
    assert timeline.step(30) == 30  # 20 more replayed, then 10 new steps on the head
    assert not timeline.rewound and timeline.shown is trainer and trainer.steps == 100
    np.testing.assert_array_equal(trainer.history.step_loss[:90], head_history)


def test_a_change_made_in_the_past_continues_from_there():
    trainer = _trainer()
    timeline = Timeline(trainer)
    timeline.step(60)
    timeline.show(25)
    w25 = timeline.shown.w.copy()
    assert timeline.rewound and timeline.latest == 60  # the old run stands until a change
    timeline.shown.lr = 0.001
    timeline.settings_changed()
    assert not timeline.rewound and timeline.latest == 25
    np.testing.assert_array_equal(timeline.head.w, w25)
    timeline.step(5)
    assert timeline.head.steps == 30 and timeline.head.lr == 0.001


def test_a_long_run_keeps_few_checkpoints_and_any_step_costs_one_interval():
    X, y = _data(n=40, d=1)
    trainer = SGDTrainer(X, y, lr=0.01, batch_size=4, seed=1)
    timeline = Timeline(trainer, max_checkpoints=16)
    timeline.step(200_000)
    checkpoints = timeline._checkpoints
    assert len(checkpoints) <= 16
    gaps = np.diff([c.steps for c in checkpoints])
    assert gaps.max() <= 2 * 200_000 / 16 + 10
    reference = SGDTrainer(X, y, lr=0.01, batch_size=4, seed=1)
    reference.step(123_457)
    timeline.show(123_457)
    np.testing.assert_array_equal(timeline.shown.w, reference.w)
    assert timeline.shown.b == reference.b


def test_a_run_reopened_mid_epoch_rewinds_to_its_first_epoch_end():
    trainer = _trainer()
    trainer.step(7)  # 23 examples, batch 5: mid-epoch
    again = SGDTrainer.from_state(*_data(), trainer.state())
    timeline = Timeline(again)
    assert timeline.earliest == 7  # nothing before its first boundary
    timeline.step(20)
    assert timeline.earliest == 10  # the end of the epoch it was in
    timeline.show(0)
    assert timeline.shown.steps == 10


def test_a_diverged_run_can_be_rewound_to_before_it_diverged():
    X, y = _data()
    trainer = SGDTrainer(X, y, lr=5.0, batch_size=23, seed=1)
    timeline = Timeline(trainer)
    timeline.step(10_000)
    assert trainer.diverged
    timeline.show(3)
    assert not timeline.shown.diverged and np.isfinite(timeline.shown.loss())
    timeline.step(10_000)
    assert timeline.shown is trainer  # caught up with the head, which stays diverged


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 30), batch=st.integers(1, 12), shuffle=st.booleans(),
       total=st.integers(0, 120), data=st.data())
def test_any_step_of_any_run_matches_a_plain_run(n, batch, shuffle, total, data):
    X, y = _data(n=n, d=1, seed=n)
    kw = dict(lr=0.01, batch_size=batch, shuffle=shuffle, seed=5)
    timeline = Timeline(SGDTrainer(X, y, **kw), max_checkpoints=3)
    timeline.step(total)
    t = data.draw(st.integers(0, total))
    reference = SGDTrainer(X, y, **kw)
    reference.step(t)
    timeline.show(t)
    np.testing.assert_array_equal(timeline.shown.w, reference.w)
    assert timeline.shown.b == reference.b
    assert timeline.shown.history.step_loss.tobytes() == reference.history.step_loss.tobytes()


def test_a_rewound_run_keeps_the_step_of_each_epoch_end_it_shows():
    """The epoch points of a rewound loss curve stand at their steps (they read 0 before)."""
    head = _trainer(batch_size=4)
    timeline = Timeline(head)
    timeline.step(60)
    full = head.history.epoch_step
    timeline.show(33)
    shown = timeline.shown.history.epoch_step
    assert shown.size == timeline.shown.epoch and shown.size > 1
    np.testing.assert_array_equal(shown, full[: shown.size])
