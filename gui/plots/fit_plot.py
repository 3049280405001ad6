"""The fit plot: data points, the SGD, analytical and true lines, residuals, the minibatch.

With one feature the learner edits data here: a left click on an empty spot adds a point, a
drag moves one, a right click or Delete removes one. The plot only *requests* those edits;
the Session makes them. With several features it shows predicted-vs-actual or a partial view
per feature, and editing is off.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem

from linreg_lab.gui.plots.density_image import (
    DENSITY_MIN_POINTS,
    ZOOMED_MAX_POINTS,
    DensityImage,
    data_extent,
    in_view,
)
from linreg_lab.gui.plots.fast_scatter import FastScatter
from linreg_lab.gui.plots.fit_view_box import EditViewBox
from linreg_lab.gui.plots.hover_readout import HoverReadout
from linreg_lab.gui.plots.residual_squares import ResidualSquares
from linreg_lab.gui.plots.segment_item import SegmentItem, view_pixel_size
from linreg_lab.gui.plots.view_bounds import LIMIT, drawable, finite_bounds, frame
from linreg_lab.gui.plots.your_line_items import YourLineItems
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.style.plot_style import add_legend, label_axes, name_legend_entries
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.retranslating import Retranslating

PRED_VS_ACTUAL = -1
SQUARE_LINES = ("yours", "sgd", "analytical")  # whose squared residuals can be drawn
MAX_RESIDUALS = 10_000
"""Residual lines drawn at most: above this many points, every k-th point gets one."""
HOVER_RADIUS_PX = 14.0  # the readout names the nearest example within this distance


def _line_segment(slope: float, intercept: float, x_range: tuple[float, float],
                  y_range: tuple[float, float]) -> tuple[list, list]:
    """The part of y = slope·x + intercept inside the view (x0, x1) × (y0, y1): two points,
    or none when the line misses the view (or its numbers are not finite).

    Drawing only what is visible keeps every coordinate within the view, so a steep line
    (slope 1e100) neither overflows nor hands Qt a path far outside the screen.
    """
    (x0, x1), (y0, y1) = x_range, y_range
    if not (math.isfinite(slope) and math.isfinite(intercept)):
        return [], []
    if slope == 0.0:
        return ([x0, x1], [intercept, intercept]) if y0 <= intercept <= y1 else ([], [])
    with np.errstate(over="ignore", invalid="ignore"):
        xa, xb = sorted(((y0 - intercept) / slope, (y1 - intercept) / slope))
        lo, hi = max(x0, xa), min(x1, xb)
        if not lo <= hi:
            return [], []
        ys = [min(max(slope * x + intercept, y0), y1) for x in (lo, hi)]
    return [lo, hi], ys


LIVE_DRAG_MAX_POINTS = 100_000
"""Up to this many examples a drag edits the data on every move, so the lines follow it live;
beyond, each move would copy the data for undo (~0.1–1 s at 10⁵–10⁶ rows): the point moves on
its own marker, and the data take one edit (one undo step) on release."""
MOVED_MAX_POINTS = 64
"""Dense data with at most this many points moved update their density cell by cell."""
CACHED_MIN_POINTS = 1_000
"""A static scatter of more points than this is painted once into a pixmap and blitted while
lines and the minibatch move (10⁵ points: ~28 ms a paint); a few points paint faster than a
view-sized pixmap is blitted (~1 ms)."""


def _set_points(scatter: pg.ScatterPlotItem, x: np.ndarray, y: np.ndarray) -> None:
    many = x.size > CACHED_MIN_POINTS
    scatter.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache if many
                         else QGraphicsItem.CacheMode.NoCache)
    scatter.setData(x, y)


def _skip_hover_search_in_drags(scene: pg.GraphicsScene) -> None:
    """pyqtgraph looks for items near the mouse on every move, also while a button is held
    (when it lets none of them take the hover, and keeps the press's hover for the drag):
    ~1.2 ms of each drag move, for nothing. A press still looks: the drag starts from it."""
    send = scene.sendHoverEvents
    dragging_move = QEvent.Type.GraphicsSceneMouseMove

    def send_unless_dragging(ev, exitOnly=False):  # pyqtgraph's parameter names
        if exitOnly or not (ev.buttons() and ev.type() == dragging_move):
            send(ev, exitOnly)

    scene.sendHoverEvents = send_unless_dragging


def _mark(scatter: pg.ScatterPlotItem, x, y) -> None:
    """Set a marker's points, and hide it when there are none: an empty scatter still costs
    ~0.15 ms of Python in every repaint of the plot, every frame of a run."""
    scatter.setData(x, y)
    scatter.setVisible(len(x) > 0)


class _Marks(FastScatter):
    """Marks drawn over the data that never take a click: clicks select and add points."""

    def mouseClickEvent(self, ev) -> None:
        ev.ignore()


class FitPlot(Retranslating, pg.PlotWidget):
    """Scatter plus fitted lines for the current session; emits edit requests."""

    exampleAddRequested = Signal(float, float)
    exampleMoveRequested = Signal(int, float, float, bool)  # row, x, y, continuing a drag
    exampleRemoveRequested = Signal(list)
    yourLineRequested = Signal(float, float)  # w, b of the learner's own line (one feature)

    def __init__(self, session: Session, parent=None):
        self._vb = EditViewBox()
        super().__init__(parent, viewBox=self._vb, background="w")
        self.setObjectName("fitPlot")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._session = session
        self._view = 0  # feature index shown on x, or PRED_VS_ACTUAL
        self._show_batch = True
        self._selected: int | None = None
        self._drag_row: int | None = None
        self._moving = False
        self._drag_data: object = None
        self._pending_move: tuple[int, float, float] | None = None  # big data, until release
        self._edited: object = None  # the data this plot's own last edit made
        self._editing = False  # True while this plot's own edit request runs
        self._static_stale = False
        self._drawn: tuple[object, int, int | None] | None = None
        self._squares_of: str | None = None  # one of SQUARE_LINES, or None: no squares
        self._your_mode = False
        self._squares_key: tuple | None = None  # what the squares drawn were drawn from
        self._squares_data: object = None
        self._make_items()
        self._connect()
        self._on_dataset_changed()
        self.getPlotItem().enableAutoRange(enable=False)
        self._vb.set_framer(self.fit_view)  # the "A" button and "View All" frame the data
        self.retranslate()

    def retranslate(self) -> None:
        if self.closed:  # pyqtgraph's close() cleared the scene: no items left to label
            return
        self.setAccessibleName(self.tr("Fit plot"))
        name_legend_entries(self._legend, {
            self._true_line: self.tr("true line"),
            self._lstsq_line: self.tr("analytical solution"),
            self._sgd_line: self.tr("SGD"),
            self._train: self.tr("training data"),
            self._val: self.tr("validation data"),
            self._batch: self.tr("current minibatch"),
        })
        if self._your_mode:
            name_legend_entries(self._legend, {self._yours.line: self.tr("your line")})
        self._label_axes()

    # ----- construction -----------------------------------------------------------------
    def _make_items(self) -> None:
        pi = self.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.15)
        for name in ("left", "bottom"):  # axes and grid change only with the range: cache them
            pi.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._legend = add_legend(pi)
        self._residuals = pg.PlotDataItem(pen=pg.mkPen(colors.RESIDUAL, width=1), connect="pairs")
        self._residuals.setVisible(False)
        self._true_line = SegmentItem(pg.mkPen(colors.TRUE, width=2, style=Qt.PenStyle.DashLine))
        self._lstsq_line = SegmentItem(pg.mkPen(colors.ANALYTICAL, width=2.5))
        self._sgd_line = SegmentItem(pg.mkPen(colors.SGD, width=2.5))
        self._train = FastScatter(size=7, pen=pg.mkPen(None), brush=pg.mkBrush(colors.DATA))
        self._val = FastScatter(size=8, pen=pg.mkPen(colors.VALIDATION, width=1.8),
                                brush=pg.mkBrush(None))
        self._batch = FastScatter(size=13, pen=pg.mkPen(colors.BATCH, width=2),
                                  brush=pg.mkBrush(None))
        self._drag_marker = FastScatter(size=9, pen=pg.mkPen(colors.TEXT, width=1.5),
                                        brush=pg.mkBrush(colors.DATA))
        self._selection = FastScatter(size=16, pen=pg.mkPen(colors.TEXT, width=1.5,
                                      style=Qt.PenStyle.DotLine), brush=pg.mkBrush(None))
        self._identity = pg.PlotDataItem(pen=pg.mkPen(colors.TEXT, width=1,
                                                      style=Qt.PenStyle.DotLine))
        self._prediction = _Marks(size=13, symbol="star", pen=pg.mkPen(colors.TEXT))
        self._last_prediction = None
        self._prediction_key: tuple | None = None  # what the star marks show now
        self._prediction.setZValue(5)
        for item in (self._identity, self._residuals, self._true_line, self._lstsq_line,
                     self._sgd_line, self._train, self._val, self._batch, self._drag_marker,
                     self._selection, self._prediction):
            pi.addItem(item, ignoreBounds=isinstance(item, SegmentItem))
        for marker in (self._drag_marker, self._selection):
            marker.hide()  # until there is a point to mark
        self._densities = {self._train: DensityImage(colors.DATA),
                           self._val: DensityImage(colors.VALIDATION)}
        self._dense: dict[pg.ScatterPlotItem, np.ndarray] | None = None  # rows, when dense
        self._dense_xy = (np.empty(0), np.empty(0))
        for scatter, density in self._densities.items():
            pi.addItem(density, ignoreBounds=True)
            scatter.visibleChanged.connect(self._show_dense_points)  # the legend hides both
        self._densities[self._val].setZValue(-3)  # training (most points) shows on top
        self._squares = ResidualSquares(colors.YOURS)
        self._squares.setZValue(-1)
        pi.addItem(self._squares)
        self._yours = YourLineItems(pi, self)
        self._readout = HoverReadout()
        self._hovered: int | None = None
        pi.addItem(self._readout, ignoreBounds=True)

    def _connect(self) -> None:
        s = self._session
        s.datasetChanged.connect(self._on_dataset_changed)
        s.stateChanged.connect(self._update_fit)
        s.yourLineChanged.connect(self._update_fit)
        self._yours.lineRequested.connect(self.yourLineRequested)
        self._vb.sigRangeChanged.connect(self._on_range_changed)
        self._vb.sigResized.connect(self._on_range_changed)  # same range, other pixel sizes
        self.scene().sigMouseMoved.connect(self._on_hover)
        _skip_hover_search_in_drags(self.scene())
        self._vb.pointAddRequested.connect(self._request_add)
        self._vb.pointMoveRequested.connect(self._request_move)
        self._vb.pointRemoveRequested.connect(self._request_remove)
        self._vb.pointSelected.connect(self._select)
        self._vb.dragFinished.connect(self._finish_drag)
        for scatter in (self._train, self._val):  # scatters take left clicks on points first
            scatter.sigClicked.connect(self._on_points_clicked)

    # ----- public controls --------------------------------------------------------------
    def set_view(self, view: int) -> None:
        """Feature index to put on the x axis, or PRED_VS_ACTUAL."""
        if view == self._view:  # the data's own change has already redrawn this view
            return
        self._view = view
        self._on_dataset_changed()
        self.set_prediction(self._last_prediction)

    def set_residuals_visible(self, visible: bool) -> None:
        self._residuals.setVisible(visible)
        self._update_fit()

    def set_your_line_visible(self, visible: bool) -> None:
        """The "your line" mode: the learner's line with its two handles (one feature)."""
        if visible and not self._your_mode:
            self._yours.place_handles()
        self._your_mode = visible
        if visible:
            name_legend_entries(self._legend, {self._yours.line: self.tr("your line")})
        else:
            self._legend.removeItem(self._yours.line)
        self._update_fit()

    def your_line_shown(self) -> bool:
        """True in "your line" mode (the line itself shows with one feature only)."""
        return self._your_mode

    def your_line_handles(self) -> list[tuple[float, float]]:
        """Where the two handles are, in data coordinates (to drag them by)."""
        return [(h.pos().x(), h.pos().y()) for h in self._yours.handles]

    def set_squares_of(self, which: str | None) -> None:
        """Draw the squared residuals of 'yours', 'sgd' or 'analytical' (None: none)."""
        if which is not None and which not in SQUARE_LINES:
            raise ValueError(f"squares of {which!r}? one of {SQUARE_LINES} or None")
        self._squares_of = which
        self._squares.set_colour({"yours": colors.YOURS, "sgd": colors.SGD,
                                  "analytical": colors.ANALYTICAL}.get(which or "", colors.YOURS))
        self._update_squares()

    def squares_drawn(self) -> np.ndarray:
        """The residual squares drawn now: (left, bottom, width, height) rows, data units."""
        return self._squares.rects()

    def set_prediction(self, prediction) -> None:
        """Mark ŷ at a new x (a gui.state.prediction.Prediction, or None) in each line's
        colour; only where x is on the axis (not in the predicted-vs-actual view)."""
        self._last_prediction = prediction
        if prediction is None or self._view == PRED_VS_ACTUAL or len(prediction.x) <= self._view:
            self._prediction_key = None
            self._prediction.setData([], [])
            return
        x = prediction.x[self._view]
        shown = [(prediction.sgd, colors.SGD), (prediction.analytical, colors.ANALYTICAL)]
        if prediction.true is not None:
            shown.append((prediction.true, colors.TRUE))
        shown = [(y, c) for y, c in shown if np.isfinite(y) and np.isfinite(x)]
        key = (float(x), tuple(shown))
        if key == self._prediction_key:  # a data change sends the same ŷ twice: one repaint
            return
        self._prediction_key = key
        self._prediction.setData(drawable([x] * len(shown)), drawable([y for y, _ in shown]),
                                 brush=[pg.mkBrush(c) for _, c in shown])

    def set_batch_visible(self, visible: bool) -> None:
        """Highlight the current minibatch (worth it only when stepping slowly)."""
        self._show_batch = visible
        self._update_batch()

    def fit_view(self) -> None:
        """Frame all data points (after new data, not while training).

        Only the points count: the lines span whatever is in view, so framing them would
        keep the view's own previous range (a view zoomed far out would never come back).
        Predicted vs actual frames both axes alike on y and ŷ, so the line ŷ = y is the
        diagonal. Non-finite values are left out; with no point the view shows ±5 around 0.
        """
        x, y = self._xy()
        if self._view == PRED_VS_ACTUAL:
            x = y = np.concatenate([x, y])
        x_range, y_range = frame(x) or (-5.0, 5.0), frame(y) or (-5.0, 5.0)
        self.getPlotItem().setRange(xRange=x_range, yRange=y_range, padding=0)
        self._update_lines()

    def shown_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Every data point as drawn now (training, validation, a dragged one)."""
        parts = [item.getData() for item in (self._train, self._val, self._drag_marker)]
        return (np.concatenate([p[0] for p in parts if p[0] is not None]),
                np.concatenate([p[1] for p in parts if p[1] is not None]))

    def line_points(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        """The two end points of a drawn line: 'sgd', 'analytical', 'true' or 'yours'."""
        item = {"sgd": self._sgd_line, "analytical": self._lstsq_line,
                "true": self._true_line, "yours": self._yours.line}[which]
        return item.getData()

    def hover_text(self) -> str:
        """What the hover readout says now ('' when it is hidden)."""
        return self._readout.text()

    def editable(self) -> bool:
        return self._session.dataset.n_features == 1 and self._view == 0

    # ----- what is plotted --------------------------------------------------------------
    def _xy(self) -> tuple[np.ndarray, np.ndarray]:
        """Plot coordinates of every example in the current view."""
        ds = self._session.dataset
        if self._view == PRED_VS_ACTUAL or self._view >= ds.n_features:
            t = self._session.trainer
            with np.errstate(over="ignore", invalid="ignore"):  # a diverged run's ŷ
                return ds.y, drawable(ds.X @ t.w + t.b)  # spans of ±1e308 overflow in items
        return ds.X[:, self._view], ds.y

    def _on_dataset_changed(self) -> None:
        if self._view >= self._session.dataset.n_features:
            self._view = 0
        self._hovered = None  # rows may now be other examples: the next move tells
        self._readout.setVisible(False)
        if (self._drag_row is not None and not self._moving
                and self._session.data is not self._drag_data):  # other data under the drag
            self._vb.cancel_drag()
            self._drag_row = None
        x, y = self._xy()
        if self._drag_row is not None and self._pending_move is not None:  # big data: the
            _mark(self._drag_marker, *([v] for v in self._pending_move[1:]))  # mouse's place
        elif self._drag_row is not None and not self._static_stale:
            _mark(self._drag_marker, [x[self._drag_row]], [y[self._drag_row]])
        elif self._drawn != self._drawing():  # not for the same data settled exactly
            self._set_scatters(x, y)
        self._vb.set_points(x, y, self.editable())
        if self._selected is not None and self._selected >= len(x):
            self._select(None)
        self._label_axes()
        own_edit = self._editing or self._session.data is self._edited
        if x.size and not own_edit and not self._view_contains(x, y):
            # new data are framed; an edit made here keeps the learner's zoom
            self.fit_view()
        # (the lines follow in _update_fit: the Session's stateChanged comes right after every
        # datasetChanged, and redrawing them here too cost ~0.7 ms of each drag move)

    def _set_scatters(self, x: np.ndarray, y: np.ndarray) -> None:
        """All points; while one is dragged it moves on its own marker, so a drag redraws
        one point instead of the whole scatter (which costs ~15 ms per 10,000 points)."""
        data, row = self._session.data, self._drag_row
        subsets = {self._train: data.train_rows, self._val: data.val_rows}
        if sum(r.size for r in subsets.values()) > DENSITY_MIN_POINTS:
            self._set_densities(x, y, subsets)  # the dragged point stays in the density
            # (one of thousands) and where the view draws points, it stays as the drag's start
        else:
            self._dense = None
            for item, shown in subsets.items():
                shown = shown if row is None else shown[shown != row]
                self._densities[item].clear_points()
                self._densities[item].setVisible(False)
                _set_points(item, x[shown], y[shown])
        _mark(self._drag_marker, *(([x[row]], [y[row]]) if row is not None else ([], [])))
        self._static_stale = False
        self._drawn = self._drawing()

    def _set_densities(self, x: np.ndarray, y: np.ndarray,
                       subsets: dict[pg.ScatterPlotItem, np.ndarray]) -> None:
        """Many points: each subset as a density image over the same extent (computed once
        per data change), and the points themselves only where the view is zoomed in."""
        if not self._move_dense_points(x, y, subsets):
            extent = data_extent(x, y)
            for item, shown in subsets.items():
                self._densities[item].set_points(x[shown], y[shown], extent)
        self._dense = subsets
        self._dense_xy = (x, y)
        self._show_dense_points()

    def _move_dense_points(self, x: np.ndarray, y: np.ndarray,
                           subsets: dict[pg.ScatterPlotItem, np.ndarray]) -> bool:
        """The same rows with a few points moved (a drag's release, its undo): their counts
        move, after one comparing pass, instead of 10⁶ points being counted again (~50 ms)."""
        if self._dense is None or self._dense_xy[0].shape != x.shape:
            return False
        if any(not np.array_equal(self._dense[item], rows) for item, rows in subsets.items()):
            return False
        px, py = self._dense_xy
        moved = np.flatnonzero((px != x) | (py != y))  # NaN ≠ NaN: such rows count as moved
        if moved.size > MOVED_MAX_POINTS:
            return False
        if not moved.size:  # the same data (a drag's start): the density stands as it is
            return True
        val = self._session.data.val_mask[moved]
        for item, rows in ((self._train, moved[~val]), (self._val, moved[val])):
            if not self._densities[item].move_points((px[rows], py[rows]), (x[rows], y[rows])):
                return False
        return True

    def _show_dense_points(self, *_args) -> None:
        """Dense data: the points in view one by one when there are few enough of them (so
        they can be seen, clicked and dragged), else the density images."""
        if self._dense is None:
            return
        x, y = self._dense_xy
        view = self._vb.viewRange()
        mask = in_view(x, y, view)  # one pass over the data, not a gather per subset
        zoomed = np.count_nonzero(mask) <= ZOOMED_MAX_POINTS  # (the rows only if so: ~5 ms)
        for item, rows in self._dense.items():
            shown = rows[mask[rows]] if zoomed else rows[:0]
            _set_points(item, x[shown], y[shown])
            self._densities[item].setVisible(not zoomed and item.isVisible())

    def density_shown(self) -> bool:
        """True while the data are drawn as a density image (too many points to draw)."""
        return self._dense is not None and any(d.isVisible() for d in self._densities.values())

    def density_counts(self) -> np.ndarray:
        """Training points per cell of the density image (empty when there is none)."""
        return self._densities[self._train].counts()

    def _drawing(self) -> tuple[object, int, int | None]:
        """What the scatters show: re-sending 10⁶ points costs seconds, so the same data in
        the same view (Session.settle's datasetChanged) are not sent again."""
        return self._session.data, self._view, self._drag_row

    def _view_contains(self, x: np.ndarray, y: np.ndarray) -> bool:
        (x0, x1), (y0, y1) = self._vb.viewRange()
        bx, by = finite_bounds(x), finite_bounds(y)
        return bool((bx is None or (bx[0] >= x0 and bx[1] <= x1))
                    and (by is None or (by[0] >= y0 and by[1] <= y1)))

    def _label_axes(self) -> None:
        ds = self._session.dataset
        if self._view == PRED_VS_ACTUAL and ds.label_name == "y":
            label_axes(self.getPlotItem(), self.tr("actual y"), self.tr("predicted ŷ"))
        elif self._view == PRED_VS_ACTUAL:  # named data: say what is predicted, with its unit
            label_axes(self.getPlotItem(), self.tr("actual %1").replace("%1", ds.label_name),
                       self.tr("predicted %1").replace("%1", ds.label_name))
        else:
            label_axes(self.getPlotItem(), ds.feature_names[self._view], ds.label_name)

    def _update_fit(self) -> None:
        if self._view == PRED_VS_ACTUAL:
            self._on_prediction_changed()
        self._update_lines()
        self._update_residuals()
        self._update_squares()
        self._update_batch()
        if self._hovered is not None:
            self._show_readout()

    def _on_prediction_changed(self) -> None:
        x, y = self._xy()
        self._set_scatters(x, y)
        self._vb.set_points(x, y, False)

    def _line_params(self, w: np.ndarray, b: float) -> tuple[float, float]:
        """Slope and intercept of the model in the current view, the other features held at
        their training means (kept in the session's statistics: no pass over the data)."""
        if self._view == PRED_VS_ACTUAL:
            return 1.0, 0.0
        others = np.delete(np.arange(w.size), self._view)
        means = np.nan_to_num(self._session.stats.mean_x[others])
        with np.errstate(over="ignore", invalid="ignore"):  # inf: the line is not drawn
            return float(w[self._view]), float(b + w[others] @ means)

    def _on_range_changed(self, *_args) -> None:
        self._show_dense_points()
        self._update_lines()
        self._update_residuals()
        self._update_squares()

    def _update_lines(self) -> None:
        x_range, y_range = self._vb.viewRange()
        s = self._session
        pred_view = self._view == PRED_VS_ACTUAL
        self._identity.setData(*(_line_segment(1.0, 0.0, x_range, y_range) if pred_view
                                 else ([], [])))
        fits = {
            self._sgd_line: (s.trainer.w, s.trainer.b),
            self._lstsq_line: (s.solution.lstsq.w, s.solution.lstsq.b) if s.data.n_train else None,
            self._true_line: (s.data.true_w, s.data.true_b) if s.data.has_truth else None,
        }
        pixel = self._pixel_size()
        for item, params in fits.items():
            if params is None or pred_view:
                item.set_segment([], [], pixel)
            else:
                item.set_segment(*_line_segment(*self._line_params(*params), x_range, y_range),
                                 pixel)
        self._update_your_line(x_range, y_range)

    def _pixel_size(self) -> tuple[float, float]:
        """Data units per pixel on x and y (0 before the view has a size)."""
        return view_pixel_size(self._vb)

    def _update_your_line(self, x_range: tuple[float, float],
                          y_range: tuple[float, float]) -> None:
        line = self._session.your_line
        shown = self._your_mode and line is not None and self.editable()
        self._yours.set_visible(shown)
        if not shown:
            self._yours.line.setData([], [])
            return
        assert line is not None
        if not self._yours.handles_within(x_range):  # panned or zoomed away: bring them back
            self._yours.place_handles()
        slope, intercept = self._line_params(*line)
        self._yours.show_line(slope, intercept,
                              _line_segment(slope, intercept, x_range, y_range))

    def _square_params(self) -> tuple[float, float] | None:
        s, which = self._session, self._squares_of
        if which == "yours":
            line = s.your_line
        elif which == "sgd":
            line = (s.trainer.w, s.trainer.b)
        elif which == "analytical" and s.data.n_train:
            line = (s.solution.lstsq.w, s.solution.lstsq.b)
        else:
            line = None
        return None if line is None else self._line_params(*line)

    def _update_squares(self) -> None:
        """The chosen line's squared residuals as squares of equal sides on screen."""
        params = self._square_params() if self.editable() else None
        x_px, y_px = self._vb.viewPixelSize() if params is not None else (0.0, 0.0)
        if params is None or not (x_px > 0 and y_px > 0):
            self._squares.clear()
            self._squares_key = None
            return
        x_per_y = x_px / y_px  # one y unit on screen is this many x units
        key = (params, x_per_y, self._view)
        data = self._session.data
        if self._squares_key == key and self._squares_data is data:
            return  # training moved another line: these squares stay
        self._squares_key, self._squares_data = key, data
        x, y = self._xy()
        with np.errstate(over="ignore", invalid="ignore"):
            y_hat = params[0] * x + params[1]
        self._squares.set_squares(x, y, y_hat, x_per_y)

    def _update_residuals(self) -> None:
        """Each point's residual to the SGD line, redrawn at every step; above MAX_RESIDUALS
        points only evenly spaced ones get theirs (10⁶ lines took seconds and 2 GB a frame)."""
        if not self._residuals.isVisible() or self._view == PRED_VS_ACTUAL:
            self._residuals.setData([], [])
            return
        x, y = self._xy()
        if x.size > MAX_RESIDUALS:  # every k-th point: a frame's worth of lines, not 10⁶
            stride = -(-x.size // MAX_RESIDUALS)
            x, y = x[::stride], y[::stride]
        slope, intercept = self._line_params(self._session.trainer.w, self._session.trainer.b)
        _, (y0, y1) = self._vb.viewRange()
        reach = y1 - y0
        with np.errstate(over="ignore", invalid="ignore"):  # ŷ far off: drawn to just past
            y_hat = np.clip(slope * x + intercept, y0 - reach, y1 + reach)  # the view's edge
        xs = np.repeat(x, 2)
        ys = np.column_stack([y, np.nan_to_num(y_hat, nan=y0, posinf=LIMIT,
                                               neginf=-LIMIT)]).ravel()
        self._residuals.setData(xs, ys)

    def _update_batch(self) -> None:
        rows = self._session.last_batch_rows() if self._show_batch else np.empty(0, np.intp)
        x, y = self._xy()
        self._batch.setData(x[rows], y[rows])

    # ----- hover readout: the example under the mouse ----------------------------------
    def _on_hover(self, scene_pos) -> None:
        if self._drag_row is not None and self._live_drag():
            return  # the move's data change hides the readout right after this
        row = None
        if self._vb.sceneBoundingRect().contains(scene_pos):
            row = self._vb.row_at(self._vb.mapFromScene(scene_pos), HOVER_RADIUS_PX)
        self._hovered = row
        self._show_readout()

    def _show_readout(self) -> None:
        """The hovered example's numbers, kept current while training moves ŷ."""
        row = self._hovered
        x, y = self._xy()
        if row is None or row >= len(x):
            self._readout.setVisible(False)
            return
        self._readout.show_at(self._vb, float(x[row]), float(y[row]), self._readout_text(row))

    def _readout_text(self, row: int) -> str:
        """x and y of the example, ŷ of the SGD line there and the residual y − ŷ."""
        s = self._session
        ds, t = s.dataset, s.trainer
        y = float(ds.y[row])
        with np.errstate(over="ignore", invalid="ignore"):
            y_hat = float(ds.X[row] @ t.w + t.b)
        lines = [] if self._view == PRED_VS_ACTUAL else [
            f"{ds.feature_names[self._view]} = {fmt(float(ds.X[row, self._view]))}"]
        lines += [f"{ds.label_name} = {fmt(y)}",
                  self.tr("ŷ (SGD) = {value}").format(value=fmt(y_hat)),
                  self.tr("residual y − ŷ = {value}").format(value=fmt(y - y_hat))]
        if np.any(s.data.val_rows == row):
            lines.append(self.tr("(a validation example)"))
        return "\n".join(lines)

    def leaveEvent(self, ev) -> None:
        self._hovered = None
        self._readout.setVisible(False)
        super().leaveEvent(ev)

    # ----- edits: turn view-box gestures into requests ----------------------------------
    def _request_add(self, x: float, y: float) -> None:
        self.setFocus()
        self._emit_edit(self.exampleAddRequested, x, y)

    def _request_move(self, row: int, x: float, y: float, continuing: bool) -> None:
        if not continuing:  # a drag starts: the dragged point leaves the big scatters
            self._drag_row, self._static_stale = row, True
            self._pending_move = None
            self._session.pacing.hold("drag")  # text views redraw ten times a second meanwhile
        if not self._live_drag():
            self._preview_move(row, x, y, continuing)
            return
        self._moving = self._editing = True  # the data change this causes is the drag's own
        try:
            self.exampleMoveRequested.emit(row, x, y, continuing)
        finally:
            self._moving = self._editing = False
            self._drag_data = self._edited = self._session.data  # settling them is no edit

    def _live_drag(self) -> bool:
        """Whether a drag edits the data on every move (else it moves a marker until the
        release: big data)."""
        return self._session.dataset.n_examples <= LIVE_DRAG_MAX_POINTS

    def _preview_move(self, row: int, x: float, y: float, continuing: bool) -> None:
        """Big data: the point moves on its marker, and the data take the move on release."""
        if not continuing:
            self._drag_data = self._session.data
            self._set_scatters(*self._xy())  # the point leaves the scatters (not the density)
        _mark(self._drag_marker, [x], [y])
        self._pending_move = (row, x, y)

    def dragged_point(self) -> tuple[float, float] | None:
        """Where the point being dragged is drawn now (None when no drag is going on)."""
        xs, ys = self._drag_marker.getData()
        if self._drag_row is None or xs is None or not len(xs):
            return None
        return float(xs[0]), float(ys[0])

    def _finish_drag(self) -> None:
        pending, self._pending_move = self._pending_move, None
        if pending is not None and self._drag_row is not None:  # big data: one edit now
            self._moving = self._editing = True
            try:
                self.exampleMoveRequested.emit(*pending, False)
            finally:
                self._moving = self._editing = False
                self._edited = self._session.data
        self._drag_row = None
        x, y = self._xy()
        self._set_scatters(x, y)
        self._session.pacing.release("drag")  # paced views show the dropped point's numbers

    def _request_remove(self, row: int) -> None:
        self._select(None)
        self._emit_edit(self.exampleRemoveRequested, [row])

    def _emit_edit(self, signal, *args) -> None:
        """Request an edit; the data it makes are this plot's own (the view stays put)."""
        self._editing = True
        try:
            signal.emit(*args)
        finally:
            self._editing = False
            self._edited = self._session.data

    def _on_points_clicked(self, _item, points, ev) -> None:
        row = self._vb.row_at(self._vb.mapFromScene(ev.scenePos()))
        if self.editable() and len(points) and row is not None:
            self._select(row)

    def _select(self, row: int | None) -> None:
        self._selected = row
        if row is None:
            _mark(self._selection, [], [])
        else:
            self.setFocus()
            x, y = self._xy()
            _mark(self._selection, [x[row]], [y[row]])

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        if ev.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected is not None:
            self._request_remove(self._selected)
            ev.accept()
            return
        super().keyPressEvent(ev)
