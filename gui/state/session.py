"""The one holder of the lab's mutable state and the one place app-level signals come from.

Views never change the model: they emit requests that the main window routes here. Every
change is a transaction: the complete new state (data, split, statistics, analytical
solution, trainer) is built off to the side first, and only when all of it succeeded is it
committed, pushed as an undo command and announced. A refused change raises RefusedChange
with a message for the learner and leaves everything as it was; undo commands only swap
states that were already built, so undo and redo cannot fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TypeVar
from weakref import WeakKeyDictionary

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from linreg_lab import core
from linreg_lab.core.epoch_order import table_of
from linreg_lab.core.limits import MAX_ABS_VALUE
from linreg_lab.core.notation import step_factor
from linreg_lab.core.stability import LearningRateCheck, StabilityLimits
from linreg_lab.core.standardized import StandardizedTrainer
from linreg_lab.core.timeline import Timeline
from linreg_lab.gui.state.data_state import DataState, GenerationSpec, RecipeInfo
from linreg_lab.gui.state.edits import Edit, edited_stats
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.pacing import Pacing
from linreg_lab.gui.state.rewinding import Rewinding
from linreg_lab.gui.state.run_elsewhere import RunElsewhere
from linreg_lab.gui.state.undo_history import UndoHistory

T = TypeVar("T")
# Up to this many training entries n·(d+1) an edit is solved exactly at once (QR, refined:
# about a millisecond); above it, statistics and optimum are updated in O(d²) and the exact
# rebuild waits until editing pauses for SETTLE_MS.
EXACT_ENTRIES = 4096
SETTLE_MS = 300
Background = Callable[[Callable[[], object], Callable[[object], None], str], None]
"""run(compute, done, kind): compute() off the GUI thread, then done(its result) on it; a
newer call of the same kind may take the place of one still waiting."""
WARM_ON_WORKER_ENTRIES = 1 << 18  # a bigger table [X, 1, −y] is built on the worker (~15 ms)
_COMPUTE_ERRORS = (ArithmeticError, ValueError, np.linalg.LinAlgError, MemoryError)
# Building new data also meets the core's argument checks: a row that is not there (a stale
# view's request) is an IndexError, a value of the wrong kind a TypeError. Refused, not raised.
_DATA_ERRORS = (*_COMPUTE_ERRORS, LookupError, TypeError)


def _ignore(fraction: float) -> None:
    """A progress callback for builds nobody watches."""


class RefusedChange(ValueError):
    """A requested change the Session refused: nothing changed; the message says why."""


@contextmanager
def _refusing(wording: Callable[[str], str],
              errors: tuple[type[BaseException], ...] = _COMPUTE_ERRORS) -> Iterator[None]:
    """Turn any failure of building a new state into one RefusedChange for the learner."""
    try:
        yield
    except RefusedChange:
        raise
    except errors as err:
        raise RefusedChange(wording(str(err) or type(err).__name__)) from err


def _cannot_use(detail: str) -> str:
    return QCoreApplication.translate("Session", "The lab cannot use these data: %1").replace(
        "%1", detail)


@dataclass(frozen=True)
class Solution:
    """The analytical optimum of the training data and what it costs there."""

    lstsq: core.LstsqSolution
    train_loss: float
    val_loss: float | None


@dataclass(frozen=True, eq=False)
class _Derived:
    """A DataState with everything that follows from it alone (immutable, so undo keeps it)."""

    data: DataState
    solution: Solution
    stats: core.SufficientStats
    val_stats: core.SufficientStats | None
    exact: bool = True  # False: updated from the previous state by an edit, to rounding
    stability: StabilityLimits | None = None  # an edit's update of the known limits


@dataclass(frozen=True)
class _Start:
    """Where a trainer stood, as _make_trainer's `keep` reads it (w, b, diverged): a copy,
    so a build on a worker thread never reads a trainer the GUI thread is stepping."""

    w: np.ndarray
    b: float
    diverged: bool

    @classmethod
    def of(cls, trainer: core.SGDTrainer) -> _Start:
        return cls(trainer.w.copy(), float(trainer.b), bool(trainer.diverged))


@dataclass(frozen=True, eq=False)
class PreparedChange:
    """A data change built completely (data, solution, trainer), waiting to be committed by
    Session.commit(); building it changed nothing."""

    after: _Derived
    trainer: core.SGDTrainer
    text: str
    hyper: Hyperparameters  # the hyperparameters the trainer was built with

    @property
    def data(self) -> DataState:
        return self.after.data


class ChangeBuilder:
    """Builds a data change from what it captured of the Session on the GUI thread (the
    hyperparameters, where training stands, the number of features), so that build() can
    run on a worker thread: it reads no mutable state and changes nothing. build() raises
    RefusedChange as the synchronous requests do."""

    def __init__(self, session: Session, text: str) -> None:
        self._session, self.text = session, text
        self._hyper = session.hyper
        self._start = _Start.of(session.trainer)
        self._n_features = session.dataset.n_features

    def build(self, make: Callable[[], DataState], progress: Callable[[float], None] = _ignore,
              should_cancel: Callable[[], bool] = lambda: False) -> PreparedChange | None:
        """The complete new state; None when should_cancel() said stop between its steps."""
        s = self._session
        with _refusing(_cannot_use, _DATA_ERRORS), np.errstate(over="raise", invalid="raise"):
            data = make()
        progress(0.3)
        if should_cancel():
            return None
        derived = s._derive(data)
        progress(0.6)
        if should_cancel():
            return None
        keep = self._start if data.dataset.n_features == self._n_features else None
        trainer = s._make_trainer(derived, self._hyper, keep=keep)
        if type(trainer) is core.SGDTrainer and derived.data.n_train:
            # the pass the commit's turn would make for its η check (~25 ms at 10⁶ rows); the
            # table [X, 1, −y] is built after the commit, on the worker too (_warm_trainer)
            trainer.stability_limits  # noqa: B018 - built on first read
        progress(1.0)
        return None if should_cancel() else PreparedChange(derived, trainer, self.text,
                                                           self._hyper)


class _SetDataCommand:
    """Swap between two states built beforehand: redo applies `after`, undo `before`."""

    def __init__(self, session: Session, before: _Derived, after: _Derived, text: str,
                 trainer: core.SGDTrainer):
        self._session, self._before, self._after, self._text = session, before, after, text
        self._trainer: core.SGDTrainer | None = trainer  # built for the first redo

    def text(self) -> str:
        return self._text

    def kept(self) -> tuple[DataState, DataState]:
        return self._before.data, self._after.data

    def redo(self) -> None:
        trainer, self._trainer = self._trainer, None
        self._session._commit_data(self._after, trainer)

    def undo(self) -> None:
        self._session._commit_data(self._before, None)

    def merge_with(self, other: object) -> bool:
        return False


class _MoveCommand(_SetDataCommand):
    """A drag moves a point many times; the moves of one drag merge into one undo step."""

    def __init__(self, session: Session, before: _Derived, after: _Derived, text: str,
                 trainer: core.SGDTrainer, row: int, continuing: bool):
        super().__init__(session, before, after, text, trainer)
        self.row, self.continuing = row, continuing

    def merge_with(self, other: object) -> bool:
        if not (isinstance(other, _MoveCommand) and other.continuing and other.row == self.row):
            return False
        self._after = other._after
        return True


class Session(Rewinding, QObject):
    """Dataset, split, trainer, hyperparameters and undo stack of one lab session."""

    datasetChanged = Signal()
    stateChanged = Signal()
    hyperparametersChanged = Signal()
    diverged = Signal(str)
    yourLineChanged = Signal()
    runLost = Signal(int)  # the training process failed; the run is back at this step

    def __init__(self, data: DataState | None = None, hyper: Hyperparameters | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = UndoHistory(self, current=lambda: self._derived.data)
        self.pacing = Pacing(self)  # set by the run loop while it runs
        self._hyper = hyper or Hyperparameters()
        data = data or DataState.generated(GenerationSpec(), self._hyper.seed)
        self._derived = self._derive(data)
        self._trainer = self._make_trainer(self._derived, self._hyper, keep=None)
        self._elsewhere = RunElsewhere(lambda: self._timeline, self._run_lost)
        self._divergence_reported = False
        self._your_line: tuple[np.ndarray, float] | None = None
        # exact states of ones edits updated incrementally (undo may bring those back)
        self._exact: WeakKeyDictionary[_Derived, _Derived] = WeakKeyDictionary()
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.timeout.connect(self._settle_when_idle)
        self._background: Background | None = None
        self._warm_timer = QTimer(self)  # a new trainer's table, built in the next idle turn
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_trainer)
        self._warm_timer.start(0)

    # ----- read-only views of the state -------------------------------------------------
    @property
    def data(self) -> DataState:
        return self._derived.data

    @property
    def dataset(self) -> core.Dataset:
        return self._derived.data.dataset

    @property
    def hyper(self) -> Hyperparameters:
        return self._hyper

    @property
    def trainer(self) -> core.SGDTrainer:
        """The trainer at the step shown (an earlier one after a rewind)."""
        return self._timeline.shown

    @property
    def _trainer(self) -> core.SGDTrainer:
        return self._timeline.shown

    @_trainer.setter
    def _trainer(self, trainer: core.SGDTrainer) -> None:
        """A new run (reset, new data, a reopened session): its timeline starts here."""
        timeline = getattr(self, "_timeline", None)
        if timeline is None or trainer is not timeline.shown:
            self._timeline = Timeline(trainer)

    @property
    def solution(self) -> Solution:
        return self._derived.solution

    @property
    def stats(self) -> core.SufficientStats:
        """Sufficient statistics of the training examples (landscape, fast losses)."""
        return self._derived.stats

    @property
    def val_stats(self) -> core.SufficientStats | None:
        """Sufficient statistics of the validation examples (None without any)."""
        return self._derived.val_stats

    def last_batch_rows(self) -> np.ndarray:
        """Rows of the dataset (not of the training subset) in the last minibatch."""
        batch = self._trainer.last_batch
        if batch is None:
            return np.empty(0, dtype=np.intp)
        return self.data.train_rows[batch]

    def stability_limit(self) -> float:
        """2/λmax of the data the trainer sees (standardised ones when that option is on)."""
        return self._trainer.stability_limit() if self.data.n_train else float("inf")

    def lr_is_unstable(self) -> bool:
        """True when the learning rate exceeds the full-batch stability limit 2/λmax."""
        return self._hyper.loss == "squared" and self._hyper.lr > self.stability_limit()

    def learning_rate_check(self) -> LearningRateCheck:
        """η against the full-batch limit and the minibatch limit of the batch size in use
        (core.stability), with the one learning rate the app suggests."""
        n, h = self.data.n_train, self._hyper
        full = self.stability_limit()
        batch = self._trainer.stability_limit(h.batch_size) if n else full
        if n and isinstance(self._trainer, core.SGDTrainer):  # shared by the next runs on X
            self.data.trainer_parts.setdefault("stability", self._trainer.stability_limits)
        # limits on the η typed: a summed update takes steps |B| times larger (η × |B|)
        factor = step_factor(h.update, min(h.batch_size, n), h.batch_size) if n else 1.0
        return LearningRateCheck(h.lr, h.batch_size, n, full / factor, batch / factor)

    def lr_risk(self) -> str | None:
        """Whether a run at this η is at risk of diverging (see LearningRateCheck.risk); only
        for the squared loss, whose curvature the limits measure."""
        return self.learning_rate_check().risk if self._hyper.loss == "squared" else None

    # ----- your line: (w, b) set by hand --------------------------------------------------
    # A view setting, not a data edit: it is not on the undo stack (a drag would fill it)
    # and not saved in session files. It is dropped when the number of features changes.
    @property
    def your_line(self) -> tuple[np.ndarray, float] | None:
        """The learner's own (w, b), or None before one was set."""
        if self._your_line is None:
            return None
        w, b = self._your_line
        return w.copy(), b

    def set_your_line(self, w: float | np.ndarray, b: float) -> None:
        """Set the learner's line; numbers that are not finite and moderate are refused."""
        d = self.dataset.n_features
        try:
            w_arr = np.atleast_1d(np.asarray(w, dtype=float)).ravel()
            values = np.append(w_arr, float(b))
        except (TypeError, ValueError):
            values = w_arr = np.array([np.nan])
        if w_arr.size != d or not (np.isfinite(values).all()
                                   and np.abs(values).max() <= MAX_ABS_VALUE):
            raise RefusedChange(self.tr("Your line needs %1 finite weight(s) and a finite "
                                        "bias between −1e100 and 1e100.").replace("%1", str(d)))
        if self._your_line is not None and self._your_line[1] == float(b) and np.array_equal(
                self._your_line[0], w_arr):
            return
        self._your_line = (w_arr, float(b))
        self.yourLineChanged.emit()

    def ensure_your_line(self) -> None:
        """Give the learner a line to start from: flat, through the mean label (R² = 0)."""
        if self._your_line is None:
            mean_y = self.stats.mean_y if self.data.n_train else 0.0
            self.set_your_line(np.zeros(self.dataset.n_features),
                               float(mean_y) if np.isfinite(mean_y) else 0.0)

    def snap_your_line(self) -> None:
        """Your line := the analytical solution of the training data."""
        if not self.data.n_train:
            raise RefusedChange(self.tr("There are no training data to fit."))
        self.set_your_line(self.solution.lstsq.w, self.solution.lstsq.b)

    def start_sgd_from_your_line(self) -> None:
        """Training starts afresh at your line: the initialisation becomes that point."""
        if self._your_line is None:
            raise RefusedChange(self.tr("Set your line first."))
        w, b = self._your_line
        self.set_hyperparameters(init="point", init_w=tuple(float(v) for v in w), init_b=b)
        self.reset()

    def _drop_unfit_your_line(self) -> None:
        """Data with another number of features make the line meaningless: forget it."""
        if self._your_line is not None and self._your_line[0].size != self.dataset.n_features:
            self._your_line = None
            self.yourLineChanged.emit()

    # ----- data edits (all undoable; a refused one raises RefusedChange) ------------------
    def add_example(self, x: float | np.ndarray, y: float) -> None:
        self._push(lambda: self.data.with_example(x, y), self.tr("Add point"),
                   Edit.added(self.data, x, y))

    def move_example(self, row: int, x: float | np.ndarray, y: float, *,
                     continuing: bool = False) -> None:
        """Move one example; moves with continuing=True merge into the previous move."""
        self._check_rows([row])
        after, trainer = self._prepare(lambda: self.data.with_example_moved(row, x, y),
                                       edit=Edit.moved(self.data, row, x, y))
        self.undo_stack.push(_MoveCommand(self, self._derived, after, self.tr("Move point"),
                                          trainer, row, continuing))

    def remove_examples(self, rows: list[int] | np.ndarray) -> None:
        self._check_rows(rows)
        rows = np.asarray(rows, dtype=np.intp)
        if rows.size:
            edit = Edit.removed(self.data, int(rows[0])) if rows.size == 1 else None
            self._push(lambda: self.data.without_examples(rows), self.tr("Delete point(s)"),
                       edit)

    def _check_rows(self, rows: list[int] | np.ndarray) -> None:
        """A request for a point that is not there (a view that has not caught up with an
        undo, say) is refused in words."""
        n = self.dataset.n_examples
        for row in np.asarray(rows).ravel():
            if not (isinstance(row, (int, np.integer)) and 0 <= row < n):
                raise RefusedChange(self.tr("There is no point %1 any more: the data have %2 "
                                            "points.").replace("%1", str(row))
                                    .replace("%2", str(n)))

    def clear(self) -> None:
        self._push(lambda: DataState.empty(self.dataset.n_features), self.tr("Clear data"))

    def generate(self, spec: GenerationSpec) -> None:
        self.commit(self.generate_builder().build(lambda: DataState.generated(spec, spec.seed)))

    def generate_builder(self) -> ChangeBuilder:
        """A builder for Generate, to run build(lambda: DataState.generated(spec, spec.seed))
        off the GUI thread for large data; commit() its result."""
        return ChangeBuilder(self, self.tr("Generate data"))

    def load_builder(self, text: str, val_fraction: float | None = None) -> tuple[
            ChangeBuilder, Callable[[core.Dataset, np.ndarray | None], DataState]]:
        """For loading a data set off the GUI thread: a builder and the function that makes
        the DataState of a loaded dataset and its split column (as load_dataset does)."""
        share = self.data.val_fraction if val_fraction is None else val_fraction
        seed = self._hyper.seed
        return ChangeBuilder(self, text), lambda dataset, val_mask: DataState.from_dataset(
            dataset, share, seed, val_mask)

    def commit(self, prepared: PreparedChange | None) -> None:
        """Make a built change current, as one undo step (on the GUI thread).

        Requests that came while it was being built have happened: an edit is undone with
        the rest of the old data, and hyperparameters changed meanwhile reach the new trainer
        as they reach a trainer when set (live ones without a reset). None does nothing.
        """
        if prepared is None:
            return
        trainer = prepared.trainer
        if prepared.hyper != self._hyper:
            if prepared.hyper.standardize != self._hyper.standardize:
                trainer = self._make_trainer(prepared.after, self._hyper,
                                             keep=_Start.of(trainer))
            else:
                self._apply_live_to(trainer)
        self.undo_stack.push(_SetDataCommand(self, self._derived, prepared.after,
                                             prepared.text, trainer))

    def set_validation_fraction(self, fraction: float) -> None:
        if fraction != self.data.val_fraction:
            self._push(lambda: self.data.with_split(fraction, self._hyper.seed),
                       self.tr("Change validation share"))

    def load_dataset(self, dataset: core.Dataset, text: str,
                     val_fraction: float | None = None,
                     val_mask: np.ndarray | None = None) -> None:
        """Replace the data with a loaded dataset (undoable): split as val_mask says (a CSV
        file's split column) or, without one, by `val_fraction` (default: the current
        validation share)."""
        builder, make = self.load_builder(text, val_fraction)
        self.commit(builder.build(lambda: make(dataset, val_mask)))

    def apply_preset(self, hyper: Hyperparameters, data: GenerationSpec | core.Dataset,
                     title: str, val_fraction: float | None = None,
                     recipe: RecipeInfo | None = None) -> None:
        """A lesson's preset: its hyperparameters, its data as one undo step named `title`,
        then training from the start. Undo brings the previous data back. recipe: how a
        dataset given as such was made (its numbers and true line), if it was.

        Hyperparameters come first: their seed decides a recipe's validation split. The data
        are built and checked before anything changes, so a refused preset changes nothing.
        """
        seed = hyper.seed
        if isinstance(data, GenerationSpec):
            after, trainer = self._prepare(lambda: DataState.generated(data, data.seed), hyper)
        else:
            share = self.data.val_fraction if val_fraction is None else val_fraction
            after, trainer = self._prepare(
                lambda: DataState.from_recipe(data, share, seed, recipe) if recipe
                else DataState.from_dataset(data, share, seed), hyper)
        self.set_hyperparameters(**{f: getattr(hyper, f) for f in hyper.__dataclass_fields__})
        self.undo_stack.push(_SetDataCommand(self, self._derived, after, title, trainer))
        self.reset()

    def _push(self, make: Callable[[], DataState], text: str, edit: Edit | None = None) -> None:
        after, trainer = self._prepare(make, edit=edit)
        self.undo_stack.push(_SetDataCommand(self, self._derived, after, text, trainer))

    def _prepare(self, make: Callable[[], DataState], hyper: Hyperparameters | None = None,
                 edit: Edit | None = None) -> tuple[_Derived, core.SGDTrainer]:
        """Build the whole state a data change leads to, without changing anything.

        An edit of one point on large data updates the statistics and the optimum from the
        current ones (O(d²), no pass over the data); settle() makes it exact later.
        """
        with _refusing(_cannot_use, _DATA_ERRORS), np.errstate(over="raise", invalid="raise"):
            data = make()
        derived = self._derive_edit(data, edit) if edit is not None else None
        derived = derived or self._derive(data)
        keep = self._trainer if data.dataset.n_features == self.dataset.n_features else None
        return derived, self._make_trainer(derived, hyper or self._hyper, keep=keep)

    def _commit_data(self, derived: _Derived, trainer: core.SGDTrainer | None) -> None:
        """Make a built state current (undo commands only); cannot fail."""
        self._elsewhere.changed()
        exact = self._exact.get(derived)
        if exact is not None:  # undo or redo back to a state that was settled since
            derived, trainer = exact, None
        if trainer is None:
            trainer = self._rebuilt_trainer(derived)
        self._derived, self._trainer = derived, trainer
        self._divergence_reported = False
        if derived.exact:
            self._settle_timer.stop()
        else:
            self._settle_timer.start(SETTLE_MS)
        self._drop_unfit_your_line()
        self._warm_timer.start(0)
        self.datasetChanged.emit()
        self.stateChanged.emit()
        self._announce_divergence()

    def _warm_trainer(self) -> None:
        """Build the current trainer's table now, in a turn of its own: the edit's turn did
        not (it may never step), and the first Step would otherwise pay it with its shuffle
        (~55 ms and ~50 ms at 10⁶ rows, one stall of both)."""
        trainer, data = self._trainer, self.data
        if (type(trainer) is not core.SGDTrainer or not data.n_train
                or trainer.known_table is not None):
            return
        train = data.train_set
        if self._background is None or train.X.size + 2 * len(train.y) < WARM_ON_WORKER_ENTRIES:
            trainer.table  # noqa: B018 - built on first read
            self._share_table(data.trainer_parts, trainer)
            return

        def take(table: np.ndarray) -> None:  # unless a step built one first
            if trainer.offer_table(table):
                self._share_table(data.trainer_parts, trainer)

        # ~55 ms at 10⁶ rows (fresh pages): built off the GUI thread
        self._background(lambda: table_of(train.X, train.y), take, "table")

    @property
    def settled(self) -> bool:
        """False while the state comes from edits updated in O(d²), not yet rebuilt exactly."""
        return self._derived.exact

    def set_background(self, run: Background | None) -> None:
        """Where the exact rebuild after edits and a big trainer's table are made:
        `run(compute, done, kind)` calls compute() off the GUI thread and done(result) back
        on it (the window's worker); None makes them in the idle turn itself. At 10⁶ rows
        they are ~100 and ~55 ms, stalls after a drag."""
        self._background = run

    def _settle_when_idle(self) -> None:
        current = self._derived
        if current.exact:
            return
        if self._background is None:
            self.settle()
            return
        self._background(lambda: self._exact_of(current),
                         lambda exact: self._take_exact(current, exact), "settle")

    def settle(self) -> None:
        """Rebuild a state that edits updated incrementally exactly from the data (QR), once
        editing pauses; it agrees with the incremental one to rounding. The trainer keeps
        its parameters and steps and takes the exact statistics."""
        self._settle_timer.stop()
        current = self._derived
        if not current.exact:
            self._take_exact(current, self._exact_of(current))

    def _exact_of(self, current: _Derived) -> _Derived | None:
        """The exact state of `current`'s data (reads nothing mutable: runs on a worker);
        None only for a pathological rounding (the edit accepted these data)."""
        try:
            return self._derive(current.data, checked=True)
        except RefusedChange:
            return None

    def _take_exact(self, current: _Derived, exact: _Derived | None) -> None:
        """Make the exact state current, unless another change came first (undo may still
        bring `current` back: its exact state is kept for it)."""
        if exact is None:
            return
        self._exact[current] = exact
        if self._derived is not current:
            return
        self._elsewhere.changed()  # the trainer takes the exact statistics
        self._settle_timer.stop()
        self._derived = exact
        if type(self._trainer) is core.SGDTrainer and self._trainer.stats is current.stats:
            self._trainer.replace_stats(exact.stats, exact.val_stats)
        self.datasetChanged.emit()
        self.stateChanged.emit()

    # ----- training ---------------------------------------------------------------------
    def step(self, num_steps: int = 1) -> int:
        """Run num_steps minibatch updates; emits one stateChanged. Returns steps done."""
        done = self.trainer_step_only(num_steps)
        self.notify_steps()
        return done

    def can_train(self) -> bool:
        """Whether a step can do anything: training data, and not diverged."""
        return bool(self.data.n_train) and not self._trainer.diverged

    def trainer_step_only(self, num_steps: int) -> int:
        """The SGD updates without the redraw signal: the run loop times the two apart.
        After a rewind the run's own steps are repeated first, bit for bit."""
        self._elsewhere.take_back()
        return self._timeline.step(num_steps) if num_steps > 0 and self.can_train() else 0

    def notify_steps(self) -> None:
        """Tell the views that training moved: one stateChanged, and diverged once."""
        self._share_table(self.data.trainer_parts, self._trainer)
        self._announce_divergence()
        self.stateChanged.emit()

    # ----- the training process (core.run_process) ---------------------------------------
    def set_training_process(self, process: core.TrainingProcess | None) -> None:
        """Where a run at full speed may go on, at the headless rate (the window's process
        shares its one thread between SGD and drawing); None keeps every run here."""
        self._elsewhere.take_back()
        self._elsewhere.process = process

    @property
    def training_process(self) -> core.TrainingProcess | None:
        return self._elsewhere.process

    def hand_over(self, stop_epoch: int | None) -> bool:
        """Go on with the run in the training process, up to `stop_epoch` (None: until
        taken back); False if it steps here (see RunElsewhere)."""
        return self._elsewhere.hand_over(stop_epoch)

    def follow_elsewhere(self) -> tuple[int, bool]:
        """The run in the training process so far: (steps gained, whether it is over). The
        caller announces them (notify_steps)."""
        return self._elsewhere.follow()

    def take_back(self) -> None:
        """The run comes back from the training process, exact (the caller announces it)."""
        self._elsewhere.take_back()

    def _run_lost(self, timeline: Timeline) -> None:
        """The training process failed: the run goes on from where it was handed over."""
        self._timeline = timeline
        self.stateChanged.emit()
        self.runLost.emit(timeline.head.steps)

    def _before_rewind(self) -> None:
        self._elsewhere.changed()

    @staticmethod
    def _share_table(parts: dict, trainer: core.SGDTrainer | StandardizedTrainer) -> None:
        """Keep a trainer's table [X, 1, −y] with its data once it exists (its first step
        builds it): a new run on these data, after an undo or a reset, then shares it."""
        # only a plain trainer's: a standardised one's table holds the standardised data
        if "table" not in parts and type(trainer) is core.SGDTrainer:
            table = trainer.known_table
            if table is not None:
                parts["table"] = table

    def _announce_divergence(self) -> None:
        """diverged(reason), once per trainer: after steps, or for a trainer that starts
        diverged (a starting point or loss whose value overflows on these data)."""
        if self._trainer.diverged and not self._divergence_reported:
            self._divergence_reported = True
            self.diverged.emit(self._trainer.divergence_reason or "")

    def step_epoch(self) -> int:
        self._elsewhere.take_back()
        if self._trainer.diverged or not self.data.n_train:
            return 0
        trainer = self._trainer
        done = self._timeline.step(trainer.steps_to_epoch(trainer.epoch + 1))
        self.notify_steps()
        return done

    def reset(self) -> None:
        """Start training afresh from the chosen initialisation; the data stay."""
        self._elsewhere.changed()
        self._trainer = self._make_trainer(self._derived, self._hyper, keep=None)
        self._divergence_reported = False
        self.stateChanged.emit()
        self._announce_divergence()

    # ----- hyperparameters --------------------------------------------------------------
    def set_hyperparameters(self, **changes: object) -> None:
        """Change hyperparameters; the live ones reach the trainer at once, without reset.

        A value out of range raises RefusedChange and changes nothing.
        """
        try:
            new = replace(self._hyper, **changes)
        except (TypeError, ValueError) as err:
            raise RefusedChange(str(err)) from err
        if new == self._hyper:
            return
        self._elsewhere.changed()
        rebuild = new.standardize != self._hyper.standardize  # same line, other parametrisation
        trainer = (self._make_trainer(self._derived, new, keep=self._trainer) if rebuild
                   else self._trainer)
        if trainer is not self._trainer:
            self._divergence_reported = False
        self._hyper, self._trainer = new, trainer
        self._apply_live_hyperparameters()
        self.hyperparametersChanged.emit()
        if rebuild:
            self.stateChanged.emit()
        self._announce_divergence()  # a loss whose value overflows where training stands

    def _apply_live_hyperparameters(self) -> None:
        """A change made while an earlier step is shown continues the run from there."""
        self._timeline.keep_shown()
        self._apply_live_to(self._trainer)
        self._timeline.settings_changed()

    def _apply_live_to(self, t: core.SGDTrainer) -> None:
        h = self._hyper
        t.lr, t.batch_size, t.shuffle = h.lr, h.batch_size, h.shuffle
        t.loss_name, t.huber_delta, t.update = h.loss, h.huber_delta, h.update

    # ----- building derived state (off to the side; nothing changes here) ----------------
    def _derive(self, data: DataState, checked: bool = False) -> _Derived:
        """Statistics and the analytical solution of `data`; RefusedChange if impossible.
        checked: the data were accepted already (their limits need no pass over them)."""
        problem = None if checked else data.problem()
        if problem is not None:
            raise RefusedChange(problem)
        train, val = data.train_set, data.val_set
        with _refusing(_cannot_use), np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            sol = core.least_squares(train.X, train.y)
            stats = core.SufficientStats.from_data(train.X, train.y, anchor_w=sol.w,
                                                   anchor_b=sol.b)
            val_stats = core.SufficientStats.from_data(
                val.X, val.y, anchor_w=sol.w, anchor_b=sol.b) if val.n_examples else None
        train_loss = stats.loss(sol.w, sol.b) if train.n_examples else float("nan")
        val_loss = val_stats.loss(sol.w, sol.b) if val_stats else None
        finite = np.isfinite(sol.w).all() and np.isfinite(sol.b)
        if not finite or (train.n_examples and not np.isfinite(train_loss)):
            raise RefusedChange(_cannot_use(self.tr(
                "the numbers are too large for the least-squares solution to be exact.")))
        return _Derived(data, Solution(sol, train_loss, val_loss), stats, val_stats)

    def _derive_edit(self, data: DataState, edit: Edit) -> _Derived | None:
        """`data` = the current data after `edit`, derived from the current state in O(d²);
        None when the exact path is cheap or the fast optimum is not clearly unique."""
        base = self._derived
        if data.n_train * (data.dataset.n_features + 1) <= EXACT_ENTRIES or not edit.fits(data):
            return None
        with _refusing(_cannot_use), np.errstate(over="ignore", invalid="ignore",
                                                 divide="ignore"):
            stats, val_stats = edited_stats(base.stats, base.val_stats, edit)
            # a validation example does not move the optimum of the training data
            sol = base.solution.lstsq if edit.validation else core.least_squares_from_stats(stats)
            if sol is None:
                return None
            train_loss = stats.loss(sol.w, sol.b)
            val_loss = val_stats.loss(sol.w, sol.b) if val_stats else None
        if not (np.isfinite(sol.w).all() and np.isfinite(sol.b) and np.isfinite(train_loss)):
            return None  # the exact path says why, in words
        return _Derived(data, Solution(sol, train_loss, val_loss), stats, val_stats, exact=False,
                        stability=self._edited_stability(edit))

    def _edited_stability(self, edit: Edit) -> StabilityLimits | None:
        """The learning-rate limits of the raw data after a training edit, from the current
        ones in O(d³) (a pass over 10⁶ rows is ~80 ms); None when they are not known yet."""
        trainer = self._trainer
        known = trainer.known_stability_limits if type(trainer) is core.SGDTrainer else None
        if known is None or edit.validation:
            return known
        return known.edited(None if edit.old is None else edit.old[0],
                            None if edit.new is None else edit.new[0])

    def _make_trainer(self, derived: _Derived, hyper: Hyperparameters,
                      keep: core.SGDTrainer | _Start | None) -> core.SGDTrainer:
        """A trainer on `derived`'s training data, starting where `keep` stands (if given and
        not diverged) or at the chosen initialisation; RefusedChange if impossible.

        Parameters kept from other data may be absurd for these (their loss overflows: the
        trainer would be diverged before its first step); then training starts afresh.
        """
        if keep is not None and not keep.diverged:
            trainer = self._new_trainer(derived, hyper, keep.w, keep.b)
            if not trainer.diverged:
                return trainer
        return self._new_trainer(derived, hyper,
                                 *hyper.initial_parameters(derived.data.dataset.n_features))

    def _new_trainer(self, derived: _Derived, hyper: Hyperparameters, w0: np.ndarray | None,
                     b0: float) -> core.SGDTrainer:
        train, val = derived.data.train_set, derived.data.val_set
        if hyper.standardize:
            trainer_class, known, parts = StandardizedTrainer, {}, None
        else:
            # what an earlier trainer on these data built (undo back to them), and statistics
            # an edit updated: the trainer takes them instead of passes over the data
            trainer_class, parts = core.SGDTrainer, derived.data.trainer_parts
            known = dict(parts) if derived.exact else {
                "stats": derived.stats, "val_stats": derived.val_stats,
                "stability": derived.stability,
                **{key: parts[key] for key in ("table", "stability") if key in parts}}
        with _refusing(_cannot_use):
            trainer = trainer_class(
                train.X, train.y, lr=hyper.lr, batch_size=hyper.batch_size,
                shuffle=hyper.shuffle, seed=hyper.seed, w0=w0, b0=b0, loss=hyper.loss,
                huber_delta=hyper.huber_delta, update=hyper.update,
                X_val=val.X if val.n_examples else None,
                y_val=val.y if val.n_examples else None, **known)
        if parts is not None:
            self._share_table(parts, trainer)
            if derived.exact and "stats" not in parts:  # its own, from the data: same bits
                parts["stats"], parts["val_stats"] = trainer.stats, trainer.val_stats
        return trainer

    def _rebuilt_trainer(self, derived: _Derived) -> core.SGDTrainer:
        """For undo and redo: these data were built once, so this only fails if the current
        parameters do not fit them; then training starts afresh on them."""
        same = derived.data.dataset.n_features == self.dataset.n_features
        try:
            return self._make_trainer(derived, self._hyper, self._trainer if same else None)
        except RefusedChange:
            return self._make_trainer(derived, self._hyper, keep=None)

    # ===== BEGIN session files: snapshot / restore (used by gui/state/session_io.py) ====
    def snapshot(self) -> dict:
        """The whole session as values, for saving: {"data", "hyper", "trainer"}.

        data and hyper are the immutable DataState and Hyperparameters; trainer is
        core.SGDTrainer.state(), plain JSON values. A state still being settled after an edit
        is settled first, so that saving it marks nothing modified afterwards.
        """
        self.settle()
        self._elsewhere.take_back()
        return {"data": self.data, "hyper": self._hyper, "trainer": self._trainer.state()}

    def restore(self, data: DataState, hyper: Hyperparameters, trainer_state: dict) -> None:
        """Become a saved session; training continues bit for bit where it stood.

        All or nothing: data the lab cannot use, or a trainer state that does not fit them,
        raise ValueError and change nothing. Opening a session is not an edit, so the undo
        stack is cleared (and left clean). Emits datasetChanged, hyperparametersChanged and
        stateChanged once each, then diverged(reason) if the saved run had diverged.
        """
        derived = self._derive(data)
        self._elsewhere.changed()
        train, val = data.train_set, data.val_set
        has_val = bool(val.n_examples)
        trainer_class = StandardizedTrainer if hyper.standardize else core.SGDTrainer
        trainer = trainer_class.from_state(
            train.X, train.y, trainer_state,
            X_val=val.X if has_val else None, y_val=val.y if has_val else None)
        trainer.lr, trainer.batch_size, trainer.shuffle = hyper.lr, hyper.batch_size, hyper.shuffle
        trainer.loss_name, trainer.huber_delta = hyper.loss, hyper.huber_delta
        trainer.update = hyper.update
        self.undo_stack.clear()
        self._settle_timer.stop()
        self._derived, self._hyper, self._trainer = derived, hyper, trainer
        self._divergence_reported = trainer.diverged
        self._drop_unfit_your_line()
        self.datasetChanged.emit()
        self.hyperparametersChanged.emit()
        self.stateChanged.emit()
        if trainer.diverged:
            self.diverged.emit(trainer.divergence_reason or "")
    # ===== END session files ============================================================
