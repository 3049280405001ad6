"""Reading a user's file whole, with one wording for what can go wrong, for every format."""

from __future__ import annotations

import math
import os
import stat

from linreg_lab.core.array_types import StrPath


def read_bytes(path: StrPath, name: str, error: type[Exception], *,
               max_bytes: int | None = None, why: str = "") -> bytes:
    """The file's bytes; `error` (DataError, SessionFileError, ...) naming the file if not.

    A pipe or a device is refused before it is opened (opening a FIFO waits for a writer,
    reading /dev/zero never ends). With `max_bytes`, a larger file is refused before it is
    read (its size from the open file's stat; one whose size is not known in advance, such as
    a /proc file, after reading one byte too many); `why` ends that message.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        mode = None  # open() below says what is wrong
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise error(f"{name}: not a regular file (a pipe or a device); LinReg Lab reads files "
                    "saved on disk")
    try:
        with open(path, "rb") as f:
            if max_bytes is None:
                return f.read()
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise error(_too_large(name, f"is {megabytes(size)}", max_bytes, why))
            data = f.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise error(_too_large(name, f"has more than {megabytes(max_bytes)}", max_bytes,
                                       why))
            return data
    except FileNotFoundError:
        raise error(f"{name}: file not found ({os.fspath(path)})") from None
    except IsADirectoryError:
        raise error(f"{name}: this is a folder, not a file") from None
    except PermissionError:
        raise error(f"{name}: permission denied; the file cannot be read") from None
    except OSError as exc:
        raise error(f"{name}: the file cannot be read ({exc.strerror or exc})") from None


_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))  # UTF-32 LE starts like UTF-16 LE


def wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes start with that byte order mark, else None."""
    return next((encoding for bom, encoding in _BOMS if raw.startswith(bom)), None)


def megabytes(n: int) -> str:
    """A size as people read it, rounded up to 0.1 MB (MiB): "256 MB", "256.1 MB"."""
    return f"{math.ceil(n / 2**20 * 10) / 10:g} MB"


def _too_large(name: str, size: str, max_bytes: int, why: str) -> str:
    return (f"{name}: the file {size}, more than the {megabytes(max_bytes)} LinReg Lab reads"
            + (f" {why}" if why else ""))
