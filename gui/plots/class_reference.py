"""The Newton reference of the classification data, without freezing the window.

On the clusters or iris the solver takes milliseconds and the session's own (cached)
reference() is asked at once; on the digits ((d + 1)(k − 1) = 585 unknowns) it takes seconds,
so it is solved on a JobRunner worker over the data set as it was (ClassDataset is immutable)
and announced when it is done, if the data are still those.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from linreg_lab.core.class_data import ClassDataset
from linreg_lab.core.softmax_optimum import SoftmaxOptimum, softmax_optimum
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.widgets.background import JobRunner

# n · ((d + 1)(k − 1))² below this: a few milliseconds (the Hessian's cost per iteration)
CHEAP_WORK = 5e6


def solver_work(data: ClassDataset) -> float:
    """A measure of one Newton iteration's cost on these data."""
    unknowns = (data.n_features + 1) * (data.num_classes - 1)
    return float(data.n_examples) * unknowns * unknowns


class ClassReference(QObject):
    """The reference optimum of the session's current data, once known (`ready` then)."""

    ready = Signal()

    def __init__(self, session: ClassificationSession, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._known: tuple[ClassDataset, SoftmaxOptimum | None] | None = None
        self._solving: ClassDataset | None = None
        self._runner = JobRunner(self)
        self._runner.finished.connect(self._on_solved)
        self._runner.failed.connect(lambda _message: self._on_solved(None))
        session.datasetChanged.connect(self.request)
        self.request()

    def current(self) -> SoftmaxOptimum | None:
        """The optimum for the data the session holds now; None while unknown or empty."""
        known = self._known
        return known[1] if known is not None and known[0] is self._session.dataset else None

    def is_solving(self) -> bool:
        return self._runner.is_running()

    def request(self) -> None:
        data = self._session.dataset
        if self._known is not None and self._known[0] is data:
            return
        if not data.n_examples or solver_work(data) <= CHEAP_WORK:
            self._known = (data, self._session.reference())
            self.ready.emit()
        elif not self._runner.is_running():
            self._solving = data
            self._runner.start(lambda _progress, _cancel: _solve(data))
        # else: the running job's end asks again for the data current then

    def _on_solved(self, result: SoftmaxOptimum | None) -> None:
        solved, self._solving = self._solving, None
        if solved is not None and solved is self._session.dataset:
            self._known = (solved, result)
            self.ready.emit()
        else:
            self.request()

    def shutdown(self) -> None:
        """Wait for a running solve to end (the window's close)."""
        self._runner.shutdown()


def _solve(data: ClassDataset) -> SoftmaxOptimum:
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return softmax_optimum(data.X, data.labels, data.num_classes)
