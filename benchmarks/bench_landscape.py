"""Landscape redraw cost does not grow with n: it comes from sufficient statistics.

Prints the time of one full heat-map redraw (grid, contours, markers) at n = 10³ and 10⁵ and
their ratio, plus the time of one data edit (drag) that triggers it, for reference.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_landscape.py
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from linreg_lab.gui.plots.landscape_plot import LandscapePlot
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style.plot_style import apply_plot_style

REPEATS = 20


def redraw_ms(app: QApplication, n: int) -> tuple[float, float]:
    session = Session(DataState.generated(GenerationSpec(num_examples=n), 1), Hyperparameters())
    plot = LandscapePlot(session)
    plot.resize(500, 400)
    plot.show()
    app.processEvents()
    best = float("inf")
    for _ in range(REPEATS):
        t = time.perf_counter()
        plot.redraw_landscape()
        app.processEvents()
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    session.move_example(0, 0.5, 3.0)  # one drag event: new solution, stats, landscape
    app.processEvents()
    edit = time.perf_counter() - t
    plot.close()
    return best * 1000, edit * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_plot_style()
    small, edit_small = redraw_ms(app, 1_000)
    large, edit_large = redraw_ms(app, 100_000)
    print(f"{'n':>8} {'landscape redraw ms':>20} {'whole drag edit ms':>19}")
    print(f"{1_000:>8} {small:>20.2f} {edit_small:>19.2f}")
    print(f"{100_000:>8} {large:>20.2f} {edit_large:>19.2f}")
    print(f"redraw ratio n=1e5 / n=1e3: {large / small:.2f}  (target: ~1, no growth with n)")


if __name__ == "__main__":
    main()
