"""Noise & likelihood panel: chapter curves, residual density, shared minimiser, noise buttons."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QWidget

from linreg_lab import core
from linreg_lab.core.noise_analysis import huber_fit, lad_fit, residual_histogram
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.noise.density import CHAPTER_CURVES
from linreg_lab.gui.tabs.noise.loss_comparison import comparison_copy
from linreg_lab.gui.tabs.noise.noise_panel import NoisePanel
from tests.gui.languages import switched_to

LEFT = Qt.MouseButton.LeftButton
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def panel(qtbot) -> NoisePanel:
    session = Session()
    p = NoisePanel(session)
    p.generateRequested.connect(session.generate)  # as TeachingTabs wires it
    qtbot.addWidget(p)
    p.resize(1100, 280)
    p.show()
    qtbot.waitExposed(p)
    return p


def button(panel: NoisePanel, kind: str) -> QAbstractButton:
    return panel.findChild(QAbstractButton, f"noise_{kind}")


def retype(qtbot, spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def drawn_residual_histogram(panel: NoisePanel) -> tuple[np.ndarray, np.ndarray]:
    x, y = panel.residuals.histogram.getData()
    return np.asarray(x), np.asarray(y)


# ----- part 1: the normal density ------------------------------------------------------------
def test_chapter_curves_are_the_chapter_densities(panel, qtbot):
    assert panel.density.chapter_check.isChecked()
    density = panel.density
    for curve, (mu, sigma, _colour) in zip(density.chapter_curves, CHAPTER_CURVES, strict=True):
        assert curve.isVisible()
        x, y = curve.getData()
        for k in (0, 50, 200, 333):
            assert y[k] == pytest.approx(core.normal(x[k], mu, sigma), rel=1e-12)
        peak = int(np.argmin(np.abs(x - mu)))
        assert y[peak] == pytest.approx(1 / np.sqrt(2 * np.pi * sigma**2), rel=1e-3)
    legend_texts = [label.text for _sample, label in panel.density.legend.items]
    assert "μ=3, σ=1" in legend_texts
    qtbot.mouseClick(density.chapter_check, LEFT, pos=density.chapter_check.rect().center())
    assert not panel.density.chapter_check.isChecked()
    assert not any(c.isVisible() for c in panel.density.chapter_curves)
    assert len(panel.density.legend.items) == 1  # only "yours" is left


def test_user_curve_follows_mu_and_sigma(panel, qtbot):
    retype(qtbot, panel.density.mu_spin, "2.5")
    retype(qtbot, panel.density.sigma_spin, "0.5")
    x, y = panel.density.user_curve.getData()
    assert x[0] <= 2.5 - 4 * 0.5 and x[-1] >= 2.5 + 4 * 0.5
    np.testing.assert_allclose(y, core.normal(x, 2.5, 0.5), rtol=1e-12)
    assert float(x[np.argmax(y)]) == pytest.approx(2.5, abs=0.05)


# ----- part 2: residual histogram ------------------------------------------------------------
def test_residual_histogram_is_a_density_of_the_sgd_residuals(panel, qtbot):
    session = panel._session
    session.step(200)
    train, t = session.data.train_set, session.trainer
    r = train.y - train.X @ t.w - t.b
    expected = residual_histogram(r)[0]

    def redrawn() -> bool:  # the throttled redraw has shown the state after the 200 steps
        edges = drawn_residual_histogram(panel)[0]
        return edges.shape == expected.shape and np.allclose(edges, expected)

    qtbot.waitUntil(redrawn, timeout=5000)
    edges, density = drawn_residual_histogram(panel)
    assert np.sum(density * np.diff(edges)) == pytest.approx(1.0)
    x, y = panel.residuals.fitted_normal.getData()
    np.testing.assert_allclose(y, core.normal(x, 0.0, core.mle_sigma(r)))


def test_training_redraws_are_throttled_and_end_on_the_final_state(panel, qtbot, monkeypatch):
    session = panel._session
    calls = []
    original = panel.residuals.refresh
    monkeypatch.setattr(panel.residuals, "refresh", lambda: (calls.append(1), original()))
    for _ in range(40):
        session.step(1)
    assert len(calls) <= 1
    train, t = session.data.train_set, session.trainer
    final = residual_histogram(train.y - train.X @ t.w - t.b)[0]
    qtbot.waitUntil(lambda: np.array_equal(drawn_residual_histogram(panel)[0], final),
                    timeout=1000)
    assert len(calls) <= 2


# ----- part 3: likelihood vs MSE -------------------------------------------------------------
def test_nll_and_mse_minima_coincide_at_the_analytical_b(panel, qtbot):
    b_mse, b_nll = panel.sweep_minima()
    assert b_mse == b_nll
    assert b_mse == pytest.approx(panel._session.solution.lstsq.b, abs=1e-12)  # grid centre
    assert panel.likelihood.optimum_line.value() == pytest.approx(b_mse)
    auto = panel.likelihood.sigma_auto
    qtbot.mouseClick(auto, LEFT, pos=auto.rect().center())
    assert panel.likelihood.nll_sigma_spin.isEnabled()
    before = panel.likelihood.nll_curve.getData()[1].copy()
    retype(qtbot, panel.likelihood.nll_sigma_spin, "5")
    assert panel.likelihood_sigma() == 5.0
    assert not np.allclose(panel.likelihood.nll_curve.getData()[1], before)  # another σ, curve
    assert panel.sweep_minima()[0] == panel.sweep_minima()[1]     # ... the same minimiser


def test_likelihood_numbers_follow_training(panel, qtbot):
    before = panel.likelihood.label.text()
    assert "−log P" in before
    panel._session.step(50)
    qtbot.waitUntil(lambda: panel.likelihood.label.text() != before, timeout=1000)


def test_the_mse_is_named_for_what_it_is_beside_the_tables_half_mse(panel, qtbot):
    """The tab's MSE is the mean of r², twice the ½·MSE that the comparison table shows."""
    session = panel._session
    session.step(30)
    panel._state_redraw.flush()
    train, t = session.data.train_set, session.trainer
    mse = float(np.mean((train.y - train.X @ t.w - t.b) ** 2))
    half = session.stats.loss(t.w, t.b)  # the comparison table's squared loss
    assert half == pytest.approx(mse / 2, rel=1e-12)
    text = panel.likelihood.label.text()
    assert f"MSE {panel_fmt(mse)} (½·MSE {panel_fmt(half)})" in text
    assert "= 2 × ½·MSE" in text and "comparison table" in panel.likelihood.label.toolTip()


