"""The classification mode in the window: the switch, and the toolbar, undo, menus and panels
acting on the half that is shown while the other half waits where it was."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton

from linreg_lab.core.class_data import load_digits


@pytest.fixture
def window(make_window):
    return make_window()


def _switch(window, qtbot) -> None:
    """Press the toolbar's Classification button, as a learner does."""
    button = window.toolbar.widgetForAction(window.lab_actions.classification_mode)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_toolbar_button_switches_the_page_the_panels_and_the_plane_name(window, qtbot):
    regression_plot = window.fit_plot
    _switch(window, qtbot)
    workspace = window.modes.workspace
    assert window.modes.mode == "classification"
    assert window.lab_actions.classification_mode.isChecked()
    assert window.centre.currentWidget() is workspace.page
    assert window.side.currentWidget() is workspace.side
    assert window.findChildren(type(workspace.plot), "fitPlot") == [workspace.plot]
    assert regression_plot.objectName() != "fitPlot"
    assert window.lab_actions.classification_mode in window.menus.view.actions()
    window.lab_actions.classification_mode.trigger()  # the View menu's entry, or Ctrl+M
    assert window.modes.mode == "regression" and regression_plot.objectName() == "fitPlot"
    assert window.centre.currentIndex() == 0


def test_step_epoch_and_reset_act_on_the_shown_half_only(window, qtbot):
    regression_steps = window.session.trainer.steps
    _switch(window, qtbot)
    trainer = lambda: window.modes.workspace.session.trainer  # noqa: E731
    window.lab_actions.step.trigger()
    assert trainer().steps == 1
    window.lab_actions.epoch.trigger()
    assert trainer().epoch == 1 and trainer().epoch_position == 0
    assert window.session.trainer.steps == regression_steps
    window.lab_actions.reset.trigger()
    assert trainer().steps == 0
    window.lab_actions.classification_mode.trigger()
    window.lab_actions.step.trigger()
    assert window.session.trainer.steps == regression_steps + 1
    assert window.modes.workspace.session.trainer.steps == 0


def test_run_trains_the_classifier_and_pauses(window, qtbot):
    _switch(window, qtbot)
    workspace = window.modes.workspace
    window.lab_actions.run.trigger()
    assert workspace.run_loop.running and not window.run_loop.running
    qtbot.waitUntil(lambda: workspace.session.trainer.steps > 0, timeout=5000)
    window.lab_actions.run.trigger()
    assert not workspace.run_loop.running
    assert window.lab_actions.run.text() == "Run"


def test_undo_and_redo_follow_the_shown_half(window, qtbot):
    window.session.add_example((0.5,), 1.0)
    n_regression = window.session.dataset.n_examples
    _switch(window, qtbot)
    session = window.modes.workspace.session
    assert not window.lab_actions.undo.isEnabled()  # nothing done in this half yet
    before = session.dataset
    qtbot.mouseClick(window.findChild(QPushButton, "classGenerateButton"),
                     Qt.MouseButton.LeftButton)
    assert session.dataset.n_examples == 150 and window.lab_actions.undo.isEnabled()
    assert "Generate" in window.lab_actions.undo.text()
    window.lab_actions.undo.trigger()
    assert session.dataset == before
    assert window.session.dataset.n_examples == n_regression  # the other half untouched
    window.lab_actions.classification_mode.trigger()
    window.lab_actions.undo.trigger()
    assert window.session.dataset.n_examples == n_regression - 1


def test_the_palette_follows_the_classes_and_generate_uses_the_panel(window, qtbot):
    _switch(window, qtbot)
    panel = window.modes.workspace.data_panel
    panel.k_spin.setValue(5)
    panel.n_spin.setValue(50)
    window.lab_actions.generate.trigger()  # Edit → Generate data in this mode
    data = window.modes.workspace.session.dataset
    assert data.num_classes == 5 and data.n_examples == 50
    buttons = [window.findChild(QToolButton, f"classButton_{i}") for i in range(5)]
    assert all(b is not None and b.isVisible() for b in buttons)
    qtbot.mouseClick(buttons[3], Qt.MouseButton.LeftButton)
    assert panel.palette_row.current_class() == 3


