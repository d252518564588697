"""split_articles: cut the page's paragraphs into articles.

An article starts where the page shows a start: a paragraph that opens
with a dateline (``本报讯 3月9日，``, ``新华社北京3月5日电``, ``WASHINGTON —``),
or the first paragraph after a headline.  Text before any such start is an
article too: its beginning is on another page, so it is flagged
``continued``.  Bylines go to the article whose dateline follows them, or
else to the article they close.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import BYLINE, HEADLINE, PARAGRAPH, Block, PageEditor
from ..options import Problem, option
from ..patterns import check_patterns, first_match
from .base import Pass


@dataclass
class Options:
    datelines: list[str] = option(
        [],
        "patterns of a dateline at the start of a paragraph; the match (its group 'dateline' if the "
        "pattern names one) becomes the article's dateline",
    )


@dataclass
class _Segment:
    body: list[Block]
    dateline: str | None
    bylines_before: list[Block]
    bylines_after: list[Block]


class SplitArticles(Pass):
    name = "split_articles"
    summary = "split the paragraphs into articles at datelines and headlines; attach bylines"
    Options = Options

    def check(self, options: dict) -> Iterator[Problem]:
        return check_patterns(options, "datelines")

    def run(self, page: PageEditor, options: Options) -> None:
        segments: list[_Segment] = []
        pending: list[Block] = []  # bylines not yet placed
        open_for_body = False  # may the next paragraph continue the last segment?
        for block in page.page.blocks:
            if block.kind == BYLINE:
                pending.append(block)
            elif block.kind == HEADLINE:
                open_for_body = False
            elif block.kind == PARAGRAPH:
                dateline = _dateline(block.text, options.datelines)
                if dateline is None and open_for_body and not pending:
                    segments[-1].body.append(block)
                    continue
                if dateline is None and pending and segments:
                    segments[-1].bylines_after += pending  # a byline that closes an article
                    pending = []
                segments.append(_Segment([block], dateline, pending, []))
                pending = []
                open_for_body = True
        if pending and segments:
            segments[-1].bylines_after += pending
        for segment in segments:
            self._make_article(page, segment)

    def _make_article(self, page: PageEditor, segment: _Segment) -> None:
        start = segment.body[0]
        if segment.dateline:
            why = f"line {start.first} opens with a dateline"
        else:
            why = f"line {start.first} follows a headline or starts the page"
        article = page.new_article(segment.body, why, continued=segment.dateline is None)
        if segment.dateline:
            page.set_dateline(article, segment.dateline, "the article's first paragraph opens with it")
        for byline in segment.bylines_before:
            page.attach(article, "bylines", byline, "a byline just before the article's dateline")
        for byline in segment.bylines_after:
            page.attach(article, "bylines", byline, "a byline after the article's last paragraph")


def _dateline(text: str, patterns: list[str]) -> str | None:
    match = first_match(patterns, text)
    if not match or match.start() > 0:
        return None
    dateline = match.groupdict().get("dateline") or match.group(0)
    return dateline.strip().rstrip("，,：:") or None


PASS = SplitArticles
