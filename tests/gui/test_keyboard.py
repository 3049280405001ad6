"""The keyboard as a learner uses it: Tab through the window, tab keys, fields that hand the
training keys back. Keys go to whatever has the focus, as real key presses do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QToolBar,
    QWidget,
)

from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.tabs.registry import tab_keys

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window, qtbot):
    w = make_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.fit_plot.setFocus()
    return w


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where a real one goes: to the widget that has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_into(qtbot, field: QWidget, text: str) -> None:
    """Click into a field, select what it holds and type over it."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() in (field, getattr(field, "lineEdit", lambda: None)())
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _interactive_controls(window) -> set[QWidget]:
    """What a keyboard user must be able to reach: every shown, enabled control that takes
    Tab focus (a spin or combo box counts once, not its inner line edit)."""
    found = set()
    for w in window.findChildren(QWidget):
        if (w.isVisibleTo(window) and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
                and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox))):
            found.add(w)
    return found


def _tab_cycle(qtbot, window, key=Qt.Key.Key_Tab) -> list[QWidget]:
    start, visited = QApplication.focusWidget(), []
    for _ in range(300):
        press(qtbot, key)
        current = QApplication.focusWidget()
        if current is start:
            return visited
        visited.append(current)
    pytest.fail(f"Tab never came back to the start; stuck at {visited[-5:]}")


def test_tab_visits_every_control_once_in_reading_order_and_comes_back(window, qtbot):
    visited = [window.fit_plot, *_tab_cycle(qtbot, window)]
    assert len(visited) == len(set(visited)), "a control was visited twice in one cycle"
    assert set(visited) == _interactive_controls(window)
    assert visited.count(window.comparison_table) == 1
    toolbar = window.findChild(QToolBar, "trainingToolBar")
    start = visited.index(toolbar.widgetForAction(window.lab_actions.step))
    visited = visited[start:] + visited[:start]  # the cycle read from its first stop

    def first(region: QWidget) -> int:
        return next(i for i, w in enumerate(visited) if w is region or region.isAncestorOf(w))

    order = [toolbar, window.data_panel, window.training_panel, window.prediction_panel,
             window.fit_plot, window.loss_plot, window.landscape_plot, window.comparison_table,
             window.tabs]
    positions = [first(region) for region in order]
    assert positions == sorted(positions)


def test_with_two_features_the_view_chooser_is_a_stop_before_the_fit_plot(window, qtbot):
    window.session.generate(GenerationSpec(w=(2.0, -3.4)))
    visited = [window.fit_plot, *_tab_cycle(qtbot, window)]
    assert set(visited) == _interactive_controls(window)
    chooser = window.fit_panel.findChild(QComboBox)
    assert chooser in visited
    assert visited.index(chooser) == len(visited) - 1  # just before the plot, cyclically


def test_shift_tab_walks_the_same_cycle_backwards(window, qtbot):
    forward = _tab_cycle(qtbot, window)
    backward = _tab_cycle(qtbot, window, Qt.Key.Key_Backtab)
    assert backward == forward[::-1]


def test_alt_digits_bring_each_teaching_tab_forward_even_from_a_field(window, qtbot):
    for number, key in reversed(list(enumerate(tab_keys(), start=1))):
        press(qtbot, Qt.Key(Qt.Key.Key_0 + number), ALT)
        assert window.tabs.current_name() == key
    type_into(qtbot, window.hyper_bar.batch_spin, "20")
    press(qtbot, Qt.Key.Key_3, ALT)
    assert window.tabs.current_name() == tab_keys()[2]


def test_enter_confirms_a_field_and_the_training_keys_work_again(window, qtbot):
    s = window.session
    type_into(qtbot, window.hyper_bar.batch_spin, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert s.hyper.batch_size == 5
    assert QApplication.focusWidget() is window.fit_plot
    press(qtbot, Qt.Key.Key_S)
    press(qtbot, Qt.Key.Key_Right)
    assert s.trainer.steps == 2
    press(qtbot, Qt.Key.Key_Space)
    assert window.run_loop.running
    press(qtbot, Qt.Key.Key_Space)
    assert not window.run_loop.running
    assert window.hyper_bar.batch_spin.text() == "5" and s.hyper.batch_size == 5


def test_escape_leaves_a_blanked_field_with_its_valid_value(window, qtbot):
    s = window.session
    batch = window.hyper_bar.batch_spin
    before = s.hyper.batch_size
    type_into(qtbot, batch, " ")  # what used to blank the field
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.fit_plot
    assert s.hyper.batch_size == before and batch.text() == str(before)
    press(qtbot, Qt.Key.Key_S)
    assert s.trainer.steps == 1


def test_escape_puts_back_the_weights_an_invalid_edit_replaced(window, qtbot):
    w_edit = window.data_panel.w_edit
    original = w_edit.text()
    type_into(qtbot, w_edit, "2, abc")
    assert not window.data_panel.generate_button.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    assert w_edit.text() == original
    assert window.data_panel.generate_button.isEnabled()
    assert QApplication.focusWidget() is window.fit_plot


def test_a_valid_edit_left_with_escape_is_kept(window, qtbot):
    type_into(qtbot, window.hyper_bar.epochs_spin, "7")
    press(qtbot, Qt.Key.Key_Escape)
    assert window.session.hyper.num_epochs == 7
    press(qtbot, Qt.Key.Key_E)
    assert window.session.trainer.epoch == 1


def test_clicked_buttons_and_boxes_leave_the_keys_to_training(window, qtbot):
    s = window.session
    type_into(qtbot, window.hyper_bar.lr_spin, "0.05")
    shuffle = window.training_panel.shuffle_check
    qtbot.mouseClick(shuffle, Qt.MouseButton.LeftButton, pos=QPoint(8, shuffle.height() // 2))
    assert s.hyper.lr == 0.05  # the click ended the editing: the typed η counts
    assert not s.hyper.shuffle
    assert QApplication.focusWidget() is window.fit_plot
    qtbot.mouseClick(window.data_panel.generate_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is window.fit_plot
    type_into(qtbot, window.hyper_bar.batch_spin, "4")
    qtbot.mouseClick(window.comparison_table.viewport(), Qt.MouseButton.LeftButton)
    assert s.hyper.batch_size == 4 and QApplication.focusWidget() is window.fit_plot
    data = s.dataset
    press(qtbot, Qt.Key.Key_Space)  # runs; it does not press Generate again
    assert window.run_loop.running and s.dataset is data
    press(qtbot, Qt.Key.Key_Space)


def test_a_control_reached_by_tab_keeps_the_keys_it_acts_on(window, qtbot):
    slider = window.data_panel.val_slider
    slider.setFocus(Qt.FocusReason.TabFocusReason)
    value = slider.value()
    press(qtbot, Qt.Key.Key_Right)
    assert slider.value() == value + 1
    assert window.session.trainer.steps == 0
    shuffle = window.training_panel.shuffle_check
    shuffle.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Space)
    assert not window.session.hyper.shuffle and not window.run_loop.running
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.fit_plot
    press(qtbot, Qt.Key.Key_S)
    assert window.session.trainer.steps == 1


def test_no_two_actions_share_a_key(window):
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            owners.setdefault(key, []).append(action.objectName())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared
    assert {f"Alt+{n}" for n in range(1, len(tab_keys()) + 1)} <= set(owners)
