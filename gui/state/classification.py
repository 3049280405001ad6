"""The classification half of the lab as state: data of k classes, softmax SGD, undo.

The same contract as gui/state/session.py's Session, for softmax regression (d2l 3.4–3.7):
every change is a transaction (the new data and their trainer are built off to the side and
only then committed, pushed as an undo command and announced); a refused change raises
RefusedChange with a message for the learner and changes nothing; undo and redo only swap
data that were already built, so they cannot fail. The data carry a validation split
(ClassDataState): the trainer trains on the training rows and reports loss and accuracy on
the validation rows each epoch. Training runs on a core.timeline, so any past step can be
shown again (rewind) and stepping on from there repeats the run bit for bit. It can be
driven and tested without a window.

The learner's words reuse the regression Session's (the same undo texts and refusals, under
its translation context), so both modes say the same thing in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from linreg_lab.core.class_data import ClassDataset, gaussian_clusters
from linreg_lab.core.json_schema import FieldError
from linreg_lab.core.softmax_optimum import SoftmaxOptimum, softmax_optimum
from linreg_lab.core.softmax_trainer import SoftmaxTrainer
from linreg_lab.core.timeline import Timeline
from linreg_lab.gui.state.class_data_state import DEFAULT_VAL_FRACTION, ClassDataState
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.pacing import Pacing
from linreg_lab.gui.state.rewinding import Rewinding
from linreg_lab.gui.state.run_elsewhere import StepsHere
from linreg_lab.gui.state.session import RefusedChange
from linreg_lab.gui.state.undo_history import UndoHistory

_DATA_ERRORS = (ArithmeticError, ValueError, LookupError, TypeError, MemoryError)


def _cannot_use(detail: str) -> str:
    return QCoreApplication.translate("Session", "The lab cannot use these data: %1").replace(
        "%1", detail)


class _SetDataCommand:
    """Swap between two data sets built beforehand: redo applies `after`, undo `before`."""

    def __init__(self, session: ClassificationSession, before: ClassDataState,
                 after: ClassDataState, text: str, trainer: SoftmaxTrainer):
        self._session, self._before, self._after, self._text = session, before, after, text
        self._trainer: SoftmaxTrainer | None = trainer  # built for the first redo

    def text(self) -> str:
        return self._text

    def kept(self) -> tuple[ClassDataState, ClassDataState]:
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

    def __init__(self, session: ClassificationSession, before: ClassDataState,
                 after: ClassDataState, text: str, trainer: SoftmaxTrainer, row: int,
                 continuing: bool):
        super().__init__(session, before, after, text, trainer)
        self.row, self.continuing = row, continuing

    def merge_with(self, other: object) -> bool:
        if not (isinstance(other, _MoveCommand) and other.continuing and other.row == self.row):
            return False
        self._after = other._after
        return True


class ClassificationSession(Rewinding, StepsHere, QObject):
    """A classification data set with its split, its softmax run, hyperparameters and undo.

    Hyperparameters are the regression's value (lr, batch_size, shuffle, seed and init
    "zeros" act here; the loss settings do not); ``stable`` chooses log-sum-exp or the naive
    formulas (the 3.7 lesson). `data`: a ClassDataState, or a ClassDataset used whole for
    training; without it, generated clusters with a fifth held out for validation.
    """

    datasetChanged = Signal()
    stateChanged = Signal()
    hyperparametersChanged = Signal()
    diverged = Signal(str)

    def __init__(self, data: ClassDataset | ClassDataState | None = None,
                 hyper: Hyperparameters | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = UndoHistory(self, current=lambda: self._state)
        self.pacing = Pacing(self)  # set by the run loop while it runs
        self._hyper = hyper or Hyperparameters(lr=0.1)
        self._stable = True
        self._state = _initial_state(data, self._hyper.seed)
        self._trainer = self._make_trainer(self._state, self._hyper, keep=None)
        self._reference: SoftmaxOptimum | None = None
        self._divergence_reported = False

    # ----- read-only views of the state -------------------------------------------------
    @property
    def dataset(self) -> ClassDataset:
        """All examples, training and validation (the plot's points)."""
        return self._state.dataset

    @property
    def data(self) -> ClassDataState:
        """The examples with their split (train_rows, val_rows, train_set, val_set)."""
        return self._state

    @property
    def val_mask(self) -> np.ndarray:
        """True for the dataset's validation rows (read-only)."""
        return self._state.val_mask

    @property
    def hyper(self) -> Hyperparameters:
        return self._hyper

    @property
    def trainer(self) -> SoftmaxTrainer:
        """The trainer at the step shown (an earlier one after a rewind); it trains on the
        training rows only: its example i is dataset row data.train_rows[i]."""
        return self._timeline.shown

    @property
    def _trainer(self) -> SoftmaxTrainer:
        return self._timeline.shown

    @_trainer.setter
    def _trainer(self, trainer: SoftmaxTrainer) -> None:
        """A new run (reset, new data, a reopened session): its timeline starts here."""
        timeline = getattr(self, "_timeline", None)
        if timeline is None or trainer is not timeline.shown:
            self._timeline = Timeline(trainer)

    @property
    def stable(self) -> bool:
        return self._stable

    def reference(self) -> SoftmaxOptimum | None:
        """The Newton optimum of the training rows, the loss SGD minimises (computed once per
        data set; None without training examples). Seconds on the digits: call it off the
        GUI thread there."""
        train = self._state.train_set
        if self._reference is None and train.n_examples:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                self._reference = softmax_optimum(train.X, train.labels, train.num_classes)
        return self._reference

    # ----- data edits (all undoable; a refused one raises RefusedChange) ------------------
    def add_example(self, x: np.ndarray | tuple[float, ...], label: int) -> None:
        self._push(lambda: self._state.with_example(x, label),
                   QCoreApplication.translate("Session", "Add point"))

    def move_example(self, row: int, x: np.ndarray | tuple[float, ...], *,
                     continuing: bool = False) -> None:
        """Move one example; moves with continuing=True merge into the previous move."""
        self._check_rows([row])
        after, trainer = self._prepare(lambda: self._state.with_example_moved(row, x))
        self.undo_stack.push(_MoveCommand(
            self, self._state, after, QCoreApplication.translate("Session", "Move point"),
            trainer, row, continuing))

    def set_label(self, row: int, label: int) -> None:
        self._check_rows([row])
        if int(label) != self._state.dataset.labels[row]:
            self._push(lambda: self._state.with_label(row, label),
                       self.tr("Change a point's class"))

    def remove_examples(self, rows: list[int] | np.ndarray) -> None:
        self._check_rows(rows)
        if np.asarray(rows).size:
            self._push(lambda: self._state.without_examples(rows),
                       QCoreApplication.translate("Session", "Delete point(s)"))

    def clear(self) -> None:
        """An empty canvas of the same classes; the points clicked onto it all train."""
        ds = self._state.dataset
        self._push(lambda: ClassDataState.hand_made(ClassDataset.empty(ds.class_names,
                                                                       ds.feature_names)),
                   QCoreApplication.translate("Session", "Clear data"))

    def generate(self, k: int, n: int, *, spread: float = 1.0, separable: bool = False,
                 seed: int | None = None, val_fraction: float = DEFAULT_VAL_FRACTION) -> None:
        """k Gaussian clusters (core.gaussian_clusters); the hyperparameters' seed by default,
        which also draws the validation rows."""
        seed = self._hyper.seed if seed is None else seed
        self._push(lambda: ClassDataState.split(
            gaussian_clusters(k, n, spread=spread, separable=separable, seed=seed),
            val_fraction, seed), QCoreApplication.translate("Session", "Generate data"))

    def load_dataset(self, dataset: ClassDataset, text: str,
                     val_fraction: float = DEFAULT_VAL_FRACTION) -> None:
        """Replace the data with a loaded data set (a CSV file, the digits, iris): undoable;
        `val_fraction` of it is held out, drawn with the hyperparameters' seed."""
        self._push(lambda: ClassDataState.split(dataset, val_fraction, self._hyper.seed), text)

    def set_validation_fraction(self, fraction: float) -> None:
        """Split the examples afresh (seeded by the hyperparameters): undoable; more than
        half is refused."""
        if fraction != self._state.val_fraction:
            self._push(lambda: self._state.with_split(fraction, self._hyper.seed),
                       QCoreApplication.translate("Session", "Change validation share"))

    def _check_rows(self, rows: list[int] | np.ndarray) -> None:
        """A request for a point that is not there is refused in words."""
        n = self._state.dataset.n_examples
        for row in np.asarray(rows).ravel():
            if not (isinstance(row, (int, np.integer)) and 0 <= row < n):
                raise RefusedChange(QCoreApplication.translate(
                    "Session", "There is no point %1 any more: the data have %2 points.")
                    .replace("%1", str(row)).replace("%2", str(n)))

    def _push(self, make: Callable[[], ClassDataState], text: str) -> None:
        after, trainer = self._prepare(make)
        self.undo_stack.push(_SetDataCommand(self, self._state, after, text, trainer))

    def _prepare(self, make: Callable[[], ClassDataState],
                 ) -> tuple[ClassDataState, SoftmaxTrainer]:
        """Build the data set a change leads to and its trainer, without changing anything."""
        try:
            data = make()
        except _DATA_ERRORS as err:
            raise RefusedChange(_cannot_use(str(err) or type(err).__name__)) from err
        return data, self._make_trainer(data, self._hyper, keep=self._trainer)

    def _commit_data(self, data: ClassDataState, trainer: SoftmaxTrainer | None) -> None:
        """Make built data current (undo commands only); cannot fail."""
        if trainer is None:
            trainer = self._make_trainer(data, self._hyper, keep=self._trainer)
        self._state, self._trainer, self._reference = data, trainer, None
        self._divergence_reported = False
        self.datasetChanged.emit()
        self.stateChanged.emit()
        self._announce_divergence()

    # ----- training ---------------------------------------------------------------------
    def step(self, num_steps: int = 1) -> int:
        """Run num_steps minibatch updates; one stateChanged. Returns the steps done.
        After a rewind the run's own steps are repeated first, bit for bit."""
        done = self._advance(num_steps)
        self._notify()
        return done

    def can_train(self) -> bool:
        """Whether a step can do anything: training rows, and not diverged."""
        return bool(self._trainer.n_examples) and not self._trainer.diverged

    def trainer_step_only(self, num_steps: int) -> int:
        """The updates without the redraw signal: the run loop times the two apart."""
        return self._advance(num_steps) if self.can_train() else 0

    def notify_steps(self) -> None:
        """Tell the views that training moved: one stateChanged, and diverged once."""
        self._notify()

    def step_epoch(self) -> int:
        trainer = self._trainer
        done = self._advance(trainer.steps_to_epoch(trainer.epoch + 1))
        self._notify()
        return done

    def _advance(self, num_steps: int) -> int:
        """The updates alone, through the timeline (no signal): every way of stepping,
        the run loop's included, goes through here so that rewind stays exact."""
        if num_steps <= 0 or self._trainer.diverged:
            return 0
        return self._timeline.step(num_steps)

    def reset(self) -> None:
        """Start training afresh from the chosen initialisation; the data stay."""
        self._trainer = self._make_trainer(self._state, self._hyper, keep=None)
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
        self._apply_live_settings()
        self.hyperparametersChanged.emit()

    def set_stable(self, stable: bool) -> None:
        """Log-sum-exp (True) or d2l 3.6's naive formulas (False), from the next step on."""
        if bool(stable) != self._stable:
            self._stable = bool(stable)
            self._apply_live_settings()
            self.hyperparametersChanged.emit()

    def _apply_live_settings(self) -> None:
        """A change made while an earlier step is shown continues the run from there."""
        self._timeline.keep_shown()
        t, h = self._trainer, self._hyper
        t.lr, t.batch_size, t.shuffle, t.stable = h.lr, h.batch_size, h.shuffle, self._stable
        self._timeline.settings_changed()

    # ----- building a trainer (off to the side; nothing changes here) ---------------------
    def _make_trainer(self, data: ClassDataState, hyper: Hyperparameters,
                      keep: SoftmaxTrainer | None, stable: bool | None = None,
                      ) -> SoftmaxTrainer:
        """A trainer on the training rows of `data` (validated on the others) that starts
        where `keep` stands when it fits (same features and classes, not diverged), else at
        the chosen initialisation; with the session's formula unless `stable` is given."""
        train, val = data.train_set, data.val_set
        d, k = train.n_features, train.num_classes
        fits = (keep is not None and not keep.diverged and keep.W.shape == (d, k))
        if fits and keep is not None:
            W0, b0 = keep.W, keep.b
        elif hyper.init == "zeros":
            W0, b0 = np.zeros((d, k)), np.zeros(k)
        else:
            W0, b0 = None, None
        try:
            return SoftmaxTrainer(train.X, train.labels, num_classes=k, lr=hyper.lr,
                                  batch_size=hyper.batch_size, shuffle=hyper.shuffle,
                                  seed=hyper.seed, W0=W0, b0=b0,
                                  stable=self._stable if stable is None else stable,
                                  **_validation(val))
        except _DATA_ERRORS as err:
            raise RefusedChange(_cannot_use(str(err) or type(err).__name__)) from err

    # ----- the step shown (rewinding it: gui.state.rewinding.Rewinding) ----------------
    def last_batch_rows(self) -> np.ndarray | None:
        """Dataset rows of the last minibatch (trainer.last_batch indexes the training rows);
        None before the first step."""
        batch = self._trainer.last_batch
        return None if batch is None else self._state.train_rows[batch]

    # ----- session files (gui/state/session_io.py) -----------------------------------------
    def snapshot(self) -> dict:
        """The classification half as values, for saving: {"data", "hyper", "stable",
        "trainer"}; trainer is SoftmaxTrainer.state() of the step shown."""
        return {"data": self._state, "hyper": self._hyper, "stable": self._stable,
                "trainer": self._trainer.state()}

    def prepare_restore(self, data: ClassDataState, hyper: Hyperparameters, stable: bool,
                        trainer_state: object) -> RestoredClassification:
        """Everything a saved classification half needs, built and checked, nothing changed.

        FieldError (a ValueError naming the field of the trainer state) when the state does
        not fit the data. The training continues with the saved hyperparameters and formula.
        """
        train, val = data.train_set, data.val_set
        try:
            trainer = SoftmaxTrainer.from_state(train.X, train.labels, trainer_state,
                                                **_validation(val))
        except FieldError:
            raise
        except _DATA_ERRORS as err:
            raise FieldError("", str(err) or type(err).__name__) from None
        if trainer.num_classes != data.dataset.num_classes:
            raise FieldError("num_classes", f"must be {data.dataset.num_classes}, one per "
                             "class name of the data")
        trainer.lr, trainer.batch_size, trainer.shuffle = hyper.lr, hyper.batch_size, \
            hyper.shuffle
        trainer.stable = bool(stable)
        return RestoredClassification(data, hyper, bool(stable), trainer)

    def prepare_default(self) -> RestoredClassification:
        """A new session's classification half (for files saved before there was one)."""
        hyper = Hyperparameters(lr=0.1)
        data = _initial_state(None, hyper.seed)
        return RestoredClassification(data, hyper, True,
                                      self._make_trainer(data, hyper, keep=None, stable=True))

    def commit_restore(self, restored: RestoredClassification) -> None:
        """Become a prepared saved state; cannot fail. Opening is not an edit: the undo
        history is cleared. Emits datasetChanged, hyperparametersChanged and stateChanged
        once each, then diverged(reason) if the saved run had diverged."""
        self.undo_stack.clear()
        self._state, self._hyper, self._stable = restored.data, restored.hyper, restored.stable
        self._trainer, self._reference = restored.trainer, None
        self._divergence_reported = restored.trainer.diverged
        self.datasetChanged.emit()
        self.hyperparametersChanged.emit()
        self.stateChanged.emit()
        if restored.trainer.diverged:
            self.diverged.emit(restored.trainer.divergence_reason or "")

    def restore(self, data: ClassDataState, hyper: Hyperparameters, stable: bool,
                trainer_state: object) -> None:
        """prepare_restore, then commit_restore: all or nothing."""
        self.commit_restore(self.prepare_restore(data, hyper, stable, trainer_state))


@dataclass(frozen=True)
class RestoredClassification:
    """A saved classification half, built and checked, waiting to be committed (so that a
    session file's two halves open together or not at all)."""

    data: ClassDataState
    hyper: Hyperparameters
    stable: bool
    trainer: SoftmaxTrainer


def _initial_state(data: ClassDataset | ClassDataState | None, seed: int) -> ClassDataState:
    if isinstance(data, ClassDataState):
        return data
    if data is not None:
        return ClassDataState.hand_made(data)
    clusters = gaussian_clusters(3, 90, spread=2.0, seed=seed)
    return ClassDataState.split(clusters, DEFAULT_VAL_FRACTION, seed)


def _validation(val: ClassDataset) -> dict[str, np.ndarray]:
    """The trainer's validation arguments (none without validation rows)."""
    return {"X_val": val.X, "labels_val": val.labels} if val.n_examples else {}
