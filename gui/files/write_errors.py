"""What a failed save or export tells the user: which file, and why, in words.

Every save path (session Save / Save As, autosave, each export) catches whatever goes wrong
while its file is produced or written, not only OSError: a value the writer refuses
(ValueError), running out of memory, or a bug. core.atomic has by then removed its temporary
file and left the old file as it was, so the message can say so. An exception that is
neither a disk problem, a refused value nor a lack of memory is a bug: its traceback also
goes to stderr, so it can be reported.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.array_types import StrPath

translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings

EXPECTED = (OSError, ValueError, MemoryError)  # failures of the world or the data, not bugs


def failure_reason(err: BaseException) -> str:
    """Why a write failed, short: the OS's words, "not enough memory", or the error itself."""
    if isinstance(err, MemoryError):
        return translate("WriteErrors", "not enough memory")
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    text = str(err)
    if isinstance(err, EXPECTED) and text:
        return text
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def log_if_bug(err: BaseException) -> None:
    """Write the traceback of an unexpected kind of failure to stderr, so it can be reported."""
    if not isinstance(err, EXPECTED):
        traceback.print_exception(err, file=sys.stderr)


def could_not_write(path: StrPath, err: BaseException) -> str:
    """"Could not write NAME: REASON. Nothing on disk was changed." (a bug's traceback logged)."""
    log_if_bug(err)
    return translate("WriteErrors", "Could not write {name}: {reason}. Nothing on disk was "
                                    "changed.").format(name=Path(path).name,
                                                       reason=failure_reason(err))
