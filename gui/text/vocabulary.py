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
    return _names()[LossKind(kind)]


def noise_name(kind: str) -> str:
    """"Gaussian", "Laplace", "Outliers"."""
    return _names()[NoiseKind(kind)]


def _names() -> dict[str, str]:
    """Every kind's name, looked up anew each call so it follows a language switch."""
    return {
        LossKind.SQUARED: translate("Vocabulary", "squared loss"),
        LossKind.ABSOLUTE: translate("Vocabulary", "absolute loss"),
        LossKind.HUBER: translate("Vocabulary", "Huber loss"),
        NoiseKind.GAUSSIAN: translate("Vocabulary", "Gaussian"),
        NoiseKind.LAPLACE: translate("Vocabulary", "Laplace"),
        NoiseKind.OUTLIERS: translate("Vocabulary", "Outliers"),
    }
