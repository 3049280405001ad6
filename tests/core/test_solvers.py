"""The analytical solution: contract, agreement with LAPACK, and the rank-deficient cases."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import linreg_lab.core.solvers as solvers
from linreg_lab.core.refinement import AugmentedQR
from linreg_lab.core.solvers import (
    LstsqSolution,
    least_squares,
    normal_equation_pieces,
    polyfit,
    rank_reason,
)
from tests.nist_strd import exact_solution


def _reference(X: np.ndarray, y: np.ndarray, fit_intercept: bool = True) -> np.ndarray:
    """numpy's SVD-based lstsq on the explicit design, parameters ordered (w..., b)."""
    A = np.column_stack([X, np.ones(len(y))]) if fit_intercept else X
    return np.linalg.lstsq(A, y, rcond=None)[0]


def _null_space_centred(X: np.ndarray) -> np.ndarray:
    """Null space of the centred X: the w-parts of the null space of [X, 1]."""
    Xc = X - X.mean(axis=0)
    _, sv, vt = np.linalg.svd(Xc)
    rank = int(np.sum(sv > 1e-10 * sv[0]))
    return vt[rank:].T


def test_contract_types_and_shapes() -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((30, 3))
    sol = least_squares(X, X @ [1.0, -2.0, 0.5] + 4.0)
    assert isinstance(sol, LstsqSolution)
    assert sol.w.shape == (3,) and sol.w.dtype == np.float64
    assert type(sol.b) is float
    assert type(sol.rank) is int and sol.rank == 4 == sol.n_params
    assert sol.unique and sol.reason is None
    np.testing.assert_allclose(sol.w, [1.0, -2.0, 0.5], rtol=1e-12)
    assert sol.b == pytest.approx(4.0, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    n_extra=st.integers(1, 40),
    d=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
    fit_intercept=st.booleans(),
)
def test_agrees_with_lapack_on_well_conditioned_problems(n_extra, d, seed, fit_intercept) -> None:
    rng = np.random.default_rng(seed)
    n = d + 1 + n_extra
    X = rng.standard_normal((n, d)) * rng.uniform(0.1, 10.0, d) + rng.uniform(-5, 5, d)
    y = rng.standard_normal(n) * 3.0 + 1.0
    sol = least_squares(X, y, fit_intercept=fit_intercept)
    ref = _reference(X, y, fit_intercept)
    got = np.append(sol.w, sol.b) if fit_intercept else sol.w
    np.testing.assert_allclose(got, ref, rtol=1e-8, atol=1e-9 * np.abs(ref).max())
    assert sol.unique


def test_no_intercept_mode() -> None:
    rng = np.random.default_rng(1)
    X = rng.uniform(1.0, 2.0, (25, 2))
    y = X @ [3.0, -1.0] + 5.0  # a true intercept the model is not allowed to use
    sol = least_squares(X, y, fit_intercept=False)
    assert sol.b == 0.0 and type(sol.b) is float
    assert sol.n_params == 2 and sol.rank == 2
    np.testing.assert_allclose(sol.w, _reference(X, y, False), rtol=1e-10)
    with_b = least_squares(X, y)
    assert with_b.b == pytest.approx(5.0, rel=1e-10)


def test_all_x_identical_gives_flat_line_through_the_mean() -> None:
    X = np.full((5, 1), 0.1)  # 0.1 * 5 / 5 need not round back to 0.1
    y = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    sol = least_squares(X, y)
    assert (sol.rank, sol.n_params, sol.reason, sol.unique) == (1, 2, "identical_x", False)
    assert sol.w[0] == 0.0
    assert sol.b == pytest.approx(y.mean(), rel=1e-15)


