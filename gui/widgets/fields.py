"""Text fields that hold numbers: parsing, exact formatting, error marks, compact spin boxes.

Shared by every panel, tab and the toolbar, so a number is typed, checked and marked wrong
the same way everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from linreg_lab.core.limits import (  # one table for every entry point
    MAX_FEATURES,
    MAX_VAL_FRACTION,
)

MAX_VAL_PERCENT = round(100 * MAX_VAL_FRACTION)
ERROR_COLOR = "#D55E00"  # vermillion, as a border around a field whose text is wrong
ERROR_TINT = "#F8D9C8"  # light vermillion behind the text of a spin box that is wrong
ERROR_TEXT_COLOR = "#9A3A00"  # darker vermillion: readable as text on a light background
_SEPARATORS = (",", "，", ";", "；")  # ASCII and full-width commas and semicolons

translate = QCoreApplication.translate  # a plain name lupdate recognises




def parse_number(text: str) -> float:
    """One finite number; accepts the Unicode minus sign that gui.text.format.fmt writes."""
    token = text.strip().replace("−", "-")
    if not token:
        raise ValueError(translate("parse_weights", "Enter a number."))
    try:
        value = float(token)
    except ValueError:
        message = translate("parse_weights", "“%1” is not a number.")
        raise ValueError(message.replace("%1", token)) from None
    if not math.isfinite(value):
        message = translate("parse_weights", "“%1” is not a finite number.")
        raise ValueError(message.replace("%1", token))
    return value


def parse_weights(text: str) -> tuple[float, ...]:
    """Comma-separated weights, one per feature: "2" or "2, -3.4". Raises ValueError."""
    for sep in _SEPARATORS[1:]:
        text = text.replace(sep, ",")
    tokens = [t.strip() for t in text.split(",")]
    if tokens == [""]:
        raise ValueError(translate("parse_weights",
                                   "Enter one weight per feature, e.g. 2 or 2, -3.4."))
    if "" in tokens:
        raise ValueError(translate("parse_weights", "A weight is missing between two commas."))
    if len(tokens) > MAX_FEATURES:
        raise ValueError(translate("parse_weights", "At most %1 features, one weight each.")
                         .replace("%1", str(MAX_FEATURES)))
    return tuple(parse_number(t) for t in tokens)


def format_number(value: float) -> str:
    """A number as editable text that parses back to exactly the same float."""
    return repr(float(value)).removesuffix(".0")


def format_weights(w: tuple[float, ...] | list[float]) -> str:
    return ", ".join(format_number(v) for v in w)


@contextmanager
def blocked(*objects: QObject) -> Iterator[None]:
    """Block the signals of all objects while pushing model values into them."""
    blockers = [QSignalBlocker(o) for o in objects]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


def show_problem(widget: QWidget, problem: str | None, help_text: str) -> None:
    """Mark a field invalid (vermillion border, the problem as tooltip) or valid again."""
    widget.setProperty("invalid", problem is not None)
    if problem is None:
        widget.setStyleSheet("")
        widget.setToolTip(help_text)
        widget.setAccessibleDescription(help_text)
        return
    widget.setStyleSheet(_error_style(widget))
    widget.setToolTip(problem)
    widget.setAccessibleDescription(problem)


def _error_style(widget: QWidget) -> str:
    """A vermillion frame and tint; a spin box only gets the tint, so its arrows stay intact."""
    kind = widget.metaObject().className()
    if isinstance(widget, QAbstractSpinBox):
        return f"{kind} {{ background: {ERROR_TINT}; }}"
    return (f"{kind} {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; padding: 1px;"
            f" background: {ERROR_TINT}; }}")


class CompactSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that drops trailing zeros: 4.2, not 4.2000."""

    def textFromValue(self, value: float) -> str:
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").removesuffix(point)
        return text


def compact_spin(minimum: float, maximum: float, decimals: int, step: float) -> QDoubleSpinBox:
    """A CompactSpinBox that emits valueChanged once typing is finished."""
    box = CompactSpinBox()
    box.setRange(minimum, maximum)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)
    return box


def int_spin(minimum: int, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setGroupSeparatorShown(True)
    box.setKeyboardTracking(False)
    return box


def add_labelled_row(form: QFormLayout, field: QWidget) -> QLabel:
    """A form row for field, labelled by a QLabel (its buddy) that name_rows fills in."""
    label = QLabel()
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def name_rows(form: QFormLayout, names: Mapping[QWidget, str]) -> None:
    """The label texts of a form's rows, by field (call it from retranslate())."""
    for field, name in names.items():
        form.labelForField(field).setText(name)


def describe(help_texts: Mapping[QWidget, tuple[str, str]]) -> None:
    """Give each widget its accessible name, and its help as tooltip and accessible description."""
    for widget, (name, tip) in help_texts.items():
        widget.setAccessibleName(name)
        widget.setToolTip(tip)
        widget.setAccessibleDescription(tip)
