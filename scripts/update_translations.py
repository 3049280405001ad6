"""Refresh the Chinese translation files from the sources.

    python scripts/update_translations.py          # lupdate the .ts, then lrelease the .qm
    python scripts/update_translations.py --check  # exit 1 if .ts or .qm are out of date

Translators edit resources/i18n/linreg_lab_zh_CN.ts (Qt Linguist, or by hand); the shipped
.qm is compiled from it. tests/gui/test_translations.py fails when either is stale or a string
is untranslated.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "linreg_lab_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else f"pyside6-{name}"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True,
                   capture_output=True)


def check() -> list[str]:
    """Problems: .ts behind the sources, or .qm not compiled from the current .ts."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        ts, qm = Path(tmp) / TS.name, Path(tmp) / QM.name
        shutil.copy(TS, ts)
        lupdate(ts)
        if ts.read_bytes() != TS.read_bytes():
            problems.append(f"{TS.name} is out of date: run scripts/update_translations.py")
        lrelease(TS, qm)
        if not QM.exists() or qm.read_bytes() != QM.read_bytes():
            problems.append(f"{QM.name} is not compiled from the current {TS.name}")
    return problems


def main() -> int:
    if "--check" in sys.argv:
        problems = check()
        print("\n".join(problems) or "translations up to date")
        return 1 if problems else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    lrelease(TS, QM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
