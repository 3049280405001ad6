"""The classification session's validation split and rewind (no window)."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.gui.state.class_data_state import ClassDataState
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.session import RefusedChange


@pytest.fixture
def session(qapp):
    s = ClassificationSession()
    yield s
    s.deleteLater()


def _same_run(a: core.SoftmaxTrainer, b: core.SoftmaxTrainer) -> None:
    assert a.steps == b.steps
    assert a.W.tobytes() == b.W.tobytes() and a.b.tobytes() == b.b.tobytes()
    assert a.history.step_loss.tobytes() == b.history.step_loss.tobytes()
    assert a.history.epoch_val_loss.tobytes() == b.history.epoch_val_loss.tobytes()


# ----- the split ------------------------------------------------------------------------

def test_generated_and_loaded_data_hold_a_fifth_out_and_the_trainer_reports_on_it(session):
    assert (session.data.n_train, session.data.n_val) == (72, 18)
    assert session.trainer.n_examples == 72
    session.step_epoch()
    val = session.data.val_set
    expected = float((session.trainer.predict(val.X) == val.labels).mean())
    assert session.trainer.history.epoch_val_accuracy[-1] == expected
    assert np.isfinite(session.trainer.history.epoch_val_loss).all()
    session.load_dataset(core.load_iris(), "Iris")
    assert (session.data.n_train, session.data.n_val) == (120, 30)
    session.generate(4, 50, seed=7)
    assert session.data.n_val == 10


def test_the_split_is_seeded_and_the_same_for_the_same_seed(session):
    session.generate(3, 60, seed=5)
    first = session.val_mask.copy()
    session.generate(3, 60, seed=5)
    np.testing.assert_array_equal(session.val_mask, first)
    session.generate(3, 60, seed=6)
    assert not np.array_equal(session.val_mask, first)


def test_hand_made_points_all_train_until_a_share_is_asked_for(session):
    session.clear()
    for i in range(10):
        session.add_example((float(i), 0.0), i % 3)
    assert session.data.val_fraction == 0 and session.data.n_val == 0
    assert session.trainer.val_accuracy() is None
    session.set_validation_fraction(0.3)
    assert (session.data.n_train, session.data.n_val) == (7, 3)
    assert session.trainer.val_accuracy() is not None
    session.add_example((5.0, 5.0), 1)  # added points train
    assert session.val_mask[-1] == False  # noqa: E712 (a numpy bool)
    assert (session.data.n_train, session.data.n_val) == (8, 3)


def test_changing_the_share_is_one_undo_step_and_refused_beyond_half(session):
    before = session.data
    session.set_validation_fraction(0.5)
    assert session.data.n_val == 45
    assert session.undo_stack.undoText() == "Change validation share"
    with pytest.raises(RefusedChange):
        session.set_validation_fraction(0.6)
    assert session.data.n_val == 45
    session.undo_stack.undo()
    assert session.data == before and session.trainer.n_examples == 72


def test_edits_carry_the_split_with_the_points(session):
    mask = session.val_mask.copy()
    val_row = int(np.flatnonzero(mask)[0])
    session.move_example(val_row, (9.0, 9.0))
    session.set_label(val_row, (session.dataset.labels[val_row] + 1) % 3)
    np.testing.assert_array_equal(session.val_mask, mask)
    session.remove_examples([0, val_row])
    np.testing.assert_array_equal(session.val_mask, np.delete(mask, [0, val_row]))


def test_the_last_batch_maps_to_dataset_rows(session):
    session.step(3)
    rows = session.last_batch_rows()
    np.testing.assert_array_equal(session.dataset.X[rows],
                                  session.data.train_set.X[session.trainer.last_batch])
    assert not session.val_mask[rows].any()


def test_the_reference_is_the_optimum_of_the_training_rows(session):
    train = session.data.train_set
    ref = core.softmax_optimum(train.X, train.labels, train.num_classes)
    np.testing.assert_array_equal(session.reference().W, ref.W)


def test_a_state_needs_one_flag_per_example():
    ds = core.gaussian_clusters(3, 9, seed=0)
    with pytest.raises(ValueError, match="9 examples"):
        ClassDataState(ds, np.zeros(8, bool))


# ----- rewind -----------------------------------------------------------------------------

def test_rewind_shows_a_past_step_and_stepping_on_repeats_the_run(session, qtbot):
    session.step(50)
    reference = ClassificationSession()
    reference.step(10)
    W10 = reference.trainer.W
    with qtbot.waitSignal(session.stateChanged, timeout=1000):
        session.rewind_to(10)
    assert session.rewound and session.trainer.steps == 10
    assert session.timeline_range() == (0, 50)
    assert session.trainer.W.tobytes() == W10.tobytes()
    session.step(25)
    reference.step(25)
    _same_run(session.trainer, reference.trainer)
    session.step(40)  # 15 replayed, then 25 new on the head
    assert not session.rewound and session.timeline_range() == (0, 75)
    reference.step(40)
    _same_run(session.trainer, reference.trainer)
    reference.deleteLater()


def test_step_back_and_epoch_steps_go_through_the_timeline(session):
    session.step_epoch()
    session.step_epoch()
    end = session.trainer.steps
    session.step_back(3)
    assert session.trainer.steps == end - 3 and session.rewound
    session.step_epoch()  # to the end of the epoch it is in: the head's own step
    assert session.trainer.steps == end and not session.rewound


def test_a_change_while_rewound_continues_the_run_from_there(session):
    session.step(40)
    session.rewind_to(12)
    session.set_hyperparameters(lr=0.02)
    assert not session.rewound and session.timeline_range()[1] == 12
    session.set_stable(False)
    assert session.trainer.stable is False and session.trainer.lr == 0.02
    session.step(5)
    assert session.trainer.steps == 17


def test_a_data_edit_or_reset_starts_a_new_timeline(session):
    session.step(30)
    W = session.trainer.W
    session.add_example((0.0, 0.0), 0)
    assert session.timeline_range() == (0, 0) and not session.rewound
    assert session.trainer.W.tobytes() == W.tobytes()  # the new run starts where it stood
    session.step(8)
    session.reset()
    assert session.timeline_range() == (0, 0)
