"""The Training panel: initialisation, loss, shuffling and seed of SGD.

It shows the session's Hyperparameters and emits hyperparametersRequested with only the
fields the learner changed, named as in gui.hyperparameters.Hyperparameters. The main window
pushes values back with set_values (signals blocked), and set_point when the learner clicks a
start point on the loss landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from linreg_lab.core.limits import MAX_SEED
from linreg_lab.core.notation import LOSS_KINDS, UPDATE_RULES, LossKind
from linreg_lab.gui.state.hyperparameters import INITS, Hyperparameters
from linreg_lab.gui.widgets.fields import (
    add_labelled_row,
    blocked,
    compact_spin,
    describe,
    format_number,
    format_weights,
    name_rows,
    parse_number,
    parse_weights,
    show_problem,
)
from linreg_lab.gui.widgets.retranslating import Retranslating

KEYS = ("init", "init_w", "init_b", "loss", "huber_delta", "update", "shuffle", "standardize",
        "seed")
POINT_DIGITS = 4  # a clicked start point is rounded to this many significant digits


def round_significant(value: float, digits: int = POINT_DIGITS) -> float:
    """A clicked coordinate rounded to a few significant digits, so the field stays short."""
    return float(f"{float(value):.{digits}g}")


class TrainingPanel(Retranslating, QGroupBox):
    """Where SGD starts, which loss it minimises, and how it draws minibatches."""

    hyperparametersRequested = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self._known: dict[str, object] = {}  # the values the session holds, as last known
        self._make_fields()
        self._lay_out()
        self._connect()
        self.set_values(Hyperparameters())
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language; what the learner typed or chose stays."""
        self.setTitle(self.tr("Training"))
        name_rows(self._form, {
            self.init_combo: self.tr("start"), self.init_w_edit: self.tr("start w"),
            self.init_b_edit: self.tr("start b"), self.loss_combo: self.tr("loss"),
            self.delta_spin: self.tr("Huber δ"), self.update_combo: self.tr("update"),
            self.seed_spin: self.tr("seed"),
        })
        init_labels = (self.tr("d2l: w ~ N(0, 0.01²), b = 0"), self.tr("zeros"),
                       self.tr("chosen point"))
        loss_labels = (self.tr("squared ½(ŷ − y)²"), self.tr("absolute |ŷ − y|"),
                       self.tr("Huber"))
        update_labels = (self.tr("exact mean of the batch (÷ |B|)"),
                         self.tr("d2l's sgd: sum ÷ batch_size"),
                         self.tr("sum, not divided (η × |B|)"))
        for combo, labels in ((self.init_combo, init_labels), (self.loss_combo, loss_labels),
                              (self.update_combo, update_labels)):
            for index, label in zip(range(combo.count()), labels, strict=True):
                combo.setItemText(index, label)
        self.shuffle_check.setText(self.tr("shuffle each epoch"))
        self.standardize_check.setText(self.tr("standardise features (shown in data units)"))
        self.setAccessibleName(self.tr("Training settings"))
        describe(self._help())
        self._validate()  # the problems and the tooltips of fields marked wrong, translated

    # ----- construction ---------------------------------------------------------------
    def _make_fields(self) -> None:
        self.init_combo = QComboBox()
        for key in INITS:
            self.init_combo.addItem("", key)
        self.init_w_edit = QLineEdit()
        self.init_b_edit = QLineEdit()
        self.loss_combo = QComboBox()
        for kind in LOSS_KINDS:
            self.loss_combo.addItem("", kind)
        self.delta_spin = compact_spin(0.001, 1e4, 3, 0.1)
        self.update_combo = QComboBox()
        self.update_combo.setObjectName("updateCombo")
        for rule in UPDATE_RULES:
            self.update_combo.addItem("", rule)
        self.shuffle_check = QCheckBox()
        self.standardize_check = QCheckBox()
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, MAX_SEED)
        self.seed_spin.setKeyboardTracking(False)

    def _lay_out(self) -> None:
        form = self._form = QFormLayout(self)
        for field in (self.init_combo, self.init_w_edit, self.init_b_edit, self.loss_combo,
                      self.delta_spin, self.update_combo):
            add_labelled_row(form, field)
        form.addRow(self.shuffle_check)
        form.addRow(self.standardize_check)
        add_labelled_row(form, self.seed_spin)

    def _help(self) -> dict[QWidget, tuple[str, str]]:
        """Accessible name and one-sentence tooltip of every control."""
        return {
            self.init_combo: (self.tr("Initialisation"), self.tr(
                "Where SGD starts at the next Reset: d2l's small random weights, all zeros, "
                "or the point below (click the loss landscape to choose one).")),
            self.init_w_edit: (self.tr("Start weights w"), self.tr(
                "The starting weights, one per feature, separated by commas.")),
            self.init_b_edit: (self.tr("Start bias b"), self.tr("The starting bias b.")),
            self.loss_combo: (self.tr("Loss function"), self.tr(
                "The loss SGD minimises: squared as in d2l, absolute, or Huber (squared near "
                "zero, absolute beyond δ).")),
            self.delta_spin: (self.tr("Huber delta"), self.tr(
                "Where the Huber loss turns from squared to absolute.")),
            self.update_combo: (self.tr("Minibatch update"), self.tr(
                "How a minibatch's gradient becomes a step: the gradient of the mean loss "
                "over the batch; d2l's sgd, which sums the losses and divides by batch_size "
                "even for a shorter last batch; or the sum without dividing, a learning rate "
                "|B| times larger.")),
            self.shuffle_check: (self.tr("Shuffle"), self.tr(
                "Visit the examples in a new random order every epoch, as d2l's data_iter "
                "does.")),
            self.standardize_check: (self.tr("Standardise features"), self.tr(
                "Train on x scaled to mean 0 and standard deviation 1, so one learning rate "
                "suits every feature; w and b are still reported in the data's own units.")),
            self.seed_spin: (self.tr("Training seed"), self.tr(
                "The random seed of initialisation and shuffling, used at the next Reset.")),
        }

    def _connect(self) -> None:
        self.init_combo.currentIndexChanged.connect(self._on_edit)
        self.loss_combo.currentIndexChanged.connect(self._on_edit)
        self.delta_spin.valueChanged.connect(self._on_edit)
        self.update_combo.currentIndexChanged.connect(self._on_edit)
        self.shuffle_check.toggled.connect(self._on_edit)
        self.standardize_check.toggled.connect(self._on_edit)
        self.seed_spin.valueChanged.connect(self._on_edit)
        for edit in (self.init_w_edit, self.init_b_edit):
            edit.textChanged.connect(self._validate)
            edit.editingFinished.connect(self._on_edit)

    # ----- model → view -------------------------------------------------------------------
    def set_values(self, h: Hyperparameters) -> None:
        """Show the session's hyperparameters without emitting any request."""
        with blocked(self.init_combo, self.init_w_edit, self.init_b_edit, self.loss_combo,
                     self.delta_spin, self.update_combo, self.shuffle_check,
                     self.standardize_check, self.seed_spin):
            self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(h.init)))
            self.init_w_edit.setText(format_weights(h.init_w))
            self.init_b_edit.setText(format_number(h.init_b))
            self.loss_combo.setCurrentIndex(max(0, self.loss_combo.findData(h.loss)))
            self.delta_spin.setValue(h.huber_delta)
            self.update_combo.setCurrentIndex(max(0, self.update_combo.findData(h.update)))
            self.shuffle_check.setChecked(h.shuffle)
            self.standardize_check.setChecked(h.standardize)
            self.seed_spin.setValue(h.seed)
        self._known = {key: getattr(h, key) for key in KEYS}
        self._known["huber_delta"] = self.delta_spin.value()  # as rounded by the spin box
        self._validate()

    def set_point(self, w: Sequence[float], b: float) -> None:
        """Choose a start point (a landscape click): fill w, b, select it, emit one request."""
        w_rounded = tuple(round_significant(v) for v in w)
        with blocked(self.init_combo, self.init_w_edit, self.init_b_edit):
            self.init_combo.setCurrentIndex(self.init_combo.findData("point"))
            self.init_w_edit.setText(format_weights(w_rounded))
            self.init_b_edit.setText(format_number(round_significant(b)))
        self._on_edit()

    # ----- view → requests ----------------------------------------------------------------
    def values(self) -> dict[str, object]:
        """The valid values the fields show now (an invalid w or b is left out)."""
        values: dict[str, object] = {
            "init": self.init_combo.currentData(),
            "loss": self.loss_combo.currentData(),
            "huber_delta": self.delta_spin.value(),
            "update": self.update_combo.currentData(),
            "shuffle": self.shuffle_check.isChecked(),
            "standardize": self.standardize_check.isChecked(),
            "seed": self.seed_spin.value(),
        }
        with suppress(ValueError):
            values["init_w"] = parse_weights(self.init_w_edit.text())
        with suppress(ValueError):
            values["init_b"] = parse_number(self.init_b_edit.text())
        return values

    def _on_edit(self) -> None:
        self._validate()
        changed = {k: v for k, v in self.values().items() if self._known.get(k) != v}
        if changed:
            self._known.update(changed)
            self.hyperparametersRequested.emit(changed)

    def _validate(self) -> None:
        point = self.init_combo.currentData() == "point"
        self.init_w_edit.setEnabled(point)
        self.init_b_edit.setEnabled(point)
        self.delta_spin.setEnabled(self.loss_combo.currentData() == LossKind.HUBER)
        help_texts = self._help()
        for edit, parse in ((self.init_w_edit, parse_weights), (self.init_b_edit, parse_number)):
            try:
                parse(edit.text())
                problem = None
            except ValueError as error:
                problem = str(error)
            show_problem(edit, problem, help_texts[edit][1])
