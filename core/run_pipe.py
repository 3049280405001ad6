"""What travels between the window and its training process (core.run_process) and how.

A run's Timeline is pickled with its read-only arrays (the data, their table) as keys: they
travel once, as raw bytes (`send_array`: pickling 24 MB would copy them twice first, ~70 ms),
and later pickles name them (persistent ids). An EpochOrder travels as its order and
position, a History as its rows in use (their `portable` forms): not the megabytes of rows
gathered from the table, nor the empty rows of the history's capacity. Messages are tuples
whose first item names them.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from linreg_lab.core.epoch_order import EpochOrder
from linreg_lab.core.history import History

__all__ = ["FRAME", "QUIT", "STOP", "ArrayUnpickler", "SharedArrays", "received_array",
           "send_array"]

SHARED_BYTES = 1 << 16  # read-only arrays from this size travel once, then by reference
FRAME, STOP, QUIT = ("frame",), ("stop",), ("quit",)


class _Pickler(pickle.Pickler):
    """Pickles read-only arrays as keys (`key_of`), EpochOrders in their portable form."""

    def __init__(self, file: io.BytesIO, key_of: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._key_of = key_of
        self.dispatch_table = copyreg.dispatch_table.copy()
        self.dispatch_table[EpochOrder] = EpochOrder.portable
        self.dispatch_table[History] = History.portable

    def persistent_id(self, obj: Any) -> int | None:
        if (type(obj) is np.ndarray and not obj.flags.writeable
                and obj.nbytes >= SHARED_BYTES):
            return self._key_of(obj)
        return None


class ArrayUnpickler(pickle.Unpickler):
    """Unpickles what SharedArrays.pickle made, with the arrays it names."""

    def __init__(self, data: bytes, arrays: dict[int, np.ndarray]) -> None:
        super().__init__(io.BytesIO(data))
        self._arrays = arrays

    def persistent_load(self, key: Any) -> np.ndarray:
        return self._arrays[key]


class SharedArrays:
    """The read-only arrays the worker has, by key; the window keeps them alive, so an
    array's id names it for as long as it is here."""

    def __init__(self) -> None:
        self.arrays: dict[int, np.ndarray] = {}
        self._keys: dict[int, int] = {}
        self._next = 0

    def pickle(self, obj: object) -> tuple[bytes, dict[int, np.ndarray], list[int]]:
        """obj pickled; the arrays the worker lacks; the keys the pickle uses."""
        new: dict[int, np.ndarray] = {}
        used: list[int] = []

        def key_of(array: np.ndarray) -> int:
            key = self._keys.get(id(array))
            if key is None:
                key = self._keys[id(array)] = self._next
                self._next += 1
                self.arrays[key] = new[key] = array
            used.append(key)
            return key

        buffer = io.BytesIO()
        _Pickler(buffer, key_of).dump(obj)
        return buffer.getvalue(), new, used

    def keep_only(self, keys: list[int]) -> None:
        """Forget the arrays of earlier data (the worker is told the same)."""
        kept = set(keys)
        for key in [k for k in self.arrays if k not in kept]:
            del self._keys[id(self.arrays.pop(key))]


def received_array(conn: Connection, shape: tuple[int, ...], dtype: str) -> np.ndarray:
    """The raw bytes that follow an "array" message, read straight into the array."""
    array = np.empty(shape, dtype)
    conn.recv_bytes_into(array.reshape(-1).view(np.uint8).data)
    array.flags.writeable = False
    return array


def send_array(conn: Connection, key: int, array: np.ndarray) -> None:
    """An array as its raw bytes (pickling 24 MB would copy them twice first: ~70 ms)."""
    array = np.ascontiguousarray(array)
    conn.send(("array", key, array.shape, array.dtype.str))
    conn.send_bytes(array.reshape(-1).view(np.uint8).data)
