"""Load and save datasets as CSV: features first, label last, one example per line.

An optional last column headed ``split`` says which rows are for validation (``train`` or
``validation`` in each row): the app writes it when it exports its data, so the split (and the
validation loss curve) can be redone from the file, and ``load_csv_split`` reads it back.

Loading is forgiving about form (header or not; comma, semicolon or tab; UTF-8 with or
without BOM; CRLF or CR; quoted cells; blank lines) and strict about content: every problem
raises ``DataError`` naming the file, the 1-based line and column, and what is wrong in plain
words, because the reader is a learner who typed the file by hand.

Limits (core/limits.py, the same for every entry point), checked before the big allocations:
the file's size from its stat before it is read (MAX_CSV_BYTES); the number of lines before
the text is split (MAX_EXAMPLES data rows); the number of columns from the first line before
any cell is parsed (MAX_FEATURES features and the label); each value's magnitude
(MAX_ABS_VALUE) as the numbers are read. So a 50 MB one-line file is refused in a fraction of
a second instead of becoming 12.5 million features, and nothing the window cannot draw and
solve interactively gets past the loader.

Speed: the numeric body is parsed by vectorised ``np.loadtxt`` calls of 32,768 lines (each
holds the GIL: a window reading on a worker stays live). Only when that fails
(or yields NaN/inf, a value beyond the limit or the wrong shape) does a slow per-row scan run,
to find and describe the first bad line; it accepts exactly the same files, so the result
never depends on the path.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re

import numpy as np
from numpy.typing import ArrayLike, NDArray

from linreg_lab.core.array_types import StrPath
from linreg_lab.core.atomic import write_atomic
from linreg_lab.core.data import Dataset
from linreg_lab.core.errors import DataError
from linreg_lab.core.file_reading import megabytes, read_bytes, wide_encoding
from linreg_lab.core.limits import MAX_ABS_VALUE, MAX_EXAMPLES, MAX_FEATURES, MAX_NAME_LENGTH

MAX_COLUMNS = MAX_FEATURES + 1  # the features and the label (and the split column, if any)
SPLIT_COLUMN = "split"
SPLIT_VALUES = ("train", "validation")  # a split cell's words, case ignored
#: The largest CSV file read: a million rows of ten full-precision numbers (repr of a double
#: is at most 24 characters, 25 bytes with its separator: 250 MB), read, decoded and split in
#: well under a second per 100 MB and about 1 GB of memory at the peak.
MAX_CSV_BYTES = 256 * 2**20
DELIMITERS = ("\t", ";", ",")  # sniffing preference when several fit equally well
_SNIFF_LINES = 20
_CHUNK = 4096  # lines per vectorised parse once the whole-file parse has failed
# lines per np.loadtxt call of a clean body: the call holds the GIL, so a file read on a
# worker thread (the app opens big files so) lets the window's thread run between blocks
_BLOCK = 8_192  # rows parsed at a time: one np.loadtxt call holds the GIL ~8 ms
_SPLIT_CHARS = 1 << 20  # characters split into lines at a time (~4 ms of the GIL)
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_NON_FINITE = re.compile(r"[+-]?(inf(inity)?|nan)", re.IGNORECASE)  # what float() reads so
_QUOTED = re.compile(r'"[^"]*(?:"|$)')  # a quoted stretch, or an open one up to the line's end
_NON_BLANK = re.compile(r"^[^\S\n]*\S", re.MULTILINE)  # one match per non-blank line
_DELIM_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_VALUE_LIMIT = f"{MAX_ABS_VALUE:.0e}".replace("e+", "e")  # "1e100"
_SIZE_NOTE = (f"(enough for {MAX_EXAMPLES:,} rows of ten full-precision numbers); "
              "a larger data set does not stay interactive")


# --------------------------------------------------------------------------- loading


def load_csv(path: StrPath) -> Dataset:
    """Read a CSV file into a Dataset (last column = label); DataError on any problem.

    A last column headed ``split`` is read (and checked) but not part of the Dataset."""
    return load_csv_split(path)[0]


def load_csv_split(path: StrPath) -> tuple[Dataset, NDArray[np.bool_] | None]:
    """load_csv, and the validation rows from a ``split`` column (None without one)."""
    name = os.path.basename(os.fspath(path))
    text = _read_text(path, name)
    _check_line_count(text, name)
    lines = split_lines(text)
    first = _first_data_line(lines, 0)
    if first is None:
        raise DataError(f"{name}: the file is empty")
    delim = _sniff_delimiter(lines, first)
    has_split = _ends_with_split(lines[first], delim)
    _check_column_count(lines[first], delim, name, first + 1, extra=int(has_split))
    head = _split(lines[first], delim, name, first + 1)
    if len(head) < 2 + has_split:
        raise DataError(
            f"{name}, line {first + 1}: only one column found; a dataset needs at least one "
            "feature column and a label column (the last one), separated by comma, "
            "semicolon or tab")
    has_header = _is_header(head[:-1] if has_split else head) or has_split
    if has_header:
        _check_name_lengths(head, name, first + 1)
    start = first + 1 if has_header else first
    if _first_data_line(lines, start) is None:
        raise DataError(f"{name}: line {first + 1} is a header, but there are no data rows")
    _check_row_count(lines, start, name)
    val_mask = None
    if has_split:
        lines, val_mask = _take_split_column(lines, start, delim, len(head), name, first + 1)
        head = head[:-1]
    values = _parse_body(lines, start, delim, len(head), name, first + 1)
    features, label = _names(head) if has_header else ((), "y")
    _check_distinct([*features, label], name, first + 1)
    return Dataset(values[:, :-1], values[:, -1], features, label), val_mask


def _ends_with_split(line: str, delim: str) -> bool:
    """True if a header's last cell is "split" (cheap: the line is not split into cells)."""
    return line.rsplit(delim, 1)[-1].strip().strip('"').strip().lower() == SPLIT_COLUMN


