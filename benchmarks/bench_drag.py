"""Dragging a data point with the mouse: time per mouse-move event, against a reference.

A drag re-solves least squares, rebuilds the trainer and redraws the fit (the landscape
follows at most 20 times a second). Prints the time per move at n = 10³ and 10⁵ in the real
window, the reference being a plain redraw of the window with nothing changed (the floor
any frame pays), and the ratio.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_drag.py
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.main_window import MainWindow
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session

MOVES = 30


def _send(widget, kind, pos: QPoint, button, buttons) -> None:
    ev = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def per_move_ms(app: QApplication, n: int) -> tuple[float, float]:
    spec = GenerationSpec(num_examples=n)
    window = MainWindow(Session(DataState.generated(spec, 1), Hyperparameters()))
    window.resize(1400, 900)
    window.show()
    for _ in range(20):  # let the layout settle before mapping data to pixels
        app.processEvents()
        time.sleep(0.01)
    plot, s = window.fit_plot, window.session
    vb = plot.getPlotItem().getViewBox()
    start = plot.mapFromScene(vb.mapViewToScene(QPointF(s.dataset.X[0, 0], s.dataset.y[0])))
    vp, left = plot.viewport(), Qt.MouseButton.LeftButton
    t = time.perf_counter()
    for _ in range(MOVES):
        vp.update()
        app.processEvents()
    floor = (time.perf_counter() - t) / MOVES
    _send(vp, QMouseEvent.Type.MouseButtonPress, start, left, left)
    times = []
    for i in range(1, MOVES + 1):
        time.sleep(0.012)  # pyqtgraph drops moves closer than 10 ms (its mouse rate limit)
        t = time.perf_counter()
        _send(vp, QMouseEvent.Type.MouseMove, start + QPoint(i, -i), Qt.MouseButton.NoButton, left)
        app.processEvents()
        times.append(time.perf_counter() - t)
    _send(vp, QMouseEvent.Type.MouseButtonRelease, start + QPoint(MOVES, -MOVES), left,
          Qt.MouseButton.NoButton)
    app.processEvents()
    moved = not np.array_equal(s.dataset.X, DataState.generated(spec, 1).dataset.X)
    window.close_quietly()
    assert moved, "the drag did not move the point"
    return sorted(times)[len(times) // 2] * 1000, floor * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    print(f"{'n':>8} {'ms per drag move (median)':>26} {'idle redraw ms':>15} {'ratio':>6}")
    for n in (1_000, 100_000):
        move, floor = per_move_ms(app, n)
        print(f"{n:>8} {move:>26.1f} {floor:>15.1f} {move / floor:>6.1f}")


if __name__ == "__main__":
    main()
