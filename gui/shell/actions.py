"""The window's actions: names, shortcuts and texts in one place, no behaviour.

The main window connects them; tests and automation find them by objectName. Texts are set
in retranslate(), so a language switch renames every action in place.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from linreg_lab.gui.state.undo_history import UndoHistory

Keys = list[str | QKeySequence.StandardKey]

# attribute: (objectName, shortcuts, checkable)
_ACTIONS: dict[str, tuple[str, Keys, bool]] = {
    "classification_mode": ("actionClassificationMode", ["Ctrl+M"], True),
    "step": ("actionStep", ["Right", "S"], False),
    "step_back": ("actionStepBack", ["Shift+Right", "Shift+S"], False),
    "epoch": ("actionEpoch", ["E"], False),
    "run": ("actionRun", ["Space"], True),
    "reset": ("actionReset", ["R"], False),
    "generate": ("actionGenerate", ["Ctrl+G"], False),
    "clear": ("actionClear", ["Ctrl+Shift+Backspace"], False),
    "open": ("actionOpen", [QKeySequence.StandardKey.Open], False),
    "save": ("actionSave", [QKeySequence.StandardKey.Save], False),
    "save_as": ("actionSaveAs", [QKeySequence.StandardKey.SaveAs], False),
    "quit": ("actionQuit", [QKeySequence.StandardKey.Quit], False),
    "fit_view": ("actionFitView", ["Ctrl+0"], False),
    "residuals": ("actionResiduals", [], True),
    "your_line": ("actionYourLine", ["L"], True),
    "snap_your_line": ("actionSnapYourLine", [], False),
    "sgd_from_your_line": ("actionSgdFromYourLine", [], False),
    "log_loss": ("actionLogLoss", [], True),
    "loss_in_epochs": ("actionLossInEpochs", [], True),
    "restore_defaults": ("actionRestoreDefaults", [], False),
    "user_guide": ("actionUserGuide", [QKeySequence.StandardKey.HelpContents], False),
    "about": ("actionAbout", [], False),
}


class LabActions(QObject):
    """Creates every QAction of the window; `undo`/`redo` act on the shown mode's stack."""

    def __init__(self, undo_stack: UndoHistory, parent: QObject) -> None:
        super().__init__(parent)
        for attribute, (name, keys, checkable) in _ACTIONS.items():
            action = QAction(parent)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setCheckable(checkable)
            setattr(self, attribute, action)
        self.undo = self._undo_action("actionUndo", [QKeySequence.StandardKey.Undo])
        self.redo = self._undo_action("actionRedo", ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.undo.triggered.connect(lambda: self._stack.undo())
        self.redo.triggered.connect(lambda: self._stack.redo())
        self._stack = undo_stack
        self._commands = {"undo": "", "redo": ""}
        self.running = False
        self._follow(undo_stack)
        self.retranslate()

    def set_undo_stack(self, undo_stack: UndoHistory) -> None:
        """Undo and Redo act on `undo_stack` from now on (the mode shown has its own)."""
        if undo_stack is self._stack:
            return
        old = self._stack
        for signal, slot in ((old.canUndoChanged, self.undo.setEnabled),
                             (old.canRedoChanged, self.redo.setEnabled),
                             (old.undoTextChanged, self._on_undo_text),
                             (old.redoTextChanged, self._on_redo_text)):
            signal.disconnect(slot)
        self._stack = undo_stack
        self._follow(undo_stack)
        self._name_undo_actions()

    def _follow(self, stack: UndoHistory) -> None:
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text)
        stack.redoTextChanged.connect(self._on_redo_text)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self._commands = {"undo": stack.undoText(), "redo": stack.redoText()}

    def _undo_action(self, name: str, keys: Keys) -> QAction:
        """Undo and Redo are our own actions (not createUndoAction's), so that their
        "Undo …" prefix follows a language switch."""
        action = QAction(self.parent())
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setEnabled(False)
        return action

    def _texts(self) -> dict[str, tuple[str, str]]:
        """attribute: (text, tooltip) in the current language."""
        return {
            "classification_mode": (
                self.tr("Classification"),
                self.tr("Switch to softmax regression: classes, cross-entropy and decision "
                        "regions (d2l 3.4–3.7); off returns to linear regression (Ctrl+M)")),
            "step": (
                self.tr("Step"),
                self.tr("Do one minibatch SGD update (→ or S)")),
            "step_back": (
                self.tr("Step back"),
                self.tr("Show the step before, exactly as it was (Shift+→ or Shift+S); Step "
                        "repeats the run from there")),
            "epoch": (
                self.tr("Epoch"),
                self.tr("Train to the end of the current epoch (E)")),
            "run": (
                self.tr("Pause") if self.running else self.tr("Run"),
                self.tr("Run or pause training (Space)")),
            "reset": (
                self.tr("Reset"),
                self.tr("Start training again from the initial parameters (R)")),
            "generate": (
                self.tr("Generate data"),
                self.tr("Replace the data with new noisy data (undoable)")),
            "clear": (
                self.tr("Clear data"),
                self.tr("Remove every data point (undoable)")),
            "open": (
                self.tr("Open…"),
                self.tr("Open a saved session (.linreglab) or data from a CSV file")),
            "save": (
                self.tr("Save session"),
                self.tr("Save data, settings and the training run to a .linreglab file")),
            "save_as": (
                self.tr("Save session as…"),
                self.tr("Save the session under a new name")),
            "quit": (
                self.tr("Quit"),
                self.tr("Close LinReg Lab")),
            "fit_view": (
                self.tr("Fit view to data"),
                self.tr("Frame all data points in the fit plot")),
            "residuals": (
                self.tr("Show residuals"),
                self.tr("Draw each point's residual to the SGD line (for at most 10,000 "
                        "evenly spaced points of larger data)")),
            "your_line": (
                self.tr("Your own line"),
                self.tr("Set a line by hand: drag its two handles on the fit plot (L)")),
            "snap_your_line": (
                self.tr("Snap to best"),
                self.tr("Move your line to the analytical solution, the smallest sum of "
                        "squares")),
            "sgd_from_your_line": (
                self.tr("Start SGD from my line"),
                self.tr("Train afresh with your line as the starting point")),
            "log_loss": (
                self.tr("Logarithmic loss axis"),
                self.tr("Show the loss curve on a log scale")),
            "loss_in_epochs": (
                self.tr("Loss curve in epochs"),
                self.tr("Count the loss curve's x axis in epochs")),
            "restore_defaults": (
                self.tr("Restore default settings"),
                self.tr("Forget the saved window layout, speed and language")),
            "user_guide": (
                self.tr("User guide"),
                self.tr("How to use LinReg Lab, in your language")),
            "about": (
                self.tr("About LinReg Lab"),
                self.tr("Version, licences and the book this app teaches")),
        }

    def retranslate(self) -> None:
        """Every action's text and tips in the current language."""
        for attribute, (text, tip) in self._texts().items():
            action: QAction = getattr(self, attribute)
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self._name_undo_actions()

    def _on_undo_text(self, text: str) -> None:
        self._commands["undo"] = text  # from the signal: the stack may be going away
        self._name_undo_actions()

    def _on_redo_text(self, text: str) -> None:
        self._commands["redo"] = text
        self._name_undo_actions()

    def _name_undo_actions(self) -> None:
        """"Undo Add point": the prefix in the current language, the command's own name."""
        for action, prefix, command in ((self.undo, self.tr("Undo"), self._commands["undo"]),
                                        (self.redo, self.tr("Redo"), self._commands["redo"])):
            action.setText(f"{prefix} {command}" if command else prefix)

    def set_running(self, running: bool) -> None:
        """Run reads Pause while training runs."""
        self.running = running
        self.run.setText(self.tr("Pause") if running else self.tr("Run"))
