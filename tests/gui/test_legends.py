"""Legends never cover data: no point and no curve vertex lies inside a legend, in the real
window and on the teaching tabs, whatever the data fill."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.noise.noise_panel import NoisePanel
from linreg_lab.gui.tabs.sweep.sweep_panel import SweepPanel


def _shown_points(plot) -> list[QPointF]:
    """Scene positions of every point and curve vertex drawn inside the data area."""
    vb = plot.getPlotItem().getViewBox()
    area = vb.sceneBoundingRect()
    shown = []
    for item in vb.addedItems:
        if not hasattr(item, "getData") or not item.isVisible():
            continue
        x, y = item.getData()
        if x is None:
            continue
        for a, b in zip(np.asarray(x, float), np.asarray(y, float), strict=False):
            p = vb.mapViewToScene(QPointF(a, b))
            if np.isfinite(a) and np.isfinite(b) and area.contains(p):
                shown.append(p)
    return shown


def covered(plot, legend) -> int:
    """How many drawn points or curve vertices of `plot` lie inside `legend`'s scene rect."""
    box = legend.sceneBoundingRect()
    assert box.width() > 0 and box.height() > 0  # the legend is shown
    return sum(box.contains(p) for p in _shown_points(plot))


def drawn(plot) -> int:
    """Drawn points and vertices in view (so a test cannot pass on an empty plot)."""
    return len(_shown_points(plot))


@pytest.mark.parametrize("spec", [
    GenerationSpec(),
    GenerationSpec(w=(-3.0,), b=0.0, num_examples=400, noise_std=4.0),  # fills every corner
    GenerationSpec(w=(0.0,), b=1.0, num_examples=300, x_range=(-3.0, 3.0)),  # flat band
])
def test_fit_and_loss_legends_cover_no_data(make_window, qtbot, spec):
    w = make_window()
    w.controls.generate(spec)
    w.session.step(300)
    qtbot.wait(50)  # the layout settles, as it has by the time anyone looks
    for plot in (w.fit_plot, w.loss_plot):
        assert drawn(plot) > 10
        assert covered(plot, plot._legend) == 0


def test_a_flat_loss_curve_passes_under_no_legend(make_window, qtbot):
    w = make_window()  # noise only: the loss stays at its top right from the first step
    w.controls.generate(GenerationSpec(w=(0.0,), b=0.0, noise_std=3.0, num_examples=200))
    w.session.set_hyperparameters(lr=0.001)
    w.session.step(400)
    qtbot.wait(50)
    assert drawn(w.loss_plot) > 10
    assert covered(w.loss_plot, w.loss_plot._legend) == 0


def test_noise_tab_legends_cover_no_curve(qtbot):
    session = Session()
    panel = NoisePanel(session)
    qtbot.addWidget(panel)
    panel.resize(1100, 280)
    panel.show()
    qtbot.waitExposed(panel)
    session.step(200)
    qtbot.wait(200)
    for part in (panel.density, panel.residuals):
        assert drawn(part.plot) > 10
        assert covered(part.plot, part.legend) == 0


def test_error_vs_n_legend_covers_no_curve(qtbot):
    panel = SweepPanel(Session())
    qtbot.addWidget(panel)
    panel.resize(1300, 320)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.estimationFinished, timeout=20_000):
        qtbot.mouseClick(panel.estimation.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=20_000)
    plot = panel.estimation.plot
    assert drawn(plot) > 5
    assert covered(plot, panel.estimation.legend) == 0


def test_legend_entries_wrap_into_the_plot_width(make_window, qtbot):
    w = make_window()
    w.resize(900, 700)
    qtbot.wait(100)
    for plot in (w.fit_plot, w.loss_plot):
        legend, item = plot._legend, plot.getPlotItem()
        assert legend.sceneBoundingRect().right() <= item.sceneBoundingRect().right() + 1
        assert item.sceneBoundingRect().width() <= plot.viewport().width() + 1





def test_legend_rows_use_the_width_they_have(make_window, qtbot):
    w = make_window()
    w.resize(1400, 900)
    w.session.step(100)  # the Noise tab redraws while hidden, then is shown
    qtbot.wait(50)
    w.tabs.show_panel("noise")
    qtbot.wait(100)
    legend = w.tabs.noise.density.legend
    samples = [sample.sceneBoundingRect() for sample, _label in legend.items]
    assert len(samples) == 4
    rows = {round(r.top()) for r in samples}
    assert len(rows) == 2  # two entries a row: one a row stretched the legend over the plot
    assert legend.sceneBoundingRect().width() <= w.tabs.noise.density.plot.width()
