"""Data menu: built-in sets with their sources, loaded as one undoable edit."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtGui import QAction

from linreg_lab.gui.state import builtin_sets
from tests.gui.languages import switched_to


@pytest.fixture
def window(make_window):
    return make_window()


def _pick(window, key: str) -> None:
    action = window.findChild(QAction, f"actionData_{key}")
    assert action is not None and action in window.menus.data.actions()
    action.trigger()


@pytest.mark.parametrize("key", builtin_sets.KEYS)
def test_each_set_loads_as_training_data_with_its_source_and_undoes(window, key):
    before = window.session.dataset
    _pick(window, key)
    s = window.session
    assert s.dataset == builtin_sets.dataset(key) and s.data.val_fraction == 0.0
    assert s.data.n_train == s.dataset.n_examples  # every point is fitted
    assert window.banner.kind() == "info" and builtin_sets.source(key)[:40] in window.banner.text()
    axes = [window.fit_plot.getPlotItem().getAxis(a).labelText for a in ("bottom", "left")]
    if s.dataset.n_features == 1:
        assert axes == [s.dataset.feature_names[0], s.dataset.label_name]
    else:  # predicted against actual, named with the label and its unit
        assert all(s.dataset.label_name in text for text in axes), axes
    window.session.undo_stack.undo()
    assert window.session.dataset == before


@pytest.mark.parametrize("key, digits", [("norris", 13.0), ("longley", 13.0)])
def test_nist_sets_show_certified_values_beside_the_labs(window, key, digits):
    _pick(window, key)
    text = window.banner.text()
    found = re.search(r"agree to (\d+\.\d) significant digits", text)
    assert found and float(found.group(1)) >= digits, text
    certified = builtin_sets.certified(key)
    assert f"{certified[0]:.15g}" in text  # NIST's b as printed


def test_anscombe_sets_give_one_line(window):
    lines = []
    for number in (1, 2, 3, 4):
        _pick(window, f"anscombe_{number}")
        sol = window.session.solution.lstsq
        lines.append((round(sol.b, 2), round(float(sol.w[0]), 3)))
    assert set(lines) == {(3.0, 0.5)}


def test_in_chinese_titles_and_names_are_the_books(window):
    with switched_to("zh_CN"):
        titles = [a.text() for a in window.menus.data.actions() if not a.isSeparator()]
        assert window.menus.data.title() == "数据(&D)"
        assert "房屋价格（笔记中的例子）" in titles
        _pick(window, "house")
        assert window.session.dataset.feature_names == ("面积 (m²)", "房龄 (年)")
        assert window.session.dataset.label_name == "价格 (万元)"
        assert "模型" in window.banner.text()
    np.testing.assert_array_equal(window.session.dataset.X[:, 0].min() >= 40, True)


def test_names_and_units_reach_the_table_and_the_formula(window, qtbot):
    _pick(window, "house")
    from linreg_lab.gui.panels.comparison_table import ComparisonTable

    table = window.findChild(ComparisonTable)
    rows = [table.verticalHeaderItem(r).text() for r in range(2)]
    assert rows == ["w₁ (area (m²))", "w₂ (age (years))"]
    window.tabs.show_panel("formula")
    card = window.tabs.formula.model_card
    qtbot.waitUntil(lambda: "price (10⁴ ¥)" in card.toPlainText())
    assert "x₁ = area (m²), x₂ = age (years)" in card.toPlainText()
    _pick(window, "anscombe_1")  # plain x and y: nothing to explain
    qtbot.waitUntil(lambda: "predicts" not in card.toPlainText())
    assert table.verticalHeaderItem(0).text() == "w"
