"""What the network and the biology drawings share: colours, sizes, fonts, geometry helpers.

Sign is shown by colour *and* dash (or ring), so it never relies on colour alone and never
borrows a colour that means something else in the lab: positive weights are dark grey
(colors.DATA), negative ones reddish purple (colors.NEGATIVE, #CC79A7), the one Okabe-Ito
colour the plots leave unused. Both drawings are on white, like the pyqtgraph plots beside them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from linreg_lab.gui.style import colors

NEGATIVE = QColor(colors.NEGATIVE)
POSITIVE = QColor(colors.DATA)
INK = QColor(colors.TEXT)
BACKGROUND = QColor("white")  # like the plots, whatever the widget theme
LEADER = QColor(colors.RESIDUAL)
NODE_FILL = QColor("#F4F4F4")
MAX_INPUTS_SHOWN = 8  # input slots drawn, the ellipsis included


def shown_inputs(d: int) -> list[int | None]:
    """Indices of the inputs to draw; None marks the ellipsis standing for the ones left out."""
    if d <= MAX_INPUTS_SHOWN:
        return list(range(d))
    head = MAX_INPUTS_SHOWN - 2
    return [*range(head), None, d - 1]


def relative_magnitudes(w: np.ndarray) -> np.ndarray:
    """|w| over max(largest |w|, 1), in [0, 1]; NaN counts as 0 and ±inf as huge.

    The floor of 1 in the reference lets a single weight visibly grow as SGD moves it away
    from d2l's tiny initial values; above it, the weights are compared with each other. The
    network's edge widths and the biology's synapse sizes both follow it.
    """
    mag = np.abs(np.nan_to_num(np.asarray(w, dtype=float), nan=0.0, posinf=1e300,
                               neginf=-1e300))
    top = max(1.0, float(mag.max()) if mag.size else 0.0)
    return mag / top


def scale_for(width: float, height: float) -> float:
    """How much larger than the 360 × 220 design size a drawing is (0.8 … 1.6)."""
    return min(1.6, max(0.8, min(width / 360, height / 220)))


MIN_POINTS = 8.5  # smaller text in the drawing was hard to read at the default window size
MIN_FITTED_POINTS = 7.5  # a label shrunk to fit its box goes no smaller than this


def font_for(base_font: QFont, scale: float, factor: float) -> QFont:
    """The widget's font scaled with the drawing, never below MIN_POINTS."""
    font = QFont(base_font)
    base = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(max(MIN_POINTS, base * scale * factor))
    return font


def fit(font: QFont, text: str, width: float) -> QFont:
    """The font, shrunk (not below MIN_FITTED_POINTS) until text fits the width on one line."""
    font = QFont(font)
    needed = QFontMetricsF(font).horizontalAdvance(text)
    if needed > width > 0:
        font.setPointSizeF(max(MIN_FITTED_POINTS, font.pointSizeF() * width / needed))
    return font


def fit_wrapped(font: QFont, text: str, box: QRectF) -> QFont:
    """The font, shrunk in small steps (not below 6 pt) until word-wrapped text fits box."""
    font = QFont(font)
    flags = int(Qt.TextFlag.TextWordWrap)
    while font.pointSizeF() > 6.0:
        needed = QFontMetricsF(font).boundingRect(box, flags, text).height()
        if needed + 0.3 * QFontMetricsF(font).height() <= box.height():
            break
        font.setPointSizeF(max(6.0, font.pointSizeF() - 0.5))
    return font


def trimmed(start: QPointF, end: QPointF, from_start: float, from_end: float) -> QLineF:
    """The segment start→end shortened by the radii of the circles at both ends."""
    line = QLineF(start, end)
    length = line.length()
    if length <= from_start + from_end:
        return line
    return QLineF(line.pointAt(from_start / length), line.pointAt(1 - from_end / length))
