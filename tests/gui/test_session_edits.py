"""Edits of one point on large data cost O(d²): the Session updates its statistics and the
analytical solution from the current ones, then rebuilds them exactly once editing pauses.
The two agree to rounding, the exact one is the core's least squares bit for bit, and undo
brings the previous data back exactly."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import EXACT_ENTRIES, SETTLE_MS, RefusedChange, Session

N = 4_000  # n·(d + 1) above EXACT_ENTRIES: edits take the O(d²) path


@pytest.fixture
def session(qapp):
    assert N * 2 > EXACT_ENTRIES
    spec = GenerationSpec(num_examples=N, val_fraction=0.2, seed=3)
    s = Session(DataState.generated(spec, 3), Hyperparameters(seed=3))
    yield s
    s.deleteLater()


def _exact(s: Session) -> core.LstsqSolution:
    train = s.data.train_set
    return core.least_squares(train.X, train.y)


def _assert_close(s: Session, rel: float = 1e-9) -> None:
    exact = _exact(s)
    np.testing.assert_allclose(s.solution.lstsq.w, exact.w, rtol=rel)
    assert s.solution.lstsq.b == pytest.approx(exact.b, rel=rel)
    train = s.data.train_set
    direct = core.squared_loss(train.X @ exact.w + exact.b, train.y).mean()
    assert s.solution.train_loss == pytest.approx(direct, rel=rel)


def _assert_settled_exactly(s: Session) -> None:
    s.settle()
    assert s.settled
    exact = _exact(s)
    np.testing.assert_array_equal(s.solution.lstsq.w, exact.w)
    assert s.solution.lstsq.b == exact.b
    train = s.data.train_set
    rebuilt = core.SufficientStats.from_data(train.X, train.y, anchor_w=exact.w,
                                             anchor_b=exact.b)
    assert s.stats.loss(exact.w, exact.b) == rebuilt.loss(exact.w, exact.b)
    assert s.trainer.stats is s.stats


def _train_row(s: Session) -> int:
    return int(s.data.train_rows[5])


def test_a_drag_updates_the_solution_to_rounding_and_settles_to_the_exact_one(session):
    row = _train_row(session)
    x0, y0 = float(session.dataset.X[row, 0]), float(session.dataset.y[row])
    for i in range(1, 40):
        session.move_example(row, x0 + 0.5 * i, y0 - 2.0 * i, continuing=i > 1)
        assert not session.settled
    assert session.dataset.X[row, 0] == x0 + 0.5 * 39
    _assert_close(session)
    _assert_settled_exactly(session)
    assert session.undo_stack.count() == 1  # one drag, one undo step


def test_adding_and_deleting_points_agree_with_the_exact_rebuild(session):
    session.add_example(50.0, -30.0)
    _assert_close(session)
    assert session.dataset.n_examples == N + 1
    session.remove_examples([_train_row(session)])
    _assert_close(session)
    val_row = int(session.data.val_rows[0])
    before_val = session.val_stats.n
    session.remove_examples([val_row])
    assert session.val_stats.n == before_val - 1
    val = session.data.val_set
    exact = _exact(session)
    direct = core.squared_loss(val.X @ exact.w + exact.b, val.y).mean()
    assert session.solution.val_loss == pytest.approx(direct, rel=1e-9)
    _assert_settled_exactly(session)


def test_a_moved_validation_point_changes_only_the_validation_statistics(session):
    row = int(session.data.val_rows[2])
    before = session.solution.lstsq.w.copy()
    session.move_example(row, 9.0, 9.0)
    np.testing.assert_array_equal(session.solution.lstsq.w, before)
    val = session.data.val_set
    w, b = session.solution.lstsq.w, session.solution.lstsq.b
    direct = core.squared_loss(val.X @ w + b, val.y).mean()
    assert session.solution.val_loss == pytest.approx(direct, rel=1e-9)


def test_undo_after_an_edit_is_exact(session):
    original_X, original_sol = session.dataset.X.copy(), session.solution.lstsq
    session.move_example(_train_row(session), 3.0, 3.0)
    session.settle()
    moved_sol = session.solution.lstsq
    session.undo_stack.undo()
    np.testing.assert_array_equal(session.dataset.X, original_X)
    assert session.settled
    np.testing.assert_array_equal(session.solution.lstsq.w, original_sol.w)
    session.undo_stack.redo()
    assert session.settled  # the settled state is remembered for redo
    np.testing.assert_array_equal(session.solution.lstsq.w, moved_sol.w)


def test_the_exact_rebuild_happens_by_itself_when_editing_pauses(session, qtbot):
    session.add_example(1.0, 2.0)
    assert not session.settled
    with qtbot.waitSignal(session.datasetChanged, timeout=SETTLE_MS + 2000):
        pass
    assert session.settled
    np.testing.assert_array_equal(session.solution.lstsq.w, _exact(session).w)


def test_training_goes_on_through_the_rebuild(session):
    session.move_example(_train_row(session), 3.0, 3.0)
    session.step(25)
    w = session.trainer.w
    session.settle()
    assert session.trainer.steps == 25
    np.testing.assert_array_equal(session.trainer.w, w)
    assert session.trainer.loss() == pytest.approx(
        core.squared_loss(session.data.train_set.X @ w + session.trainer.b,
                          session.data.train_set.y).mean(), rel=1e-9)


def test_a_refused_edit_on_large_data_changes_nothing(session):
    before, count = session.data, session.undo_stack.count()
    with pytest.raises(RefusedChange):
        session.move_example(_train_row(session), 1e200, 0.0)
    assert session.data is before and session.undo_stack.count() == count
    assert session.settled


def test_saving_settles_first(session):
    session.add_example(1.0, 2.0)
    assert not session.settled
    snapshot = session.snapshot()
    assert session.settled and snapshot["data"] is session.data


def test_standardised_training_takes_edits_too(session):
    session.set_hyperparameters(standardize=True)
    session.move_example(_train_row(session), 3.0, 3.0)
    session.step(10)
    _assert_close(session)
    session.settle()
    assert session.settled and session.trainer.steps == 10
    np.testing.assert_array_equal(session.solution.lstsq.w, _exact(session).w)


@pytest.mark.parametrize("split", ["train", "val"])
def test_a_moved_example_keeps_the_split_and_its_subsets_equal_a_fresh_gather(session, split):
    data = session.data
    _ = data.train_set, data.val_set  # built, so the move carries them over
    row = int((data.train_rows if split == "train" else data.val_rows)[3])
    moved = data.with_example_moved(row, 7.5, -2.5)
    assert moved.train_set == moved.dataset.subset(np.flatnonzero(~moved.val_mask))
    assert moved.val_set == moved.dataset.subset(np.flatnonzero(moved.val_mask))
    assert moved.dataset.X[row, 0] == 7.5 and data.dataset.X[row, 0] != 7.5


def test_a_drag_updates_the_learning_rate_limits_without_a_pass(session):
    """The limits the banner checks η against follow an edit in O(d³) (a pass over 10⁶
    rows took ~80 ms of a drag's release) and equal the limits of the edited data."""
    from linreg_lab.core.stability import StabilityLimits

    before = session.learning_rate_check()  # computes the limits once
    assert session.trainer.known_stability_limits is not None
    row = _train_row(session)
    session.move_example(row, 3.0, 40.0)
    edited = session.trainer.known_stability_limits
    assert edited is not None and edited.n_examples == session.data.n_train
    rebuilt = StabilityLimits(session.data.train_set.X)
    check = session.learning_rate_check()
    assert check.batch_limit == pytest.approx(
        min(rebuilt.for_batch(session.hyper.batch_size), session.stability_limit()), rel=1e-9)
    assert check.batch_limit != before.batch_limit


def _assert_is_exact(s: Session) -> None:
    exact = _exact(s)
    assert s.settled
    np.testing.assert_array_equal(s.solution.lstsq.w, exact.w)
    assert s.solution.lstsq.b == exact.b and s.trainer.stats is s.stats


def test_the_exact_rebuild_runs_where_the_session_is_told_and_a_stale_one_is_not_taken(
        session, qtbot):
    calls = []
    session.set_background(
        lambda compute, done, kind: kind == "settle" and calls.append((compute, done)))
    row = _train_row(session)
    session.move_example(row, 3.0, 30.0)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=2_000)  # once editing pauses
    session.move_example(row, 4.0, 40.0)  # an edit while the first rebuild "runs"
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2_000)
    (first, first_done), (second, second_done) = calls
    first_done(first())  # the rebuild of data no longer shown: kept, not made current
    assert not session.settled
    second_done(second())
    _assert_is_exact(session)
    session.undo_stack.undo()  # back to the first edit's data: its exact state, kept
    assert session.settled and len(calls) == 2
    np.testing.assert_array_equal(session.solution.lstsq.w, _exact(session).w)


