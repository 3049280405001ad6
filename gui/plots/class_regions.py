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
MAX_PIXELS = 320  # per side: ~5 ms a frame; the boundary lines cover the coarser steps


def image_shape(width_px: float, height_px: float) -> tuple[int, int]:
    """(height, width) of the image for a view of this many screen pixels: half the
    screen's resolution, at least MIN_PIXELS and at most MAX_PIXELS a side."""
    def side(px: float) -> int:
        return int(min(max(np.ceil(px / 2.0), MIN_PIXELS), MAX_PIXELS))
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
        if cls is None:  # certainty: 0 for a k-way tie, 1 for a sure winner
            certainty = (image.probability - 1.0 / k) * (k / (k - 1.0))
            classes = image.winner
        else:
            certainty = image.probability
            classes = np.full(image.winner.shape, cls)
        levels = np.nan_to_num(certainty, nan=0.0) * (class_style.REGION_LEVELS - 1)
        levels = np.clip(np.rint(levels), 0, class_style.REGION_LEVELS - 1).astype(np.intp)
        return self._table(k, cls is not None)[classes, levels]

    def _table(self, k: int, one_class: bool) -> np.ndarray:
        key = (k, one_class)
        if key not in self._tables:
            lo, hi = ((0.0, class_style.ONE_CLASS_TINT_MAX) if one_class else
                      (class_style.REGION_TINT_MIN, class_style.REGION_TINT_MAX))
            self._tables[key] = class_style.tint_table(k, lo, hi)
        return self._tables[key]
