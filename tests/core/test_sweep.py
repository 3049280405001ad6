"""Hyperparameter sweeps and the 1/√n estimation error of least squares."""

import math

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.sweep import (
    estimation_error_curve,
    loglog_slope,
    reference_line,
    sweep,
)


@pytest.fixture(scope="module")
def split():
    X, y = core.synthetic_data(np.array([2.0, -3.4]), 4.2, 120, noise_std=0.5, seed=3)
    return X[:90], y[:90], X[90:], y[90:]


def run(split, **kw):
    X, y, Xv, yv = split
    args = dict(param="lr", values=[0.01, 0.1], num_epochs=3, base=dict(batch_size=10, seed=7))
    args.update(kw)
    return sweep(X, y, Xv, yv, **args)


def test_one_result_per_value_with_curves_from_epoch_zero(split):
    results = run(split, values=[0.003, 0.03, 0.3])
    assert [r.value for r in results] == [0.003, 0.03, 0.3]
    for r in results:
        assert r.param == "lr" and not r.diverged
        assert list(r.epochs) == [0, 1, 2, 3]
        assert r.train_curve.shape == r.val_curve.shape == (4,)
        assert r.steps == 3 * 9
        assert r.final_train_loss == pytest.approx(r.train_curve[-1])
        assert r.final_val_loss == pytest.approx(r.val_curve[-1])
    # same seed, same start: the epoch-0 losses agree; a larger lr gets further in 3 epochs
    assert len({r.val_curve[0] for r in results}) == 1
    finals = [r.final_val_loss for r in results]
    assert finals[0] > finals[1] > finals[2]


def test_sweep_matches_a_plain_trainer_and_is_deterministic(split):
    X, y, Xv, yv = split
    a, b = run(split), run(split)
    for ra, rb in zip(a, b, strict=True):
        np.testing.assert_array_equal(ra.val_curve, rb.val_curve)
    t = core.SGDTrainer(X, y, lr=0.1, batch_size=10, seed=7, X_val=Xv, y_val=yv)
    t.step(t.steps_to_epoch(3))
    assert a[1].final_train_loss == t.loss()
    assert a[1].final_val_loss == t.val_loss()


def test_values_share_the_seed_same_first_minibatch(split):
    lr_runs = run(split, values=[0.001, 0.01, 0.1])
    first = lr_runs[0].first_batch
    assert first.shape == (10,)
    for r in lr_runs[1:]:
        np.testing.assert_array_equal(r.first_batch, first)
    # batch sizes: the same shuffled order, so each first batch is a prefix of the longest
    bs_runs = run(split, param="batch_size", values=[1, 5, 30])
    longest = bs_runs[-1].first_batch
    for r, bs in zip(bs_runs, (1, 5, 30), strict=True):
        np.testing.assert_array_equal(r.first_batch, longest[:bs])
        assert r.value == bs and r.steps == 3 * math.ceil(90 / bs)


def test_too_large_lr_is_reported_as_diverged_with_finite_numbers(split):
    small, huge = run(split, values=[0.05, 50.0], num_epochs=5)
    assert not small.diverged and huge.diverged
    assert huge.divergence_reason
    assert huge.epochs.size < 6  # stopped before the last epoch
    assert np.isfinite(huge.train_curve).all() and np.isfinite(huge.val_curve).all()
    assert np.isfinite(huge.final_train_loss) and np.isfinite(huge.final_val_loss)
    assert huge.final_train_loss > 1e3 * small.final_train_loss


def test_without_validation_set_val_is_none(split):
    X, y, _, _ = split
    (r,) = sweep(X, y, None, None, param="lr", values=[0.03], num_epochs=1, base={"seed": 1})
    assert r.val_curve is None and r.final_val_loss is None
    assert r.train_curve.shape == (2,)


def test_missing_seed_is_still_shared(split):
    a, b = run(split, base={"batch_size": 10})
    np.testing.assert_array_equal(a.first_batch, b.first_batch)
    assert a.val_curve[0] == b.val_curve[0]


def test_cancel_and_progress(split):
    calls = []
    assert run(split, should_cancel=lambda: True) is None
    run(split, progress=calls.append)
    assert calls and calls[-1] == pytest.approx(1.0)
    assert all(0 <= f <= 1 for f in calls) and calls == sorted(calls)


@pytest.mark.parametrize("kw", [
    {"param": "momentum"}, {"values": []}, {"num_epochs": 0}, {"values": [-0.1]},
    {"param": "batch_size", "values": [0]},
])
def test_bad_arguments_raise(split, kw):
    with pytest.raises(ValueError):
        run(split, **kw)


def test_empty_training_set_raises():
    with pytest.raises(ValueError, match="empty"):
        sweep(np.empty((0, 1)), np.empty(0), param="lr", values=[0.1], num_epochs=1)


# ----------------------------------------------------------------------- estimation error


def test_estimation_error_falls_like_one_over_root_n():
    sizes = [10, 100, 1000, 10000, 100000]
    curve = estimation_error_curve([2.0, -3.4], 4.2, sizes, noise_std=1.0, seed=0, repeats=5)
    assert curve.errors.shape == (5, 5)
    assert np.all(np.diff(curve.mean) < 0)
    assert -0.7 < curve.slope < -0.3
    assert (curve.std > 0).all()
    # the level: ‖θ̂ − θ‖ ≈ σ·√(p/n) for standard normal features, p = 3 parameters
    assert curve.mean[-1] == pytest.approx(math.sqrt(3 / 1e5), rel=0.5)


def test_estimation_error_is_deterministic_and_per_size_seeded():
    a = estimation_error_curve([2.0], 4.2, [20, 200], noise_std=0.3, seed=5, repeats=3)
    b = estimation_error_curve([2.0], 4.2, [200], noise_std=0.3, seed=5, repeats=3)
    c = estimation_error_curve([2.0], 4.2, [20, 200], noise_std=0.3, seed=6, repeats=3)
    np.testing.assert_array_equal(a.errors[:, 1], b.errors[:, 0])
    assert not np.array_equal(a.errors, c.errors)


@pytest.mark.parametrize("noise", ["laplace", "outliers"])
def test_other_noise_types_also_shrink(noise):
    curve = estimation_error_curve([1.0], 0.0, [20, 200, 2000, 20000], noise_std=1.0,
                                   noise=noise, seed=1, repeats=4)
    assert -0.8 < curve.slope < -0.3


def test_estimation_rejects_too_few_examples_and_cancels():
    with pytest.raises(ValueError):
        estimation_error_curve([1.0, 2.0], 0.0, [2, 10], noise_std=1.0)
    assert estimation_error_curve([1.0], 0.0, [10], noise_std=1.0,
                                  should_cancel=lambda: True) is None


def test_slope_and_reference_line():
    n = np.array([10.0, 100.0, 1000.0])
    v = 3.0 / np.sqrt(n)
    assert loglog_slope(n, v) == pytest.approx(-0.5)
    np.testing.assert_allclose(reference_line(n, v), v)
    assert math.isnan(loglog_slope([10], [1.0]))
    assert np.isnan(reference_line(n, np.zeros(3))).all()
