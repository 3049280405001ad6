"""Accuracy against NIST's certified linear-regression results (StRD), scored by LRE."""

from fractions import Fraction

import numpy as np
import pytest

from linreg_lab.core.solvers import least_squares, polyfit
from tests import nist_strd
from tests.nist_strd import NIST_DIR, exact_solution, lre

# name: (model, degree or None, minimum LRE over all certified coefficients). The minima are
# what the core reaches (benchmarks/bench_solve.py, docs/performance.md), rounded down to a
# tenth, with at least 2 ulps to spare. That is the limit: the exact solution of
# the data as read into doubles scores the same, up to its rounding to float64.
CASES = {
    "Norris": ("linear", None, 14.0),
    "Pontius": ("poly", 2, 13.5),
    "NoInt1": ("no_intercept", None, 14.6),
    "NoInt2": ("no_intercept", None, 15.0),
    "Filip": ("poly", 10, 13.9),
    "Longley": ("linear", None, 14.5),
    "Wampler1": ("poly", 5, 15.0),
    "Wampler2": ("poly", 5, 13.1),
    "Wampler3": ("poly", 5, 15.0),
    "Wampler4": ("poly", 5, 15.0),
    "Wampler5": ("poly", 5, 15.0),
}


def load_strd(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The files ship with the tests, so a missing one is a failure, never a skip."""
    assert (NIST_DIR / f"{name}.dat").is_file(), f"NIST StRD file missing: {NIST_DIR}/{name}.dat"
    return nist_strd.load_strd(name)


def estimate(name: str, y: np.ndarray, X: np.ndarray) -> np.ndarray:
    model, degree, _ = CASES[name]
    if model == "linear":
        sol = least_squares(X, y)
    elif model == "no_intercept":
        return least_squares(X, y, fit_intercept=False).w
    else:
        sol = polyfit(X[:, 0], y, degree)
    assert sol.unique
    return np.append(sol.b, sol.w)


def test_lre_helper() -> None:
    np.testing.assert_allclose(lre(np.array([1.001, 0.0, 2e-9]), np.array([1.0, 0.0, 0.0])),
                               [3.0, 15.0, -np.log10(2e-9)], rtol=1e-6)


@pytest.mark.parametrize("name", sorted(CASES))
def test_certified_coefficients(name: str) -> None:
    cert, y, X = load_strd(name)
    est = estimate(name, y, X)
    assert est.shape == cert.shape
    score = lre(est, cert).min()
    assert score >= CASES[name][2], f"{name}: LRE {score:.2f}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_exact_solution_of_the_data_as_read(name: str) -> None:
    """The stronger claim: every coefficient is the exact least-squares solution of the
    float64 data, correctly rounded (up to one ulp), whatever the residual size."""
    _, y, X = load_strd(name)
    model, degree, _ = CASES[name]
    exact = exact_solution(y, X, degree, intercept=model != "no_intercept")
    for got, want in zip(estimate(name, y, X).tolist(), exact, strict=True):
        assert abs(Fraction(got) - want) <= Fraction(np.spacing(abs(float(want)))), name
