"""The chapter's symbols as the views write them: plain w and x for one feature, as the book
writes ŷ = wx + b, subscripted from two features on (w₁, w₂, …, x₁, x₂, …).

The names themselves come from linreg_lab.core.notation; this module only adds the
one-feature rule, so every view (neuron diagram, comparison table, landscape) follows it alike.
"""

from __future__ import annotations

from linreg_lab.core.notation import feature_name, parameter_names, weight_name


def weight_symbol(i: int, d: int) -> str:
    """The weight of input i (counted from 0) of d: "w" when d is 1, else w₁, w₂, …"""
    return "w" if d == 1 else weight_name(i + 1)


def input_symbol(i: int, d: int) -> str:
    """Input i (counted from 0) of d: "x" when d is 1, else x₁, x₂, …"""
    return "x" if d == 1 else feature_name(i + 1)


def parameter_symbols(d: int) -> list[str]:
    """w (or w₁ … w_d), then b."""
    return ["w", "b"] if d == 1 else parameter_names(d)
