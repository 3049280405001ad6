"""File → Save/Open session, unsaved-change questions, recent files, autosave and recovery.

A session is "modified" from the first change after it was last saved or opened. Every
minute a modified session is written to a recovery file (on a JobRunner, like every
background job); a clean exit removes that file, so finding it at the next start means the
app did not exit cleanly and its work can be offered back.

Saving never loses the file on disk: it is written all or nothing (core.atomic), and any
failure while the document is built or written (a disk error, a refused value, no memory
left) is shown in an error box naming the file; a failing autosave says so once, until an
autosave succeeds again. Temporary files of saves that were killed are cleared from the
recovery folder when a window starts and from any folder the app saves to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from linreg_lab.core.atomic import remove_stale_temps
from linreg_lab.core.session_file import SUFFIX, SessionFileError, write_session
from linreg_lab.gui.dialogs.messages import fit_title, show_error
from linreg_lab.gui.files.write_errors import could_not_write
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.state.session_io import open_session, save_session, session_document
from linreg_lab.gui.widgets.background import JobRunner

AUTOSAVE_MS = 60_000
translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings


def recovery_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / f"recovery{SUFFIX}"


def clear_interrupted_saves() -> list[str]:
    """At start: remove temp files that killed saves left where this app writes; their paths.

    The recovery folder, the folder last saved to and the folders of the recent files; only
    core.atomic's own stale temporary files go (see core.atomic.remove_stale_temps). It
    reads user folders, which may be slow network drives: call it once the window is up.
    """
    settings = AppSettings()
    folders = [str(recovery_path().parent), settings.folder(),
               *(str(Path(f).parent) for f in settings.recent_files())]
    removed: list[str] = []
    for folder in dict.fromkeys(f for f in folders if f):  # each once, in order
        removed += remove_stale_temps(folder)
    return removed


def ask_unsaved_changes(parent: QWidget, name: str) -> str:
    """'save', 'discard' or 'cancel' — the desktop's usual question, modal."""
    box = QMessageBox(QMessageBox.Icon.Question,
                      translate("SessionFiles", "Unsaved changes"),
                      translate("SessionFiles", "Save the changes to {name}?").format(name=name),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(translate("SessionFiles",
                                     "Your data and training run are lost if you don't save."))
    fit_title(box)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")


class SessionFiles(QObject):
    """The window's session file: its path, whether it changed, and the file actions.

    `extras()` gives what the window adds to the file: "lesson", "panels" and "mode"
    ("regression" or "classification"). With a `classification` session the file carries
    the classification half too, and its edits mark the file modified like the regression's.
    """

    modifiedChanged = Signal(bool)
    opened = Signal(dict)  # the extras (lesson, panels, mode) of an opened session

    def __init__(self, session: Session, window: QWidget,
                 extras: Callable[[], dict] = dict,
                 classification: ClassificationSession | None = None) -> None:
        super().__init__(window)
        self._session, self._window, self._extras = session, window, extras
        self._classification = classification
        self._settings = AppSettings()
        self.path: Path | None = None
        self.modified = False
        self.last_error = ""
        self.ask: Callable[[QWidget, str], str] = ask_unsaved_changes
        halves: list[Session | ClassificationSession] = [session]
        if classification is not None:
            halves.append(classification)
        for half in halves:
            for signal in (half.datasetChanged, half.stateChanged, half.hyperparametersChanged):
                signal.connect(self._mark_modified)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._writer = JobRunner(self)  # the recovery write, off the GUI thread
        self._writer.finished.connect(self._autosaved)
        self._writer.failed.connect(self._autosaved)
        self._autosave_failing = False
        remove_stale_temps(recovery_path().parent)  # left by an autosave that was killed

    # ----- state ------------------------------------------------------------------------
    def display_name(self) -> str:
        return self.path.name if self.path else self.tr("Untitled")

    def mark_modified(self) -> None:
        """Something the file stores changed outside the sessions (the window's mode)."""
        self._mark_modified()

    def _mark_modified(self) -> None:
        if not self.modified:
            self.modified = True
            self.modifiedChanged.emit(True)

    def _mark_saved(self, path: Path) -> None:
        self.path = path
        self.modified = False
        self._settings.add_recent_file(str(path))
        self._settings.set_folder(str(path.parent))
        self.modifiedChanged.emit(False)

    # ----- save -------------------------------------------------------------------------
    def save(self) -> bool:
        return self.save_as() if self.path is None else self.save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path or Path(self._settings.folder() or Path.cwd()) / f"lab{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save session"), start,
                                              self._filter())
        if not path:
            return False
        if not path.lower().endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Save to `path`; on any failure say why in a box (naming the file) and return False.

        The file already at `path` stays as it was unless the whole new one was written.
        """
        try:
            extras = self._extras()
            save_session(self._session, path, lesson_id=extras.get("lesson"),
                         panels=extras.get("panels", ()), classification=self._classification,
                         mode=extras.get("mode"))
        except SessionFileError as err:  # the message names the file and the field
            self._error(self.tr("Could not save the session"), str(err))
            return False
        except Exception as err:  # no memory, a bug: still said, never lost in a slot
            self._error(self.tr("Could not save the session"), could_not_write(path, err))
            return False
        self._mark_saved(path)
        return True

    # ----- open -------------------------------------------------------------------------
    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open session"),
                                              self._settings.folder(), self._filter())
        return bool(path) and self.open_path(Path(path), asked=True)

    def open_path(self, path: Path, *, asked: bool = False) -> bool:
        """Open a session; a bad file says what is wrong and leaves everything as it was."""
        if not asked and not self.maybe_save():
            return False
        try:
            extras = open_session(self._session, path, self._classification)
        except SessionFileError as err:
            self._error(self.tr("Could not open the session"), str(err))
            return False
        self._mark_saved(Path(path))
        self.opened.emit(extras)
        return True

    def recover(self, path: Path) -> bool:
        """Reopen the work autosaved before a crash, modified like unsaved work, and named
        after the session file it belonged to (saving goes back there); untitled if none."""
        try:
            extras = open_session(self._session, path, self._classification)
        except SessionFileError as err:
            self._error(self.tr("Could not recover the session"), str(err))
            return False
        self.path = Path(extras["file"]) if extras.get("file") else None
        self.modified = True
        self.modifiedChanged.emit(True)
        self.opened.emit(extras)
        return True

    def recent_files(self) -> list[str]:
        return self._settings.recent_files()

    def _filter(self) -> str:
        return self.tr("LinReg Lab sessions (*{suffix})").format(suffix=SUFFIX)

    # ----- unsaved work -----------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Before the session is replaced or the window closes: True when it may go ahead."""
        if not self.modified:
            return True
        answer = self.ask(self._window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # ----- autosave and recovery --------------------------------------------------------
    def autosave(self) -> None:
        """Write a modified session to the recovery file, off the GUI thread.

        A failure keeps the previous recovery file and is shown once (see _autosaved).
        """
        if not self.modified or self._writer.is_running():
            return
        target = recovery_path()
        try:
            document = session_document(self._session, **self._document_extras())
            target.parent.mkdir(parents=True, exist_ok=True)
        except Exception as err:
            self._autosaved(err)
            return
        self._writer.start(lambda _progress, _cancel: _write_recovery(target, document))

    def _autosaved(self, outcome: object) -> None:
        """An autosave ended: True, or the failure (an exception or a message) that stopped it.

        The first failure in a row is shown; a full disk would otherwise bring a box every
        minute. The next autosave that works ends the streak.
        """
        if outcome is True:
            self._autosave_failing = False
            return
        if isinstance(outcome, _Failure):
            outcome = outcome.error
        target = recovery_path()
        if isinstance(outcome, BaseException) and not isinstance(outcome, SessionFileError):
            detail = could_not_write(target, outcome)
        else:  # a SessionFileError or a JobRunner message: they name the file already
            detail = str(outcome)
        self.last_error = detail
        if not self._autosave_failing:
            self._autosave_failing = True
            show_error(self._window, "autosaveError",
                       self.tr("Autosave could not write the recovery file {path}.").format(
                           path=str(target)), detail,
                       self.tr("Your work could not be saved for recovery"))

    def _document_extras(self) -> dict:
        extras = self._extras()
        return {"lesson_id": extras.get("lesson"), "panels": extras.get("panels", ()),
                "file": None if self.path is None else str(self.path),
                "classification": self._classification, "mode": extras.get("mode")}

    def wait_for_autosave(self) -> None:
        """Block until an autosave under way is written (its result arrives as an event)."""
        self._writer.wait()

    def stop(self) -> None:
        """Stop autosaving (the window is going away)."""
        self._autosave.stop()
        self.wait_for_autosave()  # a write under way finishes: the file stays whole

    def finish(self) -> None:
        """A clean exit: stop autosaving and remove the recovery file."""
        self.stop()
        recovery_path().unlink(missing_ok=True)

    def _error(self, title: str, detail: str) -> None:
        self.last_error = detail
        show_error(self._window, "sessionFileError", title, detail)


@dataclass(frozen=True)
class _Failure:
    """What the autosave job returns when it failed (a returned value, so that a failed write is
    reported as that, not as a bug)."""

    error: Exception


def _write_recovery(path: Path, document: dict) -> object:
    """The autosave job (on the worker thread): True when written, else a _Failure.

    Autosave must never take the app down: a failed write leaves the old recovery file,
    and the GUI thread says what happened.
    """
    try:
        write_session(path, document)
    except Exception as err:
        return _Failure(err)
    return True
