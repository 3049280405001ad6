"""SufficientStats: loss, grids and curvature equal direct computations over the data."""

import numpy as np
import pytest

from linreg_lab.core.losses import squared_loss
from linreg_lab.core.stats import SufficientStats


def _data(n, d, seed, *, x_shift=0.0, noise=0.1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, d) + x_shift
    w = rng.normal(size=d)
    y = X @ w + rng.normal() + rng.normal(0, noise, n)
    return X, y


def _direct(X, y, w, b):
    return squared_loss(X @ w + b, y).mean()


@pytest.mark.parametrize("d", [1, 2, 3])
@pytest.mark.parametrize("x_shift", [0.0, 50.0])
def test_loss_equals_direct_mean_of_squared_loss(d, x_shift):
    X, y = _data(300, d, seed=d, x_shift=x_shift)
    stats = SufficientStats.from_data(X, y)
    rng = np.random.default_rng(99)
    for _ in range(20):
        w, b = rng.normal(size=d) * 3, rng.normal() * 5
        assert stats.loss(w, b) == pytest.approx(_direct(X, y, w, b), rel=1e-11)


def test_loss_is_accurate_near_the_optimum_despite_large_means():
    # mean x of 1000 and noise 1e-4: the uncentred moments expansion would cancel badly
    X, y = _data(500, 2, seed=4, x_shift=1000.0, noise=1e-4)
    A = np.column_stack([X, np.ones(len(y))])
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    stats = SufficientStats.from_data(X, y)
    exact = _direct(X, y, theta[:2], theta[2])
    assert exact < 1e-8
    assert stats.loss(theta[:2], theta[2]) == pytest.approx(exact, rel=1e-8)


def test_anchor_changes_accuracy_not_values():
    X, y = _data(200, 2, seed=8)
    anchored = SufficientStats.from_data(X, y, anchor_w=[5.0, -5.0], anchor_b=1.0)
    default = SufficientStats.from_data(X, y)
    for w, b in [([0.0, 0.0], 0.0), ([1.0, 2.0], -3.0), ([5.0, -5.0], 1.0)]:
        assert anchored.loss(w, b) == pytest.approx(default.loss(w, b), rel=1e-10)


def test_gradient_equals_direct_gradient():
    X, y = _data(250, 3, seed=2, x_shift=3.0)
    stats = SufficientStats.from_data(X, y)
    w, b = np.array([0.3, -1.0, 2.0]), 0.5
    r = X @ w + b - y
    gw, gb = stats.grad(w, b)
    np.testing.assert_allclose(gw, X.T @ r / len(y), rtol=1e-10)
    assert gb == pytest.approx(r.mean(), rel=1e-10)


def test_loss_grid_equals_pointwise_d1():
    X, y = _data(400, 1, seed=5, x_shift=2.0)
    stats = SufficientStats.from_data(X, y)
    W, B = np.meshgrid(np.linspace(-4, 4, 13), np.linspace(-3, 5, 11))
    grid = stats.loss_grid(W, B)
    assert grid.shape == W.shape
    pointwise = np.vectorize(lambda w, b: _direct(X, y, np.array([w]), b))(W, B)
    np.testing.assert_allclose(grid, pointwise, rtol=1e-11)


def test_loss_grid_w_equals_pointwise_d2():
    X, y = _data(400, 2, seed=6)
    stats = SufficientStats.from_data(X, y)
    W1, W2 = np.meshgrid(np.linspace(-4, 4, 9), np.linspace(-5, 1, 7))
    grid = stats.loss_grid_w(W1, W2, 0.7)
    pointwise = np.vectorize(lambda a, c: _direct(X, y, np.array([a, c]), 0.7))(W1, W2)
    np.testing.assert_allclose(grid, pointwise, rtol=1e-11)


def test_losses_of_many_parameter_sets():
    X, y = _data(100, 2, seed=10)
    stats = SufficientStats.from_data(X, y)
    rng = np.random.default_rng(0)
    W, B = rng.normal(size=(6, 2)), rng.normal(size=6)
    expected = [_direct(X, y, w, b) for w, b in zip(W, B, strict=True)]
    np.testing.assert_allclose(stats.losses(W, B), expected, rtol=1e-11)


def test_grids_check_the_number_of_features():
    stats = SufficientStats.from_data(*_data(20, 2, seed=1))
    with pytest.raises(ValueError, match="1 feature"):
        stats.loss_grid(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError):
        SufficientStats.from_data(np.zeros((5, 1)), np.zeros((5, 1)))


def test_second_moment_equals_direct():
    X, y = _data(150, 2, seed=12, x_shift=1.5)
    A = np.column_stack([X, np.ones(len(y))])
    stats = SufficientStats.from_data(X, y)
    np.testing.assert_allclose(stats.second_moment(), A.T @ A / len(y), rtol=1e-12)
    assert stats.n == 150 and stats.n_features == 2


def _gd_distance_ratio(X, y, lr, iters=500):
    """Full-batch GD from 0: distance to the optimum after iters over before."""
    A = np.column_stack([X, np.ones(len(y))])
    opt = np.linalg.lstsq(A, y, rcond=None)[0]
    theta = np.zeros(A.shape[1])
    start = np.linalg.norm(theta - opt)
    for _ in range(iters):
        theta = theta - lr * A.T @ (A @ theta - y) / len(y)
    return np.linalg.norm(theta - opt) / start


def test_stability_limit_separates_convergence_from_divergence():
    rng = np.random.default_rng(3)
    X = rng.normal(1.0, 2.0, size=(300, 1))  # uneven curvature: λ ≈ 5.2 and 0.8
    y = 0.5 * X[:, 0] - 1.0 + rng.normal(0, 0.1, 300)
    limit = SufficientStats.from_data(X, y).stability_limit()
    assert _gd_distance_ratio(X, y, 0.98 * limit) < 1e-6
    assert _gd_distance_ratio(X, y, 1.02 * limit) > 1e6


def test_empty_data_give_nan_not_errors():
    stats = SufficientStats.from_data(np.zeros((0, 1)), np.zeros(0))
    assert stats.n == 0
    assert np.isnan(stats.loss([1.0], 2.0))
    assert np.isnan(stats.loss_grid(np.zeros((2, 2)), np.ones((2, 2)))).all()
    assert np.isnan(stats.stability_limit())
