"""The classification Training panel: the initialisation, shuffling, and the formula the
loss is computed with (the stable log-sum-exp of d2l 3.7, or 3.6's naive one).

η, the batch size and the epochs are in the toolbar, shared with regression. The panel only
emits requests; the workspace pushes the session's values back with signals blocked.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QWidget

from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.widgets.fields import add_labelled_row, blocked, describe, name_rows
from linreg_lab.gui.widgets.retranslating import Retranslating

INITS = ("normal", "zeros")


class ClassTrainingPanel(Retranslating, QGroupBox):
    """Initialisation, shuffle, and stable versus naive softmax."""

    hyperparametersRequested = Signal(dict)  # keys: init, shuffle
    stableRequested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classTrainingPanel")
        self.init_combo = QComboBox()
        self.init_combo.setObjectName("classInitCombo")
        for key in INITS:
            self.init_combo.addItem("", key)
        self.shuffle_check = QCheckBox()
        self.stable_check = QCheckBox()
        self.stable_check.setObjectName("stableSoftmaxCheck")
        self.stable_check.setChecked(True)
        form = self._form = QFormLayout(self)
        add_labelled_row(form, self.init_combo)
        form.addRow(self.shuffle_check)
        form.addRow(self.stable_check)
        self.init_combo.currentIndexChanged.connect(
            lambda i: self.hyperparametersRequested.emit({"init": INITS[i]}))
        self.shuffle_check.toggled.connect(
            lambda on: self.hyperparametersRequested.emit({"shuffle": on}))
        self.stable_check.toggled.connect(self.stableRequested)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Softmax training"))
        name_rows(self._form, {self.init_combo: self.tr("initial W")})
        self.init_combo.setItemText(0, self.tr("normal N(0, 0.01²), as in d2l"))
        self.init_combo.setItemText(1, self.tr("zeros"))
        self.shuffle_check.setText(self.tr("shuffle each epoch"))
        self.stable_check.setText(self.tr("stable softmax (log-sum-exp, d2l 3.7)"))
        describe({
            self.init_combo: (self.tr("Initial weights"), self.tr(
                "Where training starts after Reset: small random weights, or all zeros.")),
            self.shuffle_check: (self.tr("Shuffle"), self.tr(
                "Visit the examples in a new random order each epoch.")),
            self.stable_check: (self.tr("Stable softmax"), self.tr(
                "Compute the cross-entropy from the logits with the log-sum-exp trick. Off: "
                "d2l 3.6's softmax(o) = exp(o) / Σ exp(o) and −log ŷ, which overflow or take "
                "log(0) on large logits.")),
        })

    def set_values(self, hyper: Hyperparameters, stable: bool) -> None:
        with blocked(self.init_combo, self.shuffle_check, self.stable_check):
            index = INITS.index(hyper.init) if hyper.init in INITS else 0
            self.init_combo.setCurrentIndex(index)
            self.shuffle_check.setChecked(hyper.shuffle)
            self.stable_check.setChecked(stable)
