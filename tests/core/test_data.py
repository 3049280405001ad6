"""synthetic_data, Dataset and train_val_split: shapes, determinism, immutability, checks."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab.core.data import NOISE_TYPES, Dataset, synthetic_data, train_val_split
from linreg_lab.core.errors import DataError
from linreg_lab.core.notation import NOISE_KINDS, NoiseKind

W = np.array([2.0, -3.4])
B = 4.2


# --------------------------------------------------------------------------- synthetic_data


def test_shapes_follow_sklearn_and_labels_are_1d():
    X, y = synthetic_data(W, B, 1000, seed=0)
    assert X.shape == (1000, 2)
    assert y.shape == (1000,)
    assert X.dtype == y.dtype == np.float64


def test_labels_are_the_linear_model_plus_small_noise():
    X, y = synthetic_data(W, B, 5000, noise_std=0.01, seed=1)
    residual = y - (X @ W + B)
    assert abs(residual.mean()) < 0.01 * 5 / math.sqrt(5000)
    assert 0.0095 < residual.std() < 0.0105


def test_x_is_standard_normal_by_default():
    X, _ = synthetic_data(W, B, 20000, seed=2)
    assert np.all(np.abs(X.mean(axis=0)) < 0.03)
    assert np.all(np.abs(X.std(axis=0) - 1.0) < 0.03)


def test_zero_noise_gives_exact_labels():
    X, y = synthetic_data([1.5], -0.5, 50, noise_std=0.0, seed=3)
    np.testing.assert_allclose(y, 1.5 * X[:, 0] - 0.5, rtol=0, atol=1e-15)


@pytest.mark.parametrize("noise", NOISE_TYPES)
def test_same_seed_same_numbers_bit_for_bit(noise):
    a = synthetic_data(W, B, 200, noise_std=0.3, noise=noise, seed=42)
    b = synthetic_data(W, B, 200, noise_std=0.3, noise=noise, seed=42)
    c = synthetic_data(W, B, 200, noise_std=0.3, noise=noise, seed=43)
    assert a[0].tobytes() == b[0].tobytes() and a[1].tobytes() == b[1].tobytes()
    assert not np.array_equal(a[1], c[1])


def test_generator_seed_is_used_and_advanced():
    rng = np.random.default_rng(7)
    first = synthetic_data(W, B, 10, seed=rng)
    second = synthetic_data(W, B, 10, seed=rng)
    again = synthetic_data(W, B, 10, seed=np.random.default_rng(7))
    assert np.array_equal(first[0], again[0])
    assert not np.array_equal(first[0], second[0])


def test_unseeded_calls_differ():
    assert not np.array_equal(synthetic_data(W, B, 20)[0], synthetic_data(W, B, 20)[0])


def test_laplace_noise_has_the_requested_std_and_heavier_tails():
    X, y = synthetic_data(W, B, 200_000, noise_std=0.5, noise="laplace", seed=4)
    eps = y - (X @ W + B)
    assert abs(eps.std() - 0.5) < 0.01
    # Excess kurtosis: 3 for Laplace, 0 for Gaussian.
    kurt = np.mean((eps - eps.mean()) ** 4) / eps.var() ** 2 - 3.0
    assert 2.5 < kurt < 3.5


def test_gaussian_noise_kurtosis_is_normal():
    X, y = synthetic_data(W, B, 200_000, noise_std=0.5, seed=4)
    eps = y - (X @ W + B)
    kurt = np.mean((eps - eps.mean()) ** 4) / eps.var() ** 2 - 3.0
    assert abs(kurt) < 0.1


@pytest.mark.parametrize("n, expected", [(1, 1), (10, 1), (100, 5), (1000, 50), (30, 2)])
def test_outliers_shift_five_percent_at_least_one(n, expected):
    noise_std = 0.1
    X, y = synthetic_data(W, B, n, noise_std=noise_std, noise="outliers", seed=5)
    eps = y - (X @ W + B)
    far = np.abs(eps) > 20 * noise_std
    assert far.sum() == expected
    assert np.all(np.abs(eps[~far]) < 6 * noise_std)


def test_outliers_are_far_off_even_without_noise():
    X, y = synthetic_data([1.0], 0.0, 1, noise_std=0.0, noise="outliers", seed=6)
    assert abs(y[0] - X[0, 0]) >= 1.0


def test_outliers_keep_the_other_labels_identical_to_gaussian():
    Xg, yg = synthetic_data(W, B, 100, noise_std=0.2, noise="gaussian", seed=8)
    Xo, yo = synthetic_data(W, B, 100, noise_std=0.2, noise="outliers", seed=8)
    assert np.array_equal(Xg, Xo)
    assert np.sum(yg != yo) == 5


def test_x_range_draws_uniform_features():
    X, y = synthetic_data([2.0], 1.0, 5000, noise_std=0.0, seed=9, x_range=(-3, 5))
    assert X.min() >= -3 and X.max() < 5
    assert abs(X.mean() - 1.0) < 0.1
    assert abs(X.std() - 8 / math.sqrt(12)) < 0.05
    np.testing.assert_allclose(y, 2 * X[:, 0] + 1)


def test_zero_examples():
    X, y = synthetic_data(W, B, 0, seed=0, noise="outliers")
    assert X.shape == (0, 2) and y.shape == (0,)


def test_scalar_w_means_one_feature():
    X, y = synthetic_data(3.0, 0.0, 4, seed=0)
    assert X.shape == (4, 1) and y.shape == (4,)


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"num_examples": -1}, "num_examples"),
        ({"num_examples": 2.5}, "num_examples"),
        ({"num_examples": True}, "num_examples"),
        ({"noise_std": -0.1}, "noise_std"),
        ({"noise_std": float("nan")}, "noise_std"),
        ({"noise": "cauchy"}, "noise type"),
        ({"x_range": (1, 1)}, "lo < hi"),
        ({"x_range": (0, float("inf"))}, "x_range"),
        ({"x_range": 3}, "x_range"),
        ({"w": [[1.0, 2.0]]}, "w"),
        ({"w": []}, "w"),
        ({"w": [1.0, float("nan")]}, "w"),
        ({"b": float("inf")}, "b"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_arguments_raise_clear_value_errors(kwargs, word):
    args = {"w": W, "b": B, "num_examples": 10} | kwargs
    w, b, n = args.pop("w"), args.pop("b"), args.pop("num_examples")
    with pytest.raises(ValueError, match=word):
        synthetic_data(w, b, n, **args)


# --------------------------------------------------------------------------- Dataset


def make(n=5, d=2, seed=0):
    X, y = synthetic_data(np.arange(1.0, d + 1), 0.5, n, noise_std=0.1, seed=seed)
    return Dataset(X, y)


def test_dataset_stores_read_only_float_copies():
    X = np.array([[1, 2], [3, 4]])
    y = [5, 6]
    ds = Dataset(X, y)
    X[0, 0] = 100
    assert ds.X[0, 0] == 1.0 and ds.X.dtype == np.float64 and ds.y.dtype == np.float64
    with pytest.raises(ValueError):
        ds.X[0, 0] = 2.0
    with pytest.raises(ValueError):
        ds.y[0] = 2.0
    with pytest.raises(AttributeError):
        ds.X = np.zeros((2, 2))  # frozen


def test_default_names():
    assert make(d=1).feature_names == ("x",)
    assert make(d=3).feature_names == ("x1", "x2", "x3")
    assert make().label_name == "y"
    assert make().n_examples == 5 and make(d=3).n_features == 3


def test_names_are_checked_and_stripped():
    ds = Dataset(np.zeros((1, 2)), [0.0], (" area ", "age"), " price ")
    assert ds.feature_names == ("area", "age") and ds.label_name == "price"
    with pytest.raises(ValueError, match="feature names"):
        Dataset(np.zeros((1, 2)), [0.0], ("a",))
    with pytest.raises(ValueError, match="single line"):
        Dataset(np.zeros((1, 1)), [0.0], ("a\nb",))
    with pytest.raises(ValueError, match="non-empty"):
        Dataset(np.zeros((1, 1)), [0.0], label_name="  ")


def test_column_labels_are_refused_with_the_broadcasting_explanation():
    with pytest.raises(ValueError, match=r"\(n, n\)"):
        Dataset(np.zeros((3, 1)), np.zeros((3, 1)))


@pytest.mark.parametrize(
    "X, y",
    [
        (np.zeros(3), np.zeros(3)),  # 1-D X
        (np.zeros((3, 1)), np.zeros(4)),  # length mismatch
        (np.zeros((3, 0)), np.zeros(3)),  # no features
        (np.zeros((3, 1)), np.zeros((3, 2))),
    ],
)
def test_bad_shapes_raise(X, y):
    with pytest.raises(ValueError):
        Dataset(X, y)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_values_raise_data_error(bad):
    with pytest.raises(DataError):
        Dataset(np.array([[1.0], [bad]]), np.zeros(2))
    with pytest.raises(DataError):
        Dataset(np.zeros((2, 1)), np.array([0.0, bad]))
    with pytest.raises(DataError):
        Dataset.empty().with_example(1.0, bad)


def test_empty_dataset():
    ds = Dataset.empty(3)
    assert ds.X.shape == (0, 3) and ds.y.shape == (0,) and ds.n_examples == 0
    assert Dataset.empty().X.shape == (0, 1)
    with pytest.raises(ValueError):
        Dataset.empty(0)


def test_with_example_appends_and_leaves_the_original_alone():
    ds = Dataset.empty()
    ds1 = ds.with_example(1.5, 2.5)
    ds2 = ds1.with_example(np.float64(-1.0), 0.0)
    assert ds.n_examples == 0 and ds1.n_examples == 1
    assert ds2.X[:, 0].tolist() == [1.5, -1.0] and ds2.y.tolist() == [2.5, 0.0]


def test_with_example_shape_checks():
    ds = make(d=2)
    assert ds.with_example([1.0, 2.0], 3.0).X[-1].tolist() == [1.0, 2.0]
    with pytest.raises(ValueError):
        ds.with_example(1.0, 3.0)
    with pytest.raises(ValueError):
        ds.with_example([1.0, 2.0, 3.0], 3.0)
    with pytest.raises(ValueError):
        ds.with_example([[1.0, 2.0]], 3.0)


def test_move_changes_only_that_example():
    ds = make(n=4, d=1)
    moved = ds.with_example_moved(2, 9.0, -9.0)
    assert moved.X[2, 0] == 9.0 and moved.y[2] == -9.0
    keep = [0, 1, 3]
    assert np.array_equal(moved.X[keep], ds.X[keep]) and np.array_equal(moved.y[keep], ds.y[keep])
    assert ds.X[2, 0] != 9.0
    back = moved.with_example_moved(2, ds.X[2, 0], ds.y[2])
    assert back == ds
    with pytest.raises(IndexError):
        ds.with_example_moved(4, 0.0, 0.0)
    with pytest.raises(IndexError):
        ds.with_example_moved(-1, 0.0, 0.0)


def test_without_and_subset_with_indices_and_masks():
    ds = make(n=6)
    rest = ds.without_examples([1, 4, 4])
    assert rest.n_examples == 4
    assert np.array_equal(rest.y, ds.y[[0, 2, 3, 5]])
    sub = ds.subset([5, 0])
    assert np.array_equal(sub.X, ds.X[[5, 0]])
    mask = np.array([True, False, True, False, False, False])
    assert ds.subset(mask) == ds.subset([0, 2])
    assert ds.without_examples(mask) == ds.subset([1, 3, 4, 5])
    assert ds.without_examples([]) == ds
    assert ds.subset([]).n_examples == 0 and ds.subset([]).n_features == 2
    assert sub.feature_names == ds.feature_names
    with pytest.raises(IndexError):
        ds.without_examples([6])
    with pytest.raises(ValueError):
        ds.subset(mask[:3])


def test_equality_is_by_value_and_names():
    a, b = make(seed=1), make(seed=1)
    assert a == b and a is not b
    assert a != make(seed=2)
    assert a != Dataset(a.X, a.y, ("p", "q"))
    assert a != a.subset([0, 1])


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(finite, finite, finite), min_size=0, max_size=12),
    new=st.tuples(finite, finite, finite),
)
def test_add_then_remove_gives_back_the_same_data(rows, new):
    ds = Dataset(np.array([r[:2] for r in rows]).reshape(-1, 2), [r[2] for r in rows])
    grown = ds.with_example(new[:2], new[2])
    assert grown.n_examples == ds.n_examples + 1
    assert grown.X[-1].tolist() == list(new[:2]) and grown.y[-1] == new[2]
    assert grown.without_examples([ds.n_examples]) == ds


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(finite, finite), min_size=1, max_size=12),
    data=st.data(),
)
def test_remove_then_reinsert_and_reorder_restores(rows, data):
    ds = Dataset(np.array([[r[0]] for r in rows]), [r[1] for r in rows])
    i = data.draw(st.integers(0, ds.n_examples - 1))
    removed = ds.without_examples([i])
    rebuilt = removed.with_example(ds.X[i, 0], ds.y[i])
    order = [*range(i), ds.n_examples - 1, *range(i, ds.n_examples - 1)]
    assert rebuilt.subset(order) == ds
    x, y = data.draw(finite), data.draw(finite)
    assert ds.with_example_moved(i, x, y).with_example_moved(i, ds.X[i, 0], ds.y[i]) == ds


# --------------------------------------------------------------------------- train_val_split


@pytest.mark.parametrize("n, frac", [(100, 0.2), (7, 0.5), (10, 0.25), (1, 0.5), (0, 0.3), (9, 0)])
def test_split_has_exactly_round_n_frac_validation_examples(n, frac):
    mask = train_val_split(n, frac, seed=0)
    assert mask.dtype == bool and mask.shape == (n,)
    assert mask.sum() == round(n * frac)


def test_split_is_seeded():
    a = train_val_split(50, 0.3, seed=1)
    assert np.array_equal(a, train_val_split(50, 0.3, seed=1))
    assert not np.array_equal(a, train_val_split(50, 0.3, seed=2))


def test_split_positions_are_spread_out():
    counts = sum(train_val_split(10, 0.2, seed=s).astype(int) for s in range(2000))
    assert np.all(np.abs(counts - 400) < 80)


@pytest.mark.parametrize("frac", [-0.1, 0.51, 1.0, float("nan")])
def test_split_rejects_bad_fractions(frac):
    with pytest.raises(ValueError, match="val_fraction"):
        train_val_split(10, frac, seed=0)


def test_noise_types_are_the_shared_noise_kinds():
    assert NOISE_TYPES == NOISE_KINDS == tuple(NoiseKind)
    _, y = synthetic_data([1.0], 0.0, 20, noise=NoiseKind.LAPLACE, seed=3)
    assert np.array_equal(y, synthetic_data([1.0], 0.0, 20, noise="laplace", seed=3)[1])


@pytest.mark.parametrize("features, label", [(("area", "area"), "price"), (("x",), "x")])
def test_features_and_label_need_names_of_their_own(features, label):
    with pytest.raises(ValueError, match="given twice"):
        Dataset(np.ones((2, len(features))), [1.0, 2.0], features, label)