def test_the_data_menu_opens_the_digits_in_the_classification_mode(window, qtbot):
    window.findChild(QAction, "actionData_digits").trigger()
    assert window.modes.mode == "classification"
    data = window.modes.workspace.session.dataset
    assert data == load_digits() and data.num_classes == 10
    window.findChild(QAction, "actionData_house").trigger()  # a regression set goes back
    assert window.modes.mode == "regression"


def test_iris_opens_with_the_two_chosen_features(window, qtbot):
    _switch(window, qtbot)
    panel = window.modes.workspace.data_panel
    panel.iris_combo.setCurrentIndex(0)  # sepal length · sepal width
    qtbot.mouseClick(panel.iris_button, Qt.MouseButton.LeftButton)
    data = window.modes.workspace.session.dataset
    assert data.n_examples == 150 and data.n_features == 2 and data.num_classes == 3
    assert "sepal" in data.feature_names[0]


def test_a_bad_class_csv_says_where_and_changes_nothing(window, qtbot, tmp_path):
    _switch(window, qtbot)
    session = window.modes.workspace.session
    before = session.dataset
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,class\n1,2,a\n3,oops,b\n")
    assert not window.open_any(path)
    assert session.dataset == before
    good = tmp_path / "good.csv"
    good.write_text("x1,x2,class\n1,2,a\n3,4,b\n5,6,a\n")
    assert window.open_any(good)
    assert session.dataset.class_names == ("a", "b")
    np.testing.assert_array_equal(session.dataset.labels, [0, 1, 0])


def test_the_toolbar_hyperparameters_go_to_the_shown_half(window, qtbot):
    lr = window.session.hyper.lr
    _switch(window, qtbot)
    window.hyper_bar.hyperparametersRequested.emit({"lr": 0.25})
    assert window.modes.workspace.session.hyper.lr == 0.25
    assert window.modes.workspace.session.trainer.lr == 0.25
    assert window.session.hyper.lr == lr


def _empty_spot(plot, X) -> QPoint:
    """A pixel in the middle of the plane, far from every point (and so from the legend)."""
    from tests.gui.mouse import to_pixel

    rect = plot.viewport().rect()
    pixels = np.array([(p.x(), p.y()) for p in (to_pixel(plot, a, b) for a, b in X)], float)
    spots = [(rect.width() * fx, rect.height() * fy)
             for fx in np.linspace(0.3, 0.7, 9) for fy in np.linspace(0.3, 0.7, 9)]
    best = max(spots, key=lambda s: np.hypot(*(pixels - s).T).min())
    return QPoint(int(best[0]), int(best[1]))


def test_a_click_on_the_plane_adds_a_point_of_the_palette_class_and_keys_pick_it(window,
                                                                                  qtbot):
    from tests.gui.mouse import click

    _switch(window, qtbot)
    workspace = window.modes.workspace
    plot = window.findChild(type(workspace.plot), "fitPlot")
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # not a double click with the last
    qtbot.mouseClick(window.findChild(QToolButton, "classButton_2"), Qt.MouseButton.LeftButton)
    n = workspace.session.dataset.n_examples
    corner = _empty_spot(plot, workspace.session.dataset.X)
    click(plot, corner)
    data = workspace.session.dataset
    assert data.n_examples == n + 1 and data.labels[-1] == 2
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_2)  # key 2 asks for the second class (index 1)
    assert workspace.data_panel.palette_row.current_class() == 1
    click(plot, _empty_spot(plot, workspace.session.dataset.X))
    assert workspace.session.dataset.labels[-1] == 1
    window.lab_actions.undo.trigger()
    assert workspace.session.dataset.n_examples == n + 1