def _take_split_column(lines: list[str], start: int, delim: str, ncols: int, name: str,
                       first_line: int) -> tuple[list[str], NDArray[np.bool_]]:
    """The lines without their last (split) cell, and which data rows say "validation"."""
    out = list(lines)
    val: list[bool] = []
    train_word, val_word = SPLIT_VALUES
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        if '"' in line:
            cells = _split(line, delim, name, i + 1)
            count, rest, cell = len(cells), _joined(cells[:-1], delim), cells[-1]
        else:
            count = line.count(delim) + 1
            rest, _, cell = line.rpartition(delim)
            cell = cell.strip()
        if count != ncols:
            raise DataError(
                f"{name}, line {i + 1}: this row has {count:,} {'cell' if count == 1 else 'cells'}"
                f", expected {ncols} (as in line {first_line}; {_DELIM_NAMES[delim]}-separated)")
        word = cell.lower()
        if word not in SPLIT_VALUES:
            raise DataError(f"{name}, line {i + 1}, column {ncols}: {_show(cell)} in the "
                            f"{SPLIT_COLUMN} column should be {train_word} or {val_word}")
        val.append(word == val_word)
        out[i] = rest
    return out, np.array(val, dtype=bool)


def _joined(cells: list[str], delim: str) -> str:
    """Cells back into one line, quoted where needed (for the numeric parser)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delim, lineterminator="").writerow(cells)
    return buffer.getvalue()


def _read_text(path: StrPath, name: str) -> str:
    """Read (refusing files over MAX_CSV_BYTES unread) and decode; line ends become LF."""
    raw = read_bytes(path, name, DataError, max_bytes=MAX_CSV_BYTES, why=_SIZE_NOTE)
    text = _decode(raw, name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (BOM optional); refuse UTF-16/32 and binary files with a clear message."""
    encoding = wide_encoding(raw)
    if encoding is not None:
        raise DataError(f"{name}, line 1: the file is {encoding} text; save it as UTF-8 CSV")
    if _looks_like_utf16(raw):
        raise DataError(f"{name}, line 1: the file is UTF-16 text (without a byte order mark); "
                        "save it as UTF-8 CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{name}, line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); if this is a "
            "table, save it as UTF-8 CSV (spreadsheets call it \"CSV UTF-8\")") from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise DataError(f"{name}, line {line}: contains NUL bytes; this looks like a binary "
                        "file, not CSV text")
    return text


def _looks_like_utf16(raw: bytes) -> bool:
    """Text of mostly ASCII characters in UTF-16: every other byte NUL, the others not."""
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return any(a.count(0) == 0 and 2 * b.count(0) >= len(b) for a, b in ((even, odd), (odd, even)))


