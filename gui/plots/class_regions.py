"""The decision regions as an image under the points: who wins where, and how sure it is.

Each pixel takes its winning class's colour, lightened the more the less sure the model is
(the winner's probability from 1/k, a tie of all, to 1); or, for one chosen class, that
class's colour in proportion to its probability. Pixels are sampled at their centres over
exactly the view's range, so a pixel's colour is the prediction at the point it covers.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from linreg_lab.core.decision_regions import DecisionImage, decision_image
from linreg_lab.gui.style import class_style

MIN_PIXELS = 200
MAX_PIXELS = 256  # per side: a few ms a frame; the boundary lines cover the coarser steps
SCREEN_PER_IMAGE_PIXEL = 2.5


def image_shape(width_px: float, height_px: float) -> tuple[int, int]:
    """(height, width) of the image for a view of this many screen pixels: a pixel per
    SCREEN_PER_IMAGE_PIXEL on screen, at least MIN_PIXELS and at most MAX_PIXELS a side
    (the cost grows with pixels × classes, and a frame has 16 ms for everything)."""
    def side(px: float) -> int:
        return int(min(max(np.ceil(px / SCREEN_PER_IMAGE_PIXEL), MIN_PIXELS), MAX_PIXELS))
    return side(height_px), side(width_px)


class ClassRegions(pg.ImageItem):
    """An RGB image item that redraws only when what it shows changes."""

    def __init__(self) -> None:
        super().__init__(axisOrder="row-major")
        self._key: tuple | None = None
        self._drawn: DecisionImage | None = None
        self._tables: dict[tuple[int, bool], np.ndarray] = {}

    def draw(self, W: np.ndarray, b: np.ndarray, x_range: tuple[float, float],
             y_range: tuple[float, float], shape: tuple[int, int],
             cls: int | None = None) -> bool:
        """Show the regions of (W, b) over the view; False when nothing changed."""
        k = b.shape[0]
        cls = cls if cls is not None and 0 <= cls < k else None
        key = (W.tobytes(), b.tobytes(), tuple(x_range), tuple(y_range), shape, cls)
        if key == self._key:
            return False
        self._key = key
        (x0, x1), (y0, y1) = x_range, y_range
        height, width = shape
        half_x, half_y = 0.5 * (x1 - x0) / width, 0.5 * (y1 - y0) / height
        image = decision_image(W, b, (x0 + half_x, x1 - half_x), (y0 + half_y, y1 - half_y),
                               shape, cls=cls)
        self._drawn = image
        self.setImage(self._colour(image, k, cls), autoLevels=False)
        self.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        return True

    def forget(self) -> None:
        """The next draw draws even the same parameters (e.g. after new data)."""
        self._key = None

    def drawn(self) -> DecisionImage | None:
        """What the image shows now (winner and probability per pixel)."""
        return self._drawn

    def _colour(self, image: DecisionImage, k: int, cls: int | None) -> np.ndarray:
        """RGBA pixels: one lookup of (class, level) in a table of packed colours."""
        last = class_style.REGION_LEVELS - 1
        if cls is None:  # certainty: 0 for a k-way tie, 1 for a sure winner
            scale, offset = last * k / (k - 1.0), -last / (k - 1.0)
            index = image.winner * class_style.REGION_LEVELS
        else:
            scale, offset = float(last), 0.0
            index = np.full(image.winner.shape, cls * class_style.REGION_LEVELS, np.intp)
        with np.errstate(invalid="ignore"):
            levels = image.probability * scale + (offset + 0.5)
        np.nan_to_num(levels, copy=False, nan=0.0)
        np.clip(levels, 0, last, out=levels)
        index += levels.astype(np.intp)
        packed = np.take(self._table(k, cls is not None), index)
        return packed.view(np.uint8).reshape(*index.shape, 4)

    def _table(self, k: int, one_class: bool) -> np.ndarray:
        """Packed RGBA colours (k · levels,) as uint32, opaque."""
        key = (k, one_class)
        if key not in self._tables:
            lo, hi = ((0.0, class_style.ONE_CLASS_TINT_MAX) if one_class else
                      (class_style.REGION_TINT_MIN, class_style.REGION_TINT_MAX))
            rgb = class_style.tint_table(k, lo, hi).reshape(-1, 3)
            rgba = np.concatenate([rgb, np.full((rgb.shape[0], 1), 255, np.uint8)], axis=1)
            self._tables[key] = np.ascontiguousarray(rgba).view(np.uint32).ravel()
        return self._tables[key]
