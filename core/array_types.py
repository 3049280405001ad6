"""Type aliases the core's signatures share (for readers and mypy; nothing runs here)."""

from __future__ import annotations

import os
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

__all__ = ["Floats", "Indices", "Ints", "SeedLike", "StrPath"]

Floats: TypeAlias = NDArray[np.float64]  # what the core returns for real-valued arrays
Indices: TypeAlias = NDArray[np.intp]  # example indices
Ints: TypeAlias = NDArray[np.integer[Any]]  # small integer codes (e.g. saved loss kinds)
StrPath: TypeAlias = str | os.PathLike[str]
SeedLike: TypeAlias = int | np.random.Generator | None  # None: fresh entropy
