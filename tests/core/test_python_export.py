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


def script_of(t, X, y, seed=7, standardize=False, **kw):
    return python_script(X=X, y=y, run=t.run_record(), seed=seed, standardize=standardize,
                         **kw)


def assert_same_line(t, w, b):
    """The script's w, b are the trainer's, to rounding in the last digits."""
    np.testing.assert_allclose(w, t.w, rtol=1e-12, atol=1e-12)
    assert b == pytest.approx(t.b, rel=1e-12, abs=1e-12)


CASES = [  # trainer arguments, steps (not whole epochs: the script stops where the app is)
    (dict(), 17),                                                   # d2l: N(0, 0.01²), shuffled
    (dict(shuffle=False, w0=np.zeros(2), batch_size=7), 23),        # in order, short last batch
    (dict(w0=np.array([1.0, -1.0]), b0=0.5, batch_size=64), 4),     # one batch larger than n
    (dict(loss="huber", huber_delta=0.3), 12),
    (dict(loss="absolute", lr=0.05), 12),
]


@pytest.mark.parametrize("standardize", [False, True])
@pytest.mark.parametrize(("kw", "steps"), CASES, ids=lambda c: str(c)[:40])
def test_script_reproduces_the_trainer(tmp_path, kw, steps, standardize):
    X, y = data()
    cls = StandardizedTrainer if standardize else core.SGDTrainer
    t = cls(X, y, **{"seed": 7, **kw})
    t.step(steps)
    text = script_of(t, X, y, standardize=standardize, feature_names=("x1", "x2"),
                     true_w=SPEC.w, true_b=SPEC.b, spec=SPEC)
    w, b, stdout = run_script(text, tmp_path)
    assert_same_line(t, w, b)
    assert stdout.count("epoch ") == t.epoch
    assert f"then the same {steps} minibatch steps" in text
    assert ("rng.normal(0.0, 0.01" in text) == ("w0" not in kw)  # d2l's draw, when it was one


def test_settings_changed_mid_run_are_replayed_stretch_by_stretch(tmp_path):
    X, y = data()
    t = core.SGDTrainer(X, y, lr=0.03, batch_size=10, seed=7)
    t.step(7)  # mid-epoch: the new batch size continues this epoch where it stands
    t.batch_size = 4
    t.step(5)
    t.lr, t.loss_name, t.huber_delta = 0.01, "huber", 0.5
    t.step(9)
    t.shuffle = False  # from the next epoch on
    t.lr = 0.2
    t.lr = 0.01  # changed and changed back before a step: no stretch of its own
    t.step(20)
    assert [s.steps for s in t.run_record().segments] == [7, 5, 9, 20]
    w, b, _ = run_script(script_of(t, X, y), tmp_path)
    assert_same_line(t, w, b)


def test_a_kept_line_starts_with_a_generator_that_drew_no_w(tmp_path):
    """After a data edit the app keeps the line: w0 given, the generator fresh from seed."""
    X, y = data()
    t = core.SGDTrainer(X, y, seed=11, w0=np.array([0.7, -0.2]), b0=1.25)
    t.step(9)
    text = script_of(t, X, y, seed=11)
    assert "rng = np.random.default_rng(seed)" in text and "rng.normal(0.0, 0.01" not in text
    assert "w = np.array([0.7, -0.2])" in text and "b = np.array([1.25])" in text
    assert_same_line(t, *run_script(text, tmp_path)[:2])


def test_a_restored_run_continues_from_its_generator_state_mid_epoch(tmp_path):
    X, y = data()
    first = core.SGDTrainer(X, y, seed=5, batch_size=8)
    first.step(10)  # 7 steps per epoch of 53 (6 × 8 + 5): 3 × 8 = 24 into the second
    t = core.SGDTrainer.from_state(X, y, first.state())
    t.step(6)
    record = t.run_record()
    assert record.start_steps == 10 and record.position == 24 and record.steps == 6
    text = script_of(t, X, y, seed=5)
    assert "rng.bit_generator.state = {" in text and "position = 24" in text
    w, b, stdout = run_script(text, tmp_path)
    assert_same_line(t, w, b)
    assert "epoch 2," in stdout and "epoch 1," not in stdout  # counted on from the saved run


def test_no_steps_yet_prints_the_start(tmp_path):
    X, y = data()
    t = core.SGDTrainer(X, y, seed=2)
    w, b, stdout = run_script(script_of(t, X, y, seed=2), tmp_path)
    assert w.tobytes() == t.w.tobytes() and b == t.b and "epoch" not in stdout


def test_the_header_names_the_sections_truthfully():
    X, y = data()
    text = script_of(core.SGDTrainer(X, y, seed=1), X, y, seed=1)
    header = text.split('"""')[1]
    assert "d2l section 3.1 (linear regression)" in header
    assert "style of d2l section 3.2" in header and "(d2l 3.2)" not in header


