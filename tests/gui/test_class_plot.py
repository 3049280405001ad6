"""The classification plane, driven by real mouse and key events on its viewport, with a real
ClassificationSession wired as the window wires it (requests in, the session edits)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from linreg_lab.core.class_data import ClassDataset, load_digits
from linreg_lab.gui.plots.class_boundaries import boundary_segments
from linreg_lab.gui.plots.class_plot import ClassPlot
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.style import class_style
from linreg_lab.gui.style.plot_style import apply_plot_style
from tests.gui.language_switch import chinese, is_chinese
from tests.gui.mouse import click, drag, move, to_data, to_pixel


@pytest.fixture
def session(qapp):
    s = ClassificationSession()
    yield s
    s.deleteLater()


@pytest.fixture
def plot(session, qtbot):
    apply_plot_style()
    p = ClassPlot(session)
    p.exampleAddRequested.connect(lambda x, y, k: session.add_example((x, y), k))
    p.exampleMoveRequested.connect(
        lambda row, x, y, c: session.move_example(row, (x, y), continuing=c))
    p.exampleRemoveRequested.connect(session.remove_examples)
    p.classKeyPressed.connect(p.set_current_class)
    qtbot.addWidget(p)
    p.resize(700, 520)
    p.show()
    qtbot.waitExposed(p)
    qtbot.wait(20)  # legend and axes settle (their sizes follow their texts)
    return p


def _pixels_of(plot, X: np.ndarray) -> list[QPoint]:
    return [to_pixel(plot, a, b) for a, b in X]


def _empty_spot(plot) -> QPoint:
    """A viewport pixel far from every point."""
    vp = plot.viewport().rect()
    pts = _pixels_of(plot, plot._session.dataset.X)
    spots = [QPoint(int(vp.width() * fx), int(vp.height() * fy))
             for fx in np.linspace(0.2, 0.8, 9) for fy in np.linspace(0.2, 0.8, 9)]
    return max(spots, key=lambda p: min(np.hypot(q.x() - p.x(), q.y() - p.y()) for q in pts))


def _lonely_row(plot) -> int:
    """A point with no other point within 20 pixels (so the mouse picks this one)."""
    pts = np.array([(p.x(), p.y()) for p in _pixels_of(plot, plot._session.dataset.X)], float)
    d = np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    return int(np.argmax(d.min(axis=1)))


# ----- editing -----------------------------------------------------------------------------
def test_click_adds_a_point_of_the_chosen_class_and_undo_removes_it(plot, session):
    before = session.dataset
    plot.set_current_class(2)
    pos = _empty_spot(plot)
    click(plot, pos)
    ds = session.dataset
    assert ds.n_examples == before.n_examples + 1 and ds.labels[-1] == 2
    got = to_pixel(plot, *ds.X[-1])
    assert abs(got.x() - pos.x()) <= 1 and abs(got.y() - pos.y()) <= 1
    x, _ = plot.shown_points(2)
    assert ds.X[-1, 0] in x  # drawn with its class
    session.undo_stack.undo()
    assert session.dataset == before


def test_number_keys_ask_for_a_class_and_the_next_click_uses_it(plot, session, qtbot):
    asked = []
    plot.classKeyPressed.connect(asked.append)
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_3)
    qtbot.keyClick(plot, Qt.Key.Key_1)
    qtbot.keyClick(plot, Qt.Key.Key_4, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(plot, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # a shortcut's
    assert asked == [2, 0, 3]
    qtbot.keyClick(plot, Qt.Key.Key_2)
    click(plot, _empty_spot(plot))
    assert session.dataset.labels[-1] == 1


def test_drag_moves_a_point_in_one_undo_step(plot, session):
    row = _lonely_row(plot)
    before = session.dataset
    start = to_pixel(plot, *before.X[row])
    end = start + QPoint(40, -30)
    depth = session.undo_stack.count()
    drag(plot, start, end)
    ds = session.dataset
    assert ds.n_examples == before.n_examples
    np.testing.assert_allclose(ds.X[row], to_data(plot, end), rtol=1e-9, atol=1e-9)
    assert ds.labels[row] == before.labels[row]
    assert session.undo_stack.count() == depth + 1
    x, y = plot.shown_points(int(ds.labels[row]))
    assert np.any((x == ds.X[row, 0]) & (y == ds.X[row, 1]))
    session.undo_stack.undo()
    assert session.dataset == before


def test_right_click_deletes_the_point(plot, session):
    row = _lonely_row(plot)
    before = session.dataset
    click(plot, to_pixel(plot, *before.X[row]), Qt.MouseButton.RightButton)
    ds = session.dataset
    assert ds.n_examples == before.n_examples - 1
    assert not np.any(np.all(before.X[row] == ds.X, axis=1))


def test_delete_key_removes_the_selected_or_hovered_point(plot, session, qtbot):
    row = _lonely_row(plot)
    target = session.dataset.X[row].copy()
    click(plot, to_pixel(plot, *target))  # a click on a point selects it, adds nothing
    n = session.dataset.n_examples
    qtbot.keyClick(plot, Qt.Key.Key_Delete)
    assert session.dataset.n_examples == n - 1
    assert not np.any(np.all(target == session.dataset.X, axis=1))
    row = _lonely_row(plot)
    target = session.dataset.X[row].copy()
    move(plot, to_pixel(plot, *target) + QPoint(3, 2))
    qtbot.keyClick(plot, Qt.Key.Key_Backspace)
    assert session.dataset.n_examples == n - 2
    assert not np.any(np.all(target == session.dataset.X, axis=1))


# ----- the regions and boundaries ------------------------------------------------------------
def test_region_colour_at_a_pixel_is_the_predicted_class(plot, session, qtbot):
    session.step(400)
    plot.flush()
    image = plot.regions()
    x0, y0, w, h = plot.regions_rect()
    (vx0, vx1), (vy0, vy1) = plot.getPlotItem().getViewBox().viewRange()
    assert (x0, x0 + w, y0, y0 + h) == pytest.approx((vx0, vx1, vy0, vy1))
    height, width = image.winner.shape
    assert height >= 200 and width >= 200
    # each pixel is sampled at its centre, and its winner is the trainer's prediction there
    np.testing.assert_allclose(image.xs, x0 + (np.arange(width) + 0.5) * w / width)
    np.testing.assert_allclose(image.ys, y0 + (np.arange(height) + 0.5) * h / height)
    rows, cols = np.meshgrid(np.arange(0, height, 7), np.arange(0, width, 7), indexing="ij")
    grid = np.column_stack([image.xs[cols.ravel()], image.ys[rows.ravel()]])
    np.testing.assert_array_equal(image.winner[rows, cols].ravel(), session.trainer.predict(grid))
    # and on screen: a sure spot away from points is tinted in its winner's colour
    shot = plot.grab().toImage()
    checked = 0
    X = session.dataset.X
    vp = plot.viewport().rect()
    for fx in np.linspace(0.1, 0.9, 9):
        for fy in np.linspace(0.15, 0.9, 9):
            pixel = QPoint(int(vp.width() * fx), int(vp.height() * fy))
            x, y = to_data(plot, pixel)
            p = session.trainer.predict_proba(np.array([[x, y]]))[0]
            near = min(np.hypot(q.x() - pixel.x(), q.y() - pixel.y())
                       for q in _pixels_of(plot, X))
            if p.max() < 0.95 or near < 15:
                continue
            at = plot.viewport().mapTo(plot, pixel)
            patch = [QColor(shot.pixel(at.x() + dx, at.y() + dy))  # its median: no grid line
                     for dx in range(-2, 3) for dy in range(-2, 3)]
            got = np.median([[c.red(), c.green(), c.blue()] for c in patch], axis=0)
            k = session.dataset.num_classes
            certainty = (p.max() - 1.0 / k) * k / (k - 1.0)
            level = round(certainty * (class_style.REGION_LEVELS - 1))
            tints = class_style.tint_table(k, class_style.REGION_TINT_MIN,
                                           class_style.REGION_TINT_MAX)[:, level]
            distances = [np.linalg.norm(got - tint) for tint in tints]
            assert int(np.argmin(distances)) == int(p.argmax())
            assert min(distances) < 12  # the tint itself, under a faint grid at most
            checked += 1
    assert checked >= 5


def test_probability_of_one_class_is_shaded(plot, session):
    session.step(200)
    plot.set_probability_class(1)
    image = plot.regions()
    m = min(image.xs.size, image.ys.size)
    rows, cols = np.arange(0, m, 9), np.arange(0, m, 9)[::-1]
    grid = np.column_stack([image.xs[cols], image.ys[rows]])
    expected = session.trainer.predict_proba(grid)[:, 1]
    got = image.probability[rows, cols]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    legend = [label.text for _, label in plot._legend.items]
    assert "shade: P(y = 2 | x)" in legend
    plot.set_probability_class(None)
    assert np.all(plot.regions().probability >= 1.0 / session.dataset.num_classes - 1e-12)
    assert not any(text.startswith("shade") for _, label in plot._legend.items
                   for text in [label.text])


def _ties(W, b, x, y) -> np.ndarray:
    """At each point: the gap between the two largest logits (0 on a decision boundary)."""
    o = np.column_stack([x, y]) @ W + b
    top = np.sort(o, axis=1)
    return top[:, -1] - top[:, -2]


def test_boundaries_follow_training_and_lie_where_the_top_two_classes_tie(plot, session):
    before = plot.boundary_points("sgd")
    session.step(300)
    x, y = plot.boundary_points("sgd")
    assert x.size >= 4 and x.size % 2 == 0
    assert not (before[0].size == x.size and np.allclose(before[0], x))
    t = session.trainer
    mid_x, mid_y = 0.5 * (x[::2] + x[1::2]), 0.5 * (y[::2] + y[1::2])
    scale = np.abs(np.column_stack([mid_x, mid_y]) @ t.W + t.b).max()
    np.testing.assert_allclose(_ties(t.W, t.b, mid_x, mid_y), 0.0, atol=1e-9 * scale)
    np.testing.assert_allclose(_ties(t.W, t.b, x, y), 0.0, atol=1e-9 * scale)  # both ends
    (vx0, vx1), (vy0, vy1) = plot.getPlotItem().getViewBox().viewRange()
    eps = 1e-9 * (vx1 - vx0)
    assert np.all((x >= vx0 - eps) & (x <= vx1 + eps) & (y >= vy0 - eps) & (y <= vy1 + eps))


def test_the_reference_optimum_is_drawn_dashed_and_can_be_hidden(plot, session):
    ref = session.reference()
    x, y = plot.boundary_points("reference")
    assert x.size >= 4
    mid_x, mid_y = 0.5 * (x[::2] + x[1::2]), 0.5 * (y[::2] + y[1::2])
    np.testing.assert_allclose(_ties(ref.W, ref.b, mid_x, mid_y), 0.0, atol=1e-8)
    assert plot._reference_lines.opts["pen"].style() == Qt.PenStyle.DashLine
    plot.set_reference_visible(False)
    assert plot.boundary_points("reference")[0].size == 0
    session.add_example((0.0, 0.0), 0)  # new data: no optimum solved while it is hidden
    assert plot.boundary_points("reference")[0].size == 0
    plot.set_reference_visible(True)
    new_ref = session.reference()
    x, y = plot.boundary_points("reference")
    mid_x, mid_y = 0.5 * (x[::2] + x[1::2]), 0.5 * (y[::2] + y[1::2])
    np.testing.assert_allclose(_ties(new_ref.W, new_ref.b, mid_x, mid_y), 0.0, atol=1e-8)


def test_on_many_examples_the_optimum_waits_for_edits_to_pause(plot, session, qtbot):
    from linreg_lab.core.class_data import gaussian_clusters
    from linreg_lab.gui.plots import class_plot

    session.load_dataset(gaussian_clusters(3, class_plot.IMMEDIATE_REFERENCE_MAX + 1, seed=2),
                         "many")
    assert plot.boundary_points("reference")[0].size == 0  # the old optimum is gone at once
    qtbot.waitUntil(lambda: plot.boundary_points("reference")[0].size > 0, timeout=5000)
    ref = session.reference()
    x, y = plot.boundary_points("reference")
    np.testing.assert_allclose(_ties(ref.W, ref.b, x, y), 0.0, atol=1e-8)


def test_regions_redraw_once_per_change_of_parameters_or_view(plot, session, qtbot,
                                                             monkeypatch):
    drawn = []
    original = plot._regions.setImage
    monkeypatch.setattr(plot._regions, "setImage",
                        lambda *a, **k: (drawn.append(1), original(*a, **k)))
    session.step(1)
    assert len(drawn) == 1
    session.stateChanged.emit()  # nothing changed: nothing to redraw
    assert len(drawn) == 1
    vb = plot.getPlotItem().getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    for shift in np.linspace(0.1, 1.0, 10):  # a pan: many range changes, throttled
        vb.setRange(xRange=(x0 + shift, x1 + shift), yRange=(y0, y1), padding=0)
    qtbot.waitUntil(lambda: not plot._regions_redraw.pending)
    assert 2 <= len(drawn) <= 4
    rx, _, rw, _ = plot.regions_rect()
    assert (rx, rx + rw) == pytest.approx(tuple(vb.viewRange()[0]))


def test_a_hidden_plot_draws_its_regions_when_shown_again(plot, session, qtbot):
    plot.hide()
    session.step(50)
    stale = plot.regions()  # not redrawn while hidden
    assert not np.array_equal(stale.winner.ravel(),
                              session.trainer.predict(_pixel_centres(stale)))
    plot.show()
    qtbot.waitUntil(lambda: not plot._regions_redraw.pending)
    image = plot.regions()
    np.testing.assert_array_equal(image.winner.ravel(),
                                  session.trainer.predict(_pixel_centres(image)))


def _pixel_centres(image) -> np.ndarray:
    gx, gy = np.meshgrid(image.xs, image.ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def test_training_does_not_move_the_view(plot, session):
    vb = plot.getPlotItem().getViewBox()
    before = vb.viewRange()
    session.step(500)
    assert vb.viewRange() == before
    X = session.dataset.X
    (x0, x1), (y0, y1) = before
    assert X[:, 0].min() >= x0 and X[:, 0].max() <= x1
    assert X[:, 1].min() >= y0 and X[:, 1].max() <= y1


def test_the_current_minibatch_is_ringed(plot, session):
    assert plot.batch_points()[0].size == 0
    session.step(3)
    x, y = plot.batch_points()
    rows = session.last_batch_rows()  # dataset rows: the trainer counts training rows only
    assert not session.val_mask[rows].any()
    np.testing.assert_array_equal(x, session.dataset.X[rows, 0])
    np.testing.assert_array_equal(y, session.dataset.X[rows, 1])
    plot.set_batch_visible(False)
    assert plot.batch_points()[0].size == 0


def test_validation_examples_are_hollow_and_named(plot, session):
    ds, mask = session.dataset, session.val_mask
    assert mask.any() and not mask.all()
    for k in range(ds.num_classes):
        for which, rows in (("validation", mask), ("train", ~mask)):
            x, _ = plot.shown_points(k, which)
            np.testing.assert_array_equal(np.sort(x), np.sort(ds.X[rows & (ds.labels == k), 0]))
    assert plot._val_points[0].opts["brush"].color().name() == "#ffffff"
    assert "validation" in [label.text for _, label in plot._legend.items]
    pts = np.array([(p.x(), p.y()) for p in _pixels_of(plot, ds.X)], float)
    d = np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    row = max(np.flatnonzero(mask), key=lambda r: d[r].min())  # a validation point alone
    move(plot, to_pixel(plot, *ds.X[row]))
    assert "(a validation example)" in plot.hover_text()
    session.set_validation_fraction(0.0)
    assert "validation" not in [label.text for _, label in plot._legend.items]
    assert all(plot.shown_points(k, "validation")[0].size == 0 for k in range(ds.num_classes))


def test_classes_have_distinct_colours_and_shapes(plot, session):
    ds = session.dataset
    session.generate(6, 120, seed=1)
    ds = session.dataset
    assert len({class_style.class_color(k) for k in range(10)}) == 10
    assert len({class_style.class_symbol(k) for k in range(10)}) == 10
    for k in range(ds.num_classes):
        x, _ = plot.shown_points(k)
        np.testing.assert_array_equal(np.sort(x), np.sort(ds.X[ds.labels == k, 0]))
        assert plot._points[k].opts["symbol"] == class_style.class_symbol(k)
    legend = [label.text for _, label in plot._legend.items]
    assert legend[:6] == [f"class {k + 1}" for k in range(6)]


# ----- data off the plane, the readout, the language ------------------------------------------
def test_digits_show_a_note_and_no_points(plot, session):
    session.load_dataset(load_digits(), "digits")
    assert "64" in plot.note_text()
    assert all(plot.shown_points(k)[0].size == 0 for k in range(10))
    assert plot.regions() is None and plot.boundary_points()[0].size == 0
    n = session.dataset.n_examples
    click(plot, plot.viewport().rect().center())
    assert session.dataset.n_examples == n  # nothing to click on
    session.undo_stack.undo()
    assert plot.note_text() == "" and plot.shown_points(0)[0].size > 0


_PROBABILITY = re.compile(r"P\(y = (\S+) \| x\) = (\S+)")


def _number(text: str) -> float:
    return float(text.replace("−", "-"))


def test_hover_reads_out_probabilities_that_sum_to_one(plot, session, qtbot):
    session.step(200)
    pos = _empty_spot(plot)
    move(plot, pos)
    text = plot.hover_text()
    found = _PROBABILITY.findall(text)
    assert [name for name, _ in found] == list(session.dataset.class_names)
    values = np.array([_number(v) for _, v in found])
    assert values.sum() == pytest.approx(1.0, abs=2e-3)
    x, y = to_data(plot, pos)
    expected = session.trainer.predict_proba(np.array([[x, y]]))[0]
    np.testing.assert_allclose(values, expected, rtol=1e-3, atol=1e-6)
    assert "a click adds a point of class 1" in text
    session.step(300)  # the numbers follow training
    assert plot.hover_text() != text
    move(plot, to_pixel(plot, *session.dataset.X[_lonely_row(plot)]))
    assert "point" in plot.hover_text().splitlines()[-1]


def test_texts_follow_the_language(plot, session):
    with chinese():
        legend = [label.text for _, label in plot._legend.items]
        assert legend and all(is_chinese(text) for text in legend)
        session.load_dataset(load_digits(), "digits")
        assert is_chinese(plot.note_text())
    assert "features" in plot.note_text()


def test_an_empty_plane_still_takes_points(plot, session):
    session.load_dataset(ClassDataset.empty(("a", "b")), "empty")
    plot.fit_view()
    assert plot.getPlotItem().getViewBox().viewRange()[0] == pytest.approx([-5.0, 5.0])
    assert plot.regions() is not None and plot.boundary_points()[0].size >= 2
    plot.set_current_class(1)
    click(plot, plot.viewport().rect().center())
    assert session.dataset.n_examples == 1 and session.dataset.labels[0] == 1


@pytest.mark.parametrize("k", [2, 3, 6, 10])
def test_boundary_segments_are_exactly_where_the_winner_changes(k):
    rng = np.random.default_rng(k)
    W, b = rng.normal(size=(2, k)), rng.normal(size=k)
    x, y = boundary_segments(W, b, (-3.0, 3.0), (-2.0, 2.0))
    assert x.size and x.size % 2 == 0
    np.testing.assert_allclose(_ties(W, b, x, y), 0.0, atol=1e-9)  # ends tie on top
    # every change of winner between neighbouring samples lies on a drawn segment
    xs, ys = np.linspace(-3, 3, 241), np.linspace(-2, 2, 161)
    gx, gy = np.meshgrid(xs, ys)
    win = (np.column_stack([gx.ravel(), gy.ravel()]) @ W + b).argmax(axis=1).reshape(gx.shape)
    changes = np.argwhere(win[:, 1:] != win[:, :-1])
    a, c = np.column_stack([x[::2], y[::2]]), np.column_stack([x[1::2], y[1::2]])
    for i, j in changes[:: max(1, len(changes) // 200)]:
        p = np.array([0.5 * (xs[j] + xs[j + 1]), ys[i]])
        t = np.clip(np.einsum("ij,ij->i", p - a, c - a) / np.einsum("ij,ij->i", c - a, c - a),
                    0, 1)
        distance = np.hypot(*(a + t[:, None] * (c - a) - p).T).min()
        assert distance <= xs[1] - xs[0]
