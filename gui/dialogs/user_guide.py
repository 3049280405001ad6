"""Help → User guide: the short guide shipped in resources/guide, shown in a QTextBrowser.

The guide is plain HTML (one file per language) read through importlib.resources, so it is
the same text in a wheel as in the repository, and a translator edits HTML, not code.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.gui.shell.app_icon import app_icon
from linreg_lab.gui.widgets.retranslating import Retranslating

GUIDE_LANGUAGES = ("en", "zh_CN")
#: Anchors of the guide's sections, in order; every language's file has all of them.
SECTIONS = ("purpose", "data", "training", "plots", "teaching", "sessions", "language",
            "troubleshooting")


def guide_language(language: str | None) -> str:
    """'zh_CN' for any Chinese language code, else 'en' (the fallback)."""
    return "zh_CN" if (language or "").lower().startswith("zh") else "en"


def guide_resource(language: str | None) -> Traversable:
    """The guide's HTML file for `language`, or the English one if that language has none."""
    folder = files("linreg_lab.resources") / "guide"
    resource = folder / f"user_guide_{guide_language(language)}.html"
    return resource if resource.is_file() else folder / "user_guide_en.html"


def guide_html(language: str | None) -> str:
    """The guide's HTML text for `language` (English as fallback)."""
    return guide_resource(language).read_text(encoding="utf-8")


class UserGuideWindow(Retranslating, QDialog):
    """Non-modal window with the user guide; links inside jump to sections, others open a
    browser. Contents goes back to the top; Close or Esc dismisses it."""

    def __init__(self, language: str | None = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowIcon(app_icon())
        self.setModal(False)
        self.language = guide_language(language)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("userGuideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(guide_html(self.language))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self._buttons())
        self.resize(760, 680)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("LinReg Lab user guide"))
        self.browser.setAccessibleName(self.tr("User guide text"))
        self._close.setToolTip(self.tr("Close the user guide (Esc)"))
        self._close.setAccessibleName(self.tr("Close"))
        self.contents_button.setText(self.tr("Contents"))
        self.contents_button.setToolTip(self.tr("Go back to the list of sections at the top"))
        self.contents_button.setAccessibleName(self.tr("Contents"))

    def set_language(self, language: str) -> None:
        """Show the guide written in `language` (the guide is one HTML file per language)."""
        language = guide_language(language)
        if language != self.language:
            self.language = language
            self.browser.setHtml(guide_html(language))

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self._close = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.contents_button = QPushButton(self)
        self.contents_button.setObjectName("userGuideContents")
        self.contents_button.setAutoDefault(False)
        self.contents_button.clicked.connect(lambda: self.show_section("top"))
        buttons.addButton(self.contents_button, QDialogButtonBox.ButtonRole.ActionRole)
        return buttons

    def show_section(self, anchor: str) -> None:
        """Scroll to a section, e.g. "troubleshooting" (see SECTIONS) or "top"."""
        if anchor == "top":
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.browser.scrollToAnchor(anchor)
