"""Data for classification (d2l 3.4): an immutable ClassDataset, Gaussian clusters, built-ins.

Labels are class indices 0…k−1 (an (n,) integer array); ``class_names`` gives each index its
name ("0"…"9" for the digits, "setosa"… for iris). The built-in sets ship in
``linreg_lab.resources/datasets`` (see its ATTRIBUTION.md) and load without scikit-learn.
"""

from __future__ import annotations

import gzip
import io
import math
from dataclasses import dataclass
from importlib.resources import files

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats, Indices, SeedLike
from linreg_lab.core.errors import DataError
from linreg_lab.core.limits import MAX_ABS_VALUE, MAX_CLASSES, MIN_CLASSES
from linreg_lab.core.softmax import as_labels

__all__ = [
    "CLUSTER_RADIUS",
    "MAX_CLUSTERS",
    "ClassDataset",
    "gaussian_clusters",
    "load_digits",
    "load_iris",
]

MAX_CLUSTERS = 6  # more clusters on one plane crowd it past what a learner can follow
CLUSTER_RADIUS = 3.0  # the cluster centres sit evenly on a circle of this radius
_SEPARATION_MARGIN = 0.05  # of the radius: separable clusters keep this gap to each boundary
_MAX_REDRAWS = 10_000
IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
                 "petal width (cm)")


@dataclass(frozen=True, eq=False)
class ClassDataset:
    """X (n, d) float features and labels (n,) class indices, read-only; one name per class."""

    X: Floats
    labels: Indices
    class_names: tuple[str, ...]
    feature_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        X = np.array(self.X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] < 1:
            raise ValueError(f"X must be 2-D (n, d) with d ≥ 1, got shape {X.shape}")
        if not np.isfinite(X).all():
            raise DataError("X contains NaN or infinite values")
        k = len(self.class_names)
        if not MIN_CLASSES <= k <= MAX_CLASSES:
            raise ValueError(f"a classification data set has {MIN_CLASSES} to {MAX_CLASSES} "
                             f"classes, got {k}")
        y = as_labels(self.labels, k).copy()
        if y.shape[0] != X.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows but labels has {y.shape[0]}")
        names = tuple(self.feature_names) or tuple(f"x{j + 1}" for j in range(X.shape[1]))
        if len(names) != X.shape[1]:
            raise ValueError(f"{len(names)} feature names for {X.shape[1]} features")
        X.flags.writeable = y.flags.writeable = False
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "labels", y)
        object.__setattr__(self, "class_names", tuple(map(str, self.class_names)))
        object.__setattr__(self, "feature_names", names)

    @property
    def n_examples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @classmethod
    def empty(cls, class_names: tuple[str, ...], feature_names: tuple[str, ...] = ("x1", "x2"),
              ) -> ClassDataset:
        """No examples yet, these classes (the click-to-add canvas starts here)."""
        return cls(np.empty((0, len(feature_names))), np.empty(0, dtype=np.intp), class_names,
                   feature_names)

    def with_example(self, x: ArrayLike, label: int) -> ClassDataset:
        """A copy with one example of class `label` appended at the end."""
        row = self._row(x)
        return self._replace(np.vstack([self.X, row[None, :]]),
                             np.append(self.labels, self._label(label)))

    def with_example_moved(self, i: int, x: ArrayLike) -> ClassDataset:
        """A copy with example i at x (its class stays)."""
        X = self.X.copy()
        X[self._index(i)] = self._row(x)
        return self._replace(X, self.labels)

    def with_label(self, i: int, label: int) -> ClassDataset:
        """A copy with example i in class `label`."""
        labels = self.labels.copy()
        labels[self._index(i)] = self._label(label)
        return self._replace(self.X, labels)

    def without_examples(self, indices: ArrayLike) -> ClassDataset:
        """A copy without the examples at these (distinct or repeated) indices."""
        idx = np.asarray(indices, dtype=np.intp).reshape(-1)
        for i in idx.tolist():
            self._index(i)
        keep = np.ones(self.n_examples, dtype=bool)
        keep[idx] = False
        return self._replace(self.X[keep], self.labels[keep])

    def _replace(self, X: Floats, labels: Indices) -> ClassDataset:
        return ClassDataset(X, labels, self.class_names, self.feature_names)

    def _row(self, x: ArrayLike) -> Floats:
        row = np.asarray(x, dtype=np.float64).reshape(-1)
        if row.shape != (self.n_features,):
            raise ValueError(f"an example has {self.n_features} features, got {row.shape[0]}")
        if not (np.isfinite(row).all() and np.abs(row).max() <= MAX_ABS_VALUE):
            raise DataError(f"an example must be finite numbers up to {MAX_ABS_VALUE:.0e} in "
                            f"size, got {row.tolist()}")
        return row

    def _label(self, label: int) -> int:
        if isinstance(label, bool) or int(label) != label or not 0 <= label < self.num_classes:
            raise ValueError(f"the class must be 0…{self.num_classes - 1}, got {label!r}")
        return int(label)

    def _index(self, i: int) -> int:
        if isinstance(i, bool) or int(i) != i or not 0 <= i < self.n_examples:
            raise IndexError(f"example {i!r} out of range for {self.n_examples} examples")
        return int(i)

    def class_counts(self) -> Indices:
        """Examples per class, (k,)."""
        return np.bincount(self.labels, minlength=self.num_classes).astype(np.intp)

    def features(self, columns: ArrayLike) -> ClassDataset:
        """The same examples with only some feature columns (iris: the two to plot)."""
        cols = np.asarray(columns, dtype=np.intp).reshape(-1)
        if cols.size == 0 or cols.min() < 0 or cols.max() >= self.n_features:
            raise ValueError(f"feature columns must be in 0…{self.n_features - 1}")
        return ClassDataset(self.X[:, cols], self.labels, self.class_names,
                            tuple(self.feature_names[int(j)] for j in cols))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ClassDataset):
            return NotImplemented
        return (self.X.shape == other.X.shape and np.array_equal(self.X, other.X)
                and np.array_equal(self.labels, other.labels)
                and self.class_names == other.class_names
                and self.feature_names == other.feature_names)

    __hash__ = None  # type: ignore[assignment]  # equality is by value over arrays

    def nbytes(self) -> int:
        """The arrays' bytes: what an undo step keeps alive (gui.state.undo_history)."""
        return int(self.X.nbytes + self.labels.nbytes)


