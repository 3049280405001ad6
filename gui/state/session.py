"""The one holder of the lab's mutable state and the one place app-level signals come from.

Views never change the model: they emit requests that the main window routes here. Every data
edit goes through the undo stack as a snapshot of immutable values, so undo is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from linreg_lab import core
from linreg_lab.core.standardized import StandardizedTrainer
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters


@dataclass(frozen=True)
class Solution:
    """The analytical optimum of the training data and what it costs there."""

    lstsq: core.LstsqSolution
    train_loss: float
    val_loss: float | None


class _SetDataCommand(QUndoCommand):
    """Swap between two immutable data snapshots: redo applies `after`, undo `before`."""

    def __init__(self, session: Session, before: DataState, after: DataState, text: str):
        super().__init__(text)
        self._session, self._before, self._after = session, before, after

    def redo(self) -> None:
        self._session._apply_data(self._after)

    def undo(self) -> None:
        self._session._apply_data(self._before)


class _MoveCommand(_SetDataCommand):
    """A drag moves a point many times; the moves of one drag merge into one undo step."""

    ID = 1

    def __init__(self, session: Session, before: DataState, after: DataState, text: str,
                 row: int, continuing: bool):
        super().__init__(session, before, after, text)
        self.row, self.continuing = row, continuing

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, _MoveCommand) and other.continuing and other.row == self.row):
            return False
        self._after = other._after
        return True


class Session(QObject):
    """Dataset, split, trainer, hyperparameters and undo stack of one lab session."""

    datasetChanged = Signal()
    stateChanged = Signal()
    hyperparametersChanged = Signal()
    diverged = Signal(str)

    def __init__(self, data: DataState | None = None, hyper: Hyperparameters | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._hyper = hyper or Hyperparameters()
        self._data = data or DataState.generated(GenerationSpec(), self._hyper.seed)
        self._trainer: core.SGDTrainer
        self._solution: Solution
        self._stats: core.SufficientStats
        self._rebuild(keep_parameters=False)

    # ----- read-only views of the state -------------------------------------------------
    @property
    def data(self) -> DataState:
        return self._data

    @property
    def dataset(self) -> core.Dataset:
        return self._data.dataset

    @property
    def hyper(self) -> Hyperparameters:
        return self._hyper

    @property
    def trainer(self) -> core.SGDTrainer:
        return self._trainer

    @property
    def solution(self) -> Solution:
        return self._solution

    @property
    def stats(self) -> core.SufficientStats:
        """Sufficient statistics of the training examples (landscape, fast losses)."""
        return self._stats

    @property
    def val_stats(self) -> core.SufficientStats | None:
        """Sufficient statistics of the validation examples (None without any)."""
        return self._val_stats

    def last_batch_rows(self) -> np.ndarray:
        """Rows of the dataset (not of the training subset) in the last minibatch."""
        batch = self._trainer.last_batch
        if batch is None:
            return np.empty(0, dtype=np.intp)
        return self._data.train_rows[batch]

    def stability_limit(self) -> float:
        """2/λmax of the data the trainer sees (standardised ones when that option is on)."""
        return self._trainer.stability_limit() if self._data.n_train else float("inf")

    def lr_is_unstable(self) -> bool:
        """True when the learning rate exceeds the full-batch stability limit 2/λmax."""
        return self._hyper.loss == "squared" and self._hyper.lr > self.stability_limit()

    # ----- data edits (all undoable) ----------------------------------------------------
    def add_example(self, x: float | np.ndarray, y: float) -> None:
        self._push(self._data.with_example(x, y), self.tr("Add point"))

    def move_example(self, row: int, x: float | np.ndarray, y: float, *,
                     continuing: bool = False) -> None:
        """Move one example; moves with continuing=True merge into the previous move."""
        after = self._data.with_example_moved(row, x, y)
        self.undo_stack.push(_MoveCommand(self, self._data, after, self.tr("Move point"), row,
                                          continuing))

    def remove_examples(self, rows: list[int] | np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.intp)
        if rows.size:
            self._push(self._data.without_examples(rows), self.tr("Delete point(s)"))

    def clear(self) -> None:
        self._push(DataState.empty(self.dataset.n_features), self.tr("Clear data"))

    def generate(self, spec: GenerationSpec) -> None:
        self._push(DataState.generated(spec, spec.seed), self.tr("Generate data"))

    def set_validation_fraction(self, fraction: float) -> None:
        if fraction != self._data.val_fraction:
            self._push(self._data.with_split(fraction, self._hyper.seed),
                       self.tr("Change validation share"))

    def load_dataset(self, dataset: core.Dataset, text: str) -> None:
        """Replace the data with a loaded dataset (undoable); the split share is kept."""
        self._push(DataState.from_dataset(dataset, self._data.val_fraction, self._hyper.seed),
                   text)

    def apply_preset(self, hyper: Hyperparameters, data: GenerationSpec | core.Dataset,
                     title: str, val_fraction: float | None = None) -> None:
        """A lesson's preset: its hyperparameters, its data as one undo step named `title`,
        then training from the start. Undo brings the previous data back.

        Hyperparameters come first: their seed decides a recipe's validation split.
        """
        self.set_hyperparameters(**{f: getattr(hyper, f) for f in hyper.__dataclass_fields__})
        self.undo_stack.beginMacro(title)
        try:
            if isinstance(data, GenerationSpec):
                self.generate(data)
            else:
                self.load_dataset(data, title)
                if val_fraction is not None:
                    self.set_validation_fraction(val_fraction)
        finally:
            self.undo_stack.endMacro()
        self.reset()

    def _push(self, after: DataState, text: str) -> None:
        self.undo_stack.push(_SetDataCommand(self, self._data, after, text))

    def _apply_data(self, data: DataState) -> None:
        same_shape = data.dataset.n_features == self._data.dataset.n_features
        self._data = data
        self._rebuild(keep_parameters=same_shape)
        self.datasetChanged.emit()
        self.stateChanged.emit()

    # ----- training ---------------------------------------------------------------------
    def step(self, num_steps: int = 1) -> int:
        """Run num_steps minibatch updates; emits one stateChanged. Returns steps done."""
        done = self.trainer_step_only(num_steps)
        self.notify_steps()
        return done

    def trainer_step_only(self, num_steps: int) -> int:
        """The SGD updates without the redraw signal: the run loop times the two apart."""
        if num_steps <= 0 or self._trainer.diverged or not self._data.n_train:
            return 0
        return self._trainer.step(num_steps)

    def notify_steps(self) -> None:
        """Tell the views that training moved: one stateChanged, and diverged once."""
        if self._trainer.diverged and not self._divergence_reported:
            self._divergence_reported = True
            self.diverged.emit(self._trainer.divergence_reason or "")
        self.stateChanged.emit()

    def step_epoch(self) -> int:
        if self._trainer.diverged or not self._data.n_train:
            return 0
        done = self._trainer.run_epoch()
        self.notify_steps()
        return done

    def reset(self) -> None:
        """Start training afresh from the chosen initialisation; the data stay."""
        self._rebuild(keep_parameters=False)
        self.stateChanged.emit()

    # ----- hyperparameters --------------------------------------------------------------
    def set_hyperparameters(self, **changes: object) -> None:
        """Change hyperparameters; the live ones reach the trainer at once, without reset."""
        new = replace(self._hyper, **changes)
        if new == self._hyper:
            return
        rebuild = new.standardize != self._hyper.standardize
        self._hyper = new
        if rebuild:  # a different parametrisation: same line, new trainer
            self._rebuild(keep_parameters=True)
        self._apply_live_hyperparameters()
        self.hyperparametersChanged.emit()
        if rebuild:
            self.stateChanged.emit()

    def _apply_live_hyperparameters(self) -> None:
        t, h = self._trainer, self._hyper
        t.lr, t.batch_size, t.shuffle = h.lr, h.batch_size, h.shuffle
        t.loss_name, t.huber_delta = h.loss, h.huber_delta

    # ----- rebuilding derived state -----------------------------------------------------
    def _rebuild(self, *, keep_parameters: bool) -> None:
        """Derive trainer, solution and statistics from the data; keep w, b if asked."""
        train, val = self._data.train_set, self._data.val_set
        w0, b0 = self._start_point(keep_parameters)
        h = self._hyper
        self._divergence_reported = False
        trainer_class = StandardizedTrainer if h.standardize else core.SGDTrainer
        self._trainer = trainer_class(
            train.X, train.y, lr=h.lr, batch_size=h.batch_size, shuffle=h.shuffle,
            seed=h.seed, w0=w0, b0=b0, loss=h.loss, huber_delta=h.huber_delta,
            X_val=val.X if val.n_examples else None, y_val=val.y if val.n_examples else None)
        self._solve(train, val)

    def _start_point(self, keep_parameters: bool) -> tuple[np.ndarray | None, float]:
        d = self._data.dataset.n_features
        if keep_parameters and hasattr(self, "_trainer") and not self._trainer.diverged:
            return self._trainer.w, self._trainer.b
        return self._hyper.initial_parameters(d)

    def _solve(self, train: core.Dataset, val: core.Dataset) -> None:
        sol = core.least_squares(train.X, train.y)
        self._stats = core.SufficientStats.from_data(train.X, train.y, anchor_w=sol.w,
                                                     anchor_b=sol.b)
        self._val_stats = core.SufficientStats.from_data(
            val.X, val.y, anchor_w=sol.w, anchor_b=sol.b) if val.n_examples else None
        train_loss = self._stats.loss(sol.w, sol.b) if train.n_examples else float("nan")
        val_loss = self._val_stats.loss(sol.w, sol.b) if self._val_stats else None
        self._solution = Solution(sol, train_loss, val_loss)

    # ===== BEGIN session files: snapshot / restore (used by gui/session_io.py) ==========
    def snapshot(self) -> dict:
        """The whole session as values, for saving: {"data", "hyper", "trainer"}.

        data and hyper are the immutable DataState and Hyperparameters; trainer is
        core.SGDTrainer.state(), plain JSON values.
        """
        return {"data": self._data, "hyper": self._hyper, "trainer": self._trainer.state()}

    def restore(self, data: DataState, hyper: Hyperparameters, trainer_state: dict) -> None:
        """Become a saved session; training continues bit for bit where it stood.

        All or nothing: a trainer state that does not fit the data raises ValueError and
        changes nothing. Opening a session is not an edit, so the undo stack is cleared (and
        left clean). Emits datasetChanged, hyperparametersChanged and stateChanged once each,
        then diverged(reason) if the saved run had diverged (so the views explain it).
        """
        train, val = data.train_set, data.val_set
        has_val = bool(val.n_examples)
        trainer_class = StandardizedTrainer if hyper.standardize else core.SGDTrainer
        trainer = trainer_class.from_state(
            train.X, train.y, trainer_state,
            X_val=val.X if has_val else None, y_val=val.y if has_val else None)
        trainer.lr, trainer.batch_size, trainer.shuffle = hyper.lr, hyper.batch_size, hyper.shuffle
        trainer.loss_name, trainer.huber_delta = hyper.loss, hyper.huber_delta
        self.undo_stack.clear()
        self._data, self._hyper, self._trainer = data, hyper, trainer
        self._solve(train, val)
        self._divergence_reported = trainer.diverged
        self.datasetChanged.emit()
        self.hyperparametersChanged.emit()
        self.stateChanged.emit()
        if trainer.diverged:
            self.diverged.emit(trainer.divergence_reason or "")
    # ===== END session files ============================================================
