"""The core must stay usable from a notebook: importing it may not pull in Qt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_core_loads_no_qt() -> None:
    code = (
        "import sys, core\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6', 'gui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_core_reexports_contract_names() -> None:
    from linreg_lab import core

    for name in ("synthetic_data", "least_squares", "polyfit", "SGDTrainer", "squared_loss",
                 "load_csv", "save_csv", "DataError", "Dataset"):
        assert hasattr(core, name), name
    assert issubclass(core.DataError, ValueError)
