"""A small progress display for work running off the GUI thread: what, how far, and Cancel.

It sits in the status bar and is hidden while nothing runs. It only shows and asks: the
owner of the job starts it, feeds set_progress() and acts on cancelRequested.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from linreg_lab.gui.widgets.retranslating import Retranslating


class JobProgress(Retranslating, QWidget):
    """"Generating data… [████░░] Cancel" while a job runs; hidden otherwise."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobProgress")
        self.label = QLabel(self)
        self.label.setObjectName("jobLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("jobProgressBar")
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("jobCancelButton")
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr(
            "Stop building the new data: the data shown stay as they are."))
        self.bar.setAccessibleName(self.tr("Progress"))

    def begin(self, what: str) -> None:
        """Show `what` is being done, from 0 %."""
        self.label.setText(what)
        self.bar.setValue(0)
        self.show()

    def set_progress(self, fraction: float) -> None:
        self.bar.setValue(round(100 * min(max(fraction, 0.0), 1.0)))

    def end(self) -> None:
        self.hide()
