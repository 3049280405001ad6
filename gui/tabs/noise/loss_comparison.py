"""Part 4 of the Noise tab: squared (Gaussian MLE), absolute (Laplace MLE) and Huber loss.

The three lines are compared on the lab's own data or, with a noise button, on a copy made
with the same recipe and another noise type. The copy belongs to this part alone: the
learner's data and training stay as they are (nothing is replaced behind their back); "Train
on this copy" asks for it explicitly (generateRequested, undoable in the Session). The
absolute-loss and Huber lines are fitted in slices of a few milliseconds (RobustFits), so
big data never freeze the window.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from linreg_lab import core
from linreg_lab.core.noise_analysis import HuberFit, LadFit, parameter_distance
from linreg_lab.core.notation import NOISE_KINDS, NoiseKind
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.noise.fits_table import HUBER_ROW, LAD_ROW, LS_ROW, FitsTable
from linreg_lab.gui.tabs.noise.robust_fits import RobustFits
from linreg_lab.gui.tabs.noise.small_plots import part_layout
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.text.vocabulary import noise_name
from linreg_lab.gui.widgets.fields import describe
from linreg_lab.gui.widgets.retranslating import Retranslating

__all__ = ["LAB_DATA", "LossComparisonPart", "comparison_copy", "copy_spec", "noise_kind"]

LAB_DATA = "lab"  # the source "the lab's own data" (else a noise kind: a generated copy)


def noise_kind(spec: GenerationSpec | None) -> str | None:
    """The noise type of generated data; None when the data came from a file or clicks."""
    return None if spec is None else spec.noise


def copy_spec(data: DataState, kind: str) -> GenerationSpec:
    """The lab's recipe (the default one for data without a recipe) with `kind` noise."""
    base = data.spec or (data.recipe.spec if data.recipe is not None else GenerationSpec())
    return replace(base, noise=kind)


def comparison_copy(data: DataState, kind: str) -> DataState:
    """The data copy_spec makes (the part's own: the lab's data are not touched)."""
    spec = copy_spec(data, kind)
    return DataState.generated(spec, spec.seed)


