#!/usr/bin/env bash
# Check that the wheel works as installed, not only as an editable checkout:
#   1. copy the sources to a temporary folder and build the wheel there (the repository
#      gets no build/ or *.egg-info),
#   2. install the wheel into a fresh virtual environment (no system site-packages),
#   3. from a folder outside the repository, take a screenshot after 50 SGD steps with
#      QT_QPA_PLATFORM=offscreen and check the PNG is a real picture of the window,
#   4. check the resources (lessons, translations, icon, user guide, .desktop, the Data
#      menu's sets, the digits and iris data sets) are found in the installed package through
#      importlib.resources,
#   5. check the wheel holds one top-level package, linreg_lab, and python -m linreg_lab runs.
# Exits non-zero on the first failure. Usage: scripts/check_wheel.sh  (PYTHON=python3.12 ...)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/linreg-lab-wheel.XXXXXX")
SHOT=${SHOT:-/tmp/linreg-lab-wheel-screenshot.png}
trap 'rm -rf "$WORK"' EXIT
START=$SECONDS

step() { echo "==> [$((SECONDS - START)) s] $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

step "copying the sources of $ROOT to $WORK/src"
mkdir -p "$WORK/src"
tar -C "$ROOT" --exclude=./.venv --exclude=./.git --exclude=__pycache__ --exclude=./build \
    --exclude=./dist --exclude='*.egg-info' --exclude=.pytest_cache --exclude=.ruff_cache \
    --exclude=.hypothesis -cf - . | tar -C "$WORK/src" -xf -

step "creating a fresh virtual environment with $("$PYTHON" --version 2>&1)"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"

step "building the wheel"
"$VPY" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
WHEEL=$(ls "$WORK"/dist/linreg_lab-*.whl 2>/dev/null | head -n 1)
[ -n "$WHEEL" ] || fail "no wheel was built"
echo "    $(basename "$WHEEL") ($(du -k "$WHEEL" | cut -f1) KiB)"

step "top-level packages and resource files in the wheel"
"$VPY" - "$WHEEL" <<'EOF'
import sys
import zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
top = sorted({name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")})
print(f"    top level: {', '.join(top)}")
if top != ["linreg_lab"]:
    sys.exit(f"FAILED: the wheel must hold one top-level package, linreg_lab, not {top}")
R = "linreg_lab/resources/"
wanted = {
    "lessons": R + "lessons/", "translations": R + "i18n/linreg_lab_zh_CN.qm",
    "icon (svg)": R + "icons/linreg-lab.svg", "icon (png)": R + "icons/linreg-lab.png",
    "guide (en)": R + "guide/user_guide_en.html",
    "guide (zh_CN)": R + "guide/user_guide_zh_CN.html",
    "desktop file": R + "linreg-lab.desktop",
    "JSON schemas": "linreg_lab/core/schemas/session.schema.json",
    "built-in data": R + "datasets/anscombe_1.csv", "NIST data": R + "datasets/Longley.dat",
    "digits": R + "datasets/digits.csv.gz", "iris": R + "datasets/iris.csv",
    "data credits": R + "datasets/ATTRIBUTION.md",
}
missing = []
for label, prefix in wanted.items():
    count = sum(name.startswith(prefix) for name in names)
    print(f"    {label:14} {count} file(s)")
    if count == 0:
        missing.append(prefix)
if missing:
    sys.exit(f"FAILED: not in the wheel: {', '.join(missing)}")
EOF

step "installing the wheel and its dependencies into the fresh environment"
"$VPY" -m pip install --quiet "$WHEEL" >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log" >&2; fail "pip install"; }
"$VPY" -m pip list --format=freeze 2>/dev/null | grep -iE '^(linreg-lab|numpy|pyside6|pyqtgraph)' \
    | sed 's/^/    /'

OUTSIDE="$WORK/outside"
mkdir -p "$OUTSIDE"
cd "$OUTSIDE"
export QT_QPA_PLATFORM=offscreen
export HOME="$WORK/home"  # settings, autosave and caches of this run stay in $WORK
mkdir -p "$HOME"

step "running: linreg-lab --screenshot $SHOT --steps 50   (in $OUTSIDE)"
rm -f "$SHOT"
"$WORK/venv/bin/linreg-lab" --screenshot "$SHOT" --steps 50 || fail "linreg-lab exited with $?"
[ -s "$SHOT" ] || fail "no screenshot at $SHOT"

step "running: python -m linreg_lab --screenshot ... --steps 5"
rm -f "$SHOT.m.png"
"$VPY" -m linreg_lab --screenshot "$SHOT.m.png" --steps 5 || fail "python -m linreg_lab exited with $?"
[ -s "$SHOT.m.png" ] || fail "python -m linreg_lab wrote no screenshot"
rm -f "$SHOT.m.png"

step "checking the screenshot and the installed resources"
"$VPY" - "$SHOT" "$ROOT" <<'EOF'
import json
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

shot, root = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
app = QGuiApplication(sys.argv[:1])
problems = []

image = QImage(str(shot))
colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
           for y in range(0, image.height(), 7)} if not image.isNull() else set()
print(f"    screenshot: {image.width()}x{image.height()} px, {shot.stat().st_size // 1024} KiB, "
      f"{len(colours)} distinct colours in a 1/49 sample")
if image.width() < 800 or image.height() < 500 or len(colours) < 50:
    problems.append("the screenshot is empty or too small")

import linreg_lab
from linreg_lab import core, gui, resources

for module in (linreg_lab, core, gui, resources):
    where = Path(next(iter(module.__path__))).resolve()
    print(f"    {module.__name__} imported from {where}")
    if where == root or root in where.parents:
        problems.append(f"{module.__name__} was imported from the repository, not the wheel")

package = files("linreg_lab.resources")
lessons = sorted(p.name for p in (package / "lessons").iterdir() if p.name.endswith(".json"))
for name in lessons:
    json.loads((package / "lessons" / name).read_text(encoding="utf-8"))
from linreg_lab.gui.state.lessons import load_lessons

print(f"    lessons: {len(lessons)} files, {len(load_lessons())} loaded by gui.lessons")
if not lessons:
    problems.append("no lessons found")

from linreg_lab.core import builtin_data

longley, _ = builtin_data.nist("Longley")
print(f"    built-in data: Anscombe I {builtin_data.anscombe(1).n_examples} points, "
      f"Longley {longley.n_examples} x {longley.n_features}")

from PySide6.QtCore import QCoreApplication

from linreg_lab.gui.shell.i18n import install_translators

language = install_translators(app, "zh_CN")
reset = QCoreApplication.translate("LabActions", "Reset")
print(f"    translations: language {language}, 'Reset' -> {reset!r}")
if reset == "Reset":
    problems.append("the Chinese translation was not loaded")

from linreg_lab.gui.shell.app_icon import app_icon

pixmap = app_icon().pixmap(256, 256)
print(f"    icon: {pixmap.width()}x{pixmap.height()} px")
if pixmap.isNull() or pixmap.width() != 256:
    problems.append("the icon did not load")

from linreg_lab.gui.dialogs.user_guide import guide_html, guide_resource

for lang in ("en", "zh_CN"):
    html = guide_html(lang)
    print(f"    guide ({lang}): {guide_resource(lang).name}, {len(html)} characters")
    if len(html) < 2000:
        problems.append(f"the {lang} user guide is missing or empty")

from linreg_lab.core.class_data import load_digits, load_iris

digits, iris = load_digits(), load_iris()
print(f"    data sets: digits {digits.X.shape}, iris {iris.X.shape}")
if digits.X.shape != (1797, 64) or iris.X.shape != (150, 4):
    problems.append("the built-in classification data sets did not load")

desktop = package / "linreg-lab.desktop"
print(f"    desktop file: {'found' if desktop.is_file() else 'MISSING'}")
if not desktop.is_file():
    problems.append("the .desktop file is missing")

if problems:
    sys.exit("FAILED: " + "; ".join(problems))
EOF

step "all checks passed (screenshot kept at $SHOT)"
