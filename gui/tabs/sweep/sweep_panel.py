"""Hyperparameters and generalisation: sweep η or the batch size, and watch error fall as 1/√n.

The chapter: hyperparameters are chosen by the results on a separate validation set, and the
real challenge is a low loss on data the model has never seen. The left part (TuningPart)
trains one run per value on the session's own training split (same seed, same start) and
overlays their validation curves; the right part (EstimationPart) refits least squares on ever
larger fresh datasets from the same true line and shows the estimate closing in on the truth
like 1/√n.

Both experiments run on a worker thread (widgets.background; core does the numbers and polls the
cancel request); the panel only starts, cancels and joins it, and hands back what comes back.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from linreg_lab.core.sweep import ErrorCurve, SweepResult, estimation_error_curve, sweep
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.sweep.estimation import REPEATS, EstimationPart
from linreg_lab.gui.tabs.sweep.tuning import TuningPart
from linreg_lab.gui.widgets.background import Job, JobRunner
from linreg_lab.gui.widgets.retranslating import Retranslating

Say = Callable[..., None]  # a part's say(make_text, error=False)


class SweepPanel(Retranslating, QWidget):
    """Tune η or the batch size on the validation set; see estimation error fall as 1/√n."""

    sweepFinished = Signal(list)
    estimationFinished = Signal(object)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sweepPanel")
        self._session = session
        self.runner = JobRunner(self)
        self._say_running: Say | None = None  # where the running job's news go
        self._on_result: Callable[[object], None] | None = None
        self._watched: QWidget | None = None
        self.tuning = TuningPart(max(1, session.hyper.num_epochs or 3), self)
        self.estimation = EstimationPart(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tuning, 5)
        layout.addWidget(self.estimation, 3)
        self._connect()
        self.estimation.show_data(session.data)
        self.retranslate()

    def _connect(self) -> None:
        self.tuning.values_edit.returnPressed.connect(self.run_sweep)
        self.tuning.run_button.clicked.connect(self.run_sweep)
        self.tuning.cancel_button.clicked.connect(self.cancel)
        self.estimation.button.clicked.connect(self.run_estimation)
        self.runner.runningChanged.connect(self._set_running)
        self.runner.progressed.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.failed.connect(self._on_failed)
        self._session.datasetChanged.connect(self._on_dataset_changed)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Hyperparameters and generalisation"))

    # ----- for tests and automation ---------------------------------------------------------
    @property
    def results(self) -> list[SweepResult]:
        return self.tuning.results

    @property
    def error_curve(self) -> ErrorCurve | None:
        return self.estimation.error_curve

    def param(self) -> str:
        return self.tuning.param()

    def is_running(self) -> bool:
        return self.runner.is_running()

    # ----- requests -----------------------------------------------------------------------
    def run_sweep(self) -> bool:
        """Start the sweep on the current split and hyperparameters; False if not started."""
        values = self.tuning.values()
        if values is None or self.is_running():
            return False
        data = self._session.data
        if data.n_train == 0:
            self.tuning.say(lambda: self.tr("There are no training examples to train on."),
                            error=True)
            return False
        self.tuning.lr_check = self._session.learning_rate_check()
        count = len(values)
        return self._start(self._sweep_job(values), self._on_sweep_done, self.tuning.say,
                           lambda: self.tr("Training {count} models…").format(count=count))

    def _sweep_job(self, values: list[float]) -> Job:
        data, h = self._session.data, self._session.hyper
        train, val = data.train_set, data.val_set
        w0, b0 = h.initial_parameters(train.n_features)
        base = dict(lr=h.lr, batch_size=h.batch_size, shuffle=h.shuffle, seed=h.seed, w0=w0,
                    b0=b0, loss=h.loss, huber_delta=h.huber_delta)
        param, epochs = self.param(), self.tuning.epochs_spin.value()
        X_val, y_val = (val.X, val.y) if val.n_examples else (None, None)

        def job(progress, should_cancel):
            return sweep(train.X, train.y, X_val, y_val, param=param, values=values,
                         num_epochs=epochs, base=base, should_cancel=should_cancel,
                         progress=progress)

        return job

    def run_estimation(self) -> bool:
        """Fit fresh datasets of growing size from the true line; False if not started."""
        if not self.estimation.possible() or self.is_running():
            return False
        data = self._session.data
        spec, w, b = data.spec, np.array(data.true_w), float(data.true_b)

        def job(_progress, should_cancel):
            return estimation_error_curve(w, b, noise_std=spec.noise_std, noise=spec.noise,
                                          seed=spec.seed, repeats=REPEATS,
                                          x_range=spec.x_range, should_cancel=should_cancel)

        return self._start(job, self._on_estimation_done, self.estimation.say,
                           lambda: self.tr("Fitting fresh datasets…"))

    def cancel(self) -> None:
        if self.is_running() and self._say_running is not None:
            self.runner.cancel()
            self._say_running(lambda: self.tr("Cancelling…"))

    def shutdown(self) -> None:
        """Stop and join the worker; call before the panel goes away (close does it)."""
        self.runner.shutdown()

    # ----- running jobs -------------------------------------------------------------------
    def _start(self, job: Job, on_result: Callable[[object], None], say: Say,
               text: Callable[[], str]) -> bool:
        self._say_running, self._on_result = say, on_result
        self.tuning.progress.setValue(0)
        started = self.runner.start(job)
        if started:
            say(text)
        return started

    def _set_running(self, running: bool) -> None:
        self.tuning.set_running(running)
        self.estimation.set_running(running)

    def _on_progress(self, fraction: float) -> None:
        self.tuning.progress.setValue(round(100 * fraction))

    def _on_finished(self, result: object) -> None:
        self.tuning.progress.setValue(100)
        if self._on_result is not None:
            self._on_result(result)

    def _on_failed(self, message: str) -> None:
        if self._say_running is not None:
            self._say_running(lambda: message, error=True)

    def _on_cancelled(self) -> None:
        if self._say_running == self.tuning.say:
            self.tuning.say(lambda: self.tr("Sweep cancelled."))
        else:
            self.estimation.say(lambda: self.tr("Cancelled."))
        self.cancelled.emit()

    def _on_sweep_done(self, results: object) -> None:
        self.tuning.show_results(results)  # type: ignore[arg-type]
        self.sweepFinished.emit(results)

    def _on_estimation_done(self, curve: object) -> None:
        self.estimation.show_error_curve(curve)  # type: ignore[arg-type]
        self.estimationFinished.emit(curve)

    def _on_dataset_changed(self) -> None:
        self.estimation.show_data(self._session.data)
        if self.tuning.results:
            self.tuning.say(lambda: self.tr(
                "The data changed since this sweep: run it again to compare on the new data."))

    # ----- lifetime -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Watch the top-level window so closing it joins the worker (children get no close)."""
        window = self.window()
        if window is not self and window is not self._watched:
            window.installEventFilter(self)
            self._watched = window
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Close:
            self.shutdown()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
