"""Part 2 of the Noise tab: the residuals of the current SGD line, as a density.

Beside them the normal curve N(0, σ̂²) whose σ maximises their likelihood: if the noise is
Gaussian, the histogram takes its shape as SGD converges.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from linreg_lab import core
from linreg_lab.core.noise_analysis import residual_histogram
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.plot_style import label_axes
from linreg_lab.gui.tabs.noise.small_plots import (
    compact_legend,
    part_layout,
    rename,
    set_top,
    small_plot,
)
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.retranslating import Retranslating

DENSITY_FIT = "#000000"  # the normal density fitted to the residuals
GRID = 401


class ResidualsPart(Retranslating, QGroupBox):
    """Histogram of y − ŷ under the SGD parameters, with the fitted normal density."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        inner = part_layout(self)
        self.plot = small_plot(self, "noiseResidualPlot")
        self.legend = compact_legend(self.plot)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0,
                                         brush=pg.mkBrush(colors.RESIDUAL),
                                         pen=pg.mkPen(colors.DATA, width=1))
        self.plot.addItem(self.histogram)
        self.legend.addItem(self.histogram, "residuals")
        self.fitted_normal = self.plot.plot(pen=pg.mkPen(DENSITY_FIT, width=2), name="N")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        inner.addWidget(self.plot, 1)
        inner.addWidget(self.label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Residuals of the SGD line"))
        label_axes(self.plot.plotItem, "r = y − ŷ", self.tr("density"))
        self.plot.setAccessibleName(self.tr("Histogram of the SGD residuals"))
        self.plot.setToolTip(self.tr(
            "How the training residuals of the current SGD line are spread, as a density, "
            "with the normal curve whose σ maximises their likelihood."))
        rename(self.legend, self.histogram, self.tr("residuals"))
        rename(self.legend, self.fitted_normal, self.tr("N(0, fitted σ²)"))
        self.refresh()  # the label's words

    def refresh(self) -> None:
        """Draw the residuals of the session's current SGD parameters."""
        train, trainer = self._session.data.train_set, self._session.trainer
        if not train.n_examples:
            self._show_none(self.tr("No training examples yet."))
            return
        with np.errstate(over="ignore", invalid="ignore"):
            r = train.y - train.X @ trainer.w - trainer.b
        if trainer.diverged or not np.isfinite(r).all():
            self._show_none(self.tr("SGD diverged: no finite residuals to show."))
        else:
            self._draw(r)

    def _show_none(self, text: str) -> None:
        self.histogram.setData([0.0, 0.0], [0.0])
        self.fitted_normal.setData([], [])
        self.label.setText(text)

    def _draw(self, r: np.ndarray) -> None:
        edges, density = residual_histogram(r)
        self.histogram.setData(edges, density)
        sigma = core.mle_sigma(r)
        peak = core.normal(0.0, 0.0, sigma) if sigma > 0 else 0.0
        set_top(self.plot, max(float(density.max()), float(peak)))
        if sigma > 0:
            reach = 4 * sigma
            x = np.linspace(min(edges[0], -reach), max(edges[-1], reach), GRID)
            self.fitted_normal.setData(x, core.normal(x, 0.0, sigma))
        else:
            self.fitted_normal.setData([], [])
        self.label.setText(self.tr(
            "fitted σ = {sigma} (maximum likelihood) · mean r = {mean}").format(
            sigma=fmt(sigma), mean=fmt(float(np.mean(r)))))
