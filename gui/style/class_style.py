"""How each class looks, the same in every classification view: an Okabe-Ito colour and a
marker shape of its own, so classes still read apart in grey print and for colour-blind eyes.

Ten entries cover the digits; the plane's clusters use the first six.
"""

from __future__ import annotations

CLASS_COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
    "#999999",  # grey (beyond Okabe-Ito's eight: the digits have ten classes)
    "#8C510A",  # brown
)

CLASS_MARKERS: tuple[str, ...] = ("o", "s", "t", "d", "+", "x", "star", "t1", "p", "h")
"""pyqtgraph symbol names: circle, square, triangle, diamond, plus, cross, star, …"""

MARKER_GLYPHS: tuple[str, ...] = ("●", "■", "▲", "◆", "✚", "✖", "★", "▼", "⬟", "⬢")
"""The same shapes as text, for buttons and legends outside the plot."""


def class_color(index: int) -> str:
    return CLASS_COLORS[index % len(CLASS_COLORS)]


def class_marker(index: int) -> str:
    return CLASS_MARKERS[index % len(CLASS_MARKERS)]


def class_glyph(index: int) -> str:
    return MARKER_GLYPHS[index % len(MARKER_GLYPHS)]
