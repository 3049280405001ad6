"""Part 3 of the Noise tab: the negative log-likelihood next to the MSE, along b.

MSE here is the mean of (y − ŷ)², twice d2l's squared loss ½·MSE that the comparison table
and the loss curve show; the numbers say both, so 6.2 beside the table's 3.1 is no puzzle.

With Gaussian noise of a fixed σ, −log P(y|X) = n·½log(2πσ²) + n·MSE/(2σ²): σ scales the curve
but never moves its minimum, so both curves bottom out at the analytical b. The two curves
have their own y axes (MSE left, solid; −log P right, dashed) on one shared b axis.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QWidget

from linreg_lab import core
from linreg_lab.core.noise_analysis import nll_and_mse_along, sweep_values
from linreg_lab.gui.plots.view_bounds import BoundedViewBox
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.plot_style import label_axes
from linreg_lab.gui.tabs.noise.small_plots import part_layout, small_plot, spin
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.vocabulary import HALF_MSE, MSE, measure_definition
from linreg_lab.gui.widgets.fields import describe
from linreg_lab.gui.widgets.retranslating import Retranslating

LOSS_CURVE = "#000000"  # MSE solid, NLL dashed: told apart by style and axis, not colour
SWEEP_POINTS = 201


def usable_sigma(sigma_hat: float) -> float:
    """σ for the likelihood: σ̂ unless the line fits exactly (σ̂ = 0), then 1."""
    return sigma_hat if sigma_hat > 0 and math.isfinite(sigma_hat) else 1.0


class LikelihoodPart(Retranslating, QGroupBox):
    """NLL and MSE along b at the analytical w, both minima marked, and their numbers."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._sigma_hat = 1.0  # σ̂ of the analytical fit on the training data
        inner = part_layout(self)
        self.plot = small_plot(self, "noiseSweepPlot", ("left", "bottom", "right"))
        self._make_items()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.sigma_auto = QCheckBox(self)
        self.sigma_auto.setChecked(True)
        self.nll_sigma_spin = spin(self, 0.01, 1e4, 1.0, 0.1, "σ = ")
        self.nll_sigma_spin.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.sigma_auto)
        row.addWidget(self.nll_sigma_spin, 1)
        inner.addWidget(self.label)
        inner.addWidget(self.plot, 1)
        inner.addLayout(row)
        self.sigma_auto.toggled.connect(self._on_sigma_auto)
        self.nll_sigma_spin.valueChanged.connect(self._on_sigma_changed)
        self.retranslate()

    def _make_items(self) -> None:
        item = self.plot.plotItem
        item.showAxis("right")
        self._nll_box = BoundedViewBox()
        item.scene().addItem(self._nll_box)
        item.getAxis("right").linkToView(self._nll_box)
        self._nll_box.setXLink(item)
        item.vb.sigResized.connect(self._align_nll_box)
        self.mse_curve = item.plot(pen=pg.mkPen(LOSS_CURVE, width=2))
        self.nll_curve = pg.PlotDataItem(pen=pg.mkPen(LOSS_CURVE, width=2,
                                                      style=Qt.PenStyle.DashLine))
        self._nll_box.addItem(self.nll_curve)
        self.mse_min_marker = pg.ScatterPlotItem(symbol="o", size=9, brush=pg.mkBrush(LOSS_CURVE),
                                                 pen=None)
        self.nll_min_marker = pg.ScatterPlotItem(symbol="o", size=16, brush=None,
                                                 pen=pg.mkPen(LOSS_CURVE, width=2))
        item.addItem(self.mse_min_marker)
        self._nll_box.addItem(self.nll_min_marker)
        pen = pg.mkPen(colors.ANALYTICAL, width=1.5, style=Qt.PenStyle.DashLine)
        self.optimum_line = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        item.addItem(self.optimum_line, ignoreBounds=True)

    def _align_nll_box(self) -> None:
        vb = self.plot.plotItem.vb
        self._nll_box.setGeometry(vb.sceneBoundingRect())
        self._nll_box.linkedViewChanged(vb, self._nll_box.XAxis)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Likelihood vs squared error"))
        item = self.plot.plotItem
        label_axes(item, self.tr("b (w at the analytical w)"), self.tr("MSE (solid)"))
        item.getAxis("right").setLabel(self.tr("−log P (dashed)"), color=colors.TEXT)
        self.plot.setAccessibleName(self.tr("Negative log-likelihood and MSE along b"))
        self.plot.setToolTip(self.tr(
            "Both curves as functions of b with w fixed at the analytical w: their lowest "
            "points sit at the same b, the analytical b (blue)."))
        self.label.setToolTip(self.tr(
            "MSE: {mse}\n½·MSE: {half} The comparison table and the loss curve show ½·MSE.\n"
            "−log P = n·½log(2πσ²) + n·MSE/(2σ²)").format(
            mse=measure_definition(MSE), half=measure_definition(HALF_MSE)))
        self.sigma_auto.setText(self.tr("fitted σ"))
        describe({
            self.sigma_auto: (self.tr("Use the fitted noise level"), self.tr(
                "Use the fitted σ, the maximum-likelihood noise level of the analytical line; "
                "untick to choose σ yourself.")),
            self.nll_sigma_spin: (self.tr("Noise level σ of the likelihood"), self.tr(
                "The fixed σ in −log P(y|X): it scales the curve but never moves its "
                "minimum.")),
        })
        self.refresh_numbers()

    # ----- σ of the likelihood --------------------------------------------------------------
    def likelihood_sigma(self) -> float:
        """The fixed σ of the likelihood: σ̂ of the analytical line, or the learner's."""
        if self.sigma_auto.isChecked():
            return usable_sigma(self._sigma_hat)
        return self.nll_sigma_spin.value()

    def _on_sigma_auto(self, on: bool) -> None:
        self.nll_sigma_spin.setEnabled(not on)
        if on:
            self._show_fitted_sigma()
        self._on_sigma_changed()

    def _on_sigma_changed(self) -> None:
        self.redraw_sweep()
        self.refresh_numbers()

    def _show_fitted_sigma(self) -> None:
        with QSignalBlocker(self.nll_sigma_spin):
            self.nll_sigma_spin.setValue(usable_sigma(self._sigma_hat))

    # ----- drawing --------------------------------------------------------------------------
    def refresh_data(self) -> None:
        """New data: σ̂ of the analytical fit, then the curves along b."""
        train, sol = self._session.data.train_set, self._session.solution.lstsq
        if train.n_examples:
            self._sigma_hat = core.mle_sigma(train.y - train.X @ sol.w - sol.b)
        else:
            self._sigma_hat = float("nan")
        if self.sigma_auto.isChecked():
            self._show_fitted_sigma()
        self.redraw_sweep()

    def redraw_sweep(self) -> None:
        """NLL and MSE along b at the analytical w; both minima drawn where they are."""
        train, sol = self._session.data.train_set, self._session.solution.lstsq
        if not train.n_examples:
            for item in (self.mse_curve, self.nll_curve, self.mse_min_marker,
                         self.nll_min_marker):
                item.setData([], [])
            self.optimum_line.hide()
            return
        half = 3 * self._sigma_hat if self._sigma_hat > 0 else 1.0
        bs = sweep_values(sol.b, half, SWEEP_POINTS)
        nll, mse = nll_and_mse_along(train.X, train.y, sol.w, bs, self.likelihood_sigma())
        self.mse_curve.setData(bs, mse)
        self.nll_curve.setData(bs, nll)
        i, j = int(np.argmin(mse)), int(np.argmin(nll))
        self.mse_min_marker.setData([bs[i]], [mse[i]])
        self.nll_min_marker.setData([bs[j]], [nll[j]])
        self.optimum_line.setValue(sol.b)
        self.optimum_line.show()
        self.plot.plotItem.vb.autoRange(padding=0.05)
        self._nll_box.autoRange(padding=0.05)

    def refresh_numbers(self) -> None:
        """MSE and −log P of the current SGD parameters and of the optimum."""
        train, trainer = self._session.data.train_set, self._session.trainer
        if not train.n_examples:
            self.label.setText("")
            return
        sol, sigma = self._session.solution.lstsq, self.likelihood_sigma()
        with np.errstate(over="ignore", invalid="ignore"):
            nll_sgd, mse_sgd = nll_and_mse_along(train.X, train.y, trainer.w, [trainer.b], sigma)
            nll_opt, mse_opt = nll_and_mse_along(train.X, train.y, sol.w, [sol.b], sigma)
        self.label.setText(self.tr(
            "SGD now: MSE {mse} (½·MSE {half}) · −log P {nll}\noptimum: MSE {mse_opt} "
            "(½·MSE {half_opt}) · −log P {nll_opt}\nMSE = mean of (y − ŷ)² = 2 × ½·MSE").format(
            mse=fmt(mse_sgd[0]), half=fmt(mse_sgd[0] / 2), nll=fmt(nll_sgd[0]),
            mse_opt=fmt(mse_opt[0]), half_opt=fmt(mse_opt[0] / 2), nll_opt=fmt(nll_opt[0])))

    def sweep_minima(self) -> tuple[float, float]:
        """b of the drawn MSE minimum and of the drawn NLL minimum."""
        return (float(self.mse_min_marker.getData()[0][0]),
                float(self.nll_min_marker.getData()[0][0]))
