"""Reading NIST's StRD linear-regression files and scoring against them (LRE).

Shared by tests/core/test_nist.py and benchmarks/bench_solve.py. The certified files (NIST's
public data, with their source note) live in tests/data/nist-strd, so every clone runs them.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

NIST_DIR = Path(__file__).resolve().parent / "data" / "nist-strd"


def load_strd(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Certified B0.. (or B1..) values, y and the predictors, using the header's line ranges."""
    lines = (NIST_DIR / f"{name}.dat").read_text().splitlines()  # CRLF handled by splitlines
    header = "\n".join(lines[:10])
    c0, c1 = map(int, re.search(r"Certified Values\s*\(lines (\d+) to (\d+)\)", header).groups())
    d0, d1 = map(int, re.search(r"Data\s*\(lines (\d+) to (\d+)\)", header).groups())
    cert = [float(ln.split()[1]) for ln in lines[c0 - 1 : c1] if re.match(r"\s*B\d+\s", ln)]
    data = np.array([[float(t) for t in ln.split()] for ln in lines[d0 - 1 : d1]])
    return np.array(cert), data[:, 0], data[:, 1:]


def lre(estimate: np.ndarray, certified: np.ndarray) -> np.ndarray:
    """Log relative error (correct significant digits) per coefficient, in [0, 15];
    absolute error for a certified 0."""
    err = np.abs(np.asarray(estimate, dtype=float) - certified)
    rel = np.where(certified == 0, err, err / np.where(certified == 0, 1.0, np.abs(certified)))
    with np.errstate(divide="ignore"):
        return np.clip(-np.log10(rel), 0.0, 15.0)