def test_duplicated_feature_shares_the_weight_and_fits_as_well() -> None:
    rng = np.random.default_rng(2)
    X = rng.standard_normal((40, 2)) * [1.0, 100.0]
    X = np.column_stack([X, X[:, 0]])
    y = X[:, 0] * 4.0 + X[:, 1] * 0.5 - 2.0 + 0.01 * rng.standard_normal(40)
    sol = least_squares(X, y)
    assert (sol.rank, sol.reason) == (3, "duplicate_feature")
    assert sol.w[0] == pytest.approx(sol.w[2], rel=1e-10)  # min-norm splits the weight
    ref = _reference(X, y)
    np.testing.assert_allclose(X @ sol.w + sol.b, X @ ref[:3] + ref[3], rtol=1e-10, atol=1e-10)


def test_fewer_examples_interpolates_with_minimum_norm() -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((3, 5)) * [1.0, 10.0, 0.1, 1.0, 3.0]
    y = rng.standard_normal(3)
    sol = least_squares(X, y)
    assert (sol.rank, sol.n_params, sol.reason) == (3, 6, "fewer_examples")
    np.testing.assert_allclose(X @ sol.w + sol.b, y, atol=1e-12)
    null = _null_space_centred(X)
    assert null.shape[1] == 3
    np.testing.assert_allclose(null.T @ sol.w, 0.0, atol=1e-12 * np.linalg.norm(sol.w))


def test_collinear_features_min_norm_in_original_units() -> None:
    rng = np.random.default_rng(4)
    base = rng.standard_normal((50, 2))
    X = np.column_stack([base[:, 0] * 1000.0, base[:, 1], base[:, 0] + base[:, 1]])
    y = rng.standard_normal(50)
    sol = least_squares(X, y)
    assert (sol.rank, sol.reason) == (3, "collinear")
    null = _null_space_centred(X)
    assert null.shape[1] == 1
    assert abs(null[:, 0] @ sol.w) <= 1e-10 * np.linalg.norm(sol.w)
    ref = _reference(X, y)
    np.testing.assert_allclose(X @ sol.w + sol.b, X @ ref[:3] + ref[3], atol=1e-10)


def test_empty_data() -> None:
    sol = least_squares(np.zeros((0, 2)), np.zeros(0))
    assert (sol.rank, sol.n_params, sol.reason) == (0, 3, "empty")
    assert sol.w.shape == (2,) and type(sol.b) is float
    assert polyfit(np.zeros(0), np.zeros(0), 2).reason == "empty"


def test_rank_reason_matches_solution() -> None:
    rng = np.random.default_rng(5)
    X = rng.standard_normal((10, 2))
    assert rank_reason(X) is None
    assert rank_reason(np.column_stack([X, 3.0 * X[:, 1] + 1.0])) == "duplicate_feature"
    assert rank_reason(np.column_stack([X, X.sum(axis=1)])) == "collinear"
    assert rank_reason(X[:2]) == "fewer_examples"
    assert rank_reason(np.full((4, 1), 7.0)) == "identical_x"
    assert rank_reason(np.full((4, 1), 7.0), fit_intercept=False) is None
    assert rank_reason(np.zeros((4, 1)), fit_intercept=False) == "identical_x"


def test_normal_equation_pieces_match_the_textbook_sums() -> None:
    rng = np.random.default_rng(6)
    X, y = rng.standard_normal((7, 2)), rng.standard_normal(7)
    xtx, xty = normal_equation_pieces(X, y)
    rows = [np.append(x, 1.0) for x in X]
    np.testing.assert_allclose(xtx, sum(np.outer(r, r) for r in rows), rtol=1e-14)
    np.testing.assert_allclose(xty, sum(yi * r for yi, r in zip(y, rows, strict=True)))
    xtx0, xty0 = normal_equation_pieces(X, y, fit_intercept=False)
    np.testing.assert_allclose(xtx0, xtx[:2, :2])
    np.testing.assert_allclose(xty0, xty[:2])


