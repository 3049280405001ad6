"""The confusion matrix of SGD's current classifier, on the training or the validation set.

Rows are the true classes, columns the predicted ones (core.confusion_matrix); each cell shows
its count, shaded in SGD's orange by its share of the row (the class's examples), so a class
that is often mistaken reads as a pale diagonal cell with darker cells beside it. The diagonal
is bold: those are the correct answers, and their sum over the total is the accuracy (准确率).
Which set is shown is the view's own choice (two buttons); the validation one is disabled
while there is no validation set.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.core.confusion import confusion_matrix
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt_percent
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

TRAINING, VALIDATION = "training", "validation"
REFRESH_INTERVAL_MS = 100
_WHITE, _SHADE = QColor("white"), QColor(colors.SGD)


def shade(share: float) -> QColor:
    """White for no examples of the row, SGD's orange for all of them."""
    t = min(max(float(share), 0.0), 1.0) if np.isfinite(share) else 0.0
    return QColor.fromRgbF(*(
        (1 - t) * a + t * b for a, b in zip(_WHITE.getRgbF()[:3], _SHADE.getRgbF()[:3],
                                            strict=True)))


class ConfusionMatrix(Retranslating, QWidget):
    """Counts of (true class, predicted class) for the session's current W and b."""

    def __init__(self, session: ClassificationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self._session = session
        self._showing = TRAINING
        self._counts = np.zeros((0, 0), dtype=np.intp)
        # the counts and the (names, words) last written into the table
        self._filled: tuple[np.ndarray, tuple[tuple[str, ...], str]] | None = None
        self._build()
        self._redraw = ThrottledRedraw(self, self.refresh, REFRESH_INTERVAL_MS)
        session.stateChanged.connect(self._redraw.request)
        session.datasetChanged.connect(self.refresh)
        self.retranslate()

    def _build(self) -> None:
        self._title = QLabel(self)
        self._title.setWordWrap(True)
        self.training_button, self.validation_button = QRadioButton(self), QRadioButton(self)
        self.training_button.setObjectName("confusionTraining")
        self.validation_button.setObjectName("confusionValidation")
        self.training_button.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.training_button, self.validation_button):
            group.addButton(button)
        self.training_button.toggled.connect(self._on_choice)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # a cut count misleads
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(22)
        self._axes = QLabel(self)
        self._axes.setWordWrap(True)
        self.accuracy_label = QLabel(self)
        choice = QHBoxLayout()
        choice.addWidget(self.training_button)
        choice.addWidget(self.validation_button)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self._title, self._axes):
            layout.addWidget(widget)
        layout.addLayout(choice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.accuracy_label)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Confusion matrix"))
        self._title.setText("<b>" + self.tr("Confusion matrix") + "</b>")
        self._axes.setText(self.tr("rows: true class · columns: predicted class · the "
                                   "diagonal counts the correct answers"))
        self.training_button.setText(self.tr("Training set"))
        self.validation_button.setText(self.tr("Validation set"))
        self.validation_button.setToolTip(self.tr(
            "The examples held out from training: how well the classifier generalises."))
        self.table.setAccessibleName(self.tr("Confusion matrix counts"))
        self.refresh()

    # ----- the choice of set (view state, not the model's) --------------------------------
    def showing(self) -> str:
        """"training" or "validation" (validation falls back to training without one)."""
        return self._showing

    def set_showing(self, which: str) -> None:
        if which not in (TRAINING, VALIDATION):
            raise ValueError(f"showing must be {TRAINING!r} or {VALIDATION!r}, got {which!r}")
        (self.training_button if which == TRAINING else self.validation_button).setChecked(True)

    def _on_choice(self) -> None:
        self._showing = TRAINING if self.training_button.isChecked() else VALIDATION
        self.refresh()

    # ----- what is shown ------------------------------------------------------------------
    def counts(self) -> np.ndarray:
        """The matrix shown now (rows true, columns predicted)."""
        return self._counts.copy()

    def refresh(self) -> None:
        t = self._session.trainer
        validation = t.validation_set
        self.validation_button.setEnabled(validation is not None)
        if self._showing == VALIDATION and validation is None:
            self.training_button.setChecked(True)  # calls refresh again
            return
        X, y = validation if self._showing == VALIDATION and validation else t.training_set
        k = t.num_classes
        predicted = t.predict(X) if len(y) else np.empty(0, dtype=np.intp)
        self._counts = confusion_matrix(y, predicted, k)
        self._fill(self._session.dataset.class_names)
        total = int(self._counts.sum())
        correct = int(np.trace(self._counts))
        self.accuracy_label.setText(self.tr("accuracy {value} ({correct} of {total})").format(
            value=fmt_percent(correct / total if total else None), correct=correct,
            total=total))

    def _fill(self, names: tuple[str, ...]) -> None:
        """Write the counts into the table, touching only the cells that changed (each
        change repaints; during training most counts stay as they were)."""
        counts, k = self._counts, self._counts.shape[0]
        table = self.table
        fresh = (table.rowCount() != k or self._filled is None
                 or self._filled[1] != (names, self.tr("true {true}, predicted {predicted}: "
                                                       "{count}")))
        if fresh:
            table.clearContents()
            table.setRowCount(k)
            table.setColumnCount(k)
            table.setVerticalHeaderLabels(list(names))
            table.setHorizontalHeaderLabels(list(names))
        before = None if fresh else self._filled[0]
        rows = counts.sum(axis=1)
        for i in range(k):
            row_changed = before is None or before[i].sum() != rows[i]
            for j in range(k):
                if not row_changed and before[i, j] == counts[i, j]:
                    continue
                self._write(i, j, int(counts[i, j]), counts[i, j] / rows[i] if rows[i] else 0.0,
                            names)
        self._filled = (counts.copy(), (names, self.tr("true {true}, predicted {predicted}: "
                                                       "{count}")))

    def _write(self, i: int, j: int, count: int, share: float, names: tuple[str, ...]) -> None:
        item = self.table.item(i, j)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setForeground(QColor(colors.TEXT))
            if i == j:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(i, j, item)
        item.setText(str(count))
        item.setBackground(shade(share))
        item.setToolTip(self.tr("true {true}, predicted {predicted}: {count}").format(
            true=names[i], predicted=names[j], count=count))
