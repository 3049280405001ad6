"""The softmax notebook's markdown, in a chosen language (core.softmax_notebook places it).

The texts follow d2l 3.4–3.7 and use the book's terms in Chinese (softmax回归, 独热编码,
全连接层, 交叉熵损失, 准确率 …). Each is a literal ``translate("ClassNotebookExport", …)``
call, so lupdate finds it; ``translate`` is the window's current translation, or the app's
translation for another language when the export asks for one, so core stays Qt-free and the
notebook's language need not be the window's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from linreg_lab.gui.shell.i18n import app_translator, resolve_language

Translate = Callable[[str, str], str]


def class_notebook_texts(n_examples: int, num_classes: int, steps: int,
                         language: str | None = None) -> dict[str, str]:
    """Every core.softmax_notebook.SOFTMAX_NOTEBOOK_TEXT_KEYS entry's markdown; language
    "en" or "zh_CN" (None: the window's). The title names the examples, classes and steps."""
    translate = translator(language)
    texts = {**_numpy_texts(translate), **_torch_texts(translate)}
    texts["title"] = texts["title"].format(n=n_examples, k=num_classes, steps=steps)
    return texts


def translator(language: str | None) -> Translate:
    """translate(context, text) in `language`: the window's for None, the source for "en"."""
    if language is None:
        return QCoreApplication.translate
    language = resolve_language(language)
    loaded = app_translator(language) if language != "en" else None
    if loaded is None:
        return lambda context, text: text

    def translate(context: str, text: str) -> str:
        return loaded.translate(context, text) or text

    return translate


def _numpy_texts(translate: Translate) -> dict[str, str]:
    return {
        "title": translate(
            "ClassNotebookExport",
            "# Softmax regression from scratch, then concisely\n\n"
            "Exported from LinReg Lab. **Part 1** implements softmax regression from scratch "
            "with NumPy only, as in d2l section 3.6: the same {n} training examples of {k} "
            "classes as the app, the same start and the same {steps} minibatch steps, so "
            "running its cells in order prints the app's W and b (to rounding in the last "
            "digits). **Part 2** is the concise implementation of section 3.7 with PyTorch's "
            "high-level APIs; it needs PyTorch, which the app and Part 1 do not."),
        "data": translate(
            "ClassNotebookExport",
            "## The dataset\n\n"
            "Classification asks which of a set of categories an example belongs to "
            "(d2l 3.4). `features` holds the app's training examples, one per row, exactly as "
            "they were at export (the validation data are left out); `labels` holds each "
            "example's class as an index 0 … k−1. "
            "For training, a label becomes a one-hot encoding: a vector with one entry per "
            "class, 1 for the example's class and 0 for the others (`one_hot`)."),
        "model": translate(
            "ClassNotebookExport",
            "## Defining the model\n\n"
            "Softmax regression is a single-layer neural network with a fully-connected output "
            "layer: each of the k outputs, the logits, is an affine function of the inputs, "
            "$\\mathbf{o} = \\mathbf{x}\\mathbf{W} + \\mathbf{b}$, with weights $\\mathbf{W}$ "
            "of shape (number of inputs, number of outputs). The softmax operation turns the "
            "logits into probabilities, nonnegative and summing to 1, "
            "$\\hat{y}_j = \\frac{\\exp(o_j)}{\\sum_k \\exp(o_k)}$, and keeps the largest "
            "logit the most likely class. `net` returns the logits; the softmax goes with the "
            "loss."),
        "loss": translate(
            "ClassNotebookExport",
            "## Defining the loss function\n\n"
            "The cross-entropy loss of one example is "
            "$l(\\mathbf{y}, \\hat{\\mathbf{y}}) = -\\sum_j y_j \\log \\hat{y}_j$: with a "
            "one-hot label, minus the log of the probability predicted for the true class. "
            "Taking exp and then log can overflow, or take the log of 0; d2l 3.7 computes the "
            "loss straight from the logits with the LogSumExp trick, "
            "$\\log \\sum_j \\exp(o_j - \\bar{o}) - (o_y - \\bar{o})$ with "
            "$\\bar{o} = \\max_k o_k$. The cell defines the formulas the app used (stable or "
            "naive), and the accuracy: the fraction of examples whose most likely class is "
            "their true class."),
        "optimizer": translate(
            "ClassNotebookExport",
            "## The optimization algorithm\n\n"
            "Minibatch stochastic gradient descent, as for linear regression. The gradient of "
            "the cross-entropy with respect to the logits is $\\hat{\\mathbf{y}} - \\mathbf{y}$, "
            "the predicted probabilities minus the one-hot label; for $\\mathbf{W}$ it is "
            "$\\mathbf{X}^\\top(\\hat{\\mathbf{Y}} - \\mathbf{Y})$ summed over the minibatch, "
            "which `sgd` divides by the batch size and scales by the learning rate."),
        "schedule": translate(
            "ClassNotebookExport",
            "## Hyperparameters\n\n"
            "The learning rate and the batch size are hyperparameters: chosen by us, not "
            "learned. `schedule` lists the app's run stretch by stretch: a setting changed "
            "during the run (learning rate, batch size, shuffling, or the stable or naive "
            "formula) starts a new row."),
        "init": translate(
            "ClassNotebookExport",
            "## Initializing model parameters\n\n"
            "d2l draws the weights from a normal distribution with mean 0 and standard "
            "deviation 0.01 and sets the biases to 0. Here the parameters start where the "
            "app's run started, with its random number generator in the same state."),
        "train": translate(
            "ClassNotebookExport",
            "## Training\n\n"
            "In each iteration we read a minibatch, compute the predicted probabilities and the "
            "gradient $\\hat{\\mathbf{y}} - \\mathbf{y}$, and update W and b with `sgd`. Each "
            "epoch passes over the whole dataset once (in a new random order when shuffling); "
            "after each epoch the loss and the accuracy on the training data are printed."),
        "result": translate(
            "ClassNotebookExport",
            "## Prediction\n\n"
            "The learned parameters, the loss and the accuracy on the training data, and the "
            "predicted classes of the first examples next to their true classes."),
    }


def _torch_texts(translate: Translate) -> dict[str, str]:
    return {
        "torch_title": translate(
            "ClassNotebookExport",
            "# Part 2: concise implementation (d2l 3.7)\n\n"
            "**Needs PyTorch** (`pip install torch`); the app and Part 1 do not. The same data, "
            "trained with PyTorch's high-level APIs at the app's current settings. PyTorch "
            "shuffles with its own generator, starts the biases at its own random values and "
            "computes in float32, so its numbers come close to Part 1's but are not the same."),
        "torch_data": translate(
            "ClassNotebookExport",
            "## Reading the dataset\n\n"
            "A `DataLoader` hands out minibatches of the examples (shuffled anew in each epoch "
            "when the app shuffles). The labels stay class indices: PyTorch's loss takes them "
            "as they are."),
        "torch_model": translate(
            "ClassNotebookExport",
            "## Initializing model parameters\n\n"
            "The output layer of softmax regression is a fully-connected layer, `nn.Linear`, "
            "with one output per class; its weights are drawn from a normal distribution with "
            "mean 0 and standard deviation 0.01."),
        "torch_loss": translate(
            "ClassNotebookExport",
            "## Softmax revisited\n\n"
            "`nn.CrossEntropyLoss` takes the logits, not the probabilities: it computes the "
            "softmax and the cross-entropy together with the LogSumExp trick, so neither "
            "overflow nor log(0) can occur."),
        "torch_optimizer": translate(
            "ClassNotebookExport",
            "## Optimization algorithm\n\n"
            "Minibatch stochastic gradient descent with the app's learning rate."),
        "torch_train": translate(
            "ClassNotebookExport",
            "## Training\n\n"
            "For each minibatch: compute the loss, clear the gradients, backpropagate the mean "
            "loss and take one step; after each epoch, the loss and the accuracy on all the "
            "training data."),
        "torch_result": translate(
            "ClassNotebookExport",
            "## Comparing with Part 1\n\n"
            "The concise version's parameters and accuracy, next to the accuracy of Part 1's "
            "parameters."),
    }
