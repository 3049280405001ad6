"""Sessions from the window: save, open, the modified mark, unsaved-work questions, recovery."""

from __future__ import annotations

import json
import os
import time

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from linreg_lab.gui.files.session_files import SessionFiles, recovery_path
from tests.gui.failing_writes import ERRORS, fail_writes_midway, leftovers


@pytest.fixture
def window(make_window):
    return make_window()


def test_title_marks_unsaved_work_and_save_clears_it(window, tmp_path):
    files = window.session_files
    assert not window.isWindowModified()
    window.session.step(3)
    assert files.modified and window.isWindowModified()
    assert files.save_to(tmp_path / "a.linreglab")
    assert not window.isWindowModified()
    assert "a.linreglab" in window.windowTitle()
    assert str(tmp_path / "a.linreglab") in files.recent_files()


def test_open_from_the_window_continues_the_saved_run(window, make_window, tmp_path):
    s = window.session
    s.set_hyperparameters(batch_size=7)
    s.step(37)
    path = tmp_path / "run.linreglab"
    assert window.session_files.save_to(path)
    other = make_window()
    assert other.open_any(path)
    assert not other.isWindowModified()
    s.step(20)
    other.session.step(20)
    assert np.array_equal(s.trainer.w, other.session.trainer.w)
    assert s.trainer.b == other.session.trainer.b


def test_damaged_session_changes_nothing_and_says_why(window, tmp_path):
    bad = tmp_path / "cut.linreglab"
    bad.write_text('{"format": "linreglab", "version": 1, "data": {', encoding="utf-8")
    y = window.session.dataset.y.copy()
    assert not window.open_any(bad)
    np.testing.assert_array_equal(window.session.dataset.y, y)
    box = window.findChild(QMessageBox, "sessionFileError")
    assert box is not None and "cut.linreglab" in box.informativeText()
    box.close()


@pytest.mark.parametrize(("answer", "closes"), [("cancel", False), ("discard", True)])
def test_closing_with_unsaved_work_asks(window, answer, closes):
    asked = []
    window.session_files.ask = lambda parent, name: asked.append(name) or answer
    window.session.step(2)
    window.close()
    assert asked == ["Untitled"]
    assert window.isVisible() != closes


def test_opening_another_session_asks_first_and_cancel_keeps_everything(window, tmp_path):
    window.session_files.save_to(tmp_path / "keep.linreglab")
    window.session.step(5)
    window.session_files.ask = lambda parent, name: "cancel"
    steps = window.session.trainer.steps
    assert not window.open_any(tmp_path / "keep.linreglab")
    assert window.session.trainer.steps == steps


def test_autosave_writes_a_recovery_file_that_a_new_window_can_recover(window, make_window):
    window.session.step(11)
    window.session_files.autosave()
    window.session_files.stop()  # joins the writer thread
    assert recovery_path().exists()
    other = make_window()
    assert other.session_files.recover(recovery_path()), other.session_files.last_error
    assert other.session.trainer.steps == 11
    assert other.session_files.modified and other.session_files.path is None
    other.session_files.finish()  # a clean exit removes the recovery file
    assert not recovery_path().exists()


def test_recovered_work_keeps_its_session_file_and_saving_goes_back_there(window, make_window,
                                                                          tmp_path):
    path = tmp_path / "mine.linreglab"
    window.session.step(5)
    assert window.session_files.save_to(path)
    window.session.step(8)  # unsaved work on top of the file, then a crash
    window.session_files.autosave()
    window.session_files.stop()
    other = make_window()
    assert other.session_files.recover(recovery_path()), other.session_files.last_error
    assert other.session_files.path == path
    assert "mine.linreglab" in other.windowTitle() and other.isWindowModified()
    other.session_files.ask = lambda parent, name: pytest.fail("saving must not ask")
    other.lab_actions.save.trigger()  # File → Save session: no dialog, back to the file
    assert not other.isWindowModified()
    third = make_window()
    assert third.open_any(path)
    assert third.session.trainer.steps == 13
    other.session_files.finish()


def test_session_files_is_the_one_per_window(window):
    assert isinstance(window.session_files, SessionFiles)


