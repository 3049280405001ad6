"""Accuracy against NIST's certified linear-regression results (StRD), scored by LRE."""

import re
from pathlib import Path

import numpy as np
import pytest

from core.solvers import least_squares, polyfit

NIST_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nist-strd"

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
    """Certified B0.. (or B1..) values, y and the predictors, using the header's line ranges."""
    path = NIST_DIR / f"{name}.dat"
    if not path.is_file():
        pytest.skip(f"NIST StRD data not found at {NIST_DIR}")
    lines = path.read_text().splitlines()  # CRLF handled by splitlines
    header = "\n".join(lines[:10])
    c0, c1 = map(int, re.search(r"Certified Values\s*\(lines (\d+) to (\d+)\)", header).groups())
    d0, d1 = map(int, re.search(r"Data\s*\(lines (\d+) to (\d+)\)", header).groups())
    cert = [float(ln.split()[1]) for ln in lines[c0 - 1 : c1] if re.match(r"\s*B\d+\s", ln)]
    data = np.array([[float(t) for t in ln.split()] for ln in lines[d0 - 1 : d1]])
    return np.array(cert), data[:, 0], data[:, 1:]


def lre(estimate: np.ndarray, certified: np.ndarray) -> np.ndarray:
    """Log relative error (correct significant digits), capped at 15; absolute for a 0."""
    err = np.abs(estimate - certified)
    rel = np.where(certified == 0, err, err / np.where(certified == 0, 1.0, np.abs(certified)))
    with np.errstate(divide="ignore"):
        return np.minimum(15.0, -np.log10(rel))


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
