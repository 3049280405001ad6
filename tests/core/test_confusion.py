"""confusion_matrix: counts by (true, predicted), against a plain loop and its invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linreg_lab import core
from linreg_lab.core.confusion import confusion_matrix


def test_small_example_by_hand() -> None:
    labels = [0, 0, 1, 2, 2, 2]
    predicted = [0, 1, 1, 2, 0, 2]
    expected = np.array([[1, 1, 0],
                         [0, 1, 0],
                         [1, 0, 2]])
    np.testing.assert_array_equal(confusion_matrix(labels, predicted, 3), expected)


@given(st.integers(2, 10).flatmap(lambda k: st.tuples(
    st.just(k), st.lists(st.tuples(st.integers(0, k - 1), st.integers(0, k - 1)),
                         max_size=200))))
def test_matches_a_loop_and_sums_to_the_class_counts(case) -> None:
    k, pairs = case
    labels = np.array([p[0] for p in pairs], dtype=np.intp)
    predicted = np.array([p[1] for p in pairs], dtype=np.intp)
    counts = confusion_matrix(labels, predicted, k)
    loop = np.zeros((k, k), dtype=np.intp)
    for i, j in pairs:
        loop[i, j] += 1
    np.testing.assert_array_equal(counts, loop)
    np.testing.assert_array_equal(counts.sum(axis=1), np.bincount(labels, minlength=k))
    if pairs:
        assert np.trace(counts) / len(pairs) == pytest.approx(np.mean(labels == predicted))


def test_trainer_predictions_give_its_accuracy() -> None:
    data = core.gaussian_clusters(3, 90, spread=2.0, seed=3)
    trainer = core.SoftmaxTrainer(data.X, data.labels, num_classes=3, seed=3)
    trainer.step(40)
    X, y = trainer.training_set
    counts = core.confusion_matrix(y, trainer.predict(X), 3)
    assert np.trace(counts) / counts.sum() == pytest.approx(trainer.accuracy())


def test_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="predicted"):
        confusion_matrix([0, 1], [0], 2)
    with pytest.raises(ValueError, match="num_classes"):
        confusion_matrix([0, 3], [0, 1], 3)

