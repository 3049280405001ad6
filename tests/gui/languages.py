"""Switch the running app's language in place for one block of a test, then back to English.

Installing a translator sends every widget a LanguageChange, as the View ▸ Language menu
does; afterwards English is installed again, whatever happened, so other tests see English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators


def _install(language: str) -> None:
    install_translators(QApplication.instance(), language)
    QApplication.processEvents()  # deliver the LanguageChange events


@contextmanager
def switched_to(language: str) -> Iterator[None]:
    _install(language)
    try:
        yield
    finally:
        _install("en")
