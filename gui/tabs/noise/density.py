"""Part 1 of the Noise tab: the normal density, with the chapter's three curves (d2l 3.1.2).

Local controls only: the learner's own μ and σ, and whether to show the figure's curves.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QWidget

from linreg_lab import core
from linreg_lab.gui.style.plot_style import label_axes
from linreg_lab.gui.tabs.noise.small_plots import (
    compact_legend,
    part_layout,
    rename,
    set_top,
    small_plot,
    spin,
)
from linreg_lab.gui.widgets.fields import describe
from linreg_lab.gui.widgets.retranslating import Retranslating

# The chapter's three normal curves (d2l fig. 3.1.2), in colours that mean nothing else here.
CHAPTER_CURVES = ((0.0, 1.0, "#CC79A7"), (0.0, 2.0, "#F0E442"), (3.0, 1.0, "#7F7F7F"))
USER_CURVE = "#000000"  # the learner's own μ, σ
DENSITY_GRID = 401
DENSITY_HEADROOM = 1.1  # the legend sits above the plot: little room needed


def density_grid(mu: float, sigma: float) -> np.ndarray:
    """x values covering the chapter's figure (−7…7) and ±4σ around the learner's μ."""
    lo, hi = min(-7.0, mu - 4 * sigma), max(7.0, mu + 4 * sigma)
    return np.linspace(lo, hi, DENSITY_GRID)


class DensityPart(Retranslating, QGroupBox):
    """p(x) = 1/√(2πσ²) exp(−(x − μ)²/(2σ²)) for the learner's μ, σ and the chapter's."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        inner = part_layout(self)
        self._make_plot()
        self.mu_spin = spin(self, -10.0, 10.0, 0.0, 0.5, "μ = ")
        self.sigma_spin = spin(self, 0.1, 10.0, 1.0, 0.1, "σ = ")
        self.chapter_check = QCheckBox(self)
        self.chapter_check.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.mu_spin)
        row.addWidget(self.sigma_spin)
        inner.addWidget(self.plot, 1)
        inner.addLayout(row)
        inner.addWidget(self.chapter_check)
        self.mu_spin.valueChanged.connect(self.redraw)
        self.sigma_spin.valueChanged.connect(self.redraw)
        self.chapter_check.toggled.connect(self.show_chapter_curves)
        self.show_chapter_curves(True)
        self.retranslate()

    def _make_plot(self) -> None:
        self.plot = small_plot(self, "noiseDensityPlot")
        self.legend = compact_legend(self.plot)
        self.chapter_curves: list[pg.PlotDataItem] = []
        for _mu, _sigma, colour in CHAPTER_CURVES:
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=2.5))
            self.plot.addItem(curve)
            self.chapter_curves.append(curve)
        self.user_curve = self.plot.plot(pen=pg.mkPen(USER_CURVE, width=2), name="yours")

    def retranslate(self) -> None:
        self.setTitle(self.tr("Normal distribution p(x)"))
        label_axes(self.plot.plotItem, "x", "p(x)")
        self.plot.setAccessibleName(self.tr("Normal density curves"))
        rename(self.legend, self.user_curve, self.tr("yours"))
        self.chapter_check.setText(self.tr("show the chapter's three curves"))
        describe({
            self.mu_spin: (self.tr("Mean μ"),
                           self.tr("The mean μ of your normal curve: where its peak sits.")),
            self.sigma_spin: (self.tr("Standard deviation σ"), self.tr(
                "The standard deviation σ of your curve: larger σ spreads it wider and lowers "
                "its peak.")),
            self.chapter_check: (self.tr("Show the chapter's three curves"), self.tr(
                "Overlay the curves of d2l's figure: (μ=0, σ=1), (μ=0, σ=2) and (μ=3, σ=1).")),
        })
        self.setMinimumWidth(self.chapter_check.sizeHint().width() + 12)

    def redraw(self) -> None:
        mu, sigma = self.mu_spin.value(), self.sigma_spin.value()
        x = density_grid(mu, sigma)
        self.user_curve.setData(x, core.normal(x, mu, sigma))
        for curve, (c_mu, c_sigma, _colour) in zip(self.chapter_curves, CHAPTER_CURVES,
                                                   strict=True):
            curve.setData(x, core.normal(x, c_mu, c_sigma))
        peaks = [core.normal(mu, mu, sigma)]
        if self.chapter_check.isChecked():
            peaks += [core.normal(c_mu, c_mu, c_sigma) for c_mu, c_sigma, _c in CHAPTER_CURVES]
        set_top(self.plot, float(np.max(peaks)), DENSITY_HEADROOM)

    def show_chapter_curves(self, on: bool) -> None:
        for curve, (mu, sigma, _colour) in zip(self.chapter_curves, CHAPTER_CURVES, strict=True):
            curve.setVisible(on)
            self.legend.removeItem(curve)
            if on:
                self.legend.addItem(curve, f"μ={mu:g}, σ={sigma:g}")
        self.redraw()
