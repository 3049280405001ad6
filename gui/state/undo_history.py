"""The Session's undo history: QUndoStack's interface, with a bound on the memory it keeps.

Every data edit keeps the previous dataset alive for undo. QUndoStack can only bound the
number of commands, and only while it is empty, so a learner who generates a million points
a few dozen times (or a long monkey test) grew the process by gigabytes. This history keeps
at most `max_steps` commands and at most `max_bytes` of data that only the history holds;
beyond that the oldest steps are dropped (as an image editor drops its oldest undo levels),
and `trimmed` says how many, so the window can tell the learner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal

MAX_UNDO_BYTES = 256 * 2**20
"""Data kept only for undo: 256 MiB, about five undo steps of a million two-feature points
and thousands of steps of hand-sized data."""

MAX_UNDO_STEPS = 1000


class UndoCommand(Protocol):
    """What the history needs of a command; redo and undo only swap built states."""

    def text(self) -> str: ...
    def redo(self) -> None: ...
    def undo(self) -> None: ...
    def merge_with(self, other: UndoCommand) -> bool: ...
    def kept(self) -> tuple[object, ...]:
        """The states it keeps alive, each with an `nbytes()` (shared ones count once)."""
        ...


def _nbytes(state: object) -> int:
    counter = getattr(state, "nbytes", None)
    return int(counter()) if callable(counter) else 0


class UndoHistory(QObject):
    """A linear undo history: commands before `index()` are done, the rest can be redone."""

    canUndoChanged = Signal(bool)
    canRedoChanged = Signal(bool)
    undoTextChanged = Signal(str)
    redoTextChanged = Signal(str)
    indexChanged = Signal(int)
    trimmed = Signal(int)
    """The number of oldest steps dropped to stay within the bounds."""

    def __init__(self, parent: QObject | None = None, *,
                 current: Callable[[], object] = lambda: None,
                 max_bytes: int = MAX_UNDO_BYTES, max_steps: int = MAX_UNDO_STEPS) -> None:
        """`current` gives the state shown now, which the owner keeps anyway and so does not
        count against `max_bytes`."""
        super().__init__(parent)
        self._current = current
        self.max_bytes, self.max_steps = max_bytes, max_steps
        self._commands: list[UndoCommand] = []
        self._index = 0
        self._clean = 0

    # ----- QUndoStack's queries ---------------------------------------------------------
    def count(self) -> int:
        return len(self._commands)

    def index(self) -> int:
        return self._index

    def canUndo(self) -> bool:
        return self._index > 0

    def canRedo(self) -> bool:
        return self._index < len(self._commands)

    def undoText(self) -> str:
        return self._commands[self._index - 1].text() if self.canUndo() else ""

    def redoText(self) -> str:
        return self._commands[self._index].text() if self.canRedo() else ""

    def isClean(self) -> bool:
        return self._index == self._clean

    def kept_bytes(self) -> int:
        """Bytes of the distinct states only the commands keep."""
        seen = {id(self._current())}
        total = 0
        for command in self._commands:
            for state in command.kept():
                if id(state) not in seen:
                    seen.add(id(state))
                    total += _nbytes(state)
        return total

    # ----- changes ------------------------------------------------------------------------
    def push(self, command: UndoCommand) -> None:
        """Do `command` and make it the newest step; the steps that could be redone are gone."""
        command.redo()
        del self._commands[self._index:]
        if self._clean > self._index:
            self._clean = -1
        top = self._commands[-1] if self._commands else None
        if top is None or not top.merge_with(command):
            self._commands.append(command)
        self._index = len(self._commands)
        self._trim()
        self._announce()

    def undo(self) -> None:
        if self.canUndo():
            self._index -= 1
            self._commands[self._index].undo()
            self._announce()

    def redo(self) -> None:
        if self.canRedo():
            self._commands[self._index].redo()
            self._index += 1
            self._announce()

    def clear(self) -> None:
        self._commands.clear()
        self._index = self._clean = 0
        self._announce()

    def _trim(self) -> None:
        dropped = 0
        while len(self._commands) > 1 and (len(self._commands) > self.max_steps
                                           or self.kept_bytes() > self.max_bytes):
            del self._commands[0]
            dropped += 1
        if dropped:
            self._index -= dropped
            self._clean = self._clean - dropped if self._clean >= dropped else -1
            self.trimmed.emit(dropped)

    def _announce(self) -> None:
        self.indexChanged.emit(self._index)
        self.canUndoChanged.emit(self.canUndo())
        self.canRedoChanged.emit(self.canRedo())
        self.undoTextChanged.emit(self.undoText())
        self.redoTextChanged.emit(self.redoText())
