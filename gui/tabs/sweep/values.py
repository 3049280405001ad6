"""What a sweep is given and what it found, in words and colours: no widgets here.

The values field parses to sorted learning rates or batch sizes; results are ranked, coloured
and ranged for the plot. Texts are in the "SweepPanel" translation context.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from linreg_lab.core.sweep import SweepResult
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.fields import parse_number

MAX_VALUES = 8  # more curves than this cannot be told apart
MAX_BATCH = 1_000_000
DEFAULT_TEXT = {"lr": "0.003, 0.01, 0.03, 0.1", "batch_size": "1, 10, 50"}
# Sequential grey → purple: no orange, blue, green, vermillion or sky blue, which mean SGD,
# analytical, truth, minibatch and validation elsewhere. Light = small value, dark = large.
PALETTE = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=["#A8A0B0", "#8A4FB0", "#2D004B"])
LOG_FLOOR = 1e-30
_SPLIT = re.compile(r"[,，;；\s]+")

translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings


def parse_values(text: str, param: str) -> list[float]:
    """Comma-separated learning rates or batch sizes, sorted ascending. Raises ValueError."""
    tokens = [t for t in _SPLIT.split(text.strip()) if t]
    if not tokens:
        raise ValueError(translate("SweepPanel", "Enter one or more values separated by commas, "
                                    "e.g. {example}.").format(example=DEFAULT_TEXT[param]))
    if len(tokens) > MAX_VALUES:
        message = translate("SweepPanel", "At most {count} values at once.")
        raise ValueError(message.format(count=MAX_VALUES))
    values = [_check_value(parse_number(t), t, param) for t in tokens]
    for v in values:
        if values.count(v) > 1:
            raise ValueError(translate("SweepPanel", "{value} appears twice.").format(value=fmt(v)))
    return sorted(values)


def values_problem(text: str, param: str) -> str | None:
    """What is wrong with the values field, in the current language; None if nothing."""
    try:
        parse_values(text, param)
    except ValueError as exc:
        return str(exc)
    return None


def _check_value(value: float, token: str, param: str) -> float:
    if param == "lr":
        if value <= 0:
            message = translate("SweepPanel", "A learning rate must be positive; “{value}” is not.")
            raise ValueError(message.format(value=token))
        return value
    if value != int(value) or not 1 <= value <= MAX_BATCH:
        raise ValueError(translate("SweepPanel", "A batch size is a whole number from 1 to {most}; "
                                    "“{value}” is not.").format(most=MAX_BATCH, value=token))
    return int(value)


def sweep_colors(count: int) -> list[QColor]:
    """One colour per value from the grey-to-purple palette, in the values' order."""
    if count <= 1:
        return [PALETTE.map(0.6, mode="qcolor")]
    return [PALETTE.map(i / (count - 1), mode="qcolor") for i in range(count)]


def value_label(param: str, value: float) -> str:
    if param == "lr":
        return translate("SweepPanel", "η = {value}").format(value=fmt(value))
    return translate("SweepPanel", "batch = {value}").format(value=int(value))


def best_index(results: list[SweepResult]) -> int | None:
    """The run with the lowest validation loss (training loss without validation)."""
    scores = [(r.final_val_loss if r.final_val_loss is not None else r.final_train_loss)
              for r in results]
    ok = [i for i, (r, s) in enumerate(zip(results, scores, strict=True))
          if not r.diverged and s is not None and math.isfinite(s)]
    return min(ok, key=lambda i: scores[i]) if ok else None


def shown_curve(r: SweepResult, use_val: bool) -> np.ndarray:
    """The validation curve if there is one and it is asked for, else the training curve."""
    return r.val_curve if use_val and r.val_curve is not None else r.train_curve


def y_view(results: list[SweepResult], use_val: bool) -> tuple[float, float] | None:
    """log10 y range holding every run that did not diverge; diverged runs leave the top."""
    curves = [shown_curve(r, use_val) for r in results if not r.diverged] or \
             [shown_curve(r, use_val) for r in results]
    values = np.concatenate([c for c in curves if c.size]) if curves else np.empty(0)
    values = values[values > LOG_FLOOR]
    if values.size == 0:
        return None
    lo, hi = math.log10(values.min()), math.log10(values.max())
    pad = max(0.1, 0.08 * (hi - lo))
    return lo - pad, hi + pad
