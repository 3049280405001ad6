"""Accuracy against NIST's certified linear-regression results (StRD), scored by LRE."""


import numpy as np
import pytest

from linreg_lab.core.solvers import least_squares, polyfit
from tests import nist_strd
from tests.nist_strd import NIST_DIR, lre

# name: (model, degree or None, minimum LRE over all certified coefficients)
CASES = {
    "Norris": ("linear", None, 11.5),
    "Pontius": ("poly", 2, 11.0),
    "NoInt1": ("no_intercept", None, 14.0),
    "NoInt2": ("no_intercept", None, 14.0),
    "Filip": ("poly", 10, 13.0),
    "Longley": ("linear", None, 12.0),
    "Wampler1": ("poly", 5, 9.5),
    "Wampler2": ("poly", 5, 12.0),
    "Wampler3": ("poly", 5, 9.0),
    "Wampler4": ("poly", 5, 9.0),
    "Wampler5": ("poly", 5, 7.5),
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
