"""The classification half of the window (softmax regression, d2l 3.4–3.7).

It holds what the mode needs beside the regression's: the ClassificationSession (the window
makes it, so sessions save it before the mode is first shown), its run loop, the page of
plots in the centre and the panels in the side dock; the main window shows it or the
regression half (gui/shell/main_window.py) and routes the toolbar to the half shown. It is
built the first time the mode is shown, so starting the app builds none of its views.
Like the window, it only lays out and wires: requests go to the session through `request`,
which shows a refused change to the learner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from linreg_lab.core.class_data import load_digits, load_iris
from linreg_lab.core.divergence import REASON_EXPLODED, REASON_NONFINITE, REASON_OVERFLOW
from linreg_lab.core.softmax_trainer import REASON_EXP_OVERFLOW, REASON_LOG_ZERO
from linreg_lab.gui.files.class_data_files import ClassDataFiles
from linreg_lab.gui.panels.class_data_panel import ClassDataPanel
from linreg_lab.gui.panels.class_status_line import ClassStatusLine
from linreg_lab.gui.panels.class_training_panel import ClassTrainingPanel
from linreg_lab.gui.panels.class_view_panel import ClassViewPanel
from linreg_lab.gui.panels.confusion_matrix import ConfusionMatrix
from linreg_lab.gui.panels.digit_weights import DigitWeights
from linreg_lab.gui.panels.timeline_bar import TimelineBar
from linreg_lab.gui.plots.class_loss_plot import ClassLossPlot
from linreg_lab.gui.plots.class_plot import ClassPlot
from linreg_lab.gui.plots.neuron.softmax_network import SoftmaxNetwork
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.lessons import ClusterPreset, Lesson, apply_class_lesson
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.widgets.splitter import splitter

IMAGE_FEATURES = 64  # 8×8 pixels: data the plane cannot show, drawn as weight images
Request = Callable[..., bool]
Notify = Callable[[str, Callable[[], str]], None]  # BannerRules.show: kind, wording


class ClassificationWorkspace(QObject):
    """Session, run loop, centre page and side panels of the classification mode."""

    fitViewRequested = Signal()

    def __init__(self, window: QWidget, session: ClassificationSession, request: Request,
                 notify: Notify) -> None:
        super().__init__(window)
        self._window, self._request, self._notify = window, request, notify
        self.session = session
        self.files = ClassDataFiles(self.session, window)
        self.run_loop = RunLoop(self.session, self)
        self.page = self._build_page()
        self.side = self._build_side()
        self.status_line = ClassStatusLine(self.session, window)
        self.status_line.hide()
        self.timeline_bar = TimelineBar(self.session, window)  # the toolbar shows it
        self.timeline_bar.hide()
        self._wire()
        self._show_data()

    # ----- layout -------------------------------------------------------------------------
    def _build_page(self) -> QWidget:
        """The plane (or, for image data, each class's weights as an image) over the network;
        the loss and accuracy curves over the confusion matrix, as the regression lays out
        its fit, neuron, loss and table."""
        s, w = self.session, self._window
        self.plot = ClassPlot(s, w)
        self.plot.setObjectName("classPlot")
        self.digit_weights = DigitWeights(s, w)
        self._picture = QStackedWidget(w)  # the plane for d = 2, the weight images for 8×8
        self._picture.addWidget(self.plot)
        self._picture.addWidget(self.digit_weights)
        self.network = SoftmaxNetwork(s, w)
        self.loss_plot = ClassLossPlot(s, w)
        self.confusion = ConfusionMatrix(s, w)
        left = splitter(Qt.Orientation.Vertical, self._picture, self.network, sizes=(560, 240),
                        parent=w)
        right = splitter(Qt.Orientation.Vertical, self.loss_plot, self.confusion,
                         sizes=(400, 300), parent=w)
        return splitter(Qt.Orientation.Horizontal, left, right, sizes=(640, 520), parent=w)

    def _build_side(self) -> QScrollArea:
        self.data_panel = ClassDataPanel(self._window)
        self.training_panel = ClassTrainingPanel(self._window)
        self.view_panel = ClassViewPanel(self._window)
        box = QWidget(self._window)
        layout = QVBoxLayout(box)
        layout.addWidget(self.data_panel)
        layout.addWidget(self.training_panel)
        layout.addWidget(self.view_panel)
        layout.addStretch(1)
        scroll = QScrollArea(self._window)
        scroll.setObjectName("classificationControls")
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        return scroll

    # ----- wiring -------------------------------------------------------------------------
    def _wire(self) -> None:
        s, request = self.session, self._request
        panel = self.data_panel
        panel.generateRequested.connect(self.generate)
        panel.digitsRequested.connect(self.open_digits)
        panel.irisRequested.connect(self.open_iris)
        panel.validationFractionRequested.connect(self._set_validation_fraction)
        t = self.training_panel
        t.hyperparametersRequested.connect(lambda changes: request(s.set_hyperparameters,
                                                                   **changes))
        t.stableRequested.connect(lambda on: request(s.set_stable, on))
        s.hyperparametersChanged.connect(self._push_values)
        s.datasetChanged.connect(self._show_data)
        s.diverged.connect(self._on_diverged)
        self._wire_plot()
        self._push_values()

    def _wire_plot(self) -> None:
        s, request, plot = self.session, self._request, self.plot
        plot.exampleAddRequested.connect(lambda x1, x2, k: request(s.add_example, (x1, x2), k))
        plot.exampleMoveRequested.connect(lambda row, x1, x2, more: request(
            s.move_example, row, (x1, x2), continuing=more))
        plot.exampleRemoveRequested.connect(lambda rows: request(s.remove_examples, rows))
        palette = self.data_panel.palette_row
        plot.classKeyPressed.connect(self._choose_class)
        palette.classChosen.connect(plot.set_current_class)
        self.fitViewRequested.connect(plot.fit_view)
        self.view_panel.probabilityClassRequested.connect(plot.set_probability_class)
        self.view_panel.referenceVisibleRequested.connect(plot.set_reference_visible)

    def _choose_class(self, k: int) -> None:
        """Keys 1…9 on the plane pick a class, as the palette's buttons do."""
        if k < self.session.dataset.num_classes:
            self.data_panel.palette_row.set_current_class(k)
            self.plot.set_current_class(k)

    def _on_diverged(self, reason: str) -> None:
        self._notify("error", lambda: self.tr(
            "Training stopped: {reason}. Switch the stable softmax back on, or lower η, and "
            "press Reset.").format(reason=self._reason_text(reason)))

    def _reason_text(self, reason: str) -> str:
        """The core's reason in the learner's language."""
        return {
            REASON_EXP_OVERFLOW: self.tr("exp overflowed (a logit above about 709), so the "
                                         "naive softmax divided inf by inf"),
            REASON_LOG_ZERO: self.tr("a predicted probability underflowed to 0, so the naive "
                                     "cross-entropy took log(0)"),
            REASON_NONFINITE: self.tr("the loss is no longer a finite number"),
            REASON_EXPLODED: self.tr("the loss exploded to many times its starting value"),
            REASON_OVERFLOW: self.tr("the weights overflowed"),
        }.get(reason, reason)

    def set_shown(self, shown: bool) -> None:
        """The window shows this half (or the regression's): the plane takes the name
        "fitPlot" while shown."""
        self.plot.setObjectName("fitPlot" if shown else "classPlot")
        self.status_line.setVisible(shown)

    def set_batch_visible(self, visible: bool) -> None:
        """Highlight the minibatch when paused or slow enough for the eye to follow."""
        self.plot.set_batch_visible(visible)

    def _push_values(self) -> None:
        self.training_panel.set_values(self.session.hyper, self.session.stable)

    def _show_data(self) -> None:
        data = self.session.dataset
        self._picture.setCurrentWidget(self.digit_weights if data.n_features == IMAGE_FEATURES
                                       else self.plot)
        self.data_panel.show_data(data, self._validation_count())
        self.data_panel.palette_row.setVisible(self.plot.planar())  # clicks need the plane
        self.view_panel.set_classes(data.class_names)
        self.view_panel.setVisible(self.plot.planar())
        self.data_panel.set_validation_fraction(self.session.data.val_fraction)
        self.plot.set_current_class(self.data_panel.palette_row.current_class())

    def _validation_count(self) -> int:
        return int(self.session.val_mask.sum())

    def _set_validation_fraction(self, share: float) -> None:
        self._request(self.session.set_validation_fraction, share)

    # ----- requests the window routes here ------------------------------------------------
    def generate(self, spec: dict | None = None) -> bool:
        """Gaussian clusters from the panel's fields (or `spec`): one undoable edit."""
        self.run_loop.pause()
        spec = spec or self.data_panel.generate_spec()
        done = self._request(self.session.generate, spec["k"], spec["n"],
                             spread=spec["spread"], separable=spec["separable"],
                             seed=spec["seed"], val_fraction=spec["val_fraction"])
        if done:
            self.fitViewRequested.emit()
        return done

    def open_digits(self) -> bool:
        self.run_loop.pause()
        return self._load(load_digits(), self.tr("Open the handwritten digits"))

    def open_iris(self, columns: tuple[int, int] = (2, 3)) -> bool:
        self.run_loop.pause()
        return self._load(load_iris().features(list(columns)), self.tr("Open Fisher's iris"))

    def open_csv(self, path: Path) -> bool:
        """A CSV whose last column is the class, as one undoable edit; a bad file says why
        (file, row, column) and changes nothing."""
        self.run_loop.pause()
        done = self.files.open_path(path)
        if done:
            self.fitViewRequested.emit()
        return done

    def _load(self, dataset, text: str) -> bool:
        done = self._request(self.session.load_dataset, dataset, text)
        if done:
            self.fitViewRequested.emit()
        return done

    def apply_lesson(self, lesson: Lesson, language: str) -> bool:
        """A classification lesson's preset (gui.state.lessons.apply_class_lesson) as one
        undoable edit; the Generate fields then show the lesson's clusters."""
        self.run_loop.pause()
        if not self._request(apply_class_lesson, self.session, lesson, language=language):
            return False
        if isinstance(lesson.data, ClusterPreset):
            self.data_panel.set_spec(asdict(lesson.data))
        self.fitViewRequested.emit()
        return True

    def clear(self) -> bool:
        self.run_loop.pause()
        return self._request(self.session.clear)

    def step(self) -> None:
        self.run_loop.pause()
        self.session.step(1)

    def step_epoch(self) -> None:
        self.run_loop.pause()
        self.session.step_epoch()

    def reset(self) -> None:
        self.run_loop.pause()
        self.session.reset()

    def shutdown(self) -> None:
        """Stop training and wait for a running reference solve (the window's close)."""
        self.run_loop.pause()
        self.loss_plot.reference.shutdown()
        for plot in (self.plot, self.loss_plot):
            plot.close()  # pyqtgraph clears its scene here, before Qt deletes the items
