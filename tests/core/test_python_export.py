"""Export as Python (the script reproduces core.SGDTrainer) and the history CSV / atomic writes."""

import ast
import contextlib
import csv
import io
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.export_files import history_csv_text, parameter_names, write_atomic
from linreg_lab.core.python_export import python_script
from linreg_lab.core.standardized import StandardizedTrainer

SPEC = SimpleNamespace(w=(2.0, -3.4), b=4.2, noise_std=0.1, noise="gaussian", num_examples=53,
                       seed=3, x_range=None)


def settings(**kw):
    base = dict(lr=0.03, batch_size=10, num_epochs=3, shuffle=True, seed=7, init="normal",
                init_w=(0.0,), init_b=0.0, loss="squared", huber_delta=1.0,
                standardize=False, steps_done=0)
    base.update(kw)
    return base


def data(d=2, n=53):
    w = np.array([2.0, -3.4, 1.5][:d])
    return core.synthetic_data(w, 4.2, n, noise_std=0.1, seed=3)


def run_script(text, tmp_path):
    """Run the script in a fresh interpreter; its printed w, b (repr floats)."""
    path = tmp_path / "linreg_sgd.py"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=60, check=True, cwd=tmp_path)
    lines = dict(line.split(" = ", 1) for line in out.stdout.splitlines() if " = " in line)
    return np.array(ast.literal_eval(lines["w"])), float(lines["b"]), out.stdout


def trainer_after_epochs(X, y, s, epochs):
    w0, b0 = None, 0.0
    if s["init"] == "zeros":
        w0 = np.zeros(X.shape[1])
    elif s["init"] == "point":
        w0 = np.zeros(X.shape[1])
        k = min(len(w0), len(s["init_w"]))
        w0[:k] = s["init_w"][:k]
        b0 = s["init_b"]
    cls = StandardizedTrainer if s["standardize"] else core.SGDTrainer
    t = cls(X, y, lr=s["lr"], batch_size=s["batch_size"], shuffle=s["shuffle"], seed=s["seed"],
            w0=w0, b0=b0, loss=s["loss"], huber_delta=s["huber_delta"])
    for _ in range(epochs):
        t.run_epoch()
    return t


CASES = [
    settings(),                                                  # d2l: N(0, 0.01²), shuffled
    settings(shuffle=False, init="zeros", batch_size=7),         # in order, short last batch
    settings(init="point", init_w=(1.0, -1.0, 9.0), init_b=0.5,  # extra init_w entries cut
             batch_size=64, num_epochs=4),                       # one batch larger than n
    settings(standardize=True, lr=0.1, init="point", init_w=(0.5,), init_b=-1.0),
    settings(loss="huber", huber_delta=0.3),
    settings(loss="absolute", lr=0.05),
]


@pytest.mark.parametrize("s", CASES, ids=lambda s: f"{s['init']}-{s['loss']}-{s['shuffle']}"
                         f"-{s['standardize']}-{s['batch_size']}")
def test_script_reproduces_the_trainer(tmp_path, s):
    X, y = data()
    text = python_script(X=X, y=y, feature_names=("x1", "x2"), true_w=SPEC.w, true_b=SPEC.b,
                         spec=SPEC, **s)
    w, b, stdout = run_script(text, tmp_path)
    t = trainer_after_epochs(X, y, s, s["num_epochs"])
    assert t.steps > 0
    np.testing.assert_allclose(w, t.w, rtol=0, atol=1e-12)
    assert b == pytest.approx(t.b, abs=1e-12)
    assert stdout.count("epoch ") == s["num_epochs"]


def test_script_prints_the_analytical_solution_and_error(tmp_path):
    X, y = data()
    *_, stdout = run_script(python_script(X=X, y=y, true_w=SPEC.w, true_b=SPEC.b, spec=SPEC,
                                          **settings(num_epochs=1)), tmp_path)
    lines = dict(line.split(" = ", 1) for line in stdout.splitlines() if " = " in line)
    sol = core.least_squares(X, y)
    np.testing.assert_allclose(ast.literal_eval(lines["analytical w"]), sol.w, atol=1e-10)
    assert float(lines["analytical b"]) == pytest.approx(sol.b, abs=1e-10)
    assert "error in estimating w" in stdout


def test_until_paused_trains_the_epochs_that_cover_the_steps_done():
    X, y = data(d=1, n=20)  # batch 10: 2 steps per epoch
    text = python_script(X=X, y=y, **settings(num_epochs=0, steps_done=5))
    assert "num_epochs = 3  #" in text
    assert "num_epochs = 2\n" in python_script(X=X, y=y, **settings(num_epochs=2, steps_done=3))
    assert "num_epochs = 4  #" in python_script(X=X, y=y, **settings(num_epochs=2, steps_done=7))


