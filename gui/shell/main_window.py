"""The main window: lays out the views and wires requests to the Session. No numerics here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.core.session_file import SUFFIX
from linreg_lab.gui.dialogs.help_windows import HelpWindows
from linreg_lab.gui.files.data_files import DataFiles
from linreg_lab.gui.files.data_jobs import DataJobs
from linreg_lab.gui.files.exporting import Exporter
from linreg_lab.gui.files.session_files import SessionFiles
from linreg_lab.gui.panels.banner import Banner
from linreg_lab.gui.panels.comparison_table import ComparisonTable
from linreg_lab.gui.panels.data_panel import DataPanel
from linreg_lab.gui.panels.fit_panel import FitPanel
from linreg_lab.gui.panels.hyperparameter_bar import HyperparameterBar
from linreg_lab.gui.panels.prediction_panel import PredictionPanel
from linreg_lab.gui.panels.status_line import StatusLine
from linreg_lab.gui.panels.timeline_bar import TimelineBar
from linreg_lab.gui.panels.training_panel import TrainingPanel
from linreg_lab.gui.plots.landscape_plot import LandscapePlot
from linreg_lab.gui.plots.loss_plot import LossPlot
from linreg_lab.gui.plots.neuron_diagram import NeuronDiagram
from linreg_lab.gui.shell.actions import LabActions
from linreg_lab.gui.shell.banner_rules import BannerRules
from linreg_lab.gui.shell.field_keys import FieldKeys
from linreg_lab.gui.shell.focus_chain import TabOrder
from linreg_lab.gui.shell.lesson_watcher import LessonWatcher
from linreg_lab.gui.shell.menus import CLASS_SETS, WindowMenus
from linreg_lab.gui.shell.mode_exports import ModeExports
from linreg_lab.gui.shell.mode_switch import ModeSwitch
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.shell.training_controls import TrainingControls
from linreg_lab.gui.state import builtin_sets
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.data_summary import summarize
from linreg_lab.gui.state.lessons import apply_lesson
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import RefusedChange, Session
from linreg_lab.gui.style.palette import apply_appearance
from linreg_lab.gui.style.plot_style import apply_plot_style
from linreg_lab.gui.tabs.teaching_tabs import TeachingTabs
from linreg_lab.gui.widgets.background import BackgroundCalls
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating
from linreg_lab.gui.widgets.splitter import splitter


class MainWindow(Retranslating, QMainWindow):
    """The lab: built on the default data when no session is given."""

    languageRequested = Signal(str)

    def __init__(self, session: Session | None = None, language: str = "en") -> None:
        super().__init__()
        self._language = language
        self.tab_order: TabOrder | None = None  # set once every view exists
        self._settings = AppSettings()
        apply_plot_style()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.session = session or Session()
        self.session.setParent(self)  # the window owns its session: one lifetime, no dangling
        self.run_loop = RunLoop(self.session, self)
        self.session.set_background(BackgroundCalls(self).run)  # the exact rebuild after edits
        self.lab_actions = LabActions(self.session.undo_stack, self)
        self.data_jobs = DataJobs(self.session, self, refused=lambda message: self.rules.show(
            "error", lambda: message))
        self.files = DataFiles(self.session, self, self.data_jobs)
        # the classification half's state exists from the start (milliseconds), so sessions
        # save and reopen it; its views are built when the mode is first shown
        self.classification = ClassificationSession(parent=self)
        self.session_files = SessionFiles(self.session, self, extras=self._view_extras,
                                          classification=self.classification)
        self._quiet_close = False
        self._detached = False
        self.help = HelpWindows(self, language)
        self._build_views()
        self._build_toolbar()
        self._build_side_panel()
        self._build_menus()
        self.rules = BannerRules(self.session, self.banner, self.hyper_bar, self)
        self.controls = TrainingControls(self)
        self.modes = ModeSwitch(self, self._centre, self._side, self.controls.build_classification)
        self.mode_exports = ModeExports(self)
        self._wire()
        self.lesson_watcher = LessonWatcher(self.session, self.lab_actions, self.run_loop,
                                            self.tabs, self.banner, self.fit_plot, self)
        self.lesson_watcher.attach_modes(self.modes)
        self.controls.push_hyperparameters()
        self._explain_data()
        self.retranslate()
        self._set_up_keyboard()
        self.resize(1400, 900)
        self._restore_preferences()

    # ----- layout -----------------------------------------------------------------------
    def _build_views(self) -> None:
        s = self.session
        self.banner = Banner(self)
        self.fit_panel = FitPanel(s, self)
        self.fit_plot = self.fit_panel.plot
        self.loss_plot = LossPlot(s, self)
        self.landscape_plot = LandscapePlot(s, self)
        self.neuron_diagram = NeuronDiagram(s, self)
        self.comparison_table = ComparisonTable(s, self)
        left = splitter(Qt.Orientation.Vertical, self.fit_panel, self.neuron_diagram,
                              sizes=(560, 240), parent=self)
        right = splitter(Qt.Orientation.Vertical, self.loss_plot, self.landscape_plot,
                               self.comparison_table, sizes=(340, 260, 200), parent=self)
        plots = splitter(Qt.Orientation.Horizontal, left, right, sizes=(640, 520), parent=self)
        self._centre = QStackedWidget(self)  # the regression plots; the classification page
        self._centre.addWidget(plots)
        self.tabs = TeachingTabs(s, self._language, self, request=self.request,
                                 classification=lambda: self.classification)
        body = splitter(Qt.Orientation.Vertical, self._centre, self.tabs, sizes=(560, 260),
                        parent=self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.status_line = StatusLine(s, self)
        self.statusBar().addWidget(self.status_line, 1)

    def _build_toolbar(self) -> None:
        a = self.lab_actions
        bar = self._toolbar = QToolBar(self)
        bar.setObjectName("trainingToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(a.classification_mode)
        bar.addSeparator()
        for action in (a.step_back, a.step, a.epoch, a.run, a.reset):
            bar.addAction(action)
        self.timeline_bar = TimelineBar(self.session, self)
        holder = self.timeline_holder = QWidget(self)  # a toolbar keeps its own widgets
        QHBoxLayout(holder).addWidget(self.timeline_bar)  # shown: these can hide inside
        holder.layout().setContentsMargins(0, 0, 0, 0)
        bar.addWidget(holder)
        bar.addSeparator()
        self.hyper_bar = HyperparameterBar(self)
        bar.addWidget(self.hyper_bar)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        self.exporter = Exporter(self.session, self, {
            "fitPlot": self.fit_plot, "lossPlot": self.loss_plot,
            "landscapePlot": self.landscape_plot, "neuronDiagram": self.neuron_diagram})
        self.menus = WindowMenus(
            self, self.lab_actions, extra_view_actions=[self.neuron_diagram.biology_action()],
            lessons=self.tabs.lesson.lessons(), recent_files=self.session_files.recent_files,
            language=self._language, appearance=self._settings.appearance())
        self.exporter.populate_menu(self.menus.export)

    def _set_up_keyboard(self) -> None:
        """Tab visits the toolbar, the side panels, the plots, the table (one stop) and the
        teaching tabs, in that order; fields hand the keys back to the plot (field_keys.py)."""
        a = self.lab_actions
        for action in (a.classification_mode, a.step, a.epoch, a.run, a.reset):
            self._toolbar.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._dock.widget().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scroll area itself
        self.field_keys = FieldKeys(self, home=self.fit_plot)
        self.tab_order = TabOrder(self, (self._toolbar, self._dock, self.fit_panel,
                                         self.loss_plot, self.landscape_plot,
                                         self.neuron_diagram, self.comparison_table, self.tabs))
        self.fit_plot.setFocus()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab follow the window's TabOrder."""
        order = self.tab_order
        target = order.next_stop(QApplication.focusWidget(), forward=next) if order else None
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson's text and steps in the Lesson tab (its preset waits for the button)."""
        self.tabs.lesson.set_current_lesson(lesson_id)
        self.tabs.show_panel("lesson")

    def _set_appearance(self, appearance: str) -> None:
        self._settings.set_appearance(appearance)
        apply_appearance(QApplication.instance(), appearance)

    def _build_side_panel(self) -> None:
        self.data_panel = DataPanel(self)
        self.training_panel = TrainingPanel(self)
        self.prediction_panel = PredictionPanel(self.session, self)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addWidget(self.data_panel)
        layout.addWidget(self.training_panel)
        layout.addWidget(self.prediction_panel)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._side = QStackedWidget(self)  # the regression panels; the classification ones
        self._side.addWidget(scroll)
        dock = self._dock = QDockWidget(self)
        dock.setObjectName("controlsDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        dock.setWidget(self._side)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    # ----- wiring -----------------------------------------------------------------------
    def _wire(self) -> None:
        a, s, loop = self.lab_actions, self.session, self.run_loop
        a.step.triggered.connect(self.controls.step)
        a.step_back.triggered.connect(self.controls.step_back)
        self.timeline_bar.stepRequested.connect(self.controls.rewind_to)
        for signal in (s.stateChanged, s.hyperparametersChanged):
            signal.connect(self.controls.enable_step_back)
        self.controls.enable_step_back()
        a.epoch.triggered.connect(self.controls.epoch)
        a.run.triggered.connect(lambda _checked: self.controls.active_loop().toggle())
        a.reset.triggered.connect(self.controls.reset)
        a.generate.triggered.connect(self.controls.generate_from_panel)
        a.clear.triggered.connect(self.controls.clear)
        a.open.triggered.connect(self._open_dialog)
        a.save.triggered.connect(self.session_files.save)
        a.save_as.triggered.connect(self.session_files.save_as)
        self.session_files.modifiedChanged.connect(self._update_title)
        self.session_files.opened.connect(self._apply_opened_session)
        self.files.loaded.connect(self.fit_plot.fit_view)
        a.quit.triggered.connect(self.close)
        a.restore_defaults.triggered.connect(self._restore_defaults)
        a.user_guide.triggered.connect(self.help.show_user_guide)
        a.about.triggered.connect(self.help.show_about)
        a.fit_view.triggered.connect(self.controls.fit_view)
        a.residuals.toggled.connect(self.fit_plot.set_residuals_visible)
        self._wire_your_line()
        self.modes.modeChanged.connect(self.controls.on_mode_changed)
        a.log_loss.toggled.connect(self.loss_plot.set_log_y)
        a.loss_in_epochs.toggled.connect(self.loss_plot.set_x_in_epochs)
        loop.runningChanged.connect(self.controls.on_running_changed)
        loop.speedMeasured.connect(self.status_line.set_rate)
        s.hyperparametersChanged.connect(self.controls.push_hyperparameters)
        explain = ThrottledRedraw(self, self._explain_data, STREAM_INTERVAL_MS,
                                  pacing=s.pacing, idle_throttle=False)  # ten a second in a drag
        s.datasetChanged.connect(explain.request)
        self.fit_plot.exampleAddRequested.connect(
            lambda x, y: self.request(s.add_example, x, y))
        self.fit_plot.exampleMoveRequested.connect(
            lambda row, x, y, more: self.request(s.move_example, row, x, y, continuing=more))
        self.fit_plot.exampleRemoveRequested.connect(
            lambda rows: self.request(s.remove_examples, rows))
        self.data_panel.generateRequested.connect(self.controls.generate)
        self.data_panel.validationFractionRequested.connect(
            lambda share: self.request(s.set_validation_fraction, share))
        self.training_panel.hyperparametersRequested.connect(self.controls.request_hyperparameters)
        self.hyper_bar.hyperparametersRequested.connect(self.controls.request_hyperparameters)
        self.hyper_bar.speedRequested.connect(self.controls.set_speed)
        self.landscape_plot.startPointRequested.connect(self.training_panel.set_point)
        self.prediction_panel.predictionChanged.connect(self.fit_plot.set_prediction)
        self.prediction_panel.refresh()
        self.tabs.lesson.lessonRequested.connect(self._load_lesson)
        m = self.menus
        m.languageRequested.connect(self.languageRequested)
        m.appearanceRequested.connect(self._set_appearance)
        m.lessonRequested.connect(self.open_lesson)
        m.tabRequested.connect(self.controls.show_tab)
        m.recentRequested.connect(self.open_any)
        m.builtinRequested.connect(self.open_builtin)
        self.exporter.exported.connect(
            lambda path: self.statusBar().showMessage(self.tr("Saved {path}").format(path=path),
                                                      4000))
        s.undo_stack.trimmed.connect(lambda _: self.statusBar().showMessage(self.tr(
            "Undo keeps the newest steps, within {mib} MiB of data: the oldest were "
            "dropped.").format(mib=s.undo_stack.max_bytes >> 20), 8000))

    def _wire_your_line(self) -> None:
        """The learner's own line: the mode, its handles, snap and start-from buttons."""
        a, s = self.lab_actions, self.session
        a.your_line.toggled.connect(self._show_your_line)
        a.snap_your_line.triggered.connect(lambda: self.request(s.snap_your_line))
        a.sgd_from_your_line.triggered.connect(
            lambda: self.request(s.start_sgd_from_your_line))
        self.fit_plot.yourLineRequested.connect(lambda w, b: self.request(s.set_your_line, w, b))
        self.fit_panel.set_your_line_actions(a.snap_your_line, a.sgd_from_your_line)
        self._show_your_line(False)

    def _show_your_line(self, shown: bool) -> None:
        if shown:
            self.session.ensure_your_line()
        for action in (self.lab_actions.snap_your_line, self.lab_actions.sgd_from_your_line):
            action.setEnabled(shown)
        self.fit_panel.set_your_line_mode(shown)
        self._make_room_for_your_line(shown)

    def _make_room_for_your_line(self, shown: bool) -> None:
        """At 900 pixels every pane is at its minimum height: the bars and the table take
        the neuron diagram's place while the mode is on, so the fit plot keeps its size."""
        self.neuron_diagram.setVisible(not shown)

    # ----- files ------------------------------------------------------------------------
    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open"), self._settings.folder(),
            self.tr("Sessions and data (*{suffix} *.csv *.tsv *.txt);;All files (*)").format(
                suffix=SUFFIX))
        if path:
            self.open_any(Path(path))

    def open_any(self, path: Path) -> bool:
        """A .linreglab file replaces the session (asking first); anything else is CSV data,
        loaded as one undoable edit."""
        self.run_loop.pause()
        if path.suffix.lower() == SUFFIX:  # SESSION.LINREGLAB from a FAT stick is a session
            return self.session_files.open_path(path)
        if self.modes.classifying:  # the last column holds the classes
            return self.modes.workspace.open_csv(path)
        if self.files.open_path(path):  # framed by files.loaded (a big file: when it is in)
            self._settings.set_folder(str(path.parent))
            return True
        return False

    def open_builtin(self, key: str) -> bool:
        """A built-in data set from the Data menu, as one undoable edit, with its source.
        All of it is training data: NIST certifies, and Anscombe drew, the fit of every point.
        The digits and the iris open in the classification mode."""
        if key in CLASS_SETS:
            self.set_mode("classification")
            workspace = self.modes.workspace
            done = workspace.open_digits() if key == "digits" else workspace.open_iris()
            if done:
                self.lesson_watcher.builtin_opened(key)
            return done
        self.set_mode("regression")
        self.run_loop.pause()
        if not self.request(self.session.load_dataset, builtin_sets.dataset(key),
                            builtin_sets.title(key), val_fraction=0.0):
            return False
        self.fit_plot.fit_view()
        self.rules.show("info", lambda: builtin_sets.note(key, self.session.solution.lstsq))
        self.lesson_watcher.builtin_opened(key)
        return True

    def _view_extras(self) -> dict:
        lesson = self.tabs.lesson.current_lesson()
        return {"lesson": lesson.id if lesson else None, "panels": (self.tabs.current_name(),),
                "mode": self.modes.mode}

    def _apply_opened_session(self, extras: dict) -> None:
        self.set_mode(extras.get("mode", "regression"))
        self.rules.clear()
        self.fit_plot.fit_view()
        if extras.get("lesson"):
            self.tabs.lesson.set_current_lesson(extras["lesson"])
        for name in extras.get("panels", ()):
            self.tabs.show_panel(name)
        self._explain_data()

    def retranslate(self) -> None:
        """The window's own words; panels, plots and tabs retranslate themselves."""
        self._toolbar.setWindowTitle(self.tr("Training"))
        self._dock.setWindowTitle(self.tr("Data and training"))
        self.lab_actions.retranslate()
        self.menus.retranslate()
        self.exporter.retranslate()
        self.rules.retranslate()
        self._update_title()

    def set_language(self, language: str) -> None:
        """Show data written in both languages (lessons, the guide) in `language`; Qt's own
        LanguageChange has already re-worded every widget."""
        self._language = language
        self.menus.set_language(language)
        self.tabs.lesson.set_language(language)
        self.help.set_language(language)

    def _update_title(self) -> None:
        name = self.session_files.display_name()
        self.setWindowTitle(self.tr("{name}[*] — LinReg Lab: linear regression, hands on")
                            .format(name=name))
        self.setWindowModified(self.session_files.modified)

    # ----- the two modes -----------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """Show the regression or the classification half ("regression", "classification")."""
        self.modes.set_mode(mode)

    def request(self, change: Callable[..., object], *args: object, **kwargs: object) -> bool:
        """Make one Session request; a refused change says why and leaves all as it was."""
        try:
            change(*args, **kwargs)
        except RefusedChange as refused:
            self.rules.show("error", lambda message=str(refused): message)
            return False
        return True

    def _load_lesson(self, lesson) -> None:
        """Apply a lesson's preset in its half of the lab; the replaced data stay one Undo
        away, so nothing is lost."""
        self.set_mode(lesson.mode)
        if lesson.classifies:
            self.rules.clear()  # a message about the run the preset replaces
            if not self.modes.workspace.apply_lesson(lesson, self._language):
                return
        else:
            self.run_loop.pause()
            if not self.request(apply_lesson, self.session, lesson, language=self._language):
                return
            self.fit_plot.fit_view()
        for name in lesson.panels:
            if self.tabs.show_panel(name):
                break
        # The notice goes into the Lesson tab, not the banner: the banner keeps the warning or
        # explanation the preset's data call for, which the first step often asks to read.
        self.lesson_watcher.start(lesson)

    # ----- model → views ----------------------------------------------------------------

    def _explain_data(self) -> None:
        data, sol = self.session.data, self.session.solution.lstsq
        spec = data.recipe.spec if data.recipe is not None else data.spec
        if spec is not None:  # the Generate fields describe the data shown (after undo too)
            self.data_panel.set_spec(spec)
        self.data_panel.set_validation_fraction(data.val_fraction)
        self.data_panel.show_data(summarize(data, sol.w, sol.b))
        self.rules.refresh()

    # ----- window events ----------------------------------------------------------------
    def dragEnterEvent(self, ev: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()

    def dropEvent(self, ev: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in ev.mimeData().urls() if u.isLocalFile()]
        if paths:
            ev.acceptProposedAction()
            self.open_any(paths[0])

    # ----- preferences and view state -----------------------------------------------------
    def _restore_preferences(self) -> None:
        geometry, state = self._settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        rate = self._settings.speed()
        self.run_loop.set_steps_per_second(rate)
        self.hyper_bar.set_speed(rate)
        self.controls.show_batch_if_followable()

    def _restore_defaults(self) -> None:
        """Forget saved preferences and put layout and speed back as on a first start."""
        self._settings.restore_defaults()
        self.resize(1400, 900)
        self.controls.set_speed(None)
        self.hyper_bar.set_speed(None)

    def close_quietly(self) -> None:
        """Close without asking about unsaved work (the session lives on elsewhere, or this
        is a scripted run); the recovery file is left alone."""
        self._quiet_close = True
        self.close()

    def closeEvent(self, ev: QCloseEvent) -> None:
        self.run_loop.pause()
        if self.modes.built:
            self.modes.workspace.run_loop.pause()
        if not self._quiet_close and not self.session_files.maybe_save():
            ev.ignore()
            return
        if self._quiet_close:
            self.session_files.stop()
        else:
            self.session_files.finish()
        self._settings.set_window_layout(self.saveGeometry(), self.saveState())
        super().closeEvent(ev)
        if ev.isAccepted():
            self._detach_views()

    def _detach_views(self) -> None:
        """A closed window stops listening to the session (which may live on elsewhere); once,
        however often the window is closed."""
        if self._detached:
            return
        self._detached = True
        self.data_jobs.shutdown()
        self.tabs.shutdown()
        self.landscape_plot.shutdown()
        if self.modes.built:
            self.modes.workspace.shutdown()
        for child in self.findChildren(QObject):
            if child is not self.session:
                self.session.disconnect(child)
        for plot in (self.fit_plot, self.loss_plot, self.landscape_plot):
            plot.close()  # pyqtgraph clears its scene here, before Qt deletes the items
