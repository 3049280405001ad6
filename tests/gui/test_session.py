"""The Session and its run loop on their own, with no window: the state logic, fast.

The window's tests drive the same behaviour through real keys and clicks; these pin down
what the Session and RunLoop promise, whatever view sits on top.
"""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.lessons import apply_lesson, load_lessons
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import Session


@pytest.fixture
def session(qapp):
    s = Session()
    yield s
    s.deleteLater()


def _reference(s: Session) -> core.SGDTrainer:
    h = s.hyper
    return core.SGDTrainer(s.data.train_set.X, s.data.train_set.y, lr=h.lr,
                           batch_size=h.batch_size, seed=h.seed)


def test_steps_are_the_core_trainers_bit_for_bit(session):
    ref = _reference(session)
    session.step(37)
    ref.step(37)
    np.testing.assert_array_equal(session.trainer.w, ref.w)
    assert session.trainer.b == ref.b


def test_every_data_edit_is_undone_exactly(session):
    before = session.dataset.X.copy(), session.dataset.y.copy()
    session.add_example(0.5, 9.0)
    session.move_example(0, 1.5, -2.0)
    session.remove_examples([3, 4])
    session.generate(GenerationSpec(w=(1.0, -2.0), num_examples=30, seed=3))
    assert session.dataset.n_features == 2
    for _ in range(4):
        session.undo_stack.undo()
    np.testing.assert_array_equal(session.dataset.X, before[0])
    np.testing.assert_array_equal(session.dataset.y, before[1])


def test_signals_tell_views_what_changed(session, qtbot):
    with qtbot.waitSignals([session.datasetChanged, session.stateChanged], timeout=1000):
        session.add_example(0.1, 1.0)
    with qtbot.waitSignal(session.hyperparametersChanged, timeout=1000):
        session.set_hyperparameters(lr=0.01)
    assert session.trainer.lr == 0.01  # live: no reset needed


def test_a_lesson_preset_is_one_undo_step(session):
    lesson = load_lessons()[0]
    y = session.dataset.y.copy()
    count = session.undo_stack.count()
    apply_lesson(session, lesson)
    assert session.undo_stack.count() == count + 1
    assert session.undo_stack.undoText() == lesson.title.in_language("en")
    assert session.trainer.steps == 0
    session.undo_stack.undo()
    np.testing.assert_array_equal(session.dataset.y, y)


def test_apply_preset_sets_hyperparameters_then_data(session):
    session.apply_preset(Hyperparameters(lr=0.1, batch_size=5, seed=7),
                         GenerationSpec(w=(3.0,), b=-1.0, num_examples=40, seed=7), "preset")
    assert (session.hyper.lr, session.hyper.batch_size) == (0.1, 5)
    assert session.dataset.n_examples == 40
    assert session.undo_stack.undoText() == "preset"


def test_run_loop_stops_after_the_chosen_epochs(session, qtbot):
    session.set_hyperparameters(num_epochs=2)
    loop = RunLoop(session)
    loop.start()
    assert loop.running
    qtbot.waitUntil(lambda: not loop.running, timeout=10_000)
    assert session.trainer.epoch == 2


def test_run_loop_pauses_on_divergence_with_finite_parameters(session, qtbot):
    session.set_hyperparameters(lr=50.0, num_epochs=0)
    assert session.lr_is_unstable()
    loop = RunLoop(session)
    with qtbot.waitSignal(session.diverged, timeout=10_000):
        loop.start()
    qtbot.waitUntil(lambda: not loop.running, timeout=2_000)
    assert np.all(np.isfinite(session.trainer.w)) and np.isfinite(session.trainer.b)
    loop.start()  # a diverged run does not start again until Reset
    assert not loop.running
