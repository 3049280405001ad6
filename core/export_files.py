"""Files the app exports besides the data: the training history as CSV, written atomically.

The history CSV is one tidy table (one header, one kind of row per line), so a spreadsheet or
``pandas.read_csv`` reads it without options and ``df[df.kind == "minibatch"]`` picks a curve:

    kind,index,loss,w,b                       (w1,…,wd instead of w when there are d > 1 features)
    minibatch,1,18.20…,0.29…,0.16…           index = SGD step; loss = that step's minibatch loss
    …                                         (before the update); w, b = parameters after it
    train,1,0.51…,1.97…,4.11…                 index = epoch; loss = mean loss over the whole
    validation,1,0.55…,1.97…,4.11…            training (validation) set at the end of the epoch

Rows are in that order: all minibatch rows by step, then one train row per recorded epoch,
then (only when there is a validation set) one validation row per recorded epoch. The
history keeps a bounded number of evenly spaced rows on long runs, so steps may go 2, 4, 6…
Floats are written with ``repr``, the shortest text that reads back to the same float.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import ArrayLike

if TYPE_CHECKING:
    from _csv import Writer

from linreg_lab.core.atomic import write_atomic
from linreg_lab.core.notation import plain_names

__all__ = ["history_csv_text", "parameter_names", "write_atomic"]


def parameter_names(n_features: int) -> list[str]:
    """d2l's names as CSV headers: w and b for one feature, w1 … wd and b for several."""
    return [*plain_names("w", n_features), "b"]


class HistoryLike(Protocol):
    """What history_csv_text reads: core.History's arrays (or a wrapper's, in data units)."""

    @property
    def step_index(self) -> ArrayLike: ...
    @property
    def step_loss(self) -> ArrayLike: ...
    @property
    def step_w(self) -> ArrayLike: ...
    @property
    def step_b(self) -> ArrayLike: ...
    @property
    def epoch_index(self) -> ArrayLike: ...
    @property
    def epoch_w(self) -> ArrayLike: ...
    @property
    def epoch_b(self) -> ArrayLike: ...
    @property
    def epoch_train_loss(self) -> ArrayLike: ...
    @property
    def epoch_val_loss(self) -> ArrayLike | None: ...


def history_csv_text(history: HistoryLike) -> str:
    """The history (core.History or anything with its arrays) as the CSV described above."""
    step_w = np.asarray(history.step_w, dtype=float)
    epoch_w = np.asarray(history.epoch_w, dtype=float)
    d = step_w.shape[1] if step_w.ndim == 2 else epoch_w.shape[1]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "index", "loss", *parameter_names(d)])
    _rows(writer, "minibatch", history.step_index, history.step_loss, step_w, history.step_b)
    epochs, epoch_b = history.epoch_index, history.epoch_b
    _rows(writer, "train", epochs, history.epoch_train_loss, epoch_w, epoch_b)
    val = history.epoch_val_loss
    if val is not None:
        _rows(writer, "validation", epochs, val, epoch_w, epoch_b)
    return out.getvalue()


def _rows(writer: Writer, kind: str, index: ArrayLike, loss: ArrayLike, w: ArrayLike,
          b: ArrayLike) -> None:
    idx = np.asarray(index).tolist()
    values = np.column_stack([np.asarray(loss, float), w, np.asarray(b, float)]).tolist()
    writer.writerows([kind, i, *map(repr, row)] for i, row in zip(idx, values, strict=True))


