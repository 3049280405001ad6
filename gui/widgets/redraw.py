"""Redraw a view at most so often, and only while it is on screen.

Training emits stateChanged up to 60 times a second; a teaching tab or plot that costs
milliseconds to redraw needs fewer redraws than that, and none while hidden behind another
tab. One helper for all of them, a leading-and-trailing throttle (the policy of superqt's
QSignalThrottler, written out here, so the app needs no library for it): the first change
draws at once, the last one is never lost,
and a hidden view draws once when it is shown again.

Given the session's `Pacing`, the helper also draws the final state the moment a run stops
(not one interval later), and with `idle_throttle=False` it throttles only while a run
streams: a Step click or an edit then draws at once, as a view without the helper would.
With `only_while="drag"` it throttles only while that holder streams: plots that follow a
run frame by frame, but need not follow each move of a dragged point.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from linreg_lab.gui.state.pacing import Pacing

STREAM_INTERVAL_MS = 100
"""How often a paced text view redraws while a run streams: ten readable updates a second."""


class ThrottledRedraw(QObject):
    """Call `redraw` at most every `interval_ms` while `widget` is visible."""

    def __init__(self, widget: QWidget, redraw: Callable[[], None], interval_ms: int = 100,
                 *, pacing: Pacing | None = None, idle_throttle: bool = True,
                 only_while: str | None = None):
        super().__init__(widget)
        self._only_while = only_while
        self._widget = widget
        self._redraw = redraw
        self._dirty = False
        self._pacing = pacing
        self._idle_throttle = idle_throttle
        self._waiting = False  # a request came since the last trigger: trigger at the end
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._interval_over)
        widget.installEventFilter(self)
        if pacing is not None:
            pacing.streamingChanged.connect(self._on_streaming_changed)

    def request(self) -> None:
        """Something the view shows changed: draw soon (now, if the last draw is old)."""
        self._dirty = True
        if not (self._idle_throttle or self._streaming()):
            self.flush()  # no run streams: draw at once, shown or not (as without the helper)
        elif self._widget.isVisible():
            self._throttle()

    def flush(self) -> None:
        """Draw now if anything changed, whatever the throttle says (e.g. before a grab)."""
        self._waiting = False
        if self._dirty:
            self._draw()

    def _throttle(self) -> None:
        """At once if no draw was triggered within the interval, else once at its end."""
        self._waiting = True
        if not self._timer.isActive():
            self._trigger()

    def _trigger(self) -> None:
        self._waiting = False
        self._draw_if_visible()
        self._timer.start()

    def _interval_over(self) -> None:
        if self._waiting:
            self._trigger()

    @property
    def pending(self) -> bool:
        """True while a change waits to be drawn."""
        return self._dirty

    def _streaming(self) -> bool:
        pacing = self._pacing
        if pacing is None:
            return False
        return pacing.streaming if self._only_while is None else pacing.held_by(self._only_while)

    def _on_streaming_changed(self, streaming: bool) -> None:
        if streaming or not self._dirty:
            return
        if self._widget.isVisible() or not self._idle_throttle:  # the run's last step, now
            self.flush()

    def _draw_if_visible(self) -> None:
        if self._dirty and self._widget.isVisible():
            self._draw()

    def _draw(self) -> None:
        self._dirty = False
        self._redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: while Qt destroys a widget, its children may be asked to filter events
        # through a fresh Python wrapper that never ran __init__ (it has no attributes)
        if (event.type() == QEvent.Type.Show and watched is getattr(self, "_widget", None)
                and self._dirty):
            self._throttle()
        return False
