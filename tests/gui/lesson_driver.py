"""Does what a lesson step's condition asks, through the real window: clicks on the toolbar
buttons, typing into the fields, the tab bar, the View menu, the fit plot.

Conditions that are facts to wait for (a value reached, a banner, divergence) need no doing;
the caller waits until the lesson's tracker has passed each condition. In the classification
mode the same conditions act on its half: the class Data and Training panels, its plane, the
toolbar's Classification button; "classes" (a number of classes reached) is done by typing k
and pressing Generate clusters, and "stable" by clicking the stable softmax box.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QToolBar, QWidget

from linreg_lab.gui.state.lesson_steps import Condition
from tests.gui.mouse import click

LEFT = Qt.MouseButton.LeftButton
TOOLBAR_ACTIONS = ("step", "epoch", "run", "reset")


def perform(qtbot, window, c: Condition) -> None:
    """Do condition `c` as a learner would; facts to wait for do nothing here."""
    if c.kind == "pressed":
        for _ in range(int(c.target)):
            _press(qtbot, window, c.name)
    elif c.kind == "mode":
        _show_mode(qtbot, window, c.name)
    elif c.kind == "stable":
        _check(qtbot, window.modes.workspace.training_panel.stable_check, bool(c.target))
    elif c.kind == "value" and c.name == "classes" and not c.below:
        _generate_classes(qtbot, window, int(c.target))
    elif c.kind == "hyperparameter":
        _set_hyperparameter(qtbot, window, c.name, c.target)
    elif c.kind == "data":
        _generate_with(qtbot, window, c.name, c.target)
    elif c.kind == "opened":
        open_tab(qtbot, window, c.name)
    elif c.kind == "view":
        _menu_click(qtbot, window, window.menus.view, getattr(window.lab_actions, c.name))


def open_tab(qtbot, window, name: str) -> None:
    """Click a teaching tab's title in the tab bar (a button on a tab behind is not there)."""
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.tabs.panel(name))
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert window.tabs.current_name() == name


def _classifying(window) -> bool:
    return window.modes.classifying


def _show_mode(qtbot, window, mode: str) -> None:
    """Click the toolbar's Classification button when the other half is shown."""
    if window.modes.mode != mode:
        bar = window.findChild(QToolBar, "trainingToolBar")
        qtbot.mouseClick(bar.widgetForAction(window.lab_actions.classification_mode), LEFT)
    assert window.modes.mode == mode


def _check(qtbot, box, on: bool) -> None:
    """Click a check box (on the box itself) unless it already shows `on`."""
    if box.isChecked() != on:
        qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() == on


def _generate_classes(qtbot, window, k: int) -> None:
    """Type k into the class Data panel and press Generate clusters."""
    panel = window.modes.workspace.data_panel
    type_into(qtbot, panel.k_spin, str(k))
    qtbot.mouseClick(panel.generate_button, LEFT)


def _press(qtbot, window, action: str) -> None:
    if action in TOOLBAR_ACTIONS:
        bar = window.findChild(QToolBar, "trainingToolBar")
        button = bar.widgetForAction(getattr(window.lab_actions, action))
        qtbot.mouseClick(button, LEFT)
        half = window.modes.workspace if _classifying(window) else window
        if action == "run" and half.session.hyper.num_epochs:
            qtbot.waitUntil(lambda: not half.run_loop.running, timeout=30_000)
    elif action == "generate" and _classifying(window):
        qtbot.mouseClick(window.modes.workspace.data_panel.generate_button, LEFT)
    elif action == "generate":
        qtbot.mouseClick(window.data_panel.generate_button, LEFT)
    elif action in ("open_digits", "open_iris"):  # the class Data panel's buttons
        panel = window.modes.workspace.data_panel
        button = panel.digits_button if action == "open_digits" else panel.iris_button
        qtbot.mouseClick(button, LEFT)
    elif action == "add_point":
        # high up and to the left of the middle of the data area (not the legend row above
        # it): above the data, at an x no point has; on the class plane each further point a
        # little to the right (a click on a point selects it)
        across, plot = 0.3, window.fit_plot
        if _classifying(window):
            plot = window.modes.workspace.plot
            across += 0.05 * (window.modes.workspace.session.dataset.n_examples % 8)
        vb = plot.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        spot = vb.mapViewToScene(QPointF(x0 + across * (x1 - x0), y0 + 0.88 * (y1 - y0)))
        click(plot, plot.mapFromScene(spot))
    elif action == "undo":
        window.activateWindow()  # shortcuts reach the active window only
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    elif action == "time_vector_addition":
        open_tab(qtbot, window, "vectorization")
        qtbot.mouseClick(window.tabs.vectorization.add_button, LEFT)
    elif action == "time_sgd_epoch":
        open_tab(qtbot, window, "vectorization")
        qtbot.mouseClick(window.tabs.vectorization.sgd_button, LEFT)
    elif action.startswith("open_"):  # Data ▸ a built-in set, through the menu's action
        window.findChild(QAction, f"actionData_{action[len('open_'):]}").trigger()
    elif action == "estimate_error":
        open_tab(qtbot, window, "sweep")
        qtbot.mouseClick(window.tabs.sweep.estimation.button, LEFT)
    else:
        raise AssertionError(f"the driver cannot press {action!r}")


def _set_hyperparameter(qtbot, window, name: str, value: object) -> None:
    if _classifying(window) and name in ("init", "shuffle"):
        panel = window.modes.workspace.training_panel
        if name == "init":
            select(qtbot, panel.init_combo, value)
        else:
            _check(qtbot, panel.shuffle_check, bool(value))
        return
    bar, panel = window.hyper_bar, window.training_panel
    fields: dict[str, QWidget] = {"lr": bar.lr_spin, "batch_size": bar.batch_spin,
                                  "num_epochs": bar.epochs_spin, "init_w": panel.init_w_edit,
                                  "init_b": panel.init_b_edit}
    if name in fields:
        type_into(qtbot, fields[name], _text(value))
    elif name == "init":
        select(qtbot, panel.init_combo, value)
    elif name == "update":
        select(qtbot, panel.update_combo, value)
    elif name == "loss":
        select(qtbot, panel.loss_combo, value)
    elif name in ("standardize", "shuffle"):
        box = panel.standardize_check if name == "standardize" else panel.shuffle_check
        if box.isChecked() != bool(value):
            qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # the box itself
    else:
        raise AssertionError(f"the driver cannot set {name!r}")


def _generate_with(qtbot, window, name: str, value: object) -> None:
    p = window.data_panel
    if name == "noise":
        select(qtbot, p.noise_combo, value)
    elif name == "w":
        p.w_edit.setFocus()
        qtbot.keyClick(p.w_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(p.w_edit, _text(value))  # Return would generate: the button does
    else:
        fields = {"noise_std": p.noise_spin, "num_examples": p.n_spin, "b": p.b_spin,
                  "seed": p.seed_spin}
        type_into(qtbot, fields[name], _text(value))
    qtbot.mouseClick(p.generate_button, LEFT)


def _text(value: object) -> str:
    if isinstance(value, (tuple, list)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Select all, type, press Return: how a learner changes a field."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def select(qtbot, combo: QComboBox, key: object) -> None:
    """Pick a combo box item with the keyboard: Home, then Down until it is there."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == key:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == key, f"{key!r} is not in {combo.objectName()}"


def _menu_click(qtbot, window, menu, action) -> None:
    """Open a menu from the menu bar with the mouse and click one of its entries."""
    bar = window.menuBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)
