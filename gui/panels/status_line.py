"""The status bar's training summary: epoch, step, loss and measured speed.

The speed stays after a run ends ("last run: …"): at full speed a short run is over before a
second has passed, and its speed is still worth reading.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt, fmt_rate
from linreg_lab.gui.text.vocabulary import measure_short
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating


class StatusLine(Retranslating, QLabel):
    """One line of text, refreshed on every state change (at most ~60 times a second)."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
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
        if target and self._session.trainer.epoch < target:
            epoch = self.tr("epoch {done}/{target}").format(done=t.epoch, target=target)
        else:
            epoch = self.tr("epoch {done}").format(done=t.epoch)
        loss = fmt(t.loss() if self._session.data.n_train else None)
        measure = measure_short(self._session.hyper.loss)  # which loss: "½·MSE", "Huber loss"
        parts = [epoch, self.tr("step {n}").format(n=t.steps),
                 self.tr("{measure} {value}").format(measure=measure, value=loss)]
        if self._rate is not None:
            rate = fmt_rate(self._rate)
            parts.append(self.tr("{rate} steps/s").format(rate=rate) if self._running
                         else self.tr("last run: {rate} steps/s").format(rate=rate))
        self.setText(" · ".join(parts))
