"""What a softmax run leaves behind for the plots: minibatch losses and per-epoch figures.

Minibatch losses go into preallocated rows; when they are full, every other row is dropped and
from then on only every second step is kept (the stride doubles), so a run of any length keeps
at most ``capacity`` rows, evenly spread, like core.history does for regression. Epoch figures
(loss and accuracy, training and validation, and the weights' norm, which grows without bound
on separable data) are few and all kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from linreg_lab.core.array_types import Floats
from linreg_lab.core.exact_json import array_from_json, array_to_json
from linreg_lab.core.json_schema import FieldError

__all__ = ["SoftmaxHistory"]

_NAN = float("nan")


class SoftmaxHistory:
    """Step rows (step, minibatch loss) and epoch rows (epoch 0 is the start)."""

    def __init__(self, capacity: int = 65536) -> None:
        if isinstance(capacity, bool) or int(capacity) != capacity or capacity < 2:
            raise ValueError(f"history capacity must be an integer ≥ 2, got {capacity!r}")
        self.capacity = int(capacity)
        self._steps = np.empty(self.capacity, dtype=np.int64)
        self._losses = np.empty(self.capacity)
        self._rows = 0
        self.stride = 1
        self._epochs: list[tuple[int, float, float, float, float, float]] = []

    def record_step(self, step: int, loss: float) -> None:
        """Keep this step's minibatch loss if it falls on the stride."""
        if step % self.stride:
            return
        steps, losses, _, _free, stride = self.reserve()
        if not step % stride:
            steps[0], losses[0] = step, loss
            self.commit(1)

    def reserve(self) -> tuple[NDArray[np.int64], Floats, int, int, int]:
        """Free rows (views into the buffers) for the trainer's loop to fill, from row 0:
        (steps, losses, 0, how many, the stride). When none is free, every other row is
        dropped first and the stride doubles, so only multiples of it are to be written."""
        if self._rows == self.capacity:
            keep = slice(1, None, 2)  # the rows whose step is a multiple of the new stride
            half = self._steps[keep].shape[0]
            self._steps[:half], self._losses[:half] = self._steps[keep], self._losses[keep]
            self._rows, self.stride = half, self.stride * 2
        rows = self._rows
        return self._steps[rows:], self._losses[rows:], 0, self.capacity - rows, self.stride

    def commit(self, written: int) -> None:
        """Count the rows the loop wrote into its reserved block."""
        self._rows += written

    def record_epoch(self, epoch: int, train_loss: float, train_accuracy: float,
                     val_loss: float | None, val_accuracy: float | None, w_norm: float) -> None:
        self._epochs.append((epoch, train_loss, train_accuracy,
                             _NAN if val_loss is None else val_loss,
                             _NAN if val_accuracy is None else val_accuracy, w_norm))

    @property
    def step_index(self) -> NDArray[np.int64]:
        return self._steps[: self._rows].copy()

    @property
    def step_loss(self) -> Floats:
        return self._losses[: self._rows].copy()

    def _column(self, j: int) -> Floats:
        return np.array([row[j] for row in self._epochs], dtype=np.float64)

    @property
    def epoch_index(self) -> NDArray[np.int64]:
        return np.array([row[0] for row in self._epochs], dtype=np.int64)

    @property
    def epoch_train_loss(self) -> Floats:
        return self._column(1)

    @property
    def epoch_train_accuracy(self) -> Floats:
        return self._column(2)

    @property
    def epoch_val_loss(self) -> Floats:
        """NaN rows without a validation set."""
        return self._column(3)

    @property
    def epoch_val_accuracy(self) -> Floats:
        return self._column(4)

    @property
    def epoch_w_norm(self) -> Floats:
        """‖W‖ (Frobenius) at each epoch's end: steady growth means an optimum at infinity."""
        return self._column(5)

    def truncated(self, steps: int, epoch: int) -> SoftmaxHistory:
        """A copy holding only the rows up to `steps` and `epoch` (a rewound run's record).

        The stride stays, so a replay from there writes the rows this history wrote.
        """
        new = SoftmaxHistory(self.capacity)
        rows = int(np.searchsorted(self._steps[: self._rows], steps, side="right"))
        new._steps[:rows], new._losses[:rows] = self._steps[:rows], self._losses[:rows]
        new._rows, new.stride = rows, self.stride
        new._epochs = [row for row in self._epochs if row[0] <= epoch]
        return new

    # --- saving and restoring --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Plain JSON values (exact floats); NaN figures of absent validation become "nan"."""
        return {"capacity": self.capacity, "stride": self.stride,
                "steps": self._steps[: self._rows].tolist(),
                "losses": array_to_json(self._losses[: self._rows]),
                "epochs": array_to_json(np.array(self._epochs, dtype=np.float64).reshape(-1, 6))}

    def load_state(self, state: object, steps: int, epochs: int) -> None:
        """Become a saved history of a run that stands at `steps` and `epochs`; FieldError
        (naming the field) when it does not fit, leaving this history unchanged."""
        if not isinstance(state, dict):
            raise FieldError("history", "must be an object")
        stride = state.get("stride")
        if not (isinstance(stride, int) and not isinstance(stride, bool) and stride >= 1
                and stride & (stride - 1) == 0):
            raise FieldError("history.stride", "must be a power of 2")
        kept = state.get("steps")
        if not (isinstance(kept, list) and all(isinstance(v, int) and not isinstance(v, bool)
                                               for v in kept)):
            raise FieldError("history.steps", "must be a list of step numbers")
        index = np.array(kept, dtype=np.int64)
        if index.size > self.capacity or (index.size and (
                (index % stride).any() or (np.diff(index) <= 0).any() or index[-1] > steps)):
            raise FieldError("history.steps", "must be increasing multiples of the stride, "
                                              f"at most {self.capacity} of them, up to {steps}")
        try:
            losses = array_from_json(state.get("losses"), 1, "history.losses")
            table = array_from_json(state.get("epochs"), 2, "history.epochs", width=6)
        except ValueError as err:
            raise FieldError("history", str(err)) from None
        if losses.shape != index.shape:
            raise FieldError("history.losses", f"must hold {index.size} numbers")
        if table.shape[0] != epochs + 1 or not np.array_equal(table[:, 0], np.arange(epochs + 1)):
            raise FieldError("history.epochs", f"must hold the rows of epochs 0 … {epochs}")
        self.stride, self._rows = stride, index.size
        self._steps[: index.size], self._losses[: index.size] = index, losses
        self._epochs = [(int(r[0]), float(r[1]), float(r[2]), float(r[3]), float(r[4]),
                         float(r[5])) for r in table.tolist()]
