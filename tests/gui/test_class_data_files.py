"""Classification CSV files from the window's side: open as an undoable edit, export exactly."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from linreg_lab import core
from linreg_lab.gui.files.class_data_files import ClassDataFiles
from linreg_lab.gui.files.exporting import ExportError
from linreg_lab.gui.state.classification import ClassificationSession


@pytest.fixture
def files(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    return ClassDataFiles(ClassificationSession(), window)


def test_export_then_open_gives_the_same_examples_and_split_share(files, tmp_path):
    session = files._session
    session.load_dataset(core.load_iris(), "Iris")
    path = tmp_path / "iris.csv"
    files.export_csv(path)
    before = session.dataset
    session.clear()
    assert files.open_path(path)
    assert session.dataset == before
    assert session.undo_stack.undoText() == "Open iris.csv"
    assert (session.data.n_train, session.data.n_val) == (120, 30)


def test_the_dialog_writes_where_the_learner_chose(files, tmp_path, monkeypatch):
    target = tmp_path / "mine"
    monkeypatch.setattr("linreg_lab.gui.files.class_data_files.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    assert files.export_csv_dialog()
    again = core.load_class_csv(tmp_path / "mine.csv")
    assert again == files._session.dataset


def test_a_refused_export_says_why_and_writes_nothing(files, tmp_path, monkeypatch):
    files._session.clear()
    with pytest.raises(ExportError, match="nothing to save"):
        files.export_csv(tmp_path / "empty.csv")
    monkeypatch.setattr("linreg_lab.gui.files.class_data_files.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "empty.csv"), ""))
    assert not files.export_csv_dialog()
    box = files._window.findChild(QMessageBox, "exportError")
    assert box is not None and "empty.csv" in box.informativeText()
    assert not (tmp_path / "empty.csv").exists()


def test_a_bad_file_changes_nothing_and_names_the_line(files, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,class\n1.0,2.0,a\n1.0,oops,b\n", encoding="utf-8")
    before = files._session.dataset
    assert not files.open_path(bad)
    assert files._session.dataset == before
    box = files._window.findChild(QMessageBox, "dataFileError")
    assert box is not None and "bad.csv, line 3" in box.informativeText()
