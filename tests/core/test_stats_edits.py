"""Edits of one example update the statistics and the optimum in O(d²), agreeing with a full
rebuild from the data to rounding, so a drag need not pass over the data."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab import core
from linreg_lab.core.stats import SufficientStats


def _data(n, d, seed, x_shift=0.0, noise=0.1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, d) + x_shift
    y = X @ rng.normal(size=d) + rng.normal() + rng.normal(0, noise, n)
    return X, y


def _assert_same(a: SufficientStats, b: SufficientStats, rel: float = 1e-9) -> None:
    """Two summaries of the same data: equal moments, equal losses anywhere."""
    assert a.n == b.n
    scale = max(1.0, float(np.abs(b.cov_xx).max()))
    np.testing.assert_allclose(a.mean_x, b.mean_x, rtol=rel, atol=rel * scale)
    assert a.mean_y == pytest.approx(b.mean_y, rel=rel, abs=rel * scale)
    np.testing.assert_allclose(a.cov_xx, b.cov_xx, rtol=rel, atol=rel * scale)
    rng = np.random.default_rng(5)
    W = rng.normal(size=(20, a.n_features)) * 3
    B = rng.normal(size=20) * 3
    np.testing.assert_allclose(a.losses(W, B), b.losses(W, B), rtol=rel)


# one edit: (kind, row choice in [0, 1), x, y)
_edit = st.tuples(st.sampled_from(["add", "move", "remove"]), st.floats(0, 0.999),
                  st.floats(-50, 50), st.floats(-50, 50))


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.integers(1, 3), st.integers(0, 10**6),
       st.lists(_edit, min_size=1, max_size=25))
def test_a_sequence_of_edits_agrees_with_the_statistics_of_the_edited_data(n, d, seed, edits):
    X, y = _data(n, d, seed, x_shift=20.0)
    anchor = core.least_squares(X, y)
    stats = SufficientStats.from_data(X, y, anchor_w=anchor.w, anchor_b=anchor.b)
    rng = np.random.default_rng(seed)
    for kind, where, xv, yv in edits:
        row = int(where * len(y))
        x_new = np.full(d, xv) + rng.normal(size=d)
        if kind == "add":
            stats = stats.with_example(x_new, yv)
            X, y = np.vstack([X, x_new]), np.append(y, yv)
        elif kind == "move":
            stats = stats.with_example_moved((X[row], y[row]), (x_new, yv))
            X, y = X.copy(), y.copy()
            X[row], y[row] = x_new, yv
        elif len(y) > 1:
            stats = stats.without_example(X[row], y[row])
            X, y = np.delete(X, row, axis=0), np.delete(y, row)
    rebuilt = SufficientStats.from_data(X, y, anchor_w=stats.anchor_w, anchor_b=stats.anchor_b)
    _assert_same(stats, rebuilt, rel=1e-8)


def test_removing_every_example_leaves_empty_statistics_and_adding_starts_again():
    X, y = _data(3, 2, seed=1)
    stats = SufficientStats.from_data(X, y)
    for i in range(3):
        stats = stats.without_example(X[i], y[i])
    assert stats.n == 0 and np.isnan(stats.loss(np.zeros(2), 0.0))
    stats = stats.with_example([1.0, 2.0], 3.0)
    assert stats.n == 1 and stats.loss(np.zeros(2), 3.0) == 0.0


def test_an_edit_refuses_a_non_finite_example():
    stats = SufficientStats.from_data(*_data(5, 1, seed=2))
    with pytest.raises(ValueError):
        stats.with_example([np.inf], 1.0)


@pytest.mark.parametrize("d", [1, 2, 5])
def test_the_optimum_from_edited_statistics_is_the_least_squares_solution(d):
    X, y = _data(2_000, d, seed=d, x_shift=100.0, noise=0.01)
    sol = core.least_squares(X, y)
    stats = SufficientStats.from_data(X, y, anchor_w=sol.w, anchor_b=sol.b)
    rng = np.random.default_rng(3)
    for _ in range(50):  # a drag: one point moved far, step by step
        row, x_new = 7, X[7] + rng.normal(size=d) * 5
        y_new = y[7] + rng.normal() * 20
        stats = stats.with_example_moved((X[row], y[row]), (x_new, y_new))
        X[row], y[row] = x_new, y_new
    fast, exact = core.least_squares_from_stats(stats), core.least_squares(X, y)
    assert fast is not None and fast.unique and fast.rank == d + 1
    np.testing.assert_allclose(fast.w, exact.w, rtol=1e-9, atol=1e-12)
    assert fast.b == pytest.approx(exact.b, rel=1e-9, abs=1e-9)


def test_no_optimum_from_statistics_when_it_is_not_clearly_unique():
    X = np.ones((10, 1))  # identical x: every slope through the mean is optimal
    assert core.least_squares_from_stats(SufficientStats.from_data(X, np.arange(10.0))) is None
    X2 = np.column_stack([np.arange(10.0), 2 * np.arange(10.0)])  # a duplicated feature
    assert core.least_squares_from_stats(SufficientStats.from_data(X2, np.arange(10.0))) is None
    two = SufficientStats.from_data([[1.0, 2.0], [3.0, 1.0]], [1.0, 2.0])  # fewer than d + 1
    assert core.least_squares_from_stats(two) is None


def test_a_trainer_given_the_statistics_steps_exactly_as_one_that_computes_them():
    X, y = _data(500, 2, seed=8)
    sol = core.least_squares(X, y)
    stats = SufficientStats.from_data(X[1:], y[1:], anchor_w=sol.w, anchor_b=sol.b)
    stats = stats.with_example(X[0], y[0])  # summaries of all 500, reached by an edit
    given_stats = core.SGDTrainer(X, y, seed=3, stats=stats)
    own = core.SGDTrainer(X, y, seed=3)
    given_stats.step(300)
    own.step(300)
    np.testing.assert_array_equal(given_stats.w, own.w)
    assert given_stats.loss() == pytest.approx(own.loss(), rel=1e-12)
    exact = SufficientStats.from_data(X, y)
    given_stats.replace_stats(exact, None)
    assert given_stats.stats is exact


def test_a_trainer_refuses_statistics_of_other_data():
    X, y = _data(50, 1, seed=9)
    with pytest.raises(ValueError, match="stats summarise"):
        core.SGDTrainer(X, y, stats=SufficientStats.from_data(X[1:], y[1:]))
    t = core.SGDTrainer(X, y)
    with pytest.raises(ValueError, match="stats summarise"):
        t.replace_stats(SufficientStats.from_data(X[:5], y[:5]), None)
