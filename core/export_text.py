"""The pieces every exported script writes alike: regression's (core.python_export) and
softmax regression's (core.softmax_export).

Exact float literals and wrapped lists of embedded numbers, the script's opening docstring,
the random generator's start (written as d2l does when it is exactly a fresh seeded one, its
full state otherwise), the position in the epoch the run started at, and the lines that take
the next minibatch. One copy here, so both scripts read the same and both redo the app's
minibatch order bit for bit.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Indices

__all__ = ["NEXT_BATCH", "SGD_FUNCTION", "WIDTH", "RunStart", "array_lines", "epoch_position_lines",
           "float_list", "float_text", "fresh_generator", "generator_lines", "header",
           "wrapped"]

WIDTH = 95  # characters per line of embedded numbers


class RunStart(Protocol):
    """Where a recorded run's minibatch order stood (core.run_record.RunRecord and
    core.softmax_run.SoftmaxRunRecord both have these)."""

    @property
    def n_examples(self) -> int: ...
    @property
    def rng_state(self) -> dict[str, Any]: ...
    @property
    def position(self) -> int: ...
    @property
    def order(self) -> Indices | None: ...
    @property
    def at_epoch_boundary(self) -> bool: ...


def float_text(value: float) -> str:
    """A float as Python source that reads back to the same float."""
    return repr(float(value))


def float_list(values: ArrayLike) -> str:
    """A flat list literal of exact floats."""
    return "[" + ", ".join(float_text(v) for v in np.asarray(values, float).ravel()) + "]"


def wrapped(items: list[str], indent: str = "    ") -> str:
    """Comma-separated items, several per line, each line at most ~WIDTH characters."""
    lines, line = [], ""
    for item in items:
        piece = item + ","
        if line and len(indent) + len(line) + 1 + len(piece) > WIDTH:
            lines.append(indent + line)
            line = piece
        else:
            line = f"{line} {piece}" if line else piece
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def array_lines(name: str, items: list[str], comment: str) -> list[str]:
    """``name = np.array([...])`` with the items wrapped, and a comment on the closing line."""
    return [f"{name} = np.array([", wrapped(items), f"])  # {comment}"]


def header(title: str, body: str) -> str:
    """The script's opening docstring: a title line, a blank line, then the body."""
    return f'"""{title}\n\n{body.strip()}\n"""\n'


def fresh_generator(seed: int | None, run: RunStart, start_w: ArrayLike,
                    start_b: ArrayLike) -> str | None:
    """How d2l would write the recorded start, if it is exactly that: "draws w" (the
    generator seeded with seed, then w ~ N(0, 0.01²) of start_w's shape drawn from it, b
    zero), "seeded" (seeded, w given) or None (the generator had already been used: its
    state must be written out)."""
    if seed is None or isinstance(seed, bool):
        return None
    rng = np.random.default_rng(seed)
    if rng.bit_generator.state == run.rng_state:
        return "seeded"
    start = np.asarray(start_w, dtype=float)
    w = rng.normal(0.0, 0.01, size=start.shape)
    same = rng.bit_generator.state == run.rng_state and w.tobytes() == start.tobytes()
    return "draws w" if same and not np.asarray(start_b, dtype=float).any() else None


def _plain_state(state: Any) -> Any:
    """A bit_generator state as Python literals (arrays become lists)."""
    if isinstance(state, dict):
        return {k: _plain_state(v) for k, v in state.items()}
    return state.tolist() if isinstance(state, np.ndarray) else state


def generator_lines(fresh: str | None, run: RunStart) -> list[str]:
    """The generator for a start the script writes out (fresh is "seeded" or None)."""
    if fresh == "seeded":
        return ["rng = np.random.default_rng(seed)  # draws each epoch's order"]
    state = wrapped([f"{k!r}: {v!r}" for k, v in _plain_state(run.rng_state).items()])
    return ["rng = np.random.default_rng()",
            "# the app's random generator exactly as it stood at that start:",
            "rng.bit_generator.state = {", state, "}"]


def epoch_position_lines(run: RunStart) -> list[str]:
    """Where in an epoch the run started: at its end, or in the middle of a drawn order."""
    if run.at_epoch_boundary:
        return ["indices, position = None, len(labels)  # at an epoch's end: the first "
                "step starts a new one"]
    order = np.arange(run.n_examples) if run.order is None else run.order
    return ["# the app was in the middle of an epoch: its order, and how far it had come",
            *array_lines("indices", [str(int(i)) for i in order], "that epoch's order"),
            f"position = {int(run.position)}"]


# The train loop's first lines (inside `for _ in range(num_steps):`): d2l's data_iter, one
# minibatch at a time, so the run may stop, or change its batch size, mid-epoch.
NEXT_BATCH = '''\
        if position == len(labels):  # every example visited: a new epoch, in a new order
            indices = rng.permutation(len(labels)) if shuffle else np.arange(len(labels))
            position = 0
        batch_indices = indices[position:position + batch_size]  # the last may be shorter
        position += len(batch_indices)
'''


# d2l 3.2's sgd, as both scripts define it (the gradients are summed over the batch)
SGD_FUNCTION = '''
def sgd(params, grads, lr, batch_size):
    """Minibatch SGD, in place: param -= lr * (gradient summed over the batch) / batch_size."""
    for param, grad in zip(params, grads):
        param -= grad * (lr / batch_size)
'''
