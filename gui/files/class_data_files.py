"""Classification data as CSV files: open (the class in the last column) and export.

The classification twin of gui/files/data_files.py and of the data export in
gui/files/exporting.py, with their words (the same translation contexts), so both modes say
the same thing in both languages. A bad file or a failed write changes nothing and says
why in a non-blocking box naming the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from linreg_lab import core
from linreg_lab.gui.dialogs.messages import show_error
from linreg_lab.gui.files.exporting import ExportError
from linreg_lab.gui.files.write_errors import failure_reason, log_if_bug
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.session import RefusedChange

translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings


class ClassDataFiles(QObject):
    """File → Open data / Export data as CSV for the classification session."""

    exported = Signal(str)  # the path just written

    def __init__(self, session: ClassificationSession, window: QWidget) -> None:
        super().__init__(window)
        self._session, self._window = session, window
        self._settings = AppSettings()

    # ----- open -------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Load a class CSV as one undoable edit (a fifth held out for validation)."""
        title = translate("DataFiles", "Could not open the data file")
        try:
            dataset = core.load_class_csv(path)
        except core.DataError as err:
            show_error(self._window, "dataFileError", title, str(err))
            return False
        name = Path(path).name
        try:
            self._session.load_dataset(dataset,
                                       translate("DataFiles", "Open {name}").format(name=name))
        except RefusedChange as refused:
            show_error(self._window, "dataFileError", title, f"{name}: {refused}")
            return False
        return True

    # ----- export -----------------------------------------------------------------------
    def export_csv(self, path: str | Path) -> None:
        """All examples as core.save_class_csv writes them; ExportError naming the file."""
        try:
            core.save_class_csv(self._session.dataset, path)
        except core.DataError as err:  # names the file and says what was wrong
            raise ExportError(str(err)) from err
        except Exception as err:
            log_if_bug(err)
            raise ExportError(translate("Exporter", "Could not write {name}: {reason}.").format(
                name=Path(path).name, reason=failure_reason(err))) from err
        self.exported.emit(str(path))

    def export_csv_dialog(self) -> bool:
        """Ask where, then export; a failure is shown, never raised."""
        title = translate("Exporter", "Export data as CSV")
        folder = self._settings.folder() or str(Path.cwd())
        path, _ = QFileDialog.getSaveFileName(self._window, title,
                                              str(Path(folder) / "classes.csv"),
                                              translate("Exporter", "CSV files (*.csv)"))
        if not path:
            return False
        if not Path(path).suffix:
            path = f"{path}.csv"
        try:
            self.export_csv(path)
        except ExportError as err:
            show_error(self._window, "exportError",
                       translate("Exporter", "The export failed; nothing was written."),
                       str(err), title)
            return False
        self._settings.set_folder(str(Path(path).parent))
        return True
