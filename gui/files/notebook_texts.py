"""The exported notebook's markdown, in the current language (core.notebook_export places it).

The texts follow d2l 3.2 and 3.3 and use the book's terms in Chinese; they live here, behind
QCoreApplication.translate with a literal context, so lupdate finds them and core stays Qt-free.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def notebook_texts(n_examples: int, steps: int) -> dict[str, str]:
    """Every core.notebook_export.NOTEBOOK_TEXT_KEYS entry's markdown (the title names the
    number of examples and steps)."""
    texts = {**_numpy_texts(), **_torch_texts()}
    texts["title"] = texts["title"].format(n=n_examples, steps=steps)
    return texts


def _numpy_texts() -> dict[str, str]:
    return {
        "title": QCoreApplication.translate(
            "NotebookExport",
            "# Linear regression from scratch, then concisely\n\n"
            "Exported from LinReg Lab. **Part 1** implements linear regression from scratch "
            "with NumPy only, as in d2l section 3.2: the same {n} training examples as the "
            "app, the same start and the same {steps} minibatch steps, so running its cells in "
            "order prints the app's w and b (to rounding in the last digits). **Part 2** is the "
            "concise implementation of section 3.3 with PyTorch's high-level APIs; it needs "
            "PyTorch, which the app and Part 1 do not."),
        "data": QCoreApplication.translate(
            "NotebookExport",
            "## Reading the dataset\n\n"
            "The app's training examples, exactly as they were at export (generated, loaded or "
            "edited there; the validation data are left out). `features` holds one example per "
            "row, `labels` the label of each example."),
        "synthetic": QCoreApplication.translate(
            "NotebookExport",
            "## Generating the dataset\n\n"
            "d2l generates data with a known linear model plus Gaussian noise, "
            "$\\mathbf{y} = \\mathbf{X}\\mathbf{w} + b + \\epsilon$. The function is here for "
            "a fresh dataset of your own; the run below uses the app's examples."),
        "model": QCoreApplication.translate(
            "NotebookExport",
            "## Defining the model, the loss function and the optimization algorithm\n\n"
            "The model is an affine transformation of the inputs, "
            "$\\hat{\\mathbf{y}} = \\mathbf{X}\\mathbf{w} + b$. The squared loss of one example "
            "is $\\frac{1}{2}(\\hat{y} - y)^2$. Minibatch stochastic gradient descent updates "
            "the parameters with the gradient of the loss summed over a minibatch, divided by "
            "the batch size and scaled by the learning rate."),
        "schedule": QCoreApplication.translate(
            "NotebookExport",
            "## Hyperparameters\n\n"
            "The learning rate and the batch size are hyperparameters: chosen by us, not "
            "learned. `schedule` lists the app's run stretch by stretch: a setting changed "
            "during the run starts a new row."),
        "standardize": QCoreApplication.translate(
            "NotebookExport",
            "## Standardizing the features\n\n"
            "The app trained on standardized features (mean 0 and standard deviation 1 in each "
            "column), so one learning rate suits every feature; w and b are mapped back to the "
            "data's units at the end."),
        "init": QCoreApplication.translate(
            "NotebookExport",
            "## Initializing model parameters\n\n"
            "Training needs a start: d2l draws w from a normal distribution with mean 0 and "
            "standard deviation 0.01 and sets b to 0. Here the parameters start where the "
            "app's run started, with its random number generator in the same state."),
        "train": QCoreApplication.translate(
            "NotebookExport",
            "## Training\n\n"
            "In each iteration we read a minibatch, compute the gradient of the loss with "
            "respect to the parameters and update them with `sgd`. Each epoch passes over the "
            "whole dataset once (in a new random order when shuffling); after each epoch the "
            "loss on the training data is printed."),
        "result": QCoreApplication.translate(
            "NotebookExport",
            "## Comparing with the analytical solution\n\n"
            "The learned parameters, next to the analytical solution of least squares, "
            "$\\mathbf{w}^* = (\\mathbf{X}^\\top\\mathbf{X})^{-1}\\mathbf{X}^\\top\\mathbf{y}$ "
            "(computed stably, without an inverse)."),
    }


def _torch_texts() -> dict[str, str]:
    return {
        "torch_title": QCoreApplication.translate(
            "NotebookExport",
            "# Part 2: concise implementation (d2l 3.3)\n\n"
            "**Needs PyTorch** (`pip install torch`); the app and Part 1 do not. The same data, "
            "trained with PyTorch's high-level APIs at the app's current settings. PyTorch "
            "shuffles with its own generator and computes in float32, so its numbers come close "
            "to Part 1's but are not the same."),
        "torch_data": QCoreApplication.translate(
            "NotebookExport",
            "## Reading the dataset\n\n"
            "`load_array` wraps the examples in a `DataLoader`, which hands out minibatches, "
            "shuffled anew in each epoch."),
        "torch_model": QCoreApplication.translate(
            "NotebookExport",
            "## Defining the model and initializing its parameters\n\n"
            "A single fully-connected layer, `nn.Linear`, is the linear model; its weights are "
            "drawn from a normal distribution with mean 0 and standard deviation 0.01, its bias "
            "starts at 0."),
        "torch_loss": QCoreApplication.translate(
            "NotebookExport",
            "## Defining the loss function\n\n"
            "PyTorch's version of the app's loss function. `nn.MSELoss` has no ½, so its "
            "gradients are twice those of Part 1's squared loss."),
        "torch_optimizer": QCoreApplication.translate(
            "NotebookExport",
            "## Defining the optimization algorithm\n\n"
            "`torch.optim.SGD` is minibatch stochastic gradient descent, with the app's "
            "learning rate."),
        "torch_train": QCoreApplication.translate(
            "NotebookExport",
            "## Training\n\n"
            "For each minibatch: compute the loss, clear the gradients, backpropagate and take "
            "one step; after each epoch, the loss on all the training data."),
        "torch_result": QCoreApplication.translate(
            "NotebookExport",
            "## Comparing with the analytical solution\n\n"
            "The concise version's parameters, and how far they are from Part 1's analytical "
            "solution."),
    }
