"""The core must stay usable from a notebook: importing it may not pull in Qt, and its
names load lazily (so the window's first frame waits only for the modules it uses)."""

import subprocess
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_core_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from linreg_lab import core\n"
        "[getattr(core, name) for name in core.__all__]\n"
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


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_importing_core_loads_only_what_is_used() -> None:
    out = _run("import sys\n"
               "from linreg_lab import core\n"
               "before = 'linreg_lab.core.class_data' in sys.modules\n"
               "core.ClassDataset\n"
               "print(before, 'linreg_lab.core.class_data' in sys.modules,\n"
               "      'linreg_lab.core.softmax_trainer' in sys.modules)\n")
    assert out == "False True False"


def test_every_contract_name_resolves_and_dir_lists_it() -> None:
    from linreg_lab import core

    assert len(core.__all__) == len(set(core.__all__)) > 50
    for name in core.__all__:
        home = import_module(f"linreg_lab.core.{core._MODULE_OF[name]}")
        assert getattr(core, name) is getattr(home, name), name
        assert name in dir(core)
    try:
        core.no_such_name  # noqa: B018
    except AttributeError as err:
        assert "no_such_name" in str(err)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_a_function_named_like_its_module_stays_the_function() -> None:
    # importing the submodule first sets the package attribute to the module; the package
    # must still give the function
    out = _run("import linreg_lab.core.softmax_trainer, linreg_lab.core.sweep\n"
               "import linreg_lab.core.goodness_of_fit\n"
               "from linreg_lab import core\n"
               "print(callable(core.softmax), callable(core.sweep),\n"
               "      callable(core.goodness_of_fit),\n"
               "      float(core.softmax([[0.0, 0.0]])[0, 0]))\n")
    assert out == "True True True 0.5"