def test_in_the_window_the_exact_rebuild_runs_off_the_gui_thread(make_window, qtbot,
                                                                 monkeypatch):
    import threading

    spec = GenerationSpec(num_examples=N, val_fraction=0.2, seed=3)
    w = make_window(Session(DataState.generated(spec, 3), Hyperparameters(seed=3)))
    s = w.session
    threads = []
    solve = core.least_squares

    def watched(X, y):
        threads.append(threading.current_thread())
        return solve(X, y)

    monkeypatch.setattr(core, "least_squares", watched)
    for i in range(1, 4):  # a drag's moves, then a pause
        s.move_example(_train_row(s), 3.0 + i, 30.0, continuing=i > 1)
    assert not s.settled
    qtbot.waitUntil(lambda: s.settled, timeout=5_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    _assert_is_exact(s)


def test_a_big_tables_table_is_built_where_the_session_is_told_and_runs_bit_for_bit(
        qapp, qtbot, monkeypatch):
    monkeypatch.setattr("linreg_lab.gui.state.session.WARM_ON_WORKER_ENTRIES", 1_000)
    calls = []
    s = Session(DataState.generated(GenerationSpec(num_examples=N, seed=3), 3),
                Hyperparameters(seed=3))
    s.set_background(lambda compute, done, kind: calls.append((kind, compute, done)))
    s.move_example(_train_row(s), 3.0, 30.0)  # new data, a new trainer to warm
    qtbot.waitUntil(lambda: any(kind == "table" for kind, _, _ in calls), timeout=2_000)
    assert s.trainer.known_table is None  # nothing built on the GUI thread
    _, compute, done = next(c for c in calls if c[0] == "table")
    table = compute()
    done(table)
    assert s.trainer.table is table and s.data.trainer_parts["table"] is table
    ref = core.SGDTrainer(s.data.train_set.X, s.data.train_set.y, lr=s.hyper.lr,
                          batch_size=s.hyper.batch_size, seed=s.hyper.seed,
                          w0=s.trainer.w.copy(), b0=s.trainer.b)  # where the edit left it
    s.step(300)
    ref.step(300)
    assert np.array_equal(s.trainer.w, ref.w) and s.trainer.b == ref.b
    s.deleteLater()
