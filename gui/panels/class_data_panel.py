"""The classification Data panel: the class palette, Gaussian clusters to generate, the
built-in sets (handwritten digits, Fisher's iris), and the validation share.

Like the regression Data panel it only shows values and emits requests; the workspace routes
them to the ClassificationSession and pushes the model's values back with signals blocked.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)

from linreg_lab.core.class_data import IRIS_FEATURES, MAX_CLUSTERS, ClassDataset
from linreg_lab.core.limits import MAX_SEED, MIN_CLASSES
from linreg_lab.gui.panels.class_palette import ClassPalette
from linreg_lab.gui.widgets.fields import (
    MAX_VAL_PERCENT,
    add_labelled_row,
    blocked,
    compact_spin,
    describe,
    int_spin,
    name_rows,
)
from linreg_lab.gui.widgets.retranslating import Retranslating

translate = QCoreApplication.translate  # a plain name lupdate recognises
IRIS_PAIRS = tuple(combinations(range(len(IRIS_FEATURES)), 2))
DEFAULT_IRIS_PAIR = IRIS_PAIRS.index((2, 3))  # petal length and width: the classic picture


class ClassDataPanel(Retranslating, QGroupBox):
    """Classes to click, clusters to generate, built-in sets to open, the validation share."""

    generateRequested = Signal(dict)  # k, n, spread, separable, seed, val_fraction
    digitsRequested = Signal()
    irisRequested = Signal(tuple)  # the two feature columns to keep
    validationFractionRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classDataPanel")
        self.palette_row = ClassPalette(self)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("classDataSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.k_spin = int_spin(MIN_CLASSES, MAX_CLUSTERS)
        self.k_spin.setValue(3)
        self.n_spin = int_spin(MIN_CLASSES, 100_000)
        self.n_spin.setValue(150)
        self.spread_spin = compact_spin(0.05, 10.0, 2, 0.1)
        self.spread_spin.setValue(1.2)
        self.separable_check = QCheckBox()
        self.seed_spin = int_spin(0, MAX_SEED)
        self.seed_spin.setValue(42)
        self.val_spin = int_spin(0, MAX_VAL_PERCENT)
        self.val_spin.setSuffix(" %")
        self.generate_button = QPushButton()
        self.generate_button.setObjectName("classGenerateButton")
        self.digits_button = QPushButton()
        self.digits_button.setObjectName("digitsButton")
        self.iris_combo = QComboBox()
        self.iris_combo.setObjectName("irisFeatures")
        self.iris_button = QPushButton()
        self.iris_button.setObjectName("irisButton")
        self._lay_out()
        self._connect()
        self.retranslate()

    def _lay_out(self) -> None:
        form = self._form = QFormLayout(self)
        form.addRow(self.summary_label)
        form.addRow(self.palette_row)
        for field in (self.k_spin, self.n_spin, self.spread_spin, self.seed_spin):
            add_labelled_row(form, field)
        form.addRow(self.separable_check)
        form.addRow(self.generate_button)
        add_labelled_row(form, self.val_spin)
        form.addRow(self.digits_button)
        form.addRow(self.iris_combo)
        form.addRow(self.iris_button)
        for _ in IRIS_PAIRS:
            self.iris_combo.addItem("")
        self.iris_combo.setCurrentIndex(DEFAULT_IRIS_PAIR)

    def _connect(self) -> None:
        self.generate_button.clicked.connect(self._request_generate)
        self.digits_button.clicked.connect(self.digitsRequested)
        self.iris_button.clicked.connect(
            lambda: self.irisRequested.emit(IRIS_PAIRS[self.iris_combo.currentIndex()]))
        self.val_spin.valueChanged.connect(
            lambda percent: self.validationFractionRequested.emit(percent / 100))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Classes and data"))
        name_rows(self._form, {
            self.k_spin: self.tr("classes k"), self.n_spin: self.tr("points n"),
            self.spread_spin: self.tr("spread σ"), self.seed_spin: self.tr("seed"),
            self.val_spin: self.tr("validation"),
        })
        self.separable_check.setText(self.tr("linearly separable"))
        self.generate_button.setText(self.tr("Generate clusters"))
        self.digits_button.setText(self.tr("Handwritten digits (8×8 images)"))
        self.iris_button.setText(self.tr("Fisher's iris (the two features above)"))
        for index, (i, j) in enumerate(IRIS_PAIRS):
            self.iris_combo.setItemText(index, f"{_iris_feature(i)} · {_iris_feature(j)}")
        describe(self._help())

    def _help(self) -> dict[QWidget, tuple[str, str]]:
        return {
            self.k_spin: (self.tr("Number of classes"), self.tr(
                "How many Gaussian clusters, one per class, to draw on the plane.")),
            self.n_spin: (self.tr("Number of points"), self.tr(
                "How many points in all; the classes get equal shares.")),
            self.spread_spin: (self.tr("Cluster spread"), self.tr(
                "The standard deviation of each cluster around its centre; wide clusters "
                "overlap.")),
            self.seed_spin: (self.tr("Data seed"), self.tr(
                "The random seed: the same seed gives the same data.")),
            self.separable_check: (self.tr("Linearly separable"), self.tr(
                "Redraw points until lines can separate the classes: then the cross-entropy "
                "optimum lies at infinity and the weights grow without bound.")),
            self.generate_button: (self.tr("Generate clusters"), self.tr(
                "Replace the data with new clusters (undoable).")),
            self.val_spin: (self.tr("Validation share in percent"), self.tr(
                "The share of examples held out for validation.")),
            self.digits_button: (self.tr("Handwritten digits"), self.tr(
                "1,797 handwritten digits of 8×8 pixels, ten classes (UCI, CC BY 4.0): "
                "each class's 64 weights appear as an image.")),
            self.iris_combo: (self.tr("Iris features"), self.tr(
                "The two of the four flower measurements to put on the plane.")),
            self.iris_button: (self.tr("Fisher's iris"), self.tr(
                "150 iris flowers of three species (Fisher, 1936), by the two measurements "
                "chosen above.")),
        }

    def generate_spec(self) -> dict:
        """What the next Generate draws: k, n, spread, separable, seed, and the share held
        out for validation."""
        return {"k": self.k_spin.value(), "n": self.n_spin.value(),
                "spread": self.spread_spin.value(),
                "separable": self.separable_check.isChecked(), "seed": self.seed_spin.value(),
                "val_fraction": self.val_spin.value() / 100}

    def set_spec(self, spec: dict) -> None:
        """Show clusters' values in the Generate fields (a lesson's preset): k, n, spread,
        separable, seed."""
        with blocked(self.k_spin, self.n_spin, self.spread_spin, self.separable_check,
                     self.seed_spin):
            self.k_spin.setValue(int(spec["k"]))
            self.n_spin.setValue(int(spec["n"]))
            self.spread_spin.setValue(float(spec["spread"]))
            self.separable_check.setChecked(bool(spec["separable"]))
            self.seed_spin.setValue(int(spec["seed"]))

    def _request_generate(self) -> None:
        self.generateRequested.emit(self.generate_spec())

    def set_validation_fraction(self, share: float) -> None:
        with blocked(self.val_spin):
            self.val_spin.setValue(round(100 * share))

    def show_data(self, data: ClassDataset, n_val: int = 0) -> None:
        """Say what is on the plane now, and give the palette its classes."""
        self.palette_row.set_classes(data.class_names)
        n, k, d = data.n_examples, data.num_classes, data.n_features
        text = self.tr("{n} examples in {k} classes, {d} features").format(
            n=f"{n:,}", k=k, d=d)
        if n_val:
            text += self.tr("; {v} of them for validation").format(v=f"{n_val:,}")
        if n:
            counts = ", ".join(f"{name}: {count}" for name, count
                               in zip(data.class_names, data.class_counts(), strict=True))
            text += f" ({counts})" if k <= 6 else ""
        self.summary_label.setText(text)


def _iris_feature(column: int) -> str:
    names = (translate("ClassDataPanel", "sepal length"),
             translate("ClassDataPanel", "sepal width"),
             translate("ClassDataPanel", "petal length"),
             translate("ClassDataPanel", "petal width"))
    return names[column]
