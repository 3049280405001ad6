"""The main window: lays out the views and wires requests to the Session. No numerics here.

The window is built in two parts. The first frame needs only the fit panel, the toolbar,
the status line and a place held for every other view, so those come first (with the
imports they need: about a third of the app). The rest (window_parts.py: the other plots,
the side panels, the teaching tabs, files, menus and the wiring) is built by
``finish_building`` at once, or, for the app's own start (``build_later``), in the next few
turns of the event loop after the first frame, so the learner sees the data sooner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.core.session_file import SUFFIX
from linreg_lab.gui.panels.banner import Banner
from linreg_lab.gui.panels.fit_panel import FitPanel
from linreg_lab.gui.panels.hyperparameter_bar import HyperparameterBar
from linreg_lab.gui.panels.status_line import StatusLine
from linreg_lab.gui.panels.timeline_bar import TimelineBar
from linreg_lab.gui.shell.actions import LabActions
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import RefusedChange, Session
from linreg_lab.gui.style.palette import apply_appearance
from linreg_lab.gui.style.plot_style import apply_plot_style
from linreg_lab.gui.widgets.retranslating import Retranslating
from linreg_lab.gui.widgets.splitter import splitter

if TYPE_CHECKING:
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


SIDE_PANEL_CHARS = 54  # the side panels' width in average characters, until they are built


class MainWindow(Retranslating, QMainWindow):
    """The lab: built on the default data when no session is given."""

    languageRequested = Signal(str)
    finished = Signal()
    """Every part is built and wired (at once, or after the first frame with build_later)."""

    # built by window_parts.py (finish_building)
    data_panel: DataPanel
    training_panel: TrainingPanel
    prediction_panel: PredictionPanel
    loss_plot: LossPlot
    landscape_plot: LandscapePlot
    neuron_diagram: NeuronDiagram
    comparison_table: ComparisonTable
    tabs: TeachingTabs
    data_jobs: DataJobs
    files: DataFiles
    classification: ClassificationSession
    session_files: SessionFiles
    help: HelpWindows
    exporter: Exporter
    menus: WindowMenus
    rules: BannerRules
    controls: TrainingControls
    modes: ModeSwitch
    mode_exports: ModeExports
    lesson_watcher: LessonWatcher
    field_keys: FieldKeys

    def __init__(self, session: Session | None = None, language: str = "en", *,
                 build_later: bool = False) -> None:
        """With `build_later`, only the first frame's part is built here; show the window
        and the rest follows in the next turns of the event loop (``built`` says when)."""
        super().__init__()
        self.language = language
        self.tab_order: TabOrder | None = None  # set once every view exists
        self.settings = AppSettings()
        apply_plot_style()
        self.setObjectName("mainWindow")
        self.session = session or Session()
        self.session.setParent(self)  # the window owns its session: one lifetime, no dangling
        self.run_loop = RunLoop(self.session, self)
        self.lab_actions = LabActions(self.session.undo_stack, self)
        self._quiet_close = False
        self._detached = False
        self._places: dict[str, QWidget] = {}  # what holds a view's place until it is built
        self._placed: dict[str, QWidget] = {}  # the views put in their places since
        self._view_sizes = self.settings.view_sizes(language)  # the places' sizes
        self._steps: list[Callable[[MainWindow], None]] | None = None  # None: not started
        self._build_views()
        self._build_toolbar()
        self._build_dock()
        self._hold_menu_bar()
        self.lab_actions.step_back.setEnabled(False)  # nothing to go back to yet (wired later)
        self.retranslate()
        self.resize(1400, 900)
        self._restore_preferences()
        if build_later:  # the rest begins once the fit plot has been painted
            self.fit_plot.viewport().installEventFilter(self)
        else:
            self.finish_building()

    # ----- layout -----------------------------------------------------------------------
    def _build_views(self) -> None:
        s = self.session
        self.banner = Banner(self)
        self.fit_panel = FitPanel(s, self)
        self.fit_plot = self.fit_panel.plot
        place = self._place
        left = splitter(Qt.Orientation.Vertical, self.fit_panel, place("neuron_diagram"),
                        sizes=(560, 240), parent=self)
        right = splitter(Qt.Orientation.Vertical, place("loss_plot"), place("landscape_plot"),
                         place("comparison_table"), sizes=(340, 260, 200), parent=self)
        plots = splitter(Qt.Orientation.Horizontal, left, right, sizes=(640, 520), parent=self)
        self.centre = QStackedWidget(self)  # the regression plots; the classification page
        self.centre.addWidget(plots)
        body = splitter(Qt.Orientation.Vertical, self.centre, place("tabs"), sizes=(560, 260),
                        parent=self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.status_line = StatusLine(s, self)
        self.statusBar().addWidget(self.status_line, 1)

    def _place(self, name: str) -> QWidget:
        """An empty widget that holds the place of the view `name` until it is built, at the
        smallest size the view asked for last time (so the splitters do not move)."""
        place = self._places[name] = QWidget(self)
        width, height = self._view_sizes.get(name, (0, 0))
        place.setMinimumSize(width, height)
        return place

    def fill_place(self, name: str, widget: QWidget) -> None:
        """Put the built view `name` where its place was held (same size and position)."""
        place = self._places.pop(name)
        self._placed[name] = widget
        holder = place.parentWidget()
        if isinstance(holder, QSplitter):
            holder.replaceWidget(holder.indexOf(place), widget)
        else:  # the side panels' page of their stack
            assert isinstance(holder, QStackedWidget)
            holder.insertWidget(holder.indexOf(place), widget)
            holder.setCurrentWidget(widget)
            holder.removeWidget(place)
        place.setParent(None)  # unowned, so deleted now

    def _view_sizes_now(self) -> dict[str, tuple[int, int]]:
        """What each held place should be next time: a view's smallest size, the side
        panels' natural one (the dock takes it)."""
        hints = {name: view.sizeHint() if name == "side_panels" else view.minimumSizeHint()
                 for name, view in self._placed.items()}
        return {name: (max(h.width(), 0), max(h.height(), 0)) for name, h in hints.items()}

    def drop_menu_place(self) -> None:
        """The menus are built: the menu bar no longer needs its placeholder."""
        self.menuBar().removeAction(self._menu_place.menuAction())
        self._menu_place.deleteLater()

    def _build_toolbar(self) -> None:
        a = self.lab_actions
        bar = self.toolbar = QToolBar(self)
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

    def _build_dock(self) -> None:
        """The dock of the side panels, their width held by a place until they are built
        (as wide as they were last time; on a first start ~54 characters, their width in
        English)."""
        self.side = QStackedWidget(self)  # the regression panels; the classification ones
        self._view_sizes.setdefault(
            "side_panels", (SIDE_PANEL_CHARS * self.fontMetrics().averageCharWidth(), 0))
        self.side.addWidget(self._place("side_panels"))
        dock = self.dock = QDockWidget(self)
        dock.setObjectName("controlsDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        dock.setWidget(self.side)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _hold_menu_bar(self) -> None:
        """An untitled menu keeps the menu bar's height until the menus are built, so the
        views do not move down when they come."""
        self._menu_place = self.menuBar().addMenu(" ")  # an empty title is not shown

    # ----- the rest, after the first frame ----------------------------------------------
    @property
    def built(self) -> bool:
        """Whether every view exists and is wired (window_parts.py has run)."""
        return self._steps == []

    def finish_building(self) -> None:
        """Build whatever window_parts.py has not built yet, now."""
        while not self.built:
            self._build_step()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The fit plot's first paint (with build_later): build the rest after it."""
        if event.type() == QEvent.Type.Paint and watched is self.fit_plot.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._build_next)  # runs after this paint has been shown
        return super().eventFilter(watched, event)

    def _build_next(self) -> None:
        """One step of the rest, then the next one in a later turn of the event loop."""
        if not self.built:
            self._build_step()
        if not self.built:
            QTimer.singleShot(0, self._build_next)

    def _build_step(self) -> None:
        if self._steps is None:
            from linreg_lab.gui.shell import window_parts  # most of the app: not for frame 1

            self._steps = list(window_parts.STEPS)
        self._steps.pop(0)(self)
        if self.built:
            self.setAcceptDrops(True)
            self.explain_data()
            self.retranslate()
            self.finished.emit()

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

    def set_appearance(self, appearance: str) -> None:
        self.settings.set_appearance(appearance)
        apply_appearance(QApplication.instance(), appearance)

    # ----- the learner's own line ---------------------------------------------------
    def show_your_line(self, shown: bool) -> None:
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
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open"), self.settings.folder(),
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
            self.settings.set_folder(str(path.parent))
            return True
        return False

    def open_builtin(self, key: str) -> bool:
        """A built-in data set from the Data menu, as one undoable edit, with its source.
        All of it is training data: NIST certifies, and Anscombe drew, the fit of every point.
        The digits and the iris open in the classification mode."""
        from linreg_lab.gui.shell.menus import CLASS_SETS
        from linreg_lab.gui.state import builtin_sets

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

    def view_extras(self) -> dict:
        lesson = self.tabs.lesson.current_lesson()
        return {"lesson": lesson.id if lesson else None, "panels": (self.tabs.current_name(),),
                "mode": self.modes.mode}

    def apply_opened_session(self, extras: dict) -> None:
        self.set_mode(extras.get("mode", "regression"))
        self.rules.clear()
        self.fit_plot.fit_view()
        if extras.get("lesson"):
            self.tabs.lesson.set_current_lesson(extras["lesson"])
        for name in extras.get("panels", ()):
            self.tabs.show_panel(name)
        self.explain_data()

    def retranslate(self) -> None:
        """The window's own words; panels, plots and tabs retranslate themselves. The menus,
        exports and banner rules are worded once built (finish_building calls this again)."""
        self.toolbar.setWindowTitle(self.tr("Training"))
        self.dock.setWindowTitle(self.tr("Data and training"))
        self.lab_actions.retranslate()
        self.update_title()
        if self.built:
            self.menus.retranslate()
            self.exporter.retranslate()
            self.rules.retranslate()

    def set_language(self, language: str) -> None:
        """Show data written in both languages (lessons, the guide) in `language`; Qt's own
        LanguageChange has already re-worded every widget."""
        self.language = language
        self.menus.set_language(language)
        self.tabs.lesson.set_language(language)
        self.help.set_language(language)

    def update_title(self) -> None:
        files = self.session_files if self.built else None  # a first frame has no file yet
        name = files.display_name() if files else QCoreApplication.translate("SessionFiles",
                                                                              "Untitled")
        self.setWindowTitle(self.tr("{name}[*] — LinReg Lab: linear regression, hands on")
                            .format(name=name))
        self.setWindowModified(files.modified if files else False)

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

    def load_lesson(self, lesson) -> None:
        """Apply a lesson's preset in its half of the lab; the replaced data stay one Undo
        away, so nothing is lost."""
        self.set_mode(lesson.mode)
        if lesson.classifies:
            self.rules.clear()  # a message about the run the preset replaces
            if not self.modes.workspace.apply_lesson(lesson, self.language):
                return
        else:
            from linreg_lab.gui.state.lessons import apply_lesson

            self.run_loop.pause()
            if not self.request(apply_lesson, self.session, lesson, language=self.language):
                return
            self.fit_plot.fit_view()
        for name in lesson.panels:
            if self.tabs.show_panel(name):
                break
        # The notice goes into the Lesson tab, not the banner: the banner keeps the warning or
        # explanation the preset's data call for, which the first step often asks to read.
        self.lesson_watcher.start(lesson)

    # ----- model → views ----------------------------------------------------------------

    def explain_data(self) -> None:
        """The data panel's account of the data shown, and the banner's advice on it."""
        from linreg_lab.gui.state.data_summary import summarize

        data, sol = self.session.data, self.session.solution.lstsq
        spec = data.recipe.spec if data.recipe is not None else data.spec
        if spec is not None:  # the Generate fields describe the data shown (after undo too)
            self.data_panel.set_spec(spec)
        self.data_panel.set_validation_fraction(data.val_fraction)
        self.data_panel.show_data(summarize(data, sol.w, sol.b))
        if self.built:  # the panels come first, the banner's rules last
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
        geometry, state = self.settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        rate = self.settings.speed()
        self.run_loop.set_steps_per_second(rate)
        self.hyper_bar.set_speed(rate)

    def restore_defaults(self) -> None:
        """Forget saved preferences and put layout and speed back as on a first start."""
        self.settings.restore_defaults()
        self.resize(1400, 900)
        self.controls.set_speed(None)
        self.hyper_bar.set_speed(None)

    def close_quietly(self) -> None:
        """Close without asking about unsaved work (the session lives on elsewhere, or this
        is a scripted run); the recovery file is left alone."""
        self._quiet_close = True
        self.close()

    def closeEvent(self, ev: QCloseEvent) -> None:
        self.finish_building()  # closed in its first frame: the checks below need every part
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
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        self.settings.set_view_sizes(self.language, self._view_sizes_now())  # next first frame
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
