"""Softmax and cross-entropy: stable against a 60-digit reference, naive failing as taught."""

from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab.core.softmax import (
    accuracy,
    as_labels,
    cross_entropy,
    cross_entropy_naive,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
    softmax_naive,
)

ULP = np.finfo(float).eps


def reference_cross_entropy(o, y):
    """−log softmax(o)_y by its definition in decimal arithmetic, from the exact binary values
    of o, with 40 significant digits left after ln(1 + tiny) has cancelled the leading ones."""
    gap = o[y] - max(v for j, v in enumerate(o) if j != y)  # loss ≈ exp(−gap) when gap ≫ 1
    with localcontext() as ctx:
        ctx.prec, ctx.Emax, ctx.Emin = 40 + max(0, int(gap / 2.3)), 10**7, -(10**7)
        logits = [Decimal(float(v)) for v in o]
        total = sum((v.exp() for v in logits), Decimal(0))
        return float(total.ln() - logits[y])


EXTREME_ROWS = [
    ([1000.0, 0.0, -1000.0], 0),  # exp(1000) overflows a double
    ([1000.0, 0.0, -1000.0], 2),  # the loss is 2000
    ([-1000.0, -1000.5, -2000.0], 1),  # every exp underflows
    ([709.0, 710.0, 711.0], 0),
    ([50.0, 0.0], 0),  # a loss of 2e-22: log(1 + tiny) must not round to 0
    ([700.0, 0.0, 1.0], 0),  # a loss of 3e-304, near the smallest normal double
    ([30.0, 30.0 + 1e-9], 1),
    ([1e5, -1e5, 3.0, 99999.0], 3),
]


@pytest.mark.parametrize(("o", "y"), EXTREME_ROWS)
def test_stable_loss_matches_a_high_precision_reference_on_extreme_logits(o, y):
    got = cross_entropy([o], [y])[0]
    want = reference_cross_entropy(o, y)
    assert np.isfinite(got)
    assert abs(got - want) <= 4 * ULP * abs(want) + 5e-324


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=6), st.data())
def test_stable_loss_matches_the_reference_on_random_logits(o, data):
    y = data.draw(st.integers(0, len(o) - 1))
    got = cross_entropy([o], [y])[0]
    want = reference_cross_entropy(o, y)
    # o_j − max o rounds by up to ε·max|o|, which exp turns into a relative error of that size
    # (the condition of the problem itself, not of the formula); the rest is a few ulps
    assert abs(got - want) <= (8 + 2 * max(map(abs, o))) * ULP * abs(want) + 5e-324


def test_naive_formulas_overflow_and_take_log_of_zero_where_stable_ones_do_not():
    big = np.array([[1000.0, 0.0]])
    assert np.isnan(softmax_naive(big)).any()  # inf / inf
    assert np.allclose(softmax(big), [[1.0, 0.0]])
    apart = np.array([[0.0, -1000.0]])  # exp(−1000) underflows to 0: log(0)
    assert cross_entropy_naive(softmax_naive(apart), [1])[0] == np.inf
    assert cross_entropy(apart, [1])[0] == 1000.0


def test_naive_and_stable_agree_on_ordinary_logits():
    o = np.random.default_rng(1).normal(size=(50, 4)) * 3
    y = np.arange(50) % 4
    assert np.allclose(softmax_naive(o), softmax(o), rtol=1e-14, atol=0)
    assert np.allclose(cross_entropy_naive(softmax(o), y), cross_entropy(o, y), rtol=1e-12)


def test_softmax_rows_sum_to_one_and_log_softmax_is_its_log():
    o = np.random.default_rng(2).integers(-800, 800, size=(20, 5)).astype(float)
    p = softmax(o)
    assert np.allclose(p.sum(axis=1), 1.0, rtol=0, atol=4 * ULP)
    assert (p >= 0).all()
    assert np.allclose(np.exp(log_softmax(o)), p, rtol=1e-12, atol=1e-300)
    assert np.allclose(logsumexp(o), o.max(axis=1) + np.log(np.exp(o - o.max(1, keepdims=True))
                                                           .sum(axis=1)))
    assert np.array_equal(softmax(o), softmax(o + 1e3))  # adding to every logit: no change


def test_cross_entropy_is_minus_log_softmax_of_the_own_class():
    rng = np.random.default_rng(3)
    o, y = rng.normal(size=(30, 3)), rng.integers(0, 3, 30)
    assert np.allclose(cross_entropy(o, y), -log_softmax(o)[np.arange(30), y], rtol=1e-13)


def test_one_hot_and_labels():
    assert np.array_equal(one_hot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert as_labels(np.array([1.0, 2.0])).tolist() == [1, 2]
    for bad in ([1.5], [-1], [[0, 1]], ["a"]):
        with pytest.raises(ValueError):
            as_labels(bad)
    with pytest.raises(ValueError, match="num_classes"):
        one_hot([3], 3)
    with pytest.raises(ValueError, match="rows of logits"):
        cross_entropy([[0.0, 1.0]], [0, 1])


def test_accuracy_counts_argmax_hits():
    o = np.array([[2.0, 1.0], [0.0, 3.0], [5.0, 4.0], [1.0, 0.0]])
    assert accuracy(o, [0, 1, 1, 1]) == 0.5
