"""The installed layout: one import package, linreg_lab, mapped from the repository's folders.

A generic top-level name (core, gui, resources) in site-packages collides with any other
distribution that owns one, so every import in the code goes through linreg_lab, and every
package folder is listed in pyproject.toml (a missing one would be left out of the wheel).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_FOLDERS = ("core", "gui", "resources")
GENERIC = {"core", "gui", "resources", "tests"}


def _setuptools() -> dict:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]


def _package_dirs() -> set[str]:
    """Every folder below core/, gui/, resources/ that holds Python files or package data."""
    found = set()
    for top in PACKAGE_FOLDERS:
        for folder in [ROOT / top, *(p for p in (ROOT / top).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts:
                continue
            if any(f.is_file() for f in folder.iterdir()):
                found.add(".".join(("linreg_lab", *folder.relative_to(ROOT).parts)))
    return found


def test_one_top_level_package_mapped_from_the_repository() -> None:
    config = _setuptools()
    assert config["package-dir"] == {"linreg_lab": "."}
    assert {name.split(".")[0] for name in config["packages"]} == {"linreg_lab"}


def test_every_package_folder_is_listed() -> None:
    listed = set(_setuptools()["packages"])
    missing = _package_dirs() - listed
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def _imports(path: Path) -> list[tuple[int, str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or "", node.level))
    return found


def test_one_import_style_through_linreg_lab() -> None:
    """No relative imports and no bare `core`/`gui`/`resources`: absolute linreg_lab.* only."""
    bad = []
    for top in (*PACKAGE_FOLDERS, "tests", "benchmarks", "scripts"):
        for path in (ROOT / top).rglob("*.py"):
            for line, module, level in _imports(path):
                if level or module.split(".")[0] in GENERIC - {"tests"}:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {'.' * level}{module}")
    assert not bad, "use `from linreg_lab.<package> import ...`:\n" + "\n".join(bad)


def test_python_m_linreg_lab_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "linreg_lab", "--help"], cwd=ROOT.parent,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "--screenshot" in result.stdout


def test_gui_exposes_main_window_and_main() -> None:
    code = ("import linreg_lab.gui as g, inspect; "
            "print(g.MainWindow.__name__, list(inspect.signature(g.main).parameters))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT.parent,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["MainWindow", "['argv']"]
