"""The classification half of the lab as state: data of k classes, softmax SGD, undo.

The same contract as gui/state/session.py's Session, for softmax regression (d2l 3.4–3.7):
every change is a transaction (the new data set and its trainer are built off to the side and
only then committed, pushed as an undo command and announced); a refused change raises
RefusedChange with a message for the learner and changes nothing; undo and redo only swap
data sets that were already built, so they cannot fail. No window uses it yet: this is the
state a classification mode will sit on, and it can be driven and tested without one.

The learner's words reuse the regression Session's (the same undo texts and refusals, under
its translation context), so both modes say the same thing in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from linreg_lab.core.class_data import ClassDataset, gaussian_clusters
from linreg_lab.core.softmax_optimum import SoftmaxOptimum, softmax_optimum
from linreg_lab.core.softmax_trainer import SoftmaxTrainer
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.pacing import Pacing
from linreg_lab.gui.state.session import RefusedChange
from linreg_lab.gui.state.undo_history import UndoHistory

_DATA_ERRORS = (ArithmeticError, ValueError, LookupError, TypeError, MemoryError)


def _cannot_use(detail: str) -> str:
    return QCoreApplication.translate("Session", "The lab cannot use these data: %1").replace(
        "%1", detail)


class _SetDataCommand:
    """Swap between two data sets built beforehand: redo applies `after`, undo `before`."""

    def __init__(self, session: ClassificationSession, before: ClassDataset,
                 after: ClassDataset, text: str, trainer: SoftmaxTrainer):
        self._session, self._before, self._after, self._text = session, before, after, text
        self._trainer: SoftmaxTrainer | None = trainer  # built for the first redo

    def text(self) -> str:
        return self._text

    def kept(self) -> tuple[ClassDataset, ClassDataset]:
        return self._before, self._after

    def redo(self) -> None:
        trainer, self._trainer = self._trainer, None
        self._session._commit_data(self._after, trainer)

    def undo(self) -> None:
        self._session._commit_data(self._before, None)

    def merge_with(self, other: object) -> bool:
        return False


class _MoveCommand(_SetDataCommand):
    """The moves of one drag merge into one undo step."""

    def __init__(self, session: ClassificationSession, before: ClassDataset,
                 after: ClassDataset, text: str, trainer: SoftmaxTrainer, row: int,
                 continuing: bool):
        super().__init__(session, before, after, text, trainer)
        self.row, self.continuing = row, continuing

    def merge_with(self, other: object) -> bool:
        if not (isinstance(other, _MoveCommand) and other.continuing and other.row == self.row):
            return False
        self._after = other._after
        return True


class ClassificationSession(QObject):
    """A classification data set, its softmax trainer, hyperparameters and undo stack.

    Hyperparameters are the regression's value (lr, batch_size, shuffle, seed and init
    "zeros" act here; the loss settings do not); ``stable`` chooses log-sum-exp or the naive
    formulas (the 3.7 lesson).
    """

    datasetChanged = Signal()
    stateChanged = Signal()
    hyperparametersChanged = Signal()
    diverged = Signal(str)

    def __init__(self, data: ClassDataset | None = None, hyper: Hyperparameters | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = UndoHistory(self, current=lambda: self._data)
        self.pacing = Pacing(self)  # set by the run loop while it runs
        self._hyper = hyper or Hyperparameters(lr=0.1)
        self._stable = True
        self._data = data or gaussian_clusters(3, 90, spread=2.0, seed=self._hyper.seed)
        self._trainer = self._make_trainer(self._data, self._hyper, keep=None)
        self._reference: SoftmaxOptimum | None = None
        self._divergence_reported = False

    # ----- read-only views of the state -------------------------------------------------
    @property
    def dataset(self) -> ClassDataset:
        return self._data

    @property
    def hyper(self) -> Hyperparameters:
        return self._hyper

    @property
    def trainer(self) -> SoftmaxTrainer:
        return self._trainer

    @property
    def stable(self) -> bool:
        return self._stable

    def reference(self) -> SoftmaxOptimum | None:
        """The Newton optimum of the current data (computed once per data set; None without
        examples). Seconds on the digits: call it off the GUI thread there."""
        if self._reference is None and self._data.n_examples:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                self._reference = softmax_optimum(self._data.X, self._data.labels,
                                                  self._data.num_classes)
        return self._reference

    # ----- data edits (all undoable; a refused one raises RefusedChange) ------------------
    def add_example(self, x: np.ndarray | tuple[float, ...], label: int) -> None:
        self._push(lambda: self._data.with_example(x, label),
                   QCoreApplication.translate("Session", "Add point"))

    def move_example(self, row: int, x: np.ndarray | tuple[float, ...], *,
                     continuing: bool = False) -> None:
        """Move one example; moves with continuing=True merge into the previous move."""
        self._check_rows([row])
        after, trainer = self._prepare(lambda: self._data.with_example_moved(row, x))
        self.undo_stack.push(_MoveCommand(
            self, self._data, after, QCoreApplication.translate("Session", "Move point"),
            trainer, row, continuing))

    def set_label(self, row: int, label: int) -> None:
        self._check_rows([row])
        if int(label) != self._data.labels[row]:
            self._push(lambda: self._data.with_label(row, label),
                       self.tr("Change a point's class"))

    def remove_examples(self, rows: list[int] | np.ndarray) -> None:
        self._check_rows(rows)
        if np.asarray(rows).size:
            self._push(lambda: self._data.without_examples(rows),
                       QCoreApplication.translate("Session", "Delete point(s)"))

    def clear(self) -> None:
        self._push(lambda: ClassDataset.empty(self._data.class_names, self._data.feature_names),
                   QCoreApplication.translate("Session", "Clear data"))

    def generate(self, k: int, n: int, *, spread: float = 1.0, separable: bool = False,
                 seed: int | None = None) -> None:
        """k Gaussian clusters (core.gaussian_clusters); the hyperparameters' seed by default."""
        seed = self._hyper.seed if seed is None else seed
        self._push(lambda: gaussian_clusters(k, n, spread=spread, separable=separable,
                                             seed=seed),
                   QCoreApplication.translate("Session", "Generate data"))

    def load_dataset(self, dataset: ClassDataset, text: str) -> None:
        """Replace the data with a loaded data set (a CSV file, the digits, iris): undoable."""
        self._push(lambda: dataset, text)

    def _check_rows(self, rows: list[int] | np.ndarray) -> None:
        """A request for a point that is not there is refused in words."""
        n = self._data.n_examples
        for row in np.asarray(rows).ravel():
            if not (isinstance(row, (int, np.integer)) and 0 <= row < n):
                raise RefusedChange(QCoreApplication.translate(
                    "Session", "There is no point %1 any more: the data have %2 points.")
                    .replace("%1", str(row)).replace("%2", str(n)))

    def _push(self, make: Callable[[], ClassDataset], text: str) -> None:
        after, trainer = self._prepare(make)
        self.undo_stack.push(_SetDataCommand(self, self._data, after, text, trainer))

    def _prepare(self, make: Callable[[], ClassDataset]) -> tuple[ClassDataset, SoftmaxTrainer]:
        """Build the data set a change leads to and its trainer, without changing anything."""
        try:
            data = make()
        except _DATA_ERRORS as err:
            raise RefusedChange(_cannot_use(str(err) or type(err).__name__)) from err
        return data, self._make_trainer(data, self._hyper, keep=self._trainer)

    def _commit_data(self, data: ClassDataset, trainer: SoftmaxTrainer | None) -> None:
        """Make a built data set current (undo commands only); cannot fail."""
        if trainer is None:
            trainer = self._make_trainer(data, self._hyper, keep=self._trainer)
        self._data, self._trainer, self._reference = data, trainer, None
        self._divergence_reported = False
        self.datasetChanged.emit()
        self.stateChanged.emit()
        self._announce_divergence()

    # ----- training ---------------------------------------------------------------------
    def step(self, num_steps: int = 1) -> int:
        """Run num_steps minibatch updates; one stateChanged. Returns the steps done."""
        done = self._trainer.step(num_steps) if num_steps > 0 else 0
        self._notify()
        return done

    def can_train(self) -> bool:
        """Whether a step can do anything: there are examples and training has not diverged."""
        return bool(self._data.n_examples) and not self._trainer.diverged

    def trainer_step_only(self, num_steps: int) -> int:
        """The updates without the redraw signal: the run loop times the two apart."""
        return self._trainer.step(num_steps) if num_steps > 0 and self.can_train() else 0

    def notify_steps(self) -> None:
        """Tell the views that training moved: one stateChanged, and diverged once."""
        self._notify()

    def step_epoch(self) -> int:
        done = self._trainer.run_epoch()
        self._notify()
        return done

    def reset(self) -> None:
        """Start training afresh from the chosen initialisation; the data stay."""
        self._trainer = self._make_trainer(self._data, self._hyper, keep=None)
        self._divergence_reported = False
        self.stateChanged.emit()
        self._announce_divergence()

    def _notify(self) -> None:
        self._announce_divergence()
        self.stateChanged.emit()

    def _announce_divergence(self) -> None:
        if self._trainer.diverged and not self._divergence_reported:
            self._divergence_reported = True
            self.diverged.emit(self._trainer.divergence_reason or "")

    # ----- hyperparameters and the formula ----------------------------------------------
    def set_hyperparameters(self, **changes: object) -> None:
        """Change hyperparameters; lr, batch size and shuffle reach the trainer at once.

        A value out of range raises RefusedChange and changes nothing.
        """
        try:
            new = replace(self._hyper, **changes)
        except (TypeError, ValueError) as err:
            raise RefusedChange(str(err)) from err
        if new == self._hyper:
            return
        self._hyper = new
        t = self._trainer
        t.lr, t.batch_size, t.shuffle = new.lr, new.batch_size, new.shuffle
        self.hyperparametersChanged.emit()

    def set_stable(self, stable: bool) -> None:
        """Log-sum-exp (True) or d2l 3.6's naive formulas (False), from the next step on."""
        if bool(stable) != self._stable:
            self._stable = bool(stable)
            self._trainer.stable = self._stable
            self.hyperparametersChanged.emit()

    # ----- building a trainer (off to the side; nothing changes here) ---------------------
    def _make_trainer(self, data: ClassDataset, hyper: Hyperparameters,
                      keep: SoftmaxTrainer | None) -> SoftmaxTrainer:
        """A trainer on `data` that starts where `keep` stands when it fits (same features and
        classes, not diverged), else at the chosen initialisation."""
        d, k = data.n_features, data.num_classes
        fits = (keep is not None and not keep.diverged and keep.W.shape == (d, k))
        if fits and keep is not None:
            W0, b0 = keep.W, keep.b
        elif hyper.init == "zeros":
            W0, b0 = np.zeros((d, k)), np.zeros(k)
        else:
            W0, b0 = None, None
        try:
            return SoftmaxTrainer(data.X, data.labels, num_classes=k, lr=hyper.lr,
                                  batch_size=hyper.batch_size, shuffle=hyper.shuffle,
                                  seed=hyper.seed, W0=W0, b0=b0,
                                  stable=self._stable)
        except _DATA_ERRORS as err:
            raise RefusedChange(_cannot_use(str(err) or type(err).__name__)) from err
