"""Noise & likelihood (d2l 3.1.3): why the squared loss, and when another loss is the right one.

Four small live parts: the normal density with the chapter's three curves; the residuals of the
SGD line against the normal N(0, σ̂²) fitted to them; the negative log-likelihood next to the
MSE along b, with both minima on the analytical b; and squared (Gaussian MLE) against absolute
(Laplace MLE) loss on data regenerated with another noise type. The numbers come from core;
this view only chooses what to show. Training redraws are throttled to about 10 per second.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QElapsedTimer, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linreg_lab import core
from linreg_lab.core.noise_analysis import (
    LadFit,
    lad_iterations,
    nll_and_mse_along,
    parameter_distance,
    residual_histogram,
    sweep_values,
)
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt

# The chapter's three normal curves (d2l fig. 3.1.2), in colours that mean nothing else here.
CHAPTER_CURVES = ((0.0, 1.0, "#CC79A7"), (0.0, 2.0, "#F0E442"), (3.0, 1.0, "#7F7F7F"))
USER_CURVE = "#000000"     # the learner's own μ, σ
DENSITY_FIT = "#000000"    # the normal density fitted to the residuals
LOSS_CURVE = "#000000"     # MSE solid, NLL dashed: told apart by style and axis, not colour
NOISE_KINDS = ("gaussian", "laplace", "outliers")
REDRAW_INTERVAL_MS = 100   # training redraws at most ~10 per second
LAD_BUDGET_S = 0.010       # LAD iterations per event-loop turn on big data
DENSITY_GRID = 401
HEADROOM = 1.5             # y range over the highest curve: the legend lives up there ...
DENSITY_HEADROOM = 2.0     # ... and four legend rows need more
SWEEP_POINTS = 201
LS_ROW, LAD_ROW = 0, 1


def noise_kind(spec: GenerationSpec | None) -> str | None:
    """The noise type of generated data; None when the data came from a file or clicks."""
    return None if spec is None else spec.noise


def density_grid(mu: float, sigma: float) -> np.ndarray:
    """x values covering the chapter's figure (−7…7) and ±4σ around the learner's μ."""
    lo, hi = min(-7.0, mu - 4 * sigma), max(7.0, mu + 4 * sigma)
    return np.linspace(lo, hi, DENSITY_GRID)


def usable_sigma(sigma_hat: float) -> float:
    """σ for the likelihood: σ̂ unless the line fits exactly (σ̂ = 0), then 1."""
    return sigma_hat if sigma_hat > 0 and math.isfinite(sigma_hat) else 1.0


def format_vector(values: np.ndarray | None) -> str:
    return "—" if values is None else ", ".join(fmt(v) for v in np.ravel(values))


class NoisePanel(QWidget):
    """The normal density, residuals, likelihood vs MSE, and squared vs absolute loss."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noisePanel")
        self.setAccessibleName(self.tr("Noise and likelihood"))
        self._session = session
        self._sigma_hat = 1.0          # σ̂ of the analytical fit on the training data
        self._lad: LadFit | None = None
        self._lad_steps: Iterator[LadFit] | None = None
        self._state_stale = True
        self._data_stale = True
        self._last_draw = QElapsedTimer()
        self._redraw_timer = self._single_shot(self._redraw_state, REDRAW_INTERVAL_MS)
        self._lad_timer = self._single_shot(self._continue_lad, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self._build_density(), 10)
        layout.addWidget(self._build_residuals(), 10)
        layout.addWidget(self._build_likelihood(), 11)
        layout.addWidget(self._build_comparison(), 14)
        self._show_chapter_curves(True)
        session.datasetChanged.connect(self._on_dataset_changed)
        session.stateChanged.connect(self._on_state_changed)
        self._on_dataset_changed()

    def _single_shot(self, slot, interval_ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # ----- building (once) ------------------------------------------------------------------
    def _group(self, title: str) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title, self)
        box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 2, 4, 4)
        inner.setSpacing(2)
        return box, inner

    def _small_plot(self, name: str, x_label: str, y_label: str) -> pg.PlotWidget:
        plot = pg.PlotWidget(self, background="w")
        plot.setObjectName(name)
        plot.setMinimumHeight(120)
        item = plot.plotItem
        item.setMenuEnabled(False)
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        for side in ("left", "bottom", "right"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(colors.TEXT))
            axis.setTextPen(pg.mkPen(colors.TEXT))
            axis.setStyle(tickFont=font)
            axis.enableAutoSIPrefix(False)  # densities read 0.4, not 400 × 0.001
        item.setLabel("bottom", x_label, color=colors.TEXT)
        item.setLabel("left", y_label, color=colors.TEXT)
        return plot

    def _legend(self, plot: pg.PlotWidget) -> pg.LegendItem:
        """A compact legend in the top-left corner, where these curves leave room."""
        legend = plot.plotItem.addLegend(offset=(4, 4), labelTextColor=colors.TEXT,
                                         labelTextSize="7pt", verSpacing=-6)
        legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        return legend

    def _build_density(self) -> QGroupBox:
        box, inner = self._group(self.tr("Normal distribution p(x)"))
        self.density_plot = self._small_plot("noiseDensityPlot", "x", "p(x)")
        self.density_plot.setAccessibleName(self.tr("Normal density curves"))
        self._density_legend = self._legend(self.density_plot)
        self.chapter_curves: list[pg.PlotDataItem] = []
        for _mu, _sigma, colour in CHAPTER_CURVES:
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=2.5))
            self.density_plot.addItem(curve)
            self.chapter_curves.append(curve)
        self.user_curve = self.density_plot.plot(pen=pg.mkPen(USER_CURVE, width=2),
                                                 name=self.tr("yours"))
        self.mu_spin = self._spin(-10.0, 10.0, 0.0, 0.5, "μ = ")
        self.sigma_spin = self._spin(0.1, 10.0, 1.0, 0.1, "σ = ")
        self._explain(self.mu_spin, self.tr("Mean μ"),
                      self.tr("The mean μ of your normal curve: where its peak sits."))
        self._explain(self.sigma_spin, self.tr("Standard deviation σ"),
                      self.tr("The standard deviation σ of your curve: larger σ spreads it "
                              "wider and lowers its peak."))
        self.chapter_check = QCheckBox(self.tr("show the chapter's three curves"), box)
        self._explain(self.chapter_check, self.tr("Show the chapter's three curves"),
                      self.tr("Overlay the curves of d2l's figure: (μ=0, σ=1), (μ=0, σ=2) "
                              "and (μ=3, σ=1)."))
        self.chapter_check.setChecked(True)
        box.setMinimumWidth(self.chapter_check.sizeHint().width() + 12)
        row = QHBoxLayout()
        row.addWidget(self.mu_spin)
        row.addWidget(self.sigma_spin)
        inner.addWidget(self.density_plot, 1)
        inner.addLayout(row)
        inner.addWidget(self.chapter_check)
        self.mu_spin.valueChanged.connect(self._redraw_density)
        self.sigma_spin.valueChanged.connect(self._redraw_density)
        self.chapter_check.toggled.connect(self._show_chapter_curves)
        return box

    def _spin(self, lo: float, hi: float, value: float, step: float,
              prefix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(lo, hi)
        spin.setDecimals(2)
        spin.setSingleStep(step)
        spin.setValue(value)
        spin.setPrefix(prefix)
        spin.setKeyboardTracking(False)
        return spin

    def _explain(self, widget: QWidget, name: str, tip: str) -> None:
        widget.setAccessibleName(name)
        widget.setToolTip(tip)

    def _build_residuals(self) -> QGroupBox:
        box, inner = self._group(self.tr("Residuals of the SGD line"))
        self.residual_plot = self._small_plot("noiseResidualPlot", "r = y − ŷ",
                                              self.tr("density"))
        self.residual_plot.setAccessibleName(self.tr("Histogram of the SGD residuals"))
        self.residual_plot.setToolTip(self.tr(
            "How the training residuals of the current SGD line are spread, as a density, "
            "with the normal curve whose σ maximises their likelihood."))
        legend = self._legend(self.residual_plot)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0,
                                         brush=pg.mkBrush(colors.RESIDUAL),
                                         pen=pg.mkPen(colors.DATA, width=1))
        self.residual_plot.addItem(self.histogram)
        legend.addItem(self.histogram, self.tr("residuals"))
        self.fitted_normal = self.residual_plot.plot(pen=pg.mkPen(DENSITY_FIT, width=2),
                                                     name=self.tr("N(0, fitted σ²)"))
        self.residual_label = QLabel(box)
        self.residual_label.setWordWrap(True)
        inner.addWidget(self.residual_plot, 1)
        inner.addWidget(self.residual_label)
        return box

    def _build_likelihood(self) -> QGroupBox:
        box, inner = self._group(self.tr("Likelihood vs squared error"))
        self.sweep_plot = self._small_plot("noiseSweepPlot", self.tr("b (w at the analytical w)"),
                                           self.tr("MSE (solid)"))
        self.sweep_plot.setAccessibleName(self.tr("Negative log-likelihood and MSE along b"))
        self.sweep_plot.setToolTip(self.tr(
            "Both curves as functions of b with w fixed at the analytical w: their lowest "
            "points sit at the same b, the analytical b (blue)."))
        self._build_sweep_items()
        self.likelihood_label = QLabel(box)
        self.likelihood_label.setWordWrap(True)
        self.sigma_auto = QCheckBox(self.tr("fitted σ"), box)
        self._explain(self.sigma_auto, self.tr("Use the fitted noise level"),
                      self.tr("Use the fitted σ, the maximum-likelihood noise level of the "
                              "analytical line; untick to choose σ yourself."))
        self.sigma_auto.setChecked(True)
        self.nll_sigma_spin = self._spin(0.01, 1e4, 1.0, 0.1, "σ = ")
        self._explain(self.nll_sigma_spin, self.tr("Noise level σ of the likelihood"),
                      self.tr("The fixed σ in −log P(y|X): it scales the curve but never moves "
                              "its minimum."))
        row = QHBoxLayout()
        row.addWidget(self.sigma_auto)
        row.addWidget(self.nll_sigma_spin, 1)
        inner.addWidget(self.likelihood_label)
        inner.addWidget(self.sweep_plot, 1)
        inner.addLayout(row)
        self.sigma_auto.toggled.connect(self._on_sigma_auto)
        self.nll_sigma_spin.valueChanged.connect(self._on_nll_sigma)
        return box

    def _build_sweep_items(self) -> None:
        item = self.sweep_plot.plotItem
        item.showAxis("right")
        item.getAxis("right").setLabel(self.tr("−log P (dashed)"), color=colors.TEXT)
        self._nll_box = pg.ViewBox()
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
        vb = self.sweep_plot.plotItem.vb
        self._nll_box.setGeometry(vb.sceneBoundingRect())
        self._nll_box.linkedViewChanged(vb, self._nll_box.XAxis)

    def _build_comparison(self) -> QGroupBox:
        box, inner = self._group(self.tr("Squared vs absolute loss"))
        row = QHBoxLayout()
        self.noise_buttons = QButtonGroup(self)
        self.noise_buttons.setExclusive(False)  # none is checked for data of unknown noise
        for kind, (label, tip) in zip(NOISE_KINDS, self._noise_button_texts(), strict=True):
            button = QPushButton(label, box)
            button.setCheckable(True)
            button.setObjectName(f"noise_{kind}")
            self._explain(button, label, tip)
            button.clicked.connect(lambda _checked=False, k=kind: self._request_noise(k))
            self.noise_buttons.addButton(button)
            row.addWidget(button)
        self.comparison = self._build_table(box)
        self.explanation = QLabel(box)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        inner.addLayout(row)
        inner.addWidget(self.comparison)
        inner.addWidget(self.explanation, 1)
        return box

    def _noise_button_texts(self) -> tuple[tuple[str, str], ...]:
        undo = self.tr(" Edit ▸ Undo brings the previous data back.")
        return (
            (self.tr("Gaussian noise"),
             self.tr("Regenerate the data with normal noise, the chapter's assumption.") + undo),
            (self.tr("Laplace noise"),
             self.tr("Regenerate the data with Laplace noise of the same σ: sharper peak, "
                     "heavier tails.") + undo),
            (self.tr("Outliers"),
             self.tr("Regenerate the data with normal noise plus a few labels far off.") + undo),
        )

    def _build_table(self, parent: QWidget) -> QTableWidget:
        table = QTableWidget(2, 3, parent)
        table.setObjectName("noiseComparisonTable")
        table.setAccessibleName(self.tr("Least squares and least absolute deviations lines"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setCornerButtonEnabled(False)
        table.setHorizontalHeaderLabels(["w", "b", self.tr("‖θ − θtrue‖")])
        table.setVerticalHeaderLabels([self.tr("squared loss"), self.tr("absolute loss")])
        table.verticalHeaderItem(LS_ROW).setToolTip(self.tr(
            "Least squares: the line minimising Σ(y − ŷ)², the analytical solution (blue); "
            "the maximum-likelihood line under Gaussian noise."))
        table.verticalHeaderItem(LAD_ROW).setToolTip(self.tr(
            "Least absolute deviations: the line minimising Σ|y − ŷ|; the maximum-likelihood "
            "line under Laplace noise."))
        table.verticalHeaderItem(LS_ROW).setForeground(QBrush(QColor(colors.ANALYTICAL)))
        table.horizontalHeaderItem(2).setToolTip(self.tr(
            "Distance of the fitted (w, b) from the parameters the data were generated with."))
        table.setWordWrap(False)  # a vector of weights is elided, never wrapped out of view
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r in range(2):
            for c in range(3):
                cell = QTableWidgetItem("—")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, cell)
        rows = table.verticalHeader().length() + table.horizontalHeader().height()
        table.setFixedHeight(rows + 2 * table.frameWidth())
        return table

    # ----- part 1: the normal density (local controls only) ---------------------------------
    def _redraw_density(self) -> None:
        mu, sigma = self.mu_spin.value(), self.sigma_spin.value()
        x = density_grid(mu, sigma)
        self.user_curve.setData(x, core.normal(x, mu, sigma))
        for curve, (c_mu, c_sigma, _colour) in zip(self.chapter_curves, CHAPTER_CURVES,
                                                   strict=True):
            curve.setData(x, core.normal(x, c_mu, c_sigma))
        peaks = [core.normal(mu, mu, sigma)]
        if self.chapter_check.isChecked():
            peaks += [core.normal(c_mu, c_mu, c_sigma) for c_mu, c_sigma, _c in CHAPTER_CURVES]
        self._set_top(self.density_plot, float(np.max(peaks)), DENSITY_HEADROOM)

    def _set_top(self, plot: pg.PlotWidget, highest: float, headroom: float = HEADROOM) -> None:
        """y from 0 to headroom × the highest value, so the top-left legend hides nothing."""
        if highest > 0 and math.isfinite(highest):
            plot.plotItem.vb.setYRange(0.0, headroom * highest, padding=0)

    def _show_chapter_curves(self, on: bool) -> None:
        for curve, (mu, sigma, _colour) in zip(self.chapter_curves, CHAPTER_CURVES, strict=True):
            curve.setVisible(on)
            self._density_legend.removeItem(curve)
            if on:
                self._density_legend.addItem(curve, f"μ={mu:g}, σ={sigma:g}")
        self._redraw_density()

    # ----- slots ---------------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        self._data_stale = True
        self._state_stale = True
        self._lad_steps = None  # a fit of the old data is of no use: cancel it
        self._lad_timer.stop()
        if self.isVisible():
            self._refresh_data()

    def _on_state_changed(self) -> None:
        """Leading and trailing throttle: draw now if the last draw is old, else soon."""
        self._state_stale = True
        if not self.isVisible() or self._redraw_timer.isActive():
            return
        elapsed = self._last_draw.elapsed() if self._last_draw.isValid() else REDRAW_INTERVAL_MS
        if elapsed >= REDRAW_INTERVAL_MS:
            self._redraw_state()
        else:
            self._redraw_timer.start(REDRAW_INTERVAL_MS - elapsed)

    def showEvent(self, event: QShowEvent) -> None:
        """Hidden in a tab the panel skips work; it catches up when shown."""
        super().showEvent(event)
        if self._data_stale:
            self._refresh_data()
        elif self._state_stale:
            self._redraw_state()

    def _on_sigma_auto(self, on: bool) -> None:
        self.nll_sigma_spin.setEnabled(not on)
        if on:
            with QSignalBlocker(self.nll_sigma_spin):
                self.nll_sigma_spin.setValue(usable_sigma(self._sigma_hat))
        self._redraw_sweep()
        self._redraw_state()

    def _on_nll_sigma(self, _value: float) -> None:
        self._redraw_sweep()
        self._redraw_state()

    def _request_noise(self, kind: str) -> None:
        """Ask the session for the same data recipe with another noise type (undoable)."""
        spec = self._session.data.spec
        if spec is not None and spec.noise == kind:
            self._sync_noise_buttons()
            return
        self._session.generate(replace(spec or GenerationSpec(), noise=kind))
        self._sync_noise_buttons()

    # ----- data-dependent parts ---------------------------------------------------------------
    def _refresh_data(self) -> None:
        self._data_stale = False
        train, sol = self._session.data.train_set, self._session.solution.lstsq
        if train.n_examples:
            r = train.y - train.X @ sol.w - sol.b
            self._sigma_hat = core.mle_sigma(r)
        else:
            self._sigma_hat = float("nan")
        if self.sigma_auto.isChecked():
            with QSignalBlocker(self.nll_sigma_spin):
                self.nll_sigma_spin.setValue(usable_sigma(self._sigma_hat))
        self._sync_noise_buttons()
        self._redraw_sweep()
        self._start_lad()
        self._redraw_state()

    def likelihood_sigma(self) -> float:
        """The fixed σ of the likelihood: σ̂ of the analytical line, or the learner's."""
        if self.sigma_auto.isChecked():
            return usable_sigma(self._sigma_hat)
        return self.nll_sigma_spin.value()

    def _redraw_sweep(self) -> None:
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
        self.sweep_plot.plotItem.vb.autoRange(padding=0.05)
        self._nll_box.autoRange(padding=0.05)

    def _sync_noise_buttons(self) -> None:
        kind = noise_kind(self._session.data.spec)
        for button, name in zip(self.noise_buttons.buttons(), NOISE_KINDS, strict=True):
            with QSignalBlocker(button):
                button.setChecked(name == kind)

    # ----- LAD, in chunks on big data ------------------------------------------------------
    def _start_lad(self) -> None:
        train = self._session.data.train_set
        self._lad = None
        self._lad_steps = lad_iterations(train.X, train.y) if train.n_examples else None
        self._fill_comparison()
        self._continue_lad()

    def _continue_lad(self) -> None:
        """Pull IRLS iterations for a few ms; reschedule until the final, polished fit."""
        if self._lad_steps is None:
            return
        start = time.perf_counter()
        while time.perf_counter() - start <= LAD_BUDGET_S:
            latest = next(self._lad_steps, None)
            if latest is None:  # the iterator ended: its last item is the final fit
                self._lad_steps = None
                self._fill_comparison()
                return
            self._lad = latest
        self._lad_timer.start()

    def _fill_comparison(self) -> None:
        data, sol = self._session.data, self._session.solution.lstsq
        has_train = data.n_train > 0
        lad = self.lad_fit()
        rows = {LS_ROW: (sol.w, sol.b) if has_train else None,
                LAD_ROW: (lad.w, lad.b) if lad is not None else None}
        for row, fit in rows.items():
            busy = row == LAD_ROW and self._lad_steps is not None
            self._fill_row(row, fit, busy)
        self._embolden_mle_row(noise_kind(data.spec))
        self.explanation.setText(self.explanation_text(noise_kind(data.spec)))

    def _fill_row(self, row: int, fit: tuple[np.ndarray, float] | None, busy: bool) -> None:
        data = self._session.data
        if fit is None:
            texts = ["…" if busy else "—"] * 3
        else:
            w, b = fit
            dist = (parameter_distance(w, b, data.true_w, data.true_b) if data.has_truth
                    else None)
            texts = [format_vector(w), fmt(b), fmt(dist)]
        for col, text in enumerate(texts):
            self.comparison.item(row, col).setText(text)
            self.comparison.item(row, col).setToolTip(text)  # the whole vector when elided

    def _embolden_mle_row(self, kind: str | None) -> None:
        mle_row = {"gaussian": LS_ROW, "laplace": LAD_ROW, "outliers": LAD_ROW}.get(kind or "")
        for row in (LS_ROW, LAD_ROW):
            header = self.comparison.verticalHeaderItem(row)
            font = QFont(self.comparison.font())
            font.setBold(row == mle_row)
            header.setFont(font)
            for col in range(3):
                self.comparison.item(row, col).setFont(font)

    def explanation_text(self, kind: str | None) -> str:
        """Which line is the maximum-likelihood one for this noise, and why."""
        texts = {
            "gaussian": self.tr(
                "Gaussian noise: −log p(ε) = ½log(2πσ²) + ε²/(2σ²), so the squared loss is the "
                "negative log-likelihood and the least-squares line (bold) is the "
                "maximum-likelihood one. The absolute-loss line is close but a little less "
                "precise."),
            "laplace": self.tr(
                "Laplace noise: −log p(ε) = log(2s) + |ε|/s, so the absolute loss is the "
                "negative log-likelihood and the least-absolute-deviations line (bold), a "
                "median-type fit, is the maximum-likelihood one. Least squares still works but "
                "wastes information."),
            "outliers": self.tr(
                "Outliers: a few labels are far off. The squared loss grows with the square of "
                "a residual, so those few points pull the least-squares line towards them; the "
                "absolute loss grows only linearly, so its line (bold) stays with the bulk of "
                "the data: it is robust."),
        }
        return texts.get(kind or "", self.tr(
            "Unknown noise: these data were loaded or clicked in, so how they were made is "
            "unknown. If the residual histogram has heavy tails or far-off points, trust the "
            "absolute loss; if it looks like the normal curve, the squared loss."))

    # ----- state-dependent parts (throttled) ----------------------------------------------------
    def _redraw_state(self) -> None:
        """Residual histogram and likelihood numbers of the current SGD parameters."""
        self._redraw_timer.stop()
        self._last_draw.start()
        self._state_stale = False
        train, trainer = self._session.data.train_set, self._session.trainer
        if not train.n_examples:
            self._show_no_residuals(self.tr("No training examples yet."))
            self.likelihood_label.setText("")
            return
        with np.errstate(over="ignore", invalid="ignore"):
            r = train.y - train.X @ trainer.w - trainer.b
        if trainer.diverged or not np.isfinite(r).all():
            self._show_no_residuals(self.tr("SGD diverged: no finite residuals to show."))
        else:
            self._draw_residuals(r)
        self._show_likelihood_numbers()

    def _show_no_residuals(self, text: str) -> None:
        self.histogram.setData([0.0, 0.0], [0.0])
        self.fitted_normal.setData([], [])
        self.residual_label.setText(text)

    def _draw_residuals(self, r: np.ndarray) -> None:
        edges, density = residual_histogram(r)
        self.histogram.setData(edges, density)
        sigma = core.mle_sigma(r)
        peak = core.normal(0.0, 0.0, sigma) if sigma > 0 else 0.0
        self._set_top(self.residual_plot, max(float(density.max()), float(peak)))
        if sigma > 0:
            reach = 4 * sigma
            x = np.linspace(min(edges[0], -reach), max(edges[-1], reach), DENSITY_GRID)
            self.fitted_normal.setData(x, core.normal(x, 0.0, sigma))
        else:
            self.fitted_normal.setData([], [])
        self.residual_label.setText(self.tr(
            "fitted σ = {sigma} (maximum likelihood) · mean r = {mean}").format(
            sigma=fmt(sigma), mean=fmt(float(np.mean(r)))))

    def _show_likelihood_numbers(self) -> None:
        train, trainer = self._session.data.train_set, self._session.trainer
        sol, sigma = self._session.solution.lstsq, self.likelihood_sigma()
        with np.errstate(over="ignore", invalid="ignore"):
            nll_sgd, mse_sgd = nll_and_mse_along(train.X, train.y, trainer.w, [trainer.b], sigma)
            nll_opt, mse_opt = nll_and_mse_along(train.X, train.y, sol.w, [sol.b], sigma)
        self.likelihood_label.setText(self.tr(
            "SGD now: MSE {mse} · −log P {nll}\noptimum: MSE {mse_opt} · −log P {nll_opt}\n"
            "−log P = n·½log(2πσ²) + n·MSE/(2σ²)").format(
            mse=fmt(mse_sgd[0]), nll=fmt(nll_sgd[0]), mse_opt=fmt(mse_opt[0]),
            nll_opt=fmt(nll_opt[0])))

    def shutdown(self) -> None:
        """Stop the redraw timer and any LAD fit in progress (the window is closing)."""
        self._redraw_timer.stop()
        self._lad_timer.stop()
        self._lad_steps = None

    # ----- for tests and automation -------------------------------------------------------------
    def lad_fit(self) -> LadFit | None:
        """The finished least-absolute-deviations fit of the training data, if done."""
        return None if self._lad_steps is not None else self._lad

    def lad_running(self) -> bool:
        return self._lad_steps is not None

    def sweep_minima(self) -> tuple[float, float]:
        """b of the drawn MSE minimum and of the drawn NLL minimum."""
        return (float(self.mse_min_marker.getData()[0][0]),
                float(self.nll_min_marker.getData()[0][0]))
