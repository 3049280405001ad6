"""Text views coalesce their redraws while a run streams, and show the last step once it stops."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from linreg_lab.gui.panels.comparison_table import ANALYTICAL_COL, SGD_COL
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt


@pytest.fixture
def window(make_window):
    session = Session(DataState.generated(GenerationSpec(num_examples=200), 1),
                      Hyperparameters(num_epochs=0, lr=0.01))
    return make_window(session)


def _shown(window) -> dict[str, str]:
    """What the text views say now."""
    label = window.timeline_bar.findChild(QLabel, "timelineLabel")
    return {"status": window.status_line.text(),
            "table w": window.comparison_table.item(0, SGD_COL).text(),
            "timeline": label.text(),
            "prediction": window.prediction_panel.output.text(),
            "neuron": window.neuron_diagram.accessibleDescription()}


def test_steps_outside_a_run_draw_at_once(window):
    session = window.session
    for _ in range(3):
        session.step(1)
        assert f"step {session.trainer.steps}" in window.status_line.text()
        assert window.comparison_table.item(0, SGD_COL).text() == fmt(session.trainer.w[0])


def test_a_streaming_run_coalesces_text_views_and_its_end_shows_the_last_step(window):
    session = window.session
    session.pacing.set_streaming(True)
    session.step(1)  # the first change of a burst draws at once
    first = _shown(window)
    assert f"step {session.trainer.steps}" in first["status"]
    for _ in range(5):  # more changes within the interval wait (no event loop turn here)
        session.step(7)
    assert _shown(window) == first
    assert window.fit_plot.line_points("sgd")[1] is not None  # the plots follow every step
    session.pacing.set_streaming(False)
    shown = _shown(window)
    assert f"step {session.trainer.steps}" in shown["status"]
    assert shown["table w"] == fmt(session.trainer.w[0])
    assert f"{session.trainer.steps:,}" in shown["timeline"]
    assert shown != first


def test_pausing_a_real_run_leaves_every_view_at_its_final_step(window, qtbot):
    loop, session = window.run_loop, window.session
    window.tabs.show_panel("formula")
    formula = window.tabs.panel("formula")
    loop.start()
    assert session.pacing.streaming
    qtbot.waitUntil(lambda: session.trainer.steps > 2_000, timeout=20_000)
    loop.pause()
    assert not session.pacing.streaming
    steps, w = session.trainer.steps, session.trainer.w[0]
    assert f"step {steps}" in window.status_line.text()
    assert window.comparison_table.item(0, SGD_COL).text() == fmt(w)
    assert f"{steps:,}" in window.timeline_bar.findChild(QLabel, "timelineLabel").text()
    assert formula.isVisible()
    assert fmt(w) in formula.model_card.toPlainText()  # the training cards too


def test_a_drag_paces_text_views_and_its_release_shows_the_final_numbers(window):
    import time

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest

    from tests.gui.mouse import _send, to_pixel

    plot, s = window.fit_plot, window.session
    row = int(s.data.train_rows[0])
    start = to_pixel(plot, float(s.dataset.X[row, 0]), float(s.dataset.y[row]))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(plot, QMouseEvent.Type.MouseButtonPress, start, left, left)
    QTest.qWait(12)  # pyqtgraph drops moves within 10 ms of the last (a hand never does)
    _send(plot, QMouseEvent.Type.MouseMove, start + QPoint(10, -10), none, left)
    assert s.pacing.streaming
    first = window.status_line.text()
    first_optimum = window.comparison_table.item(0, ANALYTICAL_COL).text()
    first_texts = (window.data_panel.summary_label.text(),
                   window.tabs.formula.analytical_card.toHtml())
    first_plots = (window.loss_plot.optimum_line.value(), window.landscape_plot.drawn_optimum())
    for i in range(2, 7):  # no event loop turn between the moves: the throttle's timer waits
        time.sleep(0.012)
        _send(plot, QMouseEvent.Type.MouseMove, start + QPoint(10 * i, -15 * i), none, left)
    assert fmt(s.trainer.loss()) not in first  # the loss moved with the point ...
    assert window.status_line.text() == first  # ... and the status waits
    table, optimum_w = window.comparison_table, fmt(s.solution.lstsq.w[0])
    summary, card = window.data_panel.summary_label, window.tabs.formula.analytical_card
    assert table.item(0, ANALYTICAL_COL).text() == first_optimum != optimum_w  # data views wait
    assert (summary.text(), card.toHtml()) == first_texts
    # the loss plot's minimum and the landscape's optimum follow ten times a second too
    assert (window.loss_plot.optimum_line.value(),
            window.landscape_plot.drawn_optimum()) == first_plots
    _send(plot, QMouseEvent.Type.MouseButtonRelease, start + QPoint(60, -90), left, none)
    assert not s.pacing.streaming
    assert fmt(s.trainer.loss()) in window.status_line.text()
    assert table.item(0, ANALYTICAL_COL).text() == fmt(s.solution.lstsq.w[0])
    assert summary.text() != first_texts[0] and card.toHtml() != first_texts[1]
    assert window.loss_plot.optimum_line.value() == pytest.approx(s.solution.train_loss)
    sol = s.solution.lstsq
    assert window.landscape_plot.drawn_optimum() == (float(sol.w[0]), float(sol.b))


def test_a_run_still_draws_its_loss_curve_and_path_at_every_step(window):
    session = window.session
    session.pacing.set_streaming(True)
    for _ in range(4):
        session.step(5)
        steps = session.trainer.steps
        assert window.loss_plot.minibatch_curve.getData()[0][-1] == steps
        xs, ys = window.landscape_plot.drawn_path()
        assert (xs[-1], ys[-1]) == (float(session.trainer.w[0]), session.trainer.b)
    session.pacing.set_streaming(False)
