"""One framing policy for every plot, through the real window: computed from the data,
idempotent, never from the view's previous range, and redone when the data or the run change."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab.gui.state.data_state import GenerationSpec
from tests.gui.mouse import centre, click, move, scene_pixel, wheel


@pytest.fixture
def window(make_window):
    return make_window()


def _range(plot) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of what the plot shows."""
    (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
    return x0, x1, y0, y1


def _tight(plot, x: np.ndarray, y: np.ndarray, share: float = 0.75) -> bool:
    """All points in view, and they fill at least `share` of it on each axis."""
    x0, x1, y0, y1 = _range(plot)
    inside = x0 <= x.min() and x.max() <= x1 and y0 <= y.min() and y.max() <= y1
    return inside and np.ptp(x) >= share * (x1 - x0) and np.ptp(y) >= share * (y1 - y0)


def _data(window) -> tuple[np.ndarray, np.ndarray]:
    ds = window.session.dataset
    return ds.X[:, 0], ds.y


def test_the_auto_button_frames_the_data_once_and_stays(window, qtbot):
    plot = window.fit_plot
    framed = _range(plot)
    for _ in range(3):
        wheel(plot, centre(plot), -600)  # zoomed out by the learner
    assert _range(plot) != framed
    move(plot, centre(plot))  # hovering shows pyqtgraph's small "A" button
    button = plot.getPlotItem().autoBtn
    qtbot.waitUntil(button.isVisible)
    click(plot, scene_pixel(plot, button))
    assert _range(plot) == pytest.approx(framed)
    qtbot.wait(400)  # pyqtgraph's auto-range used to zoom out on every frame from here on
    assert _range(plot) == pytest.approx(framed)
    assert not any(plot.getPlotItem().getViewBox().autoRangeEnabled())


def test_fit_view_and_generate_are_idempotent(window):
    plot = window.fit_plot
    framed = _range(plot)
    for _ in range(3):
        window.lab_actions.fit_view.trigger()
    assert _range(plot) == pytest.approx(framed)
    for _ in range(3):
        window.lab_actions.generate.trigger()  # the same data again
    assert _range(plot) == pytest.approx(framed)
    assert _tight(plot, *_data(window))


def test_two_features_then_one_frames_the_one_feature_data(window):
    plot = window.fit_plot
    window.controls.generate(GenerationSpec(w=(2.0, -3.4), num_examples=60))
    x, y = window.session.dataset.y, plot._xy()[1]  # predicted vs actual: square framing
    x0, x1, y0, y1 = _range(plot)
    assert (x0, x1) == pytest.approx((y0, y1))
    assert x0 <= min(x.min(), y.min()) and max(x.max(), y.max()) <= x1
    window.controls.generate(GenerationSpec(w=(0.5,), b=-1.0, num_examples=40, seed=3))
    assert _tight(plot, *_data(window))


def test_the_landscape_reframes_after_a_divergence_and_reset(window, qtbot):
    plot, s = window.landscape_plot, window.session
    s.set_hyperparameters(batch_size=s.data.n_train)
    fresh = _range(plot)
    s.set_hyperparameters(lr=1.15 * s.stability_limit())  # diverges slowly: many frames
    for _ in range(40):
        s.step(1)
        qtbot.wait(5)
    wide = _range(plot)
    assert wide[1] - wide[0] > 20 * (fresh[1] - fresh[0])
    window.lab_actions.reset.trigger()
    qtbot.waitUntil(lambda: _range(plot) == pytest.approx(fresh), timeout=2000)


def test_the_loss_axis_reframes_after_switching_data(window, qtbot):
    plot, s = window.loss_plot, window.session
    window.controls.generate(GenerationSpec(noise="outliers", noise_std=5.0))
    s.step(60)
    big = _range(plot)[3]
    window.controls.generate(GenerationSpec())
    s.step(60)
    top = _range(plot)[3]
    peak = max(np.max(s.trainer.history.step_loss), s.trainer.loss())
    assert top < big / 4
    assert peak <= top <= 1.5 * peak


def test_the_loss_plot_framing_is_idempotent_and_the_auto_button_follows_again(window, qtbot):
    plot, s = window.loss_plot, window.session
    s.step(30)
    framed = _range(plot)
    for _ in range(3):
        wheel(plot, centre(plot), -600)
    s.step(30)  # a zoomed view stays as the learner left it
    zoomed = _range(plot)
    assert zoomed != framed
    move(plot, centre(plot))
    button = plot.getPlotItem().autoBtn
    qtbot.waitUntil(button.isVisible)
    click(plot, scene_pixel(plot, button))
    again = _range(plot)
    assert again[1] < zoomed[1] and again[3] < zoomed[3]
    qtbot.wait(300)
    assert _range(plot) == pytest.approx(again)


def test_lesson_one_preset_is_framed_tight(window, by_id):
    window.load_lesson(by_id["basic_elements"])
    assert _tight(window.fit_plot, *_data(window))
