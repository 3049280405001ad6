"""Watches the window for what a lesson's steps ask, and ticks them in the Lesson tab.

The rules are Qt-free (gui/state/lesson_steps.py); this object only listens: the toolbar's
actions, the run loop, clicks on the fit plot, the tabs' finished jobs report actions, and
any change of the Session, the banner, the teaching tab in front or a view option leads to
one look at the facts (coalesced on the next turn of the event loop, so a run's 60 redraws a
second cost one check each at most). The facts are the shown half's: once the classification
half is built (`attach_modes`), its session, run loop, plot and Data panel are watched too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction

from linreg_lab.gui.panels.banner import Banner
from linreg_lab.gui.shell.actions import LabActions
from linreg_lab.gui.state.lesson_steps import (
    Facts,
    LessonProgress,
    class_facts,
    session_facts,
)
from linreg_lab.gui.state.lessons import Lesson
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.teaching_tabs import TeachingTabs


class LessonWatcher(QObject):
    """Tracks the steps of the lesson whose preset was loaded last."""

    def __init__(self, session: Session, actions: LabActions, run_loop: RunLoop,
                 tabs: TeachingTabs, banner: Banner, fit_plot, parent: QObject) -> None:
        super().__init__(parent)
        self._session, self._actions, self._tabs, self._banner = session, actions, tabs, banner
        self._views: dict[str, QAction] = {"log_loss": actions.log_loss,
                                           "loss_in_epochs": actions.loss_in_epochs,
                                           "residuals": actions.residuals}
        self._progress: LessonProgress | None = None
        self._modes = None  # the window's ModeSwitch, once attached
        self._check_soon = QTimer(self)
        self._check_soon.setSingleShot(True)
        self._check_soon.timeout.connect(self.check)
        self._listen_for_actions(run_loop, fit_plot)
        self._listen_for_facts()

    def _listen_for_actions(self, run_loop: RunLoop, fit_plot) -> None:
        a = self._actions
        for action, name in ((a.step, "step"), (a.epoch, "epoch"), (a.reset, "reset"),
                             (a.generate, "generate"), (a.undo, "undo")):
            action.triggered.connect(lambda _checked=False, n=name: self.press(n))
        run_loop.runningChanged.connect(lambda running: running and self.press("run"))
        fit_plot.exampleAddRequested.connect(lambda _x, _y: self.press("add_point"))
        self._tabs.panelBuilt.connect(self._listen_to_tab)  # tabs are built when first needed
        for name in ("vectorization", "sweep"):
            if self._tabs.is_built(name):
                self._listen_to_tab(name)

    def attach_modes(self, modes) -> None:
        """Watch the mode shown and, once built, the classification half
        (gui/shell/mode_switch.py's ModeSwitch)."""
        self._modes = modes
        modes.modeChanged.connect(self.check_soon)
        modes.workspaceBuilt.connect(self._watch_workspace)
        if modes.built:
            self._watch_workspace(modes.workspace)

    def _watch_workspace(self, workspace) -> None:
        """The classification half's requests and changes (a ClassificationWorkspace)."""
        s = workspace.session
        for signal in (s.stateChanged, s.datasetChanged, s.hyperparametersChanged, s.diverged):
            signal.connect(self.check_soon)
        workspace.run_loop.runningChanged.connect(lambda running: running and self.press("run"))
        panel = workspace.data_panel
        panel.generateRequested.connect(lambda _spec: self.press("generate"))
        panel.digitsRequested.connect(lambda: self.press("open_digits"))
        panel.irisRequested.connect(lambda _columns: self.press("open_iris"))
        add = getattr(workspace.plot, "exampleAddRequested", None)  # the class plane
        if add is not None:
            add.connect(lambda *_args: self.press("add_point"))

    def builtin_opened(self, key: str) -> None:
        """A Data menu set was opened (gui.state.builtin_sets key)."""
        self.press(f"open_{key}")

    def _listen_to_tab(self, name: str) -> None:
        if name == "vectorization":
            self._tabs.vectorization.timed.connect(
                lambda which: self.press("time_vector_addition" if which == "add"
                                         else "time_sgd_epoch"))
        elif name == "sweep":
            self._tabs.sweep.estimationFinished.connect(
                lambda _curve: self.press("estimate_error"))

    def _listen_for_facts(self) -> None:
        s = self._session
        for signal in (s.stateChanged, s.datasetChanged, s.hyperparametersChanged,
                       self._tabs.currentChanged, self._banner.dismissed,
                       *(action.toggled for action in self._views.values())):
            signal.connect(self.check_soon)
        s.diverged.connect(self.check_soon)

    # ----- the lesson watched --------------------------------------------------------------
    def start(self, lesson: Lesson) -> None:
        """Watch this lesson's steps from now on (its preset was just loaded)."""
        self._progress = LessonProgress(lesson.id, [step.done_when for step in lesson.steps])
        self._progress.observe(self.facts())  # a step that asks to read what the preset shows
        self._tabs.lesson.show_done(lesson.id, self._progress.done(), preset_loaded=True)
        self._show_count()

    def progress(self) -> LessonProgress | None:
        return self._progress

    def facts(self) -> Facts:
        banner = "none" if self._banner.isHidden() else self._banner.kind()
        views = [name for name, action in self._views.items() if action.isChecked()]
        tab = self._tabs.current_name()
        if self._modes is not None and self._modes.classifying:
            return class_facts(self._modes.workspace.session, banner=banner, tab=tab,
                               views=views)
        return session_facts(self._session, banner=banner, tab=tab, views=views)

    def press(self, action: str) -> None:
        if self._progress is not None and self._progress.press(action, self.facts()):
            self._publish()

    def check_soon(self, *_args: object) -> None:
        if self._progress is not None and not self._check_soon.isActive():
            self._check_soon.start(0)

    def check(self) -> None:
        if self._progress is not None and self._progress.observe(self.facts()):
            self._publish()

    def _publish(self) -> None:
        assert self._progress is not None
        self._tabs.lesson.show_done(self._progress.lesson_id, self._progress.done())
        self._show_count()

    def _show_count(self) -> None:
        """The steps done on the Lesson tab's title too: it is seen while another tab a step
        asked to open is in front."""
        assert self._progress is not None
        done = self._progress.done()
        self._tabs.set_badge("lesson", f"{sum(done)}/{len(done)}")
