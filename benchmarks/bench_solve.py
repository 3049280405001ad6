"""How fast and how accurate is core.least_squares? Prints ratios measured in this run.

Run from the project root:  python benchmarks/bench_solve.py [--n 1000000] [--d 10]

The NIST table's "limit" is computed here, in rational arithmetic (tests/nist_strd.py): the
LRE of the exact least-squares solution of the data as read into doubles, the most a float64
solver can score on each file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import best_of  # noqa: E402

from linreg_lab.core import solvers  # noqa: E402
from linreg_lab.core.solvers import least_squares, polyfit  # noqa: E402
from tests.nist_strd import exact_lre, exact_solution, load_strd, lre  # noqa: E402

NIST = {"Norris": None, "Pontius": 2, "NoInt1": "noint", "NoInt2": "noint", "Filip": 10,
        "Longley": None, **{f"Wampler{i}": 5 for i in range(1, 6)}}


def best_in_turns(fns: list[Callable[[], object]], repeats: int) -> list[float]:
    """Best time of each function, run in turns: a load change on the shared machine then
    hits them all alike instead of skewing the ratio (as one block of runs each can)."""
    times = [[best_of(fn, 1) for fn in fns] for _ in range(repeats)]
    return [min(col) for col in zip(*times, strict=True)]


def bench_speed(n: int, d: int, repeats: int, target: str = "") -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, d))
    y = X @ rng.standard_normal(d) + 1.0 + 0.01 * rng.standard_normal(n)
    design = np.column_stack([X, np.ones(n)])
    t_ref, t_build, t_ours = best_in_turns([
        lambda: np.linalg.lstsq(design, y, rcond=None),
        lambda: np.linalg.lstsq(np.column_stack([X, np.ones(n)]), y, rcond=None),
        lambda: least_squares(X, y),
    ], repeats)
    refined = n * (d + 1) <= solvers._SMALL
    print(f"solve {n} x {d} (+ intercept), best of {repeats}"
          f"{', refined (small path)' if refined else ''}")
    print(f"  numpy.linalg.lstsq on prebuilt [X, 1]   {t_ref * 1e3:8.2f} ms   1.00")
    print(f"  numpy.linalg.lstsq incl. building [X,1] {t_build * 1e3:8.2f} ms   "
          f"{t_build / t_ref:.2f}")
    print(f"  core.least_squares                      {t_ours * 1e3:8.2f} ms   "
          f"{t_ours / t_ref:.2f}  {target}")


def ours(name: str, y: np.ndarray, X: np.ndarray) -> np.ndarray:
    kind = NIST[name]
    if kind == "noint":
        return least_squares(X, y, fit_intercept=False).w
    sol = least_squares(X, y) if kind is None else polyfit(X[:, 0], y, kind)
    return np.append(sol.b, sol.w)


def raw_design(name: str, X: np.ndarray) -> np.ndarray:
    """The textbook design: raw powers of x, or the raw predictors, plus a ones column."""
    kind = NIST[name]
    if kind == "noint":
        return X
    if kind is None:
        return np.column_stack([np.ones(len(X)), X])
    return np.vander(X[:, 0], kind + 1, increasing=True)


def textbook(name: str, y: np.ndarray, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    A = raw_design(name, X)
    with np.errstate(all="ignore"):
        try:
            normal = np.linalg.solve(A.T @ A, A.T @ y)
        except np.linalg.LinAlgError:
            normal = np.full(A.shape[1], np.nan)
    return normal, np.linalg.lstsq(A, y, rcond=None)[0]


def limit(name: str, y: np.ndarray, X: np.ndarray) -> float:
    """LRE of the exact solution of the float64 data (rational arithmetic, ~0.2 s for all)."""
    kind = NIST[name]
    degree = kind if isinstance(kind, int) else None
    return exact_lre(exact_solution(y, X, degree, intercept=kind != "noint"), name)


def bench_accuracy() -> None:
    print("\nNIST StRD, LRE = correct significant digits of the worst coefficient (max 15)")
    print(f"  {'data set':10s} {'limit':>6s} {'core':>6s} {'lstsq':>6s} {'normal eq.':>10s}")
    for name in NIST:
        cert, y, X = load_strd(name)
        normal, lstsq = textbook(name, y, X)
        scores = [lre(est, cert).min() for est in (ours(name, y, X), lstsq, normal)]
        print(f"  {name:10s} {limit(name, y, X):6.2f} {scores[0]:6.2f} {scores[1]:6.2f} "
              f"{scores[2]:10.2f}")
    print("  (limit: the exact solution of the data as read into doubles; lstsq and normal")
    print("   equations on the raw design, numpy defaults; 0 = no correct digit)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--d", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    bench_speed(args.n, args.d, args.repeats, "(target <= 1)")
    # the largest problem that still gets the double-double refinement: its price
    n_small = solvers._SMALL // (args.d + 1)
    print()
    bench_speed(n_small, args.d, 10 * args.repeats, "(refinement's cost at its bound)")
    bench_accuracy()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
