"""Classification data: Gaussian clusters, the shipped digits and iris, and class CSV files."""

import numpy as np
import pytest

from linreg_lab.core.class_csv import load_class_csv
from linreg_lab.core.class_data import (
    ClassDataset,
    cluster_centres,
    gaussian_clusters,
    load_digits,
    load_iris,
)
from linreg_lab.core.errors import DataError
from linreg_lab.core.limits import MAX_CLASSES


def write(tmp_path, text, name="classes.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- clusters


@pytest.mark.parametrize("k", [2, 3, 4, 5, 6])
def test_clusters_have_k_balanced_classes_and_a_seed_repeats_them(k):
    a = gaussian_clusters(k, 101, spread=0.8, seed=5)
    assert a.X.shape == (101, 2) and a.num_classes == k
    assert a.class_counts().max() - a.class_counts().min() <= 1
    assert a == gaussian_clusters(k, 101, spread=0.8, seed=5)
    assert a != gaussian_clusters(k, 101, spread=0.8, seed=6)
    means = np.array([a.X[a.labels == c].mean(axis=0) for c in range(k)])
    assert np.abs(means - cluster_centres(k)).max() < 1.0


@pytest.mark.parametrize("k", [2, 4, 6])
def test_separable_clusters_are_separated_by_the_nearest_centre_lines(k):
    ds = gaussian_clusters(k, 300, spread=1.5, separable=True, seed=1)
    c = cluster_centres(k)
    scores = ds.X @ c.T - 0.5 * (c**2).sum(axis=1)  # a linear classifier: W = cᵀ, b = −|c|²/2
    assert np.array_equal(scores.argmax(axis=1), ds.labels)


def test_wide_overlapping_clusters_are_not_separated():
    ds = gaussian_clusters(3, 300, spread=2.5, seed=1)
    c = cluster_centres(3)
    assert (((ds.X @ c.T - 0.5 * (c**2).sum(axis=1)).argmax(axis=1)) != ds.labels).any()


@pytest.mark.parametrize("args", [dict(k=1), dict(k=7), dict(k=3, n=0), dict(k=3, spread=0.0),
                                  dict(k=3, spread=float("inf")), dict(k=2.5)])
def test_bad_cluster_arguments_are_refused(args):
    args = {"n": 10, **args}
    with pytest.raises(ValueError):
        gaussian_clusters(**args)


# --------------------------------------------------------------------------- built-in sets


def test_digits_are_1797_8x8_images_of_ten_classes():
    d = load_digits()
    assert d.X.shape == (1797, 64) and d.class_names == tuple("0123456789")
    assert d.class_counts().sum() == 1797 and d.class_counts().min() > 170
    assert d.X.min() == 0 and d.X.max() == 16 and np.array_equal(d.X, np.round(d.X))
    # the mean image of each class is most like its own class's images (images, not noise)
    means = np.array([d.X[d.labels == c].mean(axis=0) for c in range(10)])
    nearest = ((d.X[:, None, :] - means[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert (nearest == d.labels).mean() > 0.85


def test_iris_is_fishers_150_flowers():
    iris = load_iris()
    assert iris.X.shape == (150, 4)
    assert iris.class_names == ("setosa", "versicolor", "virginica")
    assert iris.class_counts().tolist() == [50, 50, 50]
    assert iris.feature_names[2] == "petal length (cm)"
    petal = iris.features([2, 3])
    assert petal.X.shape == (150, 2) and petal.feature_names[1] == "petal width (cm)"
    # setosa's petals are all shorter than every other flower's
    assert petal.X[iris.labels == 0, 0].max() < petal.X[iris.labels > 0, 0].min()


def test_class_dataset_checks_itself():
    with pytest.raises(ValueError, match="classes"):
        ClassDataset(np.zeros((2, 1)), [0, 0], ("a",))
    with pytest.raises(ValueError):
        ClassDataset(np.zeros((2, 1)), [0, 2], ("a", "b"))
    with pytest.raises(DataError):
        ClassDataset([[np.nan], [0.0]], [0, 1], ("a", "b"))
    ds = ClassDataset([[1.0], [2.0]], [0, 1], ("a", "b"))
    with pytest.raises(ValueError):
        ds.X[0, 0] = 5.0  # read-only


# --------------------------------------------------------------------------- class CSV


def test_class_names_keep_the_order_they_first_appear_in(tmp_path):
    text = "a,b,species\n1,2,virginica\n3,4,setosa\n\n5,6,virginica\n"
    ds = load_class_csv(write(tmp_path, text))
    assert ds.class_names == ("virginica", "setosa") and ds.labels.tolist() == [0, 1, 0]
    assert ds.feature_names == ("a", "b")
    assert np.array_equal(ds.X, [[1, 2], [3, 4], [5, 6]])


def test_whole_number_classes_keep_their_numeric_order_without_a_header(tmp_path):
    ds = load_class_csv(write(tmp_path, "1.5;2;10\n3;4;2\n5;6;10\n7;8;-1\n"))
    assert ds.class_names == ("-1", "2", "10") and ds.labels.tolist() == [2, 1, 2, 0]
    assert ds.feature_names == ("x1", "x2")


def test_quoted_cells_crlf_and_bom(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes('\ufeff"size, m²",kind\r\n"1.5","big one"\r\n2,small\r\n'.encode())
    ds = load_class_csv(path)
    assert ds.feature_names == ("size, m²",) and ds.class_names == ("big one", "small")
    assert ds.X[:, 0].tolist() == [1.5, 2.0]


@pytest.mark.parametrize(("text", "message"), [
    ("a,b,c\n1,2,x\n3,4\n", r"classes.csv, line 3: this row has 2 cells, expected 3"),
    ("a,b,c\n1,2,x\n3,zz,y\n", r"classes.csv, line 3, column 2: 'zz' is not a number"),
    ("a,b,c\n1,2,x\n3,4,\n", r"classes.csv, line 3, column 3: the class is empty"),
    ("a,b,c\n1,2,x\n3,4,x\n", r"classes.csv: every example has the class 'x'"),
    ("a,b,c\n1,2,x\n3,1e200,y\n", r"line 3, column 2: '1e200' is too large"),
    ("a,b,c\n1,2,x\n3,4.5,y\n5,nan,x\n", r"line 4, column 2: 'nan' is not a finite number"),
    ("x,c\n", r"line 1 is a header, but there are no data rows"),
    ("", r"classes.csv: the file is empty"),
    ("1\n2\n", r"only one column"),
])
def test_bad_files_name_the_file_line_and_column(tmp_path, text, message):
    with pytest.raises(DataError, match=message):
        load_class_csv(write(tmp_path, text))


def test_more_classes_than_the_lab_draws_are_refused_at_the_first_extra_one(tmp_path):
    rows = "".join(f"{i},c{i}\n" for i in range(MAX_CLASSES + 2))
    with pytest.raises(DataError, match=rf"line {MAX_CLASSES + 1}, column 2: 'c{MAX_CLASSES}'"):
        load_class_csv(write(tmp_path, rows))
    numbers = "".join(f"{i},{i}\n" for i in range(MAX_CLASSES + 2))
    with pytest.raises(DataError, match=rf"line {MAX_CLASSES + 1}, column 2"):
        load_class_csv(write(tmp_path, numbers))


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match=r"nope\.csv"):
        load_class_csv(tmp_path / "nope.csv")


# --------------------------------------------------------------------------- edits


def test_edits_return_new_datasets_and_check_their_arguments():
    ds = ClassDataset.empty(("a", "b", "c"))
    assert ds.n_examples == 0 and ds.n_features == 2
    ds = ds.with_example([1.0, 2.0], 2).with_example((3.0, 4.0), 0).with_example([5, 6], 1)
    assert ds.labels.tolist() == [2, 0, 1] and ds.X[1].tolist() == [3.0, 4.0]
    moved = ds.with_example_moved(1, [-1.0, 0.5])
    assert moved.X[1].tolist() == [-1.0, 0.5] and moved.labels.tolist() == [2, 0, 1]
    assert ds.X[1].tolist() == [3.0, 4.0]  # the original is untouched
    assert ds.with_label(0, 1).labels.tolist() == [1, 0, 1]
    fewer = ds.without_examples([0, 2])
    assert fewer.X.tolist() == [[3.0, 4.0]] and fewer.labels.tolist() == [0]
    with pytest.raises(ValueError, match="class"):
        ds.with_example([0.0, 0.0], 3)
    with pytest.raises(DataError):
        ds.with_example([np.inf, 0.0], 0)
    with pytest.raises(ValueError, match="features"):
        ds.with_example([0.0], 0)
    with pytest.raises(IndexError):
        ds.with_example_moved(3, [0.0, 0.0])
    with pytest.raises(IndexError):
        ds.without_examples([5])
