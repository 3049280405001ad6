"""A seeded monkey for the real window: random clicks, drags, wheels, keys, typing, actions.

Every event is described in a short line kept in `Monkey.log` (the last ones are printed
when a test fails), so a failure names its seed and what led to it. The events are the ones
a learner can make: mouse on the plots' viewports, keys to the focused widget (shortcuts
included), text typed into the toolbar's and panels' fields, combo boxes, check boxes and
buttons, and the menus' actions (Quit excepted). Boxes and windows that open are closed
again, as a learner would dismiss them.
"""

from __future__ import annotations

import collections
import contextlib
import os
import sys
from collections.abc import Callable, Iterator

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QPushButton,
    QSlider,
    QTabBar,
    QWidget,
)

from tests.gui.mouse import to_pixel, wheel

Key = Qt.Key
Mod = Qt.KeyboardModifier

#: What a learner may type into any field, sensible and absurd.
TEXTS = ("0", "1", "-1", "0.5", "2", "10", "42", "100", "0.03", "3e-3", "1e-5", "1e5",
         "1e300", "-1e300", "1e-300", "1e308", "1.8e308", "nan", "NaN", "inf", "-inf", "−2",
         "", " ", "abc", "1,2", "1, -2, 3", "2,", ",", "0x10", "1e", "--1", "99999999999999999999",
         "-0", "5e-324", "1_000", "１２", "1e100", "-1e100", "0.0000001", "12345678", "3.14159",
         "2.5, nan", "1e99, 1e99", "7" * 40)
KEYS = ((Key.Key_S, Mod.NoModifier), (Key.Key_E, Mod.NoModifier),
        (Key.Key_Space, Mod.NoModifier), (Key.Key_R, Mod.NoModifier),
        (Key.Key_Right, Mod.NoModifier), (Key.Key_Left, Mod.NoModifier),
        (Key.Key_Up, Mod.NoModifier), (Key.Key_Down, Mod.NoModifier),
        (Key.Key_Z, Mod.ControlModifier),
        (Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier),
        (Key.Key_Y, Mod.ControlModifier), (Key.Key_Delete, Mod.NoModifier),
        (Key.Key_Backspace, Mod.NoModifier), (Key.Key_Tab, Mod.NoModifier),
        (Key.Key_Backtab, Mod.ShiftModifier), (Key.Key_Escape, Mod.NoModifier),
        (Key.Key_Return, Mod.NoModifier), (Key.Key_PageUp, Mod.NoModifier),
        (Key.Key_PageDown, Mod.NoModifier), (Key.Key_Home, Mod.NoModifier),
        (Key.Key_End, Mod.NoModifier), (Key.Key_G, Mod.ControlModifier),
        (Key.Key_0, Mod.ControlModifier), *((getattr(Key, f"Key_{d}"), Mod.NoModifier)
                                            for d in range(10)))
#: LINREG_MONKEY_TRACE=1 prints every event as it happens (a crash of Qt itself names it).
TRACE = bool(os.environ.get("LINREG_MONKEY_TRACE"))
#: Actions the monkey never triggers: Quit closes the window under test.
SKIPPED_ACTIONS = frozenset({"actionQuit"})


