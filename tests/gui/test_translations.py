"""The shipped Simplified Chinese translation is complete, consistent and compiled.

Fix failures with `python scripts/update_translations.py`, then translate the new messages in
resources/i18n/linreg_lab_zh_CN.ts (Qt Linguist or by hand) and run the script again.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "linreg_lab_zh_CN.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\d+|n)|\[\*\]")  # str.format, Qt %1/%n, title [*]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of the .ts."""
    root = ET.parse(TS).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found.append((name, message.findtext("source", ""), message.find("translation")))
    return found


def _label(context: str, source: str) -> str:
    return f"{context}: {source!r}"


def _translation_text(element: ET.Element) -> str:
    forms = element.findall("numerusform")
    return "".join(f.text or "" for f in forms) if forms else (element.text or "")


def test_ts_has_messages():
    assert len(_messages()) > 100


def test_every_message_is_translated():
    problems = []
    for context, source, element in _messages():
        if element is None:
            problems.append(f"{_label(context, source)} has no <translation>")
            continue
        kind = element.get("type")
        if kind in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{_label(context, source)} is {kind}")
        elif not _translation_text(element).strip():
            problems.append(f"{_label(context, source)} has an empty translation")
    assert not problems, "\n".join(problems)


def test_translations_keep_placeholders():
    problems = []
    for context, source, element in _messages():
        if element is None:
            continue
        text = _translation_text(element)
        if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
            problems.append(f"{_label(context, source)} -> {text!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_ts_and_qm_are_up_to_date():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.check() == []


@pytest.mark.parametrize(("context", "source"), [
    ("LabActions", "Step"),
    ("LabActions", "Run or pause training (Space)"),
    ("WindowMenus", "&File"),
    ("LabActions", "Reset"),
    ("StatusLine", "epoch {done}/{target}"),
    ("TrainingPanel", "Loss function"),
    ("HyperparameterBar", "Learning rate η"),
])
def test_compiled_qm_translates_to_chinese(context, source):
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    text = translator.translate(context, source)
    assert text and text != source
    assert CJK.search(text), f"{context}: {source!r} -> {text!r} has no Chinese"


def test_compiled_qm_holds_every_translation():
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    wrong = [_label(context, source) for context, source, element in _messages()
             if element is not None and element.get("type") is None
             and translator.translate(context, source) != _translation_text(element)]
    assert not wrong, "the .qm disagrees with the .ts:\n" + "\n".join(wrong)
