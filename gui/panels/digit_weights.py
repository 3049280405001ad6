"""What each output neuron looks for: the digits' weights as 8×8 images, and sample guesses.

For image data (d = 64: the 8×8 handwritten digits) column j of W holds one weight per pixel,
so ``W[:, j].reshape(8, 8)`` is an image of what raises class j's logit: drawn in a diverging
map symmetric around 0 (full colour from the 98th percentile of |w|), one scale for all
classes so their strengths compare; positive weights dark grey like ink and negative ones
reddish purple, as the neuron diagram draws signs. Below,
a strip of sample images (the first training example of each class) with SGD's top class and
its probability; a wrong guess is marked ✗. With other data a short note says what this view
is for. Redrawn at most ten times a second, only while visible.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt, fmt_percent
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

SIDE = 8  # the digits are 8 × 8 pixels
PIXELS = SIDE * SIDE
WEIGHT_TILE_PX = 56
SAMPLE_TILE_PX = 40
COLUMNS = 5
REFRESH_INTERVAL_MS = 100
_WHITE = np.array([255.0, 255.0, 255.0])
_POSITIVE = np.array(QColor(colors.DATA).getRgb()[:3], dtype=float)
_NEGATIVE = np.array(QColor(colors.NEGATIVE).darker(135).getRgb()[:3], dtype=float)


def _square(rgb: np.ndarray) -> str:
    r, g, b = (int(v) for v in rgb)
    return f'<span style="color:#{r:02x}{g:02x}{b:02x}">■</span>'


def is_image_data(d: int) -> bool:
    return d == PIXELS


def diverging_rgb(values: np.ndarray, limit: float) -> np.ndarray:
    """uint8 RGB of values in [−limit, limit]: reddish purple, white at 0, dark grey."""
    v = np.asarray(values, dtype=float)
    t = np.clip(np.nan_to_num(v / limit if limit > 0 else v * 0.0), -1.0, 1.0)[..., None]
    rgb = np.where(t >= 0, _WHITE + t * (_POSITIVE - _WHITE), _WHITE - t * (_NEGATIVE - _WHITE))
    return np.round(rgb).astype(np.uint8)


def ink_rgb(pixels: np.ndarray) -> np.ndarray:
    """uint8 RGB of an image's pixels: white paper, dark grey ink at the largest value."""
    p = np.asarray(pixels, dtype=float)
    top = float(p.max()) if p.size and p.max() > 0 else 1.0
    return diverging_rgb(p, top)


def colour_limit(W: np.ndarray) -> float:
    """The |w| drawn at full colour: the 98th percentile of all |w| (a few extreme pixels
    would otherwise leave every image pale); larger ones are drawn at full colour too."""
    magnitudes = np.abs(np.nan_to_num(np.asarray(W, dtype=float)))
    return float(np.percentile(magnitudes, 98)) if magnitudes.size else 0.0


def pixmap_of(rgb: np.ndarray, size: int) -> QPixmap:
    """An (h, w, 3) uint8 array as a pixmap of size × size, each pixel a sharp square."""
    rgb = np.ascontiguousarray(rgb)
    h, w, _ = rgb.shape
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(image).scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                           Qt.TransformationMode.FastTransformation)


