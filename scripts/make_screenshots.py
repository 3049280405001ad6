"""Render the screenshots kept in docs/screenshots (offscreen, deterministic data).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_screenshots.py

For each language: the whole window after 200 SGD steps, every teaching tab (the timer and
the sweep after a real run), a lesson; plus the window in the dark palette.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.window_host import WindowHost
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style.palette import apply_appearance
from linreg_lab.gui.style.plot_style import apply_plot_style

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, done, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, language: str, appearance: str = "light") -> None:
    install_translators(app, language)
    apply_appearance(app, appearance)
    session = Session(DataState.generated(GenerationSpec(), 42), Hyperparameters())
    host = WindowHost(app, session, language)
    w = host.window
    w.resize(1400, 900)
    w.show()
    settle(app)
    session.step(200)
    settle(app)
    suffix = f"{language}" + ("" if appearance == "light" else f"-{appearance}")
    w.grab().save(str(OUT / f"window-{suffix}.png"))
    if appearance != "light":
        w.close_quietly()
        return
    tabs = w.tabs
    w.tabs.sweep.run_sweep()
    w.tabs.vectorization.time_vector_addition()
    wait_for(app, lambda: not (tabs.sweep.is_running() or tabs.vectorization.runner.is_running()))
    w.tabs.sweep.run_estimation()
    wait_for(app, lambda: not tabs.sweep.is_running())
    for name in ("formula", "noise", "vectorization", "sweep"):
        tabs.show_panel(name)
        settle(app, 0.3)
        tabs.grab().save(str(OUT / f"tab-{name}-{suffix}.png"))
    w.open_lesson("normal_distribution")
    settle(app)
    tabs.grab().save(str(OUT / f"lesson-{suffix}.png"))
    w.close_quietly()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_plot_style()
    OUT.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh_CN"):
        shoot(app, language)
    shoot(app, "en", "dark")
    shoot(app, "zh_CN", "dark")
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
