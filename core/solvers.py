"""The analytical least-squares solution, computed the careful way.

The chapter writes w* = (XᵀX)⁻¹Xᵀy. Forming XᵀX squares the condition number, so on NIST's
Filip data the textbook formula gets no digit right. Here instead:

1. centre the columns when fitting an intercept (b then follows from the means), which
   removes the worst ill-conditioning of raw data far from zero;
2. Householder QR of the centred design; QR is invariant to column scaling, so the
   equilibration (unit-norm columns) is applied to R, where the rank is decided from its
   singular values with tolerance max(n, p)·eps·σmax — independent of the data's units;
3. back substitution, then, for problems of modest size (up to ``_SMALL`` entries),
   iterative refinement of the augmented system [I A; Aᵀ 0][r; w] = [y; 0] with both
   residuals in double-double (core/refinement.py): this returns the exact least-squares
   solution of the data as given, correctly rounded, on all eleven NIST StRD sets, the
   large-residual Wampler 3-5 included;
4. polynomials: x is standardised *before* forming powers and the coefficients are mapped
   back to the raw power basis exactly, in rational arithmetic.

Minimum-norm convention for rank-deficient problems: among all minimisers, the one with the
smallest ‖w‖ in the caller's original units (the intercept is not penalised, as in
scikit-learn). So all-identical x gives the flat line through the mean, and two copies of a
feature share its weight equally. Columns are never dropped silently: ``rank`` and ``reason``
say what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import cast

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Floats
from linreg_lab.core.double_double import DD, dd_add, dd_mul, dd_scale, two_prod, two_sum
from linreg_lab.core.refinement import AugmentedQR, refine
from linreg_lab.core.shapes import as_samples, as_xy

__all__ = [
    "REASONS",
    "Dependency",
    "LstsqSolution",
    "least_squares",
    "normal_equation_pieces",
    "polyfit",
    "rank_reason",
]

REASONS = ("empty", "fewer_examples", "identical_x", "constant_feature", "duplicate_feature",
           "collinear")
# Which relation makes XᵀX singular (Dependency.kind): one feature constant, one a multiple of
# another (plus a constant), or a combination of several.
DEPENDENCY_KINDS = ("constant", "proportional", "combination")
_NEGLIGIBLE = 1e-9  # a coefficient contributing this little (in unit-column terms) is 0
_EPS = float(np.finfo(np.float64).eps)
# Up to this many design entries the solution is refined (a few ms at the bound, against
# ~0.5 ms unrefined); beyond it only R of [A, y] is computed, no Q, which keeps the 10⁶ × 10
# solve within numpy's lstsq time. The refinement matters for small ill-conditioned fits
# (NIST's are at most ~1,000 entries); the bound stays low because the app re-solves on every
# drag of a point, even at n = 100,000.
_SMALL = 1 << 15
# Refinement stops at the first step that leaves the coefficients unchanged: on NIST by the
# second (one correcting step, one to confirm); κ ≈ 1e12 after centring takes about five.
_MAX_REFINE_STEPS = 8


@dataclass(frozen=True)
class Dependency:
    """One exact linear relation among the training features that makes XᵀX singular:

        x[column] = Σ_j coefficients[j] · x[j] + offset      in every training example

    (coefficients[column] is 0). kind "constant": no coefficient, offset the constant value;
    "proportional": one coefficient (the factor); "combination": several.
    """

    kind: str
    column: int
    coefficients: Floats
    offset: float

    @property
    def others(self) -> list[int]:
        """The features the column is expressed by, in order."""
        return [int(j) for j in np.flatnonzero(self.coefficients)]


@dataclass(frozen=True)
class LstsqSolution:
    """Least-squares parameters plus what the GUI needs to explain a non-unique answer."""

    w: Floats
    b: float
    rank: int
    n_params: int
    reason: str | None = None
    dependency: Dependency | None = None  # which features depend on which, when known

    @property
    def unique(self) -> bool:
        """True when exactly one (w, b) minimises the loss."""
        return self.rank == self.n_params


@dataclass(frozen=True)
class _Fit:
    """A solved (centred) problem; keeps its QR so corrections reuse the factorisation."""

    w: Floats
    b: float
    rank: int  # rank of the (centred) feature block; the intercept is not counted
    rs: Floats  # R with unit-norm columns, (min(n, d), d)
    scale: Floats  # column norms of the centred design (1.0 for zero columns)
    x_mean: Floats  # zeros without intercept
    tol: float  # rank tolerance on the singular values of rs
    intercept: bool
    design: Floats | None  # the centred design (n, d), kept on the small path only
    null_w: Floats  # (d, k) null-space basis in w's own units; k = 0 when unique

    def system(self) -> AugmentedQR:
        """The refinement's solver; needs the design (small path) and full rank."""
        assert self.design is not None
        return AugmentedQR.of(self.design, self.x_mean, self.intercept)