def test_script_prints_the_analytical_solution_and_error(tmp_path):
    X, y = data()
    t = core.SGDTrainer(X, y, seed=7)
    t.run_epoch()
    *_, stdout = run_script(script_of(t, X, y, true_w=SPEC.w, true_b=SPEC.b, spec=SPEC),
                            tmp_path)
    lines = dict(line.split(" = ", 1) for line in stdout.splitlines() if " = " in line)
    sol = core.least_squares(X, y)
    np.testing.assert_allclose(ast.literal_eval(lines["analytical w"]), sol.w, atol=1e-10)
    assert float(lines["analytical b"]) == pytest.approx(sol.b, abs=1e-10)
    assert "error in estimating w" in stdout


def test_only_numpy_is_imported():
    X, y = data()
    for kw, steps in CASES:
        t = core.SGDTrainer(X, y, **{"seed": 7, **kw})
        t.step(steps)
        tree = ast.parse(script_of(t, X, y, spec=SPEC, true_w=SPEC.w, true_b=SPEC.b))
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
    t = core.SGDTrainer(X, y, lr=1e-9, seed=1)
    t.step(1)
    ns = execute(script_of(t, X, y, seed=1, feature_names=("area, m²", 'a "b"\nc'),
                           label_name="price"))
    assert ns["features"].tobytes() == X.tobytes() and ns["labels"].tobytes() == y.tobytes()
    assert ns["feature_names"] == ["area, m²", 'a "b"\nc'] and ns["label_name"] == "price"
    assert ns["true_w"] is None and ns["synthetic_data"]


def test_generated_data_keep_the_recipe_and_the_truth():
    X, y = data()
    t = core.SGDTrainer(X, y, seed=7)
    t.step(12)
    text = script_of(t, X, y, true_w=SPEC.w, true_b=SPEC.b, spec=SPEC, n_held_out=4,
                     current_w=[1.0, 2.0], current_b=0.5)
    assert "noise_std=0.1, noise='gaussian', seed=3" in text
    assert "4 examples were held out" in text and "12 steps" in text
    ns = execute(text)
    assert np.array_equal(ns["true_w"], SPEC.w) and ns["true_b"] == SPEC.b
    fresh_X, fresh_y = ns["synthetic_data"](ns["true_w"], 4.2, 5, 0.1, np.random.default_rng(1))
    ref_X, ref_y = core.synthetic_data(SPEC.w, 4.2, 5, noise_std=0.1, seed=1)
    assert np.array_equal(fresh_X, ref_X) and np.array_equal(fresh_y, ref_y)


@pytest.mark.parametrize("bad", [dict(X=np.empty((0, 2)), y=np.empty(0)),
                                 dict(X=np.ones((53, 2)), y=np.ones((53, 1))),
                                 dict(X=np.ones((52, 2)), y=np.ones(52))])  # other data
def test_bad_input_is_refused(bad):
    X, y = data()
    with pytest.raises(ValueError):
        python_script(X=bad["X"], y=bad["y"], run=core.SGDTrainer(X, y, seed=1).run_record())


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


def test_a_lesson_recipe_is_named_not_passed_off_as_synthetic_data():
    X, y = data()
    t = core.SGDTrainer(X, y, seed=1)
    text = script_of(t, X, y, seed=1, true_w=(1.0, 1.0), true_b=4.2, recipe="duplicate_feature")
    assert "a lesson's special recipe (duplicate_feature)" in text
    assert "true_w = np.array([1.0, 1.0])" in text and "synthetic_data(true_w=" not in text


def test_a_fork_of_the_run_replays_from_the_runs_start(tmp_path):
    """A rewound timeline continues on a fork: its record is the run's up to the fork."""
    X, y = data()
    head = core.SGDTrainer(X, y, seed=9, batch_size=8)
    head.run_epoch()
    at = head.checkpoint()
    head.lr = 0.1
    head.step(20)
    fork = head.fork(at)
    fork.batch_size = 5
    fork.step(11)
    assert [s.steps for s in head.run_record().segments] == [7, 20]  # the head's untouched
    assert [s.steps for s in fork.run_record().segments] == [7, 11]
    text = script_of(fork, X, y, seed=9)
    assert "rng.normal(0.0, 0.01" in text  # from the run's own start
    assert_same_line(fork, *run_script(text, tmp_path)[:2])


@pytest.mark.parametrize("rule", ["d2l", "sum"])
def test_the_update_rule_is_replayed_short_batches_included(tmp_path, rule):
    X, y = data()
    t = core.SGDTrainer(X, y, lr=0.001, batch_size=7, seed=3, update=rule)
    t.step(11)
    t.update = "mean"
    t.step(6)
    assert [s.settings.update for s in t.run_record().segments] == [rule, "mean"]
    w, b, _ = run_script(script_of(t, X, y), tmp_path)
    assert_same_line(t, w, b)
