"""File → Export: plots as PNG/SVG, data and loss history as CSV, the run as a Python script
or a Jupyter notebook.

Every file is written all or nothing (a temporary file next to the target, then os.replace),
so a failed export never leaves half a picture or a truncated table behind, and the file
that was there stays as it was. Any failure while the file is drawn, formatted or written
(a disk error, a refused value, no memory left, a bug) raises ExportError with a message for
people that names the file; the …_dialog() variants show it in a non-blocking box.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPoint,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QGraphicsView, QMenu, QWidget

from linreg_lab import core
from linreg_lab.core.export_files import history_csv_text, write_atomic
from linreg_lab.core.notation import LossKind, UpdateRule
from linreg_lab.core.python_export import python_script
from linreg_lab.core.run_record import RunSettings
from linreg_lab.gui.dialogs.messages import show_error
from linreg_lab.gui.files.notebook_texts import notebook_texts
from linreg_lab.gui.files.write_errors import failure_reason, log_if_bug
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.session import Session

SCALE = 2  # PNGs are drawn at twice the on-screen size, crisp on paper and HiDPI screens
PLOT_FORMATS = ("png", "svg")


class ExportError(Exception):
    """An export that failed; str(error) is a translated message to show as it is."""


@contextlib.contextmanager
def failures_named(path: str | Path) -> Iterator[None]:
    """Anything that goes wrong inside becomes an ExportError naming the file."""
    try:
        yield
    except ExportError:
        raise
    except Exception as err:
        log_if_bug(err)
        raise ExportError(QCoreApplication.translate(
            "Exporter", "Could not write {name}: {reason}.").format(
            name=Path(path).name, reason=failure_reason(err))) from err


class Exporter(QObject):
    """The export actions' logic: render or format, then write atomically; dialogs on top."""

    exported = Signal(str)  # the path just written (for a status-bar note)

    def __init__(self, session: Session, window: QWidget, plots: dict[str, QWidget]) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._plots = dict(plots)
        self._settings = AppSettings()
        self._menu_actions: dict[str, QAction] = {}

    # ----- what can be exported ---------------------------------------------------------
    def set_plot(self, name: str, widget: QWidget) -> None:
        """Export `widget` under `name` from now on (the mode shown has its own plots)."""
        if name not in self._plots:
            raise KeyError(name)
        self._plots[name] = widget

    def plot_names(self) -> list[str]:
        return list(self._plots)

    def plot_title(self, name: str) -> str:
        """A plot's name for menus and dialogs (its object name when it is not a known one)."""
        titles = {"fitPlot": self.tr("Fit plot"), "lossPlot": self.tr("Loss curve"),
                  "landscapePlot": self.tr("Loss landscape"),
                  "neuronDiagram": self.tr("Neuron diagram")}
        return titles.get(name, name)

    # ----- exports (raise ExportError) --------------------------------------------------
    def export_plot(self, name: str, path: str | Path, fmt: str | None = None) -> None:
        """Write plot `name` as PNG (2× its on-screen size) or SVG; fmt defaults to the suffix.

        Any widget works (plots, the neuron diagram): PNG is drawn at 2× like a HiDPI
        screen would, SVG by Qt's QSvgGenerator.
        """
        fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
        if fmt not in PLOT_FORMATS:
            raise ExportError(self.tr("Plots can be exported as PNG or SVG, not “{fmt}”.")
                              .format(fmt=fmt))
        widget = self._plots[name]
        if widget.width() < 1 or widget.height() < 1:
            raise ExportError(self.tr("The {plot} has no size yet; show it, then export.")
                              .format(plot=self.plot_title(name)))
        with failures_named(path):
            if fmt == "svg":
                payload = _widget_svg(widget, self.plot_title(name))
            else:
                payload = _widget_png(widget)
            self._write(path, payload)

    def export_data_csv(self, path: str | Path) -> None:
        """All examples as core.save_csv writes them, with a split column (train or
        validation) so the app's validation set, and its curve, can be redone from the file."""
        with failures_named(path):
            try:
                core.save_csv(self._session.dataset, path, val_mask=self._session.data.val_mask)
            except core.DataError as err:  # names the file (and says what was wrong)
                raise ExportError(str(err)) from err
        self.exported.emit(str(path))

    def export_history_csv(self, path: str | Path) -> None:
        """The loss history in core.export_files' tidy format (kind, index, loss, w…, b)."""
        with failures_named(path):
            self._write(path, history_csv_text(self._session.trainer.history))

    def export_python(self, path: str | Path) -> None:
        """A NumPy-only script that redoes this training (see core.python_export)."""
        with failures_named(path):
            self._write(path, self.python_text())

    def python_text(self) -> str:
        """The script export_python writes, from the session as it is now."""
        return self._from_run(python_script)

    def export_notebook(self, path: str | Path) -> None:
        """A Jupyter notebook: the script's NumPy code in d2l 3.2's steps, then d2l 3.3's
        concise PyTorch version (see core.notebook_export), in the current language."""
        with failures_named(path):
            self._write(path, self.notebook_text())

    def notebook_text(self) -> str:
        """The .ipynb text export_notebook writes, from the session as it is now."""
        # nbformat (and its jsonschema) take about as long to import as the rest of the
        # window takes to build: imported when a notebook is first exported, not at start
        from linreg_lab.core.notebook_export import notebook_json

        hyper, trainer = self._session.hyper, self._session.trainer
        settings = RunSettings(lr=hyper.lr, batch_size=hyper.batch_size, shuffle=hyper.shuffle,
                               loss=LossKind(hyper.loss), huber_delta=hyper.huber_delta,
                               update=UpdateRule(hyper.update))
        texts = notebook_texts(self._session.data.n_train, trainer.run_record().steps)
        epochs = max(trainer.epoch, hyper.num_epochs)  # Part 2 trains as long as the app did
        return self._from_run(lambda **script: notebook_json(
            texts=texts, settings=settings, num_epochs=epochs, **script))

    def _from_run(self, export: Callable[..., str]) -> str:
        """export(**script_sections' arguments) for the session's data and run."""
        data, hyper, trainer = self._session.data, self._session.hyper, self._session.trainer
        train, truth = data.train_set, data.has_truth
        try:
            return export(
                X=train.X, y=train.y, run=trainer.run_record(), seed=hyper.seed,
                feature_names=data.dataset.feature_names, label_name=data.dataset.label_name,
                true_w=data.true_w if truth else None, true_b=data.true_b if truth else None,
                spec=data.spec if truth else None,
                recipe=data.recipe.name if data.recipe is not None else None,
                standardize=hyper.standardize,
                n_held_out=int(data.val_rows.size), current_w=trainer.w, current_b=trainer.b)
        except ValueError as err:
            raise ExportError(self.tr("There is nothing to export: the lab has no training "
                                      "examples.") if not data.n_train else str(err)) from err

    def _write(self, path: str | Path, payload: bytes | str) -> None:
        write_atomic(path, payload)
        self.exported.emit(str(path))


    # ----- dialogs (errors shown, never raised) -----------------------------------------
    def export_plot_dialog(self, name: str, fmt: str = "png") -> bool:
        title = self.tr("Export {plot} as {fmt}").format(plot=self.plot_title(name),
                                                         fmt=fmt.upper())
        filters = self.tr("PNG images (*.png)") if fmt == "png" else self.tr("SVG images (*.svg)")
        return self.save_dialog(title, f"{name}.{fmt}", filters, fmt,
                            lambda p: self.export_plot(name, p, fmt))

    def export_data_csv_dialog(self) -> bool:
        return self.save_dialog(self.tr("Export data as CSV"), "data.csv",
                            self.tr("CSV files (*.csv)"), "csv", self.export_data_csv)

    def export_history_csv_dialog(self) -> bool:
        return self.save_dialog(self.tr("Export loss history as CSV"), "loss_history.csv",
                            self.tr("CSV files (*.csv)"), "csv", self.export_history_csv)

    def export_python_dialog(self) -> bool:
        return self.save_dialog(self.tr("Export as Python script"), "linreg_sgd.py",
                            self.tr("Python scripts (*.py)"), "py", self.export_python)

    def export_notebook_dialog(self) -> bool:
        return self.save_dialog(self.tr("Export as Jupyter notebook"), "linreg_sgd.ipynb",
                            self.tr("Jupyter notebooks (*.ipynb)"), "ipynb",
                            self.export_notebook)

    def save_dialog(self, title: str, default: str, filters: str, suffix: str,
                    export: Callable[[str], None]) -> bool:
        """Ask for a file (in the last export folder), then export(path); an ExportError is
        shown in a non-blocking box. True if the file was written."""
        folder = self._settings.folder() or str(Path.cwd())
        path, _ = QFileDialog.getSaveFileName(self._window, title, str(Path(folder) / default),
                                              filters)
        if not path:
            return False
        if not Path(path).suffix:
            path = f"{path}.{suffix}"
        try:
            export(path)
        except ExportError as err:
            self._show_error(title, str(err))
            return False
        self._settings.set_folder(str(Path(path).parent))
        return True

    def _show_error(self, title: str, detail: str) -> None:
        text = self.tr("The export failed; nothing was written.")
        show_error(self._window, "exportError", text, detail, title)

    # ----- menu -------------------------------------------------------------------------
    def populate_menu(self, menu: QMenu) -> list[QAction]:
        """Add every export entry to menu (File → Export); returns the actions added."""
        slots: dict[str, Callable[[], object]] = {}
        for name in self._plots:
            for fmt in PLOT_FORMATS:
                slots[f"actionExport_{name}_{fmt}"] = (
                    lambda *_, n=name, f=fmt: self.export_plot_dialog(n, f))
        slots["actionExportDataCsv"] = self.export_data_csv_dialog
        slots["actionExportHistoryCsv"] = self.export_history_csv_dialog
        slots["actionExportPython"] = self.export_python_dialog
        slots["actionExportNotebook"] = self.export_notebook_dialog
        for i, (object_name, slot) in enumerate(slots.items()):
            if i == len(slots) - 4:
                menu.addSeparator()
            action = QAction(menu)
            action.setObjectName(object_name)
            action.triggered.connect(slot)
            menu.addAction(action)
            self._menu_actions[object_name] = action
        self.retranslate()
        return list(self._menu_actions.values())

    def retranslate(self) -> None:
        """The menu entries' texts in the current language."""
        for object_name, (text, tip) in self._entry_texts().items():
            action = self._menu_actions.get(object_name)
            if action is not None:
                action.setText(text)
                action.setToolTip(tip)
                action.setStatusTip(tip)

    def _entry_texts(self) -> dict[str, tuple[str, str]]:
        texts = {}
        for name in self._plots:
            plot = self.plot_title(name)
            for fmt in PLOT_FORMATS:
                texts[f"actionExport_{name}_{fmt}"] = (
                    self.tr("{plot} as {fmt}…").format(plot=plot, fmt=fmt.upper()),
                    self.tr("Save the {plot} as a {fmt} picture.").format(plot=plot,
                                                                         fmt=fmt.upper()))
        texts["actionExportDataCsv"] = (
            self.tr("Data as CSV…"),
            self.tr("Save every example as a CSV table, with a split column that marks the "
                    "validation data."))
        texts["actionExportHistoryCsv"] = (
            self.tr("Loss history as CSV…"),
            self.tr("Save the minibatch and epoch losses, with w and b, as a CSV table."))
        texts["actionExportPython"] = (
            self.tr("As Python script…"),
            self.tr("Save a NumPy-only script that redoes this run up to the current step, "
                    "d2l style."))
        texts["actionExportNotebook"] = (
            self.tr("As Jupyter notebook…"),
            self.tr("Save a notebook in the book's style: this run from scratch in NumPy "
                    "(d2l 3.2), then the concise PyTorch version (d2l 3.3, needs PyTorch)."))
        return texts


