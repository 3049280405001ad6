"""Part 4 of the Noise tab: squared (Gaussian MLE) against absolute (Laplace MLE) loss.

Buttons ask for the same data recipe with another noise type (the view only requests:
generateRequested(spec), undoable in the Session); the table compares the least-squares line
with the least-absolute-deviations line, which is fitted in chunks of a few milliseconds per
event-loop turn so that big data never freeze the window.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from linreg_lab.core.noise_analysis import LadFit, lad_iterations, parameter_distance
from linreg_lab.core.notation import NOISE_KINDS, NoiseKind
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.noise.fits_table import LAD_ROW, LS_ROW, FitsTable
from linreg_lab.gui.tabs.noise.small_plots import part_layout
from linreg_lab.gui.text.vocabulary import noise_name
from linreg_lab.gui.widgets.fields import describe
from linreg_lab.gui.widgets.retranslating import Retranslating

LAD_BUDGET_S = 0.010  # LAD iterations per event-loop turn on big data


def noise_kind(spec: GenerationSpec | None) -> str | None:
    """The noise type of generated data; None when the data came from a file or clicks."""
    return None if spec is None else spec.noise


class LossComparisonPart(Retranslating, QGroupBox):
    """Noise buttons, the two fitted lines, and which one is the maximum-likelihood line."""

    generateRequested = Signal(object)  # a GenerationSpec: the same recipe, another noise

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._lad: LadFit | None = None
        self._lad_steps: Iterator[LadFit] | None = None
        self._lad_timer = QTimer(self)
        self._lad_timer.setSingleShot(True)
        self._lad_timer.setInterval(0)
        self._lad_timer.timeout.connect(self._continue_lad)
        inner = part_layout(self)
        inner.addLayout(self._make_buttons())
        self.table = FitsTable(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        inner.addWidget(self.table)
        inner.addWidget(self.explanation, 1)
        self.retranslate()

    def _make_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.noise_label = QLabel(self)
        row.addWidget(self.noise_label)
        self.noise_buttons = QButtonGroup(self)
        self.noise_buttons.setExclusive(False)  # none is checked for data of unknown noise
        for kind in NOISE_KINDS:
            button = QPushButton(self)
            button.setCheckable(True)
            button.setObjectName(f"noise_{kind}")
            button.clicked.connect(lambda _checked=False, k=kind: self._request_noise(k))
            self.noise_buttons.addButton(button)
            row.addWidget(button, 1)
        return row

    def retranslate(self) -> None:
        self.setTitle(self.tr("Squared vs absolute loss"))
        self.noise_label.setText(self.tr("Noise:"))
        undo = self.tr("Edit ▸ Undo brings the previous data back.")
        tips = {
            NoiseKind.GAUSSIAN: self.tr(
                "Regenerate the data with normal noise, the chapter's assumption."),
            NoiseKind.LAPLACE: self.tr("Regenerate the data with Laplace noise of the same σ: "
                                       "sharper peak, heavier tails."),
            NoiseKind.OUTLIERS: self.tr(
                "Regenerate the data with normal noise plus a few labels far off."),
        }
        for button, kind in zip(self.noise_buttons.buttons(), NOISE_KINDS, strict=True):
            button.setText(noise_name(kind))
        describe({button: (self.tr("{noise} noise").format(noise=noise_name(kind)),
                           f"{tips[NoiseKind(kind)]} {undo}")
                  for button, kind in zip(self.noise_buttons.buttons(), NOISE_KINDS,
                                          strict=True)})
        self.explanation.setText(self.explanation_text(noise_kind(self._session.data.spec)))

    # ----- requests -------------------------------------------------------------------------
    def _request_noise(self, kind: str) -> None:
        """Ask for the same data recipe with another noise type (the Session makes it)."""
        spec = self._session.data.spec
        if spec is None or spec.noise != kind:
            self.generateRequested.emit(replace(spec or GenerationSpec(), noise=kind))
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        kind = noise_kind(self._session.data.spec)
        for button, name in zip(self.noise_buttons.buttons(), NOISE_KINDS, strict=True):
            with QSignalBlocker(button):
                button.setChecked(name == kind)

    # ----- following the data ---------------------------------------------------------------
    def refresh_data(self) -> None:
        """New data: the buttons show their noise, and the LAD fit starts again."""
        self._sync_buttons()
        self.stop()
        train = self._session.data.train_set
        self._lad_steps = lad_iterations(train.X, train.y) if train.n_examples else None
        self._fill()
        self._continue_lad()

    def stop(self) -> None:
        """Drop a LAD fit in progress (its data are gone, or the window is closing)."""
        self._lad_timer.stop()
        self._lad, self._lad_steps = None, None

    def _continue_lad(self) -> None:
        """Pull IRLS iterations for a few ms; reschedule until the final, polished fit."""
        if self._lad_steps is None:
            return
        start = time.perf_counter()
        while time.perf_counter() - start <= LAD_BUDGET_S:
            latest = next(self._lad_steps, None)
            if latest is None:  # the iterator ended: its last item is the final fit
                self._lad_steps = None
                self._fill()
                return
            self._lad = latest
        self._lad_timer.start()

    def _fill(self) -> None:
        data, sol = self._session.data, self._session.solution.lstsq
        lad = self.lad_fit()
        fits = {LS_ROW: (sol.w, sol.b) if data.n_train else None,
                LAD_ROW: (lad.w, lad.b) if lad is not None else None}
        for row, fit in fits.items():
            distance = (parameter_distance(fit[0], fit[1], data.true_w, data.true_b)
                        if fit is not None and data.has_truth else None)
            self.table.fill_row(row, fit, distance, busy=row == LAD_ROW and self.lad_running())
        kind = noise_kind(data.spec)
        self.table.embolden_mle_row(kind)
        self.explanation.setText(self.explanation_text(kind))

    def lad_fit(self) -> LadFit | None:
        """The finished least-absolute-deviations fit of the training data, if done."""
        return None if self._lad_steps is not None else self._lad

    def lad_running(self) -> bool:
        return self._lad_steps is not None

    def explanation_text(self, kind: str | None) -> str:
        """Which line is the maximum-likelihood one for this noise, and why."""
        texts = {
            NoiseKind.GAUSSIAN: self.tr(
                "Gaussian noise: −log p(ε) = ½log(2πσ²) + ε²/(2σ²), so the squared loss is the "
                "negative log-likelihood and the least-squares line (bold) is the "
                "maximum-likelihood one. The absolute-loss line is close but a little less "
                "precise."),
            NoiseKind.LAPLACE: self.tr(
                "Laplace noise: −log p(ε) = log(2s) + |ε|/s, so the absolute loss is the "
                "negative log-likelihood and the least-absolute-deviations line (bold), a "
                "median-type fit, is the maximum-likelihood one. Least squares still works but "
                "wastes information."),
            NoiseKind.OUTLIERS: self.tr(
                "Outliers: a few labels are far off. The squared loss grows with the square of "
                "a residual, so those few points pull the least-squares line towards them; the "
                "absolute loss grows only linearly, so its line (bold) stays with the bulk of "
                "the data: it is robust."),
        }
        if kind in texts:
            return texts[NoiseKind(kind)]
        return self.tr(
            "Unknown noise: these data were loaded or clicked in, so how they were made is "
            "unknown. If the residual histogram has heavy tails or far-off points, trust the "
            "absolute loss; if it looks like the normal curve, the squared loss.")
