"""Vectorisation panel: timings run off the GUI thread, show both times, cancel promptly."""

from __future__ import annotations

import re
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QWidget

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.vectorization.timing import decade_range, format_duration, format_speedup
from linreg_lab.gui.tabs.vectorization.vectorization_panel import VectorizationPanel
from linreg_lab.gui.widgets.background import JobRunner
from tests.gui.languages import switched_to

LEFT = Qt.MouseButton.LeftButton
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def panel(qtbot):
    """A shown panel on a fresh session; afterwards no timing thread may still run."""
    p = VectorizationPanel(Session())
    qtbot.addWidget(p)
    p.show()
    yield p
    p.shutdown()
    assert not p.runner.is_running()


def set_n(qtbot, panel: VectorizationPanel, n: int) -> None:
    """Type a vector length into the n field and press Enter, as a learner would."""
    spin = panel.n_spin
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(n))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == n


def speedup(text: str) -> float:
    match = re.search(r"× ([\d.,]+) (faster|slower)", text)
    assert match, text
    ratio = float(match.group(1).replace(",", ""))
    return ratio if match.group(2) == "faster" else 1 / ratio


# ----- pure formatting --------------------------------------------------------------------
@pytest.mark.parametrize(("seconds", "text"), [
    (1.5483e-3, "1.55 ms"), (2.734e-6, "2.73 µs"), (0.9997e-3, "1 ms"), (3.0, "3 s"),
    (4.2e-8, "42 ns"), (None, "—"), (float("nan"), "—"),
])
def test_format_duration_picks_a_readable_unit(seconds, text) -> None:
    assert format_duration(seconds) == text


def test_speedup_and_decades() -> None:
    assert format_speedup(123.456) == "123"
    assert format_speedup(56789.2) == "56,789"
    assert decade_range((1.5e-3, 2.7e-6)) == (-6, -2)
    assert decade_range((1e-3, 1e-3)) == (-3, -2)


# ----- the vector addition ------------------------------------------------------------------
def test_timing_shows_both_times_and_a_speedup(qtbot, panel: VectorizationPanel) -> None:
    assert panel.n_spin.value() == 10_000
    with qtbot.waitSignal(panel.runner.finished, timeout=10_000):
        qtbot.mouseClick(panel.add_button, LEFT)
    loop_text, vector_text = (t.textItem.toPlainText() for t in panel.add_bars.texts)
    assert re.fullmatch(r"[\d.]+ (ms|µs|ns|s)", loop_text)
    assert re.fullmatch(r"[\d.]+ (ms|µs|ns|s)", vector_text)
    assert loop_text in panel.status.text() and vector_text in panel.status.text()
    assert speedup(panel.add_result.text()) > 1  # 10,000 Python iterations vs one a + b
    loop_bar, vector_bar = panel.add_bars.bars.opts["width"]
    assert loop_bar > vector_bar > 0
    assert panel.add_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.progress.value() == 100


def test_cancel_stops_a_long_run_promptly(qtbot, panel: VectorizationPanel) -> None:
    set_n(qtbot, panel, 10_000_000)  # seconds of Python loop
    with qtbot.waitSignal(panel.runner.progressed, timeout=5_000):
        qtbot.mouseClick(panel.add_button, LEFT)
    assert not panel.add_button.isEnabled() and not panel.sgd_button.isEnabled()
    assert panel.time_vector_addition() is False  # no second run while one runs
    assert panel.time_sgd_epoch() is False
    with qtbot.waitSignal(panel.runner.cancelled, timeout=5_000):  # the loop runs far longer
        qtbot.mouseClick(panel.cancel_button, LEFT)
    assert panel.add_result.text() == "cancelled"
    assert "cancelled" in panel.status.text()
    assert panel.add_button.isEnabled() and not panel.runner.is_running()
    assert panel.progress.value() < 100


def test_the_gui_thread_stays_responsive(qtbot, panel: VectorizationPanel) -> None:
    """While a long timing runs, GUI events are handled (no rate is demanded: the machines
    are shared and noisy); work on the GUI thread would hold every event until it ended."""
    set_n(qtbot, panel, 10_000_000)  # seconds of Python loop
    handled: list[bool] = []
    qtbot.mouseClick(panel.add_button, LEFT)
    QTimer.singleShot(0, lambda: handled.append(panel.runner.is_running()))
    qtbot.waitUntil(lambda: bool(handled), timeout=5_000)
    assert handled == [True]  # handled while the worker was still running
    with qtbot.waitSignal(panel.runner.cancelled, timeout=5_000):
        qtbot.mouseClick(panel.cancel_button, LEFT)


