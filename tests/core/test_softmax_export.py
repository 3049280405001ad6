"""The softmax run exported: the script and the notebook's NumPy cells redo a SoftmaxTrainer's
run (setting changes, restored runs, either formula) and land on its W, b; the run record."""

import ast
import subprocess
import sys

import nbformat
import numpy as np
import pytest

from linreg_lab.core.class_data import gaussian_clusters
from linreg_lab.core.softmax_export import softmax_script
from linreg_lab.core.softmax_notebook import SOFTMAX_NOTEBOOK_TEXT_KEYS, softmax_notebook_json
from linreg_lab.core.softmax_run import SoftmaxSettings
from linreg_lab.core.softmax_trainer import SoftmaxTrainer

DATA = gaussian_clusters(3, 47, spread=2.0, seed=5)  # 47: batches of 10 leave a short one


def trainer(**kw):
    return SoftmaxTrainer(DATA.X, DATA.labels, num_classes=3, **{"seed": 42, **kw})


def printed(stdout):
    """The script's `name = value` lines, as Python values."""
    lines = dict(line.split(" = ", 1) for line in stdout.splitlines() if " = " in line)
    return {k: ast.literal_eval(v) for k, v in lines.items()}


def run_python(code, tmp_path, name="softmax_sgd.py"):
    path = tmp_path / name
    path.write_text(code, encoding="utf-8")
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                          timeout=60, check=True, cwd=tmp_path).stdout


def script_of(t, seed=42):
    return softmax_script(X=DATA.X, labels=DATA.labels, run=t.run_record(), stable=t.stable,
                          seed=seed, class_names=DATA.class_names,
                          feature_names=DATA.feature_names, current_W=t.W, current_b=t.b)


def assert_lands_on(t, out):
    np.testing.assert_allclose(out["W"], t.W, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out["b"], t.b, rtol=1e-12, atol=1e-12)
    assert out["loss"] == pytest.approx(t.loss(), rel=1e-12)
    assert out["accuracy"] == t.accuracy()


CASES = [  # trainer arguments, steps (not whole epochs: the script stops where the app is)
    (dict(), 17),                                                  # d2l: W ~ N(0, 0.01²)
    (dict(shuffle=False, W0=np.zeros((2, 3)), batch_size=7), 23),  # in order, short batches
    (dict(W0=np.ones((2, 3)), b0=np.array([0.5, 0.0, -0.5]), batch_size=64), 4),  # batch > n
    (dict(stable=False, lr=0.5), 30),                              # d2l 3.6's naive formula
]


@pytest.mark.parametrize(("kw", "steps"), CASES, ids=lambda c: str(c)[:40])
def test_script_reproduces_the_trainer(tmp_path, kw, steps):
    t = trainer(**kw)
    t.step(steps)
    text = script_of(t)
    out = run_python(text, tmp_path)
    assert_lands_on(t, printed(out))
    assert out.count("epoch ") == t.epoch
    assert f"same minibatch steps ({steps})" in text
    assert ("rng.normal(0.0, 0.01" in text) == ("W0" not in kw)  # d2l's draw, when it was one
    assert ("def stable_cross_entropy" in text) == t.stable  # only the formula it used
    assert "import" not in text.replace("import numpy as np", "")  # NumPy only


def test_settings_changed_mid_run_are_replayed_stretch_by_stretch(tmp_path):
    t = trainer(batch_size=10)
    t.step(7)  # mid-epoch: the new batch size continues this epoch where it stands
    t.batch_size = 4
    t.step(13)
    t.stable, t.lr = False, 0.3
    t.step(9)
    t.shuffle = False  # from the next epoch on
    t.step(20)
    t.stable = True  # chosen after the last step: the final loss uses it
    assert [s.steps for s in t.run_record().segments] == [7, 13, 9, 20]
    text = script_of(t)
    assert_lands_on(t, printed(run_python(text, tmp_path)))
    assert "(13, 0.1, 4, True, True)," in text and "(20, 0.3, 4, False, False)," in text
    assert "stable_now = True" in text


def test_a_restored_run_starts_the_script_where_it_was_restored(tmp_path):
    """A session reopened mid-epoch: the script starts from the saved W, b, the generator's
    state and the epoch's drawn order, and does only the steps taken since."""
    first = trainer(batch_size=10)
    first.step(13)
    t = SoftmaxTrainer.from_state(DATA.X, DATA.labels, first.state())
    t.step(6)
    run = t.run_record()
    assert (run.start_steps, run.steps, run.at_epoch_boundary) == (13, 6, False)
    text = script_of(t)
    assert "rng.bit_generator.state = {" in text and "position = 30" in text
    assert_lands_on(t, printed(run_python(text, tmp_path)))


def test_a_kept_start_with_a_fresh_generator_writes_the_seed(tmp_path):
    """After a data edit the app keeps W, b and seeds a generator that never drew W₀."""
    t = trainer(W0=np.full((2, 3), 0.25), batch_size=5)
    t.step(12)
    text = script_of(t)
    assert "rng = np.random.default_rng(seed)  # draws each epoch's order" in text
    assert "rng.bit_generator.state" not in text
    assert_lands_on(t, printed(run_python(text, tmp_path)))


def test_no_steps_yet_prints_the_start(tmp_path):
    t = trainer()
    text = script_of(t, seed=None)  # no seed: the generator's state is written out
    assert "# no steps yet" in text and "rng.bit_generator.state = {" in text
    assert_lands_on(t, printed(run_python(text, tmp_path)))


