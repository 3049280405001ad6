"""The Data panel says what the data on screen are: how many, made how, and the analytical
solution's error against the true line when that is known."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from linreg_lab import core
from linreg_lab.gui.panels.comparison_table import TRUE_COL
from linreg_lab.gui.state.lessons import apply_lesson, load_lessons
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.state.session_io import open_session, save_session
from linreg_lab.gui.text.format import fmt
from tests.gui.language_switch import chinese, is_chinese
from tests.gui.mouse import click, to_pixel


@pytest.fixture
def window(make_window):
    return make_window()


def summary(window) -> str:
    return window.data_panel.findChild(QLabel, "dataSummary").text()


@pytest.mark.parametrize("lesson_id", ["identical_x", "duplicate_feature"])
def test_a_recipe_preset_shows_its_numbers_and_its_truth(window, lesson_id):
    lesson = next(lesson for lesson in load_lessons() if lesson.id == lesson_id)
    apply_lesson(window.session, lesson)
    data, recipe = window.session.data, lesson.data
    n = data.dataset.n_examples
    assert n == recipe.num_examples
    panel = window.data_panel
    assert panel.n_spin.value() == n and panel.seed_spin.value() == recipe.seed
    assert panel.b_spin.value() == recipe.b
    text = summary(window)
    assert f"Shown: {n} examples" in text and "recipe" in text
    table = window.comparison_table
    true_w = [recipe.w] if lesson_id == "identical_x" else [recipe.w / 2, recipe.w / 2]
    cells = [table.item(row, TRUE_COL).text() for row in range(len(true_w) + 1)]
    assert cells == [fmt(v) for v in (*true_w, recipe.b)]  # the True column is filled
    sol = window.session.solution.lstsq
    errors = [*(np.array(true_w) - sol.w), recipe.b - sol.b]
    assert all(fmt(e) in text.split("(true − analytical):")[1] for e in errors)


def test_generated_data_show_their_count_origin_and_estimation_error(window):
    s = window.session
    text = summary(window)
    n_val = int(s.data.val_rows.size)
    assert (f"Shown: {s.dataset.n_examples} examples ({s.data.n_train} training, {n_val} "
            "validation)") in text
    assert "Made by Generate" in text and "Edited since" not in text
    sol = s.solution.lstsq
    expected = f"w {fmt(s.data.true_w[0] - sol.w[0])}, b {fmt(s.data.true_b - sol.b)}"
    assert text.endswith(expected)


def test_an_edit_is_said_and_the_error_follows_the_new_solution(window):
    s, plot = window.session, window.fit_plot
    before = summary(window)
    click(plot, to_pixel(plot, s.dataset.X[5, 0], s.dataset.y[5]), Qt.MouseButton.RightButton)
    after = summary(window)
    assert "Edited since" in after and after != before
    sol = s.solution.lstsq
    assert after.endswith(f"b {fmt(s.data.true_b - sol.b)}")
    window.lab_actions.undo.trigger()
    assert summary(window) == before


def test_loaded_data_say_the_truth_is_unknown(window, tmp_path):
    path = tmp_path / "mine.csv"
    core.save_csv(core.Dataset([[1.0], [2.0], [4.0]], [1.0, 3.0, 2.0]), path)
    assert window.files.open_path(path)
    text = summary(window)
    assert "Shown: 3 examples" in text and "not known" in text
    assert "error" not in text


def test_the_summary_follows_the_language(window):
    with chinese():
        assert is_chinese(summary(window))
    assert not is_chinese(summary(window))


def test_an_edited_session_opens_as_edited(qtbot, tmp_path):
    s = Session()
    s.add_example(0.5, 9.0)
    save_session(s, tmp_path / "a.linreglab")
    fresh = Session()
    save_session(fresh, tmp_path / "b.linreglab")
    for name, edited in (("a", True), ("b", False)):
        opened = Session()
        open_session(opened, tmp_path / f"{name}.linreglab")
        assert opened.data.edited is edited


def test_a_reopened_recipe_session_still_shows_its_truth(make_window, tmp_path):
    lesson = next(lesson for lesson in load_lessons() if lesson.id == "identical_x")
    s = Session()
    apply_lesson(s, lesson)
    save_session(s, tmp_path / "recipe.linreglab")
    window = make_window(show=False)
    open_session(window.session, tmp_path / "recipe.linreglab")
    text = summary(window)
    assert "Made with true w = 2, b = 4.2." in text and "not known" not in text
