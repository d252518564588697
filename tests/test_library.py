"""The library API: newsclean.clean_text works without Click or rich, and its journal explains the result."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import newsclean
from newsclean.model import Article, Block, Change, Page
from newsclean.pipeline import PassFailed, Result

from .pages import PAGE, page_params
from .support.journal import replay

LIBRARY_ONLY = """
import json, sys
import newsclean

result = newsclean.clean_text(open(sys.argv[1], encoding="utf-8").read(), source="page.txt")
print(json.dumps({
    "articles": len(result.articles),
    "residue": len(result.residue),
    "journal": len(result.journal),
    "passes": sorted({c.pass_name for c in result.journal}),
    "loaded": sorted({m.split(".")[0] for m in sys.modules} & {"click", "rich"}),
}))
"""


def test_clean_text_works_without_click_or_rich():
    run = subprocess.run(
        [sys.executable, "-c", LIBRARY_ONLY, str(PAGE)], capture_output=True, text=True, check=True, timeout=60
    )
    report = json.loads(run.stdout)
    assert report["loaded"] == []
    assert report["articles"] > 0 and report["journal"] > 0
    assert {"join_lines", "split_articles"} <= set(report["passes"])


def test_clean_text_returns_articles_residue_and_journal():
    result = newsclean.clean_text(PAGE.read_text(encoding="utf-8"), source="page.txt")
    assert isinstance(result, newsclean.Result)
    assert result.page.source == "page.txt"
    assert result.articles and all(isinstance(a, Article) for a in result.articles)
    assert all(isinstance(b, Block) for b in result.residue)
    assert result.journal and all(isinstance(c, Change) for c in result.journal)
    for article in result.articles:
        assert 1 <= article.first <= article.last <= len(result.page.raw_lines)


def test_rules_by_name_path_or_rule_set_give_the_same_result(tmp_path):
    text = PAGE.read_text(encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    copy.write_text("extends: default\n", encoding="utf-8")

    def paragraphs(result: Result) -> list[list[str]]:
        return [[b.text for b in a.body] for a in result.articles]

    by_default = paragraphs(newsclean.clean_text(text))
    assert paragraphs(newsclean.clean_text(text, "default")) == by_default
    assert paragraphs(newsclean.clean_text(text, str(copy))) == by_default
    assert paragraphs(newsclean.clean_text(text, newsclean.load_rules(copy))) == by_default


def test_a_bad_rule_file_raises_rule_error_with_every_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pipeline:\n  - join_lnies\n  - normalize_text: {x: 1}\n", encoding="utf-8")
    with pytest.raises(newsclean.RuleError) as raised:
        newsclean.load_rules(bad)
    assert len(raised.value.messages) == 2
    assert str(raised.value) == "\n".join(raised.value.messages)


def test_a_failing_pass_names_the_page_and_the_pass(monkeypatch):
    from newsclean.passes.join_lines import JoinLines

    def explode(self, page, options):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(JoinLines, "run", explode)
    with pytest.raises(PassFailed, match=r"^page\.txt: pass join_lines failed: ZeroDivisionError: division by zero$"):
        newsclean.clean_text("本报讯 正文。\n", newsclean.load_rules("default"), source="page.txt")


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'clean_html'"):
        newsclean.clean_html  # noqa: B018


# -- the journal explains the result ------------------------------------------------
@pytest.mark.parametrize(("name", "text"), page_params())
def test_replaying_the_journal_reproduces_the_final_text(name, text):
    result = newsclean.clean_text(text, source=name)
    replayed = replay(Page.from_text(text).blocks, result.journal)
    assert [(b.first, b.last, b.text) for b in replayed] == [(b.first, b.last, b.text) for b in result.page.blocks]
