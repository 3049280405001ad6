"""Qt tests run offscreen; the platform must be set before any QApplication exists."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def make_window(qtbot):
    """Build MainWindows that are paused and closed at teardown, as a user would."""
    from gui.main_window import MainWindow

    windows = []

    def make(session=None, show=True):
        w = MainWindow(session)
        qtbot.addWidget(w)
        windows.append(w)
        if show:
            w.show()
            qtbot.waitExposed(w)
        return w

    yield make
    for w in windows:
        w.run_loop.pause()
        w.close()
