"""The Prediction panel: type a new x, read ŷ from the SGD line, the analytical and the true one.

The chapter ends its model section with prediction (用模型进行预测): the trained model is
used on features it has not seen. The panel asks for one value per feature, like the weights
field, and follows training live; it emits predictionChanged so the fit plot can mark it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from linreg_lab.gui.state.prediction import Prediction, predict
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt
from linreg_lab.gui.widgets.fields import ERROR_TEXT_COLOR, describe, parse_weights, show_problem
from linreg_lab.gui.widgets.redraw import STREAM_INTERVAL_MS, ThrottledRedraw
from linreg_lab.gui.widgets.retranslating import Retranslating


class PredictionPanel(Retranslating, QGroupBox):
    """predictionInput (x₁, …, x_d) → predictionOutput (ŷ of SGD, analytical, true)."""

    predictionChanged = Signal(object)  # a Prediction, or None when there is none to show

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("predictionPanel")
        self._session = session
        self.input = QLineEdit("1")
        self.input.setObjectName("predictionInput")
        self.output = QLabel()
        self.output.setObjectName("predictionOutput")
        self.output.setWordWrap(True)
        self.output.setTextFormat(Qt.TextFormat.RichText)
        self._x_label = QLabel()
        form = QFormLayout(self)
        form.addRow(self._x_label, self.input)
        form.addRow(self.output)
        self.prediction: Prediction | None = None
        self._problem: str | None = None
        self.input.textChanged.connect(self.refresh)
        self._paced = ThrottledRedraw(self, self.refresh, STREAM_INTERVAL_MS,
                                      pacing=session.pacing, idle_throttle=False)
        session.stateChanged.connect(self._paced.request)  # ten a second while running
        session.datasetChanged.connect(self._follow_features)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Prediction"))
        self._x_label.setText(self.tr("new x"))
        describe({self.input: (self.tr("New x for prediction"), self._help()),
                  self.output: (self.tr("Predicted ŷ"), self.tr(
                      "ŷ = x·w + b for the SGD line, the analytical solution and the true line."))})
        self.refresh()

    def _help(self) -> str:
        return self.tr("One value per feature, separated by commas (e.g. 1.5 or 1.5, -2).")

    def _follow_features(self) -> None:
        """A new feature count: offer a point of the right length instead of an error."""
        d = self._session.dataset.n_features
        try:
            if len(parse_weights(self.input.text())) != d:
                self.input.setText(", ".join(["1"] * d))
        except ValueError:
            self.input.setText(", ".join(["1"] * d))
        self._paced.request()  # (a new text has refreshed already; this one is paced)

    def refresh(self) -> None:
        """Compute ŷ at the typed x for the session as it is now."""
        try:
            self.prediction = predict(self._session, parse_weights(self.input.text()))
            self._problem = None
        except ValueError as err:
            self.prediction, self._problem = None, str(err)
        show_problem(self.input, self._problem, self._help())
        self.output.setText(self._describe())
        self.predictionChanged.emit(self.prediction)

    def _describe(self) -> str:
        p = self.prediction
        if p is None:
            return f"<span style='color:{ERROR_TEXT_COLOR}'>{self._problem}</span>"
        parts = [f"<span style='color:{colors.SGD}'>■</span> " + self.tr("SGD ŷ = {v}").format(
                     v=fmt(p.sgd)),
                 f"<span style='color:{colors.ANALYTICAL}'>■</span> "
                 + self.tr("analytical ŷ = {v}").format(v=fmt(p.analytical))]
        if p.true is not None:
            parts.append(f"<span style='color:{colors.TRUE}'>■</span> "
                         + self.tr("true ŷ = {v}").format(v=fmt(p.true)))
        return "<br>".join(parts)
