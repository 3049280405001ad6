"""Which examples each SGD step visits: d2l's epochs, in order or freshly shuffled.

The training set is kept as one array Z = [X, 1, −y], so with θ = [w, b, 1] a batch's residual
is a single ``Zb @ θ``. Each shuffled epoch gathers Z[order] once, so every batch of the
epoch is a contiguous slice of ``rows`` (a view, no per-batch gather). On big data the SGD
loop has it gathered a block ahead of its batches (``gather_to``): a whole epoch's gather of
10⁶ rows at random is ~100 ms in one step, a block is a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from linreg_lab.core.array_types import Floats, Indices

__all__ = ["EpochOrder", "table_of"]

GATHER_BLOCK = 1 << 15  # rows gathered at a time ahead of the batches (~1 ms at random)


def table_of(X: Floats, y: Floats) -> Floats:
    """Z = [X, 1, −y], read-only: what the SGD loop reads (a pure function of the data, so it
    may be built on another thread and offered to the trainer)."""
    n, d = X.shape
    Z = np.empty((n, d + 2))
    Z[:, :d], Z[:, d], Z[:, d + 1] = X, 1.0, -y
    Z.flags.writeable = False
    return Z


class EpochOrder:
    """This epoch's order of the examples and how far the run has come through it.

    ``rows`` is Z[order]; ``position`` counts the examples visited in the epoch (n at an
    epoch boundary, so the next step starts a new epoch). The trainer's loop reads these into
    locals and writes them back once per call.

    Z is built on first use, not with the trainer: a trainer made for an edit or for undo
    may never step (building Z at 10⁶ rows is ~50 ms of the edit), and one that does pays
    it once, in its first step.
    """

    def __init__(self, X: Floats, y: Floats, rng: np.random.Generator,
                 table: Floats | None = None) -> None:
        """table: Z of exactly these X, y, built before (shared, read-only), or None."""
        n = X.shape[0]
        self.n, self.rng, self.position = n, rng, n
        self._source: tuple[Floats, Floats, Floats | None] | None = (X, y, table)
        self._data: tuple[Floats, Floats] | None = (X, y)  # Z's source, kept for `portable`

    @classmethod
    def of_table(cls, Z: Floats, rng: np.random.Generator) -> EpochOrder:
        """Epochs over the rows of any (n, m) table (softmax regression's [X, 1, one-hot])."""
        order = cls.__new__(cls)
        order.n, order.rng, order.position, order._source = Z.shape[0], rng, Z.shape[0], None
        order._data = None
        order._start(np.array(Z, dtype=np.float64))
        return order

    def _ensure(self) -> None:
        """Z = [X, 1, −y] (or the shared table), built once, at the first use."""
        if self._source is None:
            return
        X, y, table = self._source
        self._source = None
        n, d = X.shape
        if table is not None and table.shape == (n, d + 2) and not table.flags.writeable:
            self._start(table)
            return
        self._start(table_of(X, y))

    def offer_table(self, table: Floats) -> bool:
        """Take Z of exactly these data, built elsewhere, if none is built yet; True if it
        is the one used now."""
        if self._source is not None:
            X, y, _ = self._source
            self._source = (X, y, table)
            self._ensure()
        return self._Z is table

    def _start(self, Z: Floats) -> None:
        n = Z.shape[0]
        Z.flags.writeable = False
        self._Z = Z
        # bounds one update's size (from the extremes: no temporary array of |Z|)
        self._max_abs = max(float(Z.max()), -float(Z.min())) if n else 1.0
        self._shuffled_rows = np.empty_like(Z)
        self._in_order = np.arange(n)
        self._rows: Floats = Z
        self._order: Indices = self._in_order
        self.ready = n  # rows[:ready] hold their examples (all but in a lazy shuffled epoch)
        self._hole = 0  # rows[:hole] not gathered yet though before `ready` (see resume)

    @property
    def Z(self) -> Floats:
        self._ensure()
        return self._Z

    @property
    def built(self) -> bool:
        """True once Z exists (reading Z, rows, order or max_abs builds it)."""
        return self._source is None

    @property
    def max_abs(self) -> float:
        self._ensure()
        return self._max_abs

    @property
    def rows(self) -> Floats:
        """Z[order], all of it (a lazily gathered epoch is completed first)."""
        self._ensure()
        if self._hole:
            hole, self._hole = self._hole, 0
            np.take(self._Z, self._order[:hole], axis=0, out=self._rows[:hole])
        self.gather_to(self.n)
        return self._rows

    def current(self) -> tuple[Floats, Indices, int]:
        """rows, order and ready as they stand (rows past `ready` not gathered yet)."""
        self._ensure()
        return self._rows, self._order, self.ready

    def gather_to(self, stop: int) -> int:
        """Gather rows up to at least `stop` (a block ahead); returns `ready`."""
        ready = self.ready
        if stop > ready:
            end = min(self.n, max(stop, ready + GATHER_BLOCK))
            np.take(self._Z, self._order[ready:end], axis=0, out=self._rows[ready:end])
            self.ready = ready = end
        return ready

    @property
    def order(self) -> Indices:
        self._ensure()
        return self._order

    @property
    def shuffled(self) -> bool:
        """True if this epoch visits the examples in a drawn order."""
        return self.built and self._rows is not self._Z  # unbuilt: no epoch begun yet

    def start_epoch(self, shuffle: bool, lazy: bool = False) -> tuple[Floats, Indices]:
        """Begin an epoch: in order, or one rng.permutation(n) gathered at once (lazy: only
        its first block; the caller reads rows[:ready] and calls gather_to for more)."""
        self._ensure()
        if shuffle:
            self._shuffle_to(self.rng.permutation(self.n), 0 if lazy else self.n)
        else:
            self._rows, self._order, self.ready, self._hole = self._Z, self._in_order, self.n, 0
        self.position = 0
        return self._rows, self._order

    def _shuffle_to(self, order: Indices, stop: int) -> None:
        self._rows, self._order, self.ready, self._hole = self._shuffled_rows, order, 0, 0
        self.gather_to(stop)

    def restore(self, order: Indices | None, position: int, rng: np.random.Generator) -> None:
        """Stand where a saved run stood: `order` is None when its epoch was in order. Its
        rows are gathered as the steps need them (a rewind at 10⁶ rows gathers none)."""
        self._ensure()
        if order is None:
            self._rows, self._order, self.ready, self._hole = self._Z, self._in_order, self.n, 0
        else:
            self._shuffle_to(order, 0)
        self.position, self.rng = position, rng

    def resume(self, order: Indices | None, position: int,
               rng_state: Mapping[str, Any]) -> None:
        """Stand where the same run stands in another process (core.run_process): like
        restore, but the generator keeps its identity (takes the state) and a shuffled
        epoch's rows are gathered from `position` on, not from its start: at 10⁶ rows that
        start would be ~50 ms of the next step, for rows no batch reads again."""
        self._ensure()
        if order is None:
            self._rows, self._order, self.ready, self._hole = self._Z, self._in_order, self.n, 0
        else:
            self._rows, self._order = self._shuffled_rows, order
            self.ready = self._hole = min(int(position), self.n)
        self.position = int(position)
        self.rng.bit_generator.state = rng_state

    def portable(self) -> tuple[Callable[..., EpochOrder], tuple[Any, ...]]:
        """How core.run_process pickles this for another process: the data, generator,
        order and position. Not Z nor the rows gathered from it (56 MB at 10⁶ rows of two
        features): Z is built there again from X and y, which travel anyway."""
        order = self._order if self.built and self.shuffled else None
        if self._data is None:  # a table of its own (softmax regression's): it travels
            return EpochOrder._standing, (None, None, self.Z, self.rng, order, self.position)
        return EpochOrder._standing, (*self._data, None, self.rng, order, self.position)

    @classmethod
    def _standing(cls, X: Floats | None, y: Floats | None, Z: Floats | None,
                  rng: np.random.Generator, order: Indices | None, position: int) -> EpochOrder:
        new = cls.__new__(cls)
        data = None if X is None or y is None else (X, y)
        new.rng, new._source, new._data = rng, None, data
        if data is not None:
            Z = table_of(*data)
        elif Z is None:
            raise ValueError("epochs need their data or their table")
        new._start(Z)
        new.n = new.position = new._Z.shape[0]
        new.resume(order, position, rng.bit_generator.state)
        return new

    def fork(self, rng: np.random.Generator) -> EpochOrder:
        """The same data (shared, read-only) at an epoch boundary, with its own buffers."""
        self._ensure()
        new = object.__new__(EpochOrder)
        new.n, new.rng, new.position, new._source = self.n, rng, self.n, None
        new._data = self._data
        new._Z, new._max_abs = self.Z, self.max_abs
        new._shuffled_rows = np.empty_like(self.Z)
        new._in_order = self._in_order
        new._rows, new._order, new.ready, new._hole = self.Z, self._in_order, self.n, 0
        return new

    def steps_to_epoch_end(self, batch_size: int, epochs: int = 1) -> int:
        """Steps until `epochs` more epoch ends (the current epoch's counts as the first)."""
        n = self.n
        if epochs <= 0 or n == 0:
            return 0
        bs = min(batch_size, n)
        remaining = n - self.position % n  # examples left in the current epoch
        per_epoch = -(-n // bs)
        return -(-remaining // bs) + (epochs - 1) * per_epoch