def test_jobs_run_on_another_thread(qtbot) -> None:
    runner = JobRunner()
    seen: list[int] = []

    def job(progress, should_cancel):
        seen.append(threading.get_ident())
        return 1.0

    with qtbot.waitSignal(runner.finished, timeout=5_000):
        assert runner.start(job)
    runner.shutdown()
    assert seen and seen[0] != threading.get_ident()


def test_closing_during_a_run_cancels_and_waits(qtbot, panel: VectorizationPanel) -> None:
    set_n(qtbot, panel, 10_000_000)
    with qtbot.waitSignal(panel.runner.progressed, timeout=5_000):
        qtbot.mouseClick(panel.add_button, LEFT)
    assert panel.runner.thread_alive()
    panel.close()  # cancels and joins: when it returns the thread has ended
    assert not panel.runner.thread_alive() and not panel.runner.is_running()
    assert panel.add_result.text() == "cancelled"


# ----- one SGD epoch on the session's data ---------------------------------------------------
def test_sgd_epoch_is_timed_on_the_sessions_data(qtbot, monkeypatch) -> None:
    session = Session()
    session.generate(GenerationSpec(w=(2.0, -1.0), b=0.5, num_examples=500, seed=3,
                                     val_fraction=0.2))
    session.set_hyperparameters(batch_size=25, lr=0.05)
    panel = VectorizationPanel(session)
    qtbot.addWidget(panel)
    assert "400 training examples, d = 2, batch 25, η 0.05" in panel.sgd_info.text()
    calls = []

    def spy(X, y, batch_size, lr, *, seed=None):
        calls.append((X, y, batch_size, lr))
        return real(X, y, batch_size, lr, seed=seed)

    real = core.time_sgd_epoch
    monkeypatch.setattr(core, "time_sgd_epoch", spy)
    with qtbot.waitSignal(panel.runner.finished, timeout=10_000):
        qtbot.mouseClick(panel.sgd_button, LEFT)
    assert calls
    train = session.data.train_set
    for X, y, batch_size, lr in calls:
        np.testing.assert_array_equal(X, train.X)
        np.testing.assert_array_equal(y, train.y)
        assert (batch_size, lr) == (25, 0.05)
    assert speedup(panel.sgd_result.text()) > 0
    assert "timed on 400 training examples" in panel.status.text()
    assert all(t.textItem.toPlainText() for t in panel.sgd_bars.texts)
    panel.shutdown()


def test_sgd_row_follows_the_data(qtbot, panel: VectorizationPanel) -> None:
    panel.session.set_hyperparameters(batch_size=7)
    assert "batch 7" in panel.sgd_info.text()
    panel.session.clear()
    assert not panel.sgd_button.isEnabled()
    assert "No training data" in panel.sgd_info.text()
    assert panel.time_sgd_epoch() is False
    panel.session.undo_stack.undo()
    assert panel.sgd_button.isEnabled()


def test_every_control_is_explained(panel: VectorizationPanel) -> None:
    assert panel.objectName() == "vectorizationPanel"
    controls = [w for w in panel.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QAbstractSpinBox)]
    assert len(controls) >= 4
    for widget in controls:
        assert widget.accessibleName() and widget.toolTip(), widget


# ----- the runner on its own -------------------------------------------------------------
def test_runner_reports_a_failing_job(qtbot) -> None:
    runner = JobRunner()

    def job(progress, should_cancel):
        progress(0.5)
        raise ValueError("n must be at least 1")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as blocker:
        assert runner.start(job)
    assert blocker.args == ["n must be at least 1"]
    assert not runner.is_running()


def test_language_switch_in_place_keeps_the_timings(qtbot, panel: VectorizationPanel) -> None:
    set_n(qtbot, panel, 20_000)
    with qtbot.waitSignal(panel.runner.finished, timeout=10_000):
        qtbot.mouseClick(panel.add_button, LEFT)
    times = [t.textItem.toPlainText() for t in panel.add_bars.texts]
    ratio = speedup(panel.add_result.text())
    with switched_to("zh_CN"):
        assert CJK.search(panel.add_button.text()) and CJK.search(panel.caption.text())
        assert CJK.search(panel.add_result.text())  # "× … faster", in Chinese
        assert CJK.search(panel.status.text()) and times[0] in panel.status.text()
        assert [t.textItem.toPlainText() for t in panel.add_bars.texts] == times
        assert panel.add_bars.names[0] != "for-loop c[i] = a[i] + b[i]"
        assert panel.n_spin.value() == 20_000 and panel.progress.value() == 100
    assert speedup(panel.add_result.text()) == ratio
