"""The confusion matrix of a classifier (d2l 3.4's accuracy, broken down by class).

counts[i, j] is how many examples of true class i were predicted as class j, so the diagonal
holds the correct answers, a row sums to the class's examples and accuracy is the trace over
the total. One bincount over the pair codes i·k + j: no loop over examples or classes.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from linreg_lab.core.array_types import Indices
from linreg_lab.core.softmax import as_labels

__all__ = ["confusion_matrix"]


def confusion_matrix(labels: ArrayLike, predicted: ArrayLike, num_classes: int) -> Indices:
    """(k, k) counts: rows are the true classes, columns the predicted ones."""
    k = int(num_classes)
    y = as_labels(labels, k, "labels")
    y_hat = as_labels(predicted, k, "predicted")
    if y.shape != y_hat.shape:
        raise ValueError(f"labels has {y.shape[0]} entries but predicted has {y_hat.shape[0]}")
    codes = y * k + y_hat
    return np.bincount(codes, minlength=k * k).reshape(k, k).astype(np.intp)
