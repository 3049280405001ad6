"""Tuning on the validation set: the sweep's controls, its loss curves and its table.

This part only shows and checks; SweepPanel runs the sweep and hands the results back. Every
message is kept as a function that writes it, so a language switch says it again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.core.stability import LearningRateCheck
from linreg_lab.core.sweep import SweepResult
from linreg_lab.gui.tabs.sweep.results_table import ResultsTable
from linreg_lab.gui.tabs.sweep.tuning_plot import TuningPlot
from linreg_lab.gui.tabs.sweep.values import (
    DEFAULT_TEXT,
    best_index,
    parse_values,
    sweep_colors,
    value_label,
    values_problem,
)
from linreg_lab.gui.text.format import fmt, fmt_distinct
from linreg_lab.gui.widgets.fields import ERROR_TEXT_COLOR, describe, show_problem
from linreg_lab.gui.widgets.retranslating import Retranslating

MAX_EPOCHS = 1000
PARAMS = ("lr", "batch_size")


class TuningPart(Retranslating, QGroupBox):
    """Sweep η or the batch size: the values to try, one curve and one row per value."""

    def __init__(self, epochs: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._texts = dict(DEFAULT_TEXT)
        self._message: Callable[[], str] = str
        self._message_is_error = False
        self.results: list[SweepResult] = []
        self.lr_check: LearningRateCheck | None = None  # the limits, for the summary
        self._make_controls(epochs)
        self.plot = TuningPlot(epochs, self)
        self.table = ResultsTable(self)
        self._lay_out()
        self.param_combo.currentIndexChanged.connect(self._on_param_changed)
        self.values_edit.textEdited.connect(self.check_values)
        self.retranslate()

    def _make_controls(self, epochs: int) -> None:
        self.param_combo = QComboBox()
        self.param_combo.addItems(["", ""])
        self.values_edit = QLineEdit(self._texts["lr"])
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, MAX_EPOCHS)
        self.epochs_spin.setValue(epochs)
        self.run_button, self.cancel_button = QPushButton(), QPushButton()
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumWidth(220)

    def _lay_out(self) -> None:
        form = QFormLayout()
        self._form_labels = [QLabel() for _ in range(3)]
        for label, field in zip(self._form_labels,
                                (self.param_combo, self.values_edit, self.epochs_spin),
                                strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addLayout(buttons)
        controls.addWidget(self.progress)
        controls.addWidget(self.message, 1)
        row = QHBoxLayout(self)
        row.addLayout(controls, 0)
        row.addWidget(self.plot, 3)
        row.addWidget(self.table, 2)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Tuning on the validation set"))
        self.param_combo.setItemText(0, self.tr("learning rate η"))
        self.param_combo.setItemText(1, self.tr("batch size"))
        for label, text in zip(self._form_labels,
                               (self.tr("Sweep"), self.tr("Values"), self.tr("Epochs")),
                               strict=True):
            label.setText(text)
        self.run_button.setText(self.tr("Run sweep"))
        self.cancel_button.setText(self.tr("Cancel"))
        describe(self._help())
        self.check_values()
        self._show_message()

    def values_help(self) -> str:
        return self.tr(
            "The values to try, separated by commas; each is trained from the same start with "
            "the same seed, and the other hyperparameters as set now.")

    def _help(self) -> dict[QWidget, tuple[str, str]]:
        return {
            self.param_combo: (self.tr("Hyperparameter to sweep"), self.tr(
                "Which hyperparameter to vary; all others stay as set in the toolbar.")),
            self.values_edit: (self.tr("Values to try"), self.values_help()),
            self.epochs_spin: (self.tr("Epochs per run"),
                               self.tr("How many passes over the training set each run makes.")),
            self.run_button: (self.tr("Run sweep"), self.tr(
                "Train one model per value on the current training set and compare their "
                "validation losses.")),
            self.cancel_button: (self.tr("Cancel"), self.tr("Stop the computation now.")),
            self.progress: (self.tr("Progress"), self.tr("How much of the job is done.")),
            self.message: (self.tr("Sweep result"),
                           self.tr("What the sweep found, or what is wrong with the values.")),
        }

    # ----- the values field ---------------------------------------------------------------
    def param(self) -> str:
        return PARAMS[self.param_combo.currentIndex()]

    def values(self) -> list[float] | None:
        """The parsed values, or None (and the problem shown) if the field is wrong."""
        if not self.check_values():
            return None
        return parse_values(self.values_edit.text(), self.param())

    def _on_param_changed(self) -> None:
        """Each hyperparameter keeps its own list of values."""
        old = PARAMS[1 - self.param_combo.currentIndex()]
        self._texts[old] = self.values_edit.text()
        self.values_edit.setText(self._texts[self.param()])
        self.check_values()

    def check_values(self) -> bool:
        """Mark the field and say what is wrong with it; clear an old complaint if fixed."""
        text, param = self.values_edit.text(), self.param()
        problem = values_problem(text, param)
        show_problem(self.values_edit, problem, self.values_help())
        if problem is not None:
            self.say(lambda: values_problem(text, param) or "", error=True)
        elif self._message_is_error:
            self.say(str)
        return problem is None

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.param_combo.setEnabled(not running)

    # ----- messages and results -----------------------------------------------------------
    def say(self, make_text: Callable[[], str], *, error: bool = False) -> None:
        """Show a message; kept as a function, so a language switch says it again."""
        self._message, self._message_is_error = make_text, error
        self._show_message()

    def _show_message(self) -> None:
        self.message.setProperty("error", self._message_is_error)
        self.message.setStyleSheet(f"color: {ERROR_TEXT_COLOR};"
                                   if self._message_is_error else "")
        self.message.setText(self._message())

    def show_results(self, results: list[SweepResult]) -> None:
        self.results = results
        palette = sweep_colors(len(results))
        self.plot.show_results(results, palette)
        self.table.show_results(results, palette)
        self.say(self.summary)

    def summary(self) -> str:
        """What the sweep found, in a few sentences."""
        results = self.results
        use_val = results[0].val_curve is not None
        parts = [self._best_text(results, use_val), self._diverged_text(results),
                 self._updates_text(results)]
        return " ".join(p for p in parts if p)

    def _best_text(self, results: list[SweepResult], use_val: bool) -> str:
        best = best_index(results)
        if best is None:
            return ""
        label = value_label(results[best].param, results[best].value)
        if use_val:
            return self.tr("Lowest validation loss: {label}.").format(label=label)
        return self.tr("Lowest training loss: {label}. Without a validation set this says "
                       "nothing about new data.").format(label=label)

    def _diverged_text(self, results: list[SweepResult]) -> str:
        diverged = sum(r.diverged for r in results)
        if not diverged:
            return ""
        check = self.lr_check
        if results[0].param == "lr" and (check is None or check.full_batch):
            return self.tr("{count} run(s) diverged: η above about {limit} overshoots.").format(
                count=diverged, limit=fmt(None if check is None else check.full_limit, 2))
        if results[0].param == "lr" and check is not None:  # small batches: the lower limit
            limit, full = fmt_distinct(check.batch_limit, check.full_limit, 2)
            return self.tr("{count} run(s) diverged: minibatches of {b} can diverge from about "
                           "η = {limit}, below the full-batch limit {full}.").format(
                               count=diverged, b=check.batch_size, limit=limit, full=full)
        return self.tr("{count} run(s) diverged: smaller batches take noisier steps; try a "
                       "smaller η.").format(count=diverged)

    def _updates_text(self, results: list[SweepResult]) -> str:
        if results[0].param != "batch_size" or len(results) < 2:
            return ""
        small, large = results[0], results[-1]
        if small.diverged or large.diverged:
            return ""
        per = [r.steps // max(1, int(r.epochs.max())) for r in (small, large)]
        return self.tr("Per epoch, batch {small} makes {a} updates and batch {large} only "
                       "{b}.").format(small=int(small.value), a=per[0], large=int(large.value),
                                      b=per[1])
