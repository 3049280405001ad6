"""The toolbar's training controls and the two modes: each request goes to the half shown.

Step, Step back, Epoch, Run, Reset, Generate, Clear, Fit view and the toolbar's
hyperparameters act on the regression Session or, in the classification mode, on the
ClassificationWorkspace; the other half waits where it was. The window builds the views and
connects their signals to these slots; nothing here computes: each slot pauses what runs and
makes one request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker

from linreg_lab.gui.state.run_loop import RunLoop

if TYPE_CHECKING:
    from linreg_lab.gui.shell.classification_workspace import ClassificationWorkspace
    from linreg_lab.gui.shell.main_window import MainWindow

SLOW_RATE = 50.0  # steps/s at or below which the current minibatch is highlighted


class TrainingControls(QObject):
    """Slots of the toolbar, the Train and Edit menus and the hyperparameter fields."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window

    def build_classification(self) -> ClassificationWorkspace:
        """The classification half, imported and built when first shown."""
        from linreg_lab.gui.shell.classification_workspace import ClassificationWorkspace

        workspace = ClassificationWorkspace(self._w, self._w.classification, self._w.request,
                                            self._w.rules.show)
        self._w.statusBar().addWidget(workspace.status_line, 1)
        self._w.timeline_holder.layout().addWidget(workspace.timeline_bar)
        workspace.timeline_bar.stepRequested.connect(self.rewind_to)
        for signal in (workspace.session.stateChanged, workspace.session.hyperparametersChanged):
            signal.connect(self.enable_step_back)
        workspace.run_loop.runningChanged.connect(self.on_running_changed)
        workspace.run_loop.runningChanged.connect(workspace.status_line.set_running)
        workspace.run_loop.speedMeasured.connect(workspace.status_line.set_rate)
        workspace.run_loop.set_steps_per_second(self._w.run_loop.steps_per_second)
        workspace.session.hyperparametersChanged.connect(self.push_hyperparameters)
        return workspace

    def active_loop(self) -> RunLoop:
        return self._w.modes.workspace.run_loop if self._w.modes.classifying else self._w.run_loop

    def active_session(self):  # a Session or a ClassificationSession
        """The shown half's session: both take the toolbar's hyperparameters."""
        return self._w.modes.workspace.session if self._w.modes.classifying else self._w.session

    def fit_view(self) -> None:
        plot = self._w.modes.workspace.plot if self._w.modes.classifying else self._w.fit_plot
        plot.fit_view()

    def on_mode_changed(self, mode: str) -> None:
        classifying = self._w.modes.classifying
        a = self._w.lab_actions
        if classifying and a.your_line.isChecked():
            a.your_line.setChecked(False)
        for action in (a.residuals, a.your_line, a.log_loss, a.loss_in_epochs):
            action.setEnabled(not classifying)  # views of the regression half
        self._w.rules.clear()
        self._w.status_line.setVisible(not classifying)
        self._w.timeline_bar.setVisible(not classifying)
        if self._w.modes.built:
            self._w.modes.workspace.timeline_bar.setVisible(classifying)
        self.enable_step_back()
        self.push_hyperparameters()
        self.show_batch_if_followable()
        if not classifying:
            self._w.rules.refresh()
        self._w.update_title()

    def show_tab(self, name: str) -> None:
        """A teaching tab of the other mode switches the mode first."""
        mode = self._w.tabs.mode_of(name)
        if mode in ("regression", "classification"):
            self._w.set_mode(mode)
        self._w.tabs.show_panel(name)

    def clear(self) -> None:
        if self._w.modes.classifying:
            self._w.modes.workspace.clear()
        else:
            self._w.request(self._w.session.clear)

    def step(self) -> None:
        if self._w.modes.classifying:
            self._w.modes.workspace.step()
            return
        self._w.run_loop.pause()
        self._w.session.step(1)

    def step_back(self) -> None:
        self.active_loop().pause()
        self.active_session().step_back(1)

    def enable_step_back(self) -> None:
        s = self.active_session()
        self._w.lab_actions.step_back.setEnabled(s.trainer.steps > s.timeline_range()[0])

    def rewind_to(self, step: int) -> None:
        self.active_loop().pause()
        self.active_session().rewind_to(step)

    def epoch(self) -> None:
        if self._w.modes.classifying:
            self._w.modes.workspace.step_epoch()
            return
        self._w.run_loop.step_epoch()

    def reset(self) -> None:
        self._w.rules.clear()
        if self._w.modes.classifying:
            self._w.modes.workspace.reset()
            return
        self._w.run_loop.pause()
        self._w.session.reset()
        self._w.explain_data()

    def generate_from_panel(self) -> None:
        if self._w.modes.classifying:
            self._w.modes.workspace.generate()
            return
        spec = self._w.data_panel.spec()
        if spec is None:
            self._w.rules.show("warning",
                               lambda: self.tr("Fix the highlighted generate field first."))
        else:
            self.generate(spec)

    def generate(self, spec) -> None:
        self._w.run_loop.pause()  # big data are built on a worker: framed when they are in
        self._w.request(self._w.data_jobs.generate, spec, self._w.fit_plot.fit_view)

    def request_hyperparameters(self, changes: dict) -> None:
        if not self._w.request(self.active_session().set_hyperparameters, **changes):
            self.push_hyperparameters()

    def set_speed(self, rate: float | None) -> None:
        self._w.run_loop.set_steps_per_second(rate)
        if self._w.modes.built:
            self._w.modes.workspace.run_loop.set_steps_per_second(rate)
        self._w.settings.set_speed(rate)
        self.show_batch_if_followable()

    def show_batch_if_followable(self) -> None:
        """Highlight the minibatch when paused or slow enough for the eye to follow."""
        rate = self._w.run_loop.steps_per_second
        slow = rate is not None and rate <= SLOW_RATE
        self._w.fit_plot.set_batch_visible(slow or not self._w.run_loop.running)
        if self._w.modes.built:
            self._w.modes.workspace.set_batch_visible(
                slow or not self._w.modes.workspace.run_loop.running)

    def push_hyperparameters(self) -> None:
        self._w.hyper_bar.set_values(self.active_session().hyper)
        self._w.training_panel.set_values(self._w.session.hyper)

    def on_running_changed(self, running: bool) -> None:
        a = self._w.lab_actions.run
        with QSignalBlocker(a):
            a.setChecked(running)
        self._w.lab_actions.set_running(running)
        self.show_batch_if_followable()
        self._w.status_line.set_running(running)