def test_only_numpy_is_imported():
    X, y = data()
    for s in CASES:
        tree = ast.parse(python_script(X=X, y=y, spec=SPEC, true_w=SPEC.w, true_b=SPEC.b, **s))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                names.add(node.module)
        assert names == {"numpy"}


def execute(text):
    """Run the script in this interpreter (quietly) and return its variables."""
    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(text, "linreg_sgd.py", "exec"), namespace)
    return namespace


def test_loaded_data_round_trip_exactly():
    X = np.array([[0.1 + 0.2, -0.0], [5e-324, 1e-300], [1 / 3, -2.5e-17], [7.0, 2.0 ** 0.5]])
    y = np.array([np.pi, -1e-310, 123456789.123456789, 0.0])
    ns = execute(python_script(X=X, y=y, feature_names=("area, m²", 'a "b"\nc'),
                               label_name="price", **settings(num_epochs=1, lr=1e-9)))
    assert ns["features"].tobytes() == X.tobytes() and ns["labels"].tobytes() == y.tobytes()
    assert ns["feature_names"] == ["area, m²", 'a "b"\nc'] and ns["label_name"] == "price"
    assert ns["true_w"] is None and ns["synthetic_data"]


def test_generated_data_keep_the_recipe_and_the_truth():
    X, y = data()
    text = python_script(X=X, y=y, true_w=SPEC.w, true_b=SPEC.b, spec=SPEC, n_held_out=4,
                         current_w=[1.0, 2.0], current_b=0.5, **settings(steps_done=12))
    assert "noise_std=0.1, noise='gaussian', seed=3" in text
    assert "4 examples were held out" in text and "12 steps" in text
    ns = execute(text)
    assert np.array_equal(ns["true_w"], SPEC.w) and ns["true_b"] == SPEC.b
    fresh_X, fresh_y = ns["synthetic_data"](ns["true_w"], 4.2, 5, 0.1, np.random.default_rng(1))
    ref_X, ref_y = core.synthetic_data(SPEC.w, 4.2, 5, noise_std=0.1, seed=1)
    assert np.array_equal(fresh_X, ref_X) and np.array_equal(fresh_y, ref_y)


@pytest.mark.parametrize("bad", [dict(X=np.empty((0, 1)), y=np.empty(0)),
                                 dict(X=np.ones((3, 1)), y=np.ones((3, 1))),
                                 dict(X=np.ones((3, 1)), y=np.ones(3), loss="cubic")])
def test_bad_input_is_refused(bad):
    s = settings()
    s.update({k: v for k, v in bad.items() if k == "loss"})
    with pytest.raises(ValueError):
        python_script(X=bad["X"], y=bad["y"], **s)


# --------------------------------------------------------------------------- history CSV


def read_rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_history_csv_holds_every_recorded_row_exactly():
    X, y = data(n=60)
    t = core.SGDTrainer(X[:50], y[:50], batch_size=7, seed=1, X_val=X[50:], y_val=y[50:])
    t.step(23)
    h = t.history
    rows = read_rows(history_csv_text(h))
    assert rows[0] == ["kind", "index", "loss", "w1", "w2", "b"]
    kinds = [r[0] for r in rows[1:]]
    assert kinds.count("minibatch") == len(h.step_index) == 23
    assert kinds.count("train") == kinds.count("validation") == len(h.epoch_index) == 2
    mb = np.array([[float(c) for c in r[1:]] for r in rows[1:] if r[0] == "minibatch"])
    assert np.array_equal(mb[:, 0], h.step_index) and np.array_equal(mb[:, 1], h.step_loss)
    assert np.array_equal(mb[:, 2:4], h.step_w) and np.array_equal(mb[:, 4], h.step_b)
    val = [float(r[2]) for r in rows[1:] if r[0] == "validation"]
    assert val == h.epoch_val_loss.tolist()


def test_history_csv_without_validation_or_steps():
    X, y = data(d=1, n=20)
    t = core.SGDTrainer(X, y, seed=1)
    assert read_rows(history_csv_text(t.history)) == [["kind", "index", "loss", "w", "b"]]
    t.step(2)
    kinds = [r[0] for r in read_rows(history_csv_text(t.history))[1:]]
    assert kinds == ["minibatch", "minibatch", "train"]
    assert parameter_names(3) == ["w1", "w2", "w3", "b"]


def test_write_atomic_replaces_whole_files(tmp_path):
    path = tmp_path / "out.csv"
    write_atomic(path, "old\n")
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n" and os.listdir(tmp_path) == ["out.csv"]


def test_write_atomic_failure_leaves_nothing_behind(tmp_path, monkeypatch):
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing" / "out.csv", "x")
    path = tmp_path / "out.csv"
    path.write_text("old")

    def fail(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(PermissionError):
        write_atomic(path, "new")
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["out.csv"]
