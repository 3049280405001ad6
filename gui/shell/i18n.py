"""Translations: the app's own (resources/i18n) and Qt's, chosen by --lang or the system."""

from __future__ import annotations

import sys
from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

LANGUAGES = ("en", "zh_CN")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a text of Qt's own for lupdate, so the app's translation can re-word it."""
    return text


# Qt's words the app says differently: Qt's Chinese names the → key "右方向" in menus and
# tooltips, where the user guide and the book's readers write "→".
QT_TEXTS = (QT_TRANSLATE_NOOP("QShortcut", "Right"),)
_installed: dict[int, list[QTranslator]] = {}


def resolve_language(lang: str | None) -> str:
    """'zh_CN' for any Chinese request or system locale, else 'en'."""
    name = lang or QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def install_translators(app: QCoreApplication, lang: str | None) -> str:
    """Replace the installed translators with those for `lang`; returns the language used."""
    language = resolve_language(lang)
    for old in _installed.pop(id(app), []):
        app.removeTranslator(old)
    loaded = []
    if language != "en":
        # the app's own last: Qt searches the newest translator first, so the app's words
        # (its name for the → key, see QT_TEXTS) win over Qt's own
        loaded = [t for t in (_qt_translator(language), app_translator(language)) if t]
        for t in loaded:
            app.installTranslator(t)
        _warn_if_no_cjk_font()
    _installed[id(app)] = loaded
    return language


def app_translator(language: str) -> QTranslator | None:
    """The app's own translation for `language` (None for English or a missing file); not
    installed, so a text can be had in a language other than the window's."""
    translator = QTranslator()
    resource = files("linreg_lab.resources") / "i18n" / f"linreg_lab_{language}.qm"
    with as_file(resource) as path:
        return translator if path.exists() and translator.load(str(path)) else None


def _qt_translator(language: str) -> QTranslator | None:
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{language}", folder) else None


def _warn_if_no_cjk_font() -> None:
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        print("linreg-lab: no Chinese font found, Chinese text will show as boxes. "
              "Install one, e.g. `sudo apt-get install fonts-wqy-microhei`.", file=sys.stderr)
