"""The fit plot with its view chooser and a one-line hint on how to edit points."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from linreg_lab.gui.plots.fit_plot import PRED_VS_ACTUAL, FitPlot
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.widgets.retranslating import Retranslating


class FitPanel(Retranslating, QWidget):
    """FitPlot plus, with several features, a choice of predicted-vs-actual or one feature."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._names: tuple[str, ...] = ()
        self.plot = FitPlot(session, self)
        self._view = QComboBox(self)
        self._hint = QLabel(self)
        self._hint.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self._hint, 1)
        top.addWidget(self._view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        QWidget.setTabOrder(self._view, self.plot)  # Tab reads top to bottom: chooser, plot
        self._view.currentIndexChanged.connect(self._on_view_chosen)
        session.datasetChanged.connect(self._refresh_views)
        self._refresh_views()
        self.retranslate()

    def retranslate(self) -> None:
        self._view.setToolTip(self.tr("With several features, choose what the fit plot shows"))
        self._view.setAccessibleName(self.tr("Fit plot view"))
        self._name_views()
        self._update_hint()

    def _refresh_views(self) -> None:
        names = self._session.dataset.feature_names
        if names != self._names:
            self._names = names
            with QSignalBlocker(self._view):
                self._view.clear()
                for i in range(len(names)):
                    self._view.addItem("", i)
                self._view.addItem("", PRED_VS_ACTUAL)
                self._name_views()
                self._view.setCurrentIndex(len(names) if len(names) > 1 else 0)
            self.plot.set_view(self._view.currentData())
            self.plot.fit_view()
        self._view.setVisible(len(names) > 1)
        self._update_hint()

    def _name_views(self) -> None:
        """The chooser's items in the current language (the choice stays)."""
        for i, name in enumerate(self._names):
            self._view.setItemText(i, self.tr("partial view: {name}").format(name=name))
        self._view.setItemText(len(self._names), self.tr("predicted vs actual"))

    def _on_view_chosen(self, _index: int) -> None:
        self.plot.set_view(self._view.currentData())
        self.plot.fit_view()
        self._update_hint()

    def _update_hint(self) -> None:
        if self.plot.editable():
            text = self.tr("Click to add a point · drag to move it · right-click or Delete "
                           "to remove it")
        else:
            text = self.tr("Points can be edited when the data have one feature")
        self._hint.setText(text)
