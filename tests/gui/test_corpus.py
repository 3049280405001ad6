"""Every broken file is refused through File → Open, and refusing changes nothing.

The files and what each message must say are in tests/data/broken (README.md lists them);
adding a file there adds a case here. Large files are made at run time (see LARGE). One
window serves every case, so the corpus runs in seconds; each case compares the whole
session before and after, so a case that changed something fails by itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from linreg_lab.core.csv_io import MAX_CSV_BYTES
from linreg_lab.core.limits import MAX_EXAMPLES

CORPUS = Path(__file__).resolve().parents[1] / "data" / "broken"
NOT_CASES = {"README.md", "make_corpus.py"}
BOXES = ("dataFileError", "sessionFileError")
_ROW = re.compile(r"^\| `([^`]+)` \| .* \| `(.*)` \|$", re.MULTILINE)


def expected_fragments() -> tuple[dict[str, str], dict[str, str]]:
    """README.md's two tables: files made at run time, files kept in the folder."""
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    made, kept = text.split("The files kept here:")
    return tuple({name: fragment.replace("\\|", "|").replace("\\n", "\n")  # type: ignore[return-value]
                  for name, fragment in _ROW.findall(part)} for part in (made, kept))


DOCUMENTED_LARGE, EXPECTED = expected_fragments()
FILES = sorted(p.name for p in CORPUS.iterdir() if p.name not in NOT_CASES)


# ----------------------------------------------------------------------------- the window


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """One window with some history: saved to a file, then an undoable edit and 5 steps."""
    folder = tmp_path_factory.mktemp("corpus-window")
    QCoreApplication.setOrganizationName("LinRegLabTests")
    QCoreApplication.setApplicationName(f"LinRegLabTests-{os.getpid()}")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QStandardPaths.setTestModeEnabled(True)
    from linreg_lab.gui.shell.main_window import MainWindow

    w = MainWindow()
    w.session_files.ask = lambda parent, name: "discard"  # never a modal question
    w.show()
    assert w.session_files.save_to(folder / "before.linreglab")
    w.session.add_example(0.5, 1.0)
    w.session.step(5)
    assert w.session.undo_stack.count() == 1 and w.session_files.modified
    yield w
    w.run_loop.pause()
    w.session_files.stop()
    w.close()


def snapshot(window) -> dict[str, object]:
    s, files = window.session, window.session_files
    ds, t, undo = s.dataset, s.trainer, s.undo_stack
    return {
        "X": (ds.X.shape, ds.X.tobytes()), "y": ds.y.tobytes(),
        "names": (ds.feature_names, ds.label_name), "val_mask": s.data.val_mask.tobytes(),
        "hyper": s.hyper, "trainer": (t.w.tobytes(), t.b, t.steps, t.epoch),
        "undo": (undo.count(), undo.index(), undo.isClean()),
        "file": (files.path, files.modified), "title": window.windowTitle(),
    }


def digest(path: Path) -> str:
    """The file's bytes, hashed; a pipe's identity (reading it would wait for a writer)."""
    if not stat.S_ISREG(path.stat().st_mode):
        return repr(path.stat())
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def open_refused(window, path: Path) -> str:
    """Open `path` from the window; assert it was refused alone and changed nothing; the
    message's text."""
    before, on_disk = snapshot(window), digest(path)
    if window.open_any(path):  # a big file is read on a worker: refused when it is done
        assert window.data_jobs.is_running()
        while window.data_jobs.is_running():
            QCoreApplication.processEvents()
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() in BOXES]
    shown = [(b.objectName(), b.informativeText()) for b in boxes]
    for box in boxes:
        box.close()  # deleted on close
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(shown) == 1, shown
    wanted = "sessionFileError" if path.suffix == ".linreglab" else "dataFileError"
    assert shown[0][0] == wanted
    assert snapshot(window) == before
    assert digest(path) == on_disk
    text = shown[0][1]
    assert text.startswith(path.name), text
    return text


# ----------------------------------------------------------------------------- the corpus


def test_the_corpus_is_large_and_documented():
    assert len(FILES) >= 60
    assert sorted(EXPECTED) == FILES, "every file needs a README.md row, every row a file"


@pytest.mark.parametrize("name", FILES)
def test_broken_file_is_refused_and_changes_nothing(window, name):
    if name not in EXPECTED:
        pytest.fail(f"{name}: add a row to tests/data/broken/README.md (make_corpus.py)")
    text = open_refused(window, CORPUS / name)
    assert EXPECTED[name] in text, text


# ----------------------------------------------------------------------------- large files


def _fifty_mb_line(path: Path) -> None:
    path.write_bytes(b"1," * 25_000_000 + b"1\n")


def _four_by_3000(path: Path) -> None:
    path.write_bytes((",".join(["0.5"] * 3000) + "\n").encode() * 4)


def _rows(count: int, header: bool) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes((b"x,y\n" if header else b"") + b"1,2\n" * count)
    return make


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content) and None


def _pipe(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    os.mkfifo(path)


def _over_size_limit(path: Path) -> None:
    with open(path, "wb") as f:  # sparse: no disk space used
        f.write(b"x,y\n1,2\n")
        f.truncate(MAX_CSV_BYTES + 1)


LARGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifty_mb_line.csv": (_fifty_mb_line, "line 1: 25,000,001 columns"),
    "four_by_3000.csv": (_four_by_3000, "line 1: 3,000 columns"),
    "million_and_one_rows.csv": (_rows(MAX_EXAMPLES + 1, header=True),
                                 f"line {MAX_EXAMPLES + 2}: more than {MAX_EXAMPLES:,} data rows"),
    "million_and_one_rows_no_header.csv": (
        _rows(MAX_EXAMPLES + 1, header=False),
        f"line {MAX_EXAMPLES + 1}: more than {MAX_EXAMPLES:,} data rows"),
    "over_size_limit.csv": (_over_size_limit, "the file is 256.1 MB, more than the 256 MB"),
    "huge_quoted_cell.csv": (_bytes(b'x,y\n"' + b"1" * 200_000 + b'",2\n'),
                             "line 2: the cells cannot be read"),
    "pipe.csv": (_pipe, "not a regular file (a pipe or a device)"),
    "pipe.linreglab": (_pipe, "not a regular file (a pipe or a device)"),
    "five_mb_name.csv": (_bytes(b"n" * 5_000_000 + b",y\n1,2\n"),
                         "line 1, column 1: the column name is 5,000,000 characters long"),
    "huge_number_cell.csv": (_bytes(b"x,y\n" + b"9" * 10_000_000 + b",2\n"),
                             "line 2, column 1: '999999999999999999999999999999…' is too large"),
}


def test_the_large_cases_are_documented():
    assert {name: fragment for name, (_, fragment) in LARGE.items()} == DOCUMENTED_LARGE


@pytest.mark.parametrize("name", sorted(LARGE))
def test_large_file_is_refused_before_it_is_parsed(window, tmp_path, name):
    make, fragment = LARGE[name]
    path = tmp_path / name
    make(path)
    text = open_refused(window, path)
    assert fragment in text, text
