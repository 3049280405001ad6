"""File → Export in classification mode: the softmax run as a Python script or a notebook.

The classification counterpart of exporting.Exporter's script and notebook exports, over
a ClassificationSession: the text comes from core.softmax_export / core.softmax_notebook
(the trainer's run record, the session's seed and formula), the file is written all or
nothing (core.atomic), and any failure raises exporting.ExportError with a message for
people that names the file, so the old file stays as it was. The …_dialog() variants ask
for the file through an Exporter (its folder, its error box) and return whether it was
written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.atomic import write_atomic
from linreg_lab.core.softmax_export import SoftmaxScriptArgs, softmax_script
from linreg_lab.core.softmax_run import SoftmaxSettings
from linreg_lab.gui.files.class_notebook_texts import class_notebook_texts
from linreg_lab.gui.files.exporting import Exporter, ExportError, failures_named
from linreg_lab.gui.state.classification import ClassificationSession

__all__ = [
    "NOTEBOOK_NAME",
    "SCRIPT_NAME",
    "export_softmax_notebook",
    "export_softmax_notebook_dialog",
    "export_softmax_script",
    "export_softmax_script_dialog",
    "softmax_notebook_text",
    "softmax_script_text",
]

translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings

SCRIPT_NAME, NOTEBOOK_NAME = "softmax_sgd.py", "softmax_sgd.ipynb"  # the dialogs' defaults


def softmax_script_text(session: ClassificationSession) -> str:
    """The script export_softmax_script writes, from the session as it is now."""
    try:
        return softmax_script(**_script_args(session))
    except ValueError as err:
        raise _nothing_to_export(err, session.trainer.n_examples) from err


def softmax_notebook_text(session: ClassificationSession, language: str | None = None) -> str:
    """The .ipynb text export_softmax_notebook writes: markdown in `language` ("en" or
    "zh_CN"; None: the window's), Part 2 at the session's current settings and for as many
    epochs as the app trained (or planned)."""
    from linreg_lab.core.softmax_notebook import softmax_notebook_json  # nbformat: not at start

    data, hyper, trainer = session.dataset, session.hyper, session.trainer
    settings = SoftmaxSettings(hyper.lr, hyper.batch_size, hyper.shuffle, session.stable)
    texts = class_notebook_texts(trainer.n_examples, data.num_classes,
                                 trainer.run_record().steps, language)
    try:
        return softmax_notebook_json(texts=texts, settings=settings,
                                     num_epochs=max(trainer.epoch, hyper.num_epochs),
                                     **_script_args(session))
    except ValueError as err:
        raise _nothing_to_export(err, trainer.n_examples) from err


def export_softmax_script(session: ClassificationSession, path: str | Path) -> None:
    """Write the NumPy-only script that redoes the session's softmax run (ExportError)."""
    with failures_named(path):
        write_atomic(path, softmax_script_text(session))


def export_softmax_notebook(session: ClassificationSession, path: str | Path,
                            language: str | None = None) -> None:
    """Write the notebook: d2l 3.6 from scratch, then d2l 3.7 concisely (ExportError)."""
    with failures_named(path):
        write_atomic(path, softmax_notebook_text(session, language))


def export_softmax_script_dialog(exporter: Exporter, session: ClassificationSession) -> bool:
    """File → Export → As Python script… in classification mode: True if written."""
    return exporter.save_dialog(
        translate("Exporter", "Export as Python script"), SCRIPT_NAME,
        translate("Exporter", "Python scripts (*.py)"), "py",
        _announced(exporter, lambda path: export_softmax_script(session, path)))


def export_softmax_notebook_dialog(exporter: Exporter, session: ClassificationSession) -> bool:
    """File → Export → As Jupyter notebook… in classification mode, in the window's
    language: True if written."""
    return exporter.save_dialog(
        translate("Exporter", "Export as Jupyter notebook"), NOTEBOOK_NAME,
        translate("Exporter", "Jupyter notebooks (*.ipynb)"), "ipynb",
        _announced(exporter, lambda path: export_softmax_notebook(session, path)))


def _announced(exporter: Exporter, export: Callable[[str], None]) -> Callable[[str], None]:
    """export, then the exporter's `exported` signal (the window's status-bar note), as the
    Exporter's own exports do."""
    def export_and_announce(path: str) -> None:
        export(path)
        exporter.exported.emit(str(path))

    return export_and_announce


def _script_args(session: ClassificationSession) -> SoftmaxScriptArgs:
    """The trainer's own examples (the training rows: those its record replays)."""
    data, trainer = session.dataset, session.trainer
    return SoftmaxScriptArgs(X=trainer.X, labels=trainer.labels, run=trainer.run_record(),
                             stable=session.stable, seed=session.hyper.seed,
                             class_names=data.class_names, feature_names=data.feature_names,
                             n_held_out=data.n_examples - trainer.n_examples,
                             stopped_because=trainer.divergence_reason,
                             current_W=trainer.W, current_b=trainer.b)


def _nothing_to_export(err: ValueError, n_examples: int) -> ExportError:
    if not n_examples:
        return ExportError(translate(
            "Exporter", "There is nothing to export: the lab has no training examples."))
    return ExportError(str(err))
