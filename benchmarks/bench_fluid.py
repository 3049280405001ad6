"""Fluidity: what a learner feels (frames, stalls, latency), measured on the real window.

Counts real paints on the plots' viewports (an event filter on QEvent.Paint) and times real
mouse events, offscreen. Every figure is printed with its reference and the ratio:

  run      frames painted per second while running at full speed (against 60, a frame of
           16.7 ms), the longest event-loop stall seen by a 1 ms probe timer (against a
           frame), and the window's SGD steps/s against the headless trainer's (the run
           goes on in the app's training process, as the app does; --in-window keeps it in
           the window's process, as before);
  drag     per mouse-move latency of dragging one point (median, p95, the first move and
           the release), and the longest stall in the second after the release (the exact
           rebuild and the new trainer's table), against a frame;
  open     time until the window has painted after opening a CSV of --csv-rows rows,
           against core.load_csv alone;
  act      the longest event-loop stall of each action at 10⁶ points (Generate from the data
           panel, the first and second Step, Epoch, Reset, Undo, Redo), against 100 ms;
  start    the first painted window after launch (interpreter start included), and the
           whole window (every part built, painted), against a bare PySide6 + pyqtgraph
           window with one plot, both in subprocesses of this run (7 pairs in turns; the
           median of each pair's ratio);
  lang     a language switch (zh_CN ⇄ en) until the window has painted, against a frame.

Run: .venv/bin/python benchmarks/bench_fluid.py [--big] [--only run,drag,open,act,start,lang]
(--big adds n = 10⁶ to the run and drag sizes.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

FRAME_MS = 1000 / 60
RUN_SECONDS = 3.0
WARM_SECONDS = 1.5  # the training process starts (~0.3 s) and takes the run over
MOVES = 30


class PaintCounter(QObject):
    """Counts paint events delivered to the watched widgets (what the user actually sees)."""

    def __init__(self, widgets: dict[str, QObject]):
        super().__init__()
        self.names = {id(w): name for name, w in widgets.items()}
        self.counts = dict.fromkeys(widgets, 0)
        for w in widgets.values():
            w.installEventFilter(self)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.Paint:
            name = self.names.get(id(obj))
            if name is not None:
                self.counts[name] += 1
        return False

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)


class StallProbe:
    """A 1 ms timer: the longest gap between its firings is the longest event-loop stall."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()

    def stop(self) -> None:
        self._timer.stop()