@settings(max_examples=25, deadline=None)
@given(degree=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_polyfit_recovers_an_exact_polynomial(degree, seed) -> None:
    rng = np.random.default_rng(seed)
    coef = rng.integers(-5, 6, degree + 1).astype(float)  # coef[k] multiplies x**k
    lo = rng.uniform(-4.0, 3.0)
    x = np.linspace(lo, lo + rng.uniform(1.0, 4.0), 3 * degree + 4)
    y = np.polynomial.polynomial.polyval(x, coef)
    sol = polyfit(x, y, degree)
    assert sol.unique and sol.w.shape == (degree,) and type(sol.b) is float
    got = np.append(sol.b, sol.w)
    # raw power coefficients are only as exact as the power basis is conditioned: a narrow x
    # range far from 0 (cond ~ 4e9 for degree 6 on [2.9, 4.5]) loses digits to any solver
    cond = np.linalg.cond(np.vander(x, degree + 1, increasing=True))
    tol = max(1e-8, 1e-15 * cond) * max(1.0, np.abs(coef).max())
    np.testing.assert_allclose(got, coef, atol=tol)


def test_polyfit_no_intercept_and_degree_zero() -> None:
    x = np.linspace(0.5, 3.0, 9)
    sol = polyfit(x, 1.5 * x - 0.25 * x**2, 2, fit_intercept=False)
    assert sol.b == 0.0 and sol.n_params == 2 and sol.unique
    np.testing.assert_allclose(sol.w, [1.5, -0.25], rtol=1e-12)
    flat = polyfit(x, x, 0)
    assert flat.w.shape == (0,) and flat.b == pytest.approx(x.mean())


def test_polyfit_rank_deficient_cases() -> None:
    same = polyfit(np.full(6, 2.0), np.arange(6.0), 3)
    assert (same.rank, same.reason) == (1, "identical_x")
    np.testing.assert_array_equal(same.w, 0.0)
    assert same.b == pytest.approx(2.5)
    few = polyfit([0.0, 1.0, 2.0], [1.0, 3.0, 9.0], 5)
    assert (few.rank, few.reason) == (3, "fewer_examples")
    np.testing.assert_allclose(np.polyval([*few.w[::-1], few.b], [0, 1, 2]), [1, 3, 9])
    repeated = polyfit([0.0, 1.0, 2.0] * 2, [1.0, 3.0, 9.0] * 2, 3)
    assert (repeated.rank, repeated.reason) == (3, "collinear")


def test_fast_path_agrees_with_refined_path(monkeypatch) -> None:
    rng = np.random.default_rng(7)
    X = rng.standard_normal((200, 4)) + 50.0
    y = X @ [1.0, 2.0, -1.0, 0.5] + rng.standard_normal(200)
    small = least_squares(X, y)
    monkeypatch.setattr(solvers, "_SMALL", 0)
    fast = least_squares(X, y)
    np.testing.assert_allclose(fast.w, small.w, rtol=1e-11)
    assert fast.b == pytest.approx(small.b, rel=1e-11)
    assert fast.rank == small.rank == 5


def _max_ulps(got: list[float], exact: list[Fraction]) -> float:
    """Largest distance from the exact values, in units of the last place."""
    return max(float(abs(Fraction(g) - e) / Fraction(np.spacing(abs(float(e)))))
               for g, e in zip(got, exact, strict=True))


def _ill_conditioned(cond: float, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Features far from 0 whose centred design has condition ~cond, and a large residual."""
    rng = np.random.default_rng(seed)
    n, d = 60, 4
    u = np.linalg.qr(rng.standard_normal((n, d)))[0]
    v = np.linalg.qr(rng.standard_normal((d, d)))[0]
    X = (u * np.logspace(0, -np.log10(cond), d)) @ v * 100.0 + 1000.0
    return X, X @ rng.standard_normal(d) + 3.0 + 100.0 * rng.standard_normal(n)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_refined_solution_is_the_exact_one_correctly_rounded(fit_intercept) -> None:
    """κ ≈ 1e10, large residual: refining w alone (with Qᵀr in float64) got 6 digits here."""
    X, y = _ill_conditioned(1e10)
    sol = least_squares(X, y, fit_intercept=fit_intercept)
    got = [sol.b, *sol.w] if fit_intercept else list(sol.w)
    assert _max_ulps(got, exact_solution(y, X, intercept=fit_intercept)) <= 0.5


@pytest.mark.parametrize(("degree", "lo", "width"), [(4, 100.0, 10.0), (8, 0.0, 1.0)])
def test_polyfit_raw_coefficients_are_exact_correctly_rounded(degree, lo, width) -> None:
    rng = np.random.default_rng(3)
    x = np.sort(lo + width * rng.random(40))
    y = np.sin(x) + 100.0 * rng.standard_normal(40)
    sol = polyfit(x, y, degree)
    assert _max_ulps([sol.b, *sol.w], exact_solution(y, x[:, None], degree)) <= 0.5


def test_refinement_stops_once_nothing_changes(monkeypatch) -> None:
    """The cost guard: an easy problem takes one correcting step and one that confirms."""
    calls = []
    solve = AugmentedQR.solve
    monkeypatch.setattr(AugmentedQR, "solve", lambda self, f, g: calls.append(1) or solve(
        self, f, g))
    rng = np.random.default_rng(8)
    X = rng.standard_normal((500, 3))
    least_squares(X, X @ [1.0, 2.0, 3.0] + rng.standard_normal(500))
    assert len(calls) <= 2


def test_inputs_are_checked_and_not_modified() -> None:
    X = np.arange(6.0).reshape(3, 2) ** 2
    y = np.array([1.0, 2.0, 4.0])
    X0, y0 = X.copy(), y.copy()
    least_squares(X, y)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    with pytest.raises(ValueError, match="1-D"):
        least_squares(X, y[:, None])
    with pytest.raises(ValueError, match="rows"):
        least_squares(X, y[:2])
    with pytest.raises(ValueError, match="finite"):
        least_squares(X, np.array([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="degree"):
        polyfit(y, y, -1)


def _features(seed: int = 8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=30), rng.normal(size=30), rng.normal(size=30)


def test_a_constant_feature_among_varying_ones_is_named_with_its_value() -> None:
    x, _, y = _features()
    sol = least_squares(np.column_stack([x, np.full(30, 3.0)]), y)
    dep = sol.dependency
    assert (sol.reason, dep.kind, dep.column, dep.offset, dep.others) == (
        "constant_feature", "constant", 1, 3.0, [])
    every = least_squares(np.full((30, 2), 3.0), y)
    assert (every.reason, every.dependency.kind) == ("identical_x", "constant")


@pytest.mark.parametrize(("factor", "shift"), [(2.0, 0.0), (2.0, 3.0), (-0.5, 1.0), (1.0, 0.0)])
def test_proportional_features_are_named_with_factor_and_constant(factor, shift) -> None:
    x, z, y = _features()
    sol = least_squares(np.column_stack([x, z, factor * x + shift]), y)
    dep = sol.dependency
    assert (sol.reason, dep.kind, dep.column, dep.others) == (
        "duplicate_feature", "proportional", 2, [0])
    assert dep.coefficients[0] == pytest.approx(factor, rel=1e-12)
    assert dep.offset == pytest.approx(shift, abs=1e-12)


def test_a_general_combination_names_the_column_it_builds() -> None:
    x, z, y = _features()
    X = np.column_stack([x, z, x + 0.5 * z - 1.0])
    sol = least_squares(X, y)
    dep = sol.dependency
    assert (sol.reason, dep.kind, dep.column, dep.others) == ("collinear", "combination", 2, [0, 1])
    np.testing.assert_allclose(dep.coefficients[:2], [1.0, 0.5], rtol=1e-10)
    assert dep.offset == pytest.approx(-1.0, rel=1e-10)
    rebuilt = X[:, dep.others] @ dep.coefficients[dep.others] + dep.offset  # holds on the data
    np.testing.assert_allclose(rebuilt, X[:, dep.column], atol=1e-12)
    assert least_squares(np.column_stack([x, z]), y).dependency is None