def split_lines(text: str) -> list[str]:
    """text.split("\n"), a block of about SPLIT_CHARS at a time: one split of a 30 MB file
    holds the GIL ~115 ms, a pause of the window's thread while a worker opens the file."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _SPLIT_CHARS)
        if end == -1:
            lines.extend(text[start:].split("\n"))
            return lines
        lines.extend(text[start:end].split("\n"))
        start = end + 1
    lines.append("")  # after a final newline (or of an empty text), as str.split gives
    return lines


def _check_line_count(text: str, name: str) -> None:
    """Refuse more non-blank lines than a header and MAX_EXAMPLES rows, before splitting:
    a 256 MB file of short lines would otherwise become tens of millions of strings."""
    allowed = MAX_EXAMPLES + 1
    lines = text.count("\n") + (not text.endswith("\n"))  # the last line ends the file
    if lines <= allowed:  # no more lines than that, blank or not (a file of exactly
        return            # MAX_EXAMPLES rows went through the count below: 0.6 s of 1.8)
    for k, match in enumerate(_NON_BLANK.finditer(text)):
        if k == allowed:
            raise _too_many_rows(name, text.count("\n", 0, match.start()) + 1)


def _check_row_count(lines: list[str], start: int, name: str) -> None:
    """Refuse more than MAX_EXAMPLES data rows (non-blank lines from `start`)."""
    if len(lines) - start - (not lines[-1]) <= MAX_EXAMPLES:  # (the file's final newline)
        return
    rows = 0
    for i in range(start, len(lines)):
        if lines[i].strip():
            rows += 1
            if rows > MAX_EXAMPLES:
                raise _too_many_rows(name, i + 1)


def _too_many_rows(name: str, line: int) -> DataError:
    return DataError(f"{name}, line {line}: more than {MAX_EXAMPLES:,} data rows; the lab takes "
                     f"at most {MAX_EXAMPLES:,} examples, so that its plots and the solver stay "
                     "interactive")


def _check_column_count(line: str, delim: str, name: str, lineno: int, extra: int = 0) -> None:
    """Refuse more than MAX_COLUMNS columns (+ extra: the split column), counted without
    splitting the line into cells."""
    ncols = _count_unquoted(line, delim) + 1 - extra
    if ncols > MAX_COLUMNS:
        raise DataError(
            f"{name}, line {lineno}: {ncols:,} columns; the lab takes at most {MAX_FEATURES} "
            f"features and the label ({MAX_COLUMNS} columns), because the window draws and "
            f"solves interactively up to {MAX_FEATURES} features")


def _check_name_lengths(head: list[str], name: str, lineno: int) -> None:
    for j, cell in enumerate(head):
        if len(cell) > MAX_NAME_LENGTH:
            raise DataError(f"{name}, line {lineno}, column {j + 1}: the column name is "
                            f"{len(cell):,} characters long; names may have at most "
                            f"{MAX_NAME_LENGTH}, because every plot draws them")


def _check_distinct(names: list[str], name: str, lineno: int) -> None:
    """Two columns of one name would make w's and the plots' labels ambiguous."""
    first: dict[str, int] = {}
    for j, cell in enumerate(names):
        if cell in first:
            raise DataError(f"{name}, line {lineno}, columns {first[cell] + 1} and {j + 1}: "
                            f"both are named {cell!r}; give each column its own name")
        first[cell] = j


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
    """Delimiters outside quotes; C-speed even for a 50 MB line."""
    if '"' not in line:
        return line.count(delim)
    return _QUOTED.sub("", line).count(delim)


def _split(line: str, delim: str, name: str, lineno: int) -> list[str]:
    """Cells of one line, stripped; quotes handled by the csv module when present."""
    if '"' not in line:
        return [c.strip() for c in line.split(delim)]
    try:
        # A second, empty line: a reader that is still inside a quote swallows it.
        rows = list(csv.reader([line, ""], delimiter=delim, skipinitialspace=True))
    except csv.Error as exc:  # e.g. a quoted cell beyond csv.field_size_limit()
        raise DataError(f"{name}, line {lineno}: the cells cannot be read ({exc})") from None
    if len(rows) == 1:
        raise DataError(f"{name}, line {lineno}: a quoted cell is not closed on this line (a "
                        "cell cannot span lines; check the quote marks)")
    return [c.strip() for c in rows[0]]


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

    Numbers with a decimal comma or thousands separators count as numbers here, so the
    error points at them, not at line 2.
    """
    return any(c and _to_float(c) is None and not _DECIMAL_COMMA.fullmatch(c)
               and not _THOUSANDS.fullmatch(c) for c in cells)


