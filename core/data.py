"""Data for linear regression: d2l's ``synthetic_data``, an immutable ``Dataset``, splits.

Shapes follow scikit-learn: X is (n, d), y is (n,). d2l keeps labels as (n, 1), and
``y_hat - y`` between an (n,) and an (n, 1) array silently broadcasts to (n, n); so shapes
are checked here, at the core's edge, and (n, 1) labels are refused.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from linreg_lab.core.array_types import Floats, Indices, SeedLike
from linreg_lab.core.errors import DataError
from linreg_lab.core.notation import NOISE_KINDS, NoiseKind, plain_names
from linreg_lab.core.shapes import as_vector, as_xy

NOISE_TYPES = NOISE_KINDS  # the noise kinds synthetic_data draws (core.notation.NoiseKind)

#: Share of labels the "outliers" noise type shifts (at least one label is shifted).
OUTLIER_FRACTION = 0.05



# --------------------------------------------------------------------------- synthetic data


def synthetic_data(
    w: ArrayLike,
    b: float,
    num_examples: int,
    *,
    noise_std: float = 0.01,
    noise: str = NoiseKind.GAUSSIAN,
    seed: SeedLike = None,
    x_range: tuple[float, float] | None = None,
) -> tuple[Floats, Floats]:
    """Generate y = Xw + b + noise, as in d2l 3.2, with X (n, len(w)) and y (n,) 1-D.

    X ~ N(0, 1), or X ~ Uniform(lo, hi) when ``x_range=(lo, hi)``. Noise types:

    - ``"gaussian"``: N(0, noise_std²), the chapter's assumption.
    - ``"laplace"``: Laplace noise with the same standard deviation
      (scale = noise_std / √2), to show what the squared loss assumes.
    - ``"outliers"``: Gaussian noise, then k = max(1, round(0.05·n)) labels (drawn without
      replacement) are shifted by s·max(50·noise_std + 10·std(y), 1.0), with s = ±1 drawn
      per label and std(y) taken over the noisy labels; d2l's "label of 10000" exercise.

    ``seed`` is None, an int or a ``np.random.Generator`` (used, and advanced, as given).
    The draw order is fixed (X, noise, outlier positions, signs), so a seed gives the same
    numbers bit for bit.
    """
    args = _check_synthetic_args(w, b, num_examples, noise_std, noise, x_range)
    w, b, n, noise_std, lo_hi = args
    rng = _rng(seed)
    d = w.shape[0]
    if lo_hi is None:
        X = rng.standard_normal((n, d))
    else:
        X = rng.uniform(lo_hi[0], lo_hi[1], size=(n, d))
    if noise == NoiseKind.LAPLACE:
        eps = rng.laplace(0.0, noise_std / math.sqrt(2.0), size=n)
    else:
        eps = rng.normal(0.0, noise_std, size=n)
    y = X @ w + b + eps
    if noise == NoiseKind.OUTLIERS:
        _add_outliers(rng, y, noise_std)
    return X, y


def _check_synthetic_args(
    w: ArrayLike, b: float, num_examples: int, noise_std: float, noise: str,
    x_range: tuple[float, float] | None,
) -> tuple[Floats, float, int, float, tuple[float, float] | None]:
    """Validate ``synthetic_data``'s arguments; return them normalised."""
    w = _as_vector(w, "w")
    b = _as_finite_real(b, "b")
    n = _as_count(num_examples, "num_examples")
    noise_std = _as_finite_real(noise_std, "noise_std")
    if noise_std < 0:
        raise ValueError(f"noise_std must be >= 0, got {noise_std}")
    if noise not in NOISE_TYPES:
        raise ValueError(f"unknown noise type {noise!r}; choose one of {NOISE_TYPES}")
    return w, b, n, noise_std, _as_range(x_range)


def _add_outliers(rng: np.random.Generator, y: Floats, noise_std: float) -> None:
    """Shift ~5% of the labels (at least one) far off, in place."""
    n = y.shape[0]
    if n == 0:
        return
    k = max(1, round(OUTLIER_FRACTION * n))
    where = rng.choice(n, size=k, replace=False)
    signs = rng.choice(np.array([-1.0, 1.0]), size=k)
    shift = max(50.0 * noise_std + 10.0 * float(np.std(y)), 1.0)
    y[where] += signs * shift


