"""The fit plot with its view chooser, a one-line hint on how to edit points, the choice of
whose squared residuals to draw, and, in "your line" mode, snap/start buttons, the
sum-of-squares bars and the goodness-of-fit table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.gui.plots.fit_plot import PRED_VS_ACTUAL, SQUARE_LINES, FitPlot
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.widgets.retranslating import Retranslating

if TYPE_CHECKING:
    from linreg_lab.gui.panels.goodness_table import GoodnessTable
    from linreg_lab.gui.panels.squares_bars import SquaresBars


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
        self.squares = QComboBox(self)
        self.squares.setObjectName("squaresChoice")
        for key in (None, *SQUARE_LINES):
            self.squares.addItem("", key)
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self._hint, 1)
        top.addWidget(self.squares)
        top.addWidget(self._view)
        self.your_line_box = self._your_line_box()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.your_line_box)
        QWidget.setTabOrder(self._view, self.plot)  # Tab reads top to bottom: chooser, plot
        self._view.currentIndexChanged.connect(self._on_view_chosen)
        self.squares.currentIndexChanged.connect(
            lambda _i: self.plot.set_squares_of(self.squares.currentData()))
        session.datasetChanged.connect(self._refresh_views)
        self._refresh_views()
        self.retranslate()

    def _your_line_box(self) -> QWidget:
        """Snap and start buttons over the bars and the table; shown in "your line" mode.
        The bars (a plot) and the table are built when first needed, not with the window."""
        box = QWidget(self)
        box.setObjectName("yourLineBox")
        self._snap, self._start = QToolButton(box), QToolButton(box)
        self._bars: SquaresBars | None = None
        self._goodness: GoodnessTable | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self._snap)
        buttons.addWidget(self._start)
        buttons.addStretch(1)
        self._bars_row = QHBoxLayout()
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 0, 4, 0)
        column.setSpacing(2)
        column.addLayout(buttons)
        column.addLayout(self._bars_row)
        box.setFixedHeight(150)
        box.setVisible(False)
        return box

    @property
    def bars(self) -> SquaresBars:
        """The sum-of-squares bars (built on first use)."""
        self._build_your_line_parts()
        assert self._bars is not None
        return self._bars

    @property
    def goodness(self) -> GoodnessTable:
        """The goodness-of-fit table (built on first use)."""
        self._build_your_line_parts()
        assert self._goodness is not None
        return self._goodness

    def _build_your_line_parts(self) -> None:
        if self._bars is None:
            box = self.your_line_box
            from linreg_lab.gui.panels.goodness_table import GoodnessTable  # when first shown
            from linreg_lab.gui.panels.squares_bars import SquaresBars

            self._bars = SquaresBars(self._session, box)
            self._goodness = GoodnessTable(self._session, box)
            self._bars_row.addWidget(self._bars, 2)
            self._bars_row.addWidget(self._goodness, 5)

    def set_your_line_actions(self, snap: QAction, start: QAction) -> None:
        """The window's Snap to best and Start SGD from my line, as buttons here too."""
        self._snap.setDefaultAction(snap)
        self._start.setDefaultAction(start)

    def set_your_line_mode(self, shown: bool) -> None:
        if shown:
            self._build_your_line_parts()
        self.plot.set_your_line_visible(shown)
        self.your_line_box.setVisible(shown)
        if shown and self.squares.currentData() is None:
            self.squares.setCurrentIndex(self.squares.findData("yours"))
        self._update_hint()

    def retranslate(self) -> None:
        self._name_squares()
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
        self.squares.setVisible(self.plot.editable())
        self._update_hint()

    def _name_squares(self) -> None:
        texts = {None: self.tr("no squares"), "yours": self.tr("squares: your line"),
                 "sgd": self.tr("squares: SGD"), "analytical": self.tr("squares: analytical")}
        for i in range(self.squares.count()):
            self.squares.setItemText(i, texts[self.squares.itemData(i)])
        self.squares.setToolTip(self.tr(
            "Draw each point's squared residual as a square of side |y − ŷ|. They are drawn "
            "in screen units, so they stay squares whatever the axes' scales"))
        self.squares.setAccessibleName(self.tr("Squared residuals"))

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
        if self.plot.editable() and self.plot.your_line_shown():
            text = self.tr("Drag the two round handles to set your line · click to add a "
                           "point · drag a point to move it")
        elif self.plot.editable():
            text = self.tr("Click to add a point · drag to move it · right-click or Delete "
                           "to remove it")
        else:
            text = self.tr("Points can be edited when the data have one feature")
        self._hint.setText(text)
