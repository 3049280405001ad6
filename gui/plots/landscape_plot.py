"""The loss landscape: L(w, b) for one feature, L(w₁, w₂) at the current b for two.

The heat map comes from the core's sufficient statistics, so its cost does not grow with the
number of examples, and it is recomputed only when the data change or the SGD path leaves the
drawn region. The SGD path and the current point update every tick. A click picks the point
the next Reset starts from.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from linreg_lab.gui.plots.contour_lines import ContourLines
from linreg_lab.gui.plots.fast_scatter import FastScatter
from linreg_lab.gui.plots.hover_readout import HoverReadout
from linreg_lab.gui.plots.segment_item import SegmentItem, view_pixel_size
from linreg_lab.gui.plots.view_bounds import (
    LIMIT,
    BoundedViewBox,
    clamp,
    drawable,
    finite_range,
)
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.plot_style import label_axes
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.symbols import parameter_symbols
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

GRID = 121
CONTOUR_STEP = 3  # contours on every third grid point (ends included): ~1.5 ms, not 13
LEVELS = 8
REDRAW_MS = 120   # data edits (a drag) redraw the heat map at most ~8 times a second
MAX_PATH_POINTS = 600  # a longer antialiased path costs ~1 ms per 1,000 points every frame
DECADES_SHOWN = 8  # colours span at most this many decades below the top: a zero minimum
#                    (log10 → −300) would otherwise leave everything else one flat colour


def _finite_image(shown: np.ndarray) -> np.ndarray:
    """log10-losses with overflowed (inf) or undefined (NaN) cells drawn as the largest
    finite value: the colour map and the contour levels need finite numbers."""
    finite = np.isfinite(shown)
    top = float(shown[finite].max()) if finite.any() else 0.0
    shown = np.where(finite, shown, top)
    return np.maximum(shown, top - DECADES_SHOWN)


KEEP_SHARE = 0.6
"""A new extent inside the drawn one and at least this share of its width keeps the drawn one:
a drag moves the optimum a little on every heat-map redraw, and a new range redraws both
axes (~4–8 ms); a path that leaves it, or one a new run makes much smaller, frames afresh."""
KEEP_SLACK = 0.05  # ... and it may reach this share of the drawn width past its edges


def _kept(old: tuple[float, float, float, float] | None,
          new: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    if old is None:
        return new
    slack = KEEP_SLACK * (old[1] - old[0])  # the extent's own margin is 20 % of its reach
    inside = (old[0] - slack <= new[0] and new[1] <= old[1] + slack
              and old[2] - slack <= new[2] and new[3] <= old[3] + slack)
    wide = (new[1] - new[0]) >= KEEP_SHARE * (old[1] - old[0])
    return old if inside and wide else new


def _thin(n: int, limit: int) -> np.ndarray:
    """Indices of at most `limit` evenly spread points of n, always keeping the first and last.

    The early steps, where SGD moves most, stay dense because the core's history is already
    decimated with a doubling stride; thinning only the drawing keeps each frame cheap."""
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(np.intp))


class LandscapePlot(Retranslating, pg.PlotWidget):
    """Heat map with contours, the analytical optimum, the SGD path and the current point."""

    startPointRequested = Signal(tuple, float)  # w, b

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent, background="w", viewBox=BoundedViewBox())
        self.setObjectName("landscapePlot")
        self._session = session
        self._extent: tuple[float, float, float, float] | None = None
        self._grid_b: float | None = None
        self._stopped = False
        self._trainer = session.trainer
        self._markers_due = False  # the data changed since the optimum was last placed
        self._make_items()
        for name in ("left", "bottom"):  # the range changes only with the drawn extent
            self.getPlotItem().getAxis(name).setCacheMode(
                QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.getPlotItem().getViewBox().set_framer(self.frame_extent)
        self._heat_map_redraw = ThrottledRedraw(self, self._redraw_unless_stopped, REDRAW_MS)
        # the optimum, its axes and the run's path move with each move of a dragged point:
        # ten times a second then (a run's path still follows every frame)
        self._drag_paced = ThrottledRedraw(self, self._follow_state, STREAM_INTERVAL_MS,
                                           pacing=session.pacing, idle_throttle=False,
                                           only_while="drag")
        session.datasetChanged.connect(self._on_dataset_changed)
        session.stateChanged.connect(self._on_state_changed)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.scene().sigMouseMoved.connect(self._on_hover)
        self.redraw_landscape()
        self.retranslate()

    def retranslate(self) -> None:
        if self.closed:  # pyqtgraph's close() cleared the scene: no items left to label
            return
        self.setAccessibleName(self.tr("Loss landscape"))
        self._note.setText(self._note_text())
        if self._extent is not None:
            self._caption.setText(self._caption_text())
            self._place_caption()

    def _make_items(self) -> None:
        pi = self.getPlotItem()
        pi.setMenuEnabled(False)
        self._image = pg.ImageItem()
        self._image.setColorMap(pg.colormap.get("viridis"))
        pi.addItem(self._image)
        self._contours = ContourLines(pg.mkPen((255, 255, 255, 110), width=1))
        pi.addItem(self._contours)  # owned by the plot, not the image: one clean teardown
        # they change with the data, not per step: blitted while the path and the current
        # point move (the image's scaling ~3 ms)
        self._image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._path = pg.PlotDataItem(pen=pg.mkPen(colors.SGD, width=2))
        self._current = FastScatter(size=11, brush=pg.mkBrush(colors.SGD),
                                    pen=pg.mkPen("w", width=1.5))
        self._optimum = FastScatter(size=16, symbol="star", brush=pg.mkBrush(colors.ANALYTICAL),
                                    pen=pg.mkPen("w", width=1))
        self._truth = FastScatter(size=12, symbol="x", brush=pg.mkBrush(colors.TRUE),
                                  pen=pg.mkPen(colors.TRUE, width=2))
        # the contours' axes through the optimum: the flattest direction dashed, the steepest
        # dotted (core.conditioning: what makes SGD crawl along the valley)
        # (Qt's own line items: painted in C++, where two dashed pyqtgraph curves cost ~1 ms
        # of Python in every frame of a run)
        self._axes = [SegmentItem(pg.mkPen((255, 255, 255, 170), width=1.2, style=style))
                      for style in (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)]
        for item in self._axes:
            pi.addItem(item, ignoreBounds=True)
        for item in (self._path, self._current, self._optimum, self._truth):
            pi.addItem(item)
        for item in (self._optimum, self._truth):  # still while SGD moves: blitted
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._note = pg.TextItem(anchor=(0.5, 0.5), color=colors.TEXT)
        pi.addItem(self._note)
        self._readout = HoverReadout()
        pi.addItem(self._readout, ignoreBounds=True)
        self._caption = pg.TextItem(anchor=(0, 0), color=colors.TEXT,
                                    fill=pg.mkBrush(255, 255, 255, 220))
        self._caption.setZValue(10)
        pi.addItem(self._caption, ignoreBounds=True)
        pi.getViewBox().sigRangeChanged.connect(self._place_caption)

    # ----- which plane is shown ---------------------------------------------------------
    def axes_names(self) -> tuple[str, str] | None:
        """w and b for one feature, w₁ and w₂ (at the current b) for two, else None."""
        d = self._session.dataset.n_features
        return tuple(parameter_symbols(d)[:2]) if d in (1, 2) else None

    def _plane(self, w: np.ndarray, b: float) -> tuple[float, float]:
        """A parameter vector's coordinates in the shown plane."""
        return (float(w[0]), float(b)) if w.size == 1 else (float(w[0]), float(w[1]))

    def heat_map(self) -> tuple[np.ndarray | None, tuple[float, float, float, float] | None]:
        """The drawn log10-loss grid (rows along the x axis) and its extent (x0, x1, y0, y1)."""
        return self._image.image, self._extent

    def drawn_path(self) -> tuple[np.ndarray, np.ndarray]:
        """The SGD path as drawn (thinned to at most MAX_PATH_POINTS)."""
        return self._path.getData()

    def optimum_point(self) -> tuple[float, float]:
        sol = self._session.solution.lstsq
        return self._plane(sol.w, sol.b)

    def drawn_optimum(self) -> tuple[float, float] | None:
        """Where the optimum's star is drawn (None when it is not)."""
        xs, ys = self._optimum.getData()
        return (float(xs[0]), float(ys[0])) if xs is not None and len(xs) else None

    # ----- heat map ---------------------------------------------------------------------
    def shutdown(self) -> None:
        """No redraw may run once the window is closing."""
        self._stopped = True

    def _redraw_unless_stopped(self) -> None:
        if not self._stopped:
            self.redraw_landscape()

    def _on_dataset_changed(self) -> None:
        """Markers move with the stateChanged that follows every data change (ten times a
        second in a drag); the heat map at most every REDRAW_MS."""
        self._markers_due = True
        self._heat_map_redraw.request()

    def _follow_state(self) -> None:
        if self._markers_due and self._extent is not None and self.axes_names() is not None:
            self._update_markers()
        self._markers_due = False
        self._update_path()

    def contour_axes(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The drawn axes of the contours (flattest first), each as its (xs, ys)."""
        return [tuple(np.empty(0) if v is None else v for v in item.getData())
                for item in self._axes]

    def _update_axes(self) -> None:
        """The eigenvectors of the loss's Hessian in the shown plane, through the optimum,
        across the drawn square; none for a flat direction (then the valley says it)."""
        s = self._session
        if self._extent is None or not s.data.n_train or s.solution.lstsq.reason is not None:
            for item in self._axes:
                item.set_segment([], [], (0.0, 0.0))
            return
        M = s.stats.second_moment()
        plane = M if s.dataset.n_features == 1 else M[:2, :2]  # (w, b), or (w₁, w₂) at b
        _, vectors = np.linalg.eigh(plane)
        ox, oy = self.optimum_point()
        x0, x1, y0, y1 = self._extent
        reach = float(np.hypot(x1 - x0, y1 - y0))
        pixel = view_pixel_size(self.getPlotItem().getViewBox())
        for item, v in zip(self._axes, vectors.T, strict=True):
            item.set_segment(drawable([ox - reach * v[0], ox + reach * v[0]]),
                             drawable([oy - reach * v[1], oy + reach * v[1]]), pixel)

    def _update_markers(self) -> None:
        self._update_axes()
        self._optimum.setData(*[drawable([v]) for v in self.optimum_point()])
        data = self._session.data
        truth = self._plane(data.true_w, data.true_b) if data.has_truth else None
        self._truth.setData(*([drawable([truth[0]]), drawable([truth[1]])] if truth
                              else ([], [])))

    def redraw_landscape(self) -> None:
        """Recompute the grid around the optimum and everything SGD visited."""
        names = self.axes_names()
        usable = names is not None and self._session.data.n_train > 0
        for item in (self._image, self._path, self._current, self._optimum, self._truth,
                     *self._axes):
            item.setVisible(usable)
        self._note.setVisible(not usable)
        self._note.setText(self._note_text())
        self._caption.setVisible(False)
        if not usable:
            return
        pi = self.getPlotItem()
        label_axes(pi, *names)
        self._extent = _kept(self._extent, self._choose_extent())
        self._draw_grid()
        self._update_markers()
        self._update_path()
        self.frame_extent()
        self._caption.setText(self._caption_text())
        self._place_caption()

    def _note_text(self) -> str:
        """Why no landscape is drawn."""
        if self.axes_names() is None:
            return self.tr("The landscape is drawn for one or two features")
        return self.tr("No training examples yet: the landscape needs data")

    def caption(self) -> str:
        """The words on the landscape about its shape ('' when there is nothing to say)."""
        return self._caption.toPlainText() if self._caption.isVisible() else ""

    def _caption_text(self) -> str:
        """Why the minimum is a valley, not a point, when the data do not fix w and b."""
        if self._session.solution.lstsq.reason is None:
            return ""
        text = self.tr("The minimum is not one point: many parameter values fit equally "
                       "well, so the loss is lowest along a whole valley (the darkest band).")
        if self._session.data.n_train == 1:
            text = self.tr("With one example every line through it fits exactly: the loss "
                           "is zero along a whole valley (the darkest band), not at one "
                           "point. Add examples to pin w and b down.")
        return text

    def _place_caption(self, *_args) -> None:
        """At the top left of the view, wrapped to its width (the caption is in pixels)."""
        text_shown = bool(self._caption.toPlainText()) and self._image.isVisible()
        self._caption.setVisible(text_shown)
        if not text_shown:
            return
        vb = self.getPlotItem().getViewBox()
        (x0, _), (_, y1) = vb.viewRange()
        self._caption.setTextWidth(max(120.0, vb.width() - 12))
        self._caption.setPos(x0, y1)

    def frame_extent(self) -> None:
        """Show the drawn region: the square around the optimum and the path."""
        if self._extent is not None:
            self.getPlotItem().setRange(xRange=self._extent[:2], yRange=self._extent[2:],
                                        padding=0)

    def _choose_extent(self) -> tuple[float, float, float, float]:
        """A square around the optimum holding the SGD path: from the optimum and the path
        alone (their finite points), never from the previous extent, and within ±LIMIT."""
        ox, oy = (clamp(v, 0.0) for v in self.optimum_point())
        px, py = self._path_points()
        finite = np.isfinite(px) & np.isfinite(py)
        px, py = px[finite], py[finite]
        reach = max(1.0, 0.5 * (abs(ox) + abs(oy)))
        if px.size:
            with np.errstate(over="ignore"):
                far = max(np.max(np.abs(px - ox)), np.max(np.abs(py - oy)))
            reach = max(reach, 1.2 * min(far, 2 * LIMIT))
        x0, x1 = finite_range(ox - reach, ox + reach)
        y0, y1 = finite_range(oy - reach, oy + reach)
        return x0, x1, y0, y1

    def _draw_grid(self) -> None:
        x0, x1, y0, y1 = self._extent
        gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID), indexing="ij")
        stats = self._session.stats
        with np.errstate(over="ignore", invalid="ignore"):  # far out the loss overflows
            if self._session.dataset.n_features == 1:
                loss = stats.loss_grid(gx, gy)
            else:
                self._grid_b = self._session.trainer.b
                loss = stats.loss_grid_w(gx, gy, self._grid_b)
            shown = np.log10(np.maximum(loss, 1e-300))
        shown = _finite_image(shown)
        self._image.setImage(shown, autoLevels=True)
        self._image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self._draw_contours(shown, x0, x1, y0, y1)

    def _draw_contours(self, shown: np.ndarray, x0: float, x1: float, y0: float,
                       y1: float) -> None:
        """Contour lines at LEVELS evenly spaced log-losses: while edits are still being
        settled (a drag on large data) they wait, hidden, for the exact state, whose
        contours are the ones worth reading."""
        settled = self._session.settled
        self._contours.setVisible(settled)
        if settled:
            levels = np.linspace(shown.min(), shown.max(), LEVELS + 2)[1:-1]
            coarse = shown[::CONTOUR_STEP, ::CONTOUR_STEP]  # (GRID − 1) / 3 cells a side
            self._contours.set_contours(coarse, levels, QRectF(x0, y0, x1 - x0, y1 - y0))

    def contours(self) -> np.ndarray | None:
        """The contour segments drawn, (m, 2, 2) in (w, b) units; None while hidden."""
        return self._contours.segments() if self._contours.isVisible() else None

    # ----- SGD path ---------------------------------------------------------------------
    def _path_points(self) -> tuple[np.ndarray, np.ndarray]:
        h = self._session.trainer.history
        w, b = h.step_w, h.step_b
        t = self._session.trainer
        w = np.vstack([w, t.w[None, :]]) if w.size else t.w[None, :]
        b = np.append(b, t.b)
        return (w[:, 0], b) if w.shape[1] == 1 else (w[:, 0], w[:, 1])

    def _on_state_changed(self) -> None:
        """A new run (Reset, new data, a new start) is framed afresh: its path alone counts,
        not the region an earlier (perhaps diverged) run reached."""
        if self._session.trainer is not self._trainer:
            self._trainer = self._session.trainer
            self._heat_map_redraw.request()  # at most every REDRAW_MS: drags make new runs
        self._drag_paced.request()

    def _update_path(self) -> None:
        if self._extent is None or self.axes_names() is None:
            return
        px, py = self._path_points()
        finite = np.isfinite(px) & np.isfinite(py)
        px, py = px[finite], py[finite]
        keep = _thin(px.size, MAX_PATH_POINTS)
        self._path.setData(drawable(px[keep]), drawable(py[keep]))
        self._current.setData(drawable(px[-1:]), drawable(py[-1:]))
        if self._needs_new_grid(px, py):
            self.redraw_landscape()

    def _needs_new_grid(self, px: np.ndarray, py: np.ndarray) -> bool:
        """A path leaving the drawn region (or b moving, for two features) needs a new grid."""
        x0, x1, y0, y1 = self._extent
        outside = px.size and (px[-1] < x0 or px[-1] > x1 or py[-1] < y0 or py[-1] > y1)
        far = outside and max(abs(px[-1]), abs(py[-1])) < 1e6
        b_moved = self._grid_b is not None and self._session.dataset.n_features == 2 and \
            abs(self._session.trainer.b - self._grid_b) > 0.02 * (x1 - x0)
        return bool(far or b_moved)

    # ----- hover readout: the parameters under the mouse and their loss ----------------
    def hover_text(self) -> str:
        """What the hover readout says now ('' when it is hidden)."""
        return self._readout.text()

    def loss_at(self, x: float, y: float) -> float:
        """The squared training loss the heat map shows at a point of the plane."""
        stats = self._session.stats
        with np.errstate(over="ignore", invalid="ignore"):
            if self._session.dataset.n_features == 1:
                return float(stats.loss_grid(x, y))
            return float(stats.loss_grid_w(x, y, self._session.trainer.b))

    def _on_hover(self, scene_pos) -> None:
        vb = self.getPlotItem().getViewBox()
        names = self.axes_names()
        if (names is None or self._extent is None or not self._session.data.n_train
                or not vb.sceneBoundingRect().contains(scene_pos)):
            self._readout.setVisible(False)
            return
        p = vb.mapSceneToView(scene_pos)
        x, y = p.x(), p.y()
        lines = [f"{names[0]} = {fmt(x)}", f"{names[1]} = {fmt(y)}"]
        if self._session.dataset.n_features == 2:
            lines.append(self.tr("at b = {value}").format(value=fmt(self._session.trainer.b)))
        lines.append(self.tr("squared loss L = {value}").format(value=fmt(self.loss_at(x, y))))
        self._readout.show_at(vb, x, y, "\n".join(lines))

    def leaveEvent(self, ev) -> None:
        self._readout.setVisible(False)
        super().leaveEvent(ev)

    # ----- choosing a start point -------------------------------------------------------
    def _on_click(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or ev.isAccepted() or self._extent is None:
            return
        vb = self.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        if self._session.dataset.n_features == 1:
            self.startPointRequested.emit((p.x(),), p.y())
        else:
            self.startPointRequested.emit((p.x(), p.y()), self._session.trainer.b)
        ev.accept()
