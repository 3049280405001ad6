"""How classes look: one colour and one marker shape per class, and the regions' tints.

Colour alone fails in grey print and for colour-blind learners, so every class also has its
own marker shape. The first colours are the Okabe-Ito ones that mean nothing else in the lab
(orange is SGD, blue the analytical answer, vermillion the minibatch: those come last, for
data sets with many classes); Paul Tol's wine and olive, also colour-blind safe, make ten.
"""

from __future__ import annotations

import numpy as np

CLASS_COLORS = (
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#404040",  # dark grey
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#D55E00",  # vermillion
    "#882255",  # wine (Tol)
    "#999933",  # olive (Tol)
)
CLASS_SYMBOLS = ("o", "s", "t1", "d", "star", "t", "p", "h", "x", "+")
#: stars and crosses look smaller than discs at one size: each shape's size factor
_SIZE_FACTOR = {"star": 1.35, "x": 1.2, "+": 1.2, "t1": 1.1, "t": 1.1}
OUTLINE = "#202020"  # a thin dark outline keeps yellow and pale marks readable on tints

REGION_LEVELS = 64  # shades of certainty per class in the regions' colour table
#: share of the class colour (the rest white) at full certainty and at none: regions stay
#: light, so points, boundaries and grid read on top of them
REGION_TINT_MAX, REGION_TINT_MIN = 0.42, 0.04
ONE_CLASS_TINT_MAX = 0.6  # one class's probability, from white (0) to this share (1)
#: the most a tint may darken white (mean over R, G, B): dark grey or green at the full
#: share would hide the dark points on them, so their shares are scaled down to this
MAX_DARKENING = 50.0


def class_color(k: int) -> str:
    return CLASS_COLORS[k % len(CLASS_COLORS)]


def class_symbol(k: int) -> str:
    return CLASS_SYMBOLS[k % len(CLASS_SYMBOLS)]


def outline_color(k: int) -> str:
    """Class k's colour darkened a fifth: a hollow mark's ring, readable on its own tint."""
    r, g, b = (int(v) for v in np.rint(rgb(class_color(k)) * 0.8))
    return f"#{r:02X}{g:02X}{b:02X}"


def symbol_size(k: int, base: float) -> float:
    """The marker size of class k that looks as large as a disc of size `base`."""
    return base * _SIZE_FACTOR.get(class_symbol(k), 1.0)


def rgb(color: str) -> np.ndarray:
    """'#RRGGBB' as three floats 0…255."""
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def tint_table(num_classes: int, lo: float, hi: float,
               levels: int = REGION_LEVELS) -> np.ndarray:
    """(num_classes, levels, 3) uint8: class k's colour mixed into white, from share `lo`
    at level 0 to `hi` at the last level (less for dark colours: MAX_DARKENING). Indexing
    it by (class, level) images is the whole colouring of a frame: no per-pixel arithmetic
    on colours."""
    colours = np.stack([rgb(class_color(k)) for k in range(num_classes)])
    white = 255.0
    darkening = hi * (white - colours.mean(axis=1))  # at the full share
    scale = np.minimum(1.0, MAX_DARKENING / np.maximum(darkening, 1e-9))
    share = np.linspace(lo, hi, levels)[None, :] * scale[:, None]
    table = white + (colours[:, None, :] - white) * share[:, :, None]
    return np.rint(table).astype(np.uint8)


MARKER_GLYPHS = {"o": "●", "s": "■", "t1": "▲", "d": "◆", "star": "★", "t": "▼", "p": "⬟",
                 "h": "⬢", "x": "✖", "+": "✚"}
"""Each marker shape as text, for the class palette's buttons and legends outside plots."""


def class_glyph(k: int) -> str:
    return MARKER_GLYPHS[class_symbol(k)]