def test_validation_points_are_ringed_and_the_share_applies_to_the_data(window, qtbot):
    _switch(window, qtbot)
    workspace = window.modes.workspace
    session, panel = workspace.session, workspace.data_panel
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    held_out = int(session.val_mask.sum())
    assert held_out == round(0.2 * session.dataset.n_examples)  # the default share
    assert sum(len(workspace.plot.shown_points(k, "validation")[0]) for k in range(3)) == held_out
    panel.val_spin.setValue(0)
    assert not session.val_mask.any()
    assert not any(len(workspace.plot.shown_points(k, "validation")[0]) for k in range(3))
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert not session.val_mask.any()  # Generate keeps the share the learner chose


def test_the_page_shows_the_views_and_digits_swap_the_plane_for_weight_images(window, qtbot):
    from PySide6.QtWidgets import QWidget

    _switch(window, qtbot)
    workspace = window.modes.workspace
    assert window.findChild(QWidget, "confusionMatrix").isVisible()
    assert workspace.plot.isVisible() and workspace.status_line.isVisible()
    assert not window.status_line.isVisible()
    assert window.tabs.isTabVisible(window.tabs.panel_names().index("softmax_formula"))
    assert not window.tabs.isTabVisible(window.tabs.panel_names().index("noise"))
    window.findChild(QAction, "actionData_digits").trigger()
    assert workspace.digit_weights.isVisible() and not workspace.plot.isVisible()
    assert not workspace.data_panel.palette_row.isVisible()  # no plane to click on
    window.lab_actions.undo.trigger()
    assert workspace.plot.isVisible() and workspace.data_panel.palette_row.isVisible()
    window.lab_actions.classification_mode.trigger()
    assert window.status_line.isVisible() and not workspace.status_line.isVisible()
    assert not window.tabs.isTabVisible(window.tabs.panel_names().index("softmax_formula"))


def test_a_tab_of_the_other_mode_switches_the_mode(window, qtbot):
    window.findChild(QAction, "actionShowTab_softmax_formula").trigger()
    assert window.modes.mode == "classification"
    assert window.tabs.current_name() == "softmax_formula"
    window.findChild(QAction, "actionShowTab_noise").trigger()
    assert window.modes.mode == "regression" and window.tabs.current_name() == "noise"


def test_step_back_and_the_timeline_rewind_the_classifier(window, qtbot):
    from PySide6.QtWidgets import QSlider

    _switch(window, qtbot)
    workspace = window.modes.workspace
    session = workspace.session
    assert not window.lab_actions.step_back.isEnabled()
    for _ in range(5):
        window.lab_actions.step.trigger()
    W5 = session.trainer.W.copy()
    window.lab_actions.step_back.trigger()
    assert session.trainer.steps == 4 and session.rewound
    window.lab_actions.step.trigger()
    np.testing.assert_array_equal(session.trainer.W, W5)  # the same step, bit for bit
    sliders = [s for s in window.findChildren(QSlider, "timelineSlider") if s.isVisible()]
    assert len(sliders) == 1 and sliders[0].maximum() == 5
    sliders[0].setValue(2)  # as the slider's keys or a drag set it
    assert session.trainer.steps == 2
    window.lab_actions.classification_mode.trigger()
    assert window.timeline_bar.isVisible() and not workspace.timeline_bar.isVisible()


