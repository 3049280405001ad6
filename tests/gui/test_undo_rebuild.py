"""Undo and redo back to data start a new run without rebuilding what a run on them built
(the trainer's table and statistics), and the run is bit for bit the one a fresh trainer makes."""

from __future__ import annotations

import numpy as np

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session


def _fresh_like(session: Session, w0: np.ndarray, b0: float) -> core.SGDTrainer:
    """The trainer the Session's settings make on its data, built from scratch."""
    train, val, h = session.data.train_set, session.data.val_set, session.hyper
    return core.SGDTrainer(train.X, train.y, lr=h.lr, batch_size=h.batch_size,
                           shuffle=h.shuffle, seed=h.seed, w0=w0, b0=b0, loss=h.loss,
                           huber_delta=h.huber_delta, update=h.update, X_val=val.X, y_val=val.y)


def fresh_limit(session: Session) -> float:
    """The minibatch stability limit of batch 10, computed afresh from the data."""
    return _fresh_like(session, np.zeros(1), 0.0).stability_limit(10)


def test_redo_reuses_the_table_and_runs_as_a_fresh_trainer():
    s = Session()
    s.generate(GenerationSpec(num_examples=5_000, seed=9))
    first = s.trainer
    s.learning_rate_check()  # the banner asks it after every data change
    s.step(40)
    s.undo_stack.undo()
    s.step(7)  # training on the old data moves the start of the next run
    start_w, start_b = s.trainer.w.copy(), s.trainer.b
    s.undo_stack.redo()
    again = s.trainer
    assert again is not first and again.steps == 0
    assert again.table is first.table  # shared, not built again
    assert again.stats is first.stats and again.val_stats is first.val_stats
    assert again.stability_limits is first.stability_limits  # asked by the banner's check
    assert again.stability_limit(10) == fresh_limit(s)
    fresh = _fresh_like(s, start_w, start_b)
    assert again.loss() == fresh.loss()
    s.step(123)
    fresh.step(123)
    np.testing.assert_array_equal(again.w, fresh.w)
    assert again.b == fresh.b and again.loss() == fresh.loss()
    assert again.val_loss() == fresh.val_loss()


def test_the_shared_table_counts_against_the_undo_memory():
    s = Session()
    s.generate(GenerationSpec(num_examples=5_000, seed=9))
    data = s.data
    assert "table" not in data.trainer_parts  # no step yet: not built
    s.step(1)  # the first step builds it, and the data keep it for the next run on them
    table = s.trainer.table
    assert data.trainer_parts["table"] is table
    without = data.nbytes() - table.nbytes
    assert without > 0 and data.nbytes() == without + table.nbytes


def test_standardised_training_builds_its_own_data():
    s = Session()
    s.set_hyperparameters(standardize=True)
    s.generate(GenerationSpec(num_examples=500, seed=2))
    s.undo_stack.undo()
    s.undo_stack.redo()
    assert s.trainer.steps == 0 and s.dataset.n_examples == 500


def test_a_standardised_run_never_lends_its_table_to_the_raw_data():
    """The standardised trainer's table holds standardised features: a plain trainer on the
    same data built after it must build its own [X, 1, −y] from the raw ones."""
    s = Session()
    s.generate(GenerationSpec(w=(3.0,), b=1.0, x_range=(90.0, 110.0), num_examples=300, seed=4))
    s.set_hyperparameters(standardize=True)
    s.step(5)
    s.set_hyperparameters(standardize=False)
    s.step(1)
    train = s.data.train_set
    raw = np.column_stack([train.X, np.ones(train.n_examples), -train.y])
    np.testing.assert_array_equal(s.trainer.table, raw)
