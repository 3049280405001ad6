"""The Data panel: what the data on screen are, a form that requests noisy synthetic data, and
the validation share.

The summary at the top says what is there now (how many examples, made by Generate, a
lesson's recipe, a file or by hand, and the analytical solution's error against the true
line when that is known); the form below says what the next Generate makes.

The panel only shows values and emits requests; the main window routes them to the Session
and pushes the model's values back with set_spec / set_validation_fraction (signals blocked).
Field helpers (parsing, error marks, spin boxes) come from gui.widgets.fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from linreg_lab.core.limits import MAX_EXAMPLES, MAX_SEED
from linreg_lab.core.notation import NOISE_KINDS
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.symbols import parameter_symbols
from linreg_lab.gui.text.vocabulary import noise_name
from linreg_lab.gui.widgets.fields import (
    ERROR_TEXT_COLOR,
    MAX_VAL_PERCENT,
    add_labelled_row,
    blocked,
    compact_spin,
    describe,
    format_weights,
    int_spin,
    name_rows,
    parse_weights,
    show_problem,
)
from linreg_lab.gui.widgets.retranslating import Retranslating

if TYPE_CHECKING:  # for the annotations only: not imported at start
    from linreg_lab.gui.state.data_summary import DataSummary


class DataPanel(Retranslating, QGroupBox):
    """Generate noisy data y = Xw + b + noise, and choose the validation share."""

    generateRequested = Signal(object)  # a GenerationSpec
    validationFractionRequested = Signal(float)  # 0.0 … 0.5

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dataPanel")
        self._summary: DataSummary | None = None
        self._make_fields()
        self._lay_out()
        self._connect()
        self.set_spec(GenerationSpec())
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; what the learner typed or chose stays."""
        self.setTitle(self.tr("Data"))
        name_rows(self._form, {
            self.w_edit: self.tr("w"), self.b_spin: self.tr("b"),
            self.noise_spin: self.tr("noise σ"), self.noise_combo: self.tr("noise type"),
            self.n_spin: self.tr("examples n"), self.seed_spin: self.tr("seed"),
            self._val_row: self.tr("validation"),
        })
        for index in range(self.noise_combo.count()):
            self.noise_combo.setItemText(index, noise_name(self.noise_combo.itemData(index)))
        self.range_check.setText(self.tr("uniform x in [lo, hi]"))
        self._lo_label.setText(self.tr("lo"))
        self._hi_label.setText(self.tr("hi"))
        self.generate_button.setText(self.tr("Generate"))
        self.setAccessibleName(self.tr("Data generation"))
        describe(self._help())
        self._validate()  # the problems and the tooltips of fields marked wrong, translated
        self._show_summary()

    # ----- construction ---------------------------------------------------------------
    def _make_fields(self) -> None:
        self.summary_label = QLabel()
        self.summary_label.setObjectName("dataSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.w_edit = QLineEdit()
        self.b_spin = compact_spin(-1e4, 1e4, 4, 0.1)
        self.noise_spin = compact_spin(0.0, 1e4, 4, 0.1)
        self.noise_combo = QComboBox()
        for kind in NOISE_KINDS:
            self.noise_combo.addItem("", kind)
        self.n_spin = int_spin(1, MAX_EXAMPLES)
        self.seed_spin = int_spin(0, MAX_SEED)
        self.range_check = QCheckBox()
        self.lo_spin = compact_spin(-1e6, 1e6, 3, 0.5)
        self.hi_spin = compact_spin(-1e6, 1e6, 3, 0.5)
        self.lo_spin.setValue(-3.0)
        self.hi_spin.setValue(3.0)
        self.val_slider = QSlider(Qt.Orientation.Horizontal)
        self.val_slider.setRange(0, MAX_VAL_PERCENT)
        self.val_slider.setPageStep(10)
        self.val_slider.setTracking(False)  # one request on release, not one per pixel
        self.val_spin = int_spin(0, MAX_VAL_PERCENT)
        self.val_spin.setSuffix(" %")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_TEXT_COLOR};")
        self.error_label.hide()
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generateButton")

    def _lay_out(self) -> None:
        form = self._form = QFormLayout(self)
        form.addRow(self.summary_label)
        for field in (self.w_edit, self.b_spin, self.noise_spin, self.noise_combo, self.n_spin,
                      self.seed_spin):
            add_labelled_row(form, field)
        form.addRow(self.range_check)
        self._lo_label, self._hi_label = QLabel(), QLabel()
        form.addRow(self._row(self._lo_label, self.lo_spin, self._hi_label, self.hi_spin))
        self._val_row = self._row(self.val_slider, self.val_spin)
        add_labelled_row(form, self._val_row)
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

    def show_data(self, summary: DataSummary) -> None:
        """Say what the data on screen are (the summary above the form)."""
        self._summary = summary
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self._summary
        if summary is None:
            self.summary_label.hide()
            return
        lines = [self.tr("Shown: %1 examples (%2 training, %3 validation)")
                 .replace("%1", f"{summary.n_examples:,}").replace("%2", f"{summary.n_train:,}")
                 .replace("%3", f"{summary.n_val:,}"), self._origin_text(summary)]
        if summary.error_w is not None and summary.error_b is not None:
            symbols = parameter_symbols(len(summary.error_w))
            errors = ", ".join(f"{name} {fmt(value)}" for name, value in
                               zip(symbols, (*summary.error_w, summary.error_b), strict=True))
            lines.append(self.tr("Analytical solution's error in estimating the parameters "
                                 "(true − analytical): %1").replace("%1", errors))
        self.summary_label.setText("\n".join(lines))
        self.summary_label.show()

    def _origin_text(self, summary: DataSummary) -> str:
        """Where the data came from, with the numbers they were made with."""
        spec = summary.spec
        if summary.true_w is None:
            return self.tr("Loaded from a file or placed by hand: the true line is not known.")
        truth = ", ".join(f"{name} = {fmt(value)}" for name, value in zip(
            parameter_symbols(len(summary.true_w)), (*summary.true_w, summary.true_b),
            strict=True))
        if spec is None:  # e.g. a reopened session of a lesson's recipe: the truth was saved
            return self.tr("Made with true %1.").replace("%1", truth)
        if summary.origin == "recipe":
            recipes = {"identical_x": self.tr("every x the same"),
                       "duplicate_feature": self.tr("one feature stored twice")}
            text = (self.tr("Made by the lesson's recipe “%1” with true %2, noise σ = %3, "
                            "seed %4.")
                    .replace("%1", recipes.get(summary.recipe_name or "", summary.recipe_name
                                               or "")))
        else:
            text = self.tr("Made by Generate with true %2, noise σ = %3, seed %4.")
        text = (text.replace("%2", truth).replace("%3", fmt(spec.noise_std))
                .replace("%4", str(spec.seed)))
        if summary.edited:
            text += " " + self.tr("Edited since: the true line describes the points that "
                                  "were made with it.")
        return text

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