def test_bad_input_is_refused():
    t = trainer()
    with pytest.raises(ValueError, match="no training examples"):
        softmax_script(X=np.zeros((0, 2)), labels=np.zeros(0, dtype=int), run=t.run_record(),
                       stable=True)
    with pytest.raises(ValueError, match="other data"):
        softmax_script(X=DATA.X[:-1], labels=DATA.labels[:-1], run=t.run_record(), stable=True)
    with pytest.raises(ValueError, match="class indices"):
        softmax_script(X=DATA.X, labels=DATA.labels + 1, run=t.run_record(), stable=True)


def test_a_settings_change_before_any_step_replaces_the_last():
    t = trainer()
    t.lr = 0.5
    t.lr = 0.1  # and back: nothing to record
    t.step(3)
    t.batch_size = 3
    t.batch_size = 10
    t.step(2)
    assert [(s.steps, s.settings.batch_size) for s in t.run_record().segments] == [(5, 10)]


# ----- the notebook ---------------------------------------------------------------------

TEXTS = {key: f"## text of {key}" for key in SOFTMAX_NOTEBOOK_TEXT_KEYS}


def notebook_of(t):
    settings = SoftmaxSettings(t.lr, t.batch_size, t.shuffle, t.stable)
    text = softmax_notebook_json(texts=TEXTS, settings=settings, num_epochs=4, X=DATA.X,
                                 labels=DATA.labels, run=t.run_record(), stable=t.stable,
                                 seed=42, class_names=DATA.class_names)
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    return nb


def cells(nb, part, kind="code"):
    return [c for c in nb.cells if c.cell_type == kind and c.metadata["tags"] == [part]]


def test_notebook_numpy_cells_land_on_the_trainer_and_pytorch_is_part_two(tmp_path):
    t = trainer(batch_size=10)
    t.step(8)
    t.batch_size = 6
    t.stable = False
    t.step(11)
    nb = notebook_of(t)
    out = run_python("\n\n".join(c.source for c in cells(nb, "numpy")), tmp_path, "part1.py")
    assert_lands_on(t, printed(out))
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert markdown == [TEXTS[k] for k in SOFTMAX_NOTEBOOK_TEXT_KEYS]
    first_torch = next(i for i, c in enumerate(nb.cells) if c.metadata["tags"] == ["pytorch"])
    assert nb.cells[first_torch].source == TEXTS["torch_title"]
    assert all(c.metadata["tags"] == ["pytorch"] for c in nb.cells[first_torch:])
    for cell in cells(nb, "numpy") + cells(nb, "pytorch"):
        ast.parse(cell.source)
    assert not any("torch" in c.source for c in cells(nb, "numpy"))
    torch_code = "\n".join(c.source for c in cells(nb, "pytorch"))
    for piece in ("nn.Linear(num_inputs, num_outputs)", "nn.CrossEntropyLoss(reduction='none')",
                  "lr=0.1", "batch_size = 6", "num_epochs = 4"):
        assert piece in torch_code, piece
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_held_out_examples_are_named_in_a_comment_and_left_out(tmp_path):
    t = SoftmaxTrainer(DATA.X[:40], DATA.labels[:40], num_classes=3, seed=42,
                       X_val=DATA.X[40:], labels_val=DATA.labels[40:])
    t.step(9)
    text = softmax_script(X=t.X, labels=t.labels, run=t.run_record(), stable=True, seed=42,
                          n_held_out=7)
    assert "# (7 more were held out for validation: not included here.)" in text
    assert_lands_on(t, printed(run_python(text, tmp_path)))


def test_a_truncated_log_is_a_fork_of_its_own():
    """What a rewound fork records later never reaches the run it was forked from."""
    t = trainer(batch_size=10)
    t.step(5)
    t.lr = 0.3
    t.step(5)
    log = t._run_log
    fork = log.truncated(5)
    fork.note(5, SoftmaxSettings(0.05, 10, True, True))
    assert [(s.steps, s.settings.lr) for s in log.record(10).segments] == [(5, 0.1), (5, 0.3)]
    assert [(s.steps, s.settings.lr) for s in fork.record(8).segments] == [(5, 0.1), (3, 0.05)]


@pytest.mark.skipif(not hasattr(SoftmaxTrainer, "fork"), reason="softmax rewind not merged yet")
def test_a_forked_run_and_its_head_each_export_their_own_steps(tmp_path):
    """A guard for the rewind: SoftmaxTrainer.fork must give the fork a truncated run log
    (as SGDTrainer.fork does), or the two would write into one record."""
    t = trainer(batch_size=10)
    t.run_epoch()
    at = t.checkpoint()
    t.batch_size = 4
    t.step(9)
    fork = t.fork(at)
    fork.lr = 0.3
    fork.step(7)
    for each in (t, fork):
        assert_lands_on(each, printed(run_python(script_of(each), tmp_path)))


def test_a_run_the_naive_formula_stopped_says_why_and_lands_where_it_stopped(tmp_path):
    """d2l 3.7's lesson: large inputs make the naive exp overflow; the app refuses that
    update and stops, the script replays the steps before it and names the reason."""
    t = SoftmaxTrainer(DATA.X * 300.0, DATA.labels, num_classes=3, lr=5.0, seed=42,
                       stable=False)
    t.step(50)
    assert t.diverged and t.steps < 50
    text = softmax_script(X=DATA.X * 300.0, labels=DATA.labels, run=t.run_record(),
                          stable=False, seed=42, stopped_because=t.divergence_reason)
    assert f"# The app stopped training after these steps: {t.divergence_reason}." in text
    out = subprocess.run([sys.executable, "-c", text], capture_output=True, text=True,
                         timeout=60, check=True, cwd=tmp_path).stdout
    lines = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    np.testing.assert_allclose(ast.literal_eval(lines["W"]), t.W, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ast.literal_eval(lines["b"]), t.b, rtol=1e-12, atol=1e-12)
