"""Help and packaging: About dialog, user guide, icon and .desktop file, all read as resources."""

from __future__ import annotations

import configparser
import platform
import re
from html.parser import HTMLParser
from importlib.resources import files

import numpy
import pyqtgraph
import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTextBrowser

from linreg_lab.gui.dialogs.about_dialog import AboutDialog, app_version
from linreg_lab.gui.dialogs.user_guide import (
    GUIDE_LANGUAGES,
    SECTIONS,
    UserGuideWindow,
    guide_html,
    guide_resource,
)
from linreg_lab.gui.shell.app_icon import app_icon, icon_bytes

RESOURCES = files("linreg_lab.resources")


class _Links(HTMLParser):
    """Collects href targets and anchor names of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        for key in ("name", "id"):
            if values.get(key):
                self.anchors.add(values[key])


def _labels_text(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


# ----------------------------------------------------------------------------- About


def test_about_shows_versions_and_licences(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "aboutDialog"
    text = _labels_text(dialog)
    for expected in (PySide6.__version__, qVersion(), pyqtgraph.__version__, numpy.__version__,
                     platform.python_version(), "LGPLv3", "MIT", "BSD-3-Clause",
                     "Dive into Deep Learning", "zh.d2l.ai", "LinReg Lab"):
        assert expected in text, expected
    assert app_version() is not None  # the test environment has the package installed
    assert app_version() in text


def test_about_version_falls_back_when_not_installed(qtbot, monkeypatch):
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert app_version() is None
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "unknown" in dialog.findChild(QLabel, "aboutVersion").text()


def test_about_closes_with_button_and_escape(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.show()
    qtbot.waitExposed(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


# ----------------------------------------------------------------------------- user guide


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_guide_file_has_every_section_and_working_links(language):
    resource = guide_resource(language)
    assert resource.name == f"user_guide_{language}.html"
    parser = _Links()
    parser.feed(guide_html(language))
    assert set(SECTIONS) | {"top"} <= parser.anchors
    for href in parser.hrefs:
        if href.startswith("#"):
            assert href[1:] in parser.anchors, href
        else:
            assert re.match(r"https://(zh\.)?d2l\.ai/", href), href


def test_guide_falls_back_to_english():
    assert guide_resource("fr").name == "user_guide_en.html"
    assert guide_resource("zh_TW").name == "user_guide_zh_CN.html"


def test_guides_differ_by_language():
    english, chinese = (" ".join(guide_html(lang).split()) for lang in ("en", "zh_CN"))
    assert "minibatch stochastic gradient descent" in english
    for term in ("线性回归", "小批量随机梯度下降", "学习率", "批量大小", "解析解"):
        assert term in chinese, term


@pytest.mark.parametrize("language", GUIDE_LANGUAGES)
def test_guide_window_shows_guide_and_jumps_to_sections(qtbot, language):
    window = UserGuideWindow(language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.objectName() == "userGuide"
    browser = window.findChild(QTextBrowser, "userGuideBrowser")
    plain = browser.toPlainText()
    assert "Ctrl+Shift+Z" in plain and "fonts-wqy-microhei" in plain
    bar = browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    window.show_section("troubleshooting")
    assert bar.value() > 0
    qtbot.mouseClick(window.contents_button, Qt.MouseButton.LeftButton)
    assert bar.value() == 0
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


# ----------------------------------------------------------------------------- icon, .desktop


def test_icon_is_a_256_px_png_rendered_from_the_svg(qtbot):
    pixmap = QPixmap()
    assert pixmap.loadFromData(icon_bytes("png"), "PNG")
    assert (pixmap.width(), pixmap.height()) == (256, 256)
    assert b"<svg" in icon_bytes("svg")
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(256, 256).isNull()
    assert icon.pixmap(256, 256).width() == 256
    small = icon.pixmap(32, 32).toImage()
    assert small.width() == 32
    # not blank: the white square, and the orange SGD line in the middle
    assert small.pixelColor(16, 4).name() == "#ffffff"
    colours = {small.pixelColor(x, y).name() for x in range(8, 24) for y in range(8, 24)}
    assert len(colours) > 5


def test_desktop_file_has_the_required_keys():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in the freedesktop spec
    parser.read_string((RESOURCES / "linreg-lab.desktop").read_text(encoding="utf-8"))
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "LinReg Lab"
    assert entry["Name[zh_CN]"] == "线性回归实验室"
    assert entry["Comment"] and entry["Comment[zh_CN]"]
    assert entry["Exec"].split()[0] == "linreg-lab"
    assert entry["Icon"] == "linreg-lab"
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert {"Education", "Science", "Math"} <= set(filter(None, categories.split(";")))


def test_help_menu_opens_guide_and_about(make_window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    w = make_window()
    w.findChild(QAction, "actionUserGuide").trigger()
    guide = w.findChild(QDialog, "userGuide")
    assert guide is not None and guide.isVisible()
    w.findChild(QAction, "actionUserGuide").trigger()  # asked again: the same window
    assert len(w.findChildren(QDialog, "userGuide")) == 1
    w.findChild(QAction, "actionAbout").trigger()
    about = w.findChild(QDialog, "aboutDialog")
    assert about is not None and about.isVisible()
    about.close()
    guide.close()
