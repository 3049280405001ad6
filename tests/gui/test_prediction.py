"""Prediction (用模型进行预测): ŷ at a new x from SGD, the analytical and the true line."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from linreg_lab.gui.state.data_state import GenerationSpec


@pytest.fixture
def window(make_window):
    return make_window()


def _type(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_typing_x_shows_the_three_predictions(window, qtbot):
    s = window.session
    s.step(40)
    field = window.findChild(QLineEdit, "predictionInput")
    output = window.findChild(QLabel, "predictionOutput")
    _type(qtbot, field, "2.5")
    p = window.prediction_panel.prediction
    assert p.sgd == pytest.approx(2.5 * s.trainer.w[0] + s.trainer.b, rel=1e-12)
    lstsq = s.solution.lstsq
    assert p.analytical == pytest.approx(2.5 * lstsq.w[0] + lstsq.b, rel=1e-12)
    assert p.true == pytest.approx(2.5 * 2.0 + 4.2)  # the default data: w = 2, b = 4.2
    assert "SGD" in output.text() and "analytical" in output.text() and "true" in output.text()


def test_prediction_follows_training_and_is_marked_on_the_fit_plot(window, qtbot):
    field = window.findChild(QLineEdit, "predictionInput")
    _type(qtbot, field, "1")
    before = window.prediction_panel.prediction.sgd
    qtbot.keyClick(window, Qt.Key.Key_E)  # one epoch
    assert window.prediction_panel.prediction.sgd != before
    xs, ys = window.fit_plot._prediction.getData()
    assert np.allclose(xs, 1.0) and window.prediction_panel.prediction.sgd in ys


def test_a_bad_x_is_marked_and_says_why(window, qtbot):
    field = window.findChild(QLineEdit, "predictionInput")
    _type(qtbot, field, "1, 2")  # two values for one feature
    assert window.prediction_panel.prediction is None
    assert field.property("invalid")
    assert "feature" in window.findChild(QLabel, "predictionOutput").text()
    assert len(window.fit_plot._prediction.getData()[0]) == 0


def test_two_features_take_two_values(window, qtbot):
    window.request(window.session.generate, GenerationSpec(w=(2.0, -3.4), num_examples=50))
    field = window.findChild(QLineEdit, "predictionInput")
    assert field.text() == "1, 1"  # the field follows the feature count
    _type(qtbot, field, "0.5, -1")
    assert window.prediction_panel.prediction.true == pytest.approx(0.5 * 2 + 3.4 + 4.2)
