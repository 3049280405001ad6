"""The timeline: a slider over every step of the run, to show any earlier one (rewind).

It only shows the session's timeline and asks for a step; the Session computes that step
again exactly (core.timeline) and every view follows its stateChanged.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating


class TimelineBar(Retranslating, QWidget):
    """Slider `timelineSlider` from the first to the last step of the run, at the step shown."""

    stepRequested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("timelineSlider")
        self.slider.setMinimumWidth(140)
        self.slider.valueChanged.connect(self._on_value)
        self._label = QLabel(self)
        self._label.setObjectName("timelineLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self._label)
        self._paced = ThrottledRedraw(self, self.refresh, STREAM_INTERVAL_MS,
                                      pacing=session.pacing, idle_throttle=False)
        session.stateChanged.connect(self._paced.request)  # ten a second while running
        session.datasetChanged.connect(self.refresh)
        session.hyperparametersChanged.connect(self.refresh)  # a change there ends the run
        self.retranslate()

    def refresh(self) -> None:
        """Follow the run: its range, and the step shown."""
        first, last = self._session.timeline_range()
        shown = self._session.trainer.steps
        with QSignalBlocker(self.slider):
            self.slider.setRange(first, last)
            self.slider.setValue(shown)
            self.slider.setPageStep(max(1, (last - first) // 20))
        self.slider.setEnabled(last > first)
        self._label.setText(self.tr("step %1 of %2").replace("%1", f"{shown:,}")
                            .replace("%2", f"{last:,}"))

    def retranslate(self) -> None:
        self.slider.setAccessibleName(self.tr("Timeline"))
        self.slider.setToolTip(self.tr(
            "Drag to show any earlier step of the run: every plot and number follows. Step "
            "(→) repeats the run exactly from there; changing a hyperparameter continues it "
            "from there. Shift+→ steps back."))
        self.refresh()

    def _on_value(self, value: int) -> None:
        if value != self._session.trainer.steps:
            self.stepRequested.emit(value)
