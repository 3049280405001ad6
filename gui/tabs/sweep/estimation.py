"""Estimation error against the number of examples: least squares closing in like 1/√n.

The chapter's real challenge is a low loss on data the model has never seen; with more data
the estimate lands nearer the truth. SweepPanel refits fresh datasets of growing size from
the true line on a worker; this part draws the errors, their mean and a c/√n reference.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from linreg_lab.core.sweep import ErrorCurve, reference_line
from linreg_lab.gui.plots.view_bounds import DECADES_LIMIT, BoundedViewBox
from linreg_lab.gui.state.data_state import DataState
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.plot_style import add_legend, label_axes, style_axes
from linreg_lab.gui.tabs.sweep.values import LOG_FLOOR
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.fields import ERROR_TEXT_COLOR
from linreg_lab.gui.widgets.retranslating import Retranslating

REPEATS = 10  # datasets per size in the estimation experiment


class EstimationPart(Retranslating, QGroupBox):
    """The button, a one-line finding and the log-log plot of ‖θ̂ − θ_true‖ against n."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.error_curve: ErrorCurve | None = None
        self._data: DataState | None = None
        self._note: Callable[[], str] | None = None  # a transient note; None: the finding
        self._note_is_error = False
        self._running = False
        self.button = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.plot = pg.PlotWidget(background="w", viewBox=BoundedViewBox(  # log x and y
            x_limit=DECADES_LIMIT, y_limit=DECADES_LIMIT))
        self.plot.setObjectName("estimationPlot")
        self._make_items()
        self._lay_out()
        self.retranslate()

    def _make_items(self) -> None:
        item = self.plot.plotItem
        item.setLogMode(x=True, y=True)
        item.setMenuEnabled(False)
        style_axes(item)
        self.legend = add_legend(item, columns=3)
        faint = QColor(colors.ANALYTICAL)
        faint.setAlpha(70)
        self.scatter = item.plot(pen=None, symbol="o", symbolSize=4, symbolPen=None,
                                 symbolBrush=faint)
        self.curve = item.plot(pen=pg.mkPen(colors.ANALYTICAL, width=2), symbol="o",
                               symbolSize=7, symbolBrush=colors.ANALYTICAL, symbolPen=None)
        self.reference = item.plot(
            pen=pg.mkPen(colors.DATA, width=1.5, style=Qt.PenStyle.DashLine))
        self.current_n_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(colors.RESIDUAL, width=1.5),
            label="", labelOpts={"position": 0.92, "color": colors.TEXT})
        item.addItem(self.current_n_line, ignoreBounds=True)
        item.setRange(xRange=(1, 5), yRange=(-3, 0), padding=0.05)  # log10: 10…10⁵ examples

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.note, 1)
        column.addLayout(top)
        column.addWidget(self.plot, 1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Estimation error vs number of examples"))
        self.button.setText(self.tr("Estimate error vs n"))
        self.button.setAccessibleName(self.tr("Estimate error against dataset size"))
        self.note.setAccessibleName(self.tr("Estimation error summary"))
        self.note.setToolTip(self.tr(
            "How fast the least-squares estimate approaches the true parameters."))
        self.plot.setAccessibleName(self.tr("Estimation error against dataset size"))
        self.plot.setToolTip(self.tr(
            "Distance between the least-squares estimate and the true (w, b), on log-log axes."))
        label_axes(self.plot.plotItem, self.tr("number of examples n"), self.tr("‖θ̂ − θ‖"))
        self._name_curves()
        self.current_n_line.label.setFormat(self.tr("your n"))
        self._follow_data()

    def _name_curves(self) -> None:
        self.legend.clear()
        for curve, name in ((self.scatter, self.tr("one dataset")),
                            (self.curve, self.tr("mean of {count} datasets").format(
                                count=REPEATS)),
                            (self.reference, self.tr("c / √n"))):
            self.legend.addItem(curve, name)

    # ----- following the data ---------------------------------------------------------------
    def show_data(self, data: DataState) -> None:
        """New data: where the learner's n sits, and whether the experiment can run."""
        self._data, self._note, self._note_is_error = data, None, False
        self._follow_data()

    def _follow_data(self) -> None:
        data = self._data
        if data is not None and data.n_train:
            self.current_n_line.setValue(math.log10(data.n_train))
        self.current_n_line.setVisible(data is not None and data.n_train > 0)
        self.set_running(self._running)
        self.button.setToolTip(
            self.tr("Refit least squares on fresh data of growing size from the true line.")
            if self.possible() else
            self.tr("Only for generated data: loaded data have no known true parameters."))
        self._show_note()

    def set_running(self, running: bool) -> None:
        """No second job while one runs (the sweep's or this one)."""
        self._running = running
        self.button.setEnabled(self.possible() and not running)

    def possible(self) -> bool:
        """Only generated data have true parameters to measure the error against."""
        return self._data is not None and self._data.has_truth and self._data.spec is not None

    # ----- notes and results ----------------------------------------------------------------
    def say(self, make_text: Callable[[], str] | None, *, error: bool = False) -> None:
        """A transient note (running, cancelled, failed); None: what the data allow."""
        self._note, self._note_is_error = make_text, error
        self._show_note()

    def _show_note(self) -> None:
        self.note.setStyleSheet(f"color: {ERROR_TEXT_COLOR};" if self._note_is_error else "")
        self.note.setText(self._note() if self._note is not None else self.finding())

    def finding(self) -> str:
        data = self._data
        if data is None or not self.possible():
            return self.tr(
                "Needs generated data: loaded or hand-made data have no true parameters to "
                "compare with. Generate data to try it.")
        if self.error_curve is None:
            return self.tr(
                "Fit least squares to fresh datasets of 10 to 100,000 examples from the same "
                "true line and noise, and measure how far the estimate lands from the truth.")
        if data.spec.noise_std == 0:
            return self.tr(
                "Without noise, least squares recovers the truth exactly (up to rounding).")
        return self.tr(
            "Measured slope {slope} on log-log axes; 1/√n predicts −0.5: 100 times more "
            "data, 10 times smaller error.").format(slope=fmt(self.error_curve.slope, 2))

    def show_error_curve(self, curve: ErrorCurve) -> None:
        self.error_curve = curve
        n = np.broadcast_to(curve.sizes, curve.errors.shape).ravel().astype(float)
        self.scatter.setData(n, np.maximum(curve.errors.ravel(), LOG_FLOOR))
        sizes = curve.sizes.astype(float)
        self.curve.setData(sizes, np.maximum(curve.mean, LOG_FLOOR))
        self.reference.setData(sizes, reference_line(sizes, curve.mean))
        self.plot.plotItem.autoRange()
        self.say(None)
