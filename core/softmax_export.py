"""File → Export in classification mode: the softmax run as a standalone NumPy script.

The script is d2l 3.6's softmax regression from scratch (``softmax``, ``net``,
``cross_entropy``, ``accuracy``, ``sgd``, ``num_inputs``, ``num_outputs``, ``W``, ``b``,
``lr``, ``batch_size``) in NumPy only, with the gradient written out (ŷ − y for the logits,
since there is no autograd), and d2l 3.7's stable LogSumExp formula when the app used it.

It redoes the app's run exactly, as core.python_export does for regression, from the same
pieces (core.export_text): the training examples embedded at full precision; the trainer's
start (W, b and the generator's full state, or ``default_rng(seed)`` when that is what it
was); then the steps replayed stretch by stretch with the learning rate, batch size,
shuffling and formula the app used for each (core.softmax_run), in the trainer's minibatch
order (one permutation per shuffled epoch, drawn when the epoch starts; a new batch size
continues the epoch where it stands; the gradient averaged over the examples in the batch),
stopping at the app's step count. It prints W, b, the loss and the accuracy; they equal the
trainer's to rounding in the last digits (~1e-15).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Required, TypedDict, Unpack

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.export_text import (
    NEXT_BATCH,
    SGD_FUNCTION,
    array_lines,
    epoch_position_lines,
    float_list,
    float_text,
    fresh_generator,
    generator_lines,
    header,
)
from linreg_lab.core.softmax_run import SoftmaxRunRecord

__all__ = ["SOFTMAX_SECTIONS", "SoftmaxScriptArgs", "formulas_used", "softmax_script",
           "softmax_script_sections"]

SOFTMAX_SECTIONS = ("header", "imports", "data", "model", "loss", "optimizer", "schedule",
                    "init", "train", "result")
_QUOTED_PARAMETERS = 24  # W, b quoted in a comment up to this many weights (not the digits')


class SoftmaxScriptArgs(TypedDict, total=False):
    """The arguments of softmax_script_sections (and so of the script and the notebook)."""

    X: Required[ArrayLike]
    labels: Required[ArrayLike]
    run: Required[SoftmaxRunRecord]
    stable: Required[bool]
    seed: int | None
    class_names: Sequence[str]
    feature_names: Sequence[str]
    n_held_out: int
    stopped_because: str | None
    current_W: ArrayLike | None
    current_b: ArrayLike | None


def softmax_script(**kwargs: Unpack[SoftmaxScriptArgs]) -> str:
    """The script text (see the module docstring); arguments as for softmax_script_sections."""
    return "\n".join(code for code in softmax_script_sections(**kwargs).values() if code)


def softmax_script_sections(
    *,
    X: ArrayLike,
    labels: ArrayLike,
    run: SoftmaxRunRecord,
    stable: bool,
    seed: int | None = None,
    class_names: Sequence[str] = (),
    feature_names: Sequence[str] = (),
    n_held_out: int = 0,
    stopped_because: str | None = None,
    current_W: ArrayLike | None = None,
    current_b: ArrayLike | None = None,
) -> dict[str, str]:
    """The script's parts in order, by name (SOFTMAX_SECTIONS), so the notebook lays the very
    same code out cell by cell.

    X (n, d), labels (n,) class indices: the training examples (the trainer's, validation
    rows left out; say how many with n_held_out). run: the trainer's
    run_record(). stable: the formula the app uses now (for the final loss, and the run's
    only one when it took no step yet). seed: the app's seed, written as d2l does
    (``np.random.default_rng(seed)``) when that is exactly the recorded state.
    stopped_because: the trainer's divergence reason when it stopped (the naive formula's
    overflow), said in a comment: the step after the last would hit it. current_W,
    current_b: where the app stood at export, quoted in a comment when small.
    Raises ValueError for empty or malformed data, or a record that does not fit them.
    """
    X, y = _checked(X, labels, run, class_names)
    stables = formulas_used(run, stable)
    return {
        "header": _header(run, X.shape[0]),
        "imports": "import numpy as np\n",
        "data": _data_block(X, y, run.num_classes, class_names, feature_names, n_held_out),
        "model": _model_block(stables),
        "loss": _loss_block(stables),
        "optimizer": SGD_FUNCTION,
        "schedule": _schedule_block(run, seed, stable, current_W, current_b, stopped_because),
        "init": _init_block(run, seed),
        "train": _TRAIN.format(start_epoch=int(run.start_epoch), NEXT_BATCH=NEXT_BATCH),
        "result": _RESULT,
    }


def formulas_used(run: SoftmaxRunRecord, stable: bool) -> list[bool]:
    """The formulas the script needs (True: stable): the run's, and the app's current one."""
    return sorted({s.settings.stable for s in run.segments} | {bool(stable)})


# --------------------------------------------------------------------------- checks


def _checked(X: ArrayLike, labels: ArrayLike, run: SoftmaxRunRecord,
             class_names: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    X = np.array(X, dtype=float)
    y = np.asarray(labels)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(f"X must be (n, d) and labels (n,), got {X.shape} and {y.shape}")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError("there are no training examples to export")
    if not np.isfinite(X).all():
        raise ValueError("the data must be finite")
    k = run.num_classes
    if y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= k:
        raise ValueError(f"labels must be class indices 0…{k - 1}")
    if run.n_examples != X.shape[0] or run.start_W.shape != (X.shape[1], k):
        raise ValueError("the run record is of other data")
    if class_names and len(class_names) != k:
        raise ValueError(f"{len(class_names)} class names for {k} classes")
    return X, y.astype(np.intp)


# --------------------------------------------------------------------------- blocks


def _header(run: SoftmaxRunRecord, n: int) -> str:
    return header("Softmax regression trained by minibatch SGD, exported from LinReg Lab.", f"""
