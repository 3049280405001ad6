"""Normal noise and the equivalence of maximum likelihood and least squares (d2l 3.1.3)."""

import math

import numpy as np
import pytest

from linreg_lab.core.likelihood import gaussian_nll, mle_sigma, normal
from linreg_lab.core.losses import squared_loss

# numpy < 2 names it trapz
trapezoid = getattr(np, "trapezoid", None) or np.trapz


@pytest.mark.parametrize(("mu", "sigma"), [(0.0, 1.0), (-2.0, 0.3), (3.0, 2.0)])
def test_density_integrates_to_one(mu, sigma):
    x = np.linspace(mu - 12 * sigma, mu + 12 * sigma, 20001)
    assert trapezoid(normal(x, mu, sigma), x) == pytest.approx(1.0, abs=1e-9)


def test_density_peak_and_symmetry():
    sigma = 0.7
    assert normal(1.0, 1.0, sigma) == pytest.approx(1 / math.sqrt(2 * math.pi * sigma**2))
    assert normal(1.0 + 0.4, 1.0, sigma) == pytest.approx(normal(1.0 - 0.4, 1.0, sigma))


def test_nll_is_minus_log_of_the_density_product():
    r = np.random.default_rng(3).normal(0, 0.5, 40)
    expected = -np.sum(np.log(normal(r, 0.0, 0.8)))
    assert gaussian_nll(r, 0.8) == pytest.approx(expected, rel=1e-12)


def test_nll_minimiser_over_b_is_the_mse_minimiser():
    rng = np.random.default_rng(11)
    x = rng.normal(size=200)
    y = 1.5 * x + 0.7 + rng.normal(0, 0.4, 200)
    grid = np.linspace(-1, 2, 3001)
    nll = [gaussian_nll(1.5 * x + b - y, 0.4) for b in grid]
    mse = [squared_loss(1.5 * x + b, y).mean() for b in grid]
    assert np.argmin(nll) == np.argmin(mse)
    assert grid[np.argmin(nll)] == pytest.approx(np.mean(y - 1.5 * x), abs=1e-3)


def test_mle_sigma_minimises_nll_over_sigma():
    r = np.random.default_rng(5).normal(0, 0.25, 5000)
    s_hat = mle_sigma(r)
    assert s_hat == pytest.approx(0.25, rel=0.05)
    for s in (0.9 * s_hat, 0.99 * s_hat, 1.01 * s_hat, 1.1 * s_hat):
        assert gaussian_nll(r, s) > gaussian_nll(r, s_hat)


def test_invalid_sigma_and_empty_residuals():
    with pytest.raises(ValueError):
        normal(0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        gaussian_nll([1.0], -1.0)
    with pytest.raises(ValueError):
        mle_sigma([])
