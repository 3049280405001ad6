"""What the class plane shows: regions by the most likely class or one class's probability,
and whether the Newton optimum's boundaries are drawn.

View settings, not data: they are not undone and not saved. The panel emits what the
learner chose; the workspace hands it to the plot.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QWidget

from linreg_lab.gui.widgets.fields import add_labelled_row, blocked, describe, name_rows
from linreg_lab.gui.widgets.retranslating import Retranslating


class ClassViewPanel(Retranslating, QGroupBox):
    """Shade by the winner or by P(y = c | x); show or hide the optimum's boundaries."""

    probabilityClassRequested = Signal(object)  # None: the most likely class; else a class
    referenceVisibleRequested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classViewPanel")
        self._names: tuple[str, ...] = ()
        self.shade_combo = QComboBox()
        self.shade_combo.setObjectName("regionShadeCombo")
        self.reference_check = QCheckBox()
        self.reference_check.setObjectName("referenceBoundaryCheck")
        self.reference_check.setChecked(True)
        form = self._form = QFormLayout(self)
        add_labelled_row(form, self.shade_combo)
        form.addRow(self.reference_check)
        self.shade_combo.activated.connect(
            lambda i: self.probabilityClassRequested.emit(None if i == 0 else i - 1))
        self.reference_check.toggled.connect(self.referenceVisibleRequested)
        self.retranslate()

    def set_classes(self, names: tuple[str, ...]) -> None:
        """One entry per class after "most likely class"; back to that when classes change."""
        if names == self._names:
            return
        self._names = names
        with blocked(self.shade_combo):
            self.shade_combo.clear()
            self.shade_combo.addItems([""] * (len(names) + 1))
        self.retranslate()
        self.probabilityClassRequested.emit(None)

    def retranslate(self) -> None:
        self.setTitle(self.tr("The plane"))
        name_rows(self._form, {self.shade_combo: self.tr("regions")})
        self.shade_combo.setItemText(0, self.tr("most likely class (paler: less sure)"))
        for k, name in enumerate(self._names):
            self.shade_combo.setItemText(k + 1, self.tr("probability of class {name}")
                                         .format(name=name))
        self.reference_check.setText(self.tr("optimum's boundaries (Newton)"))
        describe({
            self.shade_combo: (self.tr("Region shading"), self.tr(
                "Colour each point of the plane by the class the model finds most likely, or "
                "by the probability P(y = c | x) it gives one class.")),
            self.reference_check: (self.tr("Optimum's boundaries"), self.tr(
                "Draw, dashed, the decision boundaries of the cross-entropy optimum that "
                "Newton's method finds on the training data.")),
        })
