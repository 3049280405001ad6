"""The teaching tabs come from a Qt-free registry; the container wires requests and titles."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from linreg_lab.gui.state.lessons import PANELS
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.registry import TABS, tab_keys
from linreg_lab.gui.tabs.teaching_tabs import TeachingTabs
from tests.gui.languages import switched_to


@pytest.fixture
def tabs(qtbot) -> TeachingTabs:
    widget = TeachingTabs(Session())
    qtbot.addWidget(widget)
    widget.resize(1300, 320)
    yield widget
    widget.shutdown()


def test_registry_and_tab_packages_import_no_qt() -> None:
    code = ("import sys, linreg_lab.gui.tabs, linreg_lab.gui.tabs.registry; "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_tabs_are_built_from_the_registry_in_its_order(tabs: TeachingTabs) -> None:
    assert tabs.panel_names() == list(tab_keys())
    for index, entry in enumerate(TABS):
        panel = tabs.panel(entry.key)
        assert type(panel) is entry.widget_class()
        assert tabs.widget(index) is panel is getattr(tabs, entry.key)
        assert tabs.tabText(index) == entry.title
    assert tabs.show_panel("sweep") and tabs.current_name() == "sweep"
    assert not tabs.show_panel("no_such_tab")


def test_lessons_may_name_every_tab() -> None:
    assert set(tab_keys()) <= set(PANELS)
    assert {"fit", "loss", "landscape", "neuron", "comparison"} <= set(PANELS)


def test_the_noise_tab_requests_and_the_container_asks_the_session(tabs: TeachingTabs,
                                                                  qtbot) -> None:
    session = tabs.noise._session
    tabs.show()
    tabs.show_panel("noise")
    qtbot.mouseClick(tabs.noise.findChild(QAbstractButton, "noise_outliers"),
                     Qt.MouseButton.LeftButton)
    assert session.data.spec.noise == "gaussian"  # compared on a copy: the lab's data stay
    qtbot.mouseClick(tabs.noise.findChild(QAbstractButton, "noiseAdoptCopy"),
                     Qt.MouseButton.LeftButton)  # asked for: now the lab trains on it
    assert session.data.spec.noise == "outliers"
    session.undo_stack.undo()
    assert session.data.spec.noise == "gaussian"


def test_tab_titles_follow_a_language_switch_in_place(tabs: TeachingTabs) -> None:
    tabs.show_panel("vectorization")
    with switched_to("zh_CN"):
        assert [tabs.tabText(i) for i in range(tabs.count())] == [
            "课程", "公式", "噪声与似然", "矢量化", "超参数与泛化", "softmax回归，一步一步"]
        assert tabs.current_name() == "vectorization"
    assert tabs.tabText(0) == "Lesson"


def test_each_mode_shows_its_own_tabs_and_the_lesson(tabs: TeachingTabs) -> None:
    shown = lambda: [k for i, k in enumerate(tabs.panel_names()) if tabs.isTabVisible(i)]  # noqa: E731
    assert shown() == ["lesson", "formula", "noise", "vectorization", "sweep"]
    tabs.show_panel("formula")  # built with the tabs: no plot is made in a hidden widget
    tabs.set_mode("classification")
    assert shown() == ["lesson", "softmax_formula"]
    assert tabs.current_name() == "lesson"  # the formula tab went: the first shown comes
    assert tabs.mode_of("softmax_formula") == "classification" and tabs.mode_of("x") is None
    tabs.set_mode("regression")
    assert "softmax_formula" not in shown()


def test_a_tab_is_built_when_first_shown_in_its_place(qtbot) -> None:
    """Only the tabs of the first frame are built with the window; a click on another tab's
    title builds it there, the shown tab stays the one clicked."""
    from linreg_lab.gui.state.session import Session

    tabs = TeachingTabs(Session())
    qtbot.addWidget(tabs)
    tabs.show()
    index = tab_keys().index("sweep")
    assert type(tabs.widget(index)) is not TABS[index].widget_class()
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index and tabs.current_name() == "sweep"
    assert type(tabs.currentWidget()) is TABS[index].widget_class()
    assert tabs.tabText(index) == TABS[index].title
    tabs.shutdown()
