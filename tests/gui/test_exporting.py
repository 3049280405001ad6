"""File → Export: real plots of a real window to PNG/SVG, CSV tables, the Python script."""

import ast
import csv
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from linreg_lab import core
from linreg_lab.gui.files.exporting import Exporter, ExportError
from linreg_lab.gui.shell.settings import AppSettings
from tests.gui.failing_writes import ERRORS, fail_writes_midway, leftovers
from tests.gui.mouse import click, drag, to_pixel

PLOTS = ("fitPlot", "lossPlot", "landscapePlot")


@pytest.fixture
def lab(make_window):
    window = make_window()
    plots = {"fitPlot": window.fit_plot, "lossPlot": window.loss_plot,
             "landscapePlot": window.landscape_plot, "neuronDiagram": window.neuron_diagram}
    window.session.step(7)
    return window, Exporter(window.session, window, plots)


def test_plots_as_png_at_twice_their_size(lab, tmp_path):
    window, exporter = lab
    for name in PLOTS:
        path = tmp_path / f"{name}.png"
        exporter.export_plot(name, path, "png")
        image = QImage(str(path))
        assert not image.isNull(), name
        assert image.size() == window.findChild(QWidget, name).size() * 2
        corner = image.pixelColor(2, 2)  # the white plot background, not transparency
        assert (corner.red(), corner.green(), corner.blue(), corner.alpha()) == (255,) * 4
    assert sorted(os.listdir(tmp_path)) == sorted(f"{n}.png" for n in PLOTS)


def test_plots_as_svg(lab, tmp_path):
    _, exporter = lab
    for name in PLOTS:
        path = tmp_path / f"{name}.svg"
        exporter.export_plot(name, path)  # the format follows the suffix
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg") and len(list(root.iter())) > 10, name


def test_neuron_diagram_as_png_and_svg(lab, tmp_path):
    window, exporter = lab
    exporter.export_plot("neuronDiagram", tmp_path / "neuron.png")
    image = QImage(str(tmp_path / "neuron.png"))
    assert image.size() == window.neuron_diagram.size() * 2
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 3  # something was drawn, not a blank page
    exporter.export_plot("neuronDiagram", tmp_path / "neuron.svg")
    assert ET.parse(tmp_path / "neuron.svg").getroot().tag.endswith("svg")


def test_unknown_format_is_refused(lab, tmp_path):
    _, exporter = lab
    with pytest.raises(ExportError, match="PNG or SVG"):
        exporter.export_plot("fitPlot", tmp_path / "fit.jpg")
    assert os.listdir(tmp_path) == []