# ----- part 4: squared vs absolute vs Huber loss ---------------------------------------------
def lab_snapshot(session):
    return (session.dataset.y.tobytes(), session.data.spec, session.trainer, session.trainer.steps,
            session.undo_stack.count())


def wait_for_fits(panel, qtbot):
    qtbot.waitUntil(lambda: not panel.lad_running(), timeout=10000)


def test_a_noise_button_compares_on_a_copy_and_leaves_the_lab_alone(panel, qtbot):
    session = panel._session
    session.step(12)
    before = lab_snapshot(session)
    gaussian_text = panel.losses.explanation.text()
    assert button(panel, "lab").isChecked()
    qtbot.mouseClick(button(panel, "laplace"), LEFT)
    assert lab_snapshot(session) == before  # no data replaced, no reset, no undo step
    assert button(panel, "laplace").isChecked() and not button(panel, "lab").isChecked()
    source = panel.losses.source_label.text()
    assert "copy with Laplace noise" in source and "unchanged" in source
    recipe = panel.losses.source_label.toolTip()
    assert "n = 100" in recipe and "seed 42" in recipe
    explanation = panel.losses.explanation.text()
    assert explanation != gaussian_text and explanation.startswith("Laplace noise")
    assert panel.losses.compared_data().spec == replace(session.data.spec, noise="laplace")
    qtbot.mouseClick(button(panel, "lab"), LEFT)
    assert panel.losses.compared_data() is session.data
    assert panel.losses.explanation.text() == gaussian_text
    assert lab_snapshot(session) == before


def test_the_copy_follows_the_labs_recipe_but_not_its_edits(panel, qtbot):
    session = panel._session
    qtbot.mouseClick(button(panel, "laplace"), LEFT)
    copy = panel.losses.compared_data()
    session.add_example(0.5, 40.0)  # an edit of the lab's data: the same recipe, same copy
    assert panel.losses.compared_data() is copy
    session.generate(replace(GenerationSpec(), seed=7, num_examples=60))
    assert panel.losses.compared_data().spec == replace(GenerationSpec(), seed=7,
                                                        num_examples=60, noise="laplace")


def test_training_on_the_copy_is_asked_for_and_undoable(panel, qtbot):
    session = panel._session
    old_y = session.dataset.y.copy()
    adopt = panel.losses.adopt_button
    assert not adopt.isVisible()  # nothing to adopt while comparing on the lab's data
    qtbot.mouseClick(button(panel, "outliers"), LEFT)
    assert adopt.isVisible()
    qtbot.mouseClick(adopt, LEFT)
    assert session.data.spec == replace(GenerationSpec(), noise="outliers")
    assert "lab's data." in panel.losses.source_label.text()  # now the lab's own data
    session.undo_stack.undo()
    assert session.data.spec.noise == "gaussian"
    np.testing.assert_array_equal(session.dataset.y, old_y)


