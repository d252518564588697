"""join_lines: rebuild paragraphs from lines hard-wrapped at the column width.

This is where a dump becomes readable.  A paragraph ends where the page
shows it ending, and the evidence is all on the page:

* a paragraph ends with a sentence: a line that does not end with 。！？
  (maybe inside closing quotes) runs on into the next, blank line or not,
  because extractors put blank lines at column breaks, even inside a word;
* a line that ends a sentence *and* stopped early (the next line's first
  character or word would have fitted, measured against the column width
  estimated from the neighbouring lines) ends its paragraph;
* a line about one indent short that goes on is a paragraph's first line
  (extractors drop the indent but the width it took stays missing), so a
  sentence end before it is a paragraph end;
* a full line that ends with 。 followed by a full line is only a sentence
  end: the paragraph goes on;
* a line that begins with punctuation that may not begin a line belongs
  to the line before;
* a blank line is a paragraph break on its own only on pages where blank
  lines always follow finished sentences (OCR output often marks every
  paragraph that way); elsewhere it is one more column break.

Lines are joined with nothing between Chinese characters and one space
between Latin words; a Latin word split at a line end with a hyphen is
joined whole unless the page itself shows the hyphenated form (or both
halves as words of their own), which keeps ``state-of-the-art``.
Headlines, bylines and other blocks that an earlier pass marked are never
joined into a paragraph: they interrupt the flow.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from ..chars import ends_sentence, join_words, starts_with_closer
from ..layout import PageLayout, measure
from ..model import CAPTION, LINE, PARAGRAPH, Block, Join, PageEditor
from ..options import option
from .base import Pass
from .classify_lines import DATELINE, DATELINE_PATTERN

# Marks that may end a paragraph that introduces what follows (a list, a quotation).
WEAK_ENDS = "：:；;"
# Pages where fewer blank lines than this follow an unfinished sentence use blank lines as breaks.
BLANK_BREAK_SHARE = 0.1

_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
_HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
_WORD_START = re.compile(r"[a-z]+")


@dataclass
class Options:
    blank_lines: Literal["auto", "break", "ignore"] = option(
        "auto",
        "what a blank line says: 'auto' decides from the page (blank lines that always follow "
        "finished sentences are paragraph breaks), 'break' always a paragraph break, 'ignore' never on "
        "its own",
    )
    dehyphenate: bool = option(
        True, "join Latin words split with a hyphen at a line end, keeping compounds the page shows"
    )


class JoinLines(Pass):
    name = "join_lines"
    summary = "join hard-wrapped lines into paragraphs, from the page's own column widths and punctuation"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        lines = page.page.blocks_of(LINE)
        if not lines:
            return
        context = _Context.of(page, lines, options)
        joins = []
        for flow in _flows(page.page.blocks):
            for paragraph in context.paragraphs(flow):
                text = paragraph[0].text.strip()
                for line in paragraph[1:]:
                    text = context.join_text(text, line.text.strip())
                meta = {key: paragraph[0].meta[key] for key in (DATELINE, DATELINE_PATTERN) if key in paragraph[0].meta}
                meta.update(
                    starts_mid_text=context.starts_mid_text(paragraph),
                    column=context.layout.of(paragraph[0]).column,
                    last_column=context.layout.of(paragraph[-1]).column,
                )
                joins.append(Join(paragraph, PARAGRAPH, text, f"{len(paragraph)} lines", meta))
        page.join_all(joins)


def _flows(blocks: list[Block]) -> list[list[Block]]:
    """Runs of LINE blocks that text may run through.

    A headline, byline or other block between two lines breaks the flow; a
    photo caption does not: papers set captions into a column, and the
    sentence goes on below it.
    """
    flows, current = [], []
    for block in blocks:
        if block.kind == LINE:
            current.append(block)
        elif block.kind != CAPTION and current:
            flows.append(current)
            current = []
    if current:
        flows.append(current)
    return flows


@dataclass
class _Context:
    page: PageEditor
    options: Options
    layout: PageLayout
    blanks_break: bool
    vocabulary: Counter

    @classmethod
    def of(cls, page: PageEditor, lines: list[Block], options: Options) -> _Context:
        layout = measure(page.page, lines)
        blanks_break = _blank_lines_break(page, lines, options.blank_lines)
        vocabulary = Counter(w.lower() for b in page.page.blocks for w in _WORD.findall(b.text))
        return cls(page, options, layout, blanks_break, vocabulary)

    # -- paragraph breaks -------------------------------------------------------
    def paragraphs(self, flow: list[Block]) -> list[list[Block]]:
        paragraphs = [[flow[0]]]
        for i in range(1, len(flow)):
            a, b = flow[i - 1], flow[i]
            after = flow[i + 1] if i + 1 < len(flow) else None
            if self.breaks(a, b, after, a_starts=len(paragraphs[-1]) == 1):
                paragraphs.append([b])
            else:
                paragraphs[-1].append(b)
        return paragraphs

    def breaks(self, a: Block, b: Block, after: Block | None, a_starts: bool) -> bool:
        """Does a paragraph end after line ``a``?  Records its evidence when the call is close."""
        if starts_with_closer(b.text):
            return False
        if b.meta.get(DATELINE):
            self._note(a, b, f"paragraph break: line {b.first} opens with a dateline")
            return True
        blanks = self.page.page.blank_lines_between(a, b)
        if blanks and self.blanks_break:
            self._note(a, b, "paragraph break: blank line, and on this page blank lines follow finished sentences")
            return True
        sa, sb = self.layout.of(a), self.layout.of(b)
        early = self.layout.ended_early(a, b, a_starts)
        indented = self.layout.indented(b, after)
        text = a.text.rstrip()
        evidence = (
            f"line {a.first} is {sa.width:g} of {sa.column:g} em, line {b.first} "
            f"{sb.width + sb.indent:g} of {sb.column:g} em"
        )
        if not ends_sentence(text):
            if text[-1:] in WEAK_ENDS and early and indented:
                self._note(a, b, f"paragraph break after {text[-1]!r}: {evidence}")
                return True
            if blanks:
                self._note(a, b, f"joined across a blank line: line {a.first} does not end a sentence")
            return False
        if early:
            self._note(a, b, f"paragraph break: line {a.first} ends a sentence and stops early; {evidence}")
            return True
        if indented:
            self._note(a, b, f"paragraph break: line {b.first} is indented; {evidence}")
            return True
        self._note(
            a, b, f"joined: line {a.first} ends a sentence but is full and line {b.first} is not indented; {evidence}"
        )
        return False

    def starts_mid_text(self, paragraph: list[Block]) -> bool:
        """Does this paragraph begin mid-paragraph (a full first line on a page that indents)?

        Where blank lines mark the paragraphs, first lines need not be short,
        so their width says nothing about where a paragraph starts.
        """
        return len(paragraph) > 1 and not self.blanks_break and self.layout.starts_mid_text(paragraph[0])

    def _note(self, a: Block, b: Block, why: str) -> None:
        self.page.note(a.first, b.first, why)

    # -- joining text -----------------------------------------------------------
    def join_text(self, left: str, right: str) -> str:
        """Join two wrapped pieces of one paragraph."""
        if not left or not right:
            return left + right
        if left.endswith("\u00ad"):
            return left[:-1] + right
        hyphen = _HYPHEN_END.search(left)
        start = _WORD_START.match(right)
        if hyphen and start and self.options.dehyphenate:
            return left[:-1] + right if self._drop_hyphen(hyphen.group(1), start.group(0)) else left + right
        return join_words([left, right])

    def _drop_hyphen(self, head: str, tail: str) -> bool:
        """Is ``head-`` + ``tail`` a word split at the line end, rather than a compound?

        The page's own text decides: the hyphenated form seen elsewhere keeps
        the hyphen; the whole word seen elsewhere drops it; both halves seen as
        words of their own keep it (``year-long``); otherwise it was a split.
        """
        head, tail = head.lower(), tail.lower()
        if self.vocabulary[f"{head}-{tail}"]:
            return False
        if self.vocabulary[head + tail]:
            return True
        # Each half is counted once at the split itself.
        return not (self.vocabulary[head] > 1 and self.vocabulary[tail] > 1)


def _blank_lines_break(page: PageEditor, lines: list[Block], setting: str) -> bool:
    if setting != "auto":
        return setting == "break"
    gaps = [a for a, b in zip(lines, lines[1:]) if page.page.blank_lines_between(a, b)]
    if len(gaps) < 3:
        return False
    unfinished = sum(1 for a in gaps if not ends_sentence(a.text))
    return unfinished / len(gaps) < BLANK_BREAK_SHARE


PASS = JoinLines