The app teaches d2l sections 3.4-3.7 (softmax regression); this script is its training
written out from scratch in the style of d2l section 3.6, with NumPy only.
Run:  python this_file.py

It redoes the app's run as it stood at export: the same training examples ({n}, of
{run.num_classes} classes), the same start (parameters and random-generator state), then the
same minibatch steps ({run.steps}), each stretch with the learning rate, batch size, shuffling
and formula (stable or naive) the app used for it. So the printed W, b equal the app's (to
rounding in the last digits, about 1e-15).
""")


def _data_block(X: np.ndarray, y: np.ndarray, k: int, class_names: Sequence[str],
                feature_names: Sequence[str], n_held_out: int) -> str:
    d = X.shape[1]
    names = [str(s) for s in class_names] or [str(c) for c in range(k)]
    features = [str(s) for s in feature_names] or [f"x{j + 1}" for j in range(d)]
    lines = [
        "# ---- data -------------------------------------------------------------------",
        "# The app's training examples, exactly (generated, loaded, clicked or edited there).",
        *([f"# ({int(n_held_out)} more were held out for validation: not included here.)"]
          if n_held_out else []),
        f"feature_names = {features!r}",
        f"class_names = {names!r}  # labels[i] = c means class_names[c]",
        f"num_inputs, num_outputs = {d}, {k}  # one input per feature, one output per class",
        *array_lines("features", [float_list(row) for row in X], "(n, d): one row per example"),
        *array_lines("labels", [str(int(c)) for c in y], "(n,): each example's class index"),
        "",
        "",
        "def one_hot(y, num_classes):",
        '    """One-hot encoding (d2l 3.4.1): row i is 1 in column y[i] and 0 elsewhere."""',
        "    Y = np.zeros((len(y), num_classes))",
        "    Y[np.arange(len(y)), y] = 1.0",
        "    return Y",
    ]
    return "\n".join(lines) + "\n"


_NAIVE_SOFTMAX = '''
def softmax(O):
    """d2l 3.6: exponentiate each logit, then divide by the row's sum (the partition
    function), so each row is a probability distribution over the classes. exp overflows
    for a logit above ~709: the lesson of d2l 3.7."""
    O_exp = np.exp(O)
    partition = O_exp.sum(axis=1, keepdims=True)
    return O_exp / partition
'''
_STABLE_SOFTMAX = '''
def stable_softmax(O):
    """The same probabilities, computed safely (d2l 3.7): subtracting each row's largest
    logit first changes no probability, and keeps every exp at most 1."""
    O_exp = np.exp(O - O.max(axis=1, keepdims=True))
    return O_exp / O_exp.sum(axis=1, keepdims=True)
'''
_NET = '''
def net(X, W, b):
    """The fully-connected layer: the logits o = XW + b, one per class. (d2l 3.6's net
    returns softmax(o); here the softmax goes with the loss, so the stable formula can
    start from the logits.)"""
    return X @ W + b
'''


def _functions(title: str, parts: list[str]) -> str:
    """A section's title line, then its functions two blank lines apart."""
    rule = "# ---- " + title + " " + "-" * (73 - len(title))
    return "\n" + rule + "\n" + "\n\n\n".join(part.strip("\n") for part in parts) + "\n"


def _model_block(stables: list[bool]) -> str:
    softmaxes = [_STABLE_SOFTMAX if stable else _NAIVE_SOFTMAX for stable in stables]
    return _functions("model: softmax regression", [*softmaxes, _NET])


_NAIVE_LOSS = '''
def cross_entropy(y_hat, y):
    """d2l 3.6: minus the log of the probability the model gives each example's own class
    (log(0) = -inf when that probability underflowed to 0)."""
    return -np.log(y_hat[np.arange(len(y_hat)), y])


def naive_cross_entropy(O, y):
    """d2l 3.6's two steps from the logits: softmax, then the cross-entropy."""
    return cross_entropy(softmax(O), y)
'''
_STABLE_LOSS = '''
def stable_cross_entropy(O, y):
    """d2l 3.7's LogSumExp trick, straight from the logits:
    -log softmax(o)_y = log sum_j exp(o_j - max o) - (o_y - max o),
    so no exp overflows and no log(0) appears."""
    shifted = O - O.max(axis=1, keepdims=True)
    return np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(len(O)), y]
'''
_ACCURACY = '''
def accuracy(O, y):
    """Classification accuracy (d2l 3.6.5): the share of examples whose most likely class
    (the largest logit) is their own."""
    return float((O.argmax(axis=1) == y).mean())
'''


