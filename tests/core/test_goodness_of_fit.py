"""Goodness of fit against the textbook formulas, worked out by hand with NumPy."""

from __future__ import annotations

import math

import numpy as np
import pytest

from linreg_lab import core


def test_the_four_numbers_match_their_definitions():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 2.0, 2.0, 5.0])
    fit = core.goodness_of_fit(X, y, [1.0], 0.5)
    r = np.array([0.5, 1.5, 2.5, 3.5]) - y  # ŷ − y, by hand: −0.5, −0.5, 0.5, −1.5
    assert fit.ssr == pytest.approx(3.0)
    assert fit.mse == pytest.approx(0.75)
    assert fit.rmse == pytest.approx(math.sqrt(0.75))
    assert fit.mae == pytest.approx(np.abs(r).mean()) and fit.mae == pytest.approx(0.75)
    # SST: mean 2.5, deviations −1.5, −0.5, −0.5, 2.5 → 2.25 + 0.25 + 0.25 + 6.25 = 9
    assert fit.r2 == pytest.approx(1 - 3.0 / 9.0)


def test_r2_is_zero_for_the_mean_one_for_a_perfect_line_and_negative_for_worse():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(50, 2))
    y = X @ np.array([2.0, -1.0]) + 0.3
    assert core.goodness_of_fit(X, y, [2.0, -1.0], 0.3).r2 == pytest.approx(1.0)
    assert core.goodness_of_fit(X, y, [0.0, 0.0], y.mean()).r2 == pytest.approx(0.0, abs=1e-12)
    assert core.goodness_of_fit(X, y, [-2.0, 1.0], 0.0).r2 < 0


def test_the_least_squares_line_has_the_smallest_sum_of_squares():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(40, 1))
    y = 3 * X[:, 0] - 1 + rng.normal(size=40)
    sol = core.least_squares(X, y)
    best = core.goodness_of_fit(X, y, sol.w, sol.b).ssr
    for dw, db in ((0.01, 0), (0, 0.01), (-0.02, 0.03)):
        assert core.goodness_of_fit(X, y, sol.w + dw, sol.b + db).ssr > best
    assert best == pytest.approx(2 * 40 * core.SufficientStats.from_data(X, y).loss(sol.w, sol.b))


def test_no_examples_give_nan_and_equal_labels_leave_r2_undefined():
    empty = core.goodness_of_fit(np.empty((0, 1)), np.empty(0), [1.0], 0.0)
    assert math.isnan(empty.mse) and math.isnan(empty.r2) and empty.ssr == 0.0
    flat = core.goodness_of_fit(np.array([[0.0], [1.0]]), np.array([2.0, 2.0]), [0.0], 2.0)
    assert flat.mse == 0.0 and math.isnan(flat.r2)


def test_shapes_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match="X must be"):
        core.goodness_of_fit(np.zeros((3, 1)), np.zeros((3, 1)), [1.0], 0.0)
    with pytest.raises(ValueError, match="w must have shape"):
        core.goodness_of_fit(np.zeros((3, 2)), np.zeros(3), [1.0], 0.0)
