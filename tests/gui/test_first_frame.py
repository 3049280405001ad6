"""The app's start: the first frame shows the fit plot, the toolbar and the side panels, and
the rest of the window is built in the next turns of the event loop, in the places held for
it, so nothing moves and everything works once it is there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators


class _FirstPaint(QObject):
    """Notes what the window had built when the fit plot was first painted."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window, self.seen = window, None
        window.fit_plot.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None:
            w = self.window
            self.seen = {"built": w.built, "has_loss_plot": hasattr(w, "loss_plot"),
                         "fit_plot": _in_window(w.fit_plot), "dock": _in_window(w.dock),
                         "menu_bar": w.menuBar().height()}
        return False


def _in_window(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def _close(a: QRect, b: QRect, pixels: int = 6) -> bool:
    return all(abs(x - y) <= pixels for x, y in zip(a.getRect(), b.getRect(), strict=True))


# A first start in English holds the side panels' width exactly (~54 characters); every
# later start, in any language, holds each place at the size its view took last time. (A
# first start in Chinese moves the views ~20 px once: the panels are narrower there. The
# offscreen screen is 800 × 600, so a restored window is squeezed there.)
@pytest.mark.parametrize(("language", "started_before"),
                         [("en", False), ("en", True), ("zh_CN", True)])
def test_first_frame_paints_before_the_rest_is_built(make_window, qtbot, language,
                                                     started_before):
    app = QApplication.instance()
    install_translators(app, language)
    if started_before:  # a window of an earlier start kept its views' sizes, and its layout
        earlier = make_window()
        earlier.resize(1400, 900)
        qtbot.waitUntil(lambda: earlier.width() == 1400)
        earlier.close_quietly()
    try:
        _check_first_frame(make_window, qtbot)
    finally:
        install_translators(app, "en")


def _check_first_frame(make_window, qtbot):
    window = make_window(show=False, build_later=True)
    probe = _FirstPaint(window)
    window.show()
    qtbot.waitUntil(lambda: probe.seen is not None, timeout=10_000)
    assert probe.seen["built"] is False and probe.seen["has_loss_plot"] is False
    qtbot.waitUntil(lambda: window.built, timeout=10_000)
    # the views come into the places held for them: the fit plot, the dock and the menu bar
    # keep their size and position (to a few pixels: the views' minimum sizes, the status
    # bar's height)
    assert _close(_in_window(window.dock), probe.seen["dock"]), probe.seen
    assert abs(window.menuBar().height() - probe.seen["menu_bar"]) <= 1  # CJK glyphs: +1 px
    first, now = probe.seen["fit_plot"], _in_window(window.fit_plot)
    assert _close(QRect(first.topLeft(), QSize()), QRect(now.topLeft(), QSize())), probe.seen
    if window.height() >= 900:  # (a window squeezed below its views' room may shift them)
        assert _close(now, first), probe.seen


def test_the_built_window_is_whole_and_works(make_window, qtbot):
    window = make_window(build_later=True)
    with qtbot.waitSignal(window.finished, timeout=10_000):
        pass
    assert window.built
    titles = [a.text() for a in window.menuBar().actions()]
    assert "" not in [t.strip() for t in titles]  # the menu bar's placeholder is gone
    assert len(titles) == 7
    for name in ("loss_plot", "landscape_plot", "neuron_diagram", "comparison_table", "tabs"):
        assert getattr(window, name).isVisible(), name
    s = window.session
    n = s.dataset.n_examples
    plot = window.fit_plot
    spot = plot.mapFromScene(plot.plotItem.vb.mapViewToScene(QPointF(-1.8, 7.0)))  # empty
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert s.dataset.n_examples == n + 1  # a click on the plot adds a point, as wired
    window.lab_actions.undo.trigger()
    assert s.dataset.n_examples == n
    window.lab_actions.step.trigger()
    assert s.trainer.steps == 1
    assert window.tab_order is not None  # Tab follows the window's own order


def test_finish_building_builds_all_at_once(make_window):
    window = make_window(show=False, build_later=True)
    assert not window.built
    window.finish_building()
    assert window.built and window.tabs.current_name() == "lesson"
    window.finish_building()  # once built, nothing more to do
    assert window.built


def test_a_language_switch_in_the_first_frame_words_the_whole_window(make_window, qtbot):
    app = QApplication.instance()
    try:
        whole = make_window(show=False)  # built at once, in Chinese, for comparison
        install_translators(app, "zh_CN")
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
        reference = [a.text() for a in whole.menuBar().actions()]
        install_translators(app, "en")
        window = make_window(build_later=True)
        install_translators(app, "zh_CN")  # while only the first frame exists
        qtbot.waitUntil(lambda: window.built, timeout=10_000)
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
        assert [a.text() for a in window.menuBar().actions()] == reference
        assert "线性回归" in window.windowTitle()
    finally:
        install_translators(app, "en")


@pytest.mark.parametrize("quietly", [True, False])
def test_closing_in_the_first_frame_closes_cleanly(make_window, quietly):
    window = make_window(build_later=True)
    assert not window.built
    window.close_quietly() if quietly else window.close()
    assert window.built and not window.isVisible()


def test_view_sizes_are_kept_per_language_and_a_damaged_entry_is_forgotten():
    from PySide6.QtCore import QSettings

    from linreg_lab.gui.shell.settings import AppSettings

    settings = AppSettings()
    assert settings.view_sizes("en") == {}
    settings.set_view_sizes("en", {"side_panels": (323, 801), "tabs": (476, 161)})
    assert settings.view_sizes("en") == {"side_panels": (323, 801), "tabs": (476, 161)}
    assert settings.view_sizes("zh_CN") == {}
    QSettings().setValue("window/viewSizes/en", "not sizes")
    assert settings.view_sizes("en") == {}
