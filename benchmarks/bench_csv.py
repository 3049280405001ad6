"""Time load_csv / save_csv on 200,000 rows x 3 columns against np.loadtxt in the same run.

Run: .venv/bin/python benchmarks/bench_csv.py [rows]
Prints best-of-N seconds and ratios; the goal is load well under a second, i.e. a small
multiple of a bare np.loadtxt of the same file (which does no checking and no header logic).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import best_of

from linreg_lab.core.csv_io import load_csv, save_csv
from linreg_lab.core.data import Dataset
from linreg_lab.core.errors import DataError


def main(rows: int = 200_000) -> None:
    rng = np.random.default_rng(0)
    table = rng.normal(scale=10.0, size=(rows, 3))
    ds = Dataset(table[:, :2], table[:, 2], ("x1", "x2"), "y")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        plain = Path(folder) / "plain.csv"
        t_save = best_of(lambda: save_csv(ds, path), 3)
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]
        plain.write_text(body, encoding="utf-8")
        t_ref = best_of(lambda: np.loadtxt(plain, delimiter=","))
        t_load = best_of(lambda: load_csv(path))
        assert load_csv(path) == ds
        bad = Path(folder) / "bad.csv"
        bad.write_text(path.read_text(encoding="utf-8") + "1.0,2.0,oops\n", encoding="utf-8")
        t_bad = best_of(lambda: _expect_error(bad), 3)
        size_mb = path.stat().st_size / 1e6
    print(f"rows={rows} cols=3 ({size_mb:.1f} MB of text)")
    print(f"reference np.loadtxt (plain body)   {t_ref * 1e3:8.1f} ms   1.00x")
    print(f"load_csv (header, checks)           {t_load * 1e3:8.1f} ms   {t_load / t_ref:5.2f}x")
    print(f"load_csv, error on the last line    {t_bad * 1e3:8.1f} ms   {t_bad / t_ref:5.2f}x")
    print(f"save_csv (repr floats, fsync)       {t_save * 1e3:8.1f} ms   {t_save / t_ref:5.2f}x")


def _expect_error(path: Path) -> None:
    try:
        load_csv(path)
    except DataError:
        return
    raise AssertionError("the bad file loaded")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
