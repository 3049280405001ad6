"""Losses: values on hand-checked numbers, gradients against central finite differences."""

import numpy as np
import pytest

from linreg_lab.core.losses import (
    LOSSES,
    absolute_loss,
    absolute_loss_grad,
    get_loss,
    huber_loss,
    huber_loss_grad,
    squared_loss,
    squared_loss_grad,
)
from linreg_lab.core.notation import LOSS_KINDS, LossKind


def test_squared_loss_is_half_the_squared_residual_elementwise():
    out = squared_loss(np.array([3.0, -1.0, 0.5]), np.array([1.0, 1.0, 0.5]))
    np.testing.assert_array_equal(out, [2.0, 2.0, 0.0])


def test_absolute_and_huber_values():
    y_hat, y = np.array([3.0, -1.0, 0.5, 0.0]), np.array([1.0, 1.0, 0.0, 0.0])
    np.testing.assert_array_equal(absolute_loss(y_hat, y), [2.0, 2.0, 0.5, 0.0])
    # |r| = 2 > delta: delta * (|r| - delta / 2) = 1.5; |r| = 0.5 <= delta: r² / 2
    np.testing.assert_allclose(huber_loss(y_hat, y, delta=1.0), [1.5, 1.5, 0.125, 0.0])


@pytest.mark.parametrize(
    "fn", [squared_loss, absolute_loss, huber_loss, squared_loss_grad, huber_loss_grad]
)
def test_column_against_vector_is_rejected_not_broadcast(fn):
    with pytest.raises(ValueError, match="shape"):
        fn(np.zeros((5, 1)), np.zeros(5))


def _residuals_away_from_kinks(rng, delta, size=200):
    r = rng.uniform(-4, 4, size)
    keep = (np.abs(r) > 1e-2) & (np.abs(np.abs(r) - delta) > 1e-2)
    return r[keep]


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("delta", [0.3, 1.0, 2.5])
def test_gradient_matches_central_differences(name, delta):
    rng = np.random.default_rng(7)
    loss = get_loss(name)
    r = _residuals_away_from_kinks(rng, delta)
    y = rng.normal(size=r.size)
    y_hat = y + r
    h = 1e-6
    numeric = (loss.value(y_hat + h, y, delta=delta) - loss.value(y_hat - h, y, delta=delta)) / (
        2 * h
    )
    np.testing.assert_allclose(loss.grad(y_hat, y, delta=delta), numeric, rtol=1e-6, atol=1e-7)


def test_public_gradient_functions_agree_with_registry():
    rng = np.random.default_rng(1)
    y_hat, y = rng.normal(size=50), rng.normal(size=50)
    np.testing.assert_array_equal(squared_loss_grad(y_hat, y), y_hat - y)
    np.testing.assert_array_equal(absolute_loss_grad(y_hat, y), LOSSES["absolute"].grad(y_hat, y))
    np.testing.assert_array_equal(
        huber_loss_grad(y_hat, y, 0.5), LOSSES["huber"].grad(y_hat, y, delta=0.5)
    )


def test_huber_is_squared_inside_delta_and_continuous_at_it():
    r = np.linspace(-0.9, 0.9, 19)
    np.testing.assert_allclose(huber_loss(r, np.zeros_like(r)), squared_loss(r, np.zeros_like(r)))
    delta = 1.5
    eps = 1e-9
    inside = huber_loss(np.array([delta - eps]), np.zeros(1), delta)
    outside = huber_loss(np.array([delta + eps]), np.zeros(1), delta)
    assert abs(inside[0] - outside[0]) < 1e-8
    assert huber_loss_grad(np.array([10.0, -10.0]), np.zeros(2), delta).tolist() == [1.5, -1.5]


def test_absolute_subgradient_at_zero_is_zero():
    assert absolute_loss_grad(np.array([2.0]), np.array([2.0]))[0] == 0.0


def test_get_loss_names_and_errors():
    assert set(LOSSES) == {"squared", "absolute", "huber"}
    assert all(get_loss(name).name == name for name in LOSSES)
    with pytest.raises(ValueError, match="squared"):
        get_loss("hinge")
    with pytest.raises(ValueError, match="delta"):
        huber_loss(np.zeros(2), np.zeros(2), delta=0.0)


def test_losses_follow_the_shared_vocabulary():
    assert tuple(LOSSES) == LOSS_KINDS
    assert all(LOSSES[kind].name == kind for kind in LossKind)
