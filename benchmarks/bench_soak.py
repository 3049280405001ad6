"""Soak: does the window hold up over a long run at full speed, and over language switches?

In a real, shown window (offscreen) on the default data (100 points, batch 10), run mode at
full speed until 10⁷ SGD steps (or a time cap; it says how far it got), then 40 language
switches. Prints:
  - SGD steps/s in the window ÷ headless core.SGDTrainer steps/s on the same data, measured in
    the same run (the target of bench_gui.py: ≥ 0.5);
  - frames per second: paint events of the fit plot's and the loss plot's viewports (an event
    filter counts QEvent.Paint), against the redraws asked for (stateChanged);
  - resident memory (RSS, psutil) after a warm-up, along the run and at the end; growth ÷ RSS
    after warm-up, and the slope over the second half of the run in MB per 10⁶ steps (a leak
    shows as a steady slope, not as a one-off step);
  - that the loss curve is still drawn at the end: its PlotDataItem's displayed data is
    non-empty and finite and reaches the current step;
  - RSS and QObject/widget counts before and after 40 switches (zh_CN ⇄ en);
  - the Python object types whose count grew most (gc), to find what grows if anything does.

Settings and recovery files go to a temporary folder, never the user's.

Run:  .venv/bin/python benchmarks/bench_soak.py                 (10⁷ steps, cap 150 s)
      .venv/bin/python benchmarks/bench_soak.py --steps 1e6     (a quick look)
      .venv/bin/python benchmarks/bench_soak.py --cap 0         (no cap: all the steps)
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import gc
import math
import os
import sys
import tempfile
import time
import tracemalloc

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import psutil
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QSettings,
    QStandardPaths,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from linreg_lab import core
from linreg_lab.gui.shell.window_host import WindowHost
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session

MB = 1024 * 1024
WARM_UP_S = 5.0
SAMPLE_S = 5.0


class StallProbe(QObject):
    """The longest the event loop went without serving a 10 ms timer, beyond those 10 ms."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(10)

    def reset(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last - 0.010)
        self._last = now


class PaintCounter(QObject):
    """Counts the paint events a widget receives (watch its viewport for a QGraphicsView)."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def quiet_qt_messages(mode, context, message: str) -> None:
    """Qt's messages on stderr, less the offscreen platform's note on every window shown."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def _malloc_trim():
    """glibc's malloc_trim, or None: hands freed heap pages back to the system."""
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


MALLOC_TRIM = _malloc_trim()


def rss_mb(trim: bool = True) -> float:
    """Resident memory in MB after a full gc; trimmed, it counts what is held, not pages the
    allocator keeps free for reuse (those move with fragmentation, not with leaks)."""
    gc.collect()
    if trim and MALLOC_TRIM is not None:
        MALLOC_TRIM(0)
    return psutil.Process().memory_info().rss / MB


def type_counts() -> collections.Counter:
    gc.collect()
    return collections.Counter(type(o).__qualname__ for o in gc.get_objects())


def grown_types(before: collections.Counter, after: collections.Counter, top: int = 6) -> str:
    growth = sorted(((after[t] - before[t], t) for t in after if after[t] > before[t]),
                    reverse=True)[:top]
    return ", ".join(f"{t} +{n}" for n, t in growth) or "none"


def traced_growth(top: int = 5) -> str:
    """What Python allocated since tracemalloc.start() and still holds, by source line."""
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    current, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stats = snapshot.statistics("lineno")[:top]
    lines = [f"    {st.size / 1024:8.1f} kB in {st.count:6d} blocks  {st.traceback[0]}"
             for st in stats]
    return f"  Python memory held since warm-up (tracemalloc): {current / MB:.2f} MB\n" + \
        "\n".join(lines)


def headless_rate(session: Session, seconds: float = 3.0) -> float:
    train, hyper = session.data.train_set, session.hyper
    t = core.SGDTrainer(train.X, train.y, lr=hyper.lr, batch_size=hyper.batch_size, seed=1)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        t.step(20_000)
        done += 20_000
    return done / (time.perf_counter() - start)


def run_until(app: QApplication, done, seconds: float, every_s: float = 0.25,
              on_tick=None) -> None:
    """Run the real event loop (no busy polling) until done() or `seconds` have passed."""
    loop = QEventLoop()
    start = time.perf_counter()

    def check() -> None:
        if on_tick is not None:
            on_tick()
        if done() or (seconds > 0 and time.perf_counter() - start >= seconds):
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(int(every_s * 1000))
    loop.exec()
    timer.stop()


