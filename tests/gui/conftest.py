"""Qt tests run offscreen; the platform must be set before any QApplication exists."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def make_window(qtbot):
    """Build MainWindows that are paused and closed at teardown, as a user would."""
    from linreg_lab.gui.shell.main_window import MainWindow

    windows = []

    def make(session=None, show=True, build_later=False):
        w = MainWindow(session, build_later=build_later)
        qtbot.addWidget(w)
        windows.append(w)
        if show:
            w.show()
            qtbot.waitExposed(w)
        return w

    yield make
    from PySide6.QtCore import QCoreApplication, QEvent

    from linreg_lab.gui.widgets.background import JobRunner

    for w in windows:
        w.run_loop.pause()
        w.close()
        for runner in w.findChildren(JobRunner):  # as the app's quit does: no job of this
            runner.shutdown()  # test computes on (and holds the GIL) through the next ones
        w.deleteLater()  # gone, as the app's own window is once closed: a later test's
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # language switch
    # must not reach a half-closed window of an earlier one


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """QSettings of a test go to a temporary folder, never the user's configuration."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("LinRegLabTests")
    # one name per test process: recovery files of test runs in parallel checkouts never meet
    QCoreApplication.setApplicationName(f"LinRegLabTests-{os.getpid()}")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


@pytest.fixture(autouse=True)
def _no_modal_questions(monkeypatch):
    """A modal "save changes?" would block an offscreen test forever: tests answer Discard
    unless they install their own answer."""
    monkeypatch.setattr("linreg_lab.gui.files.session_files.ask_unsaved_changes",
                        lambda parent, name: "discard")
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)  # recovery files go to a test location
    yield


@pytest.fixture(scope="module")
def lessons():
    """The shipped lessons, loaded once per test module."""
    from linreg_lab.gui.state.lessons import load_lessons

    return load_lessons()


@pytest.fixture
def by_id(lessons):
    return {lesson.id: lesson for lesson in lessons}