def _loss_block(stables: list[bool]) -> str:
    losses = [_STABLE_LOSS if stable else _NAIVE_LOSS for stable in stables]
    table = ", ".join("True: (stable_softmax, stable_cross_entropy)" if stable else
                      "False: (softmax, naive_cross_entropy)" for stable in stables)
    return (_functions("loss and accuracy", [*losses, _ACCURACY]) + "\n\n"
            "# stable -> (softmax, the loss from the logits): the formulas of each stretch\n"
            f"formulas = {{{table}}}\n")


def _schedule_block(run: SoftmaxRunRecord, seed: int | None, stable: bool,
                    current_W: ArrayLike | None, current_b: ArrayLike | None,
                    stopped_because: str | None = None) -> str:
    rows = [f"    ({s.steps}, {float_text(s.settings.lr)}, {int(s.settings.batch_size)}, "
            f"{bool(s.settings.shuffle)!r}, {bool(s.settings.stable)!r}),"
            for s in run.segments]
    lines = [
        "\n# ---- hyperparameters -----------------------------------------------------------",
        "# The app's run, stretch by stretch, as it happened: a setting changed in the middle",
        "# of the run starts a new row.  (steps, lr, batch_size, shuffle, stable: True for",
        "# d2l 3.7's LogSumExp formula, False for the naive softmax and log of d2l 3.6)",
        "schedule = [", *rows, "]" + ("  # no steps yet" if not rows else ""),
        *([f"# The app stopped training after these steps: {stopped_because}.",
           "# (The update of the next step would have met it.)"] if stopped_because else []),
        f"stable_now = {bool(stable)!r}  # the formula the app uses now",
        f"seed = {seed!r}" if seed is not None else "",
    ]
    if current_W is not None and current_b is not None and \
            np.asarray(current_W).size <= _QUOTED_PARAMETERS:
        rows = [float_list(row) for row in np.asarray(current_W, dtype=float)]
        lines += [f"# At export the app had done {run.steps} steps in this run and stood at",
                  "#   W = [" + ",\n#        ".join(rows) + "],",
                  f"#   b = {float_list(current_b)}"]
    return "\n".join(line for line in lines if line) + "\n"


def _init_block(run: SoftmaxRunRecord, seed: int | None) -> str:
    lines = ["\n# ---- initializing model parameters, then training " + "-" * 29]
    fresh = fresh_generator(seed, run, run.start_W, run.start_b)
    if fresh == "draws w":
        lines += ["rng = np.random.default_rng(seed)  # one generator: W first, then each "
                  "epoch's order",
                  "W = rng.normal(0.0, 0.01, size=(num_inputs, num_outputs))  # d2l 3.6: "
                  "N(0, 0.01²)",
                  "b = np.zeros(num_outputs)"]
    else:
        lines += ["# where the app's run started: the chosen initialisation, or the weights",
                  "# the app kept when the data changed",
                  *array_lines("W", [float_list(row) for row in run.start_W],
                               "(num_inputs, num_outputs)"),
                  f"b = np.array({float_list(run.start_b)})",
                  *generator_lines(fresh, run)]
    return "\n".join(lines + epoch_position_lines(run))


_TRAIN = '''epoch = {start_epoch}  # completed epochs
# d2l's data_iter, one minibatch at a time: the run may stop, or change its batch size, in
# the middle of an epoch, as the app's can
for num_steps, lr, batch_size, shuffle, stable in schedule:
    softmax_of, loss = formulas[stable]
    for _ in range(num_steps):
{NEXT_BATCH}        X, y = features[batch_indices], labels[batch_indices]
        y_hat = softmax_of(net(X, W, b))
        dl_do = y_hat - one_hot(y, num_outputs)  # d loss / d o per example: y_hat - y
        sgd([W, b], [X.T @ dl_do, dl_do.sum(axis=0)], lr, len(y))  # len(y): this batch
        if position == len(labels):
            epoch += 1
            O = net(features, W, b)
            print(f"epoch {{epoch}}, loss {{float(loss(O, labels).mean()):f}}, "
                  f"train acc {{accuracy(O, labels):.3f}}")
'''

_RESULT = '''
# ---- the result (d2l 3.6.7: predictions) ----------------------------------------
O = net(features, W, b)
print("W =", W.tolist())  # full precision: repr of each float
print("b =", b.tolist())
print("loss =", float(formulas[stable_now][1](O, labels).mean()))
print("accuracy =", accuracy(O, labels))
predicted = O[:6].argmax(axis=1)
print("first examples, true:", [class_names[c] for c in labels[:6]])
print("first examples, pred:", [class_names[c] for c in predicted])
'''
