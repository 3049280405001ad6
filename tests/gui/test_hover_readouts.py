"""Hover readouts, with real mouse moves on the plots' viewports: the fit plot names the
nearest example (x, y, ŷ, residual), the landscape the parameters under the mouse and the
loss there. The landscape also says on itself why a minimum is a valley."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.text.format import fmt
from tests.gui.language_switch import chinese
from tests.gui.mouse import move, to_data, to_pixel


@pytest.fixture
def window(make_window, qtbot):
    w = make_window()
    w.session.step(40)
    qtbot.wait(50)  # axes and legends settle (their widths follow the tick labels)
    return w


def _far_from_points(plot, xs, ys) -> QPoint:
    vp = plot.viewport().rect()
    spots = [QPoint(int(vp.width() * fx), int(vp.height() * fy))
             for fx in np.linspace(0.15, 0.85, 8) for fy in np.linspace(0.15, 0.85, 8)]
    pts = [to_pixel(plot, a, b) for a, b in zip(xs, ys, strict=True)]
    return max(spots, key=lambda p: min(abs(q.x() - p.x()) + abs(q.y() - p.y()) for q in pts))


def test_fit_plot_reads_out_the_nearest_example(window, qtbot):
    plot, s = window.fit_plot, window.session
    row = int(s.data.train_rows[3])
    x, y = float(s.dataset.X[row, 0]), float(s.dataset.y[row])
    y_hat = float(s.dataset.X[row] @ s.trainer.w + s.trainer.b)
    move(plot, to_pixel(plot, x, y) + QPoint(4, -3))  # near it, not exactly on it
    text = plot.hover_text()
    assert f"x = {fmt(x)}" in text and f"y = {fmt(y)}" in text
    assert fmt(y_hat) in text and fmt(y - y_hat) in text
    s.step(200)  # training moves ŷ: the readout follows
    qtbot.wait(20)
    y_hat = float(s.dataset.X[row] @ s.trainer.w + s.trainer.b)
    assert fmt(y_hat) in plot.hover_text() and fmt(y - y_hat) in plot.hover_text()
    move(plot, _far_from_points(plot, s.dataset.X[:, 0], s.dataset.y))
    assert plot.hover_text() == ""


def test_fit_plot_readout_marks_validation_examples(window):
    plot, s = window.fit_plot, window.session
    row = int(s.data.val_rows[0])
    move(plot, to_pixel(plot, float(s.dataset.X[row, 0]), float(s.dataset.y[row])))
    assert "validation" in plot.hover_text()


def test_landscape_reads_out_w_b_and_the_loss_there(window):
    plot, s = window.landscape_plot, window.session
    vp = plot.viewport().rect()
    pixel = QPoint(int(vp.width() * 0.3), int(vp.height() * 0.6))
    move(plot, pixel)
    w, b = to_data(plot, pixel)
    train = s.data.train_set
    loss = float(np.mean((train.X[:, 0] * w + b - train.y) ** 2) / 2)  # d2l's ½ (ŷ − y)²
    text = plot.hover_text()
    assert f"w = {fmt(w)}" in text and f"b = {fmt(b)}" in text
    assert fmt(loss) in text
    move(plot, QPoint(2, 2))  # over the axis, outside the data area
    assert plot.hover_text() == ""


def test_landscape_readout_for_two_features_names_w1_w2_and_b(make_window, qtbot):
    w = make_window()
    w.controls.generate(GenerationSpec(w=(2.0, -3.4), num_examples=80))
    qtbot.wait(200)
    plot, s = w.landscape_plot, w.session
    pixel = plot.viewport().rect().center()
    move(plot, pixel)
    w1, w2 = to_data(plot, pixel)
    train = s.data.train_set
    loss = float(np.mean((train.X @ np.array([w1, w2]) + s.trainer.b - train.y) ** 2) / 2)
    text = plot.hover_text()
    assert f"w₁ = {fmt(w1)}" in text and f"w₂ = {fmt(w2)}" in text
    assert fmt(s.trainer.b) in text and fmt(loss) in text


def test_one_point_landscape_says_why_it_is_a_valley(make_window, qtbot):
    w = make_window()
    plot = w.landscape_plot
    assert plot.caption() == ""  # a unique minimum needs no word
    w.controls.generate(GenerationSpec(num_examples=1, val_fraction=0.0))
    qtbot.waitUntil(lambda: "one example" in plot.caption(), timeout=2000)
    image, _ = plot.heat_map()
    assert np.ptp(image) <= 12  # colours span the valley, not −300 decades to the rim
    with chinese():
        assert plot.caption() and "one example" not in plot.caption()
    w.controls.generate(GenerationSpec())
    qtbot.waitUntil(lambda: plot.caption() == "", timeout=2000)
