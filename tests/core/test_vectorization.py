"""Vectorisation timers: positive times, prompt cancellation, like compared with like."""

import numpy as np
import pytest

from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.vectorization import _loop_epoch, time_sgd_epoch, time_vector_addition


def test_vector_addition_times_are_positive_and_progress_reaches_one():
    fractions = []
    result = time_vector_addition(3000, progress=fractions.append)
    assert result is not None
    loop_s, vec_s = result
    assert loop_s > 0 and vec_s > 0
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len(fractions) > 1


def test_cancellation_returns_none_promptly():
    polls = []

    def cancel_on_third_poll():
        polls.append(1)
        return len(polls) >= 3

    fractions = []
    result = time_vector_addition(
        1_000_000, progress=fractions.append, should_cancel=cancel_on_third_poll
    )
    assert result is None
    assert len(polls) == 3  # stopped at the first poll that said so
    assert len(fractions) == 2 and fractions[-1] < 0.05


def test_invalid_size_is_rejected():
    with pytest.raises(ValueError):
        time_vector_addition(0)


def test_sgd_epoch_timer_returns_positive_times():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    y = X @ np.array([2.0, -3.4]) + 4.2
    loop_s, vec_s = time_sgd_epoch(X, y, 10, 0.03, seed=1)
    assert loop_s > 0 and vec_s > 0


@pytest.mark.parametrize("batch_size", [1, 7, 50])
def test_per_example_loop_computes_the_same_epoch_as_the_trainer(batch_size):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 1.0 + rng.normal(0, 0.1, 50)
    t = SGDTrainer(X, y, lr=0.05, batch_size=batch_size, seed=9, w0=np.zeros(3))
    t.run_epoch()
    w, b = _loop_epoch(X, y, np.random.default_rng(9).permutation(50), batch_size, 0.05)
    np.testing.assert_allclose(w, t.w, rtol=1e-12, atol=1e-14)
    assert b == pytest.approx(t.b, rel=1e-12)
