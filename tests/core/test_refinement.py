"""Double-double arithmetic and the augmented-system solver behind the refinement."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab.core.double_double import dd_dot_columns, dd_mul, dd_sum, two_prod, two_sum
from linreg_lab.core.refinement import AugmentedQR

# finite doubles whose products neither overflow nor lose bits to underflow
_moderate = st.floats(min_value=-1e150, max_value=1e150, allow_nan=False).filter(
    lambda v: v == 0.0 or abs(v) > 1e-140
)


def _exact(pair: tuple[np.ndarray, np.ndarray]) -> list[Fraction]:
    return [Fraction(h) + Fraction(lo) for h, lo in zip(pair[0].tolist(), pair[1].tolist(),
                                                         strict=True)]


@settings(max_examples=200, deadline=None)
@given(a=_moderate, b=_moderate)
def test_two_sum_and_two_prod_are_error_free(a: float, b: float) -> None:
    x, y = np.array([a]), np.array([b])
    assert _exact(two_sum(x, y)) == [Fraction(a) + Fraction(b)]
    assert _exact(two_prod(x, y)) == [Fraction(a) * Fraction(b)]


def test_dd_sum_and_dot_keep_about_32_digits_under_cancellation() -> None:
    rng = np.random.default_rng(0)
    big = rng.standard_normal((1001, 3)) * 1e8
    v = np.concatenate([big, -big, rng.standard_normal((5, 3))])  # sums to the last 5 rows
    exact = [sum(Fraction(t) for t in v[:, j].tolist()) for j in range(3)]
    got = _exact(dd_sum((v, np.zeros_like(v))))
    assert all(abs(g - e) <= Fraction(1, 10**20) for g, e in zip(got, exact, strict=True))
    ones = (np.ones_like(v), np.zeros_like(v))
    np.testing.assert_array_equal(dd_dot_columns(ones, v[:, 0]), float(exact[0]))


def test_dd_mul_is_accurate_to_eps_squared() -> None:
    a, b = (np.array([1.0 / 3.0]), np.array([1e-17 / 3.0])), (np.array([3.0]), np.array([0.0]))
    prod = _exact(dd_mul(a, b))[0]
    want = (Fraction(1.0 / 3.0) + Fraction(1e-17 / 3.0)) * 3
    assert abs(prod - want) <= Fraction(1, 10**31)


def test_augmented_solve_matches_the_explicit_system() -> None:
    """(dr, dθ) solve [I G; Gᵀ 0][dr; dθ] = [f; g] for G = [1, F − m]."""
    rng = np.random.default_rng(1)
    n, d = 12, 3
    F = rng.standard_normal((n, d)) * [1.0, 10.0, 0.1] + 5.0
    m = F.mean(axis=0)
    system = AugmentedQR.of(F - m, m, intercept=True)
    f, g = rng.standard_normal(n), rng.standard_normal(d + 1)
    dw, db, dr = system.solve(f, g)
    G = np.column_stack([np.ones(n), F - m])
    K = np.block([[np.eye(n), G], [G.T, np.zeros((d + 1, d + 1))]])
    sol = np.linalg.solve(K, np.append(f, g))
    np.testing.assert_allclose(dr, sol[:n], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dw, sol[n + 1 :], rtol=1e-10)
    assert db == pytest.approx(sol[n] - m @ sol[n + 1 :], rel=1e-10)
