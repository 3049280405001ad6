"""Whether a run streams steps now, for views that need not redraw on every one.

While the run loop runs, stateChanged comes up to 60 times a second. The lines, the
minibatch and the loss curve follow every frame; numbers in tables, labels and diagrams
cannot be read at 60 Hz, and their text layout costs more per frame than the plots' lines.
Such views redraw at most a few times a second while a run (or a drag) streams and draw the
final state as soon as it stops (`gui.widgets.redraw.ThrottledRedraw` with `pacing=`); outside a run
every change draws at once, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Pacing(QObject):
    """Streaming while anyone holds it: the run loop while it runs, the fit plot while a
    point is dragged (each move changes the data, up to 60 times a second, like a run)."""

    streamingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._holders: set[str] = set()

    @property
    def streaming(self) -> bool:
        return bool(self._holders)

    def held_by(self, who: str) -> bool:
        """True while `who` streams ("drag": a point is being dragged)."""
        return who in self._holders

    def hold(self, who: str) -> None:
        """`who` streams changes now (a name: "run", "drag")."""
        before = self.streaming
        self._holders.add(who)
        if not before:
            self.streamingChanged.emit(True)

    def release(self, who: str) -> None:
        """`who` stopped; when nobody streams any more, paced views draw the last state."""
        if who in self._holders:
            self._holders.discard(who)
            if not self._holders:
                self.streamingChanged.emit(False)

    def set_streaming(self, on: bool) -> None:
        """The run loop's hold: on while it runs."""
        if on:
            self.hold("run")
        else:
            self.release("run")