def train_val_split(n: int, val_fraction: float, seed: SeedLike = None) -> NDArray[np.bool_]:
    """Boolean mask of length n, True = validation, with exactly round(n·val_fraction) Trues.

    Python's ``round`` is used (ties to even). At most half the data may be held out, so the
    training set never becomes the minority. Seeded like ``synthetic_data``.
    """
    n = _as_count(n, "n")
    frac = _as_finite_real(val_fraction, "val_fraction")
    if not 0.0 <= frac <= 0.5:
        raise ValueError(f"val_fraction must be between 0 and 0.5, got {frac}")
    k = round(n * frac)
    mask = np.zeros(n, dtype=bool)
    mask[_rng(seed).permutation(n)[:k]] = True
    return mask


# --------------------------------------------------------------------------- Dataset


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """An immutable labelled dataset: X (n, d) and y (n,), float64, read-only copies.

    Immutable so the Session's undo stack can keep old versions without copying, and so
    a view can never change the data behind the model's back. Every edit returns a new
    Dataset. Values must be finite (``DataError`` otherwise).
    """

    X: Floats  # any array-like when constructing
    y: Floats
    feature_names: tuple[str, ...] = ()
    label_name: str = "y"

    def __post_init__(self) -> None:
        X, y = _check_arrays(self.X, self.y)
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)
        names = _check_names(self.feature_names, X.shape[1])
        object.__setattr__(self, "feature_names", names)
        object.__setattr__(self, "label_name", _check_name(self.label_name, "label_name"))
        twice = repeated_name([*names, self.label_name])
        if twice is not None:
            raise ValueError(f"feature and label names must differ; {twice!r} is given twice")

    @property
    def n_examples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @classmethod
    def empty(cls, n_features: int = 1) -> Dataset:
        """A dataset with no examples yet (the click-to-add canvas starts here)."""
        d = _as_count(n_features, "n_features")
        if d < 1:
            raise ValueError(f"n_features must be >= 1, got {d}")
        return cls(np.empty((0, d)), np.empty(0))

    def with_example(self, x: ArrayLike, y: float) -> Dataset:
        """A copy with one example appended at the end; x is a scalar when d == 1."""
        row, label = self._example(x, y)
        return self._replace(np.vstack([self.X, row[None, :]]), np.append(self.y, label))

    def with_example_moved(self, i: int, x: ArrayLike, y: float) -> Dataset:
        """A copy with example i replaced by (x, y) (a dragged point)."""
        i = self._index(i)
        row, label = self._example(x, y)
        X, y_new = self.X.copy(), self.y.copy()
        X[i], y_new[i] = row, label
        return self._replace(X, y_new)

    def without_examples(self, indices: ArrayLike) -> Dataset:
        """A copy without the given examples (int indices or a boolean mask)."""
        drop = np.zeros(self.n_examples, dtype=bool)
        drop[self._indices(indices)] = True
        return self._replace(self.X[~drop], self.y[~drop])

    def subset(self, indices: ArrayLike) -> Dataset:
        """The given examples, in the given order (int indices or a boolean mask)."""
        idx = self._indices(indices)
        return self._replace(self.X[idx], self.y[idx])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return (
            self.X.shape == other.X.shape
            and np.array_equal(self.X, other.X)
            and np.array_equal(self.y, other.y)
            and self.feature_names == other.feature_names
            and self.label_name == other.label_name
        )

    __hash__ = None  # type: ignore[assignment]  # equality is by value over arrays

    def __repr__(self) -> str:
        return (f"Dataset(n_examples={self.n_examples}, feature_names={self.feature_names!r}, "
                f"label_name={self.label_name!r})")

    # -- helpers -----------------------------------------------------------------------

    def _replace(self, X: Floats, y: Floats) -> Dataset:
        """A Dataset of new arrays built here from this one's checked values (fresh copies
        or gathers, never shared with a caller): no second copy and no second check, which
        at 10⁶ rows would cost more than the edit itself."""
        X.setflags(write=False)
        y.setflags(write=False)
        new = object.__new__(Dataset)
        for name, value in (("X", X), ("y", y), ("feature_names", self.feature_names),
                            ("label_name", self.label_name)):
            object.__setattr__(new, name, value)
        return new

    def _example(self, x: ArrayLike, y: float) -> tuple[Floats, float]:
        row = as_vector(x, self.n_features, "x")
        label = _as_real(y, "y")
        if not (np.all(np.isfinite(row)) and math.isfinite(label)):
            raise DataError(f"an example must be finite numbers, got x={x!r}, y={y!r}")
        return row, label

    def _index(self, i: object) -> int:
        if isinstance(i, bool) or not isinstance(i, numbers.Integral):
            raise TypeError(f"example index must be an int, got {i!r}")
        index = int(i)
        if not 0 <= index < self.n_examples:
            raise IndexError(f"example {index} out of range for {self.n_examples} examples")
        return index

    def _indices(self, indices: ArrayLike) -> Indices:
        idx = np.asarray(indices)
        if idx.dtype == bool:
            if idx.shape != (self.n_examples,):
                raise ValueError(f"mask must have shape ({self.n_examples},), got {idx.shape}")
            return np.flatnonzero(idx)
        if idx.size == 0:
            return np.empty(0, dtype=np.intp)
        if idx.ndim != 1 or not np.issubdtype(idx.dtype, np.integer):
            raise TypeError("indices must be a 1-D sequence of ints or a boolean mask")
        bad = (idx < 0) | (idx >= self.n_examples)
        if bad.any():
            raise IndexError(
                f"example {int(idx[bad][0])} out of range for {self.n_examples} examples")
        return idx.astype(np.intp)


