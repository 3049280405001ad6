"""The status bar's training summary: epoch, step, loss and measured speed.

The speed stays after a run ends ("last run: …"): at full speed a short run is over before a
second has passed, and its speed is still worth reading. The figures between the step and the
speed come from figures(), so the classification mode's line (class_status_line.py) says its
own (cross-entropy, accuracy) and shares the rest. The shared texts use the fixed context
"StatusLine": PySide6's self.tr() takes the runtime class's name, which a subclass changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt, fmt_rate
from linreg_lab.gui.text.vocabulary import measure_short
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

if TYPE_CHECKING:  # for the annotations only: not imported at start
    from linreg_lab.gui.state.classification import ClassificationSession

translate = QCoreApplication.translate


class StatusLine(Retranslating, QLabel):
    """One line of text, refreshed on every state change (at most ~60 times a second)."""

    OBJECT_NAME = "statusLine"

    def __init__(self, session: Session | ClassificationSession, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self._session = session
        self._rate: float | None = None
        self._running = False
        self._paced = ThrottledRedraw(self, self.refresh, STREAM_INTERVAL_MS,
                                      pacing=session.pacing, idle_throttle=False)
        session.stateChanged.connect(self._paced.request)  # ten a second while running
        session.hyperparametersChanged.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh()

    def set_rate(self, steps_per_second: float | None) -> None:
        self._rate = steps_per_second
        self.refresh()

    def set_running(self, running: bool) -> None:
        """A new run forgets the last one's speed; a finished run keeps it, marked as such."""
        self._running = running
        if running:
            self._rate = None
        self.refresh()

    def refresh(self) -> None:
        t = self._session.trainer
        target = self._session.hyper.num_epochs
        if target and t.epoch < target:
            epoch = translate("StatusLine", "epoch {done}/{target}").format(done=t.epoch,
                                                                            target=target)
        else:
            epoch = translate("StatusLine", "epoch {done}").format(done=t.epoch)
        parts = [epoch, translate("StatusLine", "step {n}").format(n=t.steps), *self.figures()]
        if self._rate is not None:
            rate = fmt_rate(self._rate)
            parts.append(translate("StatusLine", "{rate} steps/s").format(rate=rate)
                         if self._running
                         else translate("StatusLine", "last run: {rate} steps/s").format(
                             rate=rate))
        self.setText(" · ".join(parts))

    def figures(self) -> list[str]:
        """The training figures between the step count and the speed: the loss, by name."""
        loss = fmt(self._session.trainer.loss() if self._session.data.n_train else None)
        measure = measure_short(self._session.hyper.loss)  # which loss: "½·MSE", "Huber loss"
        return [translate("StatusLine", "{measure} {value}").format(measure=measure,
                                                                    value=loss)]