def test_file_export_writes_the_run_of_the_half_shown(window, qtbot, tmp_path, monkeypatch):
    from linreg_lab.core.class_csv import load_class_csv

    paths = iter([tmp_path / "softmax.py", tmp_path / "classes.csv", tmp_path / "linear.py"])
    pick = lambda *args, **kwargs: (str(next(paths)), "")  # noqa: E731
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName", pick)
    monkeypatch.setattr("linreg_lab.gui.files.class_data_files.QFileDialog.getSaveFileName",
                        pick)
    _switch(window, qtbot)
    session = window.modes.workspace.session
    window.lab_actions.step.trigger()
    window.findChild(QAction, "actionExportPython").trigger()
    assert "softmax" in (tmp_path / "softmax.py").read_text()
    window.findChild(QAction, "actionExportDataCsv").trigger()
    assert load_class_csv(tmp_path / "classes.csv") == session.dataset
    assert window.exporter._plots["fitPlot"] is window.modes.workspace.plot
    window.lab_actions.classification_mode.trigger()
    window.findChild(QAction, "actionExportPython").trigger()
    text = (tmp_path / "linear.py").read_text()
    assert "softmax" not in text and "def sgd" in text
    assert window.exporter._plots["fitPlot"] is window.fit_plot


def test_a_saved_session_reopens_the_classification_half_in_a_new_window(make_window, qtbot,
                                                                         tmp_path):
    window = make_window()
    _switch(window, qtbot)
    session = window.modes.workspace.session
    session.generate(4, 80, seed=7)
    for _ in range(6):
        window.lab_actions.step.trigger()
    path = tmp_path / "both.linreglab"
    assert window.session_files.save_to(path)
    other = make_window()
    assert not other.modes.built  # nothing of the mode built yet
    assert other.open_any(path)
    assert other.modes.mode == "classification"
    reopened = other.modes.workspace.session
    assert reopened.dataset == session.dataset and reopened.trainer.steps == 6
    np.testing.assert_array_equal(reopened.trainer.W, session.trainer.W)


def test_the_plane_panel_shades_one_class_and_hides_the_optimum(window, qtbot):
    from PySide6.QtWidgets import QCheckBox, QComboBox

    _switch(window, qtbot)
    workspace = window.modes.workspace
    plot, session = workspace.plot, workspace.session
    session.step(20)
    combo = window.findChild(QComboBox, "regionShadeCombo")
    assert combo.count() == 1 + session.dataset.num_classes
    combo.setCurrentIndex(2)
    combo.activated.emit(2)  # what a click on the entry sends
    plot.flush()
    image = plot.regions()
    m = min(image.xs.size, image.ys.size)
    grid = np.column_stack([image.xs[:m:9], image.ys[:m:9]])
    expected = session.trainer.predict_proba(grid)[:, 1]  # class index 1: the second entry
    np.testing.assert_allclose(image.probability[np.arange(0, m, 9), np.arange(0, m, 9)],
                               expected, rtol=1e-12)
    check = window.findChild(QCheckBox, "referenceBoundaryCheck")
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert not check.isChecked() and plot.boundary_points("reference")[0].size == 0
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: plot.boundary_points("reference")[0].size > 0, timeout=3000)
    assert "‖W‖" in workspace.status_line.text()


def test_training_in_the_window_moves_the_boundary_and_fills_the_confusion_matrix(window,
                                                                                   qtbot):
    from linreg_lab.core.confusion import confusion_matrix
    from linreg_lab.gui.panels.confusion_matrix import ConfusionMatrix

    _switch(window, qtbot)
    workspace = window.modes.workspace
    session, plot = workspace.session, workspace.plot
    before = plot.boundary_points("sgd")
    window.lab_actions.epoch.trigger()
    window.lab_actions.epoch.trigger()
    plot.flush()
    after = plot.boundary_points("sgd")
    assert after[0].size and not (before[0].size == after[0].size
                                  and np.allclose(before[0], after[0]))
    matrix = window.findChild(ConfusionMatrix, "confusionMatrix")
    X, y = session.trainer.training_set
    expected = confusion_matrix(y, session.trainer.predict(X), session.dataset.num_classes)
    qtbot.waitUntil(lambda: np.array_equal(matrix.counts(), expected), timeout=3000)
    assert expected.sum() == session.dataset.n_examples - int(session.val_mask.sum())
