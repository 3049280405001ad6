"""A dismissable message strip above the plots: divergence warnings, load errors, notes.

Hidden until show_message is called; the Dismiss button hides it and emits dismissed. The
kind is spelled out in words as well as in colour, so it does not rest on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from linreg_lab.gui.style import colors
from linreg_lab.gui.widgets.retranslating import Retranslating

KINDS = ("warning", "error", "info")
# (background, border): light tints of Okabe-Ito colours; the text stays dark on all three.
_STYLES = {
    "warning": ("#FCEBD0", colors.SGD),
    "error": ("#F8D9C8", colors.BATCH),
    "info": ("#DDEFFA", colors.ANALYTICAL),
}


class Banner(Retranslating, QFrame):
    """One message at a time, with a Dismiss button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self._kind = "info"
        self._kind_label = QLabel()
        self._kind_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self._kind_label.font()
        font.setBold(True)
        self._kind_label.setFont(font)
        self._label = QLabel()
        self._label.setObjectName("bannerText")
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._button = QPushButton()
        self._button.setObjectName("bannerDismiss")
        self._button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._kind_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._button, 0, Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        policy.setHeightForWidth(True)  # a wrapped message takes only the lines it needs
        self.setSizePolicy(policy)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The kind and the button in the current language; the message is the caller's."""
        self.setAccessibleName(self.tr("Message"))
        self._button.setText(self.tr("Dismiss"))
        self._button.setAccessibleName(self.tr("Dismiss message"))
        self._button.setToolTip(self.tr("Hide this message."))
        if self._kind_label.text():  # a message has been shown
            self._kind_label.setText(self._kind_text(self._kind))
            self._describe()

    def sizeHint(self) -> QSize:
        """As tall as the wrapped text needs at the current width, not at a guessed one."""
        hint = super().sizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def show_message(self, text: str, kind: str = "warning") -> None:
        """Show `text`; kind is "warning", "error" or "info"."""
        if kind not in KINDS:
            raise ValueError(f"unknown banner kind {kind!r}; choose from {KINDS}")
        self._kind = kind
        self._kind_label.setText(self._kind_text(kind))
        self._label.setText(text)
        self._describe()
        background, border = _STYLES[kind]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }}"
            f" QFrame#banner QLabel {{ color: {colors.TEXT}; background: transparent; }}")
        self.show()

    def _describe(self) -> None:
        self.setAccessibleDescription(f"{self._kind_label.text()} {self._label.text()}")

    def clear(self) -> None:
        """Hide the message without emitting dismissed."""
        self._label.clear()
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def kind(self) -> str:
        return self._kind

    def _kind_text(self, kind: str) -> str:
        return {"warning": self.tr("Warning:"), "error": self.tr("Error:"),
                "info": self.tr("Note:")}[kind]

    def _dismiss(self) -> None:
        self.clear()
        self.dismissed.emit()
