"""Noise & likelihood (d2l 3.1.3): why the squared loss, and when another loss is the right one.

Four small live parts, one file each: the normal density with the chapter's three curves
(density); the residuals of the SGD line against the normal N(0, σ̂²) fitted to them
(residuals); the negative log-likelihood next to the MSE along b, with both minima on the
analytical b (likelihood); and squared (Gaussian MLE), absolute (Laplace MLE) and Huber loss
on the lab's data or on the part's own copy with another noise type (loss_comparison), which
never replaces the lab's data unless the learner asks. The numbers come from core; this
panel only says when each part redraws: training redraws through a ThrottledRedraw (about 10
per second), new data at once, and neither while the tab is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from linreg_lab.core.noise_analysis import HuberFit, LadFit
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.noise.density import DensityPart
from linreg_lab.gui.tabs.noise.likelihood import LikelihoodPart
from linreg_lab.gui.tabs.noise.loss_comparison import LossComparisonPart
from linreg_lab.gui.tabs.noise.residuals import ResidualsPart
from linreg_lab.gui.widgets.redraw import ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating

REDRAW_INTERVAL_MS = 100  # training redraws at most ~10 per second


class NoisePanel(Retranslating, QWidget):
    """The normal density, residuals, likelihood vs MSE, and squared vs absolute vs Huber."""

    generateRequested = Signal(object)  # a GenerationSpec: "train on this copy" was pressed

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noisePanel")
        self._session = session
        self.density = DensityPart(self)
        self.residuals = ResidualsPart(session, self)
        self.likelihood = LikelihoodPart(session, self)
        self.losses = LossComparisonPart(session, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for part, stretch in ((self.density, 10), (self.residuals, 10), (self.likelihood, 11),
                              (self.losses, 14)):
            layout.addWidget(part, stretch)
        self.losses.generateRequested.connect(self.generateRequested)
        self._data_redraw = ThrottledRedraw(self, self._refresh_data, REDRAW_INTERVAL_MS)
        self._state_redraw = ThrottledRedraw(self, self._redraw_state, REDRAW_INTERVAL_MS,
                                             pacing=session.pacing)
        session.datasetChanged.connect(self._on_dataset_changed)
        session.stateChanged.connect(self._state_redraw.request)
        self._on_dataset_changed()  # drawn now if shown, else when the tab is first shown
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Noise and likelihood"))

    def _on_dataset_changed(self) -> None:
        """New data show at once when the tab is visible, else when it is shown again."""
        self.losses.stop()  # a fit of the old data is of no use
        self._data_redraw.request()
        if self.isVisible():
            self._data_redraw.flush()

    def showEvent(self, event: QShowEvent) -> None:
        """Data that changed while the tab was hidden show at once, not a throttle later."""
        super().showEvent(event)
        self._data_redraw.flush()

    def _refresh_data(self) -> None:
        self.likelihood.refresh_data()
        self.losses.refresh_data()
        self._redraw_state()

    def _redraw_state(self) -> None:
        """Residual histogram and likelihood numbers of the current SGD parameters."""
        self.residuals.refresh()
        self.likelihood.refresh_numbers()

    def shutdown(self) -> None:
        """Stop any LAD fit in progress (the window is closing)."""
        self.losses.stop()

    # ----- for tests and automation -------------------------------------------------------
    def lad_fit(self) -> LadFit | None:
        return self.losses.lad_fit()

    def huber_fit(self) -> HuberFit | None:
        return self.losses.huber_fit()

    def lad_running(self) -> bool:
        return self.losses.lad_running()

    def likelihood_sigma(self) -> float:
        return self.likelihood.likelihood_sigma()

    def sweep_minima(self) -> tuple[float, float]:
        return self.likelihood.sweep_minima()
