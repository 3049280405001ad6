"""core.formula: what the formula panel chooses to show, tested without Qt."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.formula import (
    MAX_MATRIX_FEATURES,
    UpdateRow,
    model_form,
    normal_equation_view,
    shown_indices,
    update_rows,
)


@pytest.mark.parametrize(("d", "form"), [(1, "scalar"), (2, "sum"), (4, "sum"),
                                         (5, "vector"), (50, "vector")])
def test_model_form_by_dimension(d: int, form: str) -> None:
    assert model_form(d) == form


def test_shown_indices_short_vectors_are_complete() -> None:
    assert shown_indices(3) == [0, 1, 2]
    assert shown_indices(6, limit=6) == list(range(6))


@pytest.mark.parametrize("d", [7, 10, 1000])
def test_shown_indices_long_vectors_keep_head_and_tail(d: int) -> None:
    idx = shown_indices(d, limit=6)
    assert len(idx) == 6
    assert idx == [0, 1, 2, 3, None, d - 1]


def _stepped_trainer(d: int, steps: int) -> core.SGDTrainer:
    X, y = core.synthetic_data(np.arange(1.0, d + 1), 0.5, 37, seed=1)
    t = core.SGDTrainer(X, y, lr=0.05, batch_size=10, seed=3)
    t.step(steps)
    return t


def test_update_rows_follow_the_last_record() -> None:
    t = _stepped_trainer(2, 4)
    rec = t.last_update
    rows = update_rows(rec)
    assert [r.index for r in rows] == [0, 1, None]
    for j, row in enumerate(rows[:2]):
        assert row == UpdateRow(j, rec.w_before[j], rec.grad_w[j], rec.w_after[j])
        assert row.after == pytest.approx(row.before - rec.lr * row.grad, rel=1e-12)
    b = rows[-1]
    assert (b.before, b.grad, b.after) == (rec.b_before, rec.grad_b, rec.b_after)
    assert [r.after for r in rows[:2]] == list(t.w)
    assert b.after == t.b


def test_update_rows_elide_the_middle_of_many_weights() -> None:
    rec = _stepped_trainer(9, 1).last_update
    rows = update_rows(rec, limit=6)
    assert [None if r is None else r.index for r in rows] == [0, 1, 2, 3, None, 8, None]
    assert rows[4] is None and rows[-1].index is None  # the ellipsis, then b


def test_normal_equation_view_small_designs_match_the_solver_pieces() -> None:
    X, y = core.synthetic_data([2.0, -1.0], 3.0, 20, seed=0)
    xtx, xty = normal_equation_view(X, y)
    ref_xtx, ref_xty = core.normal_equation_pieces(X, y)
    np.testing.assert_array_equal(xtx, ref_xtx)
    np.testing.assert_array_equal(xty, ref_xty)
    assert xtx.shape == (3, 3)
    assert xtx[2, 2] == 20  # the column of ones: n


def test_normal_equation_view_hides_large_or_empty_designs() -> None:
    X, y = core.synthetic_data(np.ones(MAX_MATRIX_FEATURES + 1), 0.0, 10, seed=0)
    assert normal_equation_view(X, y) is None
    assert normal_equation_view(np.empty((0, 1)), np.empty(0)) is None


def test_normal_equation_view_of_large_data_comes_from_their_statistics() -> None:
    from linreg_lab.core.formula import DIRECT_MAX_ENTRIES

    n = DIRECT_MAX_ENTRIES  # two features: over the limit of entries computed directly
    X, y = core.synthetic_data([2.0, -1.0], 3.0, n, seed=1)
    X = X + 50.0  # off-centre, as real data are: the centred moments must add the means back
    stats = core.SufficientStats.from_data(X, y)
    xtx, xty = normal_equation_view(X, y, stats=stats)
    ref_xtx, ref_xty = core.normal_equation_pieces(X, y)
    np.testing.assert_allclose(xtx, ref_xtx, rtol=1e-12)
    np.testing.assert_allclose(xty, ref_xty, rtol=1e-12)
    edited = stats.with_example_moved((X[0], float(y[0])), (X[0] + 1.0, float(y[0]) - 2.0))
    X2, y2 = X.copy(), y.copy()
    X2[0] += 1.0
    y2[0] -= 2.0
    xtx2, xty2 = normal_equation_view(X2, y2, stats=edited)
    ref_xtx2, ref_xty2 = core.normal_equation_pieces(X2, y2)
    np.testing.assert_allclose(xtx2, ref_xtx2, rtol=1e-12)
    np.testing.assert_allclose(xty2, ref_xty2, rtol=1e-12)
