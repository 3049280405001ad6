"""Open and save CSV data: dialogs, the core's loader, and errors a user can act on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

import core
from gui.session import Session


class DataFiles(QObject):
    """File → Open/Save for data; a bad file changes nothing and says what was wrong where."""

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._folder = str(Path.cwd())

    def open_dialog(self) -> None:
        filters = self.tr("CSV files (*.csv *.tsv *.txt);;All files (*)")
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open data"), self._folder,
                                              filters)
        if path:
            self.open_path(path)

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save data"),
                                              str(Path(self._folder) / "data.csv"),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.save_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Load a CSV as one undoable edit; on a bad file show why and keep the data."""
        try:
            dataset = core.load_csv(path)
        except core.DataError as err:
            self._error(self.tr("Could not open the data file"), str(err))
            return False
        self._folder = str(Path(path).parent)
        self._session.load_dataset(dataset, self.tr("Open {name}").format(name=Path(path).name))
        return True

    def save_path(self, path: str | Path) -> bool:
        try:
            core.save_csv(self._session.dataset, path)
        except (OSError, core.DataError) as err:
            self._error(self.tr("Could not save the data file"), str(err))
            return False
        self._folder = str(Path(path).parent)
        return True

    def _error(self, title: str, detail: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok,
                          self._window)
        box.setObjectName("dataFileError")
        box.setInformativeText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
