"""Whether a run streams steps now, for views that need not redraw on every one.

While the run loop runs, stateChanged comes up to 60 times a second. The lines, the
minibatch and the loss curve follow every frame; numbers in tables, labels and diagrams
cannot be read at 60 Hz, and their text layout costs more per frame than the plots' lines.
Such views redraw at most a few times a second while a run streams and draw the final state
as soon as it stops (`gui.widgets.redraw.ThrottledRedraw` with `pacing=`); outside a run
every change draws at once, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Pacing(QObject):
    """A flag the run loop sets while it runs; views listen to streamingChanged."""

    streamingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._streaming = False

    @property
    def streaming(self) -> bool:
        return self._streaming

    def set_streaming(self, on: bool) -> None:
        if on != self._streaming:
            self._streaming = on
            self.streamingChanged.emit(on)
