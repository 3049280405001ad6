"""Text that must be read whole, in the real window at its default size and in both
languages: wrapped labels fit their boxes, the Huber cases are not split mid-word, the
two-feature comparison table shows every row, and log-axis labels do not overlap."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel

from linreg_lab.gui.state.data_state import GenerationSpec
from tests.gui.language_switch import chinese


@pytest.fixture
def window(make_window, qtbot):
    w = make_window()
    w.resize(1400, 900)  # the window's default size
    qtbot.wait(50)
    return w


def _clipped_labels(widget) -> list[str]:
    """Visible word-wrapped labels whose text needs more height than they were given."""
    return [label.text()[:40] for label in widget.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.heightForWidth(label.width()) > label.height() + 1]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_vectorization_labels_fit_at_the_default_size(window, qtbot, language):
    window.tabs.show_panel("vectorization")
    qtbot.wait(50)
    if language == "en":
        assert _clipped_labels(window.tabs.vectorization) == []
    else:
        with chinese():
            qtbot.wait(50)
            assert _clipped_labels(window.tabs.vectorization) == []


def test_the_huber_cases_keep_their_words_whole(window, qtbot):
    window.session.set_hyperparameters(loss="huber", huber_delta=1.0)
    window.tabs.show_panel("formula")
    qtbot.wait(50)
    card = window.tabs.formula.loss_card
    doc = card.document()
    doc.setTextWidth(card.viewport().width())
    block, found = doc.begin(), 0
    while block.isValid():
        if "otherwise" in block.text():
            found += 1
            assert block.layout().lineCount() == 1  # "otherwis / e" was misread
        block = block.next()
    assert found == 1


def test_the_two_feature_comparison_table_needs_no_scrolling(window, qtbot):
    window.controls.generate(GenerationSpec(w=(2.0, -3.4)))
    qtbot.wait(100)
    table = window.comparison_table
    assert table.rowCount() == 7
    assert not table.verticalScrollBar().isVisible()
    last = table.rowViewportPosition(table.rowCount() - 1) + table.rowHeight(table.rowCount() - 1)
    assert last <= table.viewport().height()


def _label_rects(axis) -> list[QRectF]:
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [rect for rect, _flags, text in texts if text]


def test_log_axis_labels_do_not_overlap_in_the_sweep_plot(window, qtbot):
    sweep = window.tabs.sweep
    window.tabs.show_panel("sweep")
    with qtbot.waitSignal(sweep.sweepFinished, timeout=20_000):
        sweep.run_sweep()
    qtbot.waitUntil(lambda: not sweep.is_running(), timeout=20_000)
    qtbot.wait(50)
    rects = _label_rects(sweep.tuning.plot.getPlotItem().getAxis("left"))
    assert len(rects) >= 2
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_error_boxes_are_wide_enough_for_their_titles(window, qtbot, tmp_path, language):
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,abc\n", encoding="utf-8")

    def check() -> None:
        assert not window.files.open_path(bad)
        box = window.findChild(QMessageBox, "dataFileError")
        qtbot.waitExposed(box)
        font = QFont(box.font())
        font.setBold(True)
        title = QFontMetrics(font).horizontalAdvance(box.windowTitle())
        assert box.width() >= title + 120  # the title bar's buttons need room too
        box.close()

    if language == "en":
        check()
    else:
        with chinese():
            check()
