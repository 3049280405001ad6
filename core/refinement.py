"""Iterative refinement of least squares through the augmented system (Björck, 1967).

Refining the coefficients alone (w ← w + argmin‖r − Aδ‖ with an accurate r) gains only about
−log10(eps·κ(A)²·‖r‖/(‖A‖‖w‖)) digits a step, so on NIST's large-residual sets (Wampler 3-5)
it stalls at 8-12 digits. Refining residual and coefficients together, as the solution of

    [I  A] [r]   [y]
    [Aᵀ 0] [w] = [0],

gains about −log10(eps·κ(A)) digits a step whatever the residual, and reuses the QR already
computed: with A = QR and the residuals f = y − r − Aw, g = −Aᵀr of both block rows,

    h = R⁻ᵀg,   δw = R⁻¹(Qᵀf − h),   δr = f − Q(Qᵀf − h).

f and g are computed in double-double (core/double_double.py) against the caller's exact
design, so the iteration converges to the exact solution of the data as given, not to that of
the rounded, centred design the QR was computed from; r and w themselves stay float64.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from linreg_lab.core.array_types import Floats
from linreg_lab.core.double_double import DD, dd_add, dd_dot_columns

__all__ = ["AugmentedQR", "refine"]

# coef -> y − A·coef in double-double; coef is the caller's [b, w1, ..., wd]
Residual = Callable[[Floats], DD]
# (coef, dw, db) -> the corrected coef (the caller maps the correction to its own basis)
Update = Callable[[Floats, Floats, float], Floats]


@dataclass(frozen=True)
class AugmentedQR:
    """QR of the solver's design G = [1, F − 1mᵀ] (or F − 1mᵀ without an intercept), with
    unit-norm columns, as a solver for the augmented system.

    F are the features in the caller's units (X, or powers of standardised x) and m their
    means. The ones column is factorised with the rest rather than assumed orthogonal to the
    centred columns: for an ill-conditioned F that orthogonality is lost to rounding
    (1ᵀQ reaches 1e-7 at κ = 1e10), and the refinement would stall there.
    """

    q: Floats  # (n, p), thin Q
    r: Floats  # (p, p)
    scale: Floats  # (p,), column norms of G
    mean: Floats  # (d,), m
    intercept: bool

    @classmethod
    def of(cls, centred: Floats, mean: Floats, intercept: bool) -> AugmentedQR:
        """Factorise G from the float centred features (n, d); G must have full rank."""
        g = np.column_stack([np.ones(len(centred)), centred]) if intercept else centred
        scale = np.linalg.norm(g, axis=0)
        q, r = np.linalg.qr(g / scale)
        return cls(q, r, scale, mean, intercept)

    def solve(self, f: Floats, g: Floats) -> tuple[Floats, float, Floats]:
        """(dw, db, dr) for the block residuals f and g = −Gᵀr (unscaled G); dw and db are in
        F's units, like the caller's w and b."""
        h = np.linalg.solve(self.r.T, g / self.scale)
        t = self.q.T @ f - h
        dz = np.linalg.solve(self.r, t) / self.scale
        dc0, dw = (float(dz[0]), dz[1:]) if self.intercept else (0.0, dz)
        return dw, dc0 - float(self.mean @ dw), f - self.q @ t


def _first_block(residual: DD, r: Floats) -> Floats:
    """f = (y − A·coef) − r, rounded once."""
    hi, lo = dd_add(residual, (-r, np.zeros_like(r)))
    return hi + lo


def _with_ones(centred: DD) -> DD:
    """[1, F − m] as double-double columns."""
    ones = np.ones((centred[0].shape[0], 1))
    return np.hstack([ones, centred[0]]), np.hstack([0.0 * ones, centred[1]])


def refine(
    system: AugmentedQR,
    centred: DD,
    residual: Residual,
    update: Update,
    coef: Floats,
    max_steps: int,
) -> Floats:
    """Augmented-system refinement of coef, until a step leaves it unchanged (or max_steps).

    centred: F − m exactly, as double-double columns (n, d), so that g = −Gᵀr is exact up
    to ~eps² even where F is far from zero. r itself is float64, as in Björck's method: its
    rounding error e is a consistent perturbation (f = −e, g = −Gᵀe), whose correction
    moves r, not coef.
    """
    columns = _with_ones(centred) if system.intercept else centred
    res = residual(coef)
    r = res[0] + res[1]
    for _ in range(max_steps):
        dw, db, dr = system.solve(_first_block(res, r), -dd_dot_columns(columns, r))
        new = update(coef, dw, db)
        if np.array_equal(new, coef):
            break
        coef, r = new, r + dr
        res = residual(coef)
    return coef
