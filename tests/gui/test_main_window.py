"""The window as a learner drives it: actions, keys, run/pause, divergence, CSV files."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from linreg_lab import core
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt


@pytest.fixture
def window(make_window):
    return make_window()


def _reference_trainer(session: Session) -> core.SGDTrainer:
    train = session.data.train_set
    h = session.hyper
    return core.SGDTrainer(train.X, train.y, lr=h.lr, batch_size=h.batch_size,
                           shuffle=h.shuffle, seed=h.seed)


def test_object_names_exist(window):
    for name in ("fitPlot", "lossPlot", "landscapePlot", "neuronDiagram", "comparisonTable"):
        assert window.findChild(object, name) is not None, name
    for name in ("actionStep", "actionEpoch", "actionRun", "actionReset", "actionGenerate",
                 "actionClear", "actionUndo", "actionRedo", "actionOpen", "actionSave"):
        assert window.findChild(object, name) is not None, name


def test_step_matches_the_core_trainer_with_the_same_seed(window, qtbot):
    ref = _reference_trainer(window.session)
    for _ in range(7):
        qtbot.keyClick(window, Qt.Key.Key_S)
    ref.step(7)
    np.testing.assert_array_equal(window.session.trainer.w, ref.w)
    assert window.session.trainer.b == ref.b
    qtbot.keyClick(window, Qt.Key.Key_Right)
    ref.step(1)
    np.testing.assert_array_equal(window.session.trainer.w, ref.w)


def test_epoch_key_finishes_an_epoch(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.session.trainer.epoch == 1


def test_run_then_pause_reaches_the_analytical_solution(window, qtbot):
    s = window.session
    window.hyper_bar.set_values(s.hyper)
    s.set_hyperparameters(num_epochs=0)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.run_loop.running
    qtbot.waitUntil(lambda: s.trainer.epoch >= 30, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.run_loop.running
    sol = s.solution.lstsq
    assert np.abs(s.trainer.w - sol.w).max() < 0.1
    assert abs(s.trainer.b - sol.b) < 0.1


def test_run_stops_after_the_chosen_epochs(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=3)
    window.lab_actions.run.trigger()
    qtbot.waitUntil(lambda: not window.run_loop.running, timeout=10_000)
    assert s.trainer.epoch == 3


def test_huge_learning_rate_stops_with_banner_and_finite_numbers(window, qtbot):
    s = window.session
    s.set_hyperparameters(lr=50.0, num_epochs=0)
    assert window.banner.isVisible()  # warned before the run
    window.lab_actions.run.trigger()
    qtbot.waitUntil(lambda: s.trainer.diverged, timeout=10_000)
    qtbot.waitUntil(lambda: not window.run_loop.running, timeout=2_000)
    assert np.all(np.isfinite(s.trainer.w)) and np.isfinite(s.trainer.b)
    assert window.banner.isVisible()
    assert "diverged" in window.banner.text().lower()


def test_batch_size_change_mid_run(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    window.lab_actions.run.trigger()
    qtbot.waitUntil(lambda: s.trainer.steps > 50, timeout=5_000)
    s.set_hyperparameters(batch_size=3)
    steps = s.trainer.steps
    qtbot.waitUntil(lambda: s.trainer.steps > steps + 50, timeout=5_000)
    window.run_loop.pause()
    assert s.trainer.batch_size == 3
    assert s.last_batch_rows().size <= 3
    assert not s.trainer.diverged


def test_bad_csv_leaves_data_untouched_and_says_where(window, qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,abc\n", encoding="utf-8")
    X, y = window.session.dataset.X.copy(), window.session.dataset.y.copy()
    assert not window.files.open_path(bad)
    np.testing.assert_array_equal(window.session.dataset.X, X)
    np.testing.assert_array_equal(window.session.dataset.y, y)
    box = window.findChild(QMessageBox, "dataFileError")
    assert box is not None
    assert "bad.csv" in box.informativeText() and "3" in box.informativeText()
    box.close()


def test_good_csv_opens_and_is_undoable(window, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("area,price\n1,3\n2,5\n3,7.5\n", encoding="utf-8")
    before = window.session.dataset
    assert window.files.open_path(good)
    assert window.session.dataset.n_examples == 3
    window.lab_actions.undo.trigger()
    np.testing.assert_array_equal(window.session.dataset.y, before.y)


def test_dropping_a_csv_opens_it(window, tmp_path):
    good = tmp_path / "drop.csv"
    good.write_text("1,3\n2,5\n3,7\n4,9\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    ev = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                    Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(ev)
    assert window.session.dataset.n_examples == 4


def test_clear_and_generate_are_undoable(window):
    s = window.session
    y = s.dataset.y.copy()
    window.lab_actions.clear.trigger()
    assert s.dataset.n_examples == 0
    window.lab_actions.undo.trigger()
    np.testing.assert_array_equal(s.dataset.y, y)
    window.lab_actions.generate.trigger()
    window.lab_actions.undo.trigger()
    np.testing.assert_array_equal(s.dataset.y, y)


def test_identical_x_explains_why_not_unique(make_window):
    X = np.ones((5, 1))
    data = DataState.from_dataset(core.Dataset(X, np.arange(5.0)), 0.0, 0)
    w = make_window(Session(data, Hyperparameters()))
    assert not w.session.solution.lstsq.unique
    assert "same x" in w.banner.text()


def test_two_features_show_predicted_vs_actual(make_window):
    spec = GenerationSpec(w=(2.0, -3.4), b=4.2, noise_std=0.01, num_examples=200)
    w = make_window(Session(DataState.generated(spec, 1), Hyperparameters()))
    assert not w.fit_plot.editable()
    w.session.step(50)
    QApplication.processEvents()
    assert w.landscape_plot.axes_names() == ("w₁", "w₂")


def test_standardise_option_keeps_the_line_and_reports_data_units(window, qtbot):
    s = window.session
    s.step(40)
    w, b = s.trainer.w.copy(), s.trainer.b
    box = window.training_panel.standardize_check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert s.hyper.standardize
    np.testing.assert_allclose(s.trainer.w, w, rtol=1e-12)  # same line, other parametrisation
    assert s.trainer.b == pytest.approx(b, rel=1e-12)
    s.set_hyperparameters(lr=0.1)
    s.step(400)
    np.testing.assert_allclose(s.trainer.w, s.solution.lstsq.w, atol=0.1)


def test_lessons_menu_opens_a_lesson_and_its_preset_is_undoable(window, qtbot):
    s = window.session
    y = s.dataset.y.copy()
    menu_action = window.findChild(QAction, "actionLesson_laplace_noise")
    assert menu_action is not None
    menu_action.trigger()
    assert window.tabs.current_name() == "lesson"
    assert window.tabs.lesson.current_lesson().id == "laplace_noise"
    qtbot.mouseClick(window.tabs.lesson.findChild(QPushButton, "loadLessonButton"),
                     Qt.MouseButton.LeftButton)
    assert s.data.spec is not None and s.data.spec.noise == "laplace"
    assert "Undo (Ctrl+Z)" in window.tabs.lesson.progress_label.text()  # said in the tab
    window.lab_actions.undo.trigger()
    np.testing.assert_array_equal(s.dataset.y, y)


def test_generate_fields_follow_the_data_through_undo(window):
    s, panel = window.session, window.data_panel
    before = panel.spec()
    s.generate(GenerationSpec(w=(2.0, -3.4), b=1.0, num_examples=321))
    assert panel.spec().w == (2.0, -3.4) and panel.spec().num_examples == 321
    window.lab_actions.undo.trigger()
    assert panel.spec() == before


def test_teaching_speed_redraws_only_when_a_step_was_taken(window, qtbot):
    s = window.session
    s.set_hyperparameters(num_epochs=0)
    window.run_loop.set_steps_per_second(5.0)
    redraws = []
    s.stateChanged.connect(lambda: redraws.append(s.trainer.steps))
    window.run_loop.start()
    qtbot.waitUntil(lambda: s.trainer.steps >= 3, timeout=5_000)
    window.run_loop.pause()
    assert len(redraws) <= s.trainer.steps + 1  # one redraw per step (plus the pause's)
    assert redraws == sorted(redraws)


def test_every_plot_of_the_window_survives_zooming_far_out_and_in(window, qtbot):
    """The wheel can take any plot (the teaching tabs' too) to the doubles' limits and back:
    pyqtgraph raised 'Cannot set range [-inf, -inf]' or overflowed its tick labels there."""
    import pyqtgraph as pg

    from linreg_lab.gui.tabs.registry import tab_keys
    from tests.gui.mouse import centre, wheel

    seen = set()
    for key in tab_keys():
        window.tabs.show_panel(key)
        qtbot.wait(1)
        for plot in window.findChildren(pg.PlotWidget):
            if not plot.isVisible() or id(plot) in seen or not plot.getPlotItem().vb.state[
                    "mouseEnabled"][0]:
                continue
            seen.add(id(plot))
            for delta in (-12000, 12000):
                for _ in range(300):
                    wheel(plot, centre(plot), delta)
                plot.grab()  # paints the axes at that range
                for (lo, hi) in plot.getPlotItem().vb.viewRange():
                    assert np.isfinite(lo) and np.isfinite(hi) and lo <= hi, plot.objectName()
    assert len(seen) >= 5  # fit, loss, landscape and the tabs' plots


def _lr_and_limit(text: str) -> tuple[str, str]:
    """The η and the 2/λmax a learning-rate message prints."""
    found = re.search(r"η = ([0-9.e−]+) .*?≈ ([0-9.e−]+)", text)
    assert found, text
    return found.group(1), found.group(2)


def test_small_batches_are_warned_below_the_full_batch_limit_and_told_why(window, qtbot):
    """Batch 1 at 0.95 × 2/λmax: warned before the run (the full-batch limit is not enough),
    and when it diverges the message says what is true for batch 1, with the same
    suggestion as the warning."""
    s = window.session
    s.set_hyperparameters(lr=0.95 * s.stability_limit(), num_epochs=0)
    assert not window.banner.isVisible()  # full-batch-safe at batch 10 of 80
    spin = window.hyper_bar.batch_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "1")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert s.hyper.batch_size == 1
    assert window.banner.isVisible() and window.banner.kind() == "warning"
    warning = window.banner.text()
    check = s.learning_rate_check()
    assert "minibatches of 1 of the 80 examples" in warning
    assert f"Try η = {fmt(check.suggestion)}." in warning
    window.lab_actions.run.trigger()
    qtbot.waitUntil(lambda: s.trainer.diverged, timeout=10_000)
    qtbot.waitUntil(lambda: not window.run_loop.running, timeout=2_000)
    error = window.banner.text()
    assert window.banner.kind() == "error"
    assert "below the stability limit" in error and "exact only for full-batch" in error
    assert f"(try {fmt(check.suggestion)})" in error  # one suggestion, both banners


def test_learning_rate_just_above_the_limit_reads_above_it(window):
    """η a hair above 2/λmax: the warning prints both with enough digits to differ, and the
    η field's tooltip says the same."""
    s = window.session
    limit = s.stability_limit()
    s.set_hyperparameters(lr=limit * (1 + 2e-5), num_epochs=0)
    text = window.banner.text()
    lr_text, limit_text = _lr_and_limit(text)
    assert lr_text != limit_text
    assert float(lr_text) > float(limit_text)
    assert float(limit_text) == pytest.approx(limit, rel=1e-5)
    assert text in window.hyper_bar.lr_spin.toolTip()


@pytest.mark.parametrize(("column", "words"), [
    (lambda x: np.full_like(x, 3.0), "Feature x₂ has the same value in every training example "
                                     "(x₂ = 3)"),
    (lambda x: 2.0 * x, "Feature x₂ is proportional to x₁: x₂ = 2·x₁ in every"),
    (lambda x: 2.0 * x + 3.0, "Feature x₂ is a multiple of x₁ plus a constant: x₂ = 2·x₁ + 3"),
])
def test_rank_reasons_name_the_actual_dependency(make_window, tmp_path, column, words):
    """A CSV whose second column is constant, or 2x, or 2x + 3: the banner and the
    comparison table say which, not "the same x" or "copies of each other"."""
    x = np.linspace(-2.0, 2.0, 9)
    path = tmp_path / "dependent.csv"
    rows = [f"{a!r},{b!r},{a - b!r}" for a, b in zip(x.tolist(), column(x).tolist(),
                                                     strict=True)]
    path.write_text("x1,x2,y\n" + "\n".join(rows) + "\n", encoding="utf-8")
    window = make_window()
    assert window.files.open_path(path)
    text = window.banner.text()
    assert words in text and "same x" not in text and "copies" not in text
    equation = re.search(r"x₂ = [^ )]*( \+ 3)?", words).group(0)
    assert equation in window.comparison_table.horizontalHeaderItem(1).toolTip()
