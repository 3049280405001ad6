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
from linreg_lab.gui.state.session import RefusedChange, Session


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


def test_a_short_epoch_is_stepped_at_once(session):
    loop = RunLoop(session)
    loop.step_epoch()  # the default data: 8 steps an epoch
    assert session.trainer.epoch == 1 and session.trainer.epoch_position == 0
    assert not loop.running


def test_a_long_epoch_runs_in_frames_at_full_speed_and_stops_at_its_end(session, qtbot,
                                                                        monkeypatch):
    monkeypatch.setattr("linreg_lab.gui.state.run_loop.LONG_EPOCH_STEPS", 4)
    session.step(3)  # mid-epoch: the rest of this epoch, as a short Epoch does
    loop = RunLoop(session)
    loop.set_steps_per_second(0.5)  # a teaching speed would take 10 s for these 5 steps
    loop.step_epoch()
    assert loop.running and session.trainer.epoch == 0  # nothing in the button's own turn
    qtbot.waitUntil(lambda: not loop.running, timeout=5_000)
    assert (session.trainer.epoch, session.trainer.epoch_position) == (1, 0)
    assert session.trainer.steps == 8
    assert loop.steps_per_second == 0.5  # Run keeps the chosen speed


def test_pause_stops_a_long_epoch_where_it_stands(qapp, qtbot, monkeypatch):
    monkeypatch.setattr("linreg_lab.gui.state.run_loop.LONG_EPOCH_STEPS", 10)
    s = Session()
    s.generate(GenerationSpec(num_examples=20_000, seed=3))  # 1,600 steps an epoch
    loop = RunLoop(s)
    s.stateChanged.connect(loop.pause)  # Pause pressed as the first frame is drawn
    loop.step_epoch()
    qtbot.waitUntil(lambda: not loop.running, timeout=5_000)
    steps = s.trainer.steps
    qtbot.wait(50)
    assert 0 < steps < 1_600 and s.trainer.steps == steps and s.trainer.epoch == 0
    s.stateChanged.disconnect(loop.pause)
    s.deleteLater()


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


def _state(s: Session) -> tuple:
    return (s.dataset.X.copy(), s.dataset.y.copy(), s.trainer.w.copy(), s.trainer.b,
            s.trainer.steps, s.hyper, s.undo_stack.count(), s.dataset.n_examples)


def _same(a: tuple, b: tuple) -> bool:
    return (np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
            and np.array_equal(a[2], b[2]) and a[3:] == b[3:])


@pytest.mark.parametrize("edit", [
    lambda s: s.add_example(1e300, 1.0),
    lambda s: s.add_example(0.5, -1e300),
    lambda s: s.move_example(0, 1e300, 1.0),
    lambda s: s.generate(GenerationSpec(w=(1e308,))),
    lambda s: s.generate(GenerationSpec(x_range=(-1e300, 1e300))),
    lambda s: s.load_dataset(core.Dataset(np.full((3, 1), 1.7e308), np.ones(3)), "huge"),
    lambda s: s.load_dataset(core.Dataset(np.ones((4, 3000)), np.ones(4)), "wide"),
    lambda s: s.set_hyperparameters(huber_delta=-1.0),
    lambda s: s.set_hyperparameters(huber_delta=0.0),
    lambda s: s.set_hyperparameters(huber_delta=float("nan")),
    lambda s: s.set_hyperparameters(init_w=(float("nan"),)),
    lambda s: s.set_hyperparameters(lr=1e6),
    lambda s: s.set_hyperparameters(batch_size=10**30),
    lambda s: s.set_hyperparameters(num_epochs=10**12),
    lambda s: s.set_hyperparameters(seed=2**63),
    lambda s: s.set_hyperparameters(seed=-1),
    lambda s: s.move_example(s.dataset.n_examples, 0.0, 0.0),  # a stale view's row
    lambda s: s.move_example(-1, 0.0, 0.0),
    lambda s: s.remove_examples([s.dataset.n_examples]),
    lambda s: s.remove_examples([0.5]),
    lambda s: s.add_example(np.ones(3), 1.0),  # three features for a one-feature dataset
])
def test_a_refused_change_changes_nothing_and_says_why(session, edit):
    session.step(7)
    before = _state(session)
    with pytest.raises(RefusedChange) as refused:
        edit(session)
    assert str(refused.value)  # a message for the learner
    assert _same(_state(session), before)
    session.add_example(0.25, 1.0)  # and the session still works: edits, undo, reset
    session.undo_stack.undo()
    session.reset()
    np.testing.assert_array_equal(session.dataset.y, before[1])


def test_a_refused_point_in_the_window_shows_why(make_window):
    window = make_window()
    n = window.session.dataset.n_examples
    window.fit_plot.exampleAddRequested.emit(1e300, 1.0)
    assert window.session.dataset.n_examples == n
    assert window.banner.kind() == "error" and "1e+300" in window.banner.text()