def _check_arrays(X: ArrayLike, y: ArrayLike) -> tuple[Floats, Floats]:
    """Validate shapes and values; return read-only float64 copies."""
    X, y = as_xy(_as_float_array(X, "X"), _as_float_array(y, "y"))  # float64 copies
    if X.shape[1] < 1:
        raise ValueError("X needs at least one feature column")
    for name, a in (("X", X), ("y", y)):
        if not np.all(np.isfinite(a)):
            raise DataError(f"{name} contains NaN or infinite values")
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def _as_float_array(a: ArrayLike, name: str) -> Floats:
    if np.iscomplexobj(a):
        raise ValueError(f"{name} must be real numbers, not complex")
    try:
        return np.array(a, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numbers: {exc}") from None


def _check_names(names: Sequence[str] | None, d: int) -> tuple[str, ...]:
    if names is None or len(names) == 0:
        return tuple(plain_names("x", d))
    if isinstance(names, str):
        raise TypeError("feature_names must be a sequence of strings, not one string")
    names = tuple(_check_name(s, "feature name") for s in names)
    if len(names) != d:
        raise ValueError(f"{len(names)} feature names for {d} feature columns")
    return names


def repeated_name(names: Sequence[str]) -> str | None:
    """The first name given twice (features and label must differ: w's, the table's and
    the plots' labels would be ambiguous), or None."""
    return next((name for name in names if names.count(name) > 1), None)


def _check_name(name: object, what: str) -> str:
    """Names are single-line, non-empty, without surrounding spaces (CSV header cells)."""
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a string, got {name!r}")
    stripped = name.strip()
    if not stripped or any(c in stripped for c in "\r\n\x00"):
        raise ValueError(f"{what} must be a non-empty single line, got {name!r}")
    return stripped


# --------------------------------------------------------------------------- argument checks


def _rng(seed: SeedLike) -> np.random.Generator:
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be None, an int >= 0 or a numpy Generator, got {seed!r}")
    return np.random.default_rng(int(seed))


def _as_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return int(value)


def _as_real(value: object, name: str) -> float:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, np.ndarray) and value.shape in ((), (1,)) and np.isrealobj(value):
        return float(value.reshape(-1)[0])
    raise ValueError(f"{name} must be a real number, got {value!r}")


def _as_finite_real(value: object, name: str) -> float:
    v = _as_real(value, name)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {v}")
    return v


def _as_vector(w: ArrayLike, name: str) -> Floats:
    w = as_vector(_as_float_array(w, name), name=name)
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{name} must be finite, got {w}")
    return w


def _as_range(x_range: tuple[float, float] | None) -> tuple[float, float] | None:
    if x_range is None:
        return None
    try:
        lo, hi = x_range
    except (TypeError, ValueError):
        raise ValueError(f"x_range must be a pair (lo, hi), got {x_range!r}") from None
    lo, hi = _as_finite_real(lo, "x_range lo"), _as_finite_real(hi, "x_range hi")
    if not lo < hi:
        raise ValueError(f"x_range needs lo < hi, got ({lo}, {hi})")
    return lo, hi
