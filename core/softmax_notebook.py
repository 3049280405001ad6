"""File → Export → Jupyter notebook in classification mode: the softmax script, cell by cell.

Part 1 is softmax regression from scratch in NumPy (d2l 3.6): the very code
core.softmax_export writes (softmax_script_sections, one code path), each part under a
markdown cell that says what it does in the book's words, so running its cells in order
prints the app's W and b. Part 2 is the concise version of d2l 3.7 with PyTorch (nn.Linear,
nn.CrossEntropyLoss on the logits, torch.optim.SGD) at the app's current settings; torch is
not a dependency, so Part 2 says so up front and runs only if the learner runs it. The
markdown comes as finished text in the reader's language (the gui translates it); cells are
tagged "numpy" or "pytorch" and have stable ids, as in core.notebook_export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Required, Unpack

import nbformat
from nbformat.notebooknode import NotebookNode

from linreg_lab.core.notebook_export import code_cell, markdown_cell, new_notebook
from linreg_lab.core.softmax_export import SoftmaxScriptArgs, softmax_script_sections
from linreg_lab.core.softmax_run import SoftmaxSettings

__all__ = ["SOFTMAX_NOTEBOOK_TEXT_KEYS", "SoftmaxNotebookArgs", "softmax_notebook",
           "softmax_notebook_json"]

# the markdown cells (what the gui must translate), in the notebook's order
NUMPY_TEXTS = ("title", "data", "model", "loss", "optimizer", "schedule", "init", "train",
               "result")
TORCH_TEXTS = ("torch_title", "torch_data", "torch_model", "torch_loss", "torch_optimizer",
               "torch_train", "torch_result")
SOFTMAX_NOTEBOOK_TEXT_KEYS = NUMPY_TEXTS + TORCH_TEXTS


class SoftmaxNotebookArgs(SoftmaxScriptArgs, total=False):
    """softmax_notebook()'s arguments: the script's, the texts and Part 2's settings."""

    texts: Required[Mapping[str, str]]
    settings: Required[SoftmaxSettings]
    num_epochs: Required[int]


def softmax_notebook(*, texts: Mapping[str, str], settings: SoftmaxSettings,
                     num_epochs: int, **script: Unpack[SoftmaxScriptArgs]) -> NotebookNode:
    """The notebook (nbformat v4, validated).

    texts: the markdown of every SOFTMAX_NOTEBOOK_TEXT_KEYS entry, in the reader's language.
    settings, num_epochs: the app's current hyperparameters, for Part 2's concise run.
    script: the arguments of core.softmax_export.softmax_script_sections.
    Raises ValueError as softmax_script_sections does, KeyError for a missing text.
    """
    sections = softmax_script_sections(**script)
    cells = [markdown_cell("numpy", "title", texts["title"]),
             code_cell("numpy", "imports", sections["imports"])]
    for key in NUMPY_TEXTS[1:]:
        cells += [markdown_cell("numpy", key, texts[key]), code_cell("numpy", key, sections[key])]
    torch_code = _torch_cells(settings, num_epochs)
    for key in TORCH_TEXTS:
        cells += [markdown_cell("pytorch", key, texts[key]),
                  code_cell("pytorch", key, torch_code[key])]
    return new_notebook(cells)


def softmax_notebook_json(**kwargs: Unpack[SoftmaxNotebookArgs]) -> str:
    """softmax_notebook(**kwargs) as the .ipynb file's text."""
    return str(nbformat.writes(softmax_notebook(**kwargs))) + "\n"


def _torch_cells(settings: SoftmaxSettings, num_epochs: int) -> dict[str, str]:
    return {
        "torch_title": ("import torch  # Part 2 needs PyTorch: pip install torch\n"
                        "from torch import nn\nfrom torch.utils import data"),
        "torch_data": f'''batch_size = {int(settings.batch_size)}
torch_features = torch.tensor(features, dtype=torch.float32)
torch_labels = torch.tensor(labels, dtype=torch.long)  # class indices, not one-hot
dataset = data.TensorDataset(torch_features, torch_labels)
train_iter = data.DataLoader(dataset, batch_size, shuffle={bool(settings.shuffle)!r})''',
        "torch_model": '''net = nn.Sequential(nn.Linear(num_inputs, num_outputs))


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)


net.apply(init_weights)''',
        "torch_loss": "loss = nn.CrossEntropyLoss(reduction='none')  # takes the logits",
        "torch_optimizer": f"trainer = torch.optim.SGD(net.parameters(), "
                           f"lr={float(settings.lr)!r})",
        "torch_train": f'''num_epochs = {max(1, int(num_epochs))}
for epoch in range(num_epochs):
    for X, y in train_iter:
        l = loss(net(X), y)
        trainer.zero_grad()
        l.mean().backward()
        trainer.step()
    with torch.no_grad():
        O = net(torch_features)
        train_l = float(loss(O, torch_labels).mean())
        train_acc = float((O.argmax(dim=1) == torch_labels).float().mean())
    print(f"epoch {{epoch + 1}}, loss {{train_l:f}}, train acc {{train_acc:.3f}}")''',
        "torch_result": '''\
concise_W = net[0].weight.data.T.double().numpy()  # nn.Linear keeps W transposed
concise_b = net[0].bias.data.double().numpy()
print("concise W =", concise_W.tolist())
print("concise b =", concise_b.tolist())
# (net is now PyTorch's; Part 1's logits are features @ W + b)
print("concise accuracy =", accuracy(features @ concise_W + concise_b, labels))
print("Part 1's accuracy =", accuracy(features @ W + b, labels))''',
    }
