"""The text passes on their case tables (tests/cases/PASS.yaml), plus the invariants of every case.

A case gives a block (or the paragraphs of one article), the pass's options and what must
come out; a case without ``out`` must come back unchanged.  On every case: a second run
changes nothing, the journal replays to the result (so ``--explain`` tells the truth), and
the punctuation passes neither lose nor invent a Han character.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsclean.model import PARAGRAPH, Article, Block, Page, PageEditor
from newsclean.options import coerce_fields
from newsclean.passes import load_builtin

from .support.journal import Text, han, replay

CASES = Path(__file__).parent / "cases"
TABLES = ("repair_punctuation", "fix_quotes", "map_radicals", "convert_chinese", "remove_cjk_spacing")
# Passes that must not change a Han character: they only repair punctuation.
KEEP_HAN = ("repair_punctuation", "fix_quotes")


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def all_cases() -> list:
    return [pytest.param(name, case, id=f"{name}: {case['name']}") for name in TABLES for case in load_cases(name)]


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def run_pass(name: str, texts: list[str], kind: str = PARAGRAPH, options: dict | None = None) -> Page:
    """A page of one block per text (one article when they are paragraphs), after the pass ran."""
    pass_cls = load_builtin(name)
    values, problems = coerce_fields(options or {}, pass_cls.Options)
    assert not problems
    page = Page("case.txt", tuple(texts))
    page.blocks = [Block(kind, text, n, n) for n, text in enumerate(texts, 1)]
    if kind == PARAGRAPH:
        page.articles = [Article(body=list(page.blocks))]
    pass_cls().run(PageEditor(page, name), pass_cls.Options(**values))
    return page


@pytest.mark.parametrize(("name", "case"), all_cases())
def test_case(name, case):
    texts = as_list(case["in"])
    kind = case.get("kind", PARAGRAPH)
    page = run_pass(name, texts, kind, case.get("options"))
    result = [b.text for b in page.blocks]
    assert result == as_list(case.get("out", texts))
    assert len(page.warnings()) == case.get("warnings", 0), [w.why for w in page.warnings()]
    start = [Text(n, n, text) for n, text in enumerate(texts, 1)]
    assert [b.text for b in replay(start, page.journal)] == result
    if name in KEEP_HAN:
        assert han("".join(result)) == han("".join(texts))
    again = run_pass(name, result, kind, case.get("options"))
    assert [b.text for b in again.blocks] == result, "a second run changed the text"


def test_no_case_table_is_empty_or_cut_short():
    """Guards the tables themselves: a YAML slip that empties or truncates one leaves its pass
    untested while every test still passes.  The punctuation tables keep many cases of right
    text that must come back unchanged, as much of what these passes see is."""
    for name in TABLES:
        assert load_cases(name), f"tests/cases/{name}.yaml holds no case"
    for name in KEEP_HAN:
        cases = load_cases(name)
        assert len(cases) >= 40, f"tests/cases/{name}.yaml holds {len(cases)} cases, fewer than the 40 it had"
        assert sum("out" not in c for c in cases) >= 10, f"tests/cases/{name}.yaml holds few cases of text left alone"


def test_an_unbalanced_quote_is_reported_with_its_article_and_lines():
    page = run_pass("fix_quotes", ["他说：“第一段。”", "他又说：“第二段。"])
    (warning,) = page.warnings()
    assert (warning.pass_name, warning.first, warning.last) == ("fix_quotes", 2, 2)
    assert warning.why == "unbalanced quotes in article 1: an opening “ is left open, and the next paragraph " + (
        "does not open a quotation to go on with it; left as found"
    )


def test_datelines_are_repaired_with_their_paragraph():
    page = Page("case.txt", ("本报讯 ３月１５日，区中心医院",))
    page.blocks = [Block(PARAGRAPH, page.raw_lines[0], 1, 1)]
    page.articles = [Article(body=list(page.blocks), dateline="本报讯 ３月１５日")]
    pass_cls = load_builtin("repair_punctuation")
    pass_cls().run(PageEditor(page, "repair_punctuation"), pass_cls.Options())
    assert page.blocks[0].text == "本报讯 3月15日，区中心医院"
    assert page.articles[0].dateline == "本报讯 3月15日"


def test_explain_names_the_repairs_made():
    page = run_pass("repair_punctuation", ["好,不少人。。等等..."])
    (edit,) = [c for c in page.journal if c.action == "edit"]
    assert edit.why == "ellipses, half-width punctuation, doubled marks"
