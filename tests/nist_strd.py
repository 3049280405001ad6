"""Reading NIST's StRD linear-regression files and scoring against them (LRE).

Shared by tests/core/test_nist.py and benchmarks/bench_solve.py. The certified files (NIST's
public data, with their source note) live in tests/data/nist-strd, so every clone runs them.

Besides the certified values there is a second reference, the *limit*: the exact
least-squares solution of the data as read into float64 (rational arithmetic, no rounding).
A float64 solver can at best return that solution rounded, so its LRE against the certified
values is the most any solver can score on these files.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import numpy as np

from linreg_lab.core.builtin_data import parse_strd

NIST_DIR = Path(__file__).resolve().parent / "data" / "nist-strd"


def _sections(name: str) -> tuple[list[str], np.ndarray]:
    """The certified coefficients as printed (B0.. or B1..) and the data rows (y, x...)."""
    problem = parse_strd((NIST_DIR / f"{name}.dat").read_text())
    return list(problem.certified), np.column_stack([problem.y, problem.X])


def load_strd(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Certified B0.. (or B1..) values, y and the predictors, using the header's line ranges."""
    cert, data = _sections(name)
    return np.array([float(c) for c in cert]), data[:, 0], data[:, 1:]


def lre(estimate: np.ndarray, certified: np.ndarray) -> np.ndarray:
    """Log relative error (correct significant digits) per coefficient, in [0, 15];
    absolute error for a certified 0."""
    err = np.abs(np.asarray(estimate, dtype=float) - certified)
    rel = np.where(certified == 0, err, err / np.where(certified == 0, 1.0, np.abs(certified)))
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)


def exact_solution(
    y: np.ndarray, X: np.ndarray, degree: int | None = None, intercept: bool = True
) -> list[Fraction]:
    """The exact least-squares coefficients (B0.. or B1..) of the float64 data.

    Linear in X's columns, or a polynomial of the given degree in X[:, 0]. Solved from the
    normal equations in rational arithmetic: exact, so squaring the condition number costs
    nothing here (unlike in floating point, where the core never forms them).
    """
    rows = [[Fraction(v) for v in row] for row in X.tolist()]
    if degree is not None:
        rows = [[row[0] ** k for k in range(1, degree + 1)] for row in rows]
    if intercept:
        rows = [[Fraction(1), *row] for row in rows]
    Y = [Fraction(v) for v in y.tolist()]
    p = len(rows[0])
    gram = [[sum(r[i] * r[j] for r in rows) for j in range(p)] for i in range(p)]
    rhs = [sum(r[i] * t for r, t in zip(rows, Y, strict=True)) for i in range(p)]
    return _solve_exact(gram, rhs)


def _solve_exact(a: list[list[Fraction]], b: list[Fraction]) -> list[Fraction]:
    """Gaussian elimination in rationals (a is symmetric positive definite: no pivoting)."""
    m = [[*row, bi] for row, bi in zip(a, b, strict=True)]
    p = len(m)
    for c in range(p):
        for i in range(c + 1, p):
            f = m[i][c] / m[c][c]
            m[i] = [u - f * v for u, v in zip(m[i], m[c], strict=True)]
    x = [Fraction(0)] * p
    for c in reversed(range(p)):
        x[c] = (m[c][p] - sum(m[c][j] * x[j] for j in range(c + 1, p))) / m[c][c]
    return x


def exact_lre(values: list[Fraction], name: str) -> float:
    """Smallest LRE of exact values against the certified ones as printed (60 digits)."""
    scores = []
    for v, text in zip(values, _sections(name)[0], strict=True):
        c = Fraction(text)
        err = abs(v - c) / (abs(c) if c else 1)
        with localcontext() as ctx:
            ctx.prec = 60
            digits = -(Decimal(err.numerator) / Decimal(err.denominator)).log10() if err else 15
        scores.append(min(15.0, max(0.0, float(digits))))
    return min(scores)
