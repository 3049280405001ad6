"""The class palette: which class a click on the plane adds, one button per class.

Each button shows its class's marker and colour (gui/style/class_style.py), so the palette is
also the legend of the points. Keys 1…9 pick the same classes (the plot forwards them); the
palette only emits what the learner picked and shows what the window pushes back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from linreg_lab.gui.style.class_style import class_color, class_glyph
from linreg_lab.gui.widgets.retranslating import Retranslating

MAX_PALETTE = 9  # keys 1…9; data with more classes (the digits) are not drawn by hand


class ClassPalette(Retranslating, QWidget):
    """Exclusive class buttons; `classChosen(index)` when the learner picks one."""

    classChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classPalette")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self._group.idClicked.connect(self.classChosen)
        self._names: tuple[str, ...] = ()
        self._buttons: list[QToolButton] = []
        self._layout.addStretch(1)
        self.retranslate()

    def set_classes(self, names: tuple[str, ...]) -> None:
        """One button per class (at most nine); the current choice stays when it still exists.

        Buttons are made once and reused: deleting one (PySide6 6.x) could invalidate the
        Python side of unrelated widgets, the window's menus among them."""
        if names == self._names:
            return
        current = self.current_class()
        self._names = names
        shown = names[:MAX_PALETTE]
        while len(self._buttons) < len(shown):
            button = QToolButton(self)
            button.setCheckable(True)
            self._layout.insertWidget(len(self._buttons), button)
            self._buttons.append(button)
        for index, button in enumerate(self._buttons):
            used = index < len(shown)
            if used:
                button.setObjectName(f"classButton_{index}")
                button.setText(f"{class_glyph(index)} {shown[index]}")
                button.setStyleSheet(f"QToolButton {{ color: {class_color(index)}; }}")
                self._group.addButton(button, index)
            else:  # hidden and nameless: findChild sees only the classes there are
                self._group.removeButton(button)
                button.setObjectName("")
            button.setVisible(used)  # added to a shown panel: Qt would show it only later
        self.set_current_class(current if current < len(shown) else 0)
        self.retranslate()

    def set_current_class(self, index: int) -> None:
        button = self._group.button(index)
        if button is not None:
            button.setChecked(True)

    def current_class(self) -> int:
        return max(0, self._group.checkedId())

    def retranslate(self) -> None:
        for index, name in enumerate(self._names[:MAX_PALETTE]):
            tip = self.tr("Clicks on the plane add points of class {name} (key {key})")
            self._group.button(index).setToolTip(tip.format(name=name, key=index + 1))
