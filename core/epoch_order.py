"""Which examples each SGD step visits: d2l's epochs, in order or freshly shuffled.

The training set is kept as one array Z = [X, 1, −y], so with θ = [w, b, 1] a batch's residual
is a single ``Zb @ θ``. Each shuffled epoch gathers Z[order] once, so every batch of the
epoch is a contiguous slice of ``rows`` (a view, no per-batch gather).
"""

from __future__ import annotations

import numpy as np

from linreg_lab.core.array_types import Floats, Indices

__all__ = ["EpochOrder"]



class EpochOrder:
    """This epoch's order of the examples and how far the run has come through it.

    ``rows`` is Z[order]; ``position`` counts the examples visited in the epoch (n at an
    epoch boundary, so the next step starts a new epoch). The trainer's loop reads these into
    locals and writes them back once per call.
    """

    def __init__(self, X: Floats, y: Floats, rng: np.random.Generator,
                 table: Floats | None = None) -> None:
        """table: Z of exactly these X, y, built before (shared, read-only), or None."""
        n, d = X.shape
        if table is not None and table.shape == (n, d + 2) and not table.flags.writeable:
            self._start(table, rng)
            return
        Z = np.empty((n, d + 2))
        Z[:, :d], Z[:, d], Z[:, d + 1] = X, 1.0, -y
        self._start(Z, rng)

    @classmethod
    def of_table(cls, Z: Floats, rng: np.random.Generator) -> EpochOrder:
        """Epochs over the rows of any (n, m) table (softmax regression's [X, 1, one-hot])."""
        order = cls.__new__(cls)
        order._start(np.array(Z, dtype=np.float64), rng)
        return order

    def _start(self, Z: Floats, rng: np.random.Generator) -> None:
        n = Z.shape[0]
        Z.flags.writeable = False
        self.n = n
        self.Z = Z
        # bounds one update's size (from the extremes: no temporary array of |Z|)
        self.max_abs = max(float(Z.max()), -float(Z.min())) if n else 1.0
        self.rng = rng
        self._shuffled_rows = np.empty_like(Z)
        self._in_order = np.arange(n)
        self.rows: Floats = Z
        self.order: Indices = self._in_order
        self.position = n

    @property
    def shuffled(self) -> bool:
        """True if this epoch visits the examples in a drawn order."""
        return self.rows is not self.Z

    def start_epoch(self, shuffle: bool) -> tuple[Floats, Indices]:
        """Begin an epoch: in order, or one rng.permutation(n) gathered once."""
        if shuffle:
            order = self.rng.permutation(self.n)
            np.take(self.Z, order, axis=0, out=self._shuffled_rows)
            self.rows, self.order = self._shuffled_rows, order
        else:
            self.rows, self.order = self.Z, self._in_order
        self.position = 0
        return self.rows, self.order

    def restore(self, order: Indices | None, position: int, rng: np.random.Generator) -> None:
        """Stand where a saved run stood: `order` is None when its epoch was in order."""
        if order is None:
            self.rows, self.order = self.Z, self._in_order
        else:
            np.take(self.Z, order, axis=0, out=self._shuffled_rows)
            self.rows, self.order = self._shuffled_rows, order
        self.position, self.rng = position, rng

    def fork(self, rng: np.random.Generator) -> EpochOrder:
        """The same data (shared, read-only) at an epoch boundary, with its own buffers."""
        new = object.__new__(EpochOrder)
        new.n, new.Z, new.max_abs, new.rng = self.n, self.Z, self.max_abs, rng
        new._shuffled_rows = np.empty_like(self.Z)
        new._in_order = self._in_order
        new.rows, new.order, new.position = self.Z, self._in_order, self.n
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