def _spin(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()


def _dispose(window) -> None:
    """Close a benchmark's window and delete it, as the app's one window is at exit: a closed
    window left alive would still be re-worded by a later language switch in this process."""
    window.close_quietly()
    process = window.session.training_process
    window.session.set_training_process(None)
    if process is not None:
        process.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


TRAIN_ELSEWHERE = [True]  # --in-window clears it


def _window(app: QApplication, n: int):
    from linreg_lab.gui.shell.main_window import MainWindow
    from linreg_lab.gui.state.data_state import DataState, GenerationSpec
    from linreg_lab.gui.state.hyperparameters import Hyperparameters
    from linreg_lab.gui.state.session import Session

    session = Session(DataState.generated(GenerationSpec(num_examples=n), 1),
                      Hyperparameters(num_epochs=0, lr=0.01))
    window = MainWindow(session)
    if TRAIN_ELSEWHERE[0]:  # as the app gives it (gui/shell/app.py)
        from linreg_lab import core

        session.set_training_process(core.TrainingProcess())
    window.resize(1400, 900)
    window.show()
    _spin(app, 0.3)  # let the layout settle before mapping data to pixels
    return window


def _viewports(window) -> dict[str, QObject]:
    return {"fit": window.fit_plot.viewport(), "loss": window.loss_plot.viewport(),
            "landscape": window.landscape_plot.viewport()}


def _headless_rate(session, seconds: float) -> float:
    from linreg_lab import core

    train, h = session.data.train_set, session.hyper
    t = core.SGDTrainer(train.X, train.y, lr=h.lr, batch_size=h.batch_size, seed=1)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += t.step(2_000)
    return done / (time.perf_counter() - start)


def bench_run(app: QApplication, n: int) -> dict[str, float]:
    window = _window(app, n)
    session = window.session
    headless_before = _headless_rate(session, 1.5)  # before and after: the machine drifts
    counter, probe = PaintCounter(_viewports(window)), StallProbe()
    window.run_loop.start()
    _spin(app, WARM_SECONDS)
    counter.reset()
    probe.reset()
    steps0, start = session.trainer.steps, time.perf_counter()
    _spin(app, RUN_SECONDS)
    elapsed = time.perf_counter() - start
    steps = session.trainer.steps - steps0
    window.run_loop.pause()
    probe.stop()
    out = {f"fps_{k}": v / elapsed for k, v in counter.counts.items()}
    out["stall_ms"] = probe.longest * 1000
    out["rate"] = steps / elapsed
    out["headless"] = (headless_before + _headless_rate(session, 1.5)) / 2
    _dispose(window)
    return out


def _send(widget, kind, pos: QPoint, button, buttons) -> None:
    ev = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def _dragged(plot) -> object:
    """The dragged point's marker (None in versions whose moves always edit the data)."""
    return plot.dragged_point() if hasattr(plot, "dragged_point") else None


def bench_drag(app: QApplication, n: int) -> dict[str, float]:
    import numpy as np

    window = _window(app, n)
    plot, s = window.fit_plot, window.session
    vp, left, none = plot.viewport(), Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    counter = PaintCounter({"fit": vp})
    vb = plot.getPlotItem().getViewBox()
    start = plot.mapFromScene(vb.mapViewToScene(QPointF(s.dataset.X[0, 0], s.dataset.y[0])))
    before = s.dataset.X.copy()
    _send(vp, QMouseEvent.Type.MouseButtonPress, start, left, left)
    app.processEvents()
    times, painted = [], 0
    for i in range(1, MOVES + 1):
        time.sleep(0.012)  # pyqtgraph drops moves closer than 10 ms (its mouse rate limit)
        counter.reset()
        data, marker = s.data, _dragged(plot)
        t = time.perf_counter()
        _send(vp, QMouseEvent.Type.MouseMove, start + QPoint(i, -i), none, left)
        app.processEvents()
        # moves before pyqtgraph's drag threshold move nothing; on big data a move moves the
        # point's marker and the data take the edit on release
        if s.data is not data or _dragged(plot) != marker:
            times.append(time.perf_counter() - t)
            painted += counter.counts["fit"] > 0
    probe = StallProbe()
    t = time.perf_counter()
    _send(vp, QMouseEvent.Type.MouseButtonRelease, start + QPoint(MOVES, -MOVES), left, none)
    app.processEvents()
    release = time.perf_counter() - t
    _spin(app, 1.0)  # anything deferred to idle time runs now (the exact rebuild)
    probe.stop()
    moved = not np.array_equal(s.dataset.X, before)  # the press may pick a nearby point
    _dispose(window)
    assert moved, "the drag did not move the point"
    ms = sorted(1000 * t for t in times[1:])
    return {"first_ms": 1000 * times[0], "median_ms": statistics.median(ms),
            "p95_ms": ms[int(0.95 * (len(ms) - 1))], "release_ms": 1000 * release,
            "after_release_stall_ms": 1000 * probe.longest, "painted": painted / len(times)}


def bench_open(app: QApplication, rows: int) -> dict[str, float]:
    import numpy as np

    from linreg_lab import core

    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, 1))
    ds = core.Dataset(X, 2 * X[:, 0] + 4.2 + rng.normal(size=rows))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        core.save_csv(ds, path)
        t = time.perf_counter()
        core.load_csv(path)
        load = time.perf_counter() - t
        window = _window(app, 100)
        counter, probe = PaintCounter(_viewports(window)), StallProbe()
        _spin(app, 0.2)
        counter.reset()
        probe.reset()
        t = time.perf_counter()
        QTimer.singleShot(0, lambda: window.open_any(path))
        while window.session.dataset.n_examples != rows or not counter.counts["fit"]:
            if window.session.dataset.n_examples != rows:
                counter.reset()
            app.processEvents()
        shown = time.perf_counter() - t
        _spin(app, 0.3)
        stall = probe.longest
        probe.stop()
        _dispose(window)
    return {"load_ms": 1000 * load, "shown_ms": 1000 * shown, "stall_ms": 1000 * stall}


