"""The shipped rule files for Traditional Chinese, OCR output and English do what they say."""

from __future__ import annotations

from newsclean.model import BYLINE
from newsclean.pipeline import clean_text


def body(page: str, rules: str) -> list[str]:
    return [b.text for a in clean_text(page, rules).articles for b in a.body]


def test_zh_hant_prints_corner_quotes_and_traditional_radicals():
    page = '本報訊 松濤里住⼾說："有家長喊“小心腳踏車”。"\n'
    assert body(page, "zh-hant") == ["本報訊 松濤里住戶說：「有家長喊『小心腳踏車』。」"]


def test_ocr_reads_letters_inside_numbers_as_digits():
    assert body("本报讯 2O24年共开通线路1l0条。\n", "ocr") == ["本报讯 2024年共开通线路110条。"]


def test_en_keeps_english_punctuation_and_knows_wire_credits():
    story = 'LONDON (Reuters) - Britain\'s regulator said: "no fines... yet" (for now).'
    result = clean_text(f"By Ann Lee\nAssociated Press\n{story}\n", "en")
    assert [b.kind for b in result.page.blocks if b.text == "Associated Press"] == [BYLINE]
    assert [b.text for a in result.articles for b in a.body] == [story]
