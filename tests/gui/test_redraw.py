"""ThrottledRedraw: the first change draws at once, the last is never lost, hidden views wait."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from linreg_lab.gui.widgets.redraw import ThrottledRedraw


def _view(qtbot, interval_ms: int = 50):
    widget = QWidget()
    qtbot.addWidget(widget)
    draws: list[int] = []
    redraw = ThrottledRedraw(widget, lambda: draws.append(1), interval_ms)
    return widget, redraw, draws


def test_a_hidden_view_draws_once_when_shown(qtbot):
    widget, redraw, draws = _view(qtbot)
    for _ in range(5):
        redraw.request()
    qtbot.wait(80)
    assert draws == [] and redraw.pending
    widget.show()
    qtbot.waitUntil(lambda: len(draws) == 1)
    assert not redraw.pending


def test_a_burst_draws_at_once_and_once_more_at_the_end(qtbot):
    widget, redraw, draws = _view(qtbot)
    widget.show()
    qtbot.waitExposed(widget)
    redraw.request()
    assert len(draws) == 1  # leading edge: no wait for the first change
    for _ in range(20):
        redraw.request()
    assert len(draws) == 1
    qtbot.waitUntil(lambda: len(draws) == 2)  # trailing edge: the last change is drawn
    qtbot.wait(120)
    assert len(draws) == 2 and not redraw.pending


def test_flush_draws_pending_changes_now(qtbot):
    _widget, redraw, draws = _view(qtbot, interval_ms=10_000)
    redraw.request()
    redraw.flush()
    assert draws == [1]
    redraw.flush()
    assert draws == [1]
