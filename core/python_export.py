"""File → Export as Python: the lab's data and its training run as a standalone NumPy script.

The script uses d2l's names (``synthetic_data``, ``linreg``, ``squared_loss``, ``sgd``,
``true_w``, ``features``, ``labels``, ``lr``, ``batch_size``, ``net``, ``loss``) so a learner
can lay it next to the from-scratch code of d2l 3.2, and it imports nothing but NumPy.

It redoes the app's run as it stands at export, whatever happened before: the training
examples are embedded exactly (``repr`` floats read back bit for bit), whether they were
generated, loaded or edited; the start is the trainer's own (its w, b and the generator's full
state, which after a data edit is a fresh generator that never drew w₀, and the position in
the epoch for a run restored mid-epoch); and the steps are replayed stretch by stretch with
the settings the app used for each (core.run_record), stopping at the step the app is at. The
loop follows ``core.SGDTrainer``'s semantics: one permutation per shuffled epoch, drawn when
the epoch starts; batches of ``batch_size`` with a short last batch (a new batch size
continues the epoch where it stands); the gradient averaged over the examples actually in the
batch. So the script's w, b equal the trainer's up to rounding in the last digits (~1e-15).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, Required, TypedDict, Unpack

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
from linreg_lab.core.notation import LOSS_KINDS, LossKind, plain_names
from linreg_lab.core.run_record import RunRecord
from linreg_lab.core.shapes import as_xy

__all__ = ["SECTIONS", "ScriptArgs", "loss_kinds", "python_script", "script_sections"]

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


class ScriptArgs(TypedDict, total=False):
    """The arguments of script_sections (and so of python_script and the notebook)."""

    X: Required[ArrayLike]
    y: Required[ArrayLike]
    run: Required[RunRecord]
    seed: int | None
    feature_names: Sequence[str]
    label_name: str
    true_w: ArrayLike | None
    true_b: float | None
    spec: Recipe | None
    recipe: str | None
    standardize: bool
    n_held_out: int
    current_w: ArrayLike | None
    current_b: float | None


def python_script(**kwargs: Unpack[ScriptArgs]) -> str:
    """The script text (see the module docstring); arguments as for script_sections."""
    return "\n".join(code for code in script_sections(**kwargs).values() if code)


def script_sections(
    *,
    X: ArrayLike,
    y: ArrayLike,
    run: RunRecord,
    seed: int | None = None,
    feature_names: Sequence[str] = (),
    label_name: str = "y",
    true_w: ArrayLike | None = None,
    true_b: float | None = None,
    spec: Recipe | None = None,
    recipe: str | None = None,
    standardize: bool = False,
    n_held_out: int = 0,
    current_w: ArrayLike | None = None,
    current_b: float | None = None,
) -> dict[str, str]:
    """The script's parts in order, by name (SECTIONS; "" for a part this run does not need),
    so the notebook export lays the very same code out cell by cell.

    X (n, d), y (n,): the training examples (the app's training set, validation rows left
    out; say how many with n_held_out). run: the trainer's run_record() (standardised units
    when standardize). seed: the app's seed, used to write the generator as d2l does
    (``np.random.default_rng(seed)``) when that is exactly the recorded state; otherwise the
    state itself is written. spec: the generation recipe (anything with the fields of
    gui's GenerationSpec) or None; recipe: the name of a lesson's special recipe that made
    the data instead; both only go into a comment. current_w, current_b: where
    the app stood at export, quoted in a comment.
    Raises ValueError for empty or malformed data, or a record that does not fit them.
    """
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    _check(X, y, run)
    d = X.shape[1]
    kinds = loss_kinds(run)
    parts = {
        "header": _header(run),
        "imports": "import numpy as np\n",
        "data": _data_block(X, y, feature_names, label_name, true_w, true_b, spec, n_held_out,
                            recipe),
        "synthetic": _synthetic_block(true_w, spec),
        "model": _model_block(kinds),
        "schedule": _schedule_block(run, seed, current_w, current_b),
        "standardize": _standardize_block() if standardize else "",
        "init": _init_block(run, seed, d, standardize),
        "train": _train_block("train_features" if standardize else "features", run.start_epoch),
        "result": _result_block(standardize, kinds),
    }
    return parts


SECTIONS = ("header", "imports", "data", "synthetic", "model", "schedule", "standardize",
            "init", "train", "result")


def loss_kinds(run: RunRecord) -> list[str]:
    """The losses the run used (sorted names; the squared loss when it took no step yet)."""
    return sorted({str(s.settings.loss) for s in run.segments} or {str(LossKind.SQUARED)})


# --------------------------------------------------------------------------- checks


def _check(X: np.ndarray, y: np.ndarray, run: RunRecord) -> None:
    as_xy(X, y)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError("there are no training examples to export")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("the data must be finite")
    if run.n_examples != X.shape[0] or np.asarray(run.start_w).size != X.shape[1]:
        raise ValueError("the run record is of other data")
    for segment in run.segments:
        if segment.settings.loss not in LOSS_KINDS:
            raise ValueError(f"unknown loss {segment.settings.loss!r}")


# --------------------------------------------------------------------------- blocks


def _header(run: RunRecord) -> str:
    return header("Linear regression trained by minibatch SGD, exported from LinReg Lab.", f"""
The app teaches d2l section 3.1 (linear regression); this script is its training written out
from scratch in the style of d2l section 3.2, with NumPy only.  Run:  python this_file.py

It redoes the app's run as it stood at export: the same training examples, the same start
(parameters and random-generator state), then the same {run.steps} minibatch steps, each
stretch with the learning rate, batch size, shuffling and loss the app used for it. So the
printed w, b equal the app's (to rounding in the last digits, about 1e-15).
""")


def _provenance(spec: Recipe | None, n: int, n_held_out: int,
                recipe: str | None = None) -> list[str]:
    if recipe is not None:
        return [f"# Made in LinReg Lab by a lesson's special recipe ({recipe}); below: the {n}",
                "# training examples exactly, including any edits made in the app."]
    if spec is None:
        return ["# The app's training examples, exactly (loaded, clicked or edited there)."]
    args = [f"true_w={float_list(spec.w)}", f"true_b={float_text(spec.b)}",
            f"num_examples={int(spec.num_examples)}", f"noise_std={float_text(spec.noise_std)}",
            f"noise={str(spec.noise)!r}", f"seed={int(spec.seed)}"]
    if spec.x_range is not None:
        args.append(f"x_range={float_list(spec.x_range)}")
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
                n_held_out: int, recipe: str | None = None) -> str:
    n, d = X.shape
    names = [str(s) for s in feature_names] or plain_names("x", d)
    truth = _known_truth(true_w, true_b, d)
    rows = [float_list(row) for row in X]
    lines = [
        "# ---- data -------------------------------------------------------------------",
        *_provenance(spec, n, n_held_out, recipe),
        f"feature_names = {names!r}",
        f"label_name = {str(label_name)!r}",
        (f"true_w = np.array({float_list(truth[0])})  # the parameters the data were made with"
         if truth else "true_w = None  # unknown: the data were not generated"),
        f"true_b = {float_text(truth[1])}" if truth else "true_b = None",
        *array_lines("features", rows, "(n, d): one row per example"),
        *array_lines("labels", [float_text(v) for v in y], "(n,): 1-D, not (n, 1)"),
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
        std = float_text(spec.noise_std) if spec is not None else "0.01"
        text += ("\n# To train on fresh data from the same recipe instead, uncomment:\n"
                 f"# features, labels = synthetic_data(true_w, true_b, 1000, noise_std={std},\n"
                 "#                                   rng=np.random.default_rng(0))\n")
    return text


_LOSSES = {
    LossKind.SQUARED: '''
def squared_loss(y_hat, y, delta=None):
    """d2l's squared loss (y_hat - y)² / 2 per example; the ½ makes its gradient the residual."""
    return (y_hat - y) ** 2 / 2


def squared_loss_grad(y_hat, y, delta=None):
    """d loss / d y_hat, per example: the residual."""
    return y_hat - y
''',
    LossKind.ABSOLUTE: '''
def absolute_loss(y_hat, y, delta=None):
    """|y_hat - y| per example: robust to outliers, but its gradient never shrinks."""
    return np.abs(y_hat - y)


def absolute_loss_grad(y_hat, y, delta=None):
    """d loss / d y_hat, per example: the sign of the residual (0 at a perfect fit)."""
    return np.sign(y_hat - y)
''',
    LossKind.HUBER: '''
def huber_loss(y_hat, y, delta):
    """Squared within ±delta, linear outside: smooth near the fit, robust to outliers."""
    r = y_hat - y
    a = np.abs(r)
    return np.where(a <= delta, r * r / 2, delta * (a - delta / 2))


def huber_loss_grad(y_hat, y, delta):
    """d loss / d y_hat, per example: the residual clipped to [-delta, delta]."""
    return np.clip(y_hat - y, -delta, delta)
''',
}


def _model_block(loss_kinds: list[str]) -> str:
    head = '''
# ---- model, loss, optimizer ----------------------------------------------------
def linreg(X, w, b):
    """The linear model y_hat = Xw + b (one neuron, no activation)."""
    return X @ w + b


'''
    losses = "\n\n".join(_LOSSES[LossKind(k)].strip("\n") for k in loss_kinds)
    table = ", ".join(f"{k!r}: ({k}_loss, {k}_loss_grad)" for k in loss_kinds)
    tail = f'''


losses = {{{table}}}

'''
    return head + losses + "\n" + tail + SGD_FUNCTION


def _schedule_block(run: RunRecord, seed: int | None, current_w: ArrayLike | None,
                    current_b: float | None) -> str:
    rows = [f"    ({s.steps}, {float_text(s.settings.lr)}, {int(s.settings.batch_size)}, "
            f"{bool(s.settings.shuffle)!r}, {str(s.settings.loss)!r}, "
            f"{float_text(s.settings.huber_delta)}, {str(s.settings.update)!r}),"
            for s in run.segments]
    lines = [
        "",
        "# ---- hyperparameters -----------------------------------------------------------",
        "# The app's run, stretch by stretch, as it happened: a setting changed in the middle",
        "# of the run starts a new row.  (steps, lr, batch_size, shuffle, loss, huber_delta,",
        "# update: 'mean' divides the summed gradient by the batch's own size, 'd2l' by",
        "# batch_size as d2l's sgd does, 'sum' not at all)",
        "schedule = [", *rows, "]" + ("  # no steps yet" if not rows else ""),
        f"seed = {seed!r}" if seed is not None else "",
        "net = linreg",
    ]
    if current_w is not None and current_b is not None:
        lines += [f"# At export the app had done {run.steps} steps in this run and stood at",
                  f"#   w = {float_list(current_w)}, b = {float_text(current_b)}"]
    return "\n".join(line for line in lines if line) + "\n"


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


def _init_block(run: RunRecord, seed: int | None, d: int, standardize: bool) -> str:
    units = " (in standardised units)" if standardize else ""
    lines = ["", "# ---- training " + "-" * 65]
    fresh = fresh_generator(seed, run, run.start_w, run.start_b)
    if fresh == "draws w":
        lines += ["rng = np.random.default_rng(seed)  # one generator: w first, then each "
                  "epoch's order",
                  f"w = rng.normal(0.0, 0.01, size={d})  # d2l: w ~ N(0, 0.01²){units}",
                  "b = np.zeros(1)"]
    else:
        lines += [f"w = np.array({float_list(run.start_w)})  # where the app's run started"
                  f"{units}:",
                  "# the chosen starting point, or the line the app kept when the data changed",
                  f"b = np.array([{float_text(run.start_b)}])", *generator_lines(fresh, run)]
    return "\n".join(lines + epoch_position_lines(run))


def _train_block(train_x: str, start_epoch: int) -> str:
    return f'''epoch = {int(start_epoch)}  # completed epochs
# d2l's data_iter, one minibatch at a time: the run may stop, or change its batch size, in
# the middle of an epoch, as the app's can
for num_steps, lr, batch_size, shuffle, loss_name, delta, update in schedule:
    loss, loss_grad = losses[loss_name]
    for _ in range(num_steps):
{NEXT_BATCH}        X, y = {train_x}[batch_indices], labels[batch_indices]
        dl = loss_grad(net(X, w, b), y, delta)  # d loss / d y_hat for each example
        divide_by = {{"mean": len(y), "d2l": batch_size, "sum": 1}}[update]  # len(y): |B|
        sgd([w, b], [dl @ X, dl.sum(keepdims=True)], lr, divide_by)
        if position == len(labels):
            epoch += 1
            train_l = loss(net({train_x}, w, b), labels, delta)
            print(f"epoch {{epoch}}, loss {{float(train_l.mean()):f}}")
'''


def _result_block(standardize: bool, loss_kinds: list[str]) -> str:
    back = ("w, b = w / scale, b - (w / scale) @ mean  # back to data units\n"
            if standardize else "")
    robust = [k for k in loss_kinds if k != LossKind.SQUARED]
    note = ("" if not robust else
            f"# (least squares minimises the squared loss; SGD on the {robust[0]} loss aims at\n"
            "# its own optimum, so the two may differ, most where there are outliers)\n")
    return back + '''
print("w =", [float(v) for v in w])  # full precision: repr of each float
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
