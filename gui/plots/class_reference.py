"""The Newton reference of the classification data, without freezing the window.

On the clusters or iris the solver takes milliseconds and the session's own (cached)
reference() is asked at once; on the digits ((d + 1)(k − 1) = 585 unknowns) it takes seconds,
so it is solved on a JobRunner worker over the training rows as they were (the arrays
are read-only) and announced when it is done, if the data are still those. The last few
answers are kept, so undo and redo between data sets do not solve again.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from linreg_lab.core.softmax_optimum import SoftmaxOptimum, softmax_optimum
from linreg_lab.gui.state.class_data_state import ClassDataState
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.widgets.background import JobRunner

# n · ((d + 1)(k − 1))² below this: a few milliseconds (the Hessian's cost per iteration)
CHEAP_WORK = 5e6
KEPT = 4  # answers remembered (undo and redo swap data sets that were already solved)

_Key = ClassDataState  # the examples with their split, by identity (undo restores the same)


def solver_work(n: int, d: int, k: int) -> float:
    """A measure of one Newton iteration's cost on n examples, d features, k classes."""
    unknowns = (d + 1) * (k - 1)
    return float(n) * unknowns * unknowns


class ClassReference(QObject):
    """The reference optimum of the session's current data, once known (`ready` then)."""

    ready = Signal()

    def __init__(self, session: ClassificationSession, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._known: list[tuple[_Key, SoftmaxOptimum | None]] = []
        self._solving: _Key | None = None
        self._runner = JobRunner(self)
        self._runner.finished.connect(self._on_solved)
        self._runner.failed.connect(lambda _message: self._on_solved(None))
        session.datasetChanged.connect(self.request)
        self.request()

    def _key(self) -> _Key:
        return self._session.data

    def _lookup(self, key: _Key) -> tuple[bool, SoftmaxOptimum | None]:
        for known, result in self._known:
            if known is key:
                return True, result
        return False, None

    def _remember(self, key: _Key, result: SoftmaxOptimum | None) -> None:
        self._known = [(key, result), *self._known][:KEPT]

    def current(self) -> SoftmaxOptimum | None:
        """The optimum for the data the session holds now; None while unknown or empty."""
        return self._lookup(self._key())[1]

    def is_solving(self) -> bool:
        return self._runner.is_running()

    def request(self) -> None:
        key = self._key()
        if self._lookup(key)[0]:
            self.ready.emit()
            return
        X, labels = self._session.trainer.training_set
        k = self._session.trainer.num_classes
        if not len(labels) or solver_work(*X.shape, k) <= CHEAP_WORK:
            self._remember(key, self._session.reference())
            self.ready.emit()
        elif not self._runner.is_running():
            self._solving = key
            self._runner.start(lambda _progress, _cancel: _solve(X, labels, k))
        # else: the running job's end asks again for the data current then

    def _on_solved(self, result: SoftmaxOptimum | None) -> None:
        solved, self._solving = self._solving, None
        if solved is not None:
            self._remember(solved, result)
        self.request()  # announces it if the data are still those, else solves the new ones

    def shutdown(self) -> None:
        """Wait for a running solve to end (the window's close)."""
        self._runner.shutdown()


def _solve(X: np.ndarray, labels: np.ndarray, k: int) -> SoftmaxOptimum:
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return softmax_optimum(X, labels, k)
