"""Plot ranges that stay finite whatever the data, the mouse wheel or a drag do.

pyqtgraph raises "Cannot set range [-inf, -inf]" (inside a paint or wheel event, where it
escapes as an exception in a Qt virtual) as soon as a requested range is not finite: a view
zoomed far out by the wheel overflows on the next notch, and a view framed on values that are
infinite or NaN fails at once. So every view of the lab is a BoundedViewBox, which clamps
what it is asked to show into ±LIMIT before pyqtgraph sees it, and every framing is computed
by `frame` from the finite values it is about, never from the view's own previous range.

The same framing answers pyqtgraph's own requests to show everything (the small "A" button,
"View All" and the axes' "Auto" in the plot menu): a plot hands its view box a `framer`, and
those requests frame once from the data instead of switching on pyqtgraph's auto-range,
which fed on items that span the view (fitted lines) and zoomed out forever.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from linreg_lab.gui.plots.plot_menus import translate_on_show

#: The largest coordinate a view shows. Data are at most 1e100 in size (core/limits.py),
#: losses of such data about 1e200; beyond 1e250 nothing of the lab's can be, and ranges of
#: this size still leave room for pyqtgraph's tick arithmetic (spans, padding) to stay finite.
LIMIT = 1e250
#: The narrowest range a view shows. Drawing maps a coordinate v to v / range · pixels, so
#: with |v| ≤ LIMIT (items clamp what they draw into it) pixels stay below ~1e303, finite
#: even after pyqtgraph adds the view's offset; a view zoomed in further turned every point
#: into inf - inf = NaN inside paint.
MIN_RANGE = 1e-50
#: The same on a log axis, whose values are decades and whose ticks read 10**value.
DECADES_LIMIT = 300.0
_HALF_WIDTH = 1.0   # the half-width framed around a single value near zero


def clamp(value: float, default: float, limit: float = LIMIT) -> float:
    """`value` clamped into ±limit; NaN becomes `default` (the side of the range it stood)."""
    value = float(value)
    if math.isnan(value):
        return default
    return min(max(value, -limit), limit)


def finite_range(lo: float, hi: float, limit: float = LIMIT) -> tuple[float, float]:
    """(lo, hi) clamped into ±limit, in order; NaN ends go to the limits on their side."""
    a, b = clamp(lo, -limit, limit), clamp(hi, limit, limit)
    return (a, b) if a <= b else (b, a)


def drawable(values: np.ndarray) -> np.ndarray:
    """Coordinates to hand an item: clamped into ±LIMIT (NaN stays NaN: not drawn)."""
    return np.clip(np.asarray(values, dtype=float), -LIMIT, LIMIT)


def finite_bounds(values: np.ndarray) -> tuple[float, float] | None:
    """(min, max) of the finite values, None when there is none. One pass of fmin/fmax
    (which skip NaN) when no value is infinite: masking out the non-finite ones first copies
    the array (~5 ms at 10⁶ values, several times per data change)."""
    values = np.asarray(values, dtype=float).ravel()
    if values.size:
        lo, hi = float(np.fmin.reduce(values)), float(np.fmax.reduce(values))
        if np.isfinite(lo) and np.isfinite(hi):
            return lo, hi
    values = values[np.isfinite(values)]
    return (float(values.min()), float(values.max())) if values.size else None


def frame(values: np.ndarray, padding: float = 0.08) -> tuple[float, float] | None:
    """A range showing every finite value (None when there is none), padded on both sides.

    Values all (nearly) the same get a width of their own: 10 % of their size, or ±1 near
    zero; pyqtgraph would otherwise keep the view's previous scale, however absurd it is.
    """
    bounds = finite_bounds(values)
    if bounds is None:
        return None
    lo, hi = clamp(bounds[0], -LIMIT), clamp(bounds[1], LIMIT)
    size = max(abs(lo), abs(hi))
    if hi - lo <= 1e-9 * size or hi - lo < 1e-300:
        centre = 0.5 * lo + 0.5 * hi
        half = max(0.1 * size, _HALF_WIDTH)
        return finite_range(centre - half, centre + half)
    pad = padding * (hi - lo)
    return finite_range(lo - pad, hi + pad)


class BoundedViewBox(pg.ViewBox):
    """A ViewBox whose range is always finite, within ±x_limit, ±y_limit (LIMIT unless
    given) and at least MIN_RANGE wide, however it is requested (wheel, drag, framing)."""

    def __init__(self, *args, x_limit: float = LIMIT, y_limit: float = LIMIT,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._x_limit, self._y_limit = LIMIT, LIMIT
        self._framer: Callable[[], None] | None = None
        self.set_bounds(x_limit, y_limit)

    def raiseContextMenu(self, ev) -> None:
        """pyqtgraph's menu, worded in the app's language each time it opens."""
        menu = self.getMenu(ev)
        if menu is not None and not menu.property("translatedOnShow"):
            menu.setProperty("translatedOnShow", True)
            translate_on_show(menu)
        super().raiseContextMenu(ev)

    def set_framer(self, framer: Callable[[], None]) -> None:
        """The plot's own framing (computed from its data), run whenever the learner asks to
        see everything; pyqtgraph's continuous auto-range then never switches on."""
        self._framer = framer

    def autoRange(self, *args, **kwargs):
        if self._framer is None:
            return super().autoRange(*args, **kwargs)
        self._framer()
        return None

    def enableAutoRange(self, axis=None, enable=True, x=None, y=None):
        wanted = enable if x is None and y is None else bool(x or y)
        if self._framer is None or not wanted:  # turning it off (setRange does) stays as is
            return super().enableAutoRange(axis, enable, x, y)
        super().enableAutoRange(axis, False)
        self._framer()
        return None

    def set_bounds(self, x_limit: float | None = None, y_limit: float | None = None) -> None:
        """New limits (None keeps one); the range shown is clamped into them at once."""
        if x_limit is not None:
            self._x_limit = float(x_limit)
        if y_limit is not None:
            self._y_limit = float(y_limit)
        self.setLimits(xMin=-self._x_limit, xMax=self._x_limit, yMin=-self._y_limit,
                       yMax=self._y_limit, minXRange=MIN_RANGE, minYRange=MIN_RANGE)
        (x0, x1), (y0, y1) = self.viewRange()
        self.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0, disableAutoRange=False)

    def setRange(self, rect=None, xRange=None, yRange=None, *args, **kwargs):
        if rect is not None:  # a QRectF past the doubles' range has NaN edges (x + inf - inf)
            rect = QRectF(rect)
            xRange = xRange if xRange is not None else (rect.left(), rect.right())
            yRange = yRange if yRange is not None else (rect.top(), rect.bottom())
        xRange = None if xRange is None else finite_range(*xRange, self._x_limit)
        yRange = None if yRange is None else finite_range(*yRange, self._y_limit)
        return super().setRange(None, xRange, yRange, *args, **kwargs)
