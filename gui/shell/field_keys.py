"""Who gets a key: the field being edited, the control reached by Tab, or the training keys.

The training keys (S, →, E, Space, R) are window shortcuts. Without this policy a text field
kept the focus after Enter, so the next S or Space was typed into it, and a button or slider
clicked with the mouse took the focus and then took Space or the arrows. So:

- a text field (line edit or spin box) keeps every key while it is edited; Enter confirms the
  value and Esc leaves it, both handing the focus back to the plot (`home`); Esc keeps the
  last valid value (a spin box reverts wrong text by itself; a line edit gets back the text
  it had when the learner entered it, if what was typed is marked invalid);
- buttons, check boxes, combo boxes, sliders, tab bars and lists take the focus only by Tab
  (a mouse click leaves it where it was, and ends the editing of a field); reached by Tab,
  they own the keys they act on: Space for buttons and boxes, the arrows for sliders, tabs
  and lists, so a keyboard user can still use them;
- everywhere else the training keys work.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabBar,
    QWidget,
)

ARROWS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down}
ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
# the keys a control reached by Tab acts on itself, before any window shortcut
OWNED_KEYS: tuple[tuple[type, set[Qt.Key]], ...] = (
    (QAbstractButton, {Qt.Key.Key_Space}),
    (QComboBox, {Qt.Key.Key_Space}),
    (QAbstractSlider, ARROWS),
    (QTabBar, ARROWS),
    (QAbstractItemView, ARROWS | {Qt.Key.Key_Space}),
)
_ORIGINAL = "textOnEntry"  # the property holding a line edit's text when it got the focus


def is_text_field(widget: QObject | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QAbstractSpinBox))


class FieldKeys(QObject):
    """Installs the policy above on every control of `window`; `home` takes the focus back."""

    def __init__(self, window: QWidget, home: QWidget) -> None:
        super().__init__(window)
        self._window, self._home = window, home
        for widget in window.findChildren(QWidget):
            self.watch(widget)

    def watch(self, widget: QWidget) -> None:
        """Apply the policy to one control (controls made after the window was built)."""
        if _is_inner_editor(widget):
            return
        if is_text_field(widget):
            widget.installEventFilter(self)
        elif self._owned_keys(widget) is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            widget.installEventFilter(self)
            if isinstance(widget, QAbstractItemView):
                widget.viewport().installEventFilter(self)  # where a list's clicks arrive

    def go_home(self) -> None:
        """Leave whatever has the focus (a field commits or reverts as on any focus loss)."""
        self._home.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- the filter -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            watched.setProperty(_ORIGINAL, watched.text())
        elif kind == QEvent.Type.ShortcutOverride:
            self._claim_owned_key(watched, event)
        elif kind == QEvent.Type.KeyPress:
            return self._on_key(watched, event)
        elif (kind == QEvent.Type.MouseButtonPress and not is_text_field(watched)
              and is_text_field(QApplication.focusWidget())):
            self.go_home()  # a click elsewhere ends the editing
        return False

    def _claim_owned_key(self, watched: QObject, event: QKeyEvent) -> None:
        keys = self._owned_keys(watched)
        if keys and event.key() in keys and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()  # the control gets the key press, the shortcut does not fire

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            if isinstance(watched, QLineEdit) and watched.property("invalid"):
                watched.setText(watched.property(_ORIGINAL) or watched.text())
            self.go_home()
            return True
        if event.key() in ENTER and is_text_field(watched):
            watched.event(event)  # the field confirms its value first, as without us
            self.go_home()
            return True
        return False

    @staticmethod
    def _owned_keys(widget: QObject) -> set[Qt.Key] | None:
        for kind, keys in OWNED_KEYS:
            if isinstance(widget, kind):
                return keys
        return None


def _is_inner_editor(widget: QWidget) -> bool:
    """The line edit inside a spin or combo box: the box itself is the field."""
    return isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
