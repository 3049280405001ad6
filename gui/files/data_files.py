"""Open CSV data: the core's loader, and errors a user can act on (saving is an export).

A large file is read and built on a worker (gui/files/data_jobs.py), so the window stays live
while a million rows are parsed; a small one is opened at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from linreg_lab import core
from linreg_lab.gui.dialogs.messages import show_error
from linreg_lab.gui.files.data_jobs import DataJobs
from linreg_lab.gui.state.session import PreparedChange, RefusedChange, Session
from linreg_lab.gui.widgets.background import Progress, ShouldCancel

BIG_FILE_BYTES = 2_000_000
"""Files larger than this (some 100,000 rows of one feature) are opened off the GUI thread."""


class DataFiles(QObject):
    """Opening CSV data; a bad file changes nothing and says what was wrong, and where."""

    loaded = Signal()
    """Data from a file became the session's data (at once, or when a worker finished)."""

    def __init__(self, session: Session, window: QWidget, jobs: DataJobs | None = None) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._jobs = jobs

    def open_path(self, path: str | Path) -> bool:
        """Load a CSV as one undoable edit; on a bad file show why and keep the data.
        A large file is opened on a worker: True then means it is being opened."""
        path = Path(path)
        name = path.name
        builder, make = self._session.load_builder(self.tr("Open {name}").format(name=name))
        if self._jobs is not None and _size(path) > BIG_FILE_BYTES:
            def job(progress: Progress, should_cancel: ShouldCancel) -> PreparedChange | None:
                dataset, val_mask = core.load_csv_split(path)
                progress(0.5)
                if should_cancel():
                    return None
                return builder.build(lambda: make(dataset, val_mask),
                                     lambda f: progress(0.5 + 0.5 * f), should_cancel)

            self._jobs.start(self.tr("Opening {name}…").format(name=name), job,
                             self.loaded.emit, lambda message: self._refused(name, message))
            return True
        try:
            dataset, val_mask = core.load_csv_split(path)
        except core.DataError as err:
            self._error(self.tr("Could not open the data file"), str(err))
            return False
        try:
            self._session.commit(builder.build(lambda: make(dataset, val_mask)))
        except RefusedChange as refused:
            self._error(self.tr("Could not open the data file"), f"{name}: {refused}")
            return False
        self.loaded.emit()
        return True

    def _refused(self, name: str, message: str) -> None:
        """A DataError names the file itself; a refusal of the data gets the file's name."""
        detail = message if name in message else f"{name}: {message}"
        self._error(self.tr("Could not open the data file"), detail)

    def _error(self, title: str, detail: str) -> None:
        show_error(self._window, "dataFileError", title, detail)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # not there: the loader says so, in the learner's words
        return 0
