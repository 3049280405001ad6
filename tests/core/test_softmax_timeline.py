"""Rewind for softmax regression: core.timeline serves SoftmaxTrainer as it serves SGDTrainer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab.core.class_data import gaussian_clusters
from linreg_lab.core.softmax_trainer import SoftmaxSettings, SoftmaxTrainer
from linreg_lab.core.timeline import Timeline


def _data(n: int = 23, k: int = 3, seed: int = 0):
    ds = gaussian_clusters(k, n, spread=1.5, seed=seed)
    return ds.X, ds.labels, k


def _trainer(**kw) -> SoftmaxTrainer:
    X, y, k = _data()
    return SoftmaxTrainer(X, y, num_classes=k, lr=0.2, batch_size=kw.pop("batch_size", 5),
                          seed=3, X_val=X[:4], labels_val=y[:4], **kw)


# changes made at some steps: (step, attribute, value)
CHANGES = [(7, "lr", 0.05), (13, "batch_size", 4), (30, "shuffle", False),
           (41, "stable", False), (50, "stable", True), (55, "batch_size", 7)]


def _same(a: SoftmaxTrainer, b: SoftmaxTrainer) -> None:
    assert a.steps == b.steps and a.epoch == b.epoch
    assert a.W.tobytes() == b.W.tobytes() and a.b.tobytes() == b.b.tobytes()
    assert a.history.step_loss.tobytes() == b.history.step_loss.tobytes()
    assert a.history.epoch_val_accuracy.tobytes() == b.history.epoch_val_accuracy.tobytes()


def test_settings_are_a_value_that_applies_back():
    t = _trainer()
    t.apply_settings(SoftmaxSettings(lr=0.5, batch_size=2, shuffle=False, stable=False))
    assert t.settings() == SoftmaxSettings(0.5, 2, False, False)
    assert (t.lr, t.batch_size, t.shuffle, t.stable) == (0.5, 2, False, False)


def test_a_checkpoint_is_taken_only_between_epochs():
    t = _trainer()
    t.step(2)  # 23 examples, batch 5: mid-epoch
    assert not t.at_epoch_boundary
    with pytest.raises(ValueError, match="between epochs"):
        t.checkpoint()
    t.run_epoch()
    assert t.at_epoch_boundary and t.checkpoint().theta.shape == (3, 3)


def test_a_fork_repeats_the_run_from_its_checkpoint_bit_for_bit():
    t = _trainer()
    t.step(10)  # ends epoch 2 (5 batches an epoch)
    at = t.checkpoint()
    t.step(37)
    fork = t.fork(at)
    assert fork.steps == 10 and fork.last_batch is None
    fork.step(37)
    _same(fork, t)
    np.testing.assert_array_equal(fork.last_batch, t.last_batch)
    fork.step(5)  # its own buffers and generator: the head does not move
    assert t.steps == 47


def test_every_past_step_is_shown_exactly_with_changes_on_the_way():
    trainer = _trainer()
    timeline = Timeline(trainer, max_checkpoints=4)
    record = {0: (trainer.W, trainer.b, None)}
    while trainer.steps < 80:
        for step, name, value in CHANGES:
            if step == trainer.steps:
                setattr(timeline.head, name, value)
                timeline.settings_changed()
        timeline.step(1)
        record[trainer.steps] = (trainer.W, trainer.b, trainer.last_batch)
    for t in [0, 1, 6, 7, 8, 13, 29, 41, 42, 50, 55, 70, 79, 80, 33, 3]:
        timeline.show(t)
        W, b, batch = record[t]
        assert timeline.shown.steps == t
        assert timeline.shown.W.tobytes() == W.tobytes()
        assert timeline.shown.b.tobytes() == b.tobytes()
        if batch is not None:
            np.testing.assert_array_equal(timeline.shown.last_batch, batch)
    assert len(timeline._checkpoints) <= 4


def test_stepping_on_after_a_rewind_repeats_the_run_and_returns_to_the_head():
    trainer = _trainer()
    timeline = Timeline(trainer, max_checkpoints=5)
    timeline.step(90)
    reference = _trainer()
    reference.step(70)
    timeline.show(20)
    assert timeline.rewound and timeline.shown.history.step_loss.size == 20
    assert timeline.step(50) == 50
    _same(timeline.shown, reference)
    assert timeline.step(30) == 30  # 20 replayed, then 10 new steps on the head
    assert not timeline.rewound and timeline.shown is trainer and trainer.steps == 100
    reference.step(30)
    _same(trainer, reference)


def test_the_naive_formula_diverges_and_the_run_rewinds_to_before():
    X, y, k = _data()
    trainer = SoftmaxTrainer(X * 1e3, y, num_classes=k, lr=50.0, batch_size=23, seed=1,
                             stable=False)
    timeline = Timeline(trainer)
    timeline.step(1000)
    assert trainer.diverged and trainer.steps == 1  # the second step's exp overflowed
    timeline.show(0)
    assert not timeline.shown.diverged and timeline.shown.steps == 0
    assert timeline.step(1000) == 1
    assert timeline.shown is trainer  # caught up with the head, which stays diverged


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 30), batch=st.integers(1, 12), shuffle=st.booleans(),
       total=st.integers(0, 120), data=st.data())
def test_any_step_of_any_run_matches_a_plain_run(n, batch, shuffle, total, data):
    X, y, k = _data(n=n, seed=n)
    kw = dict(num_classes=k, lr=0.3, batch_size=batch, shuffle=shuffle, seed=5,
              X_val=X[:2], labels_val=y[:2])
    timeline = Timeline(SoftmaxTrainer(X, y, **kw), max_checkpoints=3)
    timeline.step(total)
    t = data.draw(st.integers(0, total))
    reference = SoftmaxTrainer(X, y, **kw)
    reference.step(t)
    timeline.show(t)
    _same(timeline.shown, reference)
    # and on from there, the replay and a plain run agree step for step
    more = data.draw(st.integers(0, 40))
    timeline.step(more)
    reference.step(more)
    _same(timeline.shown, reference)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 25), batch=st.integers(1, 9), total=st.integers(1, 100),
       data=st.data())
def test_a_change_at_any_step_is_replayed_where_it_was_made(n, batch, total, data):
    X, y, k = _data(n=n, seed=n)
    kw = dict(num_classes=k, lr=0.3, batch_size=batch, seed=9)
    at = data.draw(st.integers(0, total))
    change = data.draw(st.sampled_from([("batch_size", 3), ("lr", 0.05), ("shuffle", False),
                                        ("stable", False)]))
    trainer = SoftmaxTrainer(X, y, **kw)
    timeline = Timeline(trainer, max_checkpoints=3)
    timeline.step(at)
    setattr(timeline.head, *change)
    timeline.settings_changed()
    timeline.step(total - at)
    t = data.draw(st.integers(0, total))
    reference = SoftmaxTrainer(X, y, **kw)
    reference.step(min(t, at))
    if t >= at:
        setattr(reference, *change)
        reference.step(t - at)
    timeline.show(t)
    _same(timeline.shown, reference)