def test_history_csv_has_every_recorded_step(lab, tmp_path):
    window, exporter = lab
    window.session.step(30)
    path = tmp_path / "history.csv"
    exporter.export_history_csv(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    history = window.session.trainer.history
    assert rows[0][:3] == ["kind", "index", "loss"] and rows[0][-1] == "b"
    minibatch = [r for r in rows[1:] if r[0] == "minibatch"]
    assert len(minibatch) == len(history.step_index) == 37
    assert [float(r[2]) for r in minibatch] == history.step_loss.tolist()
    assert sum(r[0] == "train" for r in rows) == len(history.epoch_index) > 0


def test_data_csv_says_which_rows_are_validation_and_opens_back(lab, tmp_path, make_window):
    """The split column lets the same validation set, and its (blue) curve, be redone."""
    window, exporter = lab
    s = window.session
    assert 0 < s.data.val_rows.size < s.dataset.n_examples  # the default data hold some out
    exporter.export_data_csv(tmp_path / "data.csv")
    rows = list(csv.reader((tmp_path / "data.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][-1] == "split"
    assert [r[-1] == "validation" for r in rows[1:]] == s.data.val_mask.tolist()
    other = make_window(show=False)
    other.session.set_validation_fraction(0.0)  # the file's split wins over this share
    assert other.files.open_path(tmp_path / "data.csv")
    t = other.session
    assert t.dataset.X.tobytes() == s.dataset.X.tobytes()
    assert t.dataset.y.tobytes() == s.dataset.y.tobytes()
    assert t.data.val_mask.tolist() == s.data.val_mask.tolist()
    for session in (s, t):
        session.reset()
        session.step_epoch()
    assert t.trainer.history.epoch_val_loss.tolist() == s.trainer.history.epoch_val_loss.tolist()


def test_a_csv_holding_out_more_than_half_is_refused_in_words(make_window, tmp_path):
    window = make_window(show=False)
    path = tmp_path / "mostly_validation.csv"
    path.write_text("x,y,split\n1,2,validation\n2,3,validation\n3,5,train\n")
    before = window.session.dataset
    assert not window.files.open_path(path)
    box = window.findChild(QMessageBox, "dataFileError")
    assert box is not None and "2 of 3 rows as validation" in box.informativeText()
    assert window.session.dataset is before
    box.close()


def test_unwritable_target_raises_and_leaves_no_file(lab, tmp_path, monkeypatch):
    _, exporter = lab
    with pytest.raises(ExportError, match=r"missing\.png"):
        exporter.export_plot("fitPlot", tmp_path / "nowhere" / "missing.png")
    target = tmp_path / "history.csv"
    target.write_text("old")

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="Permission denied"):
        exporter.export_history_csv(target)
    with pytest.raises(ExportError):
        exporter.export_data_csv(target)
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["history.csv"]


def test_dialog_shows_errors_without_blocking(lab, tmp_path, monkeypatch, qtbot):
    window, exporter = lab
    bad = str(tmp_path / "nowhere" / "fit.svg")
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName",
                        lambda *a, **k: (bad, ""))
    assert exporter.export_plot_dialog("fitPlot", "svg") is False  # returns: not modal
    box = window.findChild(QMessageBox, "exportError")
    assert box is not None and box.isVisible() and "fit.svg" in box.informativeText()
    box.close()
    assert not (tmp_path / "nowhere").exists()


def test_dialog_remembers_the_folder_and_adds_the_suffix(lab, tmp_path, monkeypatch):
    _, exporter = lab
    asked = []

    def ask(parent, title, start, filters):
        asked.append(start)
        return str(tmp_path / "script"), filters

    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName", ask)
    assert exporter.export_python_dialog() is True
    assert (tmp_path / "script.py").stat().st_size > 0
    assert AppSettings().folder() == str(tmp_path)
    exporter.export_history_csv_dialog()
    assert asked[1] == str(tmp_path / "loss_history.csv")


def test_menu_entries_run_the_dialogs(lab, tmp_path, monkeypatch):
    window, exporter = lab
    from PySide6.QtWidgets import QMenu

    menu = QMenu(window)
    actions = {a.objectName(): a for a in exporter.populate_menu(menu)}
    assert {"actionExport_fitPlot_png", "actionExport_lossPlot_svg",
            "actionExport_neuronDiagram_png", "actionExportDataCsv", "actionExportHistoryCsv",
            "actionExportPython"} <= set(actions)
    assert all(a.toolTip() for a in actions.values())
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "loss.png"), ""))
    actions["actionExport_lossPlot_png"].trigger()
    assert not QImage(str(tmp_path / "loss.png")).isNull()


def far_from_points(plot, X, y) -> QPoint:
    """A viewport pixel far from every data point (a click there adds one)."""
    rect = plot.viewport().rect()
    points = [to_pixel(plot, a, b) for a, b in zip(X[:, 0], y, strict=True)]
    spots = [QPoint(int(rect.width() * fx), int(rect.height() * fy))
             for fx in np.linspace(0.2, 0.8, 7) for fy in np.linspace(0.2, 0.8, 7)]
    return max(spots, key=lambda p: min(abs(q.x() - p.x()) + abs(q.y() - p.y())
                                        for q in points))


def type_into(qtbot, spin, text):
    """Select the field's text, type, press Enter: as a learner changes a setting."""
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def run_exported(exporter, tmp_path):
    path = tmp_path / "linreg_sgd.py"
    exporter.export_python(path)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=60, check=True, cwd=tmp_path).stdout
    lines = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    return np.array(ast.literal_eval(lines["w"])), float(lines["b"]), out


def test_python_export_reproduces_the_app_after_any_history(lab, tmp_path, qtbot):
    """Edits without Reset, settings changed mid-run: the script still lands on the app's line."""
    window, exporter = lab  # 7 steps done
    s, plot, bar = window.session, window.fit_plot, window.hyper_bar
    click(plot, far_from_points(plot, s.dataset.X, s.dataset.y))  # a point added mid-run
    s.step(3)
    start = to_pixel(plot, s.dataset.X[0, 0], s.dataset.y[0])
    drag(plot, start, start + QPoint(25, -30))  # one moved
    click(plot, to_pixel(plot, s.dataset.X[4, 0], s.dataset.y[4]), Qt.MouseButton.RightButton)
    s.step(2)
    type_into(qtbot, bar.batch_spin, "4")  # mid-epoch: the epoch continues in fours
    s.step(5)
    type_into(qtbot, bar.lr_spin, "0.01")
    assert (s.hyper.batch_size, s.hyper.lr) == (4, 0.01)
    s.step(6)
    csv_path = tmp_path / "same_width.csv"  # a CSV of the same width, opened without Reset
    edited = core.Dataset(s.dataset.X[:-3] * 1.5, s.dataset.y[:-3] + 0.25)
    core.save_csv(edited, csv_path)
    assert window.files.open_path(csv_path)
    s.step(9)
    assert s.trainer.steps == 9 and s.trainer.history.start_b != 0.0  # the kept line
    w, b, _ = run_exported(exporter, tmp_path)
    np.testing.assert_allclose(w, s.trainer.w, rtol=1e-12, atol=1e-12)
    assert b == pytest.approx(s.trainer.b, rel=1e-12, abs=1e-12)
    assert f"then the same {s.trainer.steps} minibatch steps" in (tmp_path / "linreg_sgd.py"
                                                                  ).read_text()


