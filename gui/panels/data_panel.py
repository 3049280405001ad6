"""The Data panel: a form that requests noisy synthetic data and sets the validation share.

The panel only shows values and emits requests; the main window routes them to the Session
and pushes the model's values back with set_spec / set_validation_fraction (signals blocked).
The small helpers here (parse_weights, format_number, show_problem) are shared with the
training panel and the hyperparameter bar.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from linreg_lab.gui.state.data_state import GenerationSpec
from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)

MAX_FEATURES = 100
MAX_EXAMPLES = 1_000_000
MAX_SEED = 2**31 - 1
MAX_VAL_PERCENT = 50
ERROR_COLOR = "#D55E00"  # vermillion, as a border around a field whose text is wrong
ERROR_TINT = "#F8D9C8"  # light vermillion behind the text of a spin box that is wrong
ERROR_TEXT_COLOR = "#9A3A00"  # darker vermillion: readable as text on a light background
NOISE_KINDS = ("gaussian", "laplace", "outliers")
_SEPARATORS = (",", "，", ";", "；")  # ASCII and full-width commas and semicolons

translate = QCoreApplication.translate  # a plain name lupdate recognises




def parse_number(text: str) -> float:
    """One finite number; accepts the Unicode minus sign that gui.format.fmt writes."""
    token = text.strip().replace("−", "-")
    if not token:
        raise ValueError(translate("parse_weights", "Enter a number."))
    try:
        value = float(token)
    except ValueError:
        message = translate("parse_weights", "“%1” is not a number.")
        raise ValueError(message.replace("%1", token)) from None
    if not math.isfinite(value):
        message = translate("parse_weights", "“%1” is not a finite number.")
        raise ValueError(message.replace("%1", token))
    return value


def parse_weights(text: str) -> tuple[float, ...]:
    """Comma-separated weights, one per feature: "2" or "2, -3.4". Raises ValueError."""
    for sep in _SEPARATORS[1:]:
        text = text.replace(sep, ",")
    tokens = [t.strip() for t in text.split(",")]
    if tokens == [""]:
        raise ValueError(translate("parse_weights",
                                   "Enter one weight per feature, e.g. 2 or 2, -3.4."))
    if "" in tokens:
        raise ValueError(translate("parse_weights", "A weight is missing between two commas."))
    if len(tokens) > MAX_FEATURES:
        raise ValueError(translate("parse_weights", "At most %1 features, one weight each.")
                         .replace("%1", str(MAX_FEATURES)))
    return tuple(parse_number(t) for t in tokens)


def format_number(value: float) -> str:
    """A number as editable text that parses back to exactly the same float."""
    return repr(float(value)).removesuffix(".0")


def format_weights(w: tuple[float, ...] | list[float]) -> str:
    return ", ".join(format_number(v) for v in w)


@contextmanager
def blocked(*objects: QObject) -> Iterator[None]:
    """Block the signals of all objects while pushing model values into them."""
    blockers = [QSignalBlocker(o) for o in objects]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


def show_problem(widget: QWidget, problem: str | None, help_text: str) -> None:
    """Mark a field invalid (vermillion border, the problem as tooltip) or valid again."""
    widget.setProperty("invalid", problem is not None)
    if problem is None:
        widget.setStyleSheet("")
        widget.setToolTip(help_text)
        widget.setAccessibleDescription(help_text)
        return
    widget.setStyleSheet(_error_style(widget))
    widget.setToolTip(problem)
    widget.setAccessibleDescription(problem)


def _error_style(widget: QWidget) -> str:
    """A vermillion frame and tint; a spin box only gets the tint, so its arrows stay intact."""
    kind = widget.metaObject().className()
    if isinstance(widget, QAbstractSpinBox):
        return f"{kind} {{ background: {ERROR_TINT}; }}"
    return (f"{kind} {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; padding: 1px;"
            f" background: {ERROR_TINT}; }}")


class CompactSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that drops trailing zeros: 4.2, not 4.2000."""

    def textFromValue(self, value: float) -> str:
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").removesuffix(point)
        return text


def compact_spin(minimum: float, maximum: float, decimals: int, step: float) -> QDoubleSpinBox:
    """A CompactSpinBox that emits valueChanged once typing is finished."""
    box = CompactSpinBox()
    box.setRange(minimum, maximum)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)
    return box


