"""Export as Jupyter notebook: it validates, its NumPy cells redo the trainer's run, and the
PyTorch part is a marked second part that Part 1 never needs."""

import ast
import subprocess
import sys

import nbformat
import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.notebook_export import NOTEBOOK_TEXT_KEYS, notebook_json
from linreg_lab.core.run_record import RunSettings
from linreg_lab.core.standardized import StandardizedTrainer

TEXTS = {key: f"## text of {key}" for key in NOTEBOOK_TEXT_KEYS}


def data():
    return core.synthetic_data(np.array([2.0, -3.4]), 4.2, 53, noise_std=0.1, seed=3)


def settings_of(t):
    return RunSettings(lr=t.lr, batch_size=t.batch_size, shuffle=t.shuffle, loss=t.loss_name,
                       huber_delta=t.huber_delta, update=t.update)


def notebook_of(t, X, y, standardize=False):
    text = notebook_json(texts=TEXTS, settings=settings_of(t), num_epochs=3, X=X, y=y,
                         run=t.run_record(), seed=7, standardize=standardize)
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)  # raises on an invalid notebook
    return nb


def cells(nb, part, kind="code"):
    return [c for c in nb.cells if c.cell_type == kind and c.metadata["tags"] == [part]]


def run_numpy_cells(nb, tmp_path):
    """Part 1's code cells, in order, as one plain-python program; its printed w, b."""
    path = tmp_path / "part1.py"
    path.write_text("\n\n".join(c.source for c in cells(nb, "numpy")), encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=60, check=True, cwd=tmp_path).stdout
    lines = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    return np.array(ast.literal_eval(lines["w"])), float(lines["b"])


@pytest.mark.parametrize("standardize", [False, True])
def test_numpy_cells_redo_a_run_with_a_new_batch_size_and_d2ls_update(tmp_path, standardize):
    X, y = data()
    t = (StandardizedTrainer if standardize else core.SGDTrainer)(X, y, seed=7, batch_size=10)
    t.step(8)
    t.batch_size = 7  # mid-epoch: the epoch goes on in sevens, with a short last batch
    t.update = "d2l"  # d2l's sgd: ÷ batch_size even for that short batch
    t.step(13)
    nb = notebook_of(t, X, y, standardize)
    w, b = run_numpy_cells(nb, tmp_path)
    np.testing.assert_allclose(w, t.w, rtol=1e-12, atol=1e-12)
    assert b == pytest.approx(t.b, rel=1e-12, abs=1e-12)
    assert any("'d2l'" in c.source for c in cells(nb, "numpy"))


def test_markdown_comes_as_given_before_its_code_and_pytorch_is_the_second_part():
    X, y = data()
    t = core.SGDTrainer(X, y, seed=7, loss="huber", huber_delta=0.5)
    t.step(5)
    nb = notebook_of(t, X, y)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert markdown == [TEXTS[k] for k in NOTEBOOK_TEXT_KEYS if k != "standardize"]
    assert [c.cell_type for c in nb.cells[:2]] == ["markdown", "code"]
    first_torch = next(i for i, c in enumerate(nb.cells) if c.metadata["tags"] == ["pytorch"])
    assert nb.cells[first_torch].source == TEXTS["torch_title"]
    assert all(c.metadata["tags"] == ["pytorch"] for c in nb.cells[first_torch:])
    for cell in cells(nb, "numpy") + cells(nb, "pytorch"):
        ast.parse(cell.source)  # every cell is Python, the PyTorch ones too
    assert not any("torch" in c.source for c in cells(nb, "numpy"))
    torch_code = "\n".join(c.source for c in cells(nb, "pytorch"))
    assert "nn.Linear(2, 1)" in torch_code and "torch.optim.SGD" in torch_code
    assert "nn.HuberLoss(reduction='mean', delta=0.5)" in torch_code  # the app's loss
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_no_data_is_refused():
    X, y = data()
    t = core.SGDTrainer(X, y, seed=7)
    with pytest.raises(ValueError, match="no training examples"):
        notebook_json(texts=TEXTS, settings=settings_of(t), num_epochs=3, X=np.zeros((0, 2)),
                      y=np.zeros(0), run=t.run_record())