def cluster_centres(k: int) -> Floats:
    """k points evenly on the circle of radius CLUSTER_RADIUS, the first on the x axis."""
    angles = 2.0 * np.pi * np.arange(k) / k
    return CLUSTER_RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])


def gaussian_clusters(k: int, n: int, *, spread: float = 1.0, separable: bool = False,
                      seed: SeedLike = None) -> ClassDataset:
    """n points in k Gaussian clusters on the plane (d = 2), classes as equal as can be.

    Example i has class i mod k and is drawn from N(c, spread²·I) around its centre c
    (cluster_centres). ``separable=True`` redraws every point that is not nearer its own
    centre than any other by a margin; the nearest-centre cells of centres are bounded by
    lines, so the classes are then linearly separable (the optimum lies at infinity).
    Otherwise the clouds simply overlap once spread is comparable to the centres' distance.
    The draw order is fixed (all n points, then the redraws, in rounds), so a seed gives the
    same data bit for bit.
    """
    k, n = _count(k, "k", MIN_CLASSES, MAX_CLUSTERS), _count(n, "n", 1, 1_000_000)
    spread = float(spread)
    if not (spread > 0 and math.isfinite(spread)):
        raise ValueError(f"spread must be a positive finite number, got {spread}")
    rng = np.random.default_rng(seed)
    centres = cluster_centres(k)
    labels = np.arange(n, dtype=np.intp) % k
    X = centres[labels] + spread * rng.standard_normal((n, 2))
    if separable:
        _redraw_into_cells(X, labels, centres, spread, rng)
    return ClassDataset(X, labels, tuple(str(c + 1) for c in range(k)), ("x1", "x2"))


def _redraw_into_cells(X: Floats, labels: Indices, centres: Floats, spread: float,
                       rng: np.random.Generator) -> None:
    """Redraw points outside their centre's cell (with a margin) until none is."""
    # nearest centre = argmax of the linear scores c·x − |c|²/2; the margin is in those units
    margin = _SEPARATION_MARGIN * CLUSTER_RADIUS ** 2
    bias = 0.5 * (centres ** 2).sum(axis=1)
    for _ in range(_MAX_REDRAWS):
        scores = X @ centres.T - bias
        own = scores[np.arange(X.shape[0]), labels]
        scores[np.arange(X.shape[0]), labels] = -np.inf
        bad = np.flatnonzero(own - scores.max(axis=1) < margin)
        if bad.size == 0:
            return
        X[bad] = centres[labels[bad]] + spread * rng.standard_normal((bad.size, 2))
    raise ValueError(f"spread {spread} is too wide to draw separable clusters; use a smaller "
                     "spread or overlapping clusters")


def _count(value: int, name: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or int(value) != value or not lo <= value <= hi:
        raise ValueError(f"{name} must be an integer from {lo} to {hi}, got {value!r}")
    return int(value)


# --------------------------------------------------------------------------- built-in sets


def _resource_bytes(name: str) -> bytes:
    return (files("linreg_lab.resources") / "datasets" / name).read_bytes()


def load_digits() -> ClassDataset:
    """The UCI optical digits, 8×8 (1,797 images, pixels 0…16, classes "0"…"9").

    Column 8·r + c of X is the pixel in row r, column c, so ``X[i].reshape(8, 8)`` is the
    image. Alpaydin & Kaynak (1998), CC BY 4.0; see resources/datasets/ATTRIBUTION.md.
    """
    text = gzip.decompress(_resource_bytes("digits.csv.gz")).decode("ascii")
    table = np.loadtxt(io.StringIO(text), delimiter=",", dtype=np.float64, ndmin=2)
    names = tuple(f"pixel ({r}, {c})" for r in range(8) for c in range(8))
    return ClassDataset(table[:, :-1], table[:, -1].astype(np.intp),
                        tuple(str(c) for c in range(10)), names)


def load_iris() -> ClassDataset:
    """Fisher's iris (1936): 150 flowers, 4 measurements in cm, 3 species.

    Setosa is linearly separable from the other two, which overlap. The copy of R's
    ``iris`` (Fisher's own numbers), via scikit-learn; see resources/datasets/ATTRIBUTION.md.
    """
    lines = _resource_bytes("iris.csv").decode("ascii").splitlines()
    species = tuple(lines[0].split(",")[2:])
    table = np.loadtxt(lines[1:], delimiter=",", dtype=np.float64, ndmin=2)
    return ClassDataset(table[:, :-1], table[:, -1].astype(np.intp), species, IRIS_FEATURES)
