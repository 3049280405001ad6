"""File → Export → Jupyter notebook: the Python export's code, cell by cell, in the book's style.

Part 1 is the from-scratch NumPy version (d2l 3.2): the very code core.python_export writes
(script_sections, one code path), each part under a markdown cell that says what it does, so
running its cells in order gives the app's w, b. Part 2 is the concise version (d2l 3.3) with
PyTorch's nn.Linear, loss and torch.optim.SGD at the app's current settings; torch is not a
dependency of the app, so Part 2 says so up front and nothing of it runs unless the learner
runs its cells. The markdown comes in as finished text (the gui translates it), so this module
stays free of Qt. Cells carry a tag, "numpy" or "pytorch", and stable ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Required, Unpack

import nbformat
import numpy as np
from nbformat.notebooknode import NotebookNode

from linreg_lab.core.notation import LossKind, UpdateRule
from linreg_lab.core.python_export import ScriptArgs, script_sections
from linreg_lab.core.run_record import RunSettings

__all__ = ["NOTEBOOK_TEXT_KEYS", "code_cell", "markdown_cell", "new_notebook", "notebook",
           "notebook_json"]

# the markdown cells (what the gui must translate), in the notebook's order
NUMPY_TEXTS = ("title", "data", "synthetic", "model", "schedule", "standardize", "init",
               "train", "result")
TORCH_TEXTS = ("torch_title", "torch_data", "torch_model", "torch_loss", "torch_optimizer",
               "torch_train", "torch_result")
NOTEBOOK_TEXT_KEYS = NUMPY_TEXTS + TORCH_TEXTS


def notebook(*, texts: Mapping[str, str], settings: RunSettings, num_epochs: int,
             **script: Unpack[ScriptArgs]) -> NotebookNode:
    """The notebook (nbformat v4, validated).

    texts: the markdown of every NOTEBOOK_TEXT_KEYS entry, in the reader's language.
    settings, num_epochs: the app's current hyperparameters, for Part 2's concise run.
    script: the arguments of core.python_export.script_sections (data, run record, …).
    Raises ValueError as script_sections does, KeyError for a missing text.
    """
    sections = script_sections(**script)
    cells = [markdown_cell("numpy", "title", texts["title"]),
             code_cell("numpy", "imports", sections["imports"])]
    for key in NUMPY_TEXTS[1:]:
        if sections[key]:
            cells += [markdown_cell("numpy", key, texts[key]),
                      code_cell("numpy", key, sections[key])]
    feature_count = int(np.asarray(script["run"].start_w).size)
    torch_code = _torch_cells(settings, num_epochs, feature_count,
                              bool(script.get("standardize")))
    for key in TORCH_TEXTS:
        cells.append(markdown_cell("pytorch", key, texts[key]))
        if key in torch_code:
            cells.append(code_cell("pytorch", key, torch_code[key]))
    return new_notebook(cells)


def new_notebook(cells: list[NotebookNode]) -> NotebookNode:
    """A Python 3 notebook (nbformat v4) of these cells, validated."""
    nb = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb


class NotebookArgs(ScriptArgs, total=False):
    """notebook()'s arguments: the script's, and the texts and Part 2's settings."""

    texts: Required[Mapping[str, str]]
    settings: Required[RunSettings]
    num_epochs: Required[int]


def notebook_json(**kwargs: Unpack[NotebookArgs]) -> str:
    """notebook(**kwargs) as the .ipynb file's text."""
    return str(nbformat.writes(notebook(**kwargs))) + "\n"


def markdown_cell(part: str, key: str, text: str) -> NotebookNode:
    """A markdown cell tagged with its part ("numpy" or "pytorch"), with a stable id."""
    return nbformat.v4.new_markdown_cell(text, id=f"{part}-{_short(key)}-md",
                                         metadata={"tags": [part]})


def code_cell(part: str, key: str, code: str) -> NotebookNode:
    """A code cell tagged with its part, with a stable id."""
    return nbformat.v4.new_code_cell(code.strip("\n"), id=f"{part}-{_short(key)}",
                                     metadata={"tags": [part]})


def _torch_loss(settings: RunSettings) -> str:
    reduction = "'sum'" if settings.update == UpdateRule.SUM else "'mean'"
    if settings.loss == LossKind.HUBER:
        return f"loss = nn.HuberLoss(reduction={reduction}, delta={float(settings.huber_delta)!r})"
    if settings.loss == LossKind.ABSOLUTE:
        return f"loss = nn.L1Loss(reduction={reduction})"
    return (f"loss = nn.MSELoss(reduction={reduction})  # (y_hat - y)², without d2l's ½: "
            "twice the gradient of Part 1")


def _torch_cells(settings: RunSettings, num_epochs: int, d: int,
                 standardize: bool) -> dict[str, str]:
    x = "train_features" if standardize else "features"
    back = ("w, b = w / scale, b - (w / scale) @ mean  # back to data units\n"
            if standardize else "")
    return {
        "torch_title": ("import torch  # Part 2 needs PyTorch: pip install torch\n"
                        "from torch import nn\nfrom torch.utils import data"),
        "torch_data": f'''def load_array(data_arrays, batch_size, is_train=True):
    """d2l's load_array: a PyTorch data iterator over the examples."""
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


batch_size = {int(settings.batch_size)}
torch_features = torch.tensor({x}, dtype=torch.float32)
torch_labels = torch.tensor(labels, dtype=torch.float32).reshape(-1, 1)
data_iter = load_array((torch_features, torch_labels), batch_size,
                       is_train={bool(settings.shuffle)!r})''',
        "torch_model": f'''net = nn.Sequential(nn.Linear({int(d)}, 1))
net[0].weight.data.normal_(0, 0.01)
net[0].bias.data.fill_(0)''',
        "torch_loss": _torch_loss(settings),
        "torch_optimizer": f"trainer = torch.optim.SGD(net.parameters(), "
                           f"lr={float(settings.lr)!r})",
        "torch_train": f'''num_epochs = {max(1, int(num_epochs))}
for epoch in range(num_epochs):
    for X, y in data_iter:
        l = loss(net(X), y)
        trainer.zero_grad()
        l.backward()
        trainer.step()
    with torch.no_grad():
        l = loss(net(torch_features), torch_labels)
    print(f"epoch {{epoch + 1}}, loss {{float(l):f}}")''',
        "torch_result": f'''w = net[0].weight.data.reshape(-1).double().numpy()
b = float(net[0].bias.data[0])
{back}print("concise w =", [float(v) for v in w])
print("concise b =", float(b))
print("difference from the analytical w:", theta[:-1] - w)
print("difference from the analytical b:", theta[-1] - b)''',
    }


def _short(key: str) -> str:
    """A text key as a cell id's part: "torch_train" → "train" (the tag names the part)."""
    return key.removeprefix("torch_").replace("_", "-")
