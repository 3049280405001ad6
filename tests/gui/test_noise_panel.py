"""Noise & likelihood panel: chapter curves, residual density, shared minimiser, noise buttons."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QWidget

from linreg_lab import core
from linreg_lab.core.noise_analysis import lad_fit, residual_histogram
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.noise.density import CHAPTER_CURVES
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


# ----- part 4: squared vs absolute loss ------------------------------------------------------
def test_laplace_button_regenerates_and_is_undoable(panel, qtbot):
    session = panel._session
    old_y = session.dataset.y.copy()
    gaussian_text = panel.losses.explanation.text()
    assert button(panel, "gaussian").isChecked()
    qtbot.mouseClick(button(panel, "laplace"), LEFT)
    assert session.data.spec.noise == "laplace"
    assert session.data.spec == replace(GenerationSpec(), noise="laplace")
    assert button(panel, "laplace").isChecked() and not button(panel, "gaussian").isChecked()
    explanation = panel.losses.explanation.text()
    assert explanation != gaussian_text and "Laplace" in explanation
    session.undo_stack.undo()
    assert session.data.spec.noise == "gaussian"
    np.testing.assert_array_equal(session.dataset.y, old_y)
    assert panel.losses.explanation.text() == gaussian_text
    assert button(panel, "gaussian").isChecked()


def test_table_shows_least_squares_and_lad_fits(panel, qtbot):
    qtbot.mouseClick(button(panel, "outliers"), LEFT)
    session = panel._session
    train, sol = session.data.train_set, session.solution.lstsq
    lad = lad_fit(train.X, train.y)
    assert panel.lad_fit() is not None
    assert panel.lad_fit().b == pytest.approx(lad.b, abs=1e-9)
    table = panel.losses.table
    assert table.item(0, 1).text() == panel_fmt(sol.b)
    assert table.item(1, 0).text() == panel_fmt(lad.w[0])
    ls_error = float(table.item(0, 2).text().replace("−", "-"))
    lad_error = float(table.item(1, 2).text().replace("−", "-"))
    assert lad_error < ls_error  # outliers pull least squares; absolute loss is robust
    assert "robust" in panel.losses.explanation.text()
    assert table.verticalHeaderItem(1).font().bold()
    assert not table.verticalHeaderItem(0).font().bold()


def panel_fmt(value: float) -> str:
    from linreg_lab.gui.text.format import fmt
    return fmt(value)


def test_lad_on_big_data_runs_in_chunks(panel, qtbot):
    session = panel._session
    session.generate(GenerationSpec(num_examples=30000, noise="laplace"))
    assert panel.lad_running() and panel.losses.table.item(1, 1).text() == "…"
    qtbot.waitUntil(lambda: panel.lad_fit() is not None, timeout=5000)
    assert panel.losses.table.item(1, 1).text() not in ("…", "—")
    assert panel.lad_fit().b == pytest.approx(4.2, abs=0.05)


def test_loaded_data_have_unknown_noise(panel, qtbot):
    session = panel._session
    session.load_dataset(core.Dataset(session.dataset.X, session.dataset.y), "Open")
    assert "Unknown noise" in panel.losses.explanation.text()
    assert not any(b.isChecked() for b in panel.losses.noise_buttons.buttons())
    assert panel.losses.table.item(0, 2).text() == "—"  # no true parameters to compare with
    qtbot.mouseClick(button(panel, "gaussian"), LEFT)
    assert session.data.spec == GenerationSpec()


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
