"""Softmax regression speed: SoftmaxTrainer.step(k) against a lean NumPy loop, in one run.

Prints µs per minibatch step and the ratio trainer / lean reference for batch 10 on three
Gaussian clusters (d = 2, k = 3, 1,000 examples), then the time of one epoch on the 8×8
digits (1,797 images, d = 64, k = 10) at batch 32, trainer and lean loop alike, and the
decision-region image (argmax and probability, 200 × 200 pixels, k = 3) against a frame's
16 ms. The lean
reference is the loop a skilled person writes: a permutation per epoch, a fancy-index gather
per batch, the stable (max-shifted) softmax, the batch's mean cross-entropy (the trainer
computes it for its loss curve and divergence check) and the update of [W; b] as one matrix.

    .venv/bin/python benchmarks/bench_softmax.py [--steps N] [--rounds R] [--repeats R]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linreg_lab.core.class_data import gaussian_clusters, load_digits
from linreg_lab.core.decision_regions import decision_image
from linreg_lab.core.softmax import one_hot
from linreg_lab.core.softmax_trainer import SoftmaxTrainer


def lean_loop(X, y, k: int, lr: float, batch_size: int, num_steps: int, seed: int) -> float:
    """Per-epoch permutation, fancy-index gathers, stable softmax and loss, one matrix update."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    X1 = np.hstack([X, np.ones((n, 1))])  # the bias as an input: one product, not two
    Y = one_hot(y, k)
    theta = np.zeros((d + 1, k))
    theta[:d] = rng.normal(0.0, 0.01, (d, k))
    done, loss = 0, 0.0
    while done < num_steps:
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = perm[start : start + batch_size]
            Xb, Yb = X1[idx], Y[idx]
            o = Xb @ theta
            o -= o.max(axis=1, keepdims=True)
            e = np.exp(o)
            s = e.sum(axis=1, keepdims=True)
            loss = (np.log(s).sum() - (o * Yb).sum()) / len(idx)
            e /= s
            e -= Yb
            theta -= (lr / len(idx)) * (Xb.T @ e)
            done += 1
            if done == num_steps:
                break
    return loss


def trainer_run(X, y, k: int, lr: float, batch_size: int, num_steps: int, seed: int) -> float:
    t = SoftmaxTrainer(X, y, num_classes=k, lr=lr, batch_size=batch_size, seed=seed)
    t.step(num_steps)
    return t.steps


def trainer_epoch_ms(X, y, k: int, batch_size: int) -> float:
    """One epoch of a trainer built beforehand (its epoch-end loss and accuracy included)."""
    t = SoftmaxTrainer(X, y, num_classes=k, lr=0.1, batch_size=batch_size, seed=0)
    t0 = time.perf_counter()
    t.run_epoch()
    return (time.perf_counter() - t0) * 1e3


def per_step_us(fn, X, y, k: int, batch_size: int, steps: int, seed: int = 0) -> float:
    t0 = time.perf_counter()
    fn(X, y, k, 0.1, batch_size, steps, seed)
    return (time.perf_counter() - t0) / steps * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    clusters = gaussian_clusters(3, 1000, spread=1.0, seed=0)
    X, y = clusters.X, clusters.labels
    trainer, lean = [], []
    for rep in range(args.rounds):  # short runs, interleaved: load bursts hit both alike
        trainer.append(per_step_us(trainer_run, X, y, 3, 10, args.steps, rep))
        lean.append(per_step_us(lean_loop, X, y, 3, 10, args.steps, rep))
    tr, le = np.array(trainer), np.array(lean)
    print(f"softmax SGD step, batch 10, d 2, k 3, n 1000; {args.rounds} interleaved runs of "
          f"{args.steps} steps, µs/step")
    print(f"  best:   trainer {tr.min():8.2f}   lean {le.min():8.2f}   "
          f"ratio {tr.min() / le.min():5.2f}")
    print(f"  median: trainer {np.median(tr):8.2f}   lean {np.median(le):8.2f}   "
          f"ratio of paired runs {np.median(tr / le):5.2f}")
    digits = load_digits()
    n = digits.n_examples
    per_epoch = -(-n // 32)
    tr = lean = float("inf")
    for _ in range(args.repeats):
        tr = min(tr, trainer_epoch_ms(digits.X, digits.labels, 10, 32))
        lean = min(lean, per_step_us(lean_loop, digits.X, digits.labels, 10, 32, per_epoch)
                   * per_epoch / 1e3)
    print(f"digits ({n} images, d 64, k 10), one epoch at batch 32 ({per_epoch} steps); "
          f"best of {args.repeats}")
    print(f"  trainer {tr:8.2f} ms   lean {lean:8.2f} ms   ratio {tr / lean:5.2f}   "
          "(the trainer also evaluates the loss and accuracy on all 1,797 at the epoch's end)")
    t = SoftmaxTrainer(X, y, lr=0.1, seed=0)
    t.step(1000)
    image_ms = min(_timed(lambda: decision_image(t.W, t.b, (-6.0, 6.0), (-6.0, 6.0),
                                                 (200, 200))) for _ in range(args.repeats))
    print(f"decision regions, 200 × 200 pixels, k 3: {image_ms:.2f} ms "
          f"({image_ms / 16:.2f} of a 60 fps frame)")
    return 0


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1e3


if __name__ == "__main__":
    raise SystemExit(main())