def test_python_export_after_rewinding_and_going_on_with_another_rate(lab, tmp_path):
    window, exporter = lab
    s = window.session
    s.reset()
    s.step(40)
    s.rewind_to(17)  # back in time, then on from there with another learning rate
    s.set_hyperparameters(lr=0.01)
    s.step(9)
    assert s.trainer.steps == 26
    w, b, _ = run_exported(exporter, tmp_path)
    np.testing.assert_allclose(w, s.trainer.w, rtol=1e-12, atol=1e-12)
    assert b == pytest.approx(s.trainer.b, rel=1e-12, abs=1e-12)


def test_python_export_stops_at_the_step_the_app_is_at(lab, tmp_path):
    window, exporter = lab
    s = window.session
    s.set_hyperparameters(num_epochs=2, batch_size=7, lr=0.05)
    s.reset()
    s.step_epoch()
    s.step(3)  # in the middle of the second of the two planned epochs
    w, b, out = run_exported(exporter, tmp_path)
    np.testing.assert_allclose(w, s.trainer.w, rtol=1e-12, atol=1e-12)
    assert b == pytest.approx(s.trainer.b, rel=1e-12, abs=1e-12)
    assert out.count("epoch ") == s.trainer.epoch == 1


def test_python_export_of_no_data_says_so(lab, tmp_path, qtbot):

    window, exporter = lab
    window.session.clear()
    with pytest.raises(ExportError, match="no training examples"):
        exporter.export_python(tmp_path / "x.py")
    assert os.listdir(tmp_path) == []


# ----- failures midway: the old file stays, the message names it, no temporary file -------
EXPORTS = {
    "fit.png": lambda e, p: e.export_plot("fitPlot", p),
    "loss.svg": lambda e, p: e.export_plot("lossPlot", p),
    "data.csv": lambda e, p: e.export_data_csv(p),
    "loss_history.csv": lambda e, p: e.export_history_csv(p),
    "linreg_sgd.py": lambda e, p: e.export_python(p),
    "linreg_sgd.ipynb": lambda e, p: e.export_notebook(p),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_an_export_failing_midway_keeps_the_old_file(lab, tmp_path, monkeypatch, name):
    _, exporter = lab
    target = tmp_path / name
    target.write_bytes(b"the user's earlier export")
    for kind, error in ERRORS.items():  # one window for all three: building it is the cost
        with monkeypatch.context() as patch:
            fail_writes_midway(patch, error)
            with pytest.raises(ExportError) as raised:
                EXPORTS[name](exporter, target)
        assert name in str(raised.value), kind
        assert target.read_bytes() == b"the user's earlier export", kind
        assert leftovers(tmp_path, name) == [], kind


@pytest.mark.parametrize("where", ["linreg_lab.gui.files.exporting._widget_png",
                                   "linreg_lab.gui.files.exporting.history_csv_text",
                                   "linreg_lab.gui.files.exporting.python_script",
                                   "linreg_lab.core.csv_io.np.column_stack"])
def test_a_failure_while_the_file_is_produced_is_an_export_error(lab, tmp_path, monkeypatch,
                                                                 where):
    _, exporter = lab
    name = {"_widget_png": "fit.png", "history_csv_text": "loss_history.csv",
            "python_script": "linreg_sgd.py", "column_stack": "data.csv"}[where.rsplit(".")[-1]]

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(where, out_of_memory)
    with pytest.raises(ExportError, match=rf"{name}: not enough memory"):
        EXPORTS[name](exporter, tmp_path / name)
    assert leftovers(tmp_path) == []


def test_the_dialog_shows_a_failure_midway_naming_the_file(lab, tmp_path, monkeypatch):
    window, exporter = lab
    target = tmp_path / "linreg_sgd.py"
    target.write_text("# my edited script\n")
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    fail_writes_midway(monkeypatch, ValueError("cannot encode"))
    assert exporter.export_python_dialog() is False
    box = window.findChild(QMessageBox, "exportError")
    assert box is not None and "linreg_sgd.py" in box.informativeText()
    assert "cannot encode" in box.informativeText()
    box.close()
    assert target.read_text() == "# my edited script\n"
    assert leftovers(tmp_path, "linreg_sgd.py") == []


def test_an_export_removes_what_a_killed_export_left(lab, tmp_path):
    _, exporter = lab
    temp = tmp_path / ".fit.png.0123abcd.tmp"
    temp.write_bytes(b"\x89PNG half")
    os.utime(temp, (time.time() - 3600,) * 2)
    exporter.export_plot("fitPlot", tmp_path / "other.png")
    assert os.listdir(tmp_path) == ["other.png"]
