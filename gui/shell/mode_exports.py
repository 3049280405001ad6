"""File → Export in the mode shown: the plots on screen, and the run of the half shown.

The Exporter (gui/files/exporting.py) writes the regression's files; in the classification
mode the same menu entries write the softmax run's script and notebook
(gui/files/class_exporting.py) and the class CSV, and the plot entries picture the
classification plots that stand where the regression's do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from linreg_lab.gui.files import class_exporting

if TYPE_CHECKING:
    from linreg_lab.gui.shell.main_window import MainWindow


class ModeExports(QObject):
    """Routes the run's export entries to the half shown, and swaps the plots exported."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        for name, slot in (("actionExportDataCsv", self._data_csv),
                           ("actionExportPython", self._script),
                           ("actionExportNotebook", self._notebook)):
            action = window.findChild(QAction, name)
            action.triggered.disconnect()
            action.triggered.connect(slot)
        window.modes.modeChanged.connect(self._swap_plots)

    def _data_csv(self) -> bool:
        w = self._w
        if w.modes.classifying:
            return w.modes.workspace.files.export_csv_dialog()
        return w.exporter.export_data_csv_dialog()

    def _script(self) -> bool:
        w = self._w
        if w.modes.classifying:
            return class_exporting.export_softmax_script_dialog(w.exporter,
                                                                w.modes.workspace.session)
        return w.exporter.export_python_dialog()

    def _notebook(self) -> bool:
        w = self._w
        if w.modes.classifying:
            return class_exporting.export_softmax_notebook_dialog(w.exporter,
                                                                  w.modes.workspace.session)
        return w.exporter.export_notebook_dialog()

    def _swap_plots(self, mode: str) -> None:
        w = self._w
        if w.modes.classifying:
            ws = w.modes.workspace
            shown = {"fitPlot": ws.plot, "lossPlot": ws.loss_plot, "neuronDiagram": ws.network}
        else:
            shown = {"fitPlot": w.fit_plot, "lossPlot": w.loss_plot,
                     "neuronDiagram": w.neuron_diagram}
        for name, widget in shown.items():
            w.exporter.set_plot(name, widget)
