"""Small HTML pieces of the formula cards: numbers with signs, vectors and matrices."""

from __future__ import annotations

import numpy as np

from linreg_lab.core.formula import shown_indices
from linreg_lab.core.notation import subscript
from linreg_lab.gui.text.format import fmt

NOWRAP = "white-space: nowrap"  # a number or a label split over two lines is misread
SUP_I = "<sup>(<i>i</i>)</sup>"


def marker(color: str) -> str:
    """A coloured square tying numbers to the plots' colour (never colour alone)."""
    return f'<span style="color:{color}">■</span>'


def signed(value: float) -> str:
    """' + 1.2' or ' − 1.2', to continue a sum without '+ −1.2'; breaks only before the sign."""
    v = float(value)
    return f" −&nbsp;{fmt(-v)}" if v < 0 else f" +&nbsp;{fmt(v)}"


def factor(value: float) -> str:
    """A number to multiply by: negative ones in parentheses."""
    text = fmt(value)
    return f"({text})" if float(value) < 0 else text


def weight_name(j: int, d: int, star: str = "") -> str:
    return f"<i>w</i>{star}" if d == 1 else f"<i>w</i>{star}{subscript(j + 1)}"


def vector_html(values: np.ndarray, limit: int = 6) -> str:
    """[a, b, …, z] for long vectors; a bare number for length one."""
    values = np.asarray(values, dtype=float)
    if values.size == 1:
        return fmt(values[0])
    parts = ["…" if j is None else fmt(values[j]) for j in shown_indices(values.size, limit)]
    return "[" + ", ".join(parts) + "]"


def matrix_html(M: np.ndarray) -> str:
    """A matrix (or a vector as a column) as a small HTML table between square brackets."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows = M.shape[0]
    if rows == 1:
        left, right = ["["], ["]"]
    else:
        left = ["⎡", *["⎢"] * (rows - 2), "⎣"]
        right = ["⎤", *["⎥"] * (rows - 2), "⎦"]
    body = []
    for i in range(rows):
        cells = "".join(f'<td align="right" style="padding: 0 5px; {NOWRAP}">{fmt(v)}</td>'
                        for v in M[i])
        body.append(f"<tr><td>{left[i]}</td>{cells}<td>{right[i]}</td></tr>")
    return f'<table cellspacing="0" cellpadding="0">{"".join(body)}</table>'


def column_html(v: np.ndarray) -> str:
    return matrix_html(np.asarray(v, dtype=float).reshape(-1, 1))

