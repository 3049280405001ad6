"""The first frame builds and imports only what it shows: what else the app can do loads later."""

from __future__ import annotations

import json
import subprocess
import sys

from linreg_lab.gui.state.lessons import load_lessons

# Each took a sizeable share of the time to the first frame, and none is needed for it: the
# notebook export (nbformat and its JSON schema validator), the schema check of the shipped
# lessons (jsonschema, referencing).
LATER = ("nbformat", "jsonschema", "referencing")
# The window's own parts that the first frame does not show (main_window.py builds them in
# the next turns of the event loop): the other plots, the teaching tabs, the menus and
# exporters, and the classification half.
LATER_PARTS = ("linreg_lab.gui.shell.window_parts", "linreg_lab.gui.plots.loss_plot",
               "linreg_lab.gui.plots.landscape_plot", "linreg_lab.gui.tabs.teaching_tabs",
               "linreg_lab.gui.shell.menus", "linreg_lab.gui.files.exporting",
               "linreg_lab.core.softmax_trainer", "linreg_lab.gui.state.classification",
               "linreg_lab.core.run_process")

_PROBE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([])
class FirstPaint(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and obj is host.window.fit_plot.viewport():
            print(json.dumps(sorted(sys.modules)), flush=True)
            os._exit(0)
        return False
from linreg_lab.gui.shell.window_host import WindowHost
from linreg_lab.gui.state.session import Session
host = WindowHost(app, Session(), "en", build_later=True)  # as the app starts
first = FirstPaint()
app.installEventFilter(first)
host.window.show()
app.exec()
"""


def test_first_window_imports_nothing_it_does_not_show(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                         timeout=120, check=True, env=env).stdout
    loaded = set(json.loads(out.strip().splitlines()[-1]))
    assert "pyqtgraph" in loaded  # the probe did build the window
    packages = {name.split(".")[0] for name in loaded}
    assert packages.isdisjoint(LATER), sorted(packages & set(LATER))
    assert loaded.isdisjoint(LATER_PARTS), sorted(loaded & set(LATER_PARTS))


def test_shipped_lessons_read_unchecked_at_start_are_the_checked_ones():
    assert load_lessons(schema_checked=False) == load_lessons()


def test_a_runner_made_before_the_first_frame_runs_a_job(qtbot):
    from linreg_lab.gui.widgets.background import JobRunner

    runner = JobRunner()
    try:
        with qtbot.waitSignal(runner.finished, timeout=30_000) as done:
            assert runner.start(lambda progress, should_cancel: 42)
        assert done.args == [42]
    finally:
        runner.shutdown()  # its thread pool joined before the runner goes
