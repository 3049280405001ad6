"""GUI-thread CPU per frame and per drag move: figures that survive a loaded machine.

bench_fluid.py measures what a learner sees (frames per second, latency) in wall time, which
on the shared 2-core machines moves 3–5× from one run to the next with the other jobs' load.
This one counts the window thread's CPU time (time.thread_time) instead:

  frame   CPU of everything but SGD (redraw slots, painting, events) per painted loss-plot
          frame while running at full speed, against a 16.7 ms frame;
  drag    CPU per mouse move of a drag (median of moves 4–25), and of the release.

To compare two checkouts in turns under the same load, point PYTHONPATH at a folder holding a
`linreg_lab` symlink to the other checkout (it then shadows the editable install).

Run: .venv/bin/python benchmarks/bench_frame_cpu.py [--sizes 100,10000,100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_fluid as bf
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

clock = time.thread_time


def frame_cpu(app: QApplication, n: int) -> float:
    """CPU ms per painted frame while running, SGD's own time left out."""
    window = bf._window(app, n)
    session = window.session
    counter = bf.PaintCounter(bf._viewports(window))
    sgd = [0.0]
    step = session.trainer_step_only

    def timed_step(k: int) -> int:
        t = clock()
        done = step(k)
        sgd[0] += clock() - t
        return done

    session.trainer_step_only = timed_step
    window.run_loop.start()
    bf._spin(app, bf.WARM_SECONDS)
    counter.reset()
    sgd[0], start = 0.0, clock()
    bf._spin(app, bf.RUN_SECONDS)
    cpu = clock() - start
    window.run_loop.pause()
    bf._dispose(window)
    return 1000 * (cpu - sgd[0]) / max(counter.counts["loss"], 1)  # one paint per frame


def drag_cpu(app: QApplication, n: int, moves: int = 25) -> tuple[float, float]:
    """CPU ms of a drag: the median move (after the first three) and the release."""
    window = bf._window(app, n)
    plot, s = window.fit_plot, window.session
    vp, left, none = plot.viewport(), Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    vb = plot.getPlotItem().getViewBox()
    start = plot.mapFromScene(vb.mapViewToScene(QPointF(s.dataset.X[0, 0], s.dataset.y[0])))
    bf._send(vp, QMouseEvent.Type.MouseButtonPress, start, left, left)
    app.processEvents()
    times = []
    for i in range(1, moves + 1):
        time.sleep(0.012)  # pyqtgraph drops moves closer than 10 ms
        t = clock()
        bf._send(vp, QMouseEvent.Type.MouseMove, start + QPoint(i, -i), none, left)
        app.processEvents()
        times.append(clock() - t)
    t = clock()
    bf._send(vp, QMouseEvent.Type.MouseButtonRelease, start + QPoint(moves, -moves), left, none)
    app.processEvents()
    release = clock() - t
    bf._dispose(window)
    return 1000 * statistics.median(times[3:]), 1000 * release


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="100,10000,100000")
    args = p.parse_args()
    from linreg_lab.gui.shell.blas_threads import pin_blas_to_one_thread

    pin_blas_to_one_thread()
    app = QApplication.instance() or QApplication([])
    print(f"  {'what':<38} {'cpu ms':>12} {'frame ms':>14} {'ratio':>7}")
    for n in (int(v) for v in args.sizes.split(",")):
        f = frame_cpu(app, n)
        bf._row(f"n={n:.0e} frame, all but SGD", f"{f:.1f}", f"{bf.FRAME_MS:.1f}", f / bf.FRAME_MS)
        move, release = drag_cpu(app, n)
        bf._row(f"n={n:.0e} drag move (median)", f"{move:.1f}", f"{bf.FRAME_MS:.1f}",
                move / bf.FRAME_MS)
        bf._row(f"n={n:.0e} drag release", f"{release:.1f}", f"{bf.FRAME_MS:.1f}",
                release / bf.FRAME_MS)


if __name__ == "__main__":
    main()
