"""Noise models and losses: NLL and MSE share a minimiser; LAD is exact and robust."""

import itertools
import math

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.noise_analysis import (
    histogram_bins,
    huber_fit,
    huber_iterations,
    lad_fit,
    lad_iterations,
    nll_and_mse_along,
    parameter_distance,
    residual_histogram,
    sweep_values,
)


def _brute_force_lad(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """The best line through two of the examples: an LAD optimum is always such a line."""
    best = (math.inf, 0.0, 0.0)
    for i, j in itertools.combinations(range(x.size), 2):
        if x[i] != x[j]:
            w = (y[j] - y[i]) / (x[j] - x[i])
            b = y[i] - w * x[i]
            best = min(best, (float(np.abs(y - w * x - b).sum()), w, b))
    return best


# ----- NLL and MSE -----------------------------------------------------------------------------
@pytest.mark.parametrize("sigma", [0.3, 1.0, 7.0])
def test_nll_and_mse_have_the_same_minimiser_on_a_grid(sigma):
    X, y = core.synthetic_data([2.0], 4.2, 60, noise_std=1.0, seed=5)
    sol = core.least_squares(X, y)
    bs = sweep_values(sol.b + 0.37, 3.0, 601)  # the optimum is not the grid's centre
    nll, mse = nll_and_mse_along(X, y, sol.w, bs, sigma)
    assert np.argmin(nll) == np.argmin(mse)
    assert abs(bs[np.argmin(mse)] - sol.b) <= (bs[1] - bs[0]) / 2


def test_sweep_matches_the_definitions_at_every_b():
    X, y = core.synthetic_data([1.5, -2.0], 0.5, 40, noise_std=0.8, seed=2)
    w = np.array([1.4, -1.9])
    bs = np.array([-3.0, 0.0, 0.5, 10.0])
    nll, mse = nll_and_mse_along(X, y, w, bs, 0.9)
    for k, b in enumerate(bs):
        r = y - X @ w - b
        assert mse[k] == pytest.approx(np.mean(r**2), rel=1e-12)
        assert nll[k] == pytest.approx(core.gaussian_nll(r, 0.9), rel=1e-12)


def test_derivatives_vanish_together_at_the_least_squares_b():
    """d/db of both at the LS b is zero: the analytic statement of the shared minimiser."""
    X, y = core.synthetic_data([2.0], 4.2, 80, noise_std=2.0, noise="laplace", seed=9)
    sol = core.least_squares(X, y)
    h = 1e-4
    nll, mse = nll_and_mse_along(X, y, sol.w, [sol.b - h, sol.b, sol.b + h], 1.3)
    assert (nll[2] - nll[0]) / (2 * h) == pytest.approx(0.0, abs=1e-6)
    assert (mse[2] - mse[0]) / (2 * h) == pytest.approx(0.0, abs=1e-8)
    assert nll[1] < min(nll[0], nll[2]) and mse[1] < min(mse[0], mse[2])


def test_nll_at_mle_sigma_is_the_profile_minimum():
    """With σ = σ̂ = mle_sigma(r), the NLL is smallest among all σ at the LS line."""
    X, y = core.synthetic_data([2.0], 4.2, 50, noise_std=0.7, seed=4)
    sol = core.least_squares(X, y)
    r = y - X @ sol.w - sol.b
    s_hat = core.mle_sigma(r)
    at_hat = nll_and_mse_along(X, y, sol.w, [sol.b], s_hat)[0][0]
    for s in (0.5 * s_hat, 0.9 * s_hat, 1.1 * s_hat, 2 * s_hat):
        assert nll_and_mse_along(X, y, sol.w, [sol.b], s)[0][0] > at_hat
    assert at_hat == pytest.approx(50 * (0.5 * math.log(2 * math.pi * s_hat**2) + 0.5))


def test_sweep_rejects_bad_sigma_and_handles_no_data():
    X, y = np.zeros((0, 1)), np.zeros(0)
    nll, mse = nll_and_mse_along(X, y, [1.0], [0.0, 1.0], 1.0)
    assert np.isnan(nll).all() and np.isnan(mse).all()
    with pytest.raises(ValueError, match="sigma"):
        nll_and_mse_along(np.ones((3, 1)), np.ones(3), [1.0], [0.0], 0.0)


def test_sweep_values_contain_the_centre():
    bs = sweep_values(2.5, 1.0, 200)
    assert bs.size % 2 == 1 and bs[bs.size // 2] == 2.5 and bs[0] == 1.5


# ----- histogram -------------------------------------------------------------------------------
def test_histogram_is_a_density():
    r = np.random.default_rng(1).laplace(0, 2, 500)
    edges, density = residual_histogram(r)
    assert density.size == histogram_bins(500) == edges.size - 1
    assert np.sum(density * np.diff(edges)) == pytest.approx(1.0)
    assert edges[0] == r.min() and edges[-1] == r.max()


def test_histogram_of_equal_or_missing_residuals():
    edges, density = residual_histogram([2.0, 2.0, np.nan])
    assert np.sum(density * np.diff(edges)) == pytest.approx(1.0)
    assert residual_histogram([np.inf])[0].size == 0


@pytest.mark.parametrize("r", [
    np.full(50, -1e100),            # all equal and so large that ±0.5 is lost in rounding
    np.array([-1e308, 1e308, 0.0]),  # a span (hi − lo) beyond the doubles
    np.array([1.7e308, 1.7e308]),
    np.array([5e-324, 0.0, 5e-324]),
])
def test_histogram_of_extreme_residuals_is_a_finite_density(r):
    edges, density = residual_histogram(r)
    assert np.all(np.isfinite(edges)) and np.all(np.diff(edges) > 0)
    assert edges[0] <= r.min() and edges[-1] >= r.max()
    assert np.all(np.isfinite(density)) and np.all(density >= 0)


def test_parameter_distance():
    assert parameter_distance([3.0], 4.0, [0.0], 0.0) == pytest.approx(5.0)


# ----- LAD -------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(12))
def test_lad_is_exact_on_small_data(seed):
    noise = ("gaussian", "laplace", "outliers")[seed % 3]
    X, y = core.synthetic_data([1.7], -0.6, 8 + 3 * seed, noise_std=1.0, noise=noise, seed=seed)
    loss, w, b = _brute_force_lad(X[:, 0], y)
    fit = lad_fit(X, y)
    assert fit.w[0] == pytest.approx(w, abs=1e-6)
    assert fit.b == pytest.approx(b, abs=1e-6)
    assert fit.loss == pytest.approx(loss, rel=1e-12)


def test_lad_is_deterministic_and_iterates_in_chunks():
    X, y = core.synthetic_data([2.0, -3.4], 4.2, 200, noise="laplace", seed=3)
    first, second = lad_fit(X, y), lad_fit(X, y)
    assert np.array_equal(first.w, second.w) and first.b == second.b
    steps = list(lad_iterations(X, y))
    assert steps[-1].converged and steps[-1].iterations == first.iterations
    assert [s.loss for s in steps] == sorted((s.loss for s in steps), reverse=True)


def test_lad_resists_outliers_where_least_squares_does_not():
    X, y = core.synthetic_data([2.0], 4.2, 100, noise_std=1.0, noise="outliers", seed=42)
    ls, lad = core.least_squares(X, y), lad_fit(X, y)
    ls_error = parameter_distance(ls.w, ls.b, [2.0], 4.2)
    lad_error = parameter_distance(lad.w, lad.b, [2.0], 4.2)
    assert lad_error < 0.5 < ls_error
    assert lad_error < ls_error / 3


def test_lad_recovers_a_line_from_laplace_noise():
    X, y = core.synthetic_data([2.0], 4.2, 2000, noise_std=1.0, noise="laplace", seed=7)
    lad = lad_fit(X, y)
    assert parameter_distance(lad.w, lad.b, [2.0], 4.2) < 0.05


def test_lad_on_tiny_and_empty_data():
    fit = lad_fit(np.array([[0.0], [1.0]]), np.array([1.0, 3.0]))
    assert fit.w[0] == pytest.approx(2.0) and fit.b == pytest.approx(1.0)
    empty = lad_fit(np.zeros((0, 2)), np.zeros(0))
    assert empty.w.shape == (2,) and empty.b == 0.0
    with pytest.raises(ValueError, match="shape"):
        lad_fit(np.ones((3, 1)), np.ones((3, 1)))


# --------------------------------------------------------------------------- Huber


def _huber_gradient(X, y, w, b, delta):
    """d/dθ of Σ huber(y − Xw − b): the clipped residuals against [X, 1]."""
    r = np.clip(y - X @ w - b, -delta, delta)
    return np.append(r @ X, r.sum())


def test_huber_line_is_the_minimum_of_the_huber_loss():
    X, y = core.synthetic_data(np.array([2.0, -1.0]), 4.2, 300, noise_std=1.0,
                               noise="outliers", seed=4)
    fit = huber_fit(X, y, 1.0)
    assert fit.converged
    scale = np.abs(np.column_stack([X, np.ones(len(y))])).sum(axis=0)
    assert np.all(np.abs(_huber_gradient(X, y, fit.w, fit.b, 1.0)) <= 1e-8 * scale)
    ls, lad = core.least_squares(X, y), lad_fit(X, y)
    truth = np.array([2.0, -1.0, 4.2])
    dist = {name: np.linalg.norm(np.append(f.w, f.b) - truth)
            for name, f in (("ls", ls), ("lad", lad), ("huber", fit))}
    assert dist["huber"] < dist["ls"]  # robust to the outliers, like the absolute loss


def test_huber_with_a_wide_delta_is_least_squares():
    X, y = core.synthetic_data(np.array([1.5]), -2.0, 50, noise_std=0.5, seed=1)
    fit, ls = huber_fit(X, y, 1e6), core.least_squares(X, y)
    np.testing.assert_allclose(fit.w, ls.w, rtol=1e-12)
    assert fit.b == pytest.approx(ls.b, rel=1e-12) and fit.iterations <= 1


def test_huber_iterations_end_on_the_final_fit_and_refuse_a_bad_delta():
    X, y = core.synthetic_data(np.array([1.0]), 0.0, 80, noise_std=1.0, noise="laplace", seed=2)
    steps = list(huber_iterations(X, y, 0.5))
    assert steps[-1].converged and all(not s.converged for s in steps[:-1])
    assert [s.loss for s in steps] == sorted((s.loss for s in steps), reverse=True)
    with pytest.raises(ValueError):
        huber_fit(X, y, 0.0)