class LossComparisonPart(Retranslating, QGroupBox):
    """Noise buttons, the three fitted lines, and which one is the maximum-likelihood line."""

    generateRequested = Signal(object)  # a GenerationSpec: train on the compared copy

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._source = LAB_DATA
        self._copy: DataState | None = None
        self._delta = session.hyper.huber_delta
        self._fits = RobustFits(self)
        self._fits.finished.connect(self._fill)
        inner = part_layout(self)
        inner.addLayout(self._make_buttons())
        self.source_label = QLabel(self)
        self.source_label.setObjectName("noiseComparisonSource")
        self.source_label.setWordWrap(True)
        self.adopt_button = QPushButton(self)
        self.adopt_button.setObjectName("noiseAdoptCopy")
        self.adopt_button.clicked.connect(self._request_adopt)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.adopt_button)
        self.table = FitsTable(self)
        self.table.set_huber_delta(self._delta)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        inner.addLayout(source_row)
        inner.addWidget(self.table)
        inner.addWidget(self.explanation, 1)
        session.hyperparametersChanged.connect(self._on_hyperparameters)
        self.retranslate()

    def _make_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.source_buttons = QButtonGroup(self)  # one checked: the source compared on
        self.source_buttons.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for source in (LAB_DATA, *NOISE_KINDS):
            button = self.buttons[source] = QPushButton(self)
            button.setCheckable(True)
            button.setObjectName(f"noise_{source}")
            button.clicked.connect(lambda _checked=False, k=source: self.compare_on(k))
            self.source_buttons.addButton(button)
            row.addWidget(button, 1)
        self.buttons[LAB_DATA].setChecked(True)
        return row

    def retranslate(self) -> None:
        self.setTitle(self.tr("Squared, absolute and Huber loss"))
        copy_note = self.tr("The lab's own data and training stay as they are.")
        tips = {
            NoiseKind.GAUSSIAN: self.tr(
                "Compare the lines on a copy of the data recipe with normal noise, the "
                "chapter's assumption."),
            NoiseKind.LAPLACE: self.tr("Compare the lines on a copy of the data recipe with "
                                       "Laplace noise of the same σ: sharper peak, heavier "
                                       "tails."),
            NoiseKind.OUTLIERS: self.tr(
                "Compare the lines on a copy of the data recipe with normal noise plus a few "
                "labels far off."),
        }
        lab = self.buttons[LAB_DATA]
        lab.setText(self.tr("Lab data"))
        help_texts = {lab: (self.tr("The lab's data"), self.tr(
            "Compare the three lines on the data the lab trains on."))}
        for kind in NOISE_KINDS:
            button = self.buttons[kind]
            button.setText(noise_name(kind))
            help_texts[button] = (self.tr("{noise} noise").format(noise=noise_name(kind)),
                                  f"{tips[NoiseKind(kind)]} {copy_note}")
        self.adopt_button.setText(self.tr("Train on this copy"))
        help_texts[self.adopt_button] = (self.tr("Train on the compared copy"), self.tr(
            "Replace the lab's data with this copy and train on it; Edit ▸ Undo brings the "
            "previous data back."))
        describe(help_texts)
        self._show_source()
        self.explanation.setText(self.explanation_text(self.compared_noise()))

    # ----- which data are compared ----------------------------------------------------------
    def compare_on(self, source: str) -> None:
        """Compare on the lab's data (LAB_DATA) or on a copy with this noise kind."""
        self._source = source
        self._sync_buttons()
        self.refresh_data()

    def compared_data(self) -> DataState:
        """The data the table is about: the lab's, or this part's own copy."""
        return self._copy if self._copy is not None else self._session.data

    def compared_noise(self) -> str | None:
        data = self.compared_data()
        return noise_kind(data.spec)

    def _sync_buttons(self) -> None:
        with QSignalBlocker(self.buttons[self._source]):
            self.buttons[self._source].setChecked(True)  # exclusive: the others uncheck

    def _show_source(self) -> None:
        copy = self._copy
        self.adopt_button.setVisible(copy is not None)
        if copy is None or copy.spec is None:
            self.source_label.setText(self.tr("On the lab's data."))
            self.source_label.setToolTip("")
            return
        spec = copy.spec
        self.source_label.setText(self.tr("On a copy with {noise} noise; the lab's data are "
                                          "unchanged.").format(noise=noise_name(spec.noise)))
        self.source_label.setToolTip(self.tr(
            "The copy: the lab's recipe with w = {w}, b = {b}, σ = {sigma}, n = {n}, seed "
            "{seed}, and {noise} noise.").format(
            noise=noise_name(spec.noise), w=", ".join(fmt(v) for v in spec.w), b=fmt(spec.b),
            sigma=fmt(spec.noise_std), n=spec.num_examples, seed=spec.seed))

    def _request_adopt(self) -> None:
        """Ask for the compared copy as the lab's data (the learner pressed the button)."""
        if self._copy is not None and self._copy.spec is not None:
            self.generateRequested.emit(self._copy.spec)

    # ----- following the data ---------------------------------------------------------------
    def refresh_data(self) -> None:
        """New data (or another source): the copy is made anew and the fits start again."""
        lab = self._session.data
        spec = None if self._source == LAB_DATA else copy_spec(lab, self._source)
        if spec is None or (spec == lab.spec and not lab.edited):
            self._copy = None  # the lab's data (or exactly this copy: the lab's data)
        elif self._copy is None or self._copy.spec != spec:  # an edit keeps the copy
            self._copy = comparison_copy(lab, self._source)
        self._show_source()
        train = self.compared_data().train_set
        self._fits.start(train.X, train.y, self._delta)  # done at once on small data
        self._fill()

    def _on_hyperparameters(self) -> None:
        """A new Huber δ: the Huber line is fitted again."""
        delta = self._session.hyper.huber_delta
        if delta != self._delta:
            self._delta = delta
            self.table.set_huber_delta(delta)
            self.refresh_data()

    def stop(self) -> None:
        """Drop the fits in progress (their data are gone, or the window is closing)."""
        self._fits.stop()

    def _fill(self) -> None:
        data = self.compared_data()
        busy = self._fits.running()
        lad, huber = self.lad_fit(), self.huber_fit()
        fits = {LS_ROW: self._least_squares(data),
                LAD_ROW: (lad.w, lad.b) if lad is not None else None,
                HUBER_ROW: (huber.w, huber.b) if huber is not None else None}
        for row, fit in fits.items():
            distance = (parameter_distance(fit[0], fit[1], data.true_w, data.true_b)
                        if fit is not None and data.has_truth else None)
            self.table.fill_row(row, fit, distance, busy=row != LS_ROW and busy)
        kind = noise_kind(data.spec)
        self.table.embolden_mle_row(kind)
        self.explanation.setText(self.explanation_text(kind))

    def _least_squares(self, data: DataState) -> tuple[np.ndarray, float] | None:
        if not data.n_train:
            return None
        if data is self._session.data:
            sol = self._session.solution.lstsq
        else:
            train = data.train_set
            sol = core.least_squares(train.X, train.y)
        return sol.w, sol.b

    def lad_fit(self) -> LadFit | None:
        """The finished least-absolute-deviations fit of the compared data, if done."""
        return self._fits.lad()

    def huber_fit(self) -> HuberFit | None:
        """The finished Huber fit of the compared data, if done."""
        return self._fits.huber()

    def lad_running(self) -> bool:
        return self._fits.running()

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
        huber = self.tr("The Huber loss is squared within ±δ and absolute beyond: nearly as "
                        "precise as least squares on Gaussian noise, nearly as robust as the "
                        "absolute loss.")
        if kind in texts:
            return texts[NoiseKind(kind)] + " " + huber
        return self.tr(
            "Unknown noise: these data were loaded or clicked in, so how they were made is "
            "unknown. If the residual histogram has heavy tails or far-off points, trust the "
            "absolute loss; if it looks like the normal curve, the squared loss.") + " " + huber
