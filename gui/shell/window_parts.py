"""The parts of the main window built after its first frame, and their wiring.

The window (main_window.py) paints its first frame with the fit panel, the toolbar and a
place held for every other view; the steps here fill the places, each in its own turn of the
event loop (tens of milliseconds each), so the learner sees the data sooner and the window is
never frozen for long. This module imports most of the app, so main_window.py imports it
only when the first frame is on screen (a test's window builds every step at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from linreg_lab.gui.dialogs.help_windows import HelpWindows
from linreg_lab.gui.files.data_files import DataFiles
from linreg_lab.gui.files.data_jobs import DataJobs
from linreg_lab.gui.files.exporting import Exporter
from linreg_lab.gui.files.session_files import SessionFiles
from linreg_lab.gui.panels.comparison_table import ComparisonTable
from linreg_lab.gui.panels.data_panel import DataPanel
from linreg_lab.gui.panels.prediction_panel import PredictionPanel
from linreg_lab.gui.panels.training_panel import TrainingPanel
from linreg_lab.gui.plots.landscape_plot import LandscapePlot
from linreg_lab.gui.plots.loss_plot import LossPlot
from linreg_lab.gui.plots.neuron_diagram import NeuronDiagram
from linreg_lab.gui.shell.banner_rules import BannerRules
from linreg_lab.gui.shell.field_keys import FieldKeys
from linreg_lab.gui.shell.focus_chain import TabOrder
from linreg_lab.gui.shell.lesson_watcher import LessonWatcher
from linreg_lab.gui.shell.menus import WindowMenus
from linreg_lab.gui.shell.mode_exports import ModeExports
from linreg_lab.gui.shell.mode_switch import ModeSwitch
from linreg_lab.gui.shell.training_controls import TrainingControls
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.tabs.teaching_tabs import TeachingTabs
from linreg_lab.gui.widgets.background import BackgroundCalls
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw

if TYPE_CHECKING:
    from linreg_lab.gui.shell.main_window import MainWindow

translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings


def build_panels(w: MainWindow) -> None:
    """The side panels (data, training, prediction), in the dock's place."""
    w.data_panel = DataPanel(w)
    w.training_panel = TrainingPanel(w)
    w.prediction_panel = PredictionPanel(w.session, w)
    box = QWidget(w)
    layout = QVBoxLayout(box)
    for panel in (w.data_panel, w.training_panel, w.prediction_panel):
        layout.addWidget(panel)
    layout.addStretch(1)
    scroll = QScrollArea(w)
    scroll.setWidget(box)
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w.fill_place("side_panels", scroll)


def build_plots(w: MainWindow) -> None:
    """The loss curve, the landscape, the neuron and the comparison table, in their places."""
    s = w.session
    w.loss_plot = LossPlot(s, w)
    w.landscape_plot = LandscapePlot(s, w)
    w.neuron_diagram = NeuronDiagram(s, w)
    w.comparison_table = ComparisonTable(s, w)
    for name in ("loss_plot", "landscape_plot", "neuron_diagram", "comparison_table"):
        w.fill_place(name, getattr(w, name))


def build_tabs(w: MainWindow) -> None:
    """The teaching tabs, in their place."""
    w.tabs = TeachingTabs(w.session, w.language, w, request=w.request,
                          classification=lambda: w.classification)
    w.fill_place("tabs", w.tabs)


def build_services(w: MainWindow) -> None:
    """Files, exports, menus, help, the banner's rules, the two modes and the lessons."""
    s = w.session
    s.set_background(BackgroundCalls(w).run)  # the exact rebuild after edits
    w.data_jobs = DataJobs(s, w, refused=lambda message: w.rules.show("error", lambda: message))
    w.files = DataFiles(s, w, w.data_jobs)
    # the classification half's state exists from the start (milliseconds), so sessions
    # save and reopen it; its views are built when the mode is first shown
    w.classification = ClassificationSession(parent=w)
    w.session_files = SessionFiles(s, w, extras=w.view_extras, classification=w.classification)
    w.help = HelpWindows(w, w.language)
    w.exporter = Exporter(s, w, {
        "fitPlot": w.fit_plot, "lossPlot": w.loss_plot,
        "landscapePlot": w.landscape_plot, "neuronDiagram": w.neuron_diagram})
    w.menus = WindowMenus(
        w, w.lab_actions, extra_view_actions=[w.neuron_diagram.biology_action()],
        lessons=w.tabs.lesson.lessons(), recent_files=w.session_files.recent_files,
        language=w.language, appearance=w.settings.appearance())
    w.exporter.populate_menu(w.menus.export)
    w.drop_menu_place()
    w.rules = BannerRules(s, w.banner, w.hyper_bar, w)
    w.controls = TrainingControls(w)
    w.modes = ModeSwitch(w, w.centre, w.side, w.controls.build_classification)
    w.mode_exports = ModeExports(w)
    wire(w)
    w.lesson_watcher = LessonWatcher(s, w.lab_actions, w.run_loop, w.tabs, w.banner,
                                     w.fit_plot, w)
    w.lesson_watcher.attach_modes(w.modes)
    w.controls.push_hyperparameters()
    w.controls.show_batch_if_followable()
    set_up_keyboard(w)


STEPS = (build_panels, build_plots, build_tabs, build_services)
"""In order; each runs in its own turn of the event loop after the first frame."""


