"""File → Export as Python: the lab's data and training as a standalone NumPy script.

The script uses d2l's names (``synthetic_data``, ``data_iter``, ``linreg``, ``squared_loss``,
``sgd``, ``true_w``, ``features``, ``labels``, ``lr``, ``num_epochs``, ``batch_size``, ``net``,
``loss``) so a learner can lay it next to the chapter, and it imports nothing but NumPy.

It reproduces the app, not just its recipe: the training examples are embedded exactly
(``repr`` floats read back bit for bit), whether they were generated, loaded or edited; and the
loop follows ``core.SGDTrainer``'s semantics and random draws: one
``np.random.default_rng(seed)``, first w ~ N(0, 0.01²) when the initialisation is d2l's, then
one permutation per shuffled epoch; batches of ``batch_size`` with a short last batch; the
gradient averaged over the examples actually in the batch; the update θ ← θ − (lr/|B|)·Σ∇.
So for the same settings the script's w, b after k epochs equal the trainer's after the same
steps (to rounding, ~1e-15). What the app cannot pass on is a setting changed in the middle of
a run: the script uses the settings at export time from the start.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.notation import LOSS_KINDS, LossKind, plain_names
from linreg_lab.core.shapes import as_xy

__all__ = ["python_script"]

_WIDTH = 95  # characters per line of embedded numbers


class Recipe(Protocol):
    """The generation recipe quoted in the script (the fields of gui's GenerationSpec)."""

    @property
    def w(self) -> ArrayLike: ...
    @property
    def b(self) -> float: ...
    @property
    def num_examples(self) -> int: ...
    @property
    def noise_std(self) -> float: ...
    @property
    def noise(self) -> str: ...
    @property
    def seed(self) -> int: ...
    @property
    def x_range(self) -> tuple[float, float] | None: ...


def python_script(
    *,
    X: ArrayLike,
    y: ArrayLike,
    feature_names: Sequence[str] = (),
    label_name: str = "y",
    true_w: ArrayLike | None = None,
    true_b: float | None = None,
    spec: Recipe | None = None,
    lr: float,
    batch_size: int,
    num_epochs: int,
    shuffle: bool,
    seed: int,
    init: str = "normal",
    init_w: ArrayLike = (0.0,),
    init_b: float = 0.0,
    loss: str = LossKind.SQUARED,
    huber_delta: float = 1.0,
    standardize: bool = False,
    steps_done: int = 0,
    n_held_out: int = 0,
    current_w: ArrayLike | None = None,
    current_b: float | None = None,
) -> str:
    """The script text (see the module docstring).

    X (n, d), y (n,): the training examples (the app's training set, validation rows left
    out; say how many with n_held_out). spec: the generation recipe (anything with the fields
    of gui.data_state.GenerationSpec) or None; it only goes into a comment. init: "normal"
    (d2l's N(0, 0.01²)), "zeros" or "point" (init_w padded with zeros / cut to d, init_b).
    num_epochs is raised to the epochs that cover steps_done when the app ran further (its
    0, "until paused", always is).
    current_w, current_b: where the app stood at export, quoted in a comment.
    Raises ValueError for empty or malformed data and unknown loss or init.
    """
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    _check(X, y, loss, init, batch_size)
    n, d = X.shape
    epochs = _epochs(num_epochs, steps_done, n, batch_size)
    parts = [
        _header(),
        _data_block(X, y, feature_names, label_name, true_w, true_b, spec, n_held_out),
        _synthetic_block(true_w, spec),
        _model_block(loss, huber_delta),
        _hyper_block(lr, batch_size, epochs, num_epochs, shuffle, seed, loss, steps_done,
                     current_w, current_b),
        _standardize_block() if standardize else "",
        _init_block(init, init_w, init_b, d, standardize),
        _train_block("train_features" if standardize else "features"),
        _result_block(standardize, loss),
    ]
    return "\n".join(p for p in parts if p)


# --------------------------------------------------------------------------- checks


def _check(X: np.ndarray, y: np.ndarray, loss: str, init: str, batch_size: int) -> None:
    as_xy(X, y)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError("there are no training examples to export")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("the data must be finite")
    if loss not in LOSS_KINDS:
        raise ValueError(f"unknown loss {loss!r}")
    if init not in ("normal", "zeros", "point"):
        raise ValueError(f"unknown initialisation {init!r}")
    if int(batch_size) < 1:
        raise ValueError(f"batch size must be at least 1, got {batch_size}")


def _epochs(num_epochs: int, steps_done: int, n: int, batch_size: int) -> int:
    """The app's planned epochs, or more if it already ran more (at least 1)."""
    per_epoch = math.ceil(n / min(int(batch_size), n))
    return max(int(num_epochs), math.ceil(int(steps_done) / per_epoch), 1)


# --------------------------------------------------------------------------- formatting


def _f(value: float) -> str:
    """A float as Python source that reads back to the same float."""
    return repr(float(value))


def _flist(values: ArrayLike) -> str:
    return "[" + ", ".join(_f(v) for v in np.asarray(values, float).ravel()) + "]"


def _wrapped(items: list[str], indent: str = "    ") -> str:
    """Comma-separated items, several per line, each line at most ~_WIDTH characters."""
    lines, line = [], ""
    for item in items:
        piece = item + ","
        if line and len(indent) + len(line) + 1 + len(piece) > _WIDTH:
            lines.append(indent + line)
            line = piece
        else:
            line = f"{line} {piece}" if line else piece
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


# --------------------------------------------------------------------------- blocks


def _header() -> str:
    return '''"""Linear regression trained by minibatch SGD, exported from LinReg Lab (d2l 3.2).

Run:  python this_file.py     (needs only NumPy)
Same data, settings and random numbers as the app when it was exported: for the squared loss
the printed w, b equal the app's after the same number of steps. Settings changed in the
middle of a run in the app are used here from the start.
"""

import numpy as np
'''


def _provenance(spec: Recipe | None, n: int, n_held_out: int) -> list[str]:
    if spec is None:
        return ["# The app's training examples, exactly (loaded, clicked or edited there)."]
    args = [f"true_w={_flist(spec.w)}", f"true_b={_f(spec.b)}",
            f"num_examples={int(spec.num_examples)}", f"noise_std={_f(spec.noise_std)}",
            f"noise={str(spec.noise)!r}", f"seed={int(spec.seed)}"]
    if spec.x_range is not None:
        args.append(f"x_range={_flist(spec.x_range)}")
    lines = ["# Generated in LinReg Lab with its core.synthetic_data recipe:",
             "#   synthetic_data(" + ", ".join(args[:3]) + ",",
             "#                  " + ", ".join(args[3:]) + ")"]
    if n_held_out:
        lines.append(f"# then {int(n_held_out)} examples were held out for validation "
                     f"(not included here).")
    lines.append(f"# Below: the {n} training examples exactly, including any edits made in "
                 "the app.")
    return lines


def _data_block(X: np.ndarray, y: np.ndarray, feature_names: Sequence[str], label_name: str,
                true_w: ArrayLike | None, true_b: float | None, spec: Recipe | None,
                n_held_out: int) -> str:
    n, d = X.shape
    names = [str(s) for s in feature_names] or plain_names("x", d)
    truth = _known_truth(true_w, true_b, d)
    rows = [_flist(row) for row in X]
    lines = [
        "# ---- data -------------------------------------------------------------------",
        *_provenance(spec, n, n_held_out),
        f"feature_names = {names!r}",
        f"label_name = {str(label_name)!r}",
        (f"true_w = np.array({_flist(truth[0])})  # the parameters the data were made with"
         if truth else "true_w = None  # unknown: the data were not generated"),
        f"true_b = {_f(truth[1])}" if truth else "true_b = None",
        "features = np.array([", _wrapped(rows), "])  # (n, d): one row per example",
        "labels = np.array([", _wrapped([_f(v) for v in y]), "])  # (n,): 1-D, not (n, 1)",
    ]
    return "\n".join(lines) + "\n"


def _known_truth(
    true_w: ArrayLike | None, true_b: float | None, d: int
) -> tuple[np.ndarray, float] | None:
    """The true parameters when both are known and fit the data's d, else None."""
    if true_w is None or true_b is None or np.asarray(true_w).size != d:
        return None
    return np.asarray(true_w, dtype=float), float(true_b)


def _synthetic_block(true_w: ArrayLike | None, spec: Recipe | None) -> str:
    text = '''
def synthetic_data(w, b, num_examples, noise_std=0.01, rng=None):
    """d2l's recipe: X ~ N(0, 1), y = Xw + b + N(0, noise_std²) noise; y is 1-D."""
    rng = np.random.default_rng() if rng is None else rng
    X = rng.standard_normal((num_examples, len(w)))
    y = X @ w + b + rng.normal(0.0, noise_std, size=num_examples)
    return X, y

'''
    if true_w is not None:
        std = _f(spec.noise_std) if spec is not None else "0.01"
        text += ("\n# To train on fresh data from the same recipe instead, uncomment:\n"
                 f"# features, labels = synthetic_data(true_w, true_b, 1000, noise_std={std},\n"
                 "#                                   rng=np.random.default_rng(0))\n")
    return text


_LOSSES = {
    LossKind.SQUARED: '''
def squared_loss(y_hat, y):
    """d2l's squared loss (y_hat - y)² / 2 per example; the ½ makes its gradient the residual."""
    return (y_hat - y) ** 2 / 2


def squared_loss_grad(y_hat, y):
    """d loss / d y_hat, per example: the residual."""
    return y_hat - y
''',
    LossKind.ABSOLUTE: '''
def absolute_loss(y_hat, y):
    """|y_hat - y| per example: robust to outliers, but its gradient never shrinks."""
    return np.abs(y_hat - y)


def absolute_loss_grad(y_hat, y):
    """d loss / d y_hat, per example: the sign of the residual (0 at a perfect fit)."""
    return np.sign(y_hat - y)
''',
    LossKind.HUBER: '''
def huber_loss(y_hat, y, delta=huber_delta):
    """Squared within ±delta, linear outside: smooth near the fit, robust to outliers."""
    r = y_hat - y
    a = np.abs(r)
    return np.where(a <= delta, r * r / 2, delta * (a - delta / 2))


def huber_loss_grad(y_hat, y, delta=huber_delta):
    """d loss / d y_hat, per example: the residual clipped to [-delta, delta]."""
    return np.clip(y_hat - y, -delta, delta)
''',
}


def _model_block(loss: str, huber_delta: float) -> str:
    head = '''
# ---- model, loss, optimizer ----------------------------------------------------
def linreg(X, w, b):
    """The linear model y_hat = Xw + b (one neuron, no activation)."""
    return X @ w + b


'''
    delta = f"huber_delta = {_f(huber_delta)}\n\n\n" if loss == LossKind.HUBER else ""
    tail = '''

def data_iter(batch_size, features, labels, rng, shuffle=True):
    """Minibatches that visit every example once per epoch; the last one may be shorter.

    shuffle: a new random order each epoch, drawn from rng (else the examples in order).
    """
    num_examples = len(labels)
    indices = rng.permutation(num_examples) if shuffle else np.arange(num_examples)
    for i in range(0, num_examples, batch_size):
        batch_indices = indices[i:i + batch_size]
        yield features[batch_indices], labels[batch_indices]


def sgd(params, grads, lr, batch_size):
    """Minibatch SGD, in place: param -= lr * (gradient summed over the batch) / batch_size."""
    for param, grad in zip(params, grads):
        param -= grad * (lr / batch_size)
'''
    return head + delta + _LOSSES[LossKind(loss)].lstrip("\n") + tail


def _hyper_block(lr: float, batch_size: int, epochs: int, num_epochs: int, shuffle: bool,
                 seed: int, loss: str, steps_done: int, current_w: ArrayLike | None,
                 current_b: float | None) -> str:
    lines = [
        "",
        "# ---- hyperparameters -----------------------------------------------------------",
        f"lr = {_f(lr)}",
        f"batch_size = {int(batch_size)}",
        f"num_epochs = {int(epochs)}" + ("" if epochs == num_epochs else
                                         "  # the epochs the app had begun when exported"),
        f"shuffle = {bool(shuffle)!r}  # True: a new random order every epoch",
        f"seed = {int(seed)}",
        "net = linreg",
        f"loss, loss_grad = {loss}_loss, {loss}_loss_grad",
    ]
    if current_w is not None and current_b is not None:
        lines += [f"# At export the app had done {int(steps_done)} steps and stood at",
                  f"#   w = {_flist(current_w)}, b = {_f(current_b)}"]
    return "\n".join(lines) + "\n"


def _standardize_block() -> str:
    return '''
# ---- standardisation (the app's "standardize x" option) -------------------------
# SGD runs on standardised features (each column: mean 0, standard deviation 1), so one
# learning rate suits every feature; w, b are mapped back to data units at the end.
mean = features.mean(axis=0)
scale = features.std(axis=0)
scale[scale == 0] = 1.0  # a constant column is left as it is
train_features = (features - mean) / scale
'''


def _init_block(init: str, init_w: ArrayLike, init_b: float, d: int, standardize: bool) -> str:
    lines = ["", "# ---- training " + "-" * 65,
             "rng = np.random.default_rng(seed)  # one generator: w first, then each epoch's order"]
    if init == "normal":
        lines += ["w = rng.normal(0.0, 0.01, size=features.shape[1])  # d2l: w ~ N(0, 0.01²)",
                  "b = np.zeros(1)"]
    elif init == "zeros":
        lines += ["w = np.zeros(features.shape[1])", "b = np.zeros(1)"]
    else:
        given = np.asarray(init_w, dtype=float)
        w = np.zeros(d)
        k = min(d, len(given))
        w[:k] = given[:k]
        lines += [f"w = np.array({_flist(w)})  # the starting point chosen in the app",
                  f"b = np.array([{_f(init_b)}])"]
        if standardize:
            lines += ["w, b = w * scale, b + w @ mean  # the same line, in standardised units"]
    return "\n".join(lines)


def _train_block(train_x: str) -> str:
    return f'''for epoch in range(num_epochs):
    for X, y in data_iter(batch_size, {train_x}, labels, rng, shuffle):
        dl = loss_grad(net(X, w, b), y)  # d loss / d y_hat for each example of the batch
        sgd([w, b], [dl @ X, dl.sum(keepdims=True)], lr, len(y))  # len(y): the batch's own size
    train_l = loss(net({train_x}, w, b), labels)
    print(f"epoch {{epoch + 1}}, loss {{float(train_l.mean()):f}}")
    if not np.isfinite(train_l.mean()):
        print("diverged: try a smaller learning rate")
        break
'''


def _result_block(standardize: bool, loss: str) -> str:
    back = ("w, b = w / scale, b - (w / scale) @ mean  # back to data units\n"
            if standardize else "")
    note = ("" if loss == LossKind.SQUARED else
            f"# (least squares minimises the squared loss; SGD on the {loss} loss aims at its\n"
            "# own optimum, so the two may differ, most where there are outliers)\n")
    return back + '''
print("w =", [float(v) for v in w])
print("b =", float(b[0]))

# The analytical solution w* = (XᵀX)⁻¹Xᵀy, computed stably by least squares (no inverse)
''' + note + '''design = np.column_stack([features, np.ones(len(labels))])
theta, *_ = np.linalg.lstsq(design, labels, rcond=None)
print("analytical w =", [float(v) for v in theta[:-1]])
print("analytical b =", float(theta[-1]))
if true_w is not None:
    print(f"error in estimating w: {true_w - w}")
    print(f"error in estimating b: {true_b - b[0]}")
'''
