"""The learning-rate limits: exact for full batches, a mean-square guarantee for small ones."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.stability import (
    ABOVE_FULL_BATCH,
    ABOVE_MINIBATCH,
    LearningRateCheck,
    StabilityLimits,
    suggested_lr,
)


@pytest.fixture(scope="module")
def d2l_data() -> tuple[np.ndarray, np.ndarray]:
    return core.synthetic_data(np.array([2.0, -3.4]), 4.2, 1000, seed=0)


def test_full_batch_limit_is_the_trainers_and_falls_with_the_batch(d2l_data) -> None:
    X, y = d2l_data
    limits, trainer = StabilityLimits(X), core.SGDTrainer(X, y)
    full = trainer.stability_limit()
    assert limits.full_batch() == pytest.approx(full, rel=1e-12)
    assert limits.for_batch(1000) == limits.full_batch() == limits.for_batch(5000)
    by_batch = [trainer.stability_limit(b) for b in (1, 2, 10, 100, 999)]
    assert by_batch == sorted(by_batch) and by_batch[-1] < full
    assert by_batch[0] < 0.5 * full  # batch 1 is far less stable than full batches


def _expected_shrink(X: np.ndarray, b: int, lr: float, e: np.ndarray) -> float:
    """E‖(I − ηH_B)e‖² / ‖e‖² over every batch of b examples (drawn without replacement)."""
    Z = np.column_stack([X, np.ones(len(X))])
    out = [np.linalg.norm(e - lr * (Z[list(B)].T @ (Z[list(B)] @ e)) / b) ** 2
           for B in combinations(range(len(X)), b)]
    return float(np.mean(out)) / float(e @ e)


def test_minibatch_limit_is_where_the_mean_squared_error_stops_shrinking() -> None:
    """Enumerating every batch: just below the limit every direction shrinks on average,
    just above it some direction grows (so the limit is sharp, not just safe)."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 2)) * [1.0, 3.0] + [0.5, 0.0]
    limit = StabilityLimits(X).for_batch(2)
    directions = [rng.normal(size=3) for _ in range(200)]
    assert max(_expected_shrink(X, 2, 0.99 * limit, e) for e in directions) < 1.0
    # the worst direction: the top generalised eigenvector, found from a fine search
    Z = np.column_stack([X, np.ones(7)])
    H = Z.T @ Z / 7
    lam, V = np.linalg.eigh(H)
    W = V / np.sqrt(lam)
    S = (Z * (Z**2).sum(1)[:, None]).T @ Z / 7
    M = H @ H + (S - H @ H) * (7 - 2) / (2 * 6)
    _, U = np.linalg.eigh(W.T @ M @ W)
    worst = W @ U[:, -1]
    assert _expected_shrink(X, 2, 1.01 * limit, worst) > 1.0


def test_batch_one_diverges_below_the_full_batch_limit_but_not_below_the_suggestion(
        d2l_data) -> None:
    """The issue's case: batch 1 at 0.95× 2/λmax diverges; the check says so beforehand, and
    its suggestion trains."""
    X, y = d2l_data
    full = core.SGDTrainer(X, y).stability_limit()
    fast = core.SGDTrainer(X, y, lr=0.95 * full, batch_size=1, seed=0)
    fast.step(5000)
    assert fast.diverged
    check = LearningRateCheck(0.95 * full, 1, 1000, full, fast.stability_limit(1))
    assert check.risk == ABOVE_MINIBATCH and not check.full_batch
    calm = core.SGDTrainer(X, y, lr=check.suggestion, batch_size=1, seed=0)
    calm.step(5000)
    assert not calm.diverged


def test_risk_and_the_one_suggestion() -> None:
    full = LearningRateCheck(2.5, 80, 80, 1.997, 1.997)
    assert full.risk == ABOVE_FULL_BATCH and full.full_batch
    assert full.suggestion == 0.99  # half of 1.997, rounded down to two digits
    assert LearningRateCheck(1.9, 80, 80, 1.997, 1.997).risk is None  # exact at full batch
    assert LearningRateCheck(1.9, 10, 80, 1.997, 1.5).risk == ABOVE_MINIBATCH
    assert LearningRateCheck(1.4, 10, 80, 1.997, 1.5).risk is None
    assert LearningRateCheck(3.0, 10, 80, 1.997, 1.5).risk == ABOVE_FULL_BATCH


@pytest.mark.parametrize("limit", [1.997, 2.0, 0.013, 7.3e-9, 4.2e5])
def test_suggested_lr_is_below_half_the_limit_with_two_digits(limit: float) -> None:
    lr = suggested_lr(limit)
    assert 0.45 * limit <= lr <= 0.5 * limit
    assert float(f"{lr:.2g}") == lr  # two significant digits, a number one can type
    assert np.isnan(suggested_lr(float("inf"))) and np.isnan(suggested_lr(float("nan")))


def test_limits_edited_by_one_point_equal_the_limits_built_again(d2l_data) -> None:
    X, _ = d2l_data
    limits = StabilityLimits(X)
    moved = X.copy()
    moved[7] = [3.0, -2.5]
    added = np.vstack([X, [[1.5, 0.5]]])
    removed = np.delete(X, 11, axis=0)
    for edited, rebuilt in (
            (limits.edited(X[7], moved[7]), StabilityLimits(moved)),
            (limits.edited(None, added[-1]), StabilityLimits(added)),
            (limits.edited(X[11], None), StabilityLimits(removed))):
        assert edited is not None and edited.n_examples == rebuilt.n_examples
        assert edited.full_batch() == pytest.approx(rebuilt.full_batch(), rel=1e-9)
        for b in (1, 10, 100):
            assert edited.for_batch(b) == pytest.approx(rebuilt.for_batch(b), rel=1e-9)
    assert limits.edited(X[0], np.array([1e300, 0.0])) is None  # too far off this scale
