"""The command line: --screenshot renders a real, non-blank window and exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", "import sys; from linreg_lab.gui import main; "
                           "sys.exit(main(sys.argv[1:]))", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _pixels(path: Path) -> np.ndarray:
    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    assert not img.isNull()
    buf = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine())[:, : img.width() * 4].copy()


def test_screenshot_writes_a_non_blank_png(qapp, tmp_path):
    shot = tmp_path / "shot.png"
    out = _run("--screenshot", str(shot), "--steps", "50")
    assert out.returncode == 0, out.stderr
    px = _pixels(shot).reshape(-1, 4)[:, :3]
    assert px.shape[0] > 800 * 600
    assert len(np.unique(px, axis=0)) > 50  # plots, text and colours, not a flat fill


def test_screenshot_in_chinese_with_given_data(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("x,y\n0,1\n1,3\n2,5\n3,7.1\n", encoding="utf-8")
    shot = tmp_path / "zh.png"
    out = _run("--lang", "zh_CN", "--data", str(data), "--screenshot", str(shot))
    assert out.returncode == 0, out.stderr
    assert shot.stat().st_size > 10_000


def test_bad_data_file_exits_with_message(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,oops\n", encoding="utf-8")
    out = _run("--data", str(bad), "--screenshot", str(tmp_path / "no.png"))
    assert out.returncode == 2
    assert "bad.csv" in out.stderr and "line 2" in out.stderr


def test_session_option_opens_a_saved_session(tmp_path):
    from linreg_lab.gui.state.session import Session
    from linreg_lab.gui.state.session_io import save_session

    s = Session()
    s.step(9)
    path = tmp_path / "s.linreglab"
    save_session(s, path)
    out = _run("--session", str(path), "--screenshot", str(tmp_path / "s.png"))
    assert out.returncode == 0, out.stderr
    bad = tmp_path / "bad.linreglab"
    bad.write_text("{", encoding="utf-8")
    out = _run("--session", str(bad), "--screenshot", str(tmp_path / "b.png"))
    assert out.returncode == 2 and "bad.linreglab" in out.stderr


def test_the_window_process_runs_blas_on_one_thread(tmp_path):
    """Small interactive BLAS calls lose their time to the scheduler with more threads."""
    shot = tmp_path / "shot.png"
    code = ("import sys; from linreg_lab.gui import main; main(sys.argv[1:]); "
            "import json; from threadpoolctl import threadpool_info; print(json.dumps("
            "[i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPENBLAS_NUM_THREADS="2")
    out = subprocess.run([sys.executable, "-c", code, "--screenshot", str(shot)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    threads = json.loads(out.stdout.strip().splitlines()[-1])
    assert threads and set(threads) == {1}


_USUAL_START = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from threadpoolctl import threadpool_info
from linreg_lab.gui import main

def report():
    windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
    if not windows or not windows[0].built:
        QTimer.singleShot(20, report)
        return
    QApplication.processEvents()  # the finished signal's handlers have run
    blas = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    print(json.dumps({"blas": blas, "icon": not QApplication.windowIcon().isNull()}))
    sys.stdout.flush()
    os._exit(0)

QTimer.singleShot(0, report)
main(["--lang", "en"])
"""


def test_the_usual_start_pins_blas_and_sets_the_icon_once_built(tmp_path):
    """The app's own start (its first frame before the rest) ends as --screenshot starts."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPENBLAS_NUM_THREADS="2",
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", _USUAL_START], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["blas"] and set(seen["blas"]) == {1}
    assert seen["icon"]