def curve_state(curve, steps: int) -> tuple[int, bool, float]:
    """(points displayed, all finite, last displayed x ÷ steps done) of a PlotDataItem."""
    x, y = curve.getData()
    if x is None or y is None or len(x) == 0:
        return 0, False, 0.0
    finite = bool(np.isfinite(x).all() and np.isfinite(y).all())
    return len(x), finite, float(np.max(x)) / max(steps, 1)


def soak(app: QApplication, host: WindowHost, target_steps: int, cap_s: float,
         trace: bool = False) -> dict:
    window = host.window
    session = window.session
    fit_paints = PaintCounter(window.fit_plot.viewport())
    loss_paints = PaintCounter(window.loss_plot.viewport())
    redraws = [0]
    session.stateChanged.connect(lambda: redraws.__setitem__(0, redraws[0] + 1))

    probe = StallProbe()
    rss_start = rss_mb()
    window.run_loop.start()
    run_until(app, lambda: False, WARM_UP_S)
    rss_warm, steps_warm = rss_mb(), session.trainer.steps
    types_warm = type_counts()
    widgets_warm = len(app.allWidgets())
    if trace:
        tracemalloc.start(8)
    fit_paints.count = loss_paints.count = redraws[0] = 0
    samples = [(steps_warm, rss_warm)]
    start = last_sample = time.perf_counter()
    probe.reset()

    def sample() -> None:
        nonlocal last_sample
        now = time.perf_counter()
        if now - last_sample >= SAMPLE_S:
            last_sample = now
            samples.append((session.trainer.steps, rss_mb()))

    remaining = max(cap_s - WARM_UP_S, 1.0) if cap_s > 0 else 0.0
    run_until(app, lambda: session.trainer.steps >= target_steps, remaining, on_tick=sample)
    elapsed = time.perf_counter() - start
    stall = probe.longest
    steps_end = session.trainer.steps
    frames = (fit_paints.count / elapsed, loss_paints.count / elapsed, redraws[0] / elapsed)
    window.run_loop.pause()
    window.session_files.wait_for_autosave()  # one under way holds its document until done
    app.processEvents()
    traced = traced_growth() if trace else ""
    rss_untrimmed = rss_mb(trim=False)
    rss_end = rss_mb()
    samples.append((steps_end, rss_end))
    half = [s for s in samples if s[0] >= (steps_warm + steps_end) / 2] or samples[-2:]
    if len(half) >= 2 and half[-1][0] > half[0][0]:
        slope = np.polyfit([s / 1e6 for s, _ in half], [m for _, m in half], 1)[0]
    else:
        slope = float("nan")
    return {
        "rss_start": rss_start, "rss_warm": rss_warm, "rss_end": rss_end, "slope": slope,
        "rss_untrimmed": rss_untrimmed, "traced": traced,
        "samples": samples, "steps_warm": steps_warm, "steps_end": steps_end,
        "elapsed": elapsed, "stall": stall, "rate": (steps_end - steps_warm) / elapsed,
        "frames": frames,
        "minibatch": curve_state(window.loss_plot.minibatch_curve, steps_end),
        "train": curve_state(window.loss_plot.train_curve, steps_end),
        "history_rows": len(session.trainer.history.step_index),
        "types": grown_types(types_warm, type_counts()),
        "widgets": (widgets_warm, len(app.allWidgets())),
        "diverged": session.trainer.diverged,
    }