# ----------------------------------------------------------------------------- checks


def _as_design(X: ArrayLike, y: ArrayLike) -> tuple[Floats, Floats]:
    """Float64 X (n, d) and y (n,); a 1-D X is one feature. Refuses d2l's (n, 1) labels."""
    X = np.asarray(X, dtype=np.float64)
    X, y = as_xy(X[:, None] if X.ndim == 1 else X, y)
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("X and y must be finite (no NaN or infinity)")
    return X, y


# ----------------------------------------------------------------------------- core solve


def _centred(
    X: Floats, y: Floats, fit_intercept: bool
) -> tuple[Floats, Floats, float]:
    """[X - x̄, y - ȳ] in Fortran order (LAPACK's), centred twice so columns are ⊥ 1.

    The copy into M subtracts the first row: constant columns become exactly zero (not
    rounding noise) without a test, and a separate mean over X (slow along axis 0 of a
    C-order array) is avoided. The two passes of mean subtraction then centre.
    """
    n, d = X.shape
    M = np.empty((n, d + 1), order="F")
    shift = np.append(X[0], y[0]) if fit_intercept else np.zeros(d + 1)
    np.subtract(X, shift[:d], out=M[:, :d])
    np.subtract(y, shift[d], out=M[:, d])
    if not fit_intercept:
        return M, np.zeros(d), 0.0
    for _ in range(2):  # the second pass removes the first one's rounding
        mean = M.mean(axis=0)
        M -= mean
        shift += mean
    return M, shift[:d], float(shift[d])


def _qr(M: Floats) -> tuple[Floats, Floats]:
    """R (min(n, d), d) and Qᵀy of M = [A, y]; Qᵀy is R's last column, so no Q is formed."""
    n, d = M.shape[0], M.shape[1] - 1
    raug = cast(Floats, np.linalg.qr(M, mode="r"))  # numpy's stubs type every mode as QRResult
    k = min(n, d)
    return raug[:k, :d], raug[:k, d]


def _min_norm_shift(w0: Floats, null_w: Floats) -> Floats:
    """t minimising ‖w0 + null_w t‖: the min-norm member of the solution set, in w's units."""
    if null_w.shape[1] == 0:
        return np.zeros(0)
    t = np.linalg.lstsq(null_w, w0, rcond=None)[0]
    return -np.asarray(t, dtype=np.float64)


def _solve_design(X: Floats, y: Floats, fit_intercept: bool) -> _Fit:
    """Least squares on [X, 1] via QR of the centred design; see the module docstring."""
    n, d = X.shape
    M, x_mean, y_mean = _centred(X, y, fit_intercept)
    r, qty = _qr(M)
    scale = np.linalg.norm(r, axis=0)
    scale[scale == 0.0] = 1.0
    rs = r / scale
    u, sv, vt = np.linalg.svd(rs)
    tol = max(n, d) * _EPS * (sv[0] if sv.size else 0.0)
    rank = int(np.count_nonzero(sv > tol)) if sv.size and sv[0] > 0 else 0
    if rank == d:
        z = np.linalg.solve(rs, qty)
        null_w = np.zeros((d, 0))
    else:
        z = vt[:rank].T @ ((u[:, :rank].T @ qty) / sv[:rank])
        null_w = vt[rank:].T / scale[:, None]
    w = z / scale
    w = w + null_w @ _min_norm_shift(w, null_w)
    b = y_mean - float(x_mean @ w) if fit_intercept else 0.0
    design = M[:, :d] if n * (d + 1) <= _SMALL else None
    return _Fit(w, b, rank, rs, scale, x_mean, tol, fit_intercept, design, null_w)


