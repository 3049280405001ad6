"""Which message the banner shows: the rules, apart from the window that lays it out.

Divergence is an error, a learning rate above the stability limit a warning, a
rank-deficient problem an explanation; each message is kept as the function that words it,
so a language switch re-words the message on screen instead of leaving the old language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from linreg_lab.gui.panels.banner import Banner
from linreg_lab.gui.panels.hyperparameter_bar import HyperparameterBar
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.explanations import (
    divergence_text,
    lr_warning_text,
    run_lost_text,
    solution_reason_text,
)


class BannerRules(QObject):
    """Listens to the session and keeps the banner (and the η field's warning) true."""

    def __init__(self, session: Session, banner: Banner, hyper_bar: HyperparameterBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._banner, self._hyper_bar = session, banner, hyper_bar
        self._wording: Callable[[], str] | None = None
        self._divergence_shown = False
        banner.dismissed.connect(self._forget)
        session.diverged.connect(self._on_diverged)
        session.hyperparametersChanged.connect(self.check_learning_rate)
        session.stateChanged.connect(self._end_divergence)
        session.runLost.connect(
            lambda step: self.show("warning", lambda: run_lost_text(step)))

    def show(self, kind: str, wording: Callable[[], str]) -> None:
        """Show a message that is worded again after a language switch."""
        self._wording, self._divergence_shown = wording, False
        self._banner.show_message(wording(), kind)

    def clear(self) -> None:
        self._wording, self._divergence_shown = None, False
        self._banner.clear()

    def refresh(self) -> None:
        """The warnings and explanations that follow from the current data and settings."""
        self.check_learning_rate()
        self.explain_data()

    def check_learning_rate(self) -> None:
        """Warn where η will (above 2/λmax) or may (small batches) make the run diverge."""
        s = self._session
        at_risk = s.lr_risk() is not None
        self._hyper_bar.set_lr_warning(lr_warning_text(s.learning_rate_check()) if at_risk
                                       else None)
        if at_risk:
            self.show("warning", lambda: lr_warning_text(s.learning_rate_check()))
        elif self._banner.kind() == "warning":
            self.clear()

    def explain_data(self) -> None:
        """Say in words why the analytical solution is not unique, when it is not."""
        if solution_reason_text(self._session.solution.lstsq):
            self.show("info", lambda: solution_reason_text(self._session.solution.lstsq) or "")
        elif self._banner.kind() == "info":
            self.clear()

    def retranslate(self) -> None:
        """Re-word the message on screen, and the η warning, in the current language."""
        if self._wording is not None and not self._banner.isHidden():
            self._banner.show_message(self._wording(), self._banner.kind())
        s = self._session
        if s.lr_risk() is not None:
            self._hyper_bar.set_lr_warning(lr_warning_text(s.learning_rate_check()))

    def _on_diverged(self, _reason: str) -> None:
        s = self._session
        self.show("error", lambda: divergence_text(s.learning_rate_check()))
        self._divergence_shown = True

    def _end_divergence(self) -> None:
        """A run that has not diverged is shown (Reset, new data, a lesson, a rewind): the
        divergence message goes, and what the new state calls for comes instead."""
        if self._divergence_shown and not self._session.trainer.diverged:
            self.clear()
            self.refresh()

    def _forget(self) -> None:
        self._wording, self._divergence_shown = None, False
