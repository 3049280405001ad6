"""The Data menu's built-in sets: what each is known for holds in the core."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab.core import builtin_data
from linreg_lab.core.solvers import least_squares
from tests.nist_strd import NIST_DIR, lre


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_anscombe_sets_share_one_line_and_their_moments(number):
    ds = builtin_data.anscombe(number)
    assert ds.n_examples == 11 and ds.feature_names == ("x",)
    sol = least_squares(ds.X, ds.y)
    assert sol.b == pytest.approx(3.00, abs=0.005) and sol.w[0] == pytest.approx(0.500, abs=5e-4)
    assert ds.X.mean() == 9.0 and ds.y.mean() == pytest.approx(7.50, abs=0.005)
    assert np.var(ds.X, ddof=1) == 11.0


def test_anscombe_sets_differ_where_it_matters():
    residuals = []
    for number in (1, 2, 3, 4):
        ds = builtin_data.anscombe(number)
        sol = least_squares(ds.X, ds.y)
        residuals.append(ds.y - ds.X @ sol.w - sol.b)
    assert len({r.round(3).tobytes() for r in residuals}) == 4
    assert np.unique(builtin_data.anscombe(4).X).size == 2  # ten equal x and one far away
    with pytest.raises(ValueError, match="1 to 4"):
        builtin_data.anscombe(5)


@pytest.mark.parametrize("name, digits", [("Norris", 14.0), ("Longley", 14.5)])
def test_nist_sets_reach_their_certified_values(name, digits):
    ds, problem = builtin_data.nist(name)
    assert (NIST_DIR / f"{name}.dat").read_bytes() == builtin_data._resource(
        f"{name}.dat").read_bytes()  # the shipped copy is NIST's file
    sol = least_squares(ds.X, ds.y)
    certified = np.array([float(c) for c in problem.certified])
    assert lre(np.append(sol.b, sol.w), certified).min() >= digits
    assert ds.n_features == (6 if name == "Longley" else 1)


def test_house_prices_follow_the_documented_model():
    ds = builtin_data.house_prices()
    assert ds == builtin_data.house_prices()  # the same every time
    assert ds.feature_names == ("area (m²)", "age (years)") and ds.n_examples == 200
    assert ds.X[:, 0].min() >= 40 and ds.X[:, 0].max() <= 160 and set(ds.X[:, 1]) <= set(
        range(31))
    sol = least_squares(ds.X, ds.y)
    np.testing.assert_allclose(sol.w, builtin_data.HOUSE_W, atol=0.5)
    assert builtin_data.house_prices(seed=1) != ds


def test_a_file_that_is_not_strd_is_named_so():
    with pytest.raises(ValueError, match="not an StRD file"):
        builtin_data.parse_strd("just\nsome\ntext\n")