def _linear_residual(X: Floats, y: Floats, coef: Floats) -> DD:
    """y - b - Xw in double-double; coef = [b, w1, ..., wd]."""
    res = two_sum(y, np.full_like(y, -coef[0]))
    for j in range(X.shape[1]):
        res = dd_add(res, two_prod(X[:, j], np.full_like(y, -coef[j + 1])))
    return res


def _refine_linear(X: Floats, y: Floats, fit: _Fit) -> tuple[Floats, float]:
    """Augmented-system refinement against the data as given (core/refinement.py)."""
    centred = two_sum(X, np.broadcast_to(-fit.x_mean, X.shape))  # X - x̄ exactly

    def update(coef: Floats, dw: Floats, db: float) -> Floats:
        return coef + np.append(db, dw)

    coef = refine(fit.system(), centred, lambda c: _linear_residual(X, y, c), update,
                  np.append(fit.b, fit.w), _MAX_REFINE_STEPS)
    return coef[1:], float(coef[0])


# ----------------------------------------------------------------------------- reasons


def _duplicate_pair(rs: Floats, tol: float) -> tuple[int, int] | None:
    """Two unit columns (i, j), i < j, equal up to sign within tol (σmin of the pair is
    ‖a ∓ c‖/√2); None when there are none."""
    for i in range(rs.shape[1] - 1):
        a, rest = rs[:, i : i + 1], rs[:, i + 1 :]
        gap = np.minimum(np.linalg.norm(a - rest, axis=0), np.linalg.norm(a + rest, axis=0))
        close = np.flatnonzero(gap <= np.sqrt(2.0) * tol)
        if close.size:
            return i, i + 1 + int(close[0])
    return None


def _dependency(fit: _Fit) -> Dependency | None:
    """The simplest exact relation among the features: a constant column, then a pair of
    proportional ones, else the combination a null vector of the centred design gives."""
    d = fit.rs.shape[1]
    zero = np.flatnonzero(np.linalg.norm(fit.rs, axis=0) == 0.0)
    if zero.size:
        j = int(zero[0])
        return Dependency("constant", j, np.zeros(d), float(fit.x_mean[j]))
    pair = _duplicate_pair(fit.rs, fit.tol)
    if pair is not None:
        i, j = pair
        coef = np.zeros(d)
        coef[i] = fit.scale[j] / fit.scale[i] * float(fit.rs[:, i] @ fit.rs[:, j])
        return Dependency("proportional", j, coef, _offset(fit, j, coef))
    if fit.null_w.shape[1] == 0:
        return None
    v = fit.null_w[:, 0]  # Σ_k v_k (x_k − x̄_k) = 0
    weight = np.abs(v) * fit.scale  # each column's share in unit-column terms
    # the last column that takes a fair share: x₃ = x₁ + x₂ rather than x₁ = x₃ − x₂
    j = int(np.flatnonzero(weight >= 0.1 * weight.max())[-1])
    coef = -v / v[j]
    coef[j] = 0.0
    coef[weight < _NEGLIGIBLE * weight[j]] = 0.0
    return Dependency("combination", j, coef, _offset(fit, j, coef))


def _offset(fit: _Fit, j: int, coef: Floats) -> float:
    """The constant of x_j = Σ coef·x + c; 0 when it is rounding noise of the means."""
    offset = float(fit.x_mean[j] - coef @ fit.x_mean)
    size = abs(float(fit.x_mean[j])) + float(np.abs(coef * fit.x_mean).sum())
    return 0.0 if abs(offset) <= 1e-12 * size else offset


def _reason(n: int, n_params: int, rank: int, fit: _Fit | None) -> str | None:
    """The stable key saying why the solution is not unique (None when it is)."""
    return _explained(n, n_params, rank, fit)[0]


