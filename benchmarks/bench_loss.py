"""Full-data training loss via sufficient statistics: its cost should not grow with n.

Prints the time of SufficientStats.loss(w, b) at n = 10³ and n = 10⁶ and their ratio (≈ 1
means O(d²) per call, independent of n), next to a direct mean of squared_loss over the data
(which grows with n) for reference, and checks that the two agree.

    .venv/bin/python benchmarks/bench_loss.py
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linreg_lab.core.losses import squared_loss
from linreg_lab.core.stats import SufficientStats


def measure(n: int, seed: int = 0) -> tuple[float, float, float]:
    """(stats µs per loss, direct µs per loss, relative difference) at n examples."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = X @ np.array([2.0, -3.4]) + 4.2 + rng.normal(0.0, 0.01, n)
    stats = SufficientStats.from_data(X, y)
    w, b = np.array([1.9, -3.3]), 4.0

    def direct() -> float:
        return float(squared_loss(X @ w + b, y).mean())

    number = 2000
    fast = min(timeit.repeat(lambda: stats.loss(w, b), number=number, repeat=5)) / number
    slow_n = max(1, 2000 // max(1, n // 1000))
    slow = min(timeit.repeat(direct, number=slow_n, repeat=3)) / slow_n
    rel = abs(stats.loss(w, b) - direct()) / direct()
    return fast * 1e6, slow * 1e6, rel


def main() -> int:
    small, large = measure(10**3), measure(10**6)
    print(f"{'n':>9} {'stats µs':>9} {'direct µs':>10} {'rel diff':>9}")
    for n, (fast, slow, rel) in ((10**3, small), (10**6, large)):
        print(f"{n:>9} {fast:9.2f} {slow:10.1f} {rel:9.1e}")
    print(f"stats loss() time ratio n=1e6 / n=1e3: {large[0] / small[0]:.2f}")
    print(f"direct mean time ratio n=1e6 / n=1e3: {large[1] / small[1]:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
