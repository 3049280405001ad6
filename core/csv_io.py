"""Load and save datasets as CSV: features first, label last, one example per line.

Loading is forgiving about form (header or not; comma, semicolon or tab; UTF-8 with or
without BOM; CRLF; quoted cells; blank lines) and strict about content: every problem raises
``DataError`` naming the file, the 1-based line and column, and what is wrong in plain words,
because the reader is a learner who typed the file by hand.

Speed: the numeric body is parsed in one vectorised ``np.loadtxt`` call. Only when that fails
(or yields NaN/inf or the wrong shape) does a slow per-row scan run, to find and describe the
first bad line; it accepts exactly the same files, so the result never depends on the path.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re

import numpy as np

from linreg_lab.core.array_types import StrPath
from linreg_lab.core.atomic import write_atomic
from linreg_lab.core.data import Dataset
from linreg_lab.core.errors import DataError
from linreg_lab.core.file_reading import read_bytes

DELIMITERS = ("\t", ";", ",")  # sniffing preference when several fit equally well
_SNIFF_LINES = 20
_CHUNK = 4096  # lines per vectorised parse once the whole-file parse has failed
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+([eE][+-]?\d+)?")
_DELIM_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


# --------------------------------------------------------------------------- loading


def load_csv(path: StrPath) -> Dataset:
    """Read a CSV file into a Dataset (last column = label); DataError on any problem."""
    name = os.path.basename(os.fspath(path))
    lines = _read_lines(path, name)
    first = _first_data_line(lines, 0)
    if first is None:
        raise DataError(f"{name}: the file is empty")
    delim = _sniff_delimiter(lines, first)
    head = _split(lines[first], delim)
    if len(head) < 2:
        raise DataError(
            f"{name}, line {first + 1}: only one column found; a dataset needs at least one "
            "feature column and a label column (the last one), separated by comma, "
            "semicolon or tab")
    has_header = _is_header(head)
    start = first + 1 if has_header else first
    if _first_data_line(lines, start) is None:
        raise DataError(f"{name}: line {first + 1} is a header, but there are no data rows")
    values = _parse_body(lines, start, delim, len(head), name, first + 1)
    features, label = _names(head) if has_header else ((), "y")
    return Dataset(values[:, :-1], values[:, -1], features, label)


def _read_lines(path: StrPath, name: str) -> list[str]:
    """Read, decode and split into lines (LF, CRLF or CR), without line terminators."""
    text = _decode(read_bytes(path, name, DataError), name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (BOM optional); refuse UTF-16 and binary files with a clear message."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{name}, line 1: the file is UTF-16 text; save it as UTF-8 CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{name}, line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "is this really a CSV file?") from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise DataError(f"{name}, line {line}: contains NUL bytes; this looks like a binary "
                        "file, not CSV text")
    return text


def _first_data_line(lines: list[str], start: int) -> int | None:
    """Index of the first non-blank line at or after start."""
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _sniff_delimiter(lines: list[str], first: int) -> str:
    """Pick the delimiter that splits the first non-blank lines into equal cell counts."""
    sample = [s for s in lines[first: first + 4 * _SNIFF_LINES] if s.strip()][:_SNIFF_LINES]
    counts = {d: [_count_unquoted(s, d) for s in sample] for d in DELIMITERS}
    for d in DELIMITERS:
        if min(counts[d]) >= 1 and len(set(counts[d])) == 1:
            return d
    # Ragged or single-column: take the most used one so the error names the right cells.
    return max(DELIMITERS, key=lambda d: (counts[d][0], sum(counts[d])))


def _count_unquoted(line: str, delim: str) -> int:
    if '"' not in line:
        return line.count(delim)
    inside, n = False, 0
    for c in line:
        if c == '"':
            inside = not inside
        elif c == delim and not inside:
            n += 1
    return n


def _split(line: str, delim: str) -> list[str]:
    """Cells of one line, stripped; quotes handled by the csv module when present."""
    if '"' not in line:
        return [c.strip() for c in line.split(delim)]
    cells = next(csv.reader([line], delimiter=delim, skipinitialspace=True))
    return [c.strip() for c in cells]


def _to_float(cell: str) -> float | None:
    """Python float syntax, restricted to ASCII and no '_' (so it matches np.loadtxt)."""
    if not cell or "_" in cell or not cell.isascii():
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def _is_header(cells: list[str]) -> bool:
    """A first row with any non-numeric, non-empty cell is a header.

    Decimal-comma numbers count as numbers here, so the error points at them, not line 2.
    """
    return any(c and _to_float(c) is None and not _DECIMAL_COMMA.fullmatch(c) for c in cells)


def _names(head: list[str]) -> tuple[tuple[str, ...], str]:
    """Feature and label names from header cells; empty cells get the default name."""
    d = len(head) - 1
    default = ["x"] if d == 1 else [f"x{j}" for j in range(1, d + 1)]
    features = tuple(c or default[j] for j, c in enumerate(head[:-1]))
    return features, head[-1] or "y"


def _parse_body(lines: list[str], start: int, delim: str, ncols: int, name: str,
                first_line: int) -> np.ndarray:
    """All data rows as an (n, ncols) array; DataError at the first bad line and column.

    One vectorised pass when the file is clean. Otherwise chunk by chunk, scanning row by
    row only inside the chunks the vectorised parser refuses, so a bad last line in a big
    file is still found quickly.
    """
    values = _parse_fast(lines[start:], delim, ncols)
    if values is not None:
        return values
    parts = []
    for a in range(start, len(lines), _CHUNK):
        part = _parse_fast(lines[a: a + _CHUNK], delim, ncols)
        if part is None:
            part = _parse_slow(lines, a, min(a + _CHUNK, len(lines)), delim, ncols, name,
                               first_line)
        parts.append(part)
    return np.concatenate(parts)


def _parse_fast(lines: list[str], delim: str, ncols: int) -> np.ndarray | None:
    """np.loadtxt over the lines; None when anything is off (the slow scan explains)."""
    if not any(lines):
        return np.empty((0, ncols))
    if any(s and not s.strip() for s in lines):
        return None  # whitespace-only lines trip np.loadtxt; the slow scan skips them
    quoted = any('"' in s for s in lines)
    try:
        values = np.loadtxt(lines, delimiter=delim, comments=None, ndmin=2, dtype=np.float64,
                            quotechar='"' if quoted else None)
    except ValueError:
        return None
    if values.shape[1] != ncols or not np.isfinite(values).all():
        return None
    return values


def _parse_slow(lines: list[str], start: int, stop: int, delim: str, ncols: int, name: str,
                first_line: int) -> np.ndarray:
    """Row-by-row parse of lines[start:stop]; raises DataError at the first bad cell."""
    rows = []
    for i in range(start, stop):
        if not lines[i].strip():
            continue
        cells = _split(lines[i], delim)
        if len(cells) != ncols:
            raise DataError(
                f"{name}, line {i + 1}: this row has {len(cells)} cells, expected {ncols} "
                f"(as in line {first_line}; {_DELIM_NAMES[delim]}-separated)")
        rows.append([_cell_value(c, name, i + 1, j + 1) for j, c in enumerate(cells)])
    return np.array(rows, dtype=np.float64).reshape(len(rows), ncols)


def _cell_value(cell: str, name: str, line: int, col: int) -> float:
    value = _to_float(cell)
    where = f"{name}, line {line}, column {col}"
    shown = _show(cell)
    if value is None:
        if not cell:
            raise DataError(f"{where}: the cell is empty (a value is missing)")
        if _DECIMAL_COMMA.fullmatch(cell):
            raise DataError(f"{where}: {shown} uses a decimal comma, which is not supported; "
                            f"write it with a decimal point ({cell.replace(',', '.')})")
        raise DataError(f"{where}: {shown} is not a number")
    if not math.isfinite(value):
        raise DataError(f"{where}: {shown} is not a finite number (NaN and infinity are "
                        "not allowed)")
    return value


def _show(s: str, limit: int = 30) -> str:
    return repr(s if len(s) <= limit else s[:limit] + "…")


# --------------------------------------------------------------------------- saving


def save_csv(ds: Dataset, path: StrPath) -> None:
    """Write ds atomically: header (features, label), then repr-precision floats.

    ``repr(float)`` is the shortest string that reads back to the same float, so
    ``load_csv(save_csv(ds))`` gives bit-equal arrays. The file is written to a temporary
    file next to the target and moved into place, so a failure leaves the old file intact.
    """
    name = os.path.basename(os.fspath(path))
    if ds.n_examples == 0:
        raise DataError(f"{name}: nothing to save, the dataset has no examples")
    names = [*ds.feature_names, ds.label_name]
    if not _is_header(names):
        raise DataError(f"{name}: cannot save, all column names look like numbers and the "
                        "header would be read back as data; rename a column")
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerow(names)
    table = np.column_stack([ds.X, ds.y]).tolist()  # Python floats: repr is exact
    body = "\n".join([",".join(map(repr, row)) for row in table])
    _atomic_write(path, head.getvalue() + body + "\n", name)


def _atomic_write(path: StrPath, text: str, name: str) -> None:
    """All or nothing (core.atomic); a disk problem becomes a DataError naming the file."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise DataError(f"{name}: cannot save ({exc.strerror or exc})") from exc
