"""Numbers for people: 4 significant digits, scientific notation when tiny or huge."""

from __future__ import annotations

import math


def fmt(value: float | None, digits: int = 4) -> str:
    """Format a number to `digits` significant digits; '—' for a missing value."""
    if value is None:
        return "—"
    v = float(value)
    if math.isnan(v):
        return "—"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    text = f"{v:.{digits - 1}e}" if abs(v) < 1e-3 else f"{v:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def fmt_rate(value: float) -> str:
    """Steps per second as 950, 12.3k or 1.2M."""
    for scale, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:.3g}"


def fmt_distinct(a: float, b: float, digits: int = 4) -> tuple[str, str]:
    """Two numbers that must read differently (η against a limit): fmt of each with the
    fewest digits from `digits` on that tells them apart; equal numbers read alike."""
    for n in range(digits, 18):
        first, second = fmt(a, n), fmt(b, n)
        if first != second or a == b:
            return first, second
    return first, second


def fmt_percent(share: float | None) -> str:
    """A share of 0…1 as a percentage with up to one decimal: 93.3%, 100%; '—' if missing."""
    if share is None or math.isnan(float(share)):
        return "—"
    text = f"{100.0 * float(share):.1f}".removesuffix(".0")
    return f"{text}%"
