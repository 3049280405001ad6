"""Saving classification data as CSV: what load_class_csv reads back, exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linreg_lab import core
from linreg_lab.core.class_data import ClassDataset


def _round_trip(ds: ClassDataset, tmp_path) -> ClassDataset:
    path = tmp_path / "classes.csv"
    core.save_class_csv(ds, path)
    return core.load_class_csv(path)


@pytest.mark.parametrize("make", [
    lambda: core.gaussian_clusters(5, 77, spread=0.7, seed=3),
    core.load_iris,
    core.load_digits,
])
def test_the_labs_data_sets_round_trip_exactly(tmp_path, make):
    ds = make()
    again = _round_trip(ds, tmp_path)
    assert again == ds
    assert again.X.tobytes() == ds.X.tobytes()


def test_the_class_is_the_last_column_by_name(tmp_path):
    ds = ClassDataset([[0.1, 2.0], [1e-300, -3.5]], [1, 0], ("cat, tabby", 'say "hi"'),
                      ("weight (kg)", "height"))
    path = tmp_path / "pets.csv"
    core.save_class_csv(ds, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "weight (kg),height,class"
    assert lines[1] == '0.1,2.0,"say ""hi"""'
    assert lines[2] == '1e-300,-3.5,"cat, tabby"'
    again = core.load_class_csv(path)
    assert again.X.tobytes() == ds.X.tobytes()
    # names read back in order of first appearance: each point keeps its class name
    assert [again.class_names[i] for i in again.labels] == [ds.class_names[i] for i in ds.labels]


def test_a_class_without_examples_is_not_in_the_file_but_points_keep_their_names(tmp_path):
    ds = ClassDataset([[0.0], [1.0]], [0, 2], ("1", "2", "3"), ("x",))
    again = _round_trip(ds, tmp_path)
    assert again.class_names == ("1", "3")
    assert [again.class_names[i] for i in again.labels] == ["1", "3"]


@pytest.mark.parametrize(("ds", "message"), [
    (ClassDataset.empty(("a", "b")), "nothing to save"),
    (ClassDataset([[1.0, 2.0]], [0], ("a", "b"), ("1", "2")), "look like numbers"),
    (ClassDataset([[1.0]], [0], ("a" * 201, "b"), ("x",)), "201 characters"),
    (ClassDataset([[1e200]], [0], ("a", "b"), ("x",)), "larger than"),
])
def test_what_would_not_read_back_is_not_written(tmp_path, ds, message):
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(core.DataError, match=message) as info:
        core.save_class_csv(ds, path)
    assert str(info.value).startswith("out.csv: ")
    assert path.read_text(encoding="utf-8") == "old"


finite = st.floats(-1e100, 1e100, allow_nan=False, allow_infinity=False, width=64)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), n=st.integers(2, 25), d=st.integers(1, 4), k=st.integers(2, 6))
def test_any_values_round_trip_bit_for_bit(tmp_path_factory, data, n, d, k):
    X = np.array(data.draw(st.lists(st.lists(finite, min_size=d, max_size=d),
                                    min_size=n, max_size=n)))
    labels = np.arange(n) % k if n >= k else np.arange(n) % 2
    names = tuple(str(c) for c in range(k))
    ds = ClassDataset(X, labels, names if n >= k else names[:2])
    again = _round_trip(ds, tmp_path_factory.mktemp("csv"))
    assert again == ds and again.X.tobytes() == ds.X.tobytes()
