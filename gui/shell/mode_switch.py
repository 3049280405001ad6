"""Regression or classification: which half of the lab the window shows.

Both halves keep their own session, run loop and undo history, so switching loses nothing
and the other half waits exactly where it was. Switching pauses training, swaps the centre
page and the side panels (two QStackedWidgets), gives the shown half the object name
"fitPlot" for its plane (automation finds the plot on screen by that name), points Undo and
Redo at the half's history and shows the half's teaching tabs. The classification half is
built the first time it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QStackedWidget

if TYPE_CHECKING:
    from linreg_lab.gui.shell.classification_workspace import ClassificationWorkspace
    from linreg_lab.gui.shell.main_window import MainWindow

REGRESSION, CLASSIFICATION = "regression", "classification"
MODES = (REGRESSION, CLASSIFICATION)
HIDDEN_PLOT_NAME = "regressionFitPlot"  # the regression plane's name while it is hidden


class ModeSwitch(QObject):
    """The shown mode, the two stacks, and the classification workspace (built lazily)."""

    modeChanged = Signal(str)
    workspaceBuilt = Signal(object)  # the ClassificationWorkspace, once

    def __init__(self, window: MainWindow, centre: QStackedWidget, side: QStackedWidget,
                 build: Callable[[], ClassificationWorkspace]) -> None:
        super().__init__(window)
        self._window, self._centre, self._side, self._build = window, centre, side, build
        self._mode = REGRESSION
        self._workspace: ClassificationWorkspace | None = None
        window.lab_actions.classification_mode.toggled.connect(
            lambda on: self.set_mode(CLASSIFICATION if on else REGRESSION))

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def classifying(self) -> bool:
        return self._mode == CLASSIFICATION

    @property
    def built(self) -> bool:
        return self._workspace is not None

    @property
    def workspace(self) -> ClassificationWorkspace:
        """The classification half, built now if it was not yet."""
        if self._workspace is None:
            self._workspace = workspace = self._build()
            self._centre.addWidget(workspace.page)
            self._side.addWidget(workspace.side)
            self.workspaceBuilt.emit(workspace)
        return self._workspace

    def set_mode(self, mode: str) -> None:
        """Show `mode`'s half ("regression" or "classification")."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        w = self._window
        action = w.lab_actions.classification_mode
        with QSignalBlocker(action):
            action.setChecked(mode == CLASSIFICATION)
        if mode == self._mode:
            return
        w.run_loop.pause()
        if self._workspace is not None:
            self._workspace.run_loop.pause()
        classifying = mode == CLASSIFICATION
        workspace = self.workspace if classifying else self._workspace
        self._mode = mode
        self._centre.setCurrentIndex(1 if classifying else 0)
        self._side.setCurrentIndex(1 if classifying else 0)
        w.fit_plot.setObjectName(HIDDEN_PLOT_NAME if classifying else "fitPlot")
        if workspace is not None:
            workspace.set_shown(classifying)
        w.tabs.set_mode(mode)
        stack = workspace.session.undo_stack if classifying and workspace else None
        w.lab_actions.set_undo_stack(stack or w.session.undo_stack)
        self.modeChanged.emit(mode)