def _longest_stall(app: QApplication, action, settled) -> float:
    """The longest event-loop gap (ms) from `action` in a fresh turn until `settled()` and
    half a second more (work deferred to idle turns counts too)."""
    probe = StallProbe()
    _spin(app, 0.1)
    probe.reset()
    QTimer.singleShot(0, action)
    end = time.perf_counter() + 60
    while not settled() and time.perf_counter() < end:
        app.processEvents()
    _spin(app, 0.5)
    probe.stop()
    return 1000 * probe.longest


def bench_actions(app: QApplication, n: int) -> dict[str, float]:
    """The longest stall of each action a learner takes on n points, from the window's own
    actions and panels (Generate from the data panel, Step, Epoch, Undo, Redo, Reset)."""
    window = _window(app, 100)
    s, a = window.session, window.lab_actions
    window.data_panel.n_spin.setValue(n)
    out = {"Generate": _longest_stall(app, window.data_panel.generate_button.click,
                                      lambda: s.dataset.n_examples == n)}
    for name, action, settled in (
            ("first Step", a.step.trigger, lambda: s.trainer.steps == 1),
            ("second Step", a.step.trigger, lambda: s.trainer.steps == 2),
            ("Epoch", a.epoch.trigger, lambda: s.trainer.epoch >= 1),
            ("Reset", a.reset.trigger, lambda: s.trainer.steps == 0),
            ("Undo", a.undo.trigger, lambda: s.dataset.n_examples == 100),
            ("Redo", a.redo.trigger, lambda: s.dataset.n_examples == n)):
        out[name] = _longest_stall(app, action, settled)
    _dispose(window)
    return out


_FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
class First(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and obj.parent() is not None \\
                and obj.parent().objectName() == "fitPlot":
            print(repr(time.time()), flush=True)
            os._exit(0)
        return False
first = First()
app.installEventFilter(first)
"""

_BARE = _FIRST_PAINT + """
import pyqtgraph as pg
from PySide6.QtWidgets import QMainWindow
w = QMainWindow()
plot = pg.PlotWidget()
plot.setObjectName("fitPlot")
plot.plot([0, 1, 2], [1, 0, 2])
w.setCentralWidget(plot)
w.resize(1400, 900)
w.show()
app.exec()
"""

_LAB = _FIRST_PAINT.replace("os._exit(0)", "_then_whole()") + """
def _then_whole():
    # the first frame is on screen: now time the window until every part is built and painted
    app.removeEventFilter(first)
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    def whole():
        window.repaint()
        print(repr(time.time()), flush=True)
        os._exit(0)
    if window.built:
        whole()
    window.finished.connect(whole)
from linreg_lab.gui.shell.app import main
main(["--lang", "en"])
"""


def _paint_times_s(code: str, env: dict[str, str]) -> list[float]:
    """The times the subprocess printed (its first paint, and for the lab the whole window),
    from its launch."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    return [float(line) - start for line in out.split()]


def bench_start(repeats: int = 7) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home,
               "QT_QPA_PLATFORM": "offscreen"}
        # a user's Python writes bytecode: without it every start compiles the app anew
        # (~0.2 s here, where the environment sets PYTHONDONTWRITEBYTECODE)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _paint_times_s(_LAB, env)  # a first run fills caches (bytecode, fonts) for both
        bare, lab, whole = [], [], []
        for _ in range(repeats):  # in turns, so a change of load hits both alike
            bare.append(_paint_times_s(_BARE, env)[0])
            first, built = _paint_times_s(_LAB, env)
            lab.append(first)
            whole.append(built)
    # each lab start is compared with the bare start just before it, so a slow moment of
    # a shared machine weighs on both sides of a ratio; the ratios' medians are printed
    return {"bare_s": statistics.median(bare), "lab_s": statistics.median(lab),
            "whole_s": statistics.median(whole),
            "lab_ratio": statistics.median(a / b for a, b in zip(lab, bare, strict=True)),
            "whole_ratio": statistics.median(a / b for a, b in zip(whole, bare, strict=True))}