class DigitWeights(Retranslating, QWidget):
    """Each class's 64 weights as an 8×8 image, and sample images with SGD's guess."""

    def __init__(self, session: ClassificationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("digitWeights")
        self._session = session
        self._limit = 0.0
        self._weight_tiles: list[tuple[QLabel, QLabel]] = []
        self._sample_tiles: list[tuple[QLabel, QLabel]] = []
        self._samples = np.empty(0, dtype=np.intp)
        self._trainer = session.trainer  # the one the samples were picked from
        self._build()
        self._redraw = ThrottledRedraw(self, self.refresh, REFRESH_INTERVAL_MS)
        session.stateChanged.connect(self._redraw.request)
        session.datasetChanged.connect(self._on_dataset_changed)
        self.retranslate()
        self._on_dataset_changed()

    # ----- building (once; tiles again only when the number of classes changes) ---------
    def _build(self) -> None:
        self._stack = QStackedLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._page = QWidget(self)
        column = QVBoxLayout(self._page)
        column.setContentsMargins(4, 4, 4, 4)
        self._weights_title, self._samples_title = QLabel(self._page), QLabel(self._page)
        for title in (self._weights_title, self._samples_title):
            title.setWordWrap(True)
        self._weights_grid, self._samples_grid = QGridLayout(), QGridLayout()
        self.scale_label = QLabel(self._page)
        self.scale_label.setWordWrap(True)
        column.addWidget(self._weights_title)
        column.addLayout(self._weights_grid)
        column.addWidget(self.scale_label)
        column.addWidget(self._samples_title)
        column.addLayout(self._samples_grid)
        column.addStretch(1)
        self._stack.addWidget(self._page)
        self._stack.addWidget(self.note)

    def _make_tiles(self, grid: QGridLayout, count: int, size: int,
                    tiles: list[tuple[QLabel, QLabel]]) -> None:
        while tiles:
            for label in tiles.pop():
                grid.removeWidget(label)
                label.deleteLater()
        for i in range(count):
            image, caption = QLabel(self._page), QLabel(self._page)
            image.setFixedSize(size, size)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row, col = divmod(i, COLUMNS)
            grid.addWidget(image, 2 * row, col, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(caption, 2 * row + 1, col, Qt.AlignmentFlag.AlignCenter)
            tiles.append((image, caption))

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Weight images"))
        self._weights_title.setText("<b>" + self.tr(
            "What each output looks for: the 64 weights of class j as an 8×8 image") + "</b>")
        self._samples_title.setText("<b>" + self.tr(
            "Sample images with the predicted class and its probability") + "</b>")
        self.note.setText(self.tr(
            "This view is for image data: load the handwritten digits (8×8 pixels, 64 "
            "features) to see each class's weights drawn as an image."))
        self.refresh()

    # ----- what is shown (tests read the same values) -----------------------------------
    def weight_image(self, j: int) -> np.ndarray:
        """Class j's weights as drawn: W[:, j] as 8 rows of 8 pixels."""
        return self._session.trainer.W[:, j].reshape(SIDE, SIDE)

    def colour_limit(self) -> float:
        """The |w| drawn at full colour, the same for every class (see colour_limit)."""
        return self._limit

    def sample_rows(self) -> np.ndarray:
        """Indices into the training set of the sample images."""
        return self._samples.copy()

    def sample_captions(self) -> list[str]:
        return [caption.text() for _, caption in self._sample_tiles]

    def showing_images(self) -> bool:
        return self._stack.currentWidget() is self._page

    # ----- slots and drawing ------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        t = self._trainer = self._session.trainer
        image = is_image_data(t.W.shape[0])
        self._stack.setCurrentWidget(self._page if image else self.note)
        if image:
            _, labels = t.training_set
            k = t.num_classes
            self._samples = np.array([np.flatnonzero(labels == c)[0] for c in range(k)
                                      if (labels == c).any()], dtype=np.intp)
            if len(self._weight_tiles) != k:
                self._make_tiles(self._weights_grid, k, WEIGHT_TILE_PX, self._weight_tiles)
            if len(self._sample_tiles) != self._samples.size:
                self._make_tiles(self._samples_grid, self._samples.size, SAMPLE_TILE_PX,
                                 self._sample_tiles)
            X, _ = t.training_set
            for (tile, _caption), row in zip(self._sample_tiles, self._samples, strict=True):
                tile.setPixmap(pixmap_of(ink_rgb(X[row].reshape(SIDE, SIDE)), SAMPLE_TILE_PX))
        self.refresh()

    def refresh(self) -> None:
        t = self._session.trainer
        if t is not self._trainer:  # another split or data: other samples, maybe no images
            self._on_dataset_changed()
            return
        if not self.showing_images():
            return
        W = t.W
        self._limit = colour_limit(W)
        names = self._session.dataset.class_names
        for j, (tile, caption) in enumerate(self._weight_tiles):
            tile.setPixmap(pixmap_of(diverging_rgb(self.weight_image(j), self._limit),
                                     WEIGHT_TILE_PX))
            caption.setText(self.tr("class {name}").format(name=names[j]))
        self.scale_label.setText(self.tr(
            "{pos} dark grey: positive weight (ink there raises the class's logit) · "
            "{neg} reddish purple: negative · white: 0 · full colour from |w| = {limit}").format(
            pos=_square(_POSITIVE), neg=_square(_NEGATIVE), limit=fmt(self._limit)))
        self._caption_samples(names)

    def _caption_samples(self, names: tuple[str, ...]) -> None:
        t = self._session.trainer
        if not self._samples.size:
            return
        X, labels = t.training_set
        p = t.predict_proba(X[self._samples])
        top = p.argmax(axis=1)
        for i, (tile, caption) in enumerate(self._sample_tiles):
            right = top[i] == labels[self._samples[i]]
            text = self.tr("ŷ {name}: {p}").format(name=names[top[i]],
                                                    p=fmt_percent(p[i, top[i]]))
            caption.setText(text if right else "✗ " + text)
            tile.setToolTip(self.tr("true class {name}").format(
                name=names[labels[self._samples[i]]]))