class Monkey:
    """Random events on one MainWindow, from one seeded numpy Generator."""

    def __init__(self, window, seed: int, log_size: int = 40) -> None:
        self.window = window
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.log: collections.deque[str] = collections.deque(maxlen=log_size)
        self.count = 0
        self.plots = {"fit": window.fit_plot, "loss": window.loss_plot,
                      "landscape": window.landscape_plot}
        self.actions = sorted(
            (a for a in window.findChildren(QAction)
             if a.objectName() and a.objectName() not in SKIPPED_ACTIONS),
            key=lambda a: a.objectName())
        self._kinds: list[tuple[float, Callable[[], str]]] = [
            (14, self.click_plot), (8, self.click_point), (8, self.drag_plot),
            (4, self.wheel_plot), (16, self.press_key), (12, self.type_into_field),
            (5, self.pick_in_combo), (4, self.toggle_check), (4, self.press_button),
            (8, self.trigger_action), (3, self.switch_tab), (2, self.move_slider),
            (3, self.wait), (5, self.generate_odd_data), (3, self.zoom_far_and_click),
        ]
        weights = np.array([w for w, _ in self._kinds], float)
        self._p = weights / weights.sum()

    # ----- driving ------------------------------------------------------------------------
    def run(self, events: int) -> None:
        for _ in range(events):
            self.step()

    def step(self) -> None:
        self.count += 1
        kind = self._kinds[self.rng.choice(len(self._kinds), p=self._p)][1]
        self.log.append(f"{self.count}: {kind.__name__}")  # before acting: a crash names it
        self.log[-1] = f"{self.count}: {kind()}"
        if TRACE:
            print(self.log[-1], file=sys.stderr, flush=True)
        QApplication.processEvents()
        dismiss_popups_and_boxes(self.window)

    def report(self) -> str:
        lines = "\n".join(f"    {line}" for line in self.log)
        return (f"monkey seed {self.seed}, {self.count} events; the last ones:\n{lines}\n"
                f"repeat with LINREG_MONKEY_SEED={self.seed} LINREG_MONKEY_EVENTS={self.count}")

    # ----- helpers ------------------------------------------------------------------------
    def _about_to(self, what: str) -> None:
        """Name the event before it happens (in the log, and at once when tracing)."""
        self.log[-1] = f"{self.count}: (doing) {what}"
        if TRACE:
            print(self.log[-1], file=sys.stderr, flush=True)

    def _pick(self, items):
        return items[int(self.rng.integers(len(items)))]

    def _pixel(self, widget: QWidget) -> QPoint:
        """Mostly inside the widget, now and then on or past its edge."""
        w, h = max(widget.width(), 1), max(widget.height(), 1)
        x, y = self.rng.uniform(-0.05, 1.05, 2)
        return QPoint(int(x * w), int(y * h))

    def _plot(self) -> tuple[str, object]:
        name = self._pick(sorted(self.plots))
        return name, self.plots[name]

    # ----- the events ---------------------------------------------------------------------
    def click_plot(self) -> str:
        name, plot = self._plot()
        pos = self._pixel(plot.viewport())
        button = self._pick((Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                             Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton))
        double = self.rng.random() < 0.1
        click(plot, pos, button, double=double)
        return f"{'double-' if double else ''}click {button.name} on {name} at {pos.toTuple()}"

    def click_point(self) -> str:
        """Click (left: select, right: remove) a drawn data point, then maybe press Delete."""
        plot = self.window.fit_plot
        x, y = plot.shown_points()
        if not x.size:
            return self.click_plot()
        i = int(self.rng.integers(x.size))
        pos = to_pixel(plot, float(x[i]), float(y[i]))
        button = self._pick((Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton))
        click(plot, pos, button)
        if button == Qt.MouseButton.LeftButton and self.rng.random() < 0.5:
            QTest.keyClick(plot, Key.Key_Delete)
            return f"select point {i} at {pos.toTuple()} and press Delete"
        return f"click {button.name} on point {i} at {pos.toTuple()}"

    def drag_plot(self) -> str:
        """A drag: from a data point (moves it) or from anywhere (pans), left or right."""
        name, plot = self._plot()
        start = self._pixel(plot.viewport())
        what = "anywhere"
        if name == "fit" and self.rng.random() < 0.6:
            x, y = plot.shown_points()
            if x.size:
                i = int(self.rng.integers(x.size))
                start, what = to_pixel(plot, float(x[i]), float(y[i])), f"point {i}"
        end = self._pixel(plot.viewport())
        if self.rng.random() < 0.15:  # far outside the plot: huge coordinates
            end = QPoint(int(self.rng.integers(-20000, 20000)), int(self.rng.integers(-20000,
                                                                                      20000)))
        button = Qt.MouseButton.RightButton if self.rng.random() < 0.2 else \
            Qt.MouseButton.LeftButton
        steps = int(self.rng.integers(1, 8))
        interleave = self.rng.random() < 0.15  # a key in the middle of the drag (undo, say)
        key = self._pick(KEYS) if interleave else None
        drag(plot, start, end, button, steps,
             during=(lambda: QTest.keyClick(plot, key[0], key[1])) if key else None)
        extra = f" with {key[0].name}+{key[1].name} midway" if key else ""
        return (f"drag {button.name} on {name} from {what} {start.toTuple()} to "
                f"{end.toTuple()} in {steps} moves{extra}")

    def wheel_plot(self) -> str:
        name, plot = self._plot()
        pos = self._pixel(plot.viewport())
        delta = int(self._pick((-1200, -480, -120, 120, 480, 1200, 12000)))
        wheel(plot, pos, delta)
        return f"wheel {delta} on {name} at {pos.toTuple()}"

    def press_key(self) -> str:
        key, mod = self._pick(KEYS)
        target = QApplication.focusWidget() or self.window
        if not target.isVisible():
            target = self.window
        QTest.keyClick(target, key, mod)
        return f"key {key.name}+{mod.name} to {describe(target)}"

    def _fields(self) -> list[QWidget]:
        found = [*self.window.findChildren(QLineEdit), *self.window.findChildren(
            QAbstractSpinBox)]
        fields = [w for w in found if w.isVisible() and w.isEnabled() and not _inside_spin_box(w)]
        return sorted(fields, key=describe)

    def type_into_field(self) -> str:
        fields = self._fields()
        if not fields:
            return self.wait()
        field = self._pick(fields)
        text = self._pick(TEXTS)
        self._about_to(f"type {text!r} into {describe(field)}")
        field.setFocus()
        QTest.keyClick(field, Key.Key_A, Mod.ControlModifier)
        type_text(field, text)
        end = self._pick((Key.Key_Return, Key.Key_Enter, Key.Key_Tab, Key.Key_Escape, None))
        if end is not None:
            QTest.keyClick(field, end)
        return f"type {text!r} into {describe(field)} then {end.name if end else 'nothing'}"

    def generate_odd_data(self) -> str:
        """Type odd values into a few of the Data panel's fields, then press Generate."""
        panel = self.window.data_panel
        fields = {"w": panel.w_edit, "b": panel.b_spin, "σ": panel.noise_spin,
                  "n": panel.n_spin, "lo": panel.lo_spin, "hi": panel.hi_spin}
        odd = {"w": ("1e99", "1e100", "-1e100", "0", "1e-300", "1e99, -1e99", "2, 3, 4",
                     "1, 1, 1, 1, 1", "5e-324", "1e50"),
               "b": ("10000", "-10000", "0", "1e-4"), "σ": ("0", "10000", "1e-4"),
               "n": ("1", "2", "3", "1000000", "5000"),
               "lo": ("1", "0", "-1000000", "999999.999", "1e-3"),
               "hi": ("1", "1.001", "1000000", "0.001", "-1000000")}
        names = self.rng.choice(sorted(fields), size=int(self.rng.integers(1, 4)), replace=False)
        typed = []
        for name in names:
            text = self._pick(odd[name])
            field = fields[name]
            field.setFocus()
            QTest.keyClick(field, Key.Key_A, Mod.ControlModifier)
            type_text(field, text)
            QTest.keyClick(field, Key.Key_Tab)
            typed.append(f"{name}={text}")
        if self.rng.random() < 0.3:
            QTest.mouseClick(panel.range_check, Qt.MouseButton.LeftButton,
                             pos=panel.range_check.rect().center())
            typed.append(f"range {'on' if panel.range_check.isChecked() else 'off'}")
        self._about_to(f"generate with {', '.join(typed)}")
        QTest.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton,
                         pos=panel.generate_button.rect().center())
        return f"generate with {', '.join(typed)}"

    def zoom_far_and_click(self) -> str:
        """Zoom a plot far out (or in), then click or drag there: huge or tiny coordinates."""
        name, plot = self._plot()
        pos = self._pixel(plot.viewport())
        delta = int(self._pick((-12000, 12000)))
        times = int(self.rng.integers(1, 30))
        for _ in range(times):
            wheel(plot, pos, delta)
        self._about_to(f"wheel {delta} ×{times} on {name}, then click")
        click(plot, self._pixel(plot.viewport()), Qt.MouseButton.LeftButton)
        return f"wheel {delta} ×{times} on {name} at {pos.toTuple()}, then click"

    def pick_in_combo(self) -> str:
        combos = sorted((c for c in self.window.findChildren(QComboBox)
                         if c.isVisible() and c.isEnabled()), key=describe)
        if not combos:
            return self.wait()
        combo = self._pick(combos)
        combo.setFocus()
        key = self._pick((Key.Key_Down, Key.Key_Up, Key.Key_End, Key.Key_Home))
        QTest.keyClick(combo, key)
        return f"{key.name} in {describe(combo)} (now {combo.currentText()!r})"

    def toggle_check(self) -> str:
        boxes = sorted((c for c in self.window.findChildren(QCheckBox)
                        if c.isVisible() and c.isEnabled()), key=describe)
        if not boxes:
            return self.wait()
        box = self._pick(boxes)
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
        return f"click {describe(box)} (now {box.isChecked()})"

    def press_button(self) -> str:
        buttons = sorted((b for b in self.window.findChildren(QAbstractButton)
                          if isinstance(b, QPushButton) or type(b).__name__ == "QToolButton")
                         , key=describe)
        buttons = [b for b in buttons if b.isVisible() and b.isEnabled()
                   and not _quits(b)]
        if not buttons:
            return self.wait()
        button = self._pick(buttons)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
        return f"click button {describe(button)}"

    def trigger_action(self) -> str:
        enabled = [a for a in self.actions if a.isEnabled()]
        action = self._pick(enabled)
        action.trigger()
        return f"trigger {action.objectName()}"

    def switch_tab(self) -> str:
        bars = sorted((b for b in self.window.findChildren(QTabBar) if b.isVisible()),
                      key=describe)
        if not bars:
            return self.wait()
        bar = self._pick(bars)
        index = int(self.rng.integers(bar.count()))
        # named before the click: a tab built on first show can leave this Python wrapper of
        # the (living) tab bar stale
        done = f"tab {index} of {describe(bar)}"
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        return done

    def move_slider(self) -> str:
        sliders = sorted((s for s in self.window.findChildren(QSlider)
                          if s.isVisible() and s.isEnabled()), key=describe)
        if not sliders:
            return self.wait()
        slider = self._pick(sliders)
        slider.setFocus()
        key = self._pick((Key.Key_Left, Key.Key_Right, Key.Key_Home, Key.Key_End,
                          Key.Key_PageUp))
        QTest.keyClick(slider, key)
        return f"{key.name} on {describe(slider)} (now {slider.value()})"

    def wait(self) -> str:
        ms = int(self._pick((1, 5, 20)))
        QTest.qWait(ms)
        return f"wait {ms} ms"