def bench_language(app: QApplication, switches: int = 6) -> dict[str, float]:
    from linreg_lab.gui.shell.window_host import WindowHost
    from linreg_lab.gui.state.session import Session

    host = WindowHost(app, Session(), "en")
    host.window.resize(1400, 900)
    host.window.show()
    _spin(app, 0.3)
    counter = PaintCounter(_viewports(host.window))
    times = []
    for i in range(switches):
        counter.reset()
        t = time.perf_counter()
        host.switch_language("zh_CN" if i % 2 == 0 else "en")
        while not counter.counts["fit"]:
            app.processEvents()
        times.append(time.perf_counter() - t)
    host.switch_language("en")
    _dispose(host.window)
    return {"median_ms": 1000 * statistics.median(times)}


def _row(what: str, value: str, reference: str, ratio: float) -> None:
    print(f"  {what:<38} {value:>12} {reference:>14} {ratio:>7.2f}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--big", action="store_true", help="also n = 10⁶ for run and drag")
    p.add_argument("--only", default="run,drag,open,act,start,lang")
    p.add_argument("--csv-rows", type=int, default=1_000_000)
    p.add_argument("--blas", choices=("one", "default"), default="one",
                   help="BLAS threads: one, as the app pins them (default), or NumPy's default")
    p.add_argument("--in-window", action="store_true",
                   help="runs step in the window's process (no training process)")
    args = p.parse_args()
    TRAIN_ELSEWHERE[0] = not args.in_window
    if args.blas == "one":
        from linreg_lab.gui.shell.blas_threads import pin_blas_to_one_thread

        pin_blas_to_one_thread()
    parts = set(args.only.split(","))
    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("LinRegLabBench")
    QCoreApplication.setApplicationName(f"LinRegLabBench-{os.getpid()}")
    sizes = (100, 10_000, 100_000) + ((1_000_000,) if args.big else ())
    print(f"  {'what':<38} {'measured':>12} {'reference':>14} {'ratio':>7}")
    if "run" in parts:
        for n in sizes:
            r = bench_run(app, n)
            for plot in ("fit", "loss", "landscape"):
                _row(f"run n={n:.0e} frames/s {plot}", f"{r['fps_' + plot]:.1f}", "60",
                     r["fps_" + plot] / 60)
            _row(f"run n={n:.0e} longest stall ms", f"{r['stall_ms']:.1f}",
                 f"{FRAME_MS:.1f}", r["stall_ms"] / FRAME_MS)
            _row(f"run n={n:.0e} steps/s vs headless", f"{r['rate']:,.0f}",
                 f"{r['headless']:,.0f}", r["rate"] / r["headless"])
    if "drag" in parts:
        for n in sizes:
            r = bench_drag(app, n)
            for key in ("median_ms", "p95_ms", "first_ms", "release_ms",
                        "after_release_stall_ms"):
                _row(f"drag n={n:.0e} {key}", f"{r[key]:.1f}", f"{FRAME_MS:.1f}",
                     r[key] / FRAME_MS)
            _row(f"drag n={n:.0e} moves painted at once", f"{r['painted']:.0%}", "100%",
                 r["painted"])
    if "open" in parts:
        r = bench_open(app, args.csv_rows)
        _row(f"open {args.csv_rows:.0e} rows until painted ms", f"{r['shown_ms']:.0f}",
             f"{r['load_ms']:.0f}", r["shown_ms"] / r["load_ms"])
        _row("open: longest stall ms", f"{r['stall_ms']:.0f}", "100", r["stall_ms"] / 100)
    if "act" in parts:
        for what, ms in bench_actions(app, 1_000_000).items():
            _row(f"n=1e+06 {what}: longest stall ms", f"{ms:.0f}", "100", ms / 100)
    if "lang" in parts:
        r = bench_language(app)
        _row("language switch until painted ms", f"{r['median_ms']:.0f}", f"{FRAME_MS:.1f}",
             r["median_ms"] / FRAME_MS)
    if "start" in parts:
        r = bench_start()
        _row("first painted window s", f"{r['lab_s']:.2f}", f"{r['bare_s']:.2f}",
             r["lab_ratio"])
        _row("whole window built and painted s", f"{r['whole_s']:.2f}", f"{r['bare_s']:.2f}",
             r["whole_ratio"])


if __name__ == "__main__":
    main()
