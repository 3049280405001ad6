"""Standardised training reports w, b in the data's own units, never rescaled silently."""

import numpy as np
import pytest

from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.solvers import least_squares
from linreg_lab.core.standardized import StandardizedTrainer, Standardizer


def _badly_scaled(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(1000, 50, 400), rng.normal(0, 0.01, 400)])
    y = X @ np.array([0.02, 300.0]) + 5.0 + rng.normal(0, 0.1, 400)
    return X, y


def test_parameters_come_back_in_data_units() -> None:
    X, y = _badly_scaled()
    t = StandardizedTrainer(X, y, lr=0.1, batch_size=20, seed=1)
    t.step(3000)
    sol = least_squares(X, y)
    np.testing.assert_allclose(t.w, sol.w, rtol=1e-3)
    assert t.b == pytest.approx(sol.b, abs=0.05)  # b = b_s − w·μ with μ ≈ 1000
    np.testing.assert_allclose(X @ t.w + t.b, X @ sol.w + sol.b, atol=0.05)


def test_same_problem_unstandardised_cannot_use_that_learning_rate() -> None:
    X, y = _badly_scaled()
    with np.errstate(all="ignore"):
        plain = SGDTrainer(X, y, lr=0.1, batch_size=20, seed=1)
        plain.step(3000)
    assert plain.diverged


def test_history_and_start_point_are_in_data_units() -> None:
    X, y = _badly_scaled()
    w0, b0 = np.array([0.5, -2.0]), 3.0
    t = StandardizedTrainer(X, y, lr=0.05, batch_size=40, seed=2, w0=w0, b0=b0)
    np.testing.assert_allclose(t.w, w0)
    assert t.b == pytest.approx(b0)
    t.step(30)
    np.testing.assert_allclose(t.history.step_w[-1], t.w)
    assert t.history.step_b[-1] == pytest.approx(t.b)


def test_live_hyperparameters_reach_the_inner_trainer_and_others_are_refused() -> None:
    X, y = _badly_scaled()
    t = StandardizedTrainer(X, y, lr=0.05, batch_size=10, seed=3)
    t.lr, t.batch_size = 0.01, 7
    assert t.inner.lr == 0.01 and t.inner.batch_size == 7
    with pytest.raises(AttributeError):
        t.w = np.zeros(2)


def test_constant_feature_is_left_unscaled() -> None:
    s = Standardizer.fit(np.column_stack([np.ones(5), np.arange(5.0)]))
    assert s.scale[0] == 1.0
    w, b = s.to_raw(*s.to_standardized(np.array([2.0, 3.0]), 1.5))
    np.testing.assert_allclose(w, [2.0, 3.0])
    assert float(b) == pytest.approx(1.5)
