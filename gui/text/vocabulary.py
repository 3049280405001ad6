"""Translated names of the chapter's kinds (losses, noises) and of the numbers shown, one
place for every view.

The kinds themselves live in linreg_lab.core.notation; this module only says them in the
learner's language. A number on screen is one of a few *measures*: the mean of the selected
loss, d2l's squared loss ½·MSE (what the analytical solution minimises), or the MSE, the mean
of (ŷ − y)² (twice ½·MSE). Every view names its numbers through measure_name / measure_short,
so "loss" never means two different things on one screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.notation import LossKind, NoiseKind

translate = QCoreApplication.translate  # a plain name lupdate recognises

HALF_MSE = "half_mse"  # mean of ½(ŷ − y)²: the squared loss's mean, minimised by least squares
MSE = "mse"  # mean of (ŷ − y)², twice HALF_MSE


def loss_name(kind: str) -> str:
    """"squared loss", "absolute loss", "Huber loss"."""
    return _names()[LossKind(kind)]


def noise_name(kind: str) -> str:
    """"Gaussian", "Laplace", "Outliers"."""
    return _names()[NoiseKind(kind)]


def measure_name(measure: str) -> str:
    """The full name of a measure: a loss kind's mean ("Huber loss"), HALF_MSE or MSE.

    The squared loss and HALF_MSE are one number, so they have one name.
    """
    if measure in (HALF_MSE, LossKind.SQUARED):
        return translate("Vocabulary", "squared loss ½·MSE")
    if measure == MSE:
        return translate("Vocabulary", "mean squared error (MSE)")
    return loss_name(measure)


def measure_short(measure: str) -> str:
    """A short name for tight places (table rows, axis labels): "½·MSE", "MSE", "Huber loss"."""
    if measure in (HALF_MSE, LossKind.SQUARED):
        return "½·MSE"
    if measure == MSE:
        return "MSE"
    return loss_name(measure)


def measure_definition(measure: str) -> str:
    """What the measure averages, for tooltips."""
    if measure in (HALF_MSE, LossKind.SQUARED):
        return translate("Vocabulary", "The mean over the examples of ½(ŷ − y)², d2l's squared "
                         "loss: half the mean squared error. Least squares minimises it.")
    if measure == MSE:
        return translate("Vocabulary", "The mean over the examples of (ŷ − y)²: twice ½·MSE.")
    if measure == LossKind.ABSOLUTE:
        return translate("Vocabulary", "The mean over the examples of |ŷ − y|.")
    return translate("Vocabulary", "The mean over the examples of the Huber loss: ½r² for "
                     "|r| ≤ δ, δ(|r| − ½δ) beyond, with r = ŷ − y.")


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
