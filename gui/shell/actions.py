"""The window's actions: names, shortcuts and tooltips in one place, no behaviour.

The main window connects them; tests and automation find them by objectName.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack


class LabActions(QObject):
    """Creates every QAction of the window; `undo`/`redo` come from the session's stack."""

    def __init__(self, undo_stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.step = self._make("actionStep", self.tr("Step"), ["Right", "S"],
                               self.tr("Do one minibatch SGD update (→ or S)"))
        self.epoch = self._make("actionEpoch", self.tr("Epoch"), ["E"],
                                self.tr("Train to the end of the current epoch (E)"))
        self.run = self._make("actionRun", self.tr("Run"), ["Space"],
                              self.tr("Run or pause training (Space)"))
        self.run.setCheckable(True)
        self.reset = self._make("actionReset", self.tr("Reset"), ["R"],
                                self.tr("Start training again from the initial parameters (R)"))
        self.generate = self._make("actionGenerate", self.tr("Generate data"), ["Ctrl+G"],
                                   self.tr("Replace the data with new noisy data (undoable)"))
        self.clear = self._make("actionClear", self.tr("Clear data"), ["Ctrl+Shift+Backspace"],
                                self.tr("Remove every data point (undoable)"))
        self.open = self._make(
            "actionOpen", self.tr("Open…"), [QKeySequence.StandardKey.Open],
            self.tr("Open a saved session (.linreglab) or data from a CSV file"))
        self.save = self._make(
            "actionSave", self.tr("Save session"), [QKeySequence.StandardKey.Save],
            self.tr("Save data, settings and the training run to a .linreglab file"))
        self.save_as = self._make(
            "actionSaveAs", self.tr("Save session as…"), [QKeySequence.StandardKey.SaveAs],
            self.tr("Save the session under a new name"))

        self.quit = self._make("actionQuit", self.tr("Quit"), [QKeySequence.StandardKey.Quit],
                               self.tr("Close LinReg Lab"))
        self.fit_view = self._make("actionFitView", self.tr("Fit view to data"), ["Ctrl+0"],
                                   self.tr("Frame all data points in the fit plot"))
        self.residuals = self._toggle("actionResiduals", self.tr("Show residuals"),
                                      self.tr("Draw each point's residual to the SGD line"))
        self.log_loss = self._toggle("actionLogLoss", self.tr("Logarithmic loss axis"),
                                     self.tr("Show the loss curve on a log scale"))
        self.loss_in_epochs = self._toggle("actionLossInEpochs", self.tr("Loss curve in epochs"),
                                           self.tr("Count the loss curve's x axis in epochs"))
        self.restore_defaults = self._make(
            "actionRestoreDefaults", self.tr("Restore default settings"), [],
            self.tr("Forget the saved window layout, speed and language"))
        self.user_guide = self._make("actionUserGuide", self.tr("User guide"),
                                     [QKeySequence.StandardKey.HelpContents],
                                     self.tr("How to use LinReg Lab, in your language"))
        self.about = self._make("actionAbout", self.tr("About LinReg Lab"), [],
                                self.tr("Version, licences and the book this app teaches"))
        self.undo = undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo.setObjectName("actionUndo")
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo.setObjectName("actionRedo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    def _make(self, name: str, text: str, keys: list, tip: str) -> QAction:
        action = QAction(text, self.parent())
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    def _toggle(self, name: str, text: str, tip: str) -> QAction:
        action = self._make(name, text, [], tip)
        action.setCheckable(True)
        return action
