"""The layering of docs/architecture.md, enforced: import-linter's contracts in pyproject.toml,
plus one rule it cannot express (no Qt widgets in state modules, a sub-module of PySide6)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_state_modules_import_no_widgets() -> None:
    bad = []
    for path in (ROOT / "gui" / "state").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            bad += [f"{path.relative_to(ROOT)}:{node.lineno}: {n}" for n in names
                    if n.startswith("PySide6.QtWidgets")]
    assert not bad, "state holds values and signals, not widgets:\n" + "\n".join(bad)
