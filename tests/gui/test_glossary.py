"""The Chinese texts use the book's own terms (resources/i18n/glossary.json), everywhere."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = json.loads((ROOT / "resources/i18n/glossary.json").read_text(encoding="utf-8"))
TERMS = GLOSSARY["terms"]


def _messages() -> list[tuple[str, str]]:
    root = ET.parse(ROOT / "resources/i18n/linreg_lab_zh_CN.ts").getroot()
    found = []
    for message in root.iter("message"):
        element = message.find("translation")
        forms = element.findall("numerusform") if element is not None else []
        text = "".join(f.text or "" for f in forms) if forms else (element.text or "")
        found.append((message.findtext("source", ""), text))
    return found


def _chinese_texts() -> dict[str, str]:
    """Every Chinese text a learner reads: translations, lessons, the user guide."""
    texts = {f"translation of {src!r}": zh for src, zh in _messages()}
    for path in sorted((ROOT / "resources/lessons").glob("*.json")):
        texts[path.name] = json.dumps(json.loads(path.read_text(encoding="utf-8")),
                                      ensure_ascii=False)
    guide = ROOT / "resources/guide/user_guide_zh_CN.html"
    texts[guide.name] = guide.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("term", TERMS, ids=[t["zh"] for t in TERMS])
def test_each_english_term_is_translated_with_the_books_word(term):
    pattern = re.compile(term["en"], re.IGNORECASE)
    wrong = [f"{src!r} → {zh!r}" for src, zh in _messages()
             if pattern.search(src) and term["zh"] not in zh]
    assert not wrong, f"use {term['zh']} for {term['en']}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("term", [t for t in TERMS if t.get("not")],
                         ids=[t["zh"] for t in TERMS if t.get("not")])
def test_no_other_word_stands_for_the_term(term):
    wrong = [f"{where}: {variant}" for where, text in _chinese_texts().items()
             for variant in term["not"] if variant in text]
    assert not wrong, f"the book says {term['zh']}:\n" + "\n".join(wrong)


def test_the_chapter_s_affine_transformation_is_named():
    assert any("仿射变换" in zh for _, zh in _messages())
