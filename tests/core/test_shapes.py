"""core.shapes: one wording for the shape checks at the core's edges."""

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.shapes import as_samples, as_vector, as_xy, same_shape


def test_as_xy_passes_float_arrays_through_without_a_copy():
    X, y = np.zeros((3, 2)), np.zeros(3)
    X2, y2 = as_xy(X, y)
    assert X2 is X and y2 is y
    X3, _ = as_xy([[1, 2]], [3])
    assert X3.dtype == np.float64


@pytest.mark.parametrize(
    "X, y, words",
    [
        (np.zeros(3), np.zeros(3), "2-D"),
        (np.zeros((3, 1)), np.zeros((3, 1)), r"\(n, n\)"),
        (np.zeros((3, 1)), np.zeros((3, 2)), "1-D"),
        (np.zeros((3, 1)), np.zeros(2), "rows"),
    ],
)
def test_as_xy_explains_what_is_wrong(X, y, words):
    with pytest.raises(ValueError, match=words):
        as_xy(X, y)


def test_every_data_entry_point_refuses_column_labels_alike():
    X, col = np.zeros((4, 1)), np.zeros((4, 1))
    for call in (lambda: core.least_squares(X, col), lambda: core.SGDTrainer(X, col),
                 lambda: core.Dataset(X, col), lambda: core.SufficientStats.from_data(X, col)):
        with pytest.raises(ValueError, match=r"\(n, 1\) labels broadcast"):
            call()


def test_as_vector_takes_scalars_and_refuses_rows_and_columns():
    assert as_vector(2.0, 1).tolist() == [2.0]
    assert as_vector([1, 2]).tolist() == [1.0, 2.0]
    for bad, size in ((np.zeros((1, 2)), 2), (np.zeros((2, 1)), 2), ([1.0], 2), ([], None)):
        with pytest.raises(ValueError, match="shape"):
            as_vector(bad, size)


def test_same_shape_and_as_samples():
    with pytest.raises(ValueError, match=r"\(n, n\)"):
        same_shape(np.zeros((3, 1)), np.zeros(3))
    with pytest.raises(ValueError, match="1-D"):
        as_samples(np.zeros((3, 1)))
    assert as_samples([1, 2]).dtype == np.float64
