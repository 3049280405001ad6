"""Translated names of the chapter's kinds (losses, noises), one place for every view.

The kinds themselves live in linreg_lab.core.notation; this module only says them in the
learner's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.notation import LossKind, NoiseKind

translate = QCoreApplication.translate  # a plain name lupdate recognises


def loss_name(kind: str) -> str:
    """"squared loss", "absolute loss", "Huber loss"."""
    names = {
        LossKind.SQUARED: translate("Vocabulary", "squared loss"),
        LossKind.ABSOLUTE: translate("Vocabulary", "absolute loss"),
        LossKind.HUBER: translate("Vocabulary", "Huber loss"),
    }
    return names[LossKind(kind)]


def noise_name(kind: str) -> str:
    """"Gaussian", "Laplace", "Outliers"."""
    names = {
        NoiseKind.GAUSSIAN: translate("Vocabulary", "Gaussian"),
        NoiseKind.LAPLACE: translate("Vocabulary", "Laplace"),
        NoiseKind.OUTLIERS: translate("Vocabulary", "Outliers"),
    }
    return names[NoiseKind(kind)]
