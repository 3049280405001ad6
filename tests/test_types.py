"""mypy checks linreg_lab.core against pyproject.toml's [tool.mypy] (untyped defs refused).

The repository folder is the linreg_lab package (pyproject's package-dir mapping), which
mypy cannot see through the editable install's import hook; so the check runs on a folder
named linreg_lab that links (or, without symlinks, copies) core/, with that folder on
MYPYPATH. Module names stay linreg_lab.core.*, as the per-module config expects.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _package_root(tmp: Path) -> Path:
    """tmp/linreg_lab with the real __init__.py and core/ (a symlink where possible)."""
    package = tmp / "linreg_lab"
    package.mkdir(parents=True)
    shutil.copy2(ROOT / "__init__.py", package / "__init__.py")
    try:
        (package / "core").symlink_to(ROOT / "core", target_is_directory=True)
    except OSError:  # e.g. Windows without the symlink privilege
        shutil.copytree(ROOT / "core", package / "core",
                        ignore=shutil.ignore_patterns("__pycache__"))
    return tmp


def test_core_passes_mypy(tmp_path: Path) -> None:
    search = _package_root(tmp_path / "src")
    env = {**os.environ, "MYPYPATH": str(search)}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", "-p", "linreg_lab.core"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    # report paths as the repository's own
    output = (result.stdout + result.stderr).replace(str(search / "linreg_lab") + os.sep, "")
    assert result.returncode == 0, "mypy found problems in core/:\n" + output