def wire(w: MainWindow) -> None:
    """The window's actions and views to the Session and the controls."""
    a, s, loop, c = w.lab_actions, w.session, w.run_loop, w.controls
    a.step.triggered.connect(c.step)
    a.step_back.triggered.connect(c.step_back)
    w.timeline_bar.stepRequested.connect(c.rewind_to)
    for signal in (s.stateChanged, s.hyperparametersChanged):
        signal.connect(c.enable_step_back)
    c.enable_step_back()
    a.epoch.triggered.connect(c.epoch)
    a.run.triggered.connect(lambda _checked: c.active_loop().toggle())
    a.reset.triggered.connect(c.reset)
    a.generate.triggered.connect(c.generate_from_panel)
    a.clear.triggered.connect(c.clear)
    a.open.triggered.connect(w.open_dialog)
    a.save.triggered.connect(w.session_files.save)
    a.save_as.triggered.connect(w.session_files.save_as)
    w.session_files.modifiedChanged.connect(w.update_title)
    w.session_files.opened.connect(w.apply_opened_session)
    w.files.loaded.connect(w.fit_plot.fit_view)
    a.quit.triggered.connect(w.close)
    a.restore_defaults.triggered.connect(w.restore_defaults)
    a.user_guide.triggered.connect(w.help.show_user_guide)
    a.about.triggered.connect(w.help.show_about)
    a.fit_view.triggered.connect(c.fit_view)
    a.residuals.toggled.connect(w.fit_plot.set_residuals_visible)
    _wire_your_line(w)
    w.modes.modeChanged.connect(c.on_mode_changed)
    a.log_loss.toggled.connect(w.loss_plot.set_log_y)
    a.loss_in_epochs.toggled.connect(w.loss_plot.set_x_in_epochs)
    loop.runningChanged.connect(c.on_running_changed)
    loop.speedMeasured.connect(w.status_line.set_rate)
    s.hyperparametersChanged.connect(c.push_hyperparameters)
    explain = ThrottledRedraw(w, w.explain_data, STREAM_INTERVAL_MS,
                              pacing=s.pacing, idle_throttle=False)  # ten a second in a drag
    s.datasetChanged.connect(explain.request)
    _wire_views(w)
    _wire_menus(w)


def _wire_views(w: MainWindow) -> None:
    """Edits on the fit plot, the side panels' requests and the Lesson tab's presets."""
    s, c = w.session, w.controls
    w.fit_plot.exampleAddRequested.connect(lambda x, y: w.request(s.add_example, x, y))
    w.fit_plot.exampleMoveRequested.connect(
        lambda row, x, y, more: w.request(s.move_example, row, x, y, continuing=more))
    w.fit_plot.exampleRemoveRequested.connect(lambda rows: w.request(s.remove_examples, rows))
    w.data_panel.generateRequested.connect(c.generate)
    w.data_panel.validationFractionRequested.connect(
        lambda share: w.request(s.set_validation_fraction, share))
    w.training_panel.hyperparametersRequested.connect(c.request_hyperparameters)
    w.hyper_bar.hyperparametersRequested.connect(c.request_hyperparameters)
    w.hyper_bar.speedRequested.connect(c.set_speed)
    w.landscape_plot.startPointRequested.connect(w.training_panel.set_point)
    w.prediction_panel.predictionChanged.connect(w.fit_plot.set_prediction)
    w.prediction_panel.refresh()
    w.tabs.lesson.lessonRequested.connect(w.load_lesson)


def _wire_menus(w: MainWindow) -> None:
    s, m = w.session, w.menus
    m.languageRequested.connect(w.languageRequested)
    m.appearanceRequested.connect(w.set_appearance)
    m.lessonRequested.connect(w.open_lesson)
    m.tabRequested.connect(w.controls.show_tab)
    m.recentRequested.connect(w.open_any)
    m.builtinRequested.connect(w.open_builtin)
    w.exporter.exported.connect(lambda path: w.statusBar().showMessage(
        translate("MainWindow", "Saved {path}").format(path=path), 4000))
    s.undo_stack.trimmed.connect(lambda _: w.statusBar().showMessage(translate(
        "MainWindow", "Undo keeps the newest steps, within {mib} MiB of data: the oldest "
        "were dropped.").format(mib=s.undo_stack.max_bytes >> 20), 8000))


def _wire_your_line(w: MainWindow) -> None:
    """The learner's own line: the mode, its handles, snap and start-from buttons."""
    a, s = w.lab_actions, w.session
    a.your_line.toggled.connect(w.show_your_line)
    a.snap_your_line.triggered.connect(lambda: w.request(s.snap_your_line))
    a.sgd_from_your_line.triggered.connect(lambda: w.request(s.start_sgd_from_your_line))
    w.fit_plot.yourLineRequested.connect(lambda wb, b: w.request(s.set_your_line, wb, b))
    w.fit_panel.set_your_line_actions(a.snap_your_line, a.sgd_from_your_line)
    w.show_your_line(False)


def set_up_keyboard(w: MainWindow) -> None:
    """Tab visits the toolbar, the side panels, the plots, the table (one stop) and the
    teaching tabs, in that order; fields hand the keys back to the plot (field_keys.py)."""
    a = w.lab_actions
    for action in (a.classification_mode, a.step, a.epoch, a.run, a.reset):
        w.toolbar.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.TabFocus)
    w.dock.widget().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scroll area itself
    w.field_keys = FieldKeys(w, home=w.fit_plot)
    w.tab_order = TabOrder(w, (w.toolbar, w.dock, w.fit_panel, w.loss_plot, w.landscape_plot,
                               w.neuron_diagram, w.comparison_table, w.tabs))
    w.fit_plot.setFocus()
