"""Classification data sets as CSV: features first, the class in the last column.

The same reader as core.csv_io (forgiving about form: header or not, comma, semicolon or tab,
BOM, CRLF, quotes, blank lines; strict about content) and the same limits and messages, which
name the file, the 1-based line and column. Only the last column differs: it holds the class,
as whole numbers ("0", "3") or names ("setosa"). Whole numbers keep their order (class
indices follow the sorted values, named by them); names keep the order in which they first
appear. A header is recognised by its feature cells only, since class names are text anyway.

save_class_csv writes what load_class_csv reads: a header, repr-exact floats, the class name
last. The lab's data round-trip exactly (the same X bit for bit, labels and class names):
whenever every class has an example and the names read back in their order (whole numbers
ascending, as clusters and digits are named; other names in order of first appearance, as
a loaded file's and iris's are). Otherwise each point still keeps its class name, but a class
without examples is not in the file and the indices follow the loader's order.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable

import numpy as np

from linreg_lab.core.array_types import StrPath
from linreg_lab.core.class_data import ClassDataset
from linreg_lab.core.csv_io import (
    _DELIM_NAMES,
    MAX_CSV_BYTES,
    _atomic_write,
    _beyond_limits,
    _check_column_count,
    _check_line_count,
    _check_name_lengths,
    _count_unquoted,
    _first_data_line,
    _is_header,
    _names,
    _parse_body,
    _read_text,
    _show,
    _sniff_delimiter,
    _split,
)
from linreg_lab.core.errors import DataError
from linreg_lab.core.file_reading import megabytes
from linreg_lab.core.limits import MAX_CLASSES, MAX_EXAMPLES, MAX_NAME_LENGTH, MIN_CLASSES

__all__ = ["CLASS_COLUMN", "load_class_csv", "save_class_csv"]

CLASS_COLUMN = "class"  # the header of the last column

_WHOLE = re.compile(r"[+-]?\d{1,18}")


def load_class_csv(path: StrPath) -> ClassDataset:
    """Read a CSV file into a ClassDataset (last column = class); DataError on any problem."""
    name = os.path.basename(os.fspath(path))
    text = _read_text(path, name)
    _check_line_count(text, name)
    lines = text.split("\n")
    first = _first_data_line(lines, 0)
    if first is None:
        raise DataError(f"{name}: the file is empty")
    delim = _sniff_delimiter(lines, first)
    _check_column_count(lines[first], delim, name, first + 1)
    head = _split(lines[first], delim, name, first + 1)
    if len(head) < 2:
        raise DataError(
            f"{name}, line {first + 1}: only one column found; a classification data set needs "
            "at least one feature column and a class column (the last one), separated by "
            "comma, semicolon or tab")
    has_header = _is_header(head[:-1])
    if has_header:
        _check_name_lengths(head, name, first + 1)
    start = first + 1 if has_header else first
    if _first_data_line(lines, start) is None:
        raise DataError(f"{name}: line {first + 1} is a header, but there are no data rows")
    rows = [i for i in range(start, len(lines)) if lines[i].strip()]
    if len(rows) > MAX_EXAMPLES:
        raise DataError(f"{name}, line {rows[MAX_EXAMPLES] + 1}: more than {MAX_EXAMPLES:,} "
                        f"data rows; the lab takes at most {MAX_EXAMPLES:,} examples")
    ncols = len(head)
    features, cells = _split_classes(lines, rows, delim, ncols, name, first + 1)
    values = _parse_body(features, start, delim, ncols - 1, name, first + 1)
    labels, classes = _classes(cells, rows, ncols, name)
    feature_names = _names(head)[0] if has_header else _default_names(ncols - 1)
    return ClassDataset(values, labels, classes, feature_names)


def _default_names(d: int) -> tuple[str, ...]:
    return ("x",) if d == 1 else tuple(f"x{j}" for j in range(1, d + 1))


def _split_classes(lines: list[str], rows: list[int], delim: str, ncols: int, name: str,
                   first_line: int) -> tuple[list[str], list[str]]:
    """The lines without their last cell (for the numeric parser, same line numbers) and
    the class cells, after checking every row has ncols cells."""
    features = [""] * len(lines)
    cells = []
    for i in rows:
        line = lines[i]
        count = _count_unquoted(line, delim) + 1
        if '"' in line and count <= ncols + 1:
            parts = _split(line, delim, name, i + 1)
            count = len(parts)
        if count != ncols:
            raise DataError(
                f"{name}, line {i + 1}: this row has {count:,} {'cell' if count == 1 else 'cells'}"
                f", expected {ncols} (as in line {first_line}; {_DELIM_NAMES[delim]}-separated)")
        if '"' in line:
            features[i] = delim.join(f'"{c}"' if delim in c else c for c in parts[:-1])
            cells.append(parts[-1])
        else:
            head, _, last = line.rpartition(delim)
            features[i] = head
            cells.append(last.strip())
    return features, cells


def _classes(cells: list[str], rows: list[int], ncols: int,
             name: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class indices and names: whole numbers in sorted order, names in order of appearance."""
    for cell, i in zip(cells, rows, strict=True):
        where = f"{name}, line {i + 1}, column {ncols}"
        if not cell:
            raise DataError(f"{where}: the class is empty (every example needs one)")
        if len(cell) > MAX_NAME_LENGTH:
            raise DataError(f"{where}: the class name is {len(cell):,} characters long; names "
                            f"may have at most {MAX_NAME_LENGTH}")
    if all(_WHOLE.fullmatch(c) for c in cells):
        values = np.array([int(c) for c in cells])
        uniques = np.unique(values)
        _check_class_count(len(uniques), cells, rows, ncols, name,
                           lambda c: bool(int(c) > uniques[MAX_CLASSES - 1]))
        return np.searchsorted(uniques, values), tuple(str(v) for v in uniques)
    index: dict[str, int] = {}
    for c in cells:
        index.setdefault(c, len(index))
    _check_class_count(len(index), cells, rows, ncols, name,
                       lambda c: index[c] >= MAX_CLASSES)
    return np.array([index[c] for c in cells], dtype=np.intp), tuple(index)