def test_a_session_naming_an_unknown_lesson_is_refused_with_the_field_named(window, tmp_path):
    path = tmp_path / "lesson.linreglab"
    assert window.session_files.save_to(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["view"]["lesson"] = "no_such_lesson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    window.session.step(4)
    assert not window.open_any(path)
    assert window.session.trainer.steps == 4
    box = window.findChild(QMessageBox, "sessionFileError")
    assert box is not None
    assert box.informativeText().startswith("lesson.linreglab: view.lesson: must be one of")
    box.close()


# ----- failures while saving: the old file stays, the message names it, nothing is left ----
@pytest.fixture
def recovery():
    """The recovery file's path; removed (with its folder's leftovers) after the test."""
    path = recovery_path()
    yield path
    path.unlink(missing_ok=True)


def _box(window, name):
    """The text of the one open box called `name`, which is then closed."""
    boxes = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(boxes) == 1, f"{len(boxes)} open {name} boxes"
    text = boxes[0].text() + "\n" + boxes[0].informativeText()
    boxes[0].close()
    return text


def test_a_save_failing_midway_keeps_the_old_file_and_says_which(window, tmp_path,
                                                                  monkeypatch):
    path = tmp_path / "lab.linreglab"
    files = window.session_files
    assert files.save_to(path)
    old = path.read_bytes()
    window.session.step(5)
    for kind, error in ERRORS.items():
        with monkeypatch.context() as patch:
            fail_writes_midway(patch, error)
            assert files.save_to(path) is False, kind
        assert path.read_bytes() == old, kind
        assert leftovers(tmp_path, "lab.linreglab") == [], kind
        assert "lab.linreglab" in _box(window, "sessionFileError"), kind
        assert files.modified and window.isWindowModified()  # the work is still unsaved
    assert files.save_to(path) and path.read_bytes() != old


def test_a_bug_while_building_the_document_is_shown_and_logged(window, tmp_path, monkeypatch,
                                                              capsys):
    def broken(*args, **kwargs):
        raise TypeError("a bug in the document")

    monkeypatch.setattr("linreg_lab.gui.state.session_io.session_document", broken)
    assert window.session_files.save_to(tmp_path / "bug.linreglab") is False
    text = _box(window, "sessionFileError")
    assert "bug.linreglab" in text and "TypeError: a bug in the document" in text
    assert "Traceback" in capsys.readouterr().err
    assert leftovers(tmp_path) == []


def test_a_failing_autosave_keeps_the_recovery_file_and_says_so_once(window, monkeypatch,
                                                                     qtbot, recovery):
    files = window.session_files
    window.session.step(3)
    files.autosave()
    qtbot.waitUntil(lambda: not files._writer.is_running())
    old = recovery.read_bytes()
    window.session.step(4)
    fail_writes_midway(monkeypatch, ERRORS["no memory"])
    files.autosave()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "autosaveError") is not None)
    assert files.last_error
    qtbot.waitUntil(lambda: not files._writer.is_running())
    text = _box(window, "autosaveError")
    assert str(recovery) in text and "not enough memory" in text
    assert recovery.read_bytes() == old
    assert leftovers(recovery.parent, recovery.name) == []
    files.autosave()  # fails again: no second box
    qtbot.waitUntil(lambda: not files._writer.is_running())
    qtbot.wait(20)
    assert not [b for b in window.findChildren(QMessageBox, "autosaveError") if b.isVisible()]
    monkeypatch.undo()
    files.autosave()
    qtbot.waitUntil(lambda: not files._writer.is_running())
    assert recovery.read_bytes() != old
    assert not files._autosave_failing


def _stale_temp(folder, target_name):
    """The temporary file a save killed mid-write leaves, as old as a crash an hour ago."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{target_name}.0123abcd.tmp"
    temp.write_bytes(b'{"format": "linreglab", "vers')
    then = time.time() - 3600
    os.utime(temp, (then, then))
    return temp


def test_the_next_save_removes_what_a_killed_save_left(window, tmp_path):
    temp = _stale_temp(tmp_path, "lab.linreglab")
    mine = tmp_path / ".lab.linreglab.tmp"  # not the pattern: a user's file, kept
    mine.write_text("keep me")
    assert window.session_files.save_to(tmp_path / "lab.linreglab")
    assert not temp.exists() and mine.read_text() == "keep me"


def test_a_new_window_clears_temp_files_of_a_killed_autosave(make_window, recovery):
    temp = _stale_temp(recovery.parent, recovery.name)
    make_window()
    assert not temp.exists()


def test_clear_interrupted_saves_visits_the_folders_the_app_writes_to(tmp_path, recovery):
    from linreg_lab.gui.files.session_files import clear_interrupted_saves
    from linreg_lab.gui.shell.settings import AppSettings

    last, recent = tmp_path / "last", tmp_path / "recent"
    settings = AppSettings()
    settings.set_folder(str(last))
    settings.add_recent_file(str(recent / "run.linreglab"))
    temps = [_stale_temp(recovery.parent, recovery.name), _stale_temp(last, "data.csv"),
             _stale_temp(recent, "run.linreglab")]
    assert sorted(clear_interrupted_saves()) == sorted(map(str, temps))
    assert not any(t.exists() for t in temps)
