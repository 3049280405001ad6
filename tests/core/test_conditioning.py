"""The curvature of the loss: what makes plain SGD crawl, and what standardising does."""

from __future__ import annotations

import math

import numpy as np
import pytest

from linreg_lab.core.conditioning import curvature
from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.standardized import StandardizedTrainer
from linreg_lab.core.stats import SufficientStats


def _data(centre: float, n: int = 200, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = centre + rng.normal(0, 1, n)
    return x[:, None], 2 * x + 1 + rng.normal(0, 0.5, n)


def test_features_near_100_make_a_long_thin_valley():
    X, y = _data(100.0)
    c = curvature(SufficientStats.from_data(X, y))
    assert c.condition > 1e4 and c.elongation > 100
    assert c.stability_limit == pytest.approx(2 / (1 + 100.0**2), rel=0.05)
    assert c.centred_condition == 1.0  # the solver's centred design does not care
    # the eigenvalues are the curvatures along the axes: H v = λ v
    H = SufficientStats.from_data(X, y).second_moment()
    np.testing.assert_allclose(H @ c.axes, c.axes * c.eigenvalues, rtol=1e-9, atol=1e-12)
    assert c.steps_per_digit() > 1000


def test_standardised_features_give_a_round_bowl_and_limit_two():
    X, y = _data(100.0)
    inner = StandardizedTrainer(X, y).inner
    c = curvature(inner.stats)
    assert c.condition == pytest.approx(1.0) and c.stability_limit == pytest.approx(2.0)
    assert c.steps_per_digit() == pytest.approx(1.0)


def test_steps_per_digit_is_what_gradient_descent_needs():
    X, y = _data(3.0, n=50)
    stats = SufficientStats.from_data(X, y)
    c = curvature(stats)
    t = SGDTrainer(X, y, lr=c.best_lr, batch_size=50, shuffle=False, w0=[0.0], b0=0.0)
    start = abs(stats.loss(t.w, t.b) - stats.loss(stats.anchor_w, stats.anchor_b))
    t.step(math.ceil(2 * c.steps_per_digit()))  # the loss gap is the error squared
    gap = abs(stats.loss(t.w, t.b) - stats.loss(stats.anchor_w, stats.anchor_b))
    assert gap <= start * 1e-2 * 1.0001


def test_identical_x_is_a_flat_direction():
    X = np.full((10, 1), 4.0)
    c = curvature(SufficientStats.from_data(X, np.arange(10.0)))
    assert math.isinf(c.condition) and math.isinf(c.centred_condition)
    assert math.isinf(c.steps_per_digit())
    with pytest.raises(ValueError):
        curvature(SufficientStats.from_data(np.empty((0, 1)), np.empty(0)))
