"""GUI run-mode throughput and responsiveness, against the headless core in the same run.

Prints, for the default data (100 points) and for 10,000 points:
  - SGD steps/s of the window at full speed, and of core.SGDTrainer.step() headless;
  - their ratio (target: the window does at least 0.5× the headless rate);
  - the longest event-loop stall seen by a 1 ms probe timer while running (target: a frame or
    two, ≤ ~35 ms) and the number of redraws (stateChanged) per second (target: ≤ ~60).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from linreg_lab import core
from linreg_lab.gui.shell.main_window import MainWindow
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session

SECONDS = 3.0


def headless_rate(session: Session, seconds: float) -> float:
    train = session.data.train_set
    t = core.SGDTrainer(train.X, train.y, lr=0.03, batch_size=10, seed=1)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        t.step(20_000)
        done += 20_000
    return done / (time.perf_counter() - start)


def window_rate(app: QApplication, n: int) -> tuple[float, float, float, Session]:
    spec = GenerationSpec(num_examples=n)
    session = Session(DataState.generated(spec, 1), Hyperparameters(num_epochs=0, lr=0.01))
    window = MainWindow(session)
    window.show()
    app.processEvents()
    frames = [0]
    session.stateChanged.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    stall, clock = [0.0], QElapsedTimer()
    probe = QTimer()
    probe.setInterval(1)

    def on_probe() -> None:
        stall[0] = max(stall[0], clock.restart() / 1000.0)

    probe.timeout.connect(on_probe)
    clock.start()
    probe.start()
    window.run_loop.start()
    steps0, start = session.trainer.steps, time.perf_counter()
    warm = start + 0.5
    while time.perf_counter() < warm:
        app.processEvents()
    steps0, frames[0], stall[0], start = session.trainer.steps, 0, 0.0, time.perf_counter()
    clock.restart()
    while time.perf_counter() - start < SECONDS:
        app.processEvents()
    elapsed = time.perf_counter() - start
    window.run_loop.pause()
    probe.stop()
    rate = (session.trainer.steps - steps0) / elapsed
    window.close_quietly()
    return rate, stall[0], frames[0] / elapsed, session


def main() -> None:
    app = QApplication.instance() or QApplication([])
    print(f"{'points':>8} {'window steps/s':>15} {'core steps/s':>13} {'ratio':>6} "
          f"{'max stall ms':>13} {'redraws/s':>10}")
    for n in (100, 10_000):
        rate, stall, fps, session = window_rate(app, n)
        ref = headless_rate(session, SECONDS)
        print(f"{n:>8} {rate:>15,.0f} {ref:>13,.0f} {rate / ref:>6.2f} {stall * 1000:>13.1f} "
              f"{fps:>10.1f}")


if __name__ == "__main__":
    main()
