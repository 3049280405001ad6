"""Numbers for people: fmt_distinct prints two numbers so that different ones read apart."""

from __future__ import annotations

import pytest

from linreg_lab.gui.text.format import fmt, fmt_distinct


@pytest.mark.parametrize(("a", "b"), [(1.9967, 1.99672), (1.99749, 1.99751), (0.1, 0.1 + 1e-16),
                                      (-3.0e-7, -3.0001e-7), (12345.0, 12346.0)])
def test_different_numbers_read_differently_with_the_fewest_digits(a: float, b: float) -> None:
    first, second = fmt_distinct(a, b)
    assert first != second
    digits = next(n for n in range(4, 18) if (fmt(a, n), fmt(b, n)) == (first, second))
    assert digits == 4 or fmt(a, digits - 1) == fmt(b, digits - 1)  # one fewer reads alike


def test_equal_or_already_distinct_numbers_keep_four_digits() -> None:
    assert fmt_distinct(1.5, 1.5) == ("1.5", "1.5")
    assert fmt_distinct(2.5, 1.997) == (fmt(2.5), fmt(1.997))
