"""A run in the training process (core.run_process) is the run the window would have made.

Each test uses a real worker process: the state after a run there, followed frame by frame
and stopped, must equal stepping the same steps here, bit for bit, and go on equal.
"""

from __future__ import annotations

import os
import signal
import time

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.run_process import TrainingProcess
from linreg_lab.core.timeline import Timeline


def _data(n: int, d: int = 2, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = X @ np.arange(1.0, d + 1) + 4.2 + rng.normal(0, 0.1, n)
    X.flags.writeable = y.flags.writeable = False
    return X, y


def _booted(p: TrainingProcess) -> TrainingProcess:
    """`p` with its worker up (its start takes Python and NumPy: seconds on a loaded box)."""
    p.boot()
    deadline = time.monotonic() + 60
    while not p.ready:
        assert time.monotonic() < deadline, "the training process did not start"
        time.sleep(0.01)
    return p


@pytest.fixture(scope="module")
def process():
    p = _booted(TrainingProcess())
    yield p
    p.close()


def _trainer(X, y, cls=core.SGDTrainer, **kw):
    t = cls(X, y, lr=0.02, batch_size=7, seed=5, history_capacity=64, **kw)
    t.table  # noqa: B018 - built here, as the window warms it before a run
    return t


def _follow(process: TrainingProcess, seconds: float) -> int:
    """Poll as the run loop does, a frame at a time; returns the frames with steps."""
    frames, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        gained, over = process.poll()
        frames += gained > 0
        if over:
            break
        time.sleep(1 / 60)
    return frames


def test_a_stopped_run_equals_the_same_steps_taken_here(process):
    X, y = _data(500)
    remote, local = _trainer(X, y), _trainer(X, y)
    remote_line, local_line = Timeline(remote), Timeline(local)
    assert process.start(remote_line, None)
    assert not process.ready  # one run at a time
    frames = _follow(process, 0.5)
    shown = remote.steps
    process.stop()
    assert frames >= 5 and remote.steps >= shown > 0  # followed as it went, then its end
    local_line.step(remote.steps)
    assert remote.state() == local.state()  # parameters, order, generator, history (halved)
    assert [c.steps for c in remote_line.kept_checkpoints()[0]] == [
        c.steps for c in local_line.kept_checkpoints()[0]]
    remote_line.step(333)
    local_line.step(333)
    assert remote.state() == local.state()  # and it continues here exactly


def test_a_run_to_a_target_epoch_ends_there_by_itself(process):
    X, y = _data(300)
    remote, local = _trainer(X, y), _trainer(X, y)
    line = Timeline(remote)
    assert process.start(line, 3)
    _follow(process, 30)
    assert not process.running and remote.epoch == 3 and remote.at_epoch_boundary
    Timeline(local).step(local.steps_to_epoch(3))
    assert remote.state() == local.state()


def test_a_run_that_diverges_there_reports_it(process):
    X, y = _data(200)
    remote = core.SGDTrainer(X * 50, y, lr=5.0, batch_size=10, seed=2)
    local = core.SGDTrainer(X * 50, y, lr=5.0, batch_size=10, seed=2)
    remote.table  # noqa: B018
    assert process.start(Timeline(remote), None)
    _follow(process, 30)
    local.step(10_000)
    assert remote.diverged and remote.divergence_reason == local.divergence_reason
    assert remote.state() == local.state()


def test_a_standardised_run_and_validation_losses(process):
    X, y = _data(400, d=3)
    Xv, yv = _data(50, d=3, seed=9)
    kw = {"X_val": Xv, "y_val": yv}
    remote = _trainer(X * [1, 100, 0.01], y, core.StandardizedTrainer, **kw)
    local = _trainer(X * [1, 100, 0.01], y, core.StandardizedTrainer, **kw)
    assert process.start(Timeline(remote), None)
    _follow(process, 0.3)
    process.stop()
    Timeline(local).step(remote.steps)
    assert remote.state() == local.state()
    np.testing.assert_array_equal(remote.history.epoch_val_loss, local.history.epoch_val_loss)
    np.testing.assert_array_equal(remote.w, local.w)


def test_a_run_mid_epoch_in_order_continues_there(process):
    X, y = _data(1000)
    remote = core.SGDTrainer(X, y, lr=0.01, batch_size=3, shuffle=False, seed=1)
    local = core.SGDTrainer(X, y, lr=0.01, batch_size=3, shuffle=False, seed=1)
    for t in (remote, local):
        t.step(10)  # mid-epoch, before the table is asked for
        t.shuffle = True  # the next epoch is drawn
    assert process.start(Timeline(remote), None)
    _follow(process, 0.2)
    process.stop()
    local.step(remote.steps - 10)
    assert remote.state() == local.state()


def test_a_worker_that_dies_gives_the_run_back_as_it_was_sent():
    X, y = _data(300)
    trainer = _trainer(X, y)
    trainer.step(25)
    expected = trainer.state()
    process = TrainingProcess()
    _booted(process)
    try:
        assert process.start(Timeline(trainer), None)
        _follow(process, 0.2)
        os.kill(process.pid, signal.SIGKILL)  # as the system might
        process.stop()
        lost = process.take_lost()
        assert lost is not None and lost.head.state() == expected
        assert process.broken and not process.ready
        assert not process.start(Timeline(trainer), None)
    finally:
        process.close()


def test_a_resumed_epoch_gathers_the_rows_it_skipped_when_all_are_read():
    from linreg_lab.core.epoch_order import EpochOrder, table_of

    X, y = _data(100)
    Z = table_of(X, y)
    rng = np.random.default_rng(3)
    epochs = EpochOrder(X, y, rng, Z)
    order = rng.permutation(100)
    epochs.resume(order, 40, rng.bit_generator.state)
    _, _, ready = epochs.current()
    assert ready == 40  # the 40 rows already visited are not gathered
    np.testing.assert_array_equal(epochs.rows, Z[order])  # ... until someone reads them all


def test_a_run_that_cannot_travel_steps_here_and_changes_nothing():
    X, y = _data(100)
    trainer = _trainer(X, y)
    trainer.note = lambda: None  # as a future attribute that pickle refuses might
    before = trainer.state()
    fresh = TrainingProcess()
    _booted(fresh)
    try:
        assert not fresh.start(Timeline(trainer), None)
        assert fresh.broken and not fresh.running
        assert trainer.state() == before
    finally:
        fresh.close()


def test_a_run_stopped_before_its_first_frame_is_let_go_and_the_next_one_is_exact(process):
    X, y = _data(400)
    remote, local = _trainer(X, y), _trainer(X, y)
    remote.step(13)
    before = remote.state()
    line = Timeline(remote)
    assert process.start(line, None)
    assert process.stop() == 0  # at once: nothing was followed, so nothing moved here
    assert remote.state() == before and not process.running
    assert process.start(line, None)  # the let-go run's messages are dropped
    _follow(process, 0.3)
    process.stop()
    Timeline(local).step(remote.steps)
    assert remote.steps > 13 and remote.state() == local.state()


def test_a_worker_that_hangs_mid_run_is_let_go(monkeypatch):
    from linreg_lab.core import run_process

    monkeypatch.setattr(run_process, "ANSWER_WAIT_S", 0.5)
    X, y = _data(300)
    trainer = _trainer(X, y)
    expected = trainer.state()
    process = TrainingProcess()
    _booted(process)
    try:
        assert process.start(Timeline(trainer), None)
        while process.poll() == (0, False):  # until it is followed
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGSTOP)  # alive, and silent
        _follow(process, 10)
        assert not process.running and process.broken
        assert process.take_lost().head.state() == expected
    finally:
        os.kill(process.pid, signal.SIGCONT)
        process.close()


def test_a_closed_process_boots_again_and_runs(process):
    X, y = _data(200)
    fresh = TrainingProcess()
    for _ in range(2):
        _booted(fresh)
        trainer = _trainer(X, y)
        assert fresh.start(Timeline(trainer), 2)
        _follow(fresh, 30)
        assert trainer.epoch == 2 and not fresh.running
        fresh.close()
