"""Loss and accuracy curves of softmax regression, stacked in one widget (d2l 3.6's plot).

Above: the minibatch cross-entropy per step, the training and validation loss per epoch, and
the Newton reference's loss as a dashed line (none when the optimum lies at infinity: then the
loss has no smallest value, and the legend says so). Below, on the same step axis: training
and validation accuracy (准确率) per epoch, in percent, with the reference's accuracy dashed.
The hollow markers are where training stands now, between epochs too. Items are made once and
fed with setData; the view frames the curves in steps (x doubles, y's top is a round number)
and stops following once the learner zooms or pans ("A" or a reset resumes it).

Epoch figures sit at the step their epoch ended, counted at the current batch size
(SoftmaxHistory keeps no step per epoch): after a mid-run batch-size change they shift.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from linreg_lab.core.softmax_history import SoftmaxHistory
from linreg_lab.core.softmax_trainer import SoftmaxTrainer
from linreg_lab.gui.plots.class_reference import ClassReference
from linreg_lab.gui.plots.loss_plot import (
    BOLD_WIDTH,
    MAX_EPOCH_SYMBOLS,
    finite_pairs,
    grown,
    nice_above,
)
from linreg_lab.gui.plots.view_bounds import drawable
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.plot_style import (
    add_legend,
    label_axes,
    name_legend_entries,
    style_axes,
    thin_to_pixels,
)
from linreg_lab.gui.widgets.retranslating import Retranslating

LEFT_AXIS_PX = 56  # both plots' left axes alike, so their linked x axes line up


def epoch_steps(history: SoftmaxHistory, trainer: SoftmaxTrainer) -> np.ndarray:
    """The step each recorded epoch ended at (epoch 0: step 0), at the current batch size."""
    n = max(trainer.n_examples, 1)
    per_epoch = math.ceil(n / min(trainer.batch_size, n))
    return history.epoch_index.astype(float) * per_epoch


class ClassLossPlot(Retranslating, pg.PlotWidget):
    """Cross-entropy (top) and accuracy (bottom) of the session's softmax trainer."""

    def __init__(self, session: ClassificationSession, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setObjectName("classLossPlot")
        self._session = session
        self._trainer = session.trainer
        self._follow, self._ranging = True, False
        self._framed: tuple[float, float, float] | None = None
        self.loss_item = self.plotItem
        self.accuracy_item = pg.PlotItem()
        layout = pg.GraphicsLayout()
        self.setCentralItem(layout)
        layout.addItem(self.loss_item, 0, 0)
        layout.addItem(self.accuracy_item, 1, 0)
        layout.layout.setRowStretchFactor(0, 3)
        layout.layout.setRowStretchFactor(1, 2)
        self._build_loss_items()
        self._build_accuracy_items()
        self.reference = ClassReference(session, self)
        self.reference.ready.connect(self._refresh)
        for item in (self.loss_item, self.accuracy_item):
            item.getAxis("left").setWidth(LEFT_AXIS_PX)  # the same step at the same pixel
            item.disableAutoRange()
            item.getViewBox().sigRangeChangedManually.connect(self._on_manual_range)
            item.autoBtn.clicked.disconnect()
            item.autoBtn.clicked.connect(self.reframe)
        session.stateChanged.connect(self._on_state_changed)
        session.datasetChanged.connect(self._on_dataset_changed)
        session.hyperparametersChanged.connect(self._refresh)
        self.retranslate()
        self._refresh()

    # ----- building (once) --------------------------------------------------------------
    def _build_loss_items(self) -> None:
        item = self.loss_item
        style_axes(item)
        self._loss_legend = add_legend(item)
        faint = QColor(colors.SGD)
        faint.setAlpha(90)
        self.minibatch_curve = item.plot(pen=pg.mkPen(faint, width=1), antialias=False)
        thin_to_pixels(self.minibatch_curve)
        self.train_loss_curve = _epoch_curve(item, colors.SGD, "o")
        self.val_loss_curve = _epoch_curve(item, colors.VALIDATION, "s")
        self.loss_now = _now_marker(item)
        self.reference_loss, self._reference_loss_sample = _reference_line(item)

    def _build_accuracy_items(self) -> None:
        item = self.accuracy_item
        style_axes(item)
        item.setXLink(self.loss_item)
        self._accuracy_legend = add_legend(item)
        self.train_accuracy_curve = _epoch_curve(item, colors.SGD, "o")
        self.val_accuracy_curve = _epoch_curve(item, colors.VALIDATION, "s")
        self.accuracy_now = _now_marker(item)
        self.reference_accuracy, self._reference_accuracy_sample = _reference_line(item)
        item.setYRange(0, 100, padding=0.04)

    def retranslate(self) -> None:
        if self.closed:
            return
        self.setAccessibleName(self.tr("Loss and accuracy curves"))
        self.setAccessibleDescription(self.tr(
            "Cross-entropy loss per minibatch step and per epoch, and training and validation "
            "accuracy per epoch, against the reference optimum found by Newton's method."))
        name_legend_entries(self._loss_legend, {
            self.minibatch_curve: self.tr("minibatch cross-entropy (per step)"),
            self.train_loss_curve: self.tr("training loss (per epoch)"),
            self.val_loss_curve: self.tr("validation loss (per epoch)"),
            self._reference_loss_sample: self._reference_text(),
        })
        name_legend_entries(self._accuracy_legend, {
            self.train_accuracy_curve: self.tr("training accuracy"),
            self.val_accuracy_curve: self.tr("validation accuracy"),
            self._reference_accuracy_sample: self.tr("reference accuracy"),
        })
        self.reference_loss.setToolTip(self.tr(
            "The smallest mean cross-entropy any W, b can reach on the training set, found by "
            "Newton's method: softmax regression has no closed-form solution."))
        label_axes(self.loss_item, "", self.tr("cross-entropy loss"))
        label_axes(self.accuracy_item, self.tr("step (minibatch updates)"),
                   self.tr("accuracy (%)"))

    def _reference_text(self) -> str:
        ref = self.reference.current()
        if ref is not None and ref.at_infinity:
            return self.tr("no finite optimum: the loss falls as the weights grow")
        if ref is None and self.reference.is_solving():
            return self.tr("reference optimum (solving…)")
        return self.tr("reference optimum (Newton)")

    # ----- slots --------------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        self._follow, self._framed = True, None
        self._refresh()

    def _on_state_changed(self) -> None:
        if self._session.trainer is not self._trainer:  # reset or new data: start over
            self._trainer = self._session.trainer
            self._follow, self._framed = True, None
        self._refresh()

    def _on_manual_range(self, *_args) -> None:
        if not self._ranging:
            self._follow = False

    # ----- drawing ------------------------------------------------------------------------
    def _refresh(self) -> None:
        t = self._session.trainer
        history = t.history
        self.minibatch_curve.setData(*finite_pairs(history.step_index, history.step_loss))
        at = epoch_steps(history, t)
        symbols = at.size <= MAX_EPOCH_SYMBOLS
        for curve, values, scale, symbol in (
                (self.train_loss_curve, history.epoch_train_loss, 1.0, "o"),
                (self.val_loss_curve, history.epoch_val_loss, 1.0, "s"),
                (self.train_accuracy_curve, history.epoch_train_accuracy, 100.0, "o"),
                (self.val_accuracy_curve, history.epoch_val_accuracy, 100.0, "s")):
            if (curve.opts["symbol"] is not None) != symbols:  # markers while they read
                curve.setSymbol(symbol if symbols else None)
            x, y = finite_pairs(at, values * scale)
            curve.setData(x, drawable(y))
        has_data = t.n_examples > 0
        now = [float(t.steps)] if has_data else []
        self.loss_now.setData(*finite_pairs(now, [t.loss()] if has_data else []))
        self.accuracy_now.setData(*finite_pairs(now, [100.0 * t.accuracy()] if has_data else []))
        self._show_reference()
        self._follow_data()

    def _show_reference(self) -> None:
        ref = self.reference.current()
        finite = ref is not None and not ref.at_infinity and math.isfinite(ref.loss)
        self.reference_loss.setVisible(finite)
        self.reference_accuracy.setVisible(finite)
        if finite:
            self.reference_loss.setValue(ref.loss)
            self.reference_accuracy.setValue(100.0 * ref.accuracy)
        label = self._loss_legend.getLabel(self._reference_loss_sample)
        if label is not None:
            label.setText(self._reference_text())
            self._loss_legend.updateSize()

    def _follow_data(self) -> None:
        """Frame x from 0 to the next power of two past the last step, the loss from 0 to a
        round number above its peak; set only when that changed (a range change redraws the
        axes, ~8 ms), and not after the learner's own zoom or pan."""
        if not self._follow:
            return
        wanted = self.framing()
        if wanted is None or wanted == self._framed:
            return
        self._framed = wanted
        x_max, loss_top, _ = wanted
        self._ranging = True
        self.loss_item.setRange(xRange=(0.0, x_max), yRange=(0.0, loss_top), padding=0.02)
        self.accuracy_item.setYRange(0, 100, padding=0.04)
        self._ranging = False

    def framing(self) -> tuple[float, float, float] | None:
        """(x range's end, loss range's top, 0): what the curves ask for; None without data."""
        t = self._session.trainer
        losses = [self.minibatch_curve.yData, self.train_loss_curve.yData,
                  self.val_loss_curve.yData, self.loss_now.yData]
        peaks = [float(np.max(v)) for v in losses if v is not None and len(v)]
        if not peaks:
            return None
        if self.reference_loss.isVisible():
            peaks.append(float(self.reference_loss.value()))
        return grown(max(t.steps, 1)), nice_above(max(max(peaks), 1e-12)), 0.0

    def reframe(self) -> None:
        """Follow the curves again, framed from them at once (the "A" button, a reset)."""
        self._follow, self._framed = True, None
        self._follow_data()

    # ----- for tests and the window -------------------------------------------------------
    def reference_loss_value(self) -> float | None:
        """The reference's loss as drawn, or None when hidden."""
        return float(self.reference_loss.value()) if self.reference_loss.isVisible() else None

    def closeEvent(self, event) -> None:
        self.reference.shutdown()
        super().closeEvent(event)


def _epoch_curve(item: pg.PlotItem, colour: str, symbol: str) -> pg.PlotDataItem:
    return item.plot(pen=pg.mkPen(colour, width=BOLD_WIDTH), symbol=symbol, symbolSize=7,
                     symbolBrush=colour, symbolPen=None)


def _now_marker(item: pg.PlotItem) -> pg.PlotDataItem:
    return item.plot(pen=None, symbol="o", symbolSize=11, symbolBrush=pg.mkBrush("w"),
                     symbolPen=pg.mkPen(colors.SGD, width=2.5))


def _reference_line(item: pg.PlotItem) -> tuple[pg.InfiniteLine, pg.PlotDataItem]:
    """A dashed horizontal line in the analytical blue, and a never-drawn curve with its pen
    for the legend (an InfiniteLine has no legend sample)."""
    pen = pg.mkPen(colors.ANALYTICAL, width=2, style=Qt.PenStyle.DashLine)
    line = pg.InfiniteLine(angle=0, movable=False, pen=pen)
    line.setVisible(False)
    item.addItem(line, ignoreBounds=True)
    return line, pg.PlotDataItem(pen=pen)