def _explained(n: int, n_params: int, rank: int, fit: _Fit | None
               ) -> tuple[str | None, Dependency | None]:
    """The reason key and, where features depend on each other, the dependency."""
    if n == 0:
        return "empty", None
    if rank == n_params:
        return None, None
    if n < n_params:
        return "fewer_examples", None
    dependency = None if fit is None else _dependency(fit)
    if fit is None or dependency is None:
        return "collinear", None
    if dependency.kind == "constant":
        every = bool(np.all(np.linalg.norm(fit.rs, axis=0) == 0.0))
        return ("identical_x" if every else "constant_feature"), dependency
    kind = "duplicate_feature" if dependency.kind == "proportional" else "collinear"
    return kind, dependency


# ----------------------------------------------------------------------------- public API


def _empty_solution(d: int, fit_intercept: bool) -> LstsqSolution:
    return LstsqSolution(np.zeros(d), 0.0, 0, d + int(fit_intercept), "empty")


def least_squares(X: ArrayLike, y: ArrayLike, *, fit_intercept: bool = True) -> LstsqSolution:
    """Minimise ‖Xw + b - y‖² without ever forming XᵀX; min-norm w when not unique."""
    X, y = _as_design(X, y)
    n, d = X.shape
    n_params = d + int(fit_intercept)
    if n == 0:
        return _empty_solution(d, fit_intercept)
    if d == 0:
        b = float(y.mean()) if fit_intercept else 0.0
        return LstsqSolution(np.zeros(0), b, n_params, n_params, None)
    fit = _solve_design(X, y, fit_intercept)
    w, b = fit.w, fit.b
    if fit.design is not None and fit.rank == d:
        w, b = _refine_linear(X, y, fit)
    rank = fit.rank + int(fit_intercept)
    return LstsqSolution(w, float(b), rank, n_params, *_explained(n, n_params, rank, fit))


def rank_reason(X: ArrayLike, fit_intercept: bool = True) -> str | None:
    """Why [X, 1] (or X) has rank below its number of columns; None when it has full rank."""
    X = np.asarray(X, dtype=np.float64)
    X, _ = _as_design(X, np.zeros(X.shape[0] if X.ndim else 0))
    n, d = X.shape
    if n == 0 or d == 0:
        return "empty" if n == 0 else None
    fit = _solve_design(X, np.zeros(n), fit_intercept)
    n_params = d + int(fit_intercept)
    return _reason(n, n_params, fit.rank + int(fit_intercept), fit)


def normal_equation_pieces(
    X: ArrayLike, y: ArrayLike, *, fit_intercept: bool = True
) -> tuple[Floats, Floats]:
    """XᵀX and Xᵀy of the design [X, 1], for the formula panel only: never used to solve."""
    X, y = _as_design(X, y)
    if fit_intercept:
        X = np.column_stack([X, np.ones(X.shape[0])])
    return X.T @ X, X.T @ y


# ----------------------------------------------------------------------------- polynomials


def _standardiser(x: Floats, fit_intercept: bool) -> tuple[float, float]:
    """Centre mu and a power-of-two scale s, so z = (x - mu)/s lies in about [-1, 1].

    Without an intercept x may not be shifted (that would add a constant term).
    """
    mu = 0.0
    if fit_intercept:
        mu = float(x[0]) if np.all(x == x[0]) else float(x.mean())
    spread = float(np.max(np.abs(x - mu)))
    s = 2.0 ** round(np.log2(spread)) if spread > 0 else 1.0
    return mu, s


def _powers(z: Floats, degree: int) -> Floats:
    """Columns z, z², ..., z^degree."""
    Z = np.empty((z.size, degree))
    p = np.ones_like(z)
    for k in range(degree):
        p = p * z
        Z[:, k] = p
    return Z


def _to_raw(coef: list[float], mu: float, s: float) -> list[Fraction]:
    """Exact map from Σ c_k ((x - mu)/s)^k to Σ β_j x^j (binomial expansion in rationals)."""
    m, s_inv = Fraction(-mu), 1 / Fraction(s)
    out = [Fraction(0)] * len(coef)
    for k, c in enumerate(coef):
        ck = Fraction(c) * s_inv**k
        for j in range(k + 1):
            out[j] += ck * comb(k, j) * m ** (k - j)
    return out


def _raw_map_matrix(degree: int, mu: float, s: float) -> Floats:
    """The same map as a float matrix, for null-space directions."""
    eye = np.eye(degree + 1)
    return np.array([[float(v) for v in _to_raw(list(e), mu, s)] for e in eye]).T