# ----- rendering (pure Qt, no state) -----------------------------------------------------
def _paint(widget: QWidget, painter: QPainter) -> None:
    """Draw widget with painter as it looks on screen (pyqtgraph plots: their scene)."""
    if not isinstance(widget, QGraphicsView):
        widget.render(painter, QPoint())
        return
    # pyqtgraph's export mode: scatter symbols drawn as shapes, not cached 1× pixmaps
    items = [i for i in widget.scene().items() if hasattr(i, "setExportMode")]
    opts = {"antialias": True, "background": QColor(Qt.GlobalColor.white),
            "painter": painter, "resolutionScale": 1.0}
    size = widget.viewport().size()
    try:
        for item in items:
            item.setExportMode(True, opts)
        widget.render(painter, QRectF(0, 0, size.width(), size.height()),  # logical pixels
                      QRect(0, 0, size.width(), size.height()))
    finally:
        for item in items:
            item.setExportMode(False)


def _widget_png(widget: QWidget) -> bytes:
    """The widget at SCALE× its size, drawn like on a HiDPI screen, on white.

    Not pyqtgraph's ImageExporter: its scaled render leaves items that ignore transformations
    (the legend, text items) at 1×, so legends came out half size next to 2× axes.
    """
    image = QImage(widget.size() * SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(SCALE)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint(widget, painter)
    finally:
        painter.end()
    return _png_bytes(image)


def _widget_svg(widget: QWidget, title: str) -> bytes:
    """Qt's own SVG 1.1 (with clipping), for plots too.

    pyqtgraph 0.14's SVGExporter cannot parse the path data Qt ≥ 6.10 writes (pyqtgraph
    issue #3485), and SVG 1.1 clips curves to the plot area where SVG Tiny 1.2 cannot.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setTitle(title)
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setResolution(96)  # CSS pixels: browsers and Inkscape show it at screen size
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    painter = QPainter(generator)
    try:
        _paint(widget, painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(QCoreApplication.translate(
            "Exporter", "The picture could not be encoded as PNG."))
    buffer.close()
    return bytes(data.data())


__all__ = ["PLOT_FORMATS", "SCALE", "ExportError", "Exporter", "failures_named"]