def _names(head: list[str]) -> tuple[tuple[str, ...], str]:
    """Feature and label names from header cells; empty cells get the default name."""
    d = len(head) - 1
    default = ["x"] if d == 1 else [f"x{j}" for j in range(1, d + 1)]
    features = tuple(c or default[j] for j, c in enumerate(head[:-1]))
    return features, head[-1] or "y"


def _parse_body(lines: list[str], start: int, delim: str, ncols: int, name: str,
                first_line: int) -> np.ndarray:
    """All data rows as an (n, ncols) array; DataError at the first bad line and column.

    Vectorised passes of _BLOCK lines while the file is clean. From the first block the
    vectorised parser refuses, chunk by chunk, scanning row by row only inside the chunks it
    refuses, so a bad last line in a big file is still found quickly.
    """
    parts, a = [], start
    while a < len(lines):  # clean blocks of _BLOCK lines, one np.loadtxt call each
        block = _parse_fast(lines[a: a + _BLOCK], delim, ncols)
        if block is None:
            break
        parts.append(block)
        a += _BLOCK
    if a >= len(lines):
        if not parts:
            return np.empty((0, ncols))
        return parts[0] if len(parts) == 1 else np.concatenate(parts)
    for c in range(a, len(lines), _CHUNK):
        part = _parse_fast(lines[c: c + _CHUNK], delim, ncols)
        if part is None:
            part = _parse_slow(lines, c, min(c + _CHUNK, len(lines)), delim, ncols, name,
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
    if values.shape[1] != ncols or not _within_limit(values):
        return None
    return values


def _within_limit(values: np.ndarray) -> bool:
    """All finite and at most MAX_ABS_VALUE in size; min/max need no temporary (NaN fails)."""
    if values.size == 0:
        return True
    return bool(values.max() <= MAX_ABS_VALUE and values.min() >= -MAX_ABS_VALUE)


def _parse_slow(lines: list[str], start: int, stop: int, delim: str, ncols: int, name: str,
                first_line: int) -> np.ndarray:
    """Row-by-row parse of lines[start:stop]; raises DataError at the first bad cell."""
    rows = []
    for i in range(start, stop):
        if not lines[i].strip():
            continue
        wide = _count_unquoted(lines[i], delim) + 1  # counted before splitting a 50 MB line
        cells = _split(lines[i], delim, name, i + 1) if wide <= MAX_COLUMNS else None
        if cells is None or len(cells) != ncols:
            count = wide if cells is None else len(cells)
            raise DataError(
                f"{name}, line {i + 1}: this row has {count:,} {'cell' if count == 1 else 'cells'}"
                f", expected {ncols} (as in line {first_line}; {_DELIM_NAMES[delim]}-separated)")
        rows.append([_cell_value(c, name, i + 1, j + 1) for j, c in enumerate(cells)])
    return np.array(rows, dtype=np.float64).reshape(len(rows), ncols)


def _cell_value(cell: str, name: str, line: int, col: int) -> float:
    value = _to_float(cell)
    where = f"{name}, line {line}, column {col}"
    shown = _show(cell)
    if value is None:
        if not cell:
            raise DataError(f"{where}: the cell is empty (a value is missing)")
        raise DataError(f"{where}: {shown} {_not_a_number(cell)}")
    if math.isnan(value) or (math.isinf(value) and _NON_FINITE.fullmatch(cell)):
        raise DataError(f"{where}: {shown} is not a finite number (NaN and infinity are "
                        "not allowed)")
    if not abs(value) <= MAX_ABS_VALUE:  # also a number beyond the largest double (inf)
        raise DataError(f"{where}: {shown} is too large; the lab takes values up to "
                        f"{_VALUE_LIMIT} in size, so that their squares and sums of squares "
                        "cannot overflow")
    return value


def _not_a_number(cell: str) -> str:
    """Why a cell is not a number, with the fix when it is a comma's fault."""
    if _THOUSANDS.fullmatch(cell) and (cell.count(",") > 1 or "." in cell):
        plain = cell.replace(",", "")
        return f"uses thousands separators, which are not supported; write it as {plain}"
    if _THOUSANDS.fullmatch(cell):
        return ("has a comma; neither decimal commas nor thousands separators are supported: "
                f"write {cell.replace(',', '.')} or {cell.replace(',', '')}")
    if _DECIMAL_COMMA.fullmatch(cell):
        return (f"uses a decimal comma, which is not supported; write it with a decimal point "
                f"({cell.replace(',', '.')})")
    return "is not a number"


def _show(s: str, limit: int = 30) -> str:
    return repr(s if len(s) <= limit else s[:limit] + "…")


# --------------------------------------------------------------------------- saving


def save_csv(ds: Dataset, path: StrPath, val_mask: ArrayLike | None = None) -> None:
    """Write ds atomically: header (features, label), then repr-precision floats.

    val_mask (n,) bool: which rows are for validation; then a last column ``split`` says
    ``train`` or ``validation`` in every row (load_csv_split reads it back).

    ``repr(float)`` is the shortest string that reads back to the same float, so
    ``load_csv(save_csv(ds))`` gives bit-equal arrays. The file is written to a temporary
    file next to the target and moved into place, so a failure leaves the old file intact.
    What load_csv would refuse (beyond the limits) is not written: DataError instead.
    """
    name = os.path.basename(os.fspath(path))
    if ds.n_examples == 0:
        raise DataError(f"{name}: nothing to save, the dataset has no examples")
    names = [*ds.feature_names, ds.label_name]
    split = _split_words(val_mask, ds.n_examples, name)
    if not _is_header(names):
        raise DataError(f"{name}: cannot save, all column names look like numbers and the "
                        "header would be read back as data; rename a column")
    long = next((j for j, s in enumerate(names) if len(s) > MAX_NAME_LENGTH), None)
    if long is not None:
        raise DataError(f"{name}: cannot save, the name of column {long + 1} has "
                        f"{len(names[long]):,} characters; LinReg Lab reads back at most "
                        f"{MAX_NAME_LENGTH}")
    table = np.column_stack([ds.X, ds.y])
    problem = _beyond_limits(table)
    if problem is not None:
        raise DataError(f"{name}: cannot save, {problem}")
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerow(names + ([SPLIT_COLUMN] if split else []))
    rows = [",".join(map(repr, row)) for row in table.tolist()]  # repr is exact
    if split:
        rows = [f"{row},{word}" for row, word in zip(rows, split, strict=True)]
    body = "\n".join(rows)
    text = head.getvalue() + body + "\n"
    if len(text) > MAX_CSV_BYTES:  # characters: a lower bound of the bytes
        raise DataError(f"{name}: cannot save, the file would be {megabytes(len(text))}, more "
                        f"than the {megabytes(MAX_CSV_BYTES)} LinReg Lab reads back as CSV; "
                        "save the session instead")
    _atomic_write(path, text, name)


def _split_words(val_mask: ArrayLike | None, n: int, name: str) -> list[str]:
    """The split column's cells ([] without a mask); a mask of another length is a bug."""
    if val_mask is None:
        return []
    mask = np.asarray(val_mask, dtype=bool)
    if mask.shape != (n,):
        raise ValueError(f"{name}: val_mask has shape {mask.shape}, the data have {n} rows")
    train_word, val_word = SPLIT_VALUES
    return [val_word if v else train_word for v in mask.tolist()]


def _beyond_limits(table: np.ndarray) -> str | None:
    """Why load_csv would refuse this table (features, rows, values), or None."""
    n, ncols = table.shape
    if ncols > MAX_COLUMNS:
        return f"{ncols - 1} features; LinReg Lab reads back at most {MAX_FEATURES}"
    if n > MAX_EXAMPLES:
        return f"{n:,} examples; LinReg Lab reads back at most {MAX_EXAMPLES:,}"
    if _within_limit(table):
        return None
    row, col = (int(i) for i in np.argwhere(~(np.abs(table) <= MAX_ABS_VALUE))[0])
    return (f"the value {float(table[row, col])!r} in row {row + 1}, column {col + 1} is larger "
            f"than {_VALUE_LIMIT} in size, which LinReg Lab does not read back")


def _atomic_write(path: StrPath, text: str, name: str) -> None:
    """All or nothing (core.atomic); a disk problem becomes a DataError naming the file."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise DataError(f"{name}: cannot save ({exc.strerror or exc})") from exc
