"""Rewind: the cost of showing any past step of a long run, and what the timeline keeps.

A run of --steps SGD steps (default 10⁷) on d2l's data (1,000 examples, batch 10) is stepped
through core.timeline.Timeline in run-loop sized chunks, against the same run on a bare
SGDTrainer in the same process, in ten turns each: the ratio is what checkpointing costs.
Then random past steps are shown: the median time of Timeline.show(t) is printed against the
time the bare trainer needs for 1,000 steps (the reference), and the memory of the
checkpoints kept.

    .venv/bin/python benchmarks/bench_rewind.py [--steps N] [--shows K]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linreg_lab.core.sgd import SGDTrainer
from linreg_lab.core.timeline import Timeline

CHUNK = 2_000  # steps per call, about what the run loop asks for in a frame


def d2l_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(1000, 2))
    return X, X @ np.array([2.0, -3.4]) + 4.2 + rng.normal(0.0, 0.01, 1000)


def run(stepper, total: int) -> float:
    start = time.perf_counter()
    done = 0
    while done < total:
        done += stepper(min(CHUNK, total - done))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000_000)
    parser.add_argument("--shows", type=int, default=30)
    args = parser.parse_args()
    X, y = d2l_data()
    bare = SGDTrainer(X, y, lr=0.03, batch_size=10, seed=1)
    timeline = Timeline(SGDTrainer(X, y, lr=0.03, batch_size=10, seed=1))
    t_bare = t_timeline = 0.0
    turn = max(CHUNK, args.steps // 10)  # in turns, so a busy machine slows both alike
    for _ in range(0, args.steps, turn):
        t_bare += run(bare.step, turn)
        t_timeline += run(timeline.step, turn)
    assert np.array_equal(bare.w, timeline.head.w)
    reference = SGDTrainer(X, y, lr=0.03, batch_size=10, seed=2)
    start = time.perf_counter()
    reference.step(1000)
    t_1000 = time.perf_counter() - start
    rng = np.random.default_rng(0)
    shows = []
    for t in rng.integers(0, args.steps, args.shows):
        start = time.perf_counter()
        timeline.show(int(t))
        shows.append(time.perf_counter() - start)
        assert timeline.shown.steps == t
    checkpoints = timeline._checkpoints
    size = sum(c.theta.nbytes + len(repr(c.rng_state)) for c in checkpoints)
    print(f"run of {args.steps:,} steps: bare {t_bare:.2f} s, through the timeline "
          f"{t_timeline:.2f} s, ratio {t_timeline / t_bare:.3f}")
    print(f"show(t) at {args.shows} random steps: median {statistics.median(shows) * 1e3:.1f} ms"
          f", max {max(shows) * 1e3:.1f} ms = {statistics.median(shows) / t_1000:.1f} × "
          f"(1,000 bare steps: {t_1000 * 1e3:.2f} ms)")
    print(f"checkpoints kept: {len(checkpoints)}, about {size / 1024:.1f} KiB; "
          f"{args.steps // max(1, len(checkpoints) - 1):,} steps apart at most")


if __name__ == "__main__":
    main()