def _horner_residual(x: Floats, y: Floats, coef: Floats) -> DD:
    """y - Σ coef_j x^j by Horner's rule in double-double."""
    acc: DD = (np.full_like(x, coef[-1]), np.zeros_like(x))
    for c in coef[-2::-1]:
        acc = dd_add(dd_scale(acc, x), (np.full_like(x, c), np.zeros_like(x)))
    return dd_add((y, np.zeros_like(y)), (-acc[0], -acc[1]))


def _centred_powers(x: Floats, degree: int, mu: float, s: float, mean: Floats) -> DD:
    """((x - mu)/s)^k - mean_k, k = 1..degree, in double-double from the exact x - mu."""
    d_hi, d_lo = two_sum(x, np.full_like(x, -mu))
    z = d_hi / s, d_lo / s  # exact: s is a power of 2
    hi, lo = np.empty((x.size, degree)), np.empty((x.size, degree))
    p = z
    for k in range(degree):
        hi[:, k], lo[:, k] = dd_add(p, (np.full_like(x, -mean[k]), np.zeros_like(x)))
        p = dd_mul(p, z)
    return hi, lo


def _refine_poly(
    x: Floats, y: Floats, fit: _Fit, beta: list[Fraction], mu: float, s: float
) -> list[float]:
    """Refine the raw coefficients against the raw data (this also undoes z's rounding)."""

    def update(coef: Floats, dw: Floats, db: float) -> Floats:
        delta = _to_raw([db, *dw.tolist()], mu, s)  # exact: the map is ill-conditioned
        return np.array([float(Fraction(c) + dc) for c, dc in zip(coef, delta, strict=True)])

    centred = _centred_powers(x, fit.w.size, mu, s, fit.x_mean)
    coef = refine(fit.system(), centred, lambda c: _horner_residual(x, y, c), update,
                  np.array([float(v) for v in beta]), _MAX_REFINE_STEPS)
    return [float(v) for v in coef]


def _poly_min_norm(fit: _Fit, beta: list[float], mu: float, s: float) -> list[float]:
    """Move within the solution set to the smallest ‖w‖ in raw power coefficients."""
    v = fit.null_w
    full = np.vstack([-fit.x_mean @ v, v])
    raw = _raw_map_matrix(v.shape[0], mu, s) @ full
    coef = np.asarray(beta)
    return (coef + raw @ _min_norm_shift(coef[1:], raw[1:])).tolist()


def _as_poly_data(x: ArrayLike, y: ArrayLike, degree: int) -> tuple[Floats, Floats]:
    if isinstance(degree, bool) or not isinstance(degree, int | np.integer) or degree < 0:
        raise ValueError(f"degree must be a non-negative integer, got {degree!r}")
    X, y = _as_design(as_samples(x, "x"), y)
    return X[:, 0], y


def polyfit(
    x: ArrayLike, y: ArrayLike, degree: int, *, fit_intercept: bool = True
) -> LstsqSolution:
    """Least-squares polynomial; w[k-1] multiplies x**k, b is the constant (raw basis)."""
    x, y = _as_poly_data(x, y, degree)
    degree = int(degree)
    n, n_params = x.size, degree + int(fit_intercept)
    if n == 0:
        return _empty_solution(degree, fit_intercept)
    if degree == 0:
        return least_squares(np.zeros((n, 0)), y, fit_intercept=fit_intercept)
    mu, s = _standardiser(x, fit_intercept)
    fit = _solve_design(_powers((x - mu) / s, degree), y, fit_intercept)
    beta = _to_raw([fit.b, *fit.w.tolist()], mu, s)
    if fit.rank < degree:
        coef = _poly_min_norm(fit, [float(v) for v in beta], mu, s)
    elif fit.design is not None:
        coef = _refine_poly(x, y, fit, beta, mu, s)
    else:
        coef = [float(v) for v in beta]
    rank = fit.rank + int(fit_intercept)
    reason = _reason(n, n_params, rank, None)
    if reason == "collinear" and not np.any(x != x[0]):
        reason = "identical_x"
    b = coef[0] if fit_intercept else 0.0
    return LstsqSolution(np.asarray(coef[1:], dtype=np.float64), float(b), rank, n_params, reason)
