"""The toolbar's compact controls: run speed, learning rate η, batch size, epochs per Run.

The bar emits requests (hyperparametersRequested with lr / batch_size / num_epochs, and
speedRequested) and never changes the session; the main window pushes values back with
set_values and set_speed (signals blocked). The η and batch-size arrows step in a 1-2-5
sequence (…, 0.01, 0.02, 0.05, 0.1, …); any positive value can be typed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QWidget,
)

from linreg_lab.core.limits import LR_MAX, LR_MIN, MAX_EPOCHS, MAX_EXAMPLES
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.text.format import fmt, fmt_rate
from linreg_lab.gui.widgets.fields import (
    blocked,
    describe,
    parse_number,
    show_problem,
)
from linreg_lab.gui.widgets.retranslating import Retranslating

SPEEDS: tuple[float | None, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, None)
_NUMBER_CHARS = set("0123456789.eE+-−")


def step_125(value: float, steps: int) -> float:
    """Move `steps` places along 1, 2, 5, 10, 20, …; off-ladder values go to the next one."""
    for _ in range(abs(steps)):
        value = _neighbour_125(value, up=steps > 0)
    return value


def _neighbour_125(value: float, *, up: bool) -> float:
    e = math.floor(math.log10(value))
    ladder = [float(f"{m}e{k}") for k in (e - 1, e, e + 1) for m in (1, 2, 5)]
    tol = 1e-9 * value
    if up:
        return min(v for v in ladder if v > value + tol)
    return max(v for v in ladder if v < value - tol)


def speed_index(rate: float | None) -> int:
    """The slider position whose speed is nearest to `rate` on a log scale (None = max)."""
    if rate is None or not math.isfinite(rate):
        return len(SPEEDS) - 1
    rate = max(rate, 1e-9)
    finite = [s for s in SPEEDS if s is not None]
    return min(range(len(finite)), key=lambda i: abs(math.log(finite[i] / rate)))


class LearningRateSpinBox(QDoubleSpinBox):
    """η: shown with fmt, arrows step in a 1-2-5 sequence, any value in range can be typed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(10)
        self.setRange(LR_MIN, LR_MAX)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:
        return fmt(value, 6)

    def valueFromText(self, text: str) -> float:
        try:
            return parse_number(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        try:
            ok = LR_MIN <= parse_number(text) <= LR_MAX
        except ValueError:
            ok = False
        if ok:
            return QValidator.State.Acceptable, text, pos
        if set(text.strip()) <= _NUMBER_CHARS:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def stepBy(self, steps: int) -> None:
        self.setValue(min(LR_MAX, max(LR_MIN, step_125(self.value(), steps))))


class BatchSizeSpinBox(QSpinBox):
    """Batch size: arrows step 1, 2, 5, 10, 20, …; any whole number in range can be typed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(1, MAX_EXAMPLES)
        self.setGroupSeparatorShown(True)
        self.setKeyboardTracking(False)

    def stepBy(self, steps: int) -> None:
        value = round(step_125(float(self.value()), steps))
        self.setValue(min(self.maximum(), max(self.minimum(), value)))


class HyperparameterBar(Retranslating, QWidget):
    """Compact horizontal controls for the main toolbar."""

    hyperparametersRequested = Signal(dict)  # keys: lr, batch_size, num_epochs
    speedRequested = Signal(object)  # steps per second (float), or None for max

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hyperparameterBar")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._lr_warning: str | None = None
        self._make_fields()
        self._lay_out()
        self._connect()
        self.set_values(Hyperparameters())
        self.set_speed(None)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; the values and the speed stay."""
        labels = {self.speed_slider: self.tr("speed"), self.lr_spin: self.tr("η"),
                  self.batch_spin: self.tr("batch"), self.epochs_spin: self.tr("epochs")}
        for field, text in labels.items():
            self._labels[field].setText(text)
        self.epochs_spin.setSpecialValueText(self.tr("until paused"))
        self.setAccessibleName(self.tr("Hyperparameters"))
        self.speed_label.setAccessibleName(self.tr("Current run speed"))
        describe(self._help())
        self._show_speed(self.speed())
        self.set_lr_warning(self._lr_warning)  # a warning shown stays shown

    # ----- construction ---------------------------------------------------------------
    def _make_fields(self) -> None:
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setPageStep(3)
        self.speed_slider.setFixedWidth(90)
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 steps/s"))
        self.lr_spin = LearningRateSpinBox()
        self.batch_spin = BatchSizeSpinBox()
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(0, MAX_EPOCHS)
        self.epochs_spin.setGroupSeparatorShown(True)
        self.epochs_spin.setKeyboardTracking(False)

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self._labels: dict[QWidget, QLabel] = {}  # a field's label, named in retranslate()
        for widget in (self.speed_slider, self.speed_label, self.lr_spin, self.batch_spin,
                       self.epochs_spin):
            if widget is not self.speed_label:
                label = self._labels[widget] = QLabel()
                label.setBuddy(widget)
                layout.addSpacing(6)
                layout.addWidget(label)
            layout.addWidget(widget)

    def _help(self) -> dict[QWidget, tuple[str, str]]:
        """Accessible name and one-sentence tooltip of every control."""
        return {
            self.speed_slider: (self.tr("Run speed"), self.tr(
                "How many SGD steps Run takes per second, from 1 (to watch each step) to as "
                "fast as the machine allows.")),
            self.lr_spin: (self.tr("Learning rate η"), self.tr(
                "The learning rate η: how far each SGD step moves against the gradient.")),
            self.batch_spin: (self.tr("Batch size"), self.tr(
                "How many examples each minibatch averages the gradient over.")),
            self.epochs_spin: (self.tr("Epochs per Run"), self.tr(
                "How many passes over the training data one Run makes (0 = until paused).")),
        }

    def _connect(self) -> None:
        self.speed_slider.valueChanged.connect(self._on_speed)
        self.lr_spin.valueChanged.connect(lambda v: self._request("lr", float(v)))
        self.batch_spin.valueChanged.connect(lambda v: self._request("batch_size", int(v)))
        self.epochs_spin.valueChanged.connect(lambda v: self._request("num_epochs", int(v)))

    # ----- model → view -------------------------------------------------------------------
    def set_values(self, h: Hyperparameters) -> None:
        """Show lr, batch size and epochs per Run without emitting any request."""
        with blocked(self.lr_spin, self.batch_spin, self.epochs_spin):
            self.lr_spin.setValue(h.lr)
            self.batch_spin.setValue(h.batch_size)
            self.epochs_spin.setValue(h.num_epochs)

    def set_speed(self, rate: float | None) -> None:
        """Show the run speed (steps per second, None = max) without emitting a request."""
        with blocked(self.speed_slider):
            self.speed_slider.setValue(speed_index(rate))
        self._show_speed(SPEEDS[self.speed_slider.value()])

    def set_lr_warning(self, text: str | None) -> None:
        """Mark η (vermillion border, `text` as tooltip), e.g. above the stability limit."""
        self._lr_warning = text
        show_problem(self.lr_spin, text, self._help()[self.lr_spin][1])

    def speed(self) -> float | None:
        return SPEEDS[self.speed_slider.value()]

    # ----- view → requests ----------------------------------------------------------------
    def _request(self, key: str, value: float | int) -> None:
        self.hyperparametersRequested.emit({key: value})

    def _on_speed(self, index: int) -> None:
        rate = SPEEDS[index]
        self._show_speed(rate)
        self.speedRequested.emit(None if rate is None else float(rate))

    def _show_speed(self, rate: float | None) -> None:
        text = self.tr("max") if rate is None else self.tr("%1 steps/s").replace(
            "%1", fmt_rate(rate))
        self.speed_label.setText(text)
        self.speed_slider.setAccessibleDescription(text)
