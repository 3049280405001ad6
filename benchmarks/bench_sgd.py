"""SGD speed: SGDTrainer.step(k) against hand-written NumPy loops, measured in the same run.

Prints µs per minibatch step and the ratio trainer / lean reference for batch 1, 10, 100 on
d2l's data (true_w = [2, −3.4], true_b = 4.2, 1000 examples, noise 0.01). The lean reference
is the loop a skilled person writes: a permutation per epoch, a fancy-index gather per batch,
np.dot(..., out=) into preallocated buffers. The book-style loop (no buffers, fresh arrays
every step) is shown too, and d2l's PyTorch loop if torch happens to be importable.

    .venv/bin/python benchmarks/bench_sgd.py [--steps N] [--repeats R]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linreg_lab.core.sgd import SGDTrainer

TRUE_W, TRUE_B, N = np.array([2.0, -3.4]), 4.2, 1000


def d2l_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, 2))
    return X, X @ TRUE_W + TRUE_B + rng.normal(0.0, 0.01, N)


def lean_loop(X, y, lr: float, batch_size: int, num_steps: int, seed: int) -> np.ndarray:
    """Per-epoch permutation, fancy-index gather per batch, np.dot(out=) into buffers."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    X1 = np.hstack([X, np.ones((n, 1))])  # the intercept as a feature: one dot, not two
    theta = np.concatenate([rng.normal(0.0, 0.01, d), [0.0]])
    r_full, g = np.empty(batch_size), np.empty(d + 1)
    dot, sub, mul = np.dot, np.subtract, np.multiply
    done = 0
    while done < num_steps:
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = perm[start : start + batch_size]
            Xb, yb = X1[idx], y[idx]
            r = r_full if len(idx) == batch_size else np.empty(len(idx))
            dot(Xb, theta, out=r)
            sub(r, yb, out=r)
            dot(r, Xb, out=g)
            mul(g, lr / len(idx), out=g)
            sub(theta, g, out=theta)
            done += 1
            if done == num_steps:
                break
    return theta


def book_loop(X, y, lr: float, batch_size: int, num_steps: int, seed: int) -> np.ndarray:
    """d2l's loop translated to NumPy as written: fresh arrays every step, (n, 1) columns."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w = rng.normal(0.0, 0.01, (d, 1))
    b = np.zeros(1)
    y = y.reshape(-1, 1)
    done = 0
    while done < num_steps:
        indices = list(range(n))
        rng.shuffle(indices)
        for i in range(0, n, batch_size):
            batch_indices = np.array(indices[i : min(i + batch_size, n)])
            Xb, yb = X[batch_indices], y[batch_indices]
            y_hat = np.matmul(Xb, w) + b
            resid = y_hat - yb
            grad_w, grad_b = Xb.T @ resid / len(yb), resid.sum(axis=0) / len(yb)
            w = w - lr * grad_w
            b = b - lr * grad_b
            done += 1
            if done == num_steps:
                break
    return np.concatenate([w.ravel(), b])


def trainer_run(X, y, lr: float, batch_size: int, num_steps: int, seed: int) -> np.ndarray:
    t = SGDTrainer(X, y, lr=lr, batch_size=batch_size, seed=seed)
    t.step(num_steps)
    return np.append(t.w, t.b)


def torch_loop(X, y, lr: float, batch_size: int, num_steps: int, seed: int):
    """d2l 3.2's from-scratch PyTorch loop (autograd, torch.no_grad update)."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    features = torch.tensor(X, dtype=torch.float32)
    labels = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)
    w = torch.normal(0, 0.01, size=(2, 1), generator=gen).requires_grad_(True)
    b = torch.zeros(1, requires_grad=True)
    n, done = len(features), 0
    while done < num_steps:
        indices = torch.randperm(n, generator=gen)
        for i in range(0, n, batch_size):
            j = indices[i : i + batch_size]
            loss = ((features[j] @ w + b - labels[j]) ** 2 / 2).sum()
            loss.backward()
            with torch.no_grad():
                for param in (w, b):
                    param -= lr * param.grad / len(j)
                    param.grad.zero_()
            done += 1
            if done == num_steps:
                break


def per_step_us(fn, X, y, batch_size: int, steps: int, repeats: int) -> float:
    """Best of `repeats` runs, in µs per step (the minimum is the least disturbed run)."""
    best = float("inf")
    for rep in range(repeats):
        t0 = time.perf_counter()
        fn(X, y, 0.03, batch_size, steps, rep)
        best = min(best, time.perf_counter() - t0)
    return best / steps * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    X, y = d2l_data()
    try:
        import torch  # noqa: F401

        have_torch = True
    except ImportError:
        have_torch = False
    print(f"SGD on d2l data (n={N}, d=2), {args.steps} steps, best of {args.repeats}, µs/step")
    header = f"{'batch':>5} {'trainer':>8} {'lean':>8} {'ratio':>6} {'book':>8}"
    print(header + (f" {'torch':>8}" if have_torch else ""))
    for bs in (1, 10, 100):
        # interleave so that load from other processes hits both alike
        tr, lean = float("inf"), float("inf")
        for _ in range(args.repeats):
            tr = min(tr, per_step_us(trainer_run, X, y, bs, args.steps, 1))
            lean = min(lean, per_step_us(lean_loop, X, y, bs, args.steps, 1))
        book = per_step_us(book_loop, X, y, bs, args.steps // 4, 3)
        line = f"{bs:>5} {tr:8.2f} {lean:8.2f} {tr / lean:6.2f} {book:8.2f}"
        if have_torch:
            line += f" {per_step_us(torch_loop, X, y, bs, args.steps // 50, 3):8.2f}"
        print(line)
    if not have_torch:
        print("torch not importable: PyTorch loop skipped (measure it from a throwaway venv)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
