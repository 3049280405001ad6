"""An axis whose log-scale labels stay readable in a small plot.

On a log axis spanning about a decade pyqtgraph labels every minor tick (0.4, 0.5 … 0.9, 1,
2 … 7), which overlap in a plot a hundred pixels high. This axis keeps the ticks but labels
only 1, 2 and 5 times a power of ten; on a linear axis it is pyqtgraph's own.
"""

from __future__ import annotations

import math

import pyqtgraph as pg

LABELLED_MANTISSAS = (1, 2, 5)


class SparseLogAxis(pg.AxisItem):
    """AxisItem labelling only 1, 2 and 5 × 10^k in log mode."""

    def logTickStrings(self, values, scale, spacing):
        strings = super().logTickStrings(values, scale, spacing)
        return [text if _labelled(value) else "" for value, text in zip(values, strings,
                                                                          strict=True)]


def _labelled(decades: float) -> bool:
    """True for log10 values of 1, 2 or 5 times a power of ten."""
    if not math.isfinite(decades):
        return False
    mantissa = 10.0 ** (decades - math.floor(decades + 1e-9))
    return any(abs(mantissa - m) < 1e-6 * m for m in LABELLED_MANTISSAS)
