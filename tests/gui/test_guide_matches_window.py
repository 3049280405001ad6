"""The user guide names only menus, entries and keys the window really has, in both languages.

Menu paths in the guide are marked <span class="menu">File → Open…</span> and keys
<span class="key">Ctrl+O</span>; both are looked up in a real window built in that language.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from linreg_lab.gui.dialogs.user_guide import guide_html
from linreg_lab.gui.shell.i18n import install_translators

# keys that are no action: the fit plot's own key for a selected point, and the keys that move
# the focus or end the editing of a field (gui/shell/field_keys.py, focus_chain.py)
KEYS_WITHOUT_ACTIONS = {"Delete", "Tab", "Shift+Tab", "Enter", "Esc",
                        *"123456789"}  # 1…9 pick a class on the class plane (test_class_plot)


def _plain(text: str) -> str:
    """A menu text as read: no mnemonic ampersand, Qt's (&F) suffix or trailing spaces."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").strip()


def _resolve(window, path: list[str]) -> QAction | QMenu | None:
    """Follow `File → Export → Data as CSV…` through the window's menu bar."""
    entries = [a for a in window.menuBar().actions()]
    found = None
    for name in path:
        found = next((a for a in entries if _plain(a.text()) == name), None)
        if found is None:
            return None
        entries = found.menu().actions() if found.menu() else []
    return found


def _shortcuts(window) -> set[str]:
    keys = set()
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            keys.add(sequence.toString(QKeySequence.SequenceFormat.PortableText))
    return keys


@pytest.fixture(params=["en", "zh_CN"])
def window_in(request, make_window, qapp):
    install_translators(qapp, request.param)
    try:
        yield request.param, make_window(show=False)
    finally:
        install_translators(qapp, "en")


def test_every_menu_path_in_the_guide_exists(window_in):
    language, window = window_in
    paths = re.findall(r'<span class="menu">([^<]+)</span>', guide_html(language))
    assert len(paths) >= 5
    missing = [p for p in paths if _resolve(window, [s.strip() for s in p.split("→")]) is None]
    assert not missing, f"the {language} guide names menu entries that do not exist: {missing}"


def test_every_key_in_the_guide_does_what_it_says(window_in):
    language, window = window_in
    shortcuts = _shortcuts(window) | KEYS_WITHOUT_ACTIONS
    named = re.findall(r'class="key">([^<]+)<', guide_html(language))
    keys = {k.strip().replace("→", "Right") for text in named
            for k in re.split(r" / | or | 或 ", text)}
    keys = {"Space" if k == "空格" else k for k in keys}
    missing = sorted(k for k in keys if k not in shortcuts)
    assert not missing, f"the {language} guide names keys no action has: {missing}"
    QApplication.processEvents()


@pytest.mark.parametrize("language, menus", [
    ("en", r"\b(File|Edit|View|Train|Lessons|Help) →"),
    ("zh_CN", r"(文件|编辑|视图|训练|课程|帮助) →"),
])
def test_every_menu_path_is_marked_so_it_is_checked(language, menus):
    unmarked = re.sub(r'<span class="menu">[^<]+</span>', "", guide_html(language))
    assert not re.findall(menus, unmarked)
