"""Open CSV data: the core's loader, and errors a user can act on (saving is an export)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from linreg_lab import core
from linreg_lab.gui.dialogs.messages import show_error
from linreg_lab.gui.state.session import RefusedChange, Session


class DataFiles(QObject):
    """Opening CSV data; a bad file changes nothing and says what was wrong, and where."""

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self._session = session
        self._window = window

    def open_path(self, path: str | Path) -> bool:
        """Load a CSV as one undoable edit; on a bad file show why and keep the data."""
        try:
            dataset, val_mask = core.load_csv_split(path)
        except core.DataError as err:
            self._error(self.tr("Could not open the data file"), str(err))
            return False
        name = Path(path).name
        try:
            self._session.load_dataset(dataset, self.tr("Open {name}").format(name=name),
                                       val_mask=val_mask)
        except RefusedChange as refused:
            self._error(self.tr("Could not open the data file"), f"{name}: {refused}")
            return False
        return True

    def _error(self, title: str, detail: str) -> None:
        show_error(self._window, "dataFileError", title, detail)
