"""The bottom tabs that teach the rest of the chapter, each a live view on the same Session."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.formula.formula_panel import FormulaPanel
from linreg_lab.gui.tabs.lesson.lesson_panel import LessonPanel
from linreg_lab.gui.tabs.noise.noise_panel import NoisePanel
from linreg_lab.gui.tabs.sweep.sweep_panel import SweepPanel
from linreg_lab.gui.tabs.vectorization.vectorization_panel import VectorizationPanel


class TeachingTabs(QTabWidget):
    """Formula, noise and likelihood, vectorisation, sweeps and lessons, by name."""

    def __init__(self, session: Session, language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teachingTabs")
        self.setDocumentMode(True)
        self._panels: dict[str, QWidget] = {}
        self.lesson = LessonPanel(language=language, parent=self)
        self._add("lesson", self.lesson, self.tr("Lesson"))
        self.formula = FormulaPanel(session, self)
        self._add("formula", self.formula, self.tr("Formula"))
        self.noise = NoisePanel(session, self)
        self.noise.generateRequested.connect(session.generate)  # the view only requests
        self._add("noise", self.noise, self.tr("Noise && likelihood"))
        self.vectorization = VectorizationPanel(session, self)
        self._add("vectorization", self.vectorization, self.tr("Vectorization"))
        self.sweep = SweepPanel(session, self)
        self._add("sweep", self.sweep, self.tr("Hyperparameters and generalization"))

    def _add(self, name: str, panel: QWidget, title: str) -> None:
        self._panels[name] = panel
        self.addTab(panel, title)

    def panel_names(self) -> list[str]:
        return list(self._panels)

    def current_name(self) -> str:
        current = self.currentWidget()
        return next((n for n, p in self._panels.items() if p is current), "")

    def show_panel(self, name: str) -> bool:
        """Bring a tab to the front by name ("formula", "noise", ...); False if there is none."""
        if name in self._panels:
            self.setCurrentWidget(self._panels[name])
            return True
        return False

    def shutdown(self) -> None:
        """Stop background work (timers, sweeps) before the window goes away."""
        for panel in self._panels.values():
            stop = getattr(panel, "shutdown", None)
            if stop is not None:
                stop()
