"""The classification plane (d2l 3.4–3.7): points by class, decision regions, boundaries.

Each class has its own colour and marker shape. Under the points an image shows which class
softmax regression predicts where (paler where it is less sure, or one chosen class's
probability); SGD's boundaries are solid lines, the Newton optimum's (the reference, there is
no closed form) dashed in the analytical blue. As in the fit plot the learner edits data
here, and the plot only *requests* the edits: a click adds a point of the current class, a
drag moves one, a right click or Delete removes one, keys 1…9 ask for another class.

Only two features fit on a plane; other data (the 64 pixels of the digits) get a short note
pointing to the views that show them.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem

from linreg_lab.core.limits import MAX_CLASSES
from linreg_lab.gui.plots.class_boundaries import boundary_segments
from linreg_lab.gui.plots.class_regions import ClassRegions, image_shape
from linreg_lab.gui.plots.fit_view_box import EditViewBox
from linreg_lab.gui.plots.hover_readout import HoverReadout
from linreg_lab.gui.plots.view_bounds import frame
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.style import class_style, colors
from linreg_lab.gui.style.plot_style import add_legend, label_axes
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

POINT_SIZE = 9.0
HOVER_RADIUS_PX = 14.0  # Delete acts on the point within this distance of the mouse
REGIONS_THROTTLE_MS = 40  # panning and zooming redraw the regions at most this often
#: up to this many examples the optimum follows every edit (a few ms of Newton); beyond,
#: it is solved once edits pause for REFERENCE_DELAY_MS, so a drag stays smooth
IMMEDIATE_REFERENCE_MAX = 5_000
REFERENCE_DELAY_MS = 300
_CLASS_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class _Marks(pg.ScatterPlotItem):
    """Points and rings that never take a click: the view box hit-tests every gesture (a
    click on a point selects it, elsewhere adds one), in pixels, the same for all classes."""

    def mouseClickEvent(self, ev) -> None:
        ev.ignore()


class ClassPlot(Retranslating, pg.PlotWidget):
    """Points of k classes on the plane with softmax regression's regions; edit requests."""

    exampleAddRequested = Signal(float, float, int)  # x₁, x₂, class
    exampleMoveRequested = Signal(int, float, float, bool)  # row, x₁, x₂, continuing a drag
    exampleRemoveRequested = Signal(list)  # rows
    classKeyPressed = Signal(int)  # class index: key 1 asks for class 0, … key 9 for class 8

    def __init__(self, session: ClassificationSession, parent=None):
        self._vb = EditViewBox()
        super().__init__(parent, viewBox=self._vb, background="w")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._session = session
        self._current_class = 0
        self._probability_class: int | None = None
        self._show_batch = True
        self._show_reference = True
        self._selected: int | None = None
        self._hovered: int | None = None
        self._hover_at: QPointF | None = None  # scene position of the mouse
        self._moving = False
        self._drag_data: object = None
        self._legend_key: tuple | None = None
        self._reference_params: tuple[np.ndarray, np.ndarray] | None = None
        self._reference_of: object = None
        self._make_items()
        self._regions_redraw = ThrottledRedraw(self, self._draw_regions, REGIONS_THROTTLE_MS)
        self._reference_timer = QTimer(self)
        self._reference_timer.setSingleShot(True)
        self._reference_timer.setInterval(REFERENCE_DELAY_MS)
        self._reference_timer.timeout.connect(self._solve_reference)
        self._connect()
        self.getPlotItem().enableAutoRange(enable=False)
        self._vb.set_framer(self.fit_view)  # the "A" button and "View All" frame the data
        self._on_dataset_changed()
        self._on_state_changed()
        self.retranslate()

    def retranslate(self) -> None:
        if self.closed:  # pyqtgraph's close() cleared the scene: no items left to label
            return
        self.setAccessibleName(self.tr("Classification plot"))
        self._legend_key = None
        self._name_legend()
        self._set_note()
        self._label_axes()
        self._show_readout()

    # ----- construction -----------------------------------------------------------------
    def _make_items(self) -> None:
        pi = self.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.15)
        for name in ("left", "bottom"):  # axes and grid change only with the range
            pi.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._legend = add_legend(pi, columns=6)
        self._regions = ClassRegions()
        self._regions.setZValue(-100)
        pi.addItem(self._regions, ignoreBounds=True)
        self._sgd_lines = pg.PlotDataItem(pen=pg.mkPen(colors.SGD, width=2.5), connect="pairs")
        self._reference_lines = pg.PlotDataItem(
            pen=pg.mkPen(colors.ANALYTICAL, width=2, style=Qt.PenStyle.DashLine),
            connect="pairs")
        self._make_marks()
        for item in (self._reference_lines, self._sgd_lines, *self._points, *self._val_points,
                     self._batch, self._selection):
            pi.addItem(item)
        self._note = pg.TextItem(anchor=(0.5, 0.5), color=colors.TEXT)
        pi.addItem(self._note, ignoreBounds=True)
        self._readout = HoverReadout()
        pi.addItem(self._readout, ignoreBounds=True)

    def _make_marks(self) -> None:
        """Each class's points (training filled, validation hollow), the rings, and the
        legend's samples that stand for no item of their own."""
        outline = pg.mkPen(class_style.OUTLINE, width=0.8)
        self._points = [_Marks(
            size=class_style.symbol_size(k, POINT_SIZE), symbol=class_style.class_symbol(k),
            pen=outline, brush=pg.mkBrush(class_style.class_color(k)))
            for k in range(MAX_CLASSES)]
        self._val_points = [_Marks(  # validation examples: hollow, in their class's colour
            size=class_style.symbol_size(k, POINT_SIZE), symbol=class_style.class_symbol(k),
            pen=pg.mkPen(class_style.outline_color(k), width=2), brush=pg.mkBrush("w"))
            for k in range(MAX_CLASSES)]
        self._val_sample = pg.ScatterPlotItem(  # the legend's sample only, never drawn
            size=POINT_SIZE, pen=pg.mkPen(colors.DATA, width=1.8), brush=pg.mkBrush("w"))
        self._shade_sample = pg.ScatterPlotItem(size=13, symbol="s", pen=pg.mkPen(None))
        self._batch = _Marks(size=17, pen=pg.mkPen(colors.BATCH, width=2),
                             brush=pg.mkBrush(None))
        dotted = pg.mkPen(colors.TEXT, width=1.5, style=Qt.PenStyle.DotLine)
        self._selection = _Marks(size=20, pen=dotted, brush=pg.mkBrush(None))
        for scatter in (*self._points, *self._val_points):  # static between edits: painted
            scatter.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # once

    def _connect(self) -> None:
        s = self._session
        s.datasetChanged.connect(self._on_dataset_changed)
        s.stateChanged.connect(self._on_state_changed)
        self._vb.sigRangeChanged.connect(self._on_range_changed)
        self._vb.sigResized.connect(self._regions_redraw.request)
        self.scene().sigMouseMoved.connect(self._on_hover)
        self._vb.pointAddRequested.connect(self._request_add)
        self._vb.pointMoveRequested.connect(self._request_move)
        self._vb.pointRemoveRequested.connect(self._request_remove)
        self._vb.pointSelected.connect(self._select)
        self._vb.dragFinished.connect(self._on_drag_finished)

    # ----- public controls --------------------------------------------------------------
    def set_current_class(self, k: int) -> None:
        """The class a click adds (a class index, 0…k−1)."""
        self._current_class = int(k)
        self._show_readout()

    def current_class(self) -> int:
        return self._current_class

    def set_probability_class(self, k: int | None) -> None:
        """Shade the probability of class k everywhere (None: the winner and its certainty)."""
        self._probability_class = None if k is None else int(k)
        self._draw_regions()
        self._name_legend()

    def set_reference_visible(self, visible: bool) -> None:
        """Draw the reference optimum's boundaries (Newton on the training data), dashed."""
        self._show_reference = bool(visible)
        self._update_reference()
        self._name_legend()

    def set_batch_visible(self, visible: bool) -> None:
        """Ring the current minibatch (worth it only when stepping slowly)."""
        self._show_batch = bool(visible)
        self._update_batch()
        self._name_legend()

    def fit_view(self) -> None:
        """Frame all points (after new data, never while training); ±5 with none. Data with
        other than two features show their note on a fixed unit square."""
        if not self.planar():
            self.getPlotItem().setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0)
            return
        X = self._session.dataset.X
        x_range = frame(X[:, 0]) or (-5.0, 5.0)
        y_range = frame(X[:, 1]) or (-5.0, 5.0)
        self.getPlotItem().setRange(xRange=x_range, yRange=y_range, padding=0)

    def planar(self) -> bool:
        """True when the data have two features: points and regions on the plane."""
        return self._session.dataset.n_features == 2

    def flush(self) -> None:
        """Draw the regions now if a view change is still waiting (before a grab)."""
        self._regions_redraw.flush()

    # ----- what is drawn (for tests and exports) ----------------------------------------
    def regions(self):
        """The decision image drawn now (core DecisionImage), None before any."""
        return self._regions.drawn() if self._regions.isVisible() else None

    def regions_rect(self) -> tuple[float, float, float, float]:
        """The data rectangle (x0, y0, width, height) the regions image covers."""
        r = self._regions.mapRectToParent(self._regions.boundingRect())
        return r.x(), r.y(), r.width(), r.height()

    def boundary_points(self, which: str = "sgd") -> tuple[np.ndarray, np.ndarray]:
        """The drawn boundary segments of 'sgd' or 'reference', two points each."""
        item = {"sgd": self._sgd_lines, "reference": self._reference_lines}[which]
        x, y = item.getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def shown_points(self, k: int, which: str = "all") -> tuple[np.ndarray, np.ndarray]:
        """The points drawn for class k: 'all', 'train' or 'validation' ones."""
        items = {"all": (self._points[k], self._val_points[k]), "train": (self._points[k],),
                 "validation": (self._val_points[k],)}[which]
        parts = [item.getData() for item in items]
        return (np.concatenate([p[0] for p in parts if p[0] is not None] or [np.empty(0)]),
                np.concatenate([p[1] for p in parts if p[1] is not None] or [np.empty(0)]))

    def batch_points(self) -> tuple[np.ndarray, np.ndarray]:
        x, y = self._batch.getData()
        return x, y

    def note_text(self) -> str:
        """The note shown instead of the plane ('' when the data are on it)."""
        return self._note_text() if self._note.isVisible() else ""

    def hover_text(self) -> str:
        """What the hover readout says now ('' when it is hidden)."""
        return self._readout.text()

    # ----- data --------------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        ds, planar = self._session.dataset, self.planar()
        if not self._moving and self._session.dataset is not self._drag_data:
            self._vb.cancel_drag()  # other data under a drag (Delete, Undo, new data)
        self._hovered = None
        self._show_plane(planar)
        X = ds.X if planar else np.empty((0, 2))
        labels = ds.labels if planar else np.empty(0, np.intp)
        val = self._val_mask() if planar else np.zeros(0, bool)
        for k in range(MAX_CLASSES):
            for scatter, rows in ((self._points[k], (labels == k) & ~val),
                                  (self._val_points[k], (labels == k) & val)):
                scatter.setData(X[rows, 0], X[rows, 1])
        self._vb.set_points(X[:, 0].copy(), X[:, 1].copy(), planar)
        if self._selected is not None and self._selected >= X.shape[0]:
            self._select(None)
        elif self._selected is not None:  # it may have moved (a drag, an undo)
            self._selection.setData([X[self._selected, 0]], [X[self._selected, 1]])
        self._name_legend()
        self._label_axes()
        if not planar or (X.shape[0] and not self._moving and not self._view_contains(X)):
            self.fit_view()

    def _val_mask(self) -> np.ndarray:
        """True for the validation rows (drawn hollow; the trainer never sees them)."""
        return self._session.val_mask

    def _batch_rows(self) -> np.ndarray | None:
        """Dataset rows of the last minibatch (the trainer counts training rows only)."""
        return self._session.last_batch_rows()

    def _show_plane(self, planar: bool) -> None:
        pi = self.getPlotItem()
        for name in ("left", "bottom"):
            pi.showAxis(name, planar)
        self._vb.setMouseEnabled(planar, planar)
        pi.showButtons() if planar else pi.hideButtons()  # "A" frames points: none here
        self._note.setVisible(not planar)
        self._set_note()
        (x0, x1), (y0, y1) = self._vb.viewRange()
        self._note.setPos(QPointF(0.5 * (x0 + x1), 0.5 * (y0 + y1)))
        for item in (self._regions, self._sgd_lines, self._reference_lines, self._batch):
            item.setVisible(planar)
        if not planar:
            for item in (self._sgd_lines, self._reference_lines, self._batch):
                item.setData([], [])
            self._readout.setVisible(False)

    def _view_contains(self, X: np.ndarray) -> bool:
        (x0, x1), (y0, y1) = self._vb.viewRange()
        return bool(X[:, 0].min() >= x0 and X[:, 0].max() <= x1
                    and X[:, 1].min() >= y0 and X[:, 1].max() <= y1)

    def _label_axes(self) -> None:
        names = self._session.dataset.feature_names
        if len(names) == 2:
            label_axes(self.getPlotItem(), names[0], names[1])

    def _class_label(self, k: int) -> str:
        name = self._session.dataset.class_names[k]
        return self.tr("class %1").replace("%1", name) if name.isdigit() else name

    def _name_legend(self) -> None:
        """Classes first, then the lines; rebuilt only when what it lists changed."""
        ds = self._session.dataset
        has_val = bool(self._val_mask().any())
        shaded = self._probability_class
        shaded = shaded if shaded is not None and 0 <= shaded < ds.num_classes else None
        key = (ds.class_names, self.planar(), self._show_reference, self._show_batch, has_val,
               shaded)
        if key == self._legend_key:
            return
        self._legend_key = key
        self._legend.clear()
        if not self.planar():
            return
        for k in range(ds.num_classes):
            self._legend.addItem(self._points[k], self._class_label(k))
        if has_val:
            self._legend.addItem(self._val_sample, self.tr("validation"))
        self._legend.addItem(self._sgd_lines, self.tr("SGD boundary"))
        if self._show_reference:
            self._legend.addItem(self._reference_lines, self.tr("optimum (Newton)"))
        if self._show_batch:
            self._legend.addItem(self._batch, self.tr("current minibatch"))
        if shaded is not None:
            tint = class_style.tint_table(ds.num_classes, 0.0, class_style.ONE_CLASS_TINT_MAX)
            self._shade_sample.setBrush(pg.mkBrush(*tint[shaded, -1]))
            self._legend.addItem(self._shade_sample, self.tr("shade: P(y = %1 | x)").replace(
                "%1", ds.class_names[shaded]))

    def _set_note(self) -> None:
        """The note's lines centred under each other."""
        lines = self._note_text().split("\n")
        self._note.setHtml(f'<div style="text-align:center; color:{colors.TEXT}">'
                           + "<br>".join(html.escape(line) for line in lines) + "</div>")
        document = self._note.textItem.document()
        document.setTextWidth(-1)
        self._note.setTextWidth(document.idealWidth())  # a width to centre within

    def _note_text(self) -> str:
        d = self._session.dataset.n_features
        if d == 2:
            return ""
        if d == 1:
            return self.tr("These data have one feature: the plane needs two.")
        return self.tr("These data have %1 features: the plane shows only two.\n"
                       "See each class's weights as images, and the confusion matrix."
                       ).replace("%1", str(d))

    # ----- parameters: regions, boundaries, minibatch ----------------------------------------
    def _on_state_changed(self) -> None:
        if not self.planar():
            return
        self._update_boundaries()
        self._update_reference()
        self._update_batch()
        if self.isVisible():
            self._draw_regions()
        else:  # another mode's page is shown: drawn once when this one is shown again
            self._regions_redraw.request()
        self._show_readout()

    def _on_range_changed(self, *_args) -> None:
        (x0, x1), (y0, y1) = self._vb.viewRange()
        self._note.setPos(QPointF(0.5 * (x0 + x1), 0.5 * (y0 + y1)))
        if self.planar():
            self._update_boundaries()
            self._draw_reference_lines()
            self._regions_redraw.request()
            self._show_readout()  # another point of the data under the mouse

    def _draw_regions(self) -> None:
        if not self.planar():
            return
        t = self._session.trainer
        x_range, y_range = self._vb.viewRange()
        shape = image_shape(self._vb.width(), self._vb.height())
        self._regions.draw(t.W, t.b, tuple(x_range), tuple(y_range), shape,
                           self._probability_class)

    def _update_boundaries(self) -> None:
        t = self._session.trainer
        x_range, y_range = self._vb.viewRange()
        self._sgd_lines.setData(*boundary_segments(t.W, t.b, x_range, y_range))

    def _update_reference(self) -> None:
        """The optimum is solved once per data set, and only while it is shown."""
        s = self._session
        if not (self._show_reference and self.planar()):
            self._reference_timer.stop()
            self._draw_reference_lines()  # cleared
        elif self._reference_of is not s.dataset:
            if s.dataset.n_examples <= IMMEDIATE_REFERENCE_MAX:
                self._solve_reference()
            else:  # many examples: the stale lines go now, the new ones once edits pause
                self._draw_reference_lines()
                self._reference_timer.start()
        else:  # solved already: shown again
            self._draw_reference_lines()

    def _solve_reference(self) -> None:
        s = self._session
        if self._show_reference and self.planar() and self._reference_of is not s.dataset:
            self._reference_of = s.dataset
            ref = s.reference()
            self._reference_params = None if ref is None else (ref.W, ref.b)
        self._draw_reference_lines()

    def _draw_reference_lines(self) -> None:
        params = self._reference_params
        if not (self._show_reference and self.planar() and params is not None
                and self._reference_of is self._session.dataset):
            self._reference_lines.setData([], [])
            return
        x_range, y_range = self._vb.viewRange()
        self._reference_lines.setData(*boundary_segments(*params, x_range, y_range))

    def _update_batch(self) -> None:
        rows = self._batch_rows()
        X = self._session.dataset.X
        if not self._show_batch or rows is None or not self.planar():
            self._batch.setData([], [])
            return
        rows = rows[rows < X.shape[0]]
        self._batch.setData(X[rows, 0], X[rows, 1])

    # ----- hover readout: the class probabilities under the mouse ------------------------
    def _on_hover(self, scene_pos) -> None:
        inside = self.planar() and self._vb.sceneBoundingRect().contains(scene_pos)
        self._hover_at = QPointF(scene_pos) if inside else None
        self._show_readout()

    def _show_readout(self) -> None:
        """At the mouse, which stays where it is on screen when data or view change."""
        if self._hover_at is None or not self.planar():
            self._hovered = None
            self._readout.setVisible(False)
            return
        self._hovered = self._vb.row_at(self._vb.mapFromScene(self._hover_at), HOVER_RADIUS_PX)
        p = self._vb.mapSceneToView(self._hover_at)
        self._readout.show_at(self._vb, p.x(), p.y(), self._readout_text(p.x(), p.y()))

    def _readout_text(self, x: float, y: float) -> str:
        """Where the mouse is, each class's probability there, and what a click does."""
        ds = self._session.dataset
        with np.errstate(all="ignore"):  # the naive formula may overflow: shown as —
            probabilities = self._session.trainer.predict_proba(np.array([[x, y]]))[0]
        names = ds.feature_names
        lines = [f"{names[0]} = {fmt(x)}, {names[1]} = {fmt(y)}"]
        lines += [self.tr("P(y = %1 | x) = %2").replace("%1", ds.class_names[k])
                  .replace("%2", fmt(float(p))) for k, p in enumerate(probabilities)]
        row = self._hovered
        if row is not None and row < ds.n_examples:
            lines.append(self.tr("point %1 of %2").replace("%1", str(row + 1)).replace(
                "%2", self._class_label(int(ds.labels[row]))))
            if self._val_mask()[row]:
                lines.append(self.tr("(a validation example)"))
        elif 0 <= self._current_class < ds.num_classes:
            lines.append(self.tr("a click adds a point of %1").replace(
                "%1", self._class_label(self._current_class)))
        return "\n".join(lines)

    def leaveEvent(self, ev) -> None:
        self._hovered, self._hover_at = None, None
        self._readout.setVisible(False)
        super().leaveEvent(ev)

    # ----- edits: turn view-box gestures into requests ----------------------------------
    def _request_add(self, x: float, y: float) -> None:
        self.setFocus()
        self.exampleAddRequested.emit(x, y, self._current_class)

    def _request_move(self, row: int, x: float, y: float, continuing: bool) -> None:
        self._moving = True  # the data change this causes is the drag's own
        try:
            self.exampleMoveRequested.emit(row, x, y, continuing)
        finally:
            self._moving = False
            self._drag_data = self._session.dataset

    def _on_drag_finished(self) -> None:
        self._drag_data = None
        X = self._session.dataset.X
        if self.planar() and X.shape[0] and not self._view_contains(X):
            self.fit_view()  # dragged out of view: frame again once the drag is over

    def _request_remove(self, row: int) -> None:
        self._select(None)
        self.exampleRemoveRequested.emit([row])

    def _select(self, row: int | None) -> None:
        self._selected = row
        if row is None:
            self._selection.setData([], [])
            return
        self.setFocus()
        X = self._session.dataset.X
        self._selection.setData([X[row, 0]], [X[row, 1]])

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = ev.key()
        if key in _CLASS_KEYS and not ev.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.classKeyPressed.emit(_CLASS_KEYS[key] - 1)
            ev.accept()
            return
        target = self._selected if self._selected is not None else self._hovered
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and target is not None:
            self._request_remove(target)
            ev.accept()
            return
        super().keyPressEvent(ev)