def test_table_shows_least_squares_lad_and_huber_fits(panel, qtbot):
    session = panel._session
    qtbot.mouseClick(button(panel, "outliers"), LEFT)
    wait_for_fits(panel, qtbot)
    copy = comparison_copy(session.data, "outliers")
    train, truth = copy.train_set, np.append(copy.true_w, copy.true_b)
    delta = session.hyper.huber_delta
    fits = [core.least_squares(train.X, train.y), lad_fit(train.X, train.y),
            huber_fit(train.X, train.y, delta)]
    assert panel.huber_fit().b == pytest.approx(fits[2].b, abs=1e-9)
    table = panel.losses.table
    assert table.rowCount() == 3
    assert table.verticalHeaderItem(2).text() == f"Huber loss (δ = {panel_fmt(delta)})"
    errors = []
    for row, fit in enumerate(fits):
        assert table.item(row, 0).text() == panel_fmt(fit.w[0]), row
        assert table.item(row, 1).text() == panel_fmt(fit.b), row
        error = float(np.linalg.norm(np.append(fit.w, fit.b) - truth))
        assert table.item(row, 2).text() == panel_fmt(error), row
        errors.append(error)
    assert errors[1] < errors[0] and errors[2] < errors[0]  # outliers pull least squares only
    assert "robust" in panel.losses.explanation.text()
    assert "Huber" in panel.losses.explanation.text()
    assert table.verticalHeaderItem(1).font().bold()
    assert not table.verticalHeaderItem(0).font().bold()


def test_the_huber_row_follows_the_training_panels_delta(panel, qtbot):
    session = panel._session
    session.set_hyperparameters(huber_delta=0.25)
    wait_for_fits(panel, qtbot)
    train = session.data.train_set
    assert panel.losses.table.verticalHeaderItem(2).text() == "Huber loss (δ = 0.25)"
    assert panel.huber_fit().b == pytest.approx(huber_fit(train.X, train.y, 0.25).b, abs=1e-9)


def panel_fmt(value: float) -> str:
    from linreg_lab.gui.text.format import fmt
    return fmt(value)


def test_robust_fits_on_big_data_run_in_chunks(panel, qtbot):
    session = panel._session
    session.generate(GenerationSpec(num_examples=30000, noise="laplace"))
    table = panel.losses.table
    # the robust fits run in chunks: LAD is still running here (Huber's may be done already)
    assert panel.lad_running() and table.item(1, 1).text() == "…"
    wait_for_fits(panel, qtbot)
    assert table.item(1, 1).text() not in ("…", "—") and table.item(2, 1).text() != "…"
    assert panel.lad_fit().b == pytest.approx(4.2, abs=0.05)


def test_loaded_data_have_unknown_noise(panel, qtbot):
    session = panel._session
    session.load_dataset(core.Dataset(session.dataset.X, session.dataset.y), "Open")
    assert "Unknown noise" in panel.losses.explanation.text()
    assert button(panel, "lab").isChecked()
    assert panel.losses.table.item(0, 2).text() == "—"  # no true parameters to compare with
    before = lab_snapshot(session)
    qtbot.mouseClick(button(panel, "gaussian"), LEFT)  # a copy of the default recipe
    assert panel.losses.compared_data().spec == GenerationSpec()
    assert lab_snapshot(session) == before and session.data.spec is None


def test_hidden_panel_catches_up_when_shown(panel, qtbot):
    panel.hide()
    session = panel._session
    session.generate(replace(GenerationSpec(), noise_std=3.0))
    assert panel._data_redraw.pending
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.sweep_minima()[0] == pytest.approx(session.solution.lstsq.b)


def test_empty_data_and_every_control_explained(panel, qtbot):
    panel._session.clear()
    assert "No training examples" in panel.residuals.label.text()
    assert panel.losses.table.item(0, 0).text() == "—"
    controls = [w for w in panel.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QAbstractSpinBox)
                and not w.objectName().startswith("qt_")]  # Qt's own table corner
    assert len(controls) >= 7
    for widget in controls:
        assert widget.accessibleName() and widget.toolTip(), widget


def test_language_switch_in_place_keeps_values_and_data(panel, qtbot):
    retype(qtbot, panel.density.mu_spin, "2.5")
    qtbot.mouseClick(button(panel, "laplace"), LEFT)
    minima = panel.sweep_minima()
    with switched_to("zh_CN"):
        assert CJK.search(panel.density.title()) and CJK.search(panel.losses.title())
        assert CJK.search(panel.losses.explanation.text())
        assert CJK.search(button(panel, "laplace").text())
        assert CJK.search(panel.residuals.label.text())
        labels = [label.text for _sample, label in panel.density.legend.items]
        assert any(CJK.search(text) for text in labels)  # "yours", in Chinese
        assert panel.density.mu_spin.value() == 2.5
        assert button(panel, "laplace").isChecked()
        assert panel.sweep_minima() == minima
    assert panel.losses.explanation.text().startswith("Laplace noise")
