"""Make every atomic write fail halfway through, as a full disk or a crashing writer would.

fail_writes_midway(monkeypatch, error): from now on each write_atomic (sessions, autosave,
every export) puts the first half of its bytes into its temporary file, flushes them, then
raises `error`. What is checked afterwards: the old file's bytes, the message, and that no
temporary file is left.
"""

from __future__ import annotations

import os

from linreg_lab.core import atomic

ERRORS = {
    "disk full": OSError(28, "No space left on device"),
    "value refused": ValueError("the writer refused a value"),
    "no memory": MemoryError(),
}


class _HalfWriter:
    """A binary file that writes half of a chunk to disk and then raises."""

    def __init__(self, f, error: BaseException) -> None:
        self._f, self._error = f, error

    def write(self, chunk: bytes) -> int:
        self._f.write(chunk[: max(1, len(chunk) // 2)])
        self._f.flush()
        os.fsync(self._f.fileno())
        raise self._error

    def __getattr__(self, name: str):
        return getattr(self._f, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc) -> None:
        self._f.close()


def fail_writes_midway(monkeypatch, error: BaseException) -> None:
    real = atomic._open_fd
    monkeypatch.setattr(atomic, "_open_fd", lambda fd: _HalfWriter(real(fd), error))


def leftovers(folder, *keep: str) -> list[str]:
    """Files in folder besides `keep` (a temporary file of a failed write would be one)."""
    return sorted(set(os.listdir(folder)) - set(keep))