def switches(app: QApplication, host: WindowHost, count: int) -> dict:
    def qobjects() -> int:
        return len(host.window.findChildren(QObject))

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    settle()
    host.switch_language("zh_CN")  # the first switch loads the translator and fonts: warm-up
    settle()
    host.switch_language("en")
    settle()
    before = (rss_mb(), qobjects(), len(app.allWidgets()), type_counts())
    start = time.perf_counter()
    for i in range(count):
        host.switch_language("zh_CN" if i % 2 == 0 else "en")
        settle()
    per_switch = (time.perf_counter() - start) / count
    if host.language != "en":
        host.switch_language("en")
        settle()
    after = (rss_mb(), qobjects(), len(app.allWidgets()), type_counts())
    return {"before": before[:3], "after": after[:3], "per_switch": per_switch,
            "types": grown_types(before[3], after[3])}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=float, default=1e7, help="SGD steps to run (default 1e7)")
    p.add_argument("--cap", type=float, default=150.0,
                   help="seconds of running at most, warm-up included (0: no cap)")
    p.add_argument("--switches", type=int, default=40, help="language switches (default 40)")
    p.add_argument("--no-autosave", action="store_true",
                   help="stop the once-a-minute autosave, to see the run's memory alone")
    p.add_argument("--trace", action="store_true",
                   help="tracemalloc from the warm-up on: what Python memory grew, by line "
                        "(slows the window down)")
    args = p.parse_args(argv)

    scratch = tempfile.TemporaryDirectory(prefix="linreg-soak-")
    qInstallMessageHandler(quiet_qt_messages)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QCoreApplication.setOrganizationName("LinRegLabSoak")
    QCoreApplication.setApplicationName(f"LinRegLabSoak-{os.getpid()}")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch.name)
    QStandardPaths.setTestModeEnabled(True)  # the autosave's recovery file: not the user's

    session = Session(DataState.generated(GenerationSpec(seed=42), 42),
                      Hyperparameters(seed=42, num_epochs=0))
    host = WindowHost(app, session, "en")
    host.window.resize(1400, 900)
    host.window.show()
    for _ in range(5):
        app.processEvents()

    if args.no_autosave:
        host.window.session_files.stop()
    headless = headless_rate(session)
    r = soak(app, host, int(args.steps), args.cap, args.trace)
    print(f"soak: {r['steps_end']:,} of {int(args.steps):,} SGD steps "
          f"({'all' if r['steps_end'] >= args.steps else 'time cap reached'}) in "
          f"{r['elapsed'] + WARM_UP_S:.0f} s, {len(session.data.train_set.y)} training points, "
          f"batch {session.hyper.batch_size}{', DIVERGED' if r['diverged'] else ''}"
          f"{', autosave off' if args.no_autosave else ', autosave every minute'}")
    print(f"  window {r['rate']:,.0f} steps/s, headless {headless:,.0f} steps/s: "
          f"ratio {r['rate'] / headless:.2f} (target ≥ 0.5)")
    fit_fps, loss_fps, redraw_fps = r["frames"]
    print(f"  frames/s: fit plot {fit_fps:.1f}, loss plot {loss_fps:.1f}; redraws asked "
          f"{redraw_fps:.1f}/s; loss paints ÷ redraws {loss_fps / max(redraw_fps, 1e-9):.2f}; "
          f"longest event-loop stall {1000 * r['stall']:.0f} ms")
    print(f"  RSS{' (after malloc_trim)' if MALLOC_TRIM else ''}: start {r['rss_start']:.1f} MB, "
          f"after {WARM_UP_S:.0f} s warm-up {r['rss_warm']:.1f} MB ({r['steps_warm']:,} steps), "
          f"end {r['rss_end']:.1f} MB (untrimmed {r['rss_untrimmed']:.1f} MB)")
    growth = r["rss_end"] - r["rss_warm"]
    print(f"  RSS growth ÷ RSS after warm-up: {growth / r['rss_warm']:+.3f} "
          f"({growth:+.1f} MB); second-half slope {r['slope']:+.2f} MB per 10⁶ steps")
    print("  RSS along the run (steps: MB): " + ", ".join(
        f"{s / 1e6:.1f}M: {m:.0f}" for s, m in r["samples"]))
    n, finite, reach = r["minibatch"]
    ok = n > 0 and finite and reach > 0.9
    print(f"  loss curve at the end: minibatch curve {n} points shown, finite {finite}, "
          f"last x ÷ steps {reach:.3f} -> {'DRAWN' if ok else 'NOT DRAWN'}; "
          f"train curve {r['train'][0]} points; history keeps {r['history_rows']:,} rows")
    print(f"  widgets {r['widgets'][0]} -> {r['widgets'][1]}; Python objects grown most: "
          f"{r['types']}")
    if r["traced"]:
        print(r["traced"])

    if args.switches:
        s = switches(app, host, args.switches)
        (rss0, obj0, wid0), (rss1, obj1, wid1) = s["before"], s["after"]
        print(f"language switches: {args.switches}, {1000 * s['per_switch']:.0f} ms each")
        print(f"  RSS {rss0:.1f} -> {rss1:.1f} MB: growth ÷ RSS before "
              f"{(rss1 - rss0) / rss0:+.4f} ({rss1 - rss0:+.1f} MB, "
              f"{1024 * (rss1 - rss0) / args.switches:+.0f} kB per switch)")
        print(f"  QObjects in the window {obj0} -> {obj1}, widgets {wid0} -> {wid1}; "
              f"Python objects grown most: {s['types']}")
    host.window.close_quietly()
    host.window.session_files.finish()
    app.processEvents()
    return 0 if ok and not math.isnan(r["rate"]) else 1


if __name__ == "__main__":
    sys.exit(main())
