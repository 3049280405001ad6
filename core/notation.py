"""The chapter's vocabulary in one place: loss and noise kinds, parameter names, subscripts.

Core and gui share these names, so a loss or noise kind is spelled once. The kinds are
``StrEnum``s: they compare equal to their plain strings ("squared", "gaussian"), which is what
session files, lessons and the Python API use.
"""

from __future__ import annotations

from enum import StrEnum

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class LossKind(StrEnum):
    """The per-example losses the lab trains with."""

    SQUARED = "squared"  # ½(ŷ − y)², d2l's squared_loss
    ABSOLUTE = "absolute"  # |ŷ − y|
    HUBER = "huber"  # squared within δ, linear beyond


class UpdateRule(StrEnum):
    """How a minibatch's gradient becomes a step (d2l 3.2's sgd and the sum-or-mean question).

    MEAN: the gradient of the mean loss over the examples actually in the batch (÷ |B|).
    D2L: d2l's sgd: the summed losses' gradient ÷ batch_size, even for a shorter last batch.
    SUM: the summed losses' gradient, not divided: a learning rate |B| times larger.
    """

    MEAN = "mean"
    D2L = "d2l"
    SUM = "sum"


class NoiseKind(StrEnum):
    """The noise added by synthetic_data."""

    GAUSSIAN = "gaussian"
    LAPLACE = "laplace"
    OUTLIERS = "outliers"


LOSS_KINDS: tuple[str, ...] = tuple(kind.value for kind in LossKind)
UPDATE_RULES: tuple[str, ...] = tuple(rule.value for rule in UpdateRule)


def step_factor(rule: str, batch: int, batch_size: int) -> float:
    """What multiplies η·(mean gradient of the batch) under `rule`, for a batch of `batch`
    examples taken with the setting `batch_size`: 1, batch/batch_size or batch."""
    if rule == UpdateRule.D2L:
        return batch / batch_size
    return float(batch) if rule == UpdateRule.SUM else 1.0
NOISE_KINDS: tuple[str, ...] = tuple(kind.value for kind in NoiseKind)


def subscript(n: int) -> str:
    """12 → "₁₂"."""
    return str(n).translate(_SUBSCRIPTS)


def weight_name(i: int) -> str:
    """The i-th weight, counted from 1 as in the book: w₁, w₂, …"""
    return f"w{subscript(i)}"


def feature_name(i: int) -> str:
    """The i-th feature, counted from 1: x₁, x₂, …"""
    return f"x{subscript(i)}"


def parameter_names(d: int) -> list[str]:
    """w₁ … w_d, then b."""
    return [weight_name(i + 1) for i in range(d)] + ["b"]


def plain_names(letter: str, d: int) -> list[str]:
    """ASCII names for file headers: the bare letter for one (d2l's x, w), else x1 … xd."""
    return [letter] if d == 1 else [f"{letter}{i}" for i in range(1, d + 1)]
