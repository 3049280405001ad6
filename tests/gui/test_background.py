"""JobRunner: a job runs on its own thread, and every signal about it arrives on the GUI
thread (the worker touches no Qt object)."""

from __future__ import annotations

import threading
import time

import pytest

from linreg_lab.gui.widgets.background import JobRunner

TIMEOUT = 10_000


@pytest.fixture
def runner(qtbot):
    r = JobRunner()
    yield r
    r.shutdown()


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, runner) -> None:
    gui, seen = threading.get_ident(), []

    def job(progress, should_cancel):
        seen.append(threading.get_ident())
        progress(0.5)
        time.sleep(0.1)  # a poll sees the progress before the end
        return "done"

    fractions, threads = [], []
    runner.progressed.connect(
        lambda f: (fractions.append(f), threads.append(threading.get_ident())))
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as finished:
        assert runner.start(job)
        assert not runner.start(job), "one job at a time"
    assert finished.args == ["done"] and not runner.is_running()
    assert seen and seen[0] != gui
    assert fractions == [0.5] and threads == [gui]


def test_cancel_is_seen_by_the_job_and_ends_in_cancelled(qtbot, runner) -> None:
    def job(progress, should_cancel):
        while not should_cancel():
            time.sleep(0.005)
        return None

    assert runner.start(job)
    with qtbot.waitSignal(runner.cancelled, timeout=TIMEOUT):
        runner.cancel()
    assert not runner.is_running() and not runner.thread_alive()


def test_a_jobs_own_error_is_reported_as_failed(qtbot, runner) -> None:
    def job(progress, should_cancel):
        raise ValueError("row 3: not a number")

    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT) as failed:
        runner.start(job)
    assert failed.args == ["row 3: not a number"]


def test_shutdown_joins_the_thread_and_emits_nothing_of_that_run(qtbot, runner) -> None:
    started = threading.Event()

    def job(progress, should_cancel):
        started.set()
        while not should_cancel():
            time.sleep(0.005)
        return "late"

    outcomes = []
    for signal in (runner.finished, runner.cancelled, runner.failed):
        signal.connect(lambda *args: outcomes.append(args))
    runner.start(job)
    assert started.wait(TIMEOUT / 1000)
    runner.shutdown()
    assert not runner.thread_alive() and not runner.is_running()
    qtbot.wait(100)
    assert outcomes == []


def test_a_runner_deleted_with_its_widget_tells_its_job_to_stop(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    owner = QObject()
    runner = JobRunner(owner)
    stopped = threading.Event()

    def job(progress, should_cancel):
        while not should_cancel():
            time.sleep(0.005)
        stopped.set()

    runner.start(job)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert stopped.wait(5), "the job was not told to stop"


def test_background_calls_wait_in_turn_and_the_newest_of_a_kind_replaces_one_waiting(
        qtbot) -> None:
    from linreg_lab.gui.widgets.background import BackgroundCalls

    calls = BackgroundCalls()
    release, computed, done = threading.Event(), [], []

    def compute(name):
        def body():
            computed.append((name, threading.get_ident()))
            if name == "first":
                release.wait(TIMEOUT / 1000)
            return name.upper()
        return body

    def record(r):
        done.append((r, threading.get_ident()))

    calls.run(compute("first"), record, "settle")
    qtbot.waitUntil(lambda: bool(computed), timeout=TIMEOUT)
    calls.run(compute("second"), record, "settle")
    calls.run(compute("table"), record, "table")
    calls.run(compute("third"), record, "settle")
    release.set()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=TIMEOUT)
    # second waited and was superseded by third, of its kind; the table call kept its place
    assert [name for name, _ in computed] == ["first", "table", "third"]
    assert [r for r, _ in done] == ["FIRST", "TABLE", "THIRD"]
    gui = threading.get_ident()
    assert all(t != gui for _, t in computed) and all(t == gui for _, t in done)
    calls.runner.shutdown()