def _check_class_count(k: int, cells: list[str], rows: list[int], ncols: int, name: str,
                       beyond: Callable[[str], bool]) -> None:
    if k < MIN_CLASSES:
        raise DataError(f"{name}: every example has the class {_show(cells[0])}; classification "
                        f"needs at least {MIN_CLASSES} classes")
    if k > MAX_CLASSES:
        j = next(j for j, c in enumerate(cells) if beyond(c))
        raise DataError(f"{name}, line {rows[j] + 1}, column {ncols}: {_show(cells[j])} is "
                        f"class number {MAX_CLASSES + 1} or later; the lab takes at most "
                        f"{MAX_CLASSES} classes (each needs its own colour and marker)")


def save_class_csv(ds: ClassDataset, path: StrPath) -> None:
    """Write ds atomically: header (features, "class"), repr-exact floats, the class names.

    What load_class_csv could not read back as these examples is not written: DataError
    naming the file instead (no examples, feature names that look like numbers, a name
    beyond the length limit, values beyond the limits, a file too large).
    """
    name = os.path.basename(os.fspath(path))
    if ds.n_examples == 0:
        raise DataError(f"{name}: nothing to save, the data set has no examples")
    names = [*ds.feature_names, CLASS_COLUMN]
    if not _is_header(names[:-1]):
        raise DataError(f"{name}: cannot save, all feature names look like numbers and the "
                        "header would be read back as data; rename a feature")
    long = next((s for s in (*names, *ds.class_names) if len(s) > MAX_NAME_LENGTH), None)
    if long is not None:
        raise DataError(f"{name}: cannot save, the name {_show(long[:20] + '…')} has "
                        f"{len(long):,} characters; LinReg Lab reads back at most "
                        f"{MAX_NAME_LENGTH}")
    problem = _beyond_limits(np.column_stack([ds.X, ds.labels]))  # the class as a column
    if problem is not None:
        raise DataError(f"{name}: cannot save, {problem}")
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerow(names)
    cells = [_class_cell(c) for c in ds.class_names]
    rows = [f"{','.join(map(repr, row))},{cells[label]}"  # repr is exact
            for row, label in zip(ds.X.tolist(), ds.labels.tolist(), strict=True)]
    text = head.getvalue() + "\n".join(rows) + "\n"
    if len(text) > MAX_CSV_BYTES:  # characters: a lower bound of the bytes
        raise DataError(f"{name}: cannot save, the file would be {megabytes(len(text))}, more "
                        f"than the {megabytes(MAX_CSV_BYTES)} LinReg Lab reads back as CSV; "
                        "save the session instead")
    _atomic_write(path, text, name)


def _class_cell(class_name: str) -> str:
    """One class name as a CSV cell, quoted when it holds a comma or a quote."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([class_name])
    return out.getvalue()
