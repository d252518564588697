"""The library API: newsclean.clean_text works without Click or rich, and its journal explains the result."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

import newsclean
from newsclean.model import Article, Block, Change, Page
from newsclean.pipeline import PassFailed, Result

from .conftest import ROOT
from .pages import page_params

PAGE = ROOT / "samples" / "default" / "zh-cluster-end.txt"

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
@dataclass
class _Text:
    """A block as the replay sees it: its dump lines and its text."""

    first: int
    last: int
    text: str


def replay(raw: str, journal: list[Change]) -> list[_Text]:
    """Rebuild the page's blocks from the dump and the journal's text changes alone."""
    blocks = [_Text(b.first, b.last, b.text) for b in Page.from_text(raw).blocks]
    for change in journal:
        if change.action == "edit":
            blocks[_changed(blocks, change)].text = change.after
        elif change.action == "join":
            start, end, carried = _joined_run(blocks, change)
            blocks[start:end] = [_Text(change.first, change.last, change.after), *carried]
        elif change.action == "split":
            i = _changed(blocks, change)
            blocks[i : i + 1] = [_Text(change.first, change.last, part) for part in change.after.split("\n")]
    return blocks


def _changed(blocks: list[_Text], change: Change) -> int:
    """The one block an edit or a split changed: on its lines, with its ``before`` text."""
    (index,) = [
        i for i, b in enumerate(blocks) if (b.first, b.last, b.text) == (change.first, change.last, change.before)
    ]
    return index


def _joined_run(blocks: list[_Text], change: Change) -> tuple[int, int, list[_Text]]:
    """The blocks a join replaced: from its first line to its last, their texts make its ``before``.

    Blocks among them that are not part of the text (a caption the sentence
    runs past) are carried: they come right after the joined block.
    """
    for start, block in enumerate(blocks):
        if block.first != change.first:
            continue
        joined, carried, rest = [], [], change.before
        for end in range(start, len(blocks)):
            piece = blocks[end].text + ("\n" if blocks[end].last != change.last else "")
            if rest.startswith(piece):
                joined.append(blocks[end])
                rest = rest[len(piece) :]
            else:
                carried.append(blocks[end])
            if not rest and blocks[end].last == change.last:
                return start, end + 1, carried
    raise AssertionError(f"no run of blocks matches the join at lines {change.lines}")


@pytest.mark.parametrize(("name", "text"), page_params())
def test_replaying_the_journal_reproduces_the_final_text(name, text):
    result = newsclean.clean_text(text, source=name)
    replayed = replay(text, result.journal)
    assert [(b.first, b.last, b.text) for b in replayed] == [(b.first, b.last, b.text) for b in result.page.blocks]
