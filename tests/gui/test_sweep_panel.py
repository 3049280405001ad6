"""The sweep panel: runs off the GUI thread, fills its table and plot, cancels, joins."""

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.sweep.sweep_panel import SweepPanel
from linreg_lab.gui.tabs.sweep.values import parse_values
from linreg_lab.gui.text.format import fmt
from tests.gui.languages import switched_to

TIMEOUT = 10_000
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def panel(qtbot):
    p = SweepPanel(Session())
    qtbot.addWidget(p)
    p.resize(1300, 320)
    p.show()
    qtbot.waitExposed(p)
    return p


def type_values(qtbot, p: SweepPanel, text: str) -> None:
    p.tuning.values_edit.selectAll()
    qtbot.keyClick(p.tuning.values_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(p.tuning.values_edit, text)


def drawn_curves(p: SweepPanel) -> list:
    return [c for c in p.tuning.plot.curves if c.xData is not None and len(c.xData)]


def run(qtbot, p: SweepPanel, text: str, epochs: int = 2) -> list:
    type_values(qtbot, p, text)
    p.tuning.epochs_spin.setValue(epochs)
    with qtbot.waitSignal(p.sweepFinished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(p.tuning.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not p.is_running(), timeout=TIMEOUT)
    return blocker.args[0]


def cell(p: SweepPanel, row: int, col: int) -> str:
    return p.tuning.table.item(row, col).text()


def test_sweep_fills_one_row_and_one_curve_per_value(qtbot, panel):
    results = run(qtbot, panel, "0.1, 0.01, 0.03")
    assert [r.value for r in results] == [0.01, 0.03, 0.1]  # sorted: light to dark
    assert panel.tuning.table.rowCount() == 3
    assert [cell(panel, r, 0) for r in range(3)] == ["0.01", "0.03", "0.1"]
    curves = drawn_curves(panel)
    assert len(curves) == 3
    for curve, r in zip(curves, results, strict=True):
        np.testing.assert_array_equal(curve.xData, [0, 1, 2])
        np.testing.assert_allclose(curve.yData, r.val_curve)
    # the numbers are the session's: its split, seed and start
    s = panel._session
    t = core.SGDTrainer(s.data.train_set.X, s.data.train_set.y, lr=0.1, batch_size=10,
                        seed=s.hyper.seed, X_val=s.data.val_set.X, y_val=s.data.val_set.y)
    t.step(t.steps_to_epoch(2))
    assert results[2].final_val_loss == t.val_loss()
    assert panel.tuning.table.item(2, 2).font().bold()  # the largest η wins within 2 epochs
    assert "η = 0.1" in panel.tuning.message.text()
    assert len(panel.tuning.plot.legend.items) == 3


def test_a_diverging_value_is_shown_as_diverged(qtbot, panel):
    results = run(qtbot, panel, "0.05, 40")
    assert results[1].diverged
    assert cell(panel, 1, 1) == cell(panel, 1, 2) == "diverged"
    assert cell(panel, 0, 1) != "diverged"
    assert panel.tuning.plot.curves[1].opts["pen"].style() == Qt.PenStyle.DashLine
    assert "diverged" in panel.tuning.message.text()


def test_batch_size_sweep_and_each_parameter_keeps_its_values(qtbot, panel):
    panel.tuning.param_combo.setCurrentIndex(1)
    assert panel.tuning.values_edit.text() == "1, 10, 50"
    results = run(qtbot, panel, "5, 20")
    assert [r.steps for r in results] == [2 * 16, 2 * 4]  # 80 training examples
    assert panel.tuning.table.horizontalHeaderItem(0).text().startswith("batch")
    assert len(drawn_curves(panel)) == 2
    panel.tuning.param_combo.setCurrentIndex(0)
    assert panel.tuning.values_edit.text() == "0.003, 0.01, 0.03, 0.1"
    panel.tuning.param_combo.setCurrentIndex(1)
    assert panel.tuning.values_edit.text() == "5, 20"


@pytest.mark.parametrize("text", ["0.1, abc", "", "-0.1", "0.1, 0.1", "1, 2, 3, 4, 5, 6, 7, 8, 9"])
def test_bad_values_show_a_message_and_do_not_start(qtbot, panel, text):
    type_values(qtbot, panel, text)
    qtbot.mouseClick(panel.tuning.run_button, Qt.MouseButton.LeftButton)
    assert not panel.is_running()
    assert panel.tuning.message.text() and panel.tuning.message.property("error")
    assert panel.tuning.values_edit.property("invalid")
    assert panel.tuning.table.rowCount() == 0 and not drawn_curves(panel)
    type_values(qtbot, panel, "0.1")  # fixing the text clears the message
    assert not panel.tuning.values_edit.property("invalid") and not panel.tuning.message.text()


def test_parse_values():
    assert parse_values("0.1，0.01; 1e-3", "lr") == [0.001, 0.01, 0.1]
    assert parse_values("10 1", "batch_size") == [1, 10]
    for text, param in (("2.5", "batch_size"), ("0", "batch_size"), ("0", "lr"),
                        ("inf", "lr")):
        with pytest.raises(ValueError):
            parse_values(text, param)


def long_panel(qtbot) -> SweepPanel:
    """A sweep that takes seconds: 4,000 examples, batch 1, 500 epochs."""
    p = SweepPanel(Session())
    qtbot.addWidget(p)
    p._session.generate(GenerationSpec(num_examples=5000, seed=1))
    p.tuning.param_combo.setCurrentIndex(1)
    type_values(qtbot, p, "1, 2")
    p.tuning.epochs_spin.setValue(500)
    return p


def test_cancel_stops_the_worker_and_keeps_the_table(qtbot):
    p = long_panel(qtbot)
    qtbot.mouseClick(p.tuning.run_button, Qt.MouseButton.LeftButton)
    assert p.is_running() and p.tuning.cancel_button.isEnabled()
    assert not p.tuning.run_button.isEnabled()
    with qtbot.waitSignal(p.cancelled, timeout=TIMEOUT):
        qtbot.mouseClick(p.tuning.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not p.is_running(), timeout=TIMEOUT)
    assert p.runner.wait(TIMEOUT)  # the worker thread ends: nothing left behind
    assert p.tuning.run_button.isEnabled() and not p.tuning.cancel_button.isEnabled()
    assert p.tuning.table.rowCount() == 0 and "cancelled" in p.tuning.message.text()


def test_closing_joins_a_running_worker(qtbot):
    p = long_panel(qtbot)
    assert p.run_sweep()
    qtbot.waitUntil(lambda: p.runner.thread_alive(), timeout=TIMEOUT)
    p.close()  # cancels and joins: when it returns the worker has ended
    assert not p.runner.thread_alive() and not p.is_running()


def test_estimation_error_falls_with_n(qtbot, panel):
    assert panel.estimation.button.isEnabled()
    with qtbot.waitSignal(panel.estimationFinished, timeout=TIMEOUT):
        qtbot.mouseClick(panel.estimation.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=TIMEOUT)
    n, err = panel.estimation.curve.xData, panel.estimation.curve.yData
    assert np.all(np.diff(n) > 0) and n[0] == 10 and n[-1] == 100_000
    assert err[-1] < err[0] / 30
    slope = np.polyfit(np.log(n), np.log(err), 1)[0]
    assert -0.7 < slope < -0.3
    ref = panel.estimation.reference.yData
    np.testing.assert_allclose(ref * np.sqrt(n), ref[0] * np.sqrt(n[0]))
    assert "−0.5" in panel.estimation.note.text()
    assert panel.estimation.current_n_line.value() == pytest.approx(np.log10(80))


def test_estimation_needs_true_parameters(qtbot, panel):
    X, y = core.synthetic_data(np.array([1.0]), 0.0, 30, seed=0)
    panel._session.load_dataset(core.Dataset(X, y), "load")
    assert not panel.estimation.button.isEnabled()
    assert "generated data" in panel.estimation.note.text()
    assert not panel.run_estimation()
    panel._session.undo_stack.undo()
    assert panel.estimation.button.isEnabled()


def test_language_switch_in_place_keeps_the_sweep(qtbot, panel):
    results = run(qtbot, panel, "0.1, 0.01")
    with switched_to("zh_CN"):
        assert CJK.search(panel.tuning.title()) and CJK.search(panel.tuning.run_button.text())
        assert CJK.search(panel.tuning.message.text())  # the summary, said again
        assert CJK.search(panel.tuning.table.horizontalHeaderItem(1).text())
        assert CJK.search(panel.estimation.note.text())
        assert panel.results == results and len(drawn_curves(panel)) == 2
        assert [cell(panel, r, 0) for r in range(2)] == ["0.01", "0.1"]
        assert panel.tuning.values_edit.text() == "0.1, 0.01"
        assert len(panel.tuning.plot.legend.items) == 2
    assert "η = 0.1" in panel.tuning.message.text()


def test_a_minibatch_sweep_that_diverges_names_the_minibatch_limit(qtbot, panel):
    """Batch 10 of 80: the summary gives the lower limit of that batch size, not 2/λmax as
    if the run were full-batch gradient descent."""
    results = run(qtbot, panel, "0.05, 40")
    assert results[1].diverged
    check = panel._session.learning_rate_check()
    text = panel.tuning.message.text()
    assert "minibatches of 10 can diverge from about" in text
    assert fmt(check.batch_limit, 2) in text and fmt(check.full_limit, 2) in text
