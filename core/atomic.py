"""All-or-nothing file writes: a crash or error mid-write leaves the old file whole.

The text goes to a new hidden temporary file in the target's folder, ``.NAME.XXXXXXXX.tmp``
(eight lowercase hex digits), is flushed and fsynced, keeps the permissions of the file it
replaces, and is renamed over the target with os.replace (atomic on POSIX and Windows); the
folder is fsynced so the rename survives a power cut. On any failure (an OSError, or
whatever producing the text raised: a ValueError, a MemoryError, an interrupt) the
temporary file is removed and the exception propagates.

Only a killed process leaves its temporary file behind. remove_stale_temps() clears those:
write_atomic calls it on the folder it writes to, and the app calls it on its own folders at
start. It removes nothing but regular files of this module's name pattern, owned by this
user and unchanged for a minute (a save under way rewrites its file all the time), so a
user's file is never touched and a save running in another window is left alone.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable

from linreg_lab.core.array_types import StrPath

__all__ = ["STALE_AFTER_S", "is_temp_name", "remove_stale_temps", "write_atomic"]

STALE_AFTER_S = 60.0  # a temporary file unchanged this long belongs to a save that died
_TEMP_NAME = re.compile(r"\.(?P<base>.+)\.[0-9a-f]{8}\.tmp", re.DOTALL)


def write_atomic(path: StrPath, data: str | bytes | Iterable[str]) -> None:
    """Write text, bytes or an iterable of text chunks (streamed) to `path` atomically.

    Raises OSError for disk problems, or whatever producing the chunks raises; the target
    is then untouched and no temporary file is left behind. Temporary files that an earlier,
    killed write left in the same folder are removed first (see remove_stale_temps).
    """
    target = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(target)
    chunks = [data.encode("utf-8")] if isinstance(data, str) else (
        [bytes(data)] if isinstance(data, bytes | bytearray) else
        (chunk.encode("utf-8") for chunk in data))
    remove_stale_temps(folder)
    tmp = None
    try:
        fd, tmp = _create_temp(folder, os.path.basename(target))
        with _open_fd(fd) as f:
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


def is_temp_name(name: str) -> bool:
    """True for the names write_atomic gives its temporary files (``.NAME.1a2b3c4d.tmp``)."""
    return _TEMP_NAME.fullmatch(name) is not None


def remove_stale_temps(folder: StrPath, *, older_than: float = STALE_AFTER_S,
                       now: float | None = None) -> list[str]:
    """Remove the temporary files interrupted writes left in `folder`; return their paths.

    A file goes only if its name is write_atomic's pattern, it is a regular file (not a
    link or a folder), it belongs to this user (POSIX) and it was last modified more than
    `older_than` seconds ago. Never raises: a folder that is missing or unreadable, or a
    file that cannot be removed, is skipped.
    """
    cutoff = (time.time() if now is None else now) - older_than
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed: list[str] = []
    try:
        with os.scandir(os.fspath(folder)) as entries:
            candidates = [e for e in entries if is_temp_name(e.name)]
    except OSError:
        return removed
    for entry in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
            if (not stat.S_ISREG(info.st_mode) or info.st_mtime > cutoff
                    or (uid is not None and info.st_uid != uid)):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.path)
    return removed


def _create_temp(folder: str, base: str) -> tuple[int, str]:
    """A new hidden temp file next to the target (mode 0o666 minus umask, like any file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _open_fd(fd: int) -> io.BufferedWriter:
    """The descriptor as a binary file; closed again if even that fails."""
    try:
        return os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise


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