def test_parameters_absurd_for_new_data_start_afresh(session):
    session.set_hyperparameters(init="point", init_w=(1e60,))
    session.reset()
    session.set_hyperparameters(init="normal")  # applies at the next reset
    assert session.trainer.w[0] == 1e60 and not session.trainer.diverged
    # at x = 1e100 the loss of w = 1e60 overflows: training starts from the initialisation
    session.load_dataset(core.Dataset(np.linspace(-1e100, 1e100, 9)[:, None], np.ones(9)),
                         "huge x")
    assert not session.trainer.diverged and abs(session.trainer.w[0]) < 1
    assert np.isfinite(session.trainer.loss())


def test_a_trainer_that_starts_diverged_says_so(session, qtbot):
    session.load_dataset(core.Dataset(np.linspace(-1e100, 1e100, 9)[:, None], np.ones(9)),
                         "huge x")
    session.set_hyperparameters(init="point", init_w=(1e99,))
    with qtbot.waitSignal(session.diverged, timeout=1000):
        session.reset()  # w = 1e99 at x = 1e100: the loss overflows before any step
    assert session.trainer.diverged and session.step(5) == 0


def test_a_loss_choice_that_overflows_where_training_stands_says_so(session, qtbot):
    session.load_dataset(core.Dataset(np.array([[1e100], [-1e100]]), np.array([0.0, 1.0])),
                         "huge x")
    session.set_hyperparameters(init="point", init_w=(1e100,), loss="absolute")
    session.reset()
    assert not session.trainer.diverged  # |r| = 1e200: the absolute loss is finite
    with qtbot.waitSignal(session.diverged, timeout=1000):
        session.set_hyperparameters(loss="squared")  # r² overflows
    assert session.trainer.diverged


def test_rewind_shows_an_earlier_step_exactly_and_stepping_on_repeats_the_run(session):
    ref = _reference(session)
    session.step(40)
    session.set_hyperparameters(lr=0.01)  # a change mid-run, replayed at its step
    session.step(60)
    ref.step(40)
    ref.lr = 0.01
    ref.step(30)
    session.rewind_to(70)
    assert session.rewound and session.trainer.steps == 70
    np.testing.assert_array_equal(session.trainer.w, ref.w)
    session.step(30)
    assert not session.rewound and session.trainer.steps == 100
    assert session.timeline_range() == (0, 100)


def test_step_back_and_a_change_there_continue_from_that_step(session):
    session.step(50)
    session.step_back(5)
    w45 = session.trainer.w.copy()
    session.set_hyperparameters(batch_size=3)
    assert not session.rewound and session.timeline_range()[1] == 45
    np.testing.assert_array_equal(session.trainer.w, w45)
    session.step(1)
    assert session.trainer.steps == 46 and session.trainer.batch_size == 3


def test_rewinding_keeps_the_data_and_the_run_after_a_reset_starts_afresh(session):
    session.step(30)
    session.rewind_to(10)
    session.reset()
    assert session.timeline_range() == (0, 0) and session.trainer.steps == 0


def test_run_loop_gives_sgd_what_painting_leaves_of_a_frame(session, qtbot):
    """A redraw costlier than a frame leaves SGD its minimum share of the drawing's time."""
    import time

    from linreg_lab.gui.state.run_loop import FRAME_S, MIN_BUDGET_S, MIN_SHARE

    session.set_hyperparameters(num_epochs=0)
    loop = RunLoop(session)

    def costly_view() -> None:  # a view whose redraw takes a frame and a half
        time.sleep(1.5 * FRAME_S)

    session.stateChanged.connect(costly_view)
    loop.start()
    qtbot.waitUntil(lambda: loop.frame_cost > FRAME_S, timeout=10_000)
    qtbot.wait(200)
    assert loop.compute_budget < FRAME_S  # drawing has the frame
    assert loop.compute_budget == pytest.approx(max(MIN_BUDGET_S, MIN_SHARE * loop.frame_cost))
    session.stateChanged.disconnect(costly_view)
    loop.pause()
    assert session.trainer.steps > 0


def test_drawing_after_the_redraw_turn_counts_as_the_frames_cost(session, qtbot):
    """The paints a redraw causes run after its turn, in the gap before the next compute
    turn: their time is the frame's cost, and SGD's budget leaves it to them."""
    import time

    from PySide6.QtCore import QTimer

    from linreg_lab.gui.state.run_loop import FRAME_S

    session.set_hyperparameters(num_epochs=0)
    loop = RunLoop(session)

    def paint_later() -> None:  # like a repaint: queued by the redraw, run after its turn
        QTimer.singleShot(0, lambda: time.sleep(0.008))

    session.stateChanged.connect(paint_later)
    loop.start()
    qtbot.wait(400)
    loop.pause()
    session.stateChanged.disconnect(paint_later)
    assert loop.frame_cost >= 0.007
    assert loop.compute_budget <= FRAME_S - 0.006
