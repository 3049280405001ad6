"""Switch the running app's language in place, as the View ▸ Language menu does, and back.

    with chinese():
        assert "数据" in panel.title()

Qt posts LanguageChange to every top-level widget when a translator is installed or removed,
and each widget passes it on to its children; the events are delivered before the body runs.
English is restored on the way out, whatever happens, so other tests are unaffected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators

CJK = re.compile(r"[\u4e00-\u9fff]")


def _switch(language: str) -> None:
    app = QApplication.instance()
    install_translators(app, language)
    for _ in range(2):  # the application's event, then the ones it posts to the windows
        app.sendPostedEvents()
        app.processEvents()


@contextmanager
def chinese() -> Iterator[None]:
    _switch("zh_CN")
    try:
        yield
    finally:
        _switch("en")


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text))