def _int_spin(minimum: int, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setGroupSeparatorShown(True)
    box.setKeyboardTracking(False)
    return box


class DataPanel(QGroupBox):
    """Generate noisy data y = Xw + b + noise, and choose the validation share."""

    generateRequested = Signal(object)  # a GenerationSpec
    validationFractionRequested = Signal(float)  # 0.0 … 0.5

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Data"), parent)
        self.setObjectName("dataPanel")
        self._make_fields()
        self._lay_out()
        self._describe()
        self._connect()
        self.set_spec(GenerationSpec())

    # ----- construction ---------------------------------------------------------------
    def _make_fields(self) -> None:
        self.w_edit = QLineEdit()
        self.b_spin = compact_spin(-1e4, 1e4, 4, 0.1)
        self.noise_spin = compact_spin(0.0, 1e4, 4, 0.1)
        self.noise_combo = QComboBox()
        for kind, label in zip(NOISE_KINDS, self._noise_labels(), strict=True):
            self.noise_combo.addItem(label, kind)
        self.n_spin = _int_spin(1, MAX_EXAMPLES)
        self.seed_spin = _int_spin(0, MAX_SEED)
        self.range_check = QCheckBox(self.tr("uniform x in [lo, hi]"))
        self.lo_spin = compact_spin(-1e6, 1e6, 3, 0.5)
        self.hi_spin = compact_spin(-1e6, 1e6, 3, 0.5)
        self.lo_spin.setValue(-3.0)
        self.hi_spin.setValue(3.0)
        self.val_slider = QSlider(Qt.Orientation.Horizontal)
        self.val_slider.setRange(0, MAX_VAL_PERCENT)
        self.val_slider.setPageStep(10)
        self.val_slider.setTracking(False)  # one request on release, not one per pixel
        self.val_spin = _int_spin(0, MAX_VAL_PERCENT)
        self.val_spin.setSuffix(" %")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_TEXT_COLOR};")
        self.error_label.hide()
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setObjectName("generateButton")

    def _noise_labels(self) -> tuple[str, str, str]:
        return self.tr("Gaussian"), self.tr("Laplace"), self.tr("Outliers")

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("w"), self.w_edit)
        form.addRow(self.tr("b"), self.b_spin)
        form.addRow(self.tr("noise σ"), self.noise_spin)
        form.addRow(self.tr("noise type"), self.noise_combo)
        form.addRow(self.tr("examples n"), self.n_spin)
        form.addRow(self.tr("seed"), self.seed_spin)
        form.addRow(self.range_check)
        form.addRow(self._row(QLabel(self.tr("lo")), self.lo_spin,
                              QLabel(self.tr("hi")), self.hi_spin))
        form.addRow(self.tr("validation"), self._row(self.val_slider, self.val_spin))
        form.addRow(self.error_label)
        form.addRow(self.generate_button)

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        return row

    def _help(self) -> dict[QWidget, tuple[str, str]]:
        """Accessible name and one-sentence tooltip of every control."""
        return {
            self.w_edit: (self.tr("True weights w"), self.tr(
                "The true weights, one per feature, separated by commas (e.g. 2, -3.4).")),
            self.b_spin: (self.tr("True bias b"), self.tr(
                "The true bias b added to every label.")),
            self.noise_spin: (self.tr("Noise standard deviation"), self.tr(
                "The standard deviation σ of the noise added to each label (0 = no noise).")),
            self.noise_combo: (self.tr("Noise type"), self.tr(
                "The distribution of the noise: Gaussian as in d2l, heavier-tailed Laplace, "
                "or Gaussian with a few large outliers.")),
            self.n_spin: (self.tr("Number of examples"), self.tr(
                "How many examples (x, y) to generate.")),
            self.seed_spin: (self.tr("Data seed"), self.tr(
                "The random seed: the same seed gives the same data.")),
            self.range_check: (self.tr("Uniform x range"), self.tr(
                "Draw x uniformly from [lo, hi] instead of from the standard normal N(0, 1).")),
            self.lo_spin: (self.tr("Lower end of x"), self.tr(
                "The smallest x value drawn when the uniform range is on.")),
            self.hi_spin: (self.tr("Upper end of x"), self.tr(
                "The largest x value drawn when the uniform range is on.")),
            self.val_slider: (self.tr("Validation share"), self.tr(
                "The share of examples held out for validation; it applies to the current "
                "data at once.")),
            self.val_spin: (self.tr("Validation share in percent"), self.tr(
                "The share of examples held out for validation; it applies to the current "
                "data at once.")),
            self.generate_button: (self.tr("Generate data"), self.tr(
                "Replace the data with new examples drawn from y = Xw + b + noise.")),
        }

    def _describe(self) -> None:
        self.setAccessibleName(self.tr("Data generation"))
        for widget, (name, tip) in self._help().items():
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
            widget.setAccessibleDescription(tip)

    def _connect(self) -> None:
        self.w_edit.textChanged.connect(self._validate)
        self.w_edit.returnPressed.connect(self._request_generate)
        self.range_check.toggled.connect(self._on_range_toggled)
        self.lo_spin.valueChanged.connect(self._validate)
        self.hi_spin.valueChanged.connect(self._validate)
        self.val_slider.sliderMoved.connect(self._show_share_while_dragging)
        self.val_slider.valueChanged.connect(self._on_share_changed)
        self.val_spin.valueChanged.connect(self._on_share_changed)
        self.generate_button.clicked.connect(self._request_generate)

    # ----- model → view -------------------------------------------------------------------
    def set_spec(self, spec: GenerationSpec) -> None:
        """Show a spec in the fields without emitting any request."""
        fields = (self.w_edit, self.b_spin, self.noise_spin, self.noise_combo, self.n_spin,
                  self.seed_spin, self.range_check, self.lo_spin, self.hi_spin)
        with blocked(*fields):
            self.w_edit.setText(format_weights(spec.w))
            self.b_spin.setValue(spec.b)
            self.noise_spin.setValue(spec.noise_std)
            self.noise_combo.setCurrentIndex(max(0, self.noise_combo.findData(spec.noise)))
            self.n_spin.setValue(spec.num_examples)
            self.seed_spin.setValue(spec.seed)
            self.range_check.setChecked(spec.x_range is not None)
            if spec.x_range is not None:
                self.lo_spin.setValue(spec.x_range[0])
                self.hi_spin.setValue(spec.x_range[1])
        self.set_validation_fraction(spec.val_fraction)
        self._on_range_toggled(spec.x_range is not None)

    def set_validation_fraction(self, fraction: float) -> None:
        """Show the current validation share (0.0 … 0.5) without emitting a request."""
        percent = round(min(max(fraction, 0.0), MAX_VAL_PERCENT / 100) * 100)
        with blocked(self.val_slider, self.val_spin):
            self.val_slider.setValue(percent)
            self.val_spin.setValue(percent)

    # ----- view → requests ----------------------------------------------------------------
    def spec(self) -> GenerationSpec | None:
        """The spec the fields describe, or None while a field is invalid."""
        if self._problems():
            return None
        x_range = None
        if self.range_check.isChecked():
            x_range = (self.lo_spin.value(), self.hi_spin.value())
        return GenerationSpec(
            w=parse_weights(self.w_edit.text()), b=self.b_spin.value(),
            noise_std=self.noise_spin.value(), noise=self.noise_combo.currentData(),
            num_examples=self.n_spin.value(), seed=self.seed_spin.value(), x_range=x_range,
            val_fraction=self.val_spin.value() / 100)

    def _problems(self) -> dict[QWidget, str]:
        problems: dict[QWidget, str] = {}
        try:
            parse_weights(self.w_edit.text())
        except ValueError as error:
            problems[self.w_edit] = str(error)
        if self.range_check.isChecked() and self.lo_spin.value() >= self.hi_spin.value():
            problems[self.hi_spin] = self.tr("The upper end hi must be above the lower end lo.")
        return problems

    def _validate(self) -> None:
        problems = self._problems()
        help_texts = self._help()
        for widget in (self.w_edit, self.hi_spin):
            show_problem(widget, problems.get(widget), help_texts[widget][1])
        self.error_label.setText("\n".join(problems.values()))
        self.error_label.setVisible(bool(problems))
        self.generate_button.setEnabled(not problems)

    def _on_range_toggled(self, checked: bool) -> None:
        self.lo_spin.setEnabled(checked)
        self.hi_spin.setEnabled(checked)
        self._validate()

    def _show_share_while_dragging(self, percent: int) -> None:
        with blocked(self.val_spin):
            self.val_spin.setValue(percent)

    def _on_share_changed(self, percent: int) -> None:
        with blocked(self.val_slider, self.val_spin):
            self.val_slider.setValue(percent)
            self.val_spin.setValue(percent)
        self.validationFractionRequested.emit(percent / 100)

    def _request_generate(self) -> None:
        spec = self.spec()
        if spec is not None:
            self.generateRequested.emit(spec)