# ----------------------------------------------------------------------------- raw events


def _send_mouse(plot, kind: QEvent.Type, pos: QPoint, button, buttons) -> None:
    viewport = plot.viewport()
    ev = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons,
                     Mod.NoModifier)
    QApplication.sendEvent(viewport, ev)


def click(plot, pos: QPoint, button, *, double: bool = False) -> None:
    T = QEvent.Type
    _send_mouse(plot, T.MouseButtonPress, pos, button, button)
    _send_mouse(plot, T.MouseButtonRelease, pos, button, Qt.MouseButton.NoButton)
    if double:
        _send_mouse(plot, T.MouseButtonDblClick, pos, button, button)
        _send_mouse(plot, T.MouseButtonRelease, pos, button, Qt.MouseButton.NoButton)


def drag(plot, start: QPoint, end: QPoint, button, steps: int,
         during: Callable[[], None] | None = None) -> None:
    T = QEvent.Type
    _send_mouse(plot, T.MouseButtonPress, start, button, button)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        _send_mouse(plot, T.MouseMove, p, Qt.MouseButton.NoButton, button)
        if during is not None and i == (steps + 1) // 2:
            during()
            QApplication.processEvents()
    _send_mouse(plot, T.MouseButtonRelease, end, button, Qt.MouseButton.NoButton)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks aborts on non-Latin-1 ones)."""
    T = QEvent.Type
    for char in text:
        code = ord(char.upper()) if char.isascii() and char.isprintable() else Key.Key_unknown
        for kind in (T.KeyPress, T.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, code, Mod.NoModifier, char))


# ----------------------------------------------------------------------------- tidying up


def describe(widget: QWidget) -> str:
    """A widget by its object name (or its nearest named parent) and class."""
    name, parent = widget.objectName(), widget.parentWidget()
    while not name and parent is not None:
        name, parent = parent.objectName() and f"{parent.objectName()}>", parent.parentWidget()
    label = widget.accessibleName() or (widget.text() if hasattr(widget, "text") and
                                        isinstance(widget, QAbstractButton) else "")
    return f"{type(widget).__name__}({name or '?'}{f' {label!r}' if label else ''})"


def _inside_spin_box(widget: QWidget) -> bool:
    return isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox)


def _quits(button: QAbstractButton) -> bool:
    action = getattr(button, "defaultAction", lambda: None)()
    return action is not None and action.objectName() in SKIPPED_ACTIONS


def dismiss_popups_and_boxes(window: QWidget) -> None:
    """Close what a click may have opened: menus, message boxes, help windows."""
    for _ in range(5):
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and not isinstance(widget, QMenu) \
                and widget.isWindow() and type(widget).__name__ != "QTipLabel":
            widget.close()


# ----------------------------------------------------------------------------- capture


class Captured:
    """Uncaught exceptions and Qt messages seen while a monkey runs."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = allowed
        self.exceptions: list[str] = []
        self.messages: list[str] = []
        self.allowed_seen: collections.Counter[str] = collections.Counter()

    def problems(self) -> list[str]:
        return self.exceptions + self.messages


@contextlib.contextmanager
def capturing(monkeypatch, allowed: tuple[str, ...]) -> Iterator[Captured]:
    """sys.excepthook and Qt's message handler record into a Captured while inside."""
    import sys
    import traceback

    seen = Captured(allowed)

    def hook(kind, value, tb):
        seen.exceptions.append("".join(traceback.format_exception(kind, value, tb)))

    def handler(mode, context, message):
        if mode == QtMsgType.QtDebugMsg:
            return
        if any(a in message for a in allowed):
            seen.allowed_seen[message] += 1
        else:
            seen.messages.append(f"Qt {mode.name}: {message}")

    monkeypatch.setattr(sys, "excepthook", hook)
    previous = qInstallMessageHandler(handler)
    try:
        yield seen
    finally:
        qInstallMessageHandler(previous)
