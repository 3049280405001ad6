"""The classification state on its own (no window): transactions, undo, training, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.softmax_trainer import REASON_EXP_OVERFLOW
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.session import RefusedChange


@pytest.fixture
def session(qapp):
    s = ClassificationSession()
    yield s
    s.deleteLater()


def test_steps_are_the_core_trainers_bit_for_bit(session):
    h, train, val = session.hyper, session.data.train_set, session.data.val_set
    ref = core.SoftmaxTrainer(train.X, train.labels, num_classes=train.num_classes, lr=h.lr,
                              batch_size=h.batch_size, seed=h.seed, X_val=val.X,
                              labels_val=val.labels)
    session.step(37)
    ref.step(37)
    np.testing.assert_array_equal(session.trainer.W, ref.W)
    np.testing.assert_array_equal(session.trainer.b, ref.b)


def test_every_data_edit_is_undone_and_redone_exactly(session):
    before = session.dataset
    session.add_example((0.5, -1.0), 2)
    session.move_example(0, (9.0, 9.0))
    session.set_label(1, 0 if before.labels[1] else 1)
    session.remove_examples([3, 4])
    session.generate(5, 40, spread=0.5, separable=True, seed=3)
    after = session.dataset
    assert after.num_classes == 5 and after.n_examples == 40
    assert session.undo_stack.count() == 5
    for _ in range(5):
        session.undo_stack.undo()
    assert session.dataset == before
    for _ in range(5):
        session.undo_stack.redo()
    assert session.dataset == after


def test_edits_keep_training_where_it_stands_and_signal_once(session, qtbot):
    session.step(20)
    W = session.trainer.W
    with qtbot.waitSignals([session.datasetChanged, session.stateChanged], timeout=1000):
        session.add_example((0.0, 0.0), 1)
    np.testing.assert_array_equal(session.trainer.W, W)  # same model, one more point
    assert session.dataset.n_examples == 91  # the new point trains
    assert session.trainer.n_examples == session.data.n_train == 73
    session.reset()
    assert not np.array_equal(session.trainer.W, W) and session.trainer.steps == 0


def test_the_moves_of_one_drag_are_one_undo_step(session):
    start = session.dataset.X[5].copy()
    session.move_example(5, (1.0, 1.0))
    for x in (1.5, 2.0, 2.5):
        session.move_example(5, (x, x), continuing=True)
    assert session.undo_stack.count() == 1
    assert session.dataset.X[5].tolist() == [2.5, 2.5]
    session.undo_stack.undo()
    np.testing.assert_array_equal(session.dataset.X[5], start)


@pytest.mark.parametrize("edit", [
    lambda s: s.add_example((np.nan, 0.0), 0),
    lambda s: s.add_example((0.0, 0.0), 7),
    lambda s: s.add_example((0.0,), 0),
    lambda s: s.move_example(500, (0.0, 0.0)),
    lambda s: s.remove_examples([-1]),
    lambda s: s.generate(9, 30),
    lambda s: s.set_hyperparameters(lr=0.0),
])
def test_a_refused_change_says_why_and_changes_nothing(session, qtbot, edit):
    before, hyper, steps = session.dataset, session.hyper, session.undo_stack.count()
    with (qtbot.assertNotEmitted(session.datasetChanged),
          qtbot.assertNotEmitted(session.hyperparametersChanged),
          pytest.raises(RefusedChange) as refused):
        edit(session)
    assert str(refused.value)
    assert session.dataset == before and session.hyper == hyper
    assert session.undo_stack.count() == steps


def test_hyperparameters_act_at_once_without_a_reset(session):
    session.step(5)
    session.set_hyperparameters(lr=0.5, batch_size=3)
    assert session.trainer.lr == 0.5 and session.trainer.batch_size == 3
    assert session.trainer.steps == 5


def test_the_naive_formula_on_large_logits_is_announced_as_diverged(session, qtbot):
    session.load_dataset(core.ClassDataset([[500.0, 0.0], [-500.0, 0.0]], [0, 1],
                                           ("a", "b")), "Load")
    session.set_hyperparameters(lr=10.0, batch_size=2, shuffle=False)
    session.step(1)  # the weights grow until the logits pass exp's range
    session.set_stable(False)
    with qtbot.waitSignal(session.diverged, timeout=1000) as blocker:
        session.step(50)
    assert blocker.args == [REASON_EXP_OVERFLOW]
    session.set_stable(True)
    session.reset()
    session.step(50)
    assert not session.trainer.diverged


def test_the_reference_is_computed_once_per_data_set(session):
    ref = session.reference()
    assert ref is session.reference() and not ref.at_infinity and ref.grad_max < 1e-8
    session.generate(3, 60, spread=0.5, separable=True)
    assert session.reference().at_infinity
    session.clear()
    assert session.dataset.n_examples == 0 and session.reference() is None
    assert session.step(10) == 0
