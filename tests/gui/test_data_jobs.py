"""Big data are built off the GUI thread: the window stays live, shows progress, can cancel,
and the result is exactly what the synchronous request builds."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session

BIG = GenerationSpec(num_examples=300_000, seed=5)  # 600,000 entries: above BIG_ENTRIES
MILLION = GenerationSpec(num_examples=1_000_000, seed=5)  # a build of a second or more


class Probe:
    """Counts ticks of a 5 ms timer while `busy()`: it ticks only while the event loop runs."""

    def __init__(self, busy) -> None:
        self.ticks = 0
        self._busy = busy
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks += bool(self._busy())

    def start(self) -> None:
        self.ticks = 0
        self._timer.start()

    def stop(self) -> int:
        self._timer.stop()
        return self.ticks


def _generate(window, qtbot, spec: GenerationSpec) -> None:
    """Type the spec into the data panel and click Generate, as a learner does."""
    window.data_panel.set_spec(spec)
    qtbot.mouseClick(window.data_panel.generate_button, Qt.MouseButton.LeftButton)


def _wait_done(window, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.data_jobs.is_running(), timeout=60_000)


def test_big_generate_keeps_the_loop_running_and_equals_the_synchronous_result(
        make_window, qtbot):
    window = make_window()
    s, probe = window.session, Probe(window.data_jobs.is_running)
    old_data, old_steps = s.data, s.undo_stack.count()
    probe.start()
    _generate(window, qtbot, MILLION)
    assert window.data_jobs.is_running()
    assert window.data_jobs.progress.isVisible()  # what is being done, with Cancel
    assert s.data is old_data  # nothing changes until the whole state is built
    _wait_done(window, qtbot)
    assert probe.stop() >= 2  # the event loop ran while the data were being built
    assert not window.data_jobs.progress.isVisible()
    assert s.dataset.n_examples == MILLION.num_examples
    assert s.undo_stack.count() == old_steps + 1

    reference = Session()  # the same request, made synchronously
    reference.generate(MILLION)
    np.testing.assert_array_equal(s.dataset.X, reference.dataset.X)
    np.testing.assert_array_equal(s.data.val_mask, reference.data.val_mask)
    np.testing.assert_array_equal(s.solution.lstsq.w, reference.solution.lstsq.w)
    assert s.solution.lstsq.b == reference.solution.lstsq.b
    np.testing.assert_array_equal(s.trainer.w, reference.trainer.w)
    s.step(25)
    reference.step(25)
    np.testing.assert_array_equal(s.trainer.w, reference.trainer.w)
    assert s.trainer.loss() == reference.trainer.loss()
    window.lab_actions.undo.trigger()
    assert s.data is old_data


def test_cancel_leaves_the_data_untouched(make_window, qtbot):
    window = make_window()
    s = window.session
    old_data, old_steps = s.data, s.undo_stack.count()
    _generate(window, qtbot, replace(BIG, num_examples=1_000_000))
    qtbot.mouseClick(window.data_jobs.progress.cancel_button, Qt.MouseButton.LeftButton)
    _wait_done(window, qtbot)
    assert s.data is old_data and s.undo_stack.count() == old_steps
    assert not window.data_jobs.progress.isVisible()


def test_a_refused_big_generation_changes_nothing_and_says_why(make_window, qtbot):
    window = make_window()
    s = window.session
    old_data = s.data
    bad = replace(BIG, val_fraction=0.9)  # more than half held out: the build refuses it
    window.request(window.data_jobs.generate, bad)
    _wait_done(window, qtbot)
    assert s.data is old_data
    assert "50 %" in window.banner.text()


def test_edits_and_settings_made_during_the_build_are_kept(make_window, qtbot):
    window = make_window()
    s = window.session
    _generate(window, qtbot, BIG)
    s.add_example(0.5, 9.0)  # while the worker builds: an edit of the data shown
    s.set_hyperparameters(lr=0.005)
    _wait_done(window, qtbot)
    assert s.dataset.n_examples == BIG.num_examples
    assert s.trainer.lr == 0.005  # the new trainer has the learning rate set meanwhile
    window.lab_actions.undo.trigger()  # the edit is one step below the new data
    assert s.dataset.y[-1] == 9.0


def test_a_newer_generation_replaces_one_still_running(make_window, qtbot):
    window = make_window()
    s = window.session
    _generate(window, qtbot, replace(BIG, num_examples=1_000_000))
    _generate(window, qtbot, replace(BIG, num_examples=250_000))
    _wait_done(window, qtbot)
    assert s.dataset.n_examples == 250_000
    window.lab_actions.undo.trigger()
    assert s.dataset.n_examples == 100  # the first request never became a step


def test_small_generation_is_done_at_once(make_window, qtbot):
    window = make_window()
    _generate(window, qtbot, GenerationSpec(num_examples=500, seed=3))
    assert not window.data_jobs.is_running()
    assert window.session.dataset.n_examples == 500


@pytest.fixture
def big_csv(tmp_path, monkeypatch):
    """A CSV that counts as big (the threshold lowered, so the test stays quick)."""
    monkeypatch.setattr("linreg_lab.gui.files.data_files.BIG_FILE_BYTES", 100)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2_000, 1))
    path = tmp_path / "big.csv"
    core.save_csv(core.Dataset(X, 3 * X[:, 0] - 1), path)
    return path


def test_open_a_big_csv_off_the_gui_thread(make_window, qtbot, big_csv):
    window = make_window()
    s = window.session
    old_data = s.data
    assert window.open_any(big_csv)
    assert s.data is old_data and window.data_jobs.is_running()
    _wait_done(window, qtbot)
    assert s.dataset.n_examples == 2_000
    np.testing.assert_array_equal(s.dataset.X, core.load_csv(big_csv).X)
    assert "big.csv" in s.undo_stack.undoText()


def test_a_bad_big_csv_is_reported_and_changes_nothing(make_window, qtbot, tmp_path,
                                                        monkeypatch):
    monkeypatch.setattr("linreg_lab.gui.files.data_files.BIG_FILE_BYTES", 10)
    shown = []
    monkeypatch.setattr("linreg_lab.gui.files.data_files.show_error",
                        lambda parent, name, title, detail: shown.append(detail))
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1,2\n3,oops\n")
    window = make_window()
    old_data = window.session.data
    window.open_any(path)
    _wait_done(window, qtbot)
    assert window.session.data is old_data
    assert shown and "bad.csv" in shown[0] and "3" in shown[0]
