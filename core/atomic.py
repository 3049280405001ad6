"""All-or-nothing file writes: a crash or error mid-write leaves the old file whole.

The text goes to a new hidden temporary file in the target's folder, is flushed and fsynced,
keeps the permissions of the file it replaces, and is renamed over the target with
os.replace (atomic on POSIX and Windows); the folder is fsynced so the rename survives a
power cut. On any failure the temporary file is removed and the exception propagates.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable

from linreg_lab.core.array_types import StrPath

__all__ = ["write_atomic"]


def write_atomic(path: StrPath, data: str | bytes | Iterable[str]) -> None:
    """Write text, bytes or an iterable of text chunks (streamed) to `path` atomically.

    Raises OSError for disk problems, or whatever producing the chunks raises; the target
    is then untouched and no temporary file is left behind.
    """
    target = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(target)
    chunks = [data.encode("utf-8")] if isinstance(data, str) else (
        [bytes(data)] if isinstance(data, bytes | bytearray) else
        (chunk.encode("utf-8") for chunk in data))
    tmp = None
    try:
        fd, tmp = _create_temp(folder, os.path.basename(target))
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        _copy_mode(target, tmp)
        os.replace(tmp, target)
        tmp = None
        _fsync_folder(folder)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _create_temp(folder: str, base: str) -> tuple[int, str]:
    """A new hidden temp file next to the target (mode 0o666 minus umask, like any file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _copy_mode(target: str, tmp: str) -> None:
    """Keep the permissions of the file being replaced."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable (POSIX); best effort elsewhere."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
