"""find_headlines: tell headline lines from body lines by how the page sets them.

A dump does not say which lines are headlines: they sit above their
article, after it, or gathered at the end of the page, in the same stream
as the body text.  But body text has a shape that headlines do not have:

* body lines fill the column, and a line that does not finish a sentence
  goes on in the next line, so it stops only because the next character or
  word would not have fitted (or a line-start rule pushed it over);
* body text finishes its sentences: a few lines that never end one, and
  that nothing continues, are not a paragraph;
* headlines are set in bigger type across columns, so a line much wider
  than the column around it is a headline.

So a line that does not end a sentence is body text only if the line after
it continues it; otherwise it is a headline line.  It is not continued
when the next line opens with a dateline, when the next line's start
would have fitted after it, or when it and the next line are both short
like paragraphs' first lines.  Column widths are measured from the page
itself (see ``layout``).  A line that such a test
marks and that touches a photo caption (no blank line between) is the
caption's first or last line instead: captions run wider than columns too.
This pass runs before ``join_lines`` so that headlines are never glued to
paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import ends_sentence, join_words, starts_with_closer
from ..layout import PageLayout, is_latin, measure
from ..model import CAPTION, HEADLINE, JUMP, LINE, Block, Page, PageEditor
from ..options import option
from .base import Pass
from .classify_lines import DATELINE

# A ragged Latin line must also exceed its column by this share of the column to count as
# wider: ragged lines reach past their neighbours by a word or two, justified ones never do.
WIDER_SHARE = 0.15


@dataclass
class Options:
    wider: float = option(1.5, "a line wider than the column around it by more than this (em) is set in headline type")
    max_lines: int = option(
        3,
        "lines that never finish a sentence, in pieces of at most this many lines between blank lines, "
        "are headlines, not body text",
    )


class FindHeadlines(Pass):
    name = "find_headlines"
    summary = "mark headline lines: lines that are wider than their column or that nothing continues"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        lines = page.page.blocks_of(LINE)
        if not lines:
            return
        heads = self._wide_lines(page.page, lines, options)
        layout = self._lines_nothing_continues(page.page, lines, heads)
        self._mark(page, heads)
        self._caption_lines(page)
        lines = page.page.blocks_of(LINE)
        if layout is not None:
            tails: dict[int, str] = {}
            self._unfinished_runs(page, lines, layout, tails, _neighbours(page.page.blocks), options.max_lines)
            self._mark(page, tails)

    @staticmethod
    def _mark(page: PageEditor, heads: dict[int, str]) -> None:
        for line in [b for b in page.page.blocks if id(b) in heads]:
            page.mark(line, HEADLINE, heads[id(line)])

    @staticmethod
    def _wide_lines(page: Page, lines: list[Block], options: Options) -> dict[int, str]:
        """Lines set wider than their column: headline type across columns."""
        first_look = measure(page, lines, reach=True)
        widest_beside = _widest_of_run_beside(lines, first_look)
        wide = {}
        for b in lines:
            shape = first_look.of(b)
            margin = max(options.wider, WIDER_SHARE * shape.column if is_latin(b.text) else 0)
            # Wider than its column, and wider than the lines it is set with, the first of which
            # may be short by its indent (a short article beside a narrow column is no headline).
            beside = widest_beside.get(id(b), 0.0) + first_look.indent
            if shape.width - max(shape.column, beside) > margin:
                wide[id(b)] = "it is wider than its column"
        return wide

    def _lines_nothing_continues(self, page: Page, lines: list[Block], heads: dict[int, str]) -> PageLayout | None:
        """Lines that end no sentence and that the line after them does not continue.

        Returns the layout it measured those lines with (None when all lines were wide).
        """
        body = [b for b in lines if id(b) not in heads]
        if not body:
            return None
        layout = measure(page, body)
        preceder, follower = _neighbours(page.blocks)
        for line in body:
            before = preceder.get(id(line))
            after = follower.get(id(line))
            if ends_sentence(line.text) or line.meta.get(DATELINE):
                continue
            if after is not None and after.kind == LINE and after.meta.get(DATELINE):
                # A dateline starts an article: what stands right above it unfinished is no body text.
                heads[id(line)] = f"it does not finish a sentence, and line {after.first} opens with a dateline"
                continue
            if self._goes_on(line, before, heads):
                continue
            starts = before is None or before.kind != LINE or id(before) in heads or ends_sentence(before.text)
            if after is None or after.kind != LINE:
                if _not_full(layout, line, starts):
                    heads[id(line)] = "it does not finish a sentence, nothing continues it, and it is not full"
            elif starts_with_closer(after.text):
                continue
            elif layout.ended_early(line, after, starts):
                heads[id(line)] = (
                    f"it does not finish a sentence, yet line {after.first} would have fitted "
                    "after it: the text does not go on"
                )
            elif (
                starts
                and id(after) in layout.shape
                and layout.indented(line, after)
                and layout.indented(after, follower.get(id(after)), clearly=True)
            ):
                heads[id(line)] = (
                    f"it is short like a paragraph's first line, yet line {after.first} is short like "
                    "another first line instead of going on with it"
                )
        return layout

    @staticmethod
    def _goes_on(line: Block, before: Block | None, heads: dict[int, str]) -> bool:
        """Does this line go on with an unfinished sentence of the body line right above it?

        A headline comes after finished text, another headline line, or a
        blank line; never straight after half a sentence.
        """
        return (
            before is not None
            and before.kind == LINE
            and id(before) not in heads
            and not ends_sentence(before.text)
            and before.last + 1 == line.first
        )

    def _unfinished_runs(self, page, lines, layout: PageLayout, heads, neighbours, max_lines) -> None:
        """A few lines at the end of a run of text that never finish their sentence are a headline.

        Body text finishes its sentences before a headline, a byline or the
        end of the page.  A short unfinished tail is a headline when a blank
        line sets it off from the finished text above, or when it does not
        fill the column; text cut off before a jump line or a caption goes on
        elsewhere and stays.

        ``layout`` is the one these lines were measured with, together with
        the few lines found to be headlines since: a few lines more or less
        hardly move a column's width or the page's measuring error, and
        measuring the page again would cost as much as the first time.
        """
        preceder, follower = neighbours
        tail: list[Block] = []
        for line in lines:
            if id(line) in heads:
                tail = []
                continue
            tail = [] if tail and ends_sentence(tail[-1].text) else tail
            tail.append(line)
            after = follower.get(id(line))
            if after is not None and after.kind == LINE and id(after) not in heads:
                continue
            if (
                self._short_pieces(page, tail, max_lines)
                and not ends_sentence(tail[-1].text)
                and not any(b.meta.get(DATELINE) for b in tail)
                and (after is None or after.kind not in (JUMP, CAPTION))
                and self._set_off(page, tail, preceder.get(id(tail[0])), layout)
            ):
                for b in tail:
                    heads[id(b)] = f"lines {tail[0].first}-{tail[-1].last} never finish a sentence"
            tail = []

    @staticmethod
    def _short_pieces(page: PageEditor, tail: list[Block], max_lines: int) -> bool:
        """Is every piece of the tail, between blank lines, at most ``max_lines`` long?

        A cluster of headlines is many short pieces; text cut off at the end
        of a column is one long one.
        """
        piece = 1
        for a, b in zip(tail, tail[1:]):
            piece = 1 if page.page.blank_lines_between(a, b) else piece + 1
            if piece > max_lines:
                return False
        return len(tail) <= max_lines or piece < len(tail)

    @staticmethod
    def _set_off(page: PageEditor, tail: list[Block], before: Block | None, layout) -> bool:
        """Is the tail set off from the text above (a blank line or another block), or not full?"""
        if before is None or before.kind != LINE or page.page.blank_lines_between(before, tail[0]):
            return True
        return any(_not_full(layout, b, starts=False) for b in tail)

    def _caption_lines(self, page: PageEditor) -> None:
        """A headline-like line touching a caption, with no blank line between, is part of it."""
        blocks = page.page.blocks
        i = 0
        while i < len(blocks) - 1:
            a, b = blocks[i], blocks[i + 1]
            touching = b.first == a.last + 1
            if touching and CAPTION in (a.kind, b.kind) and {a.kind, b.kind} <= {HEADLINE, CAPTION}:
                page.join(
                    [a, b],
                    CAPTION,
                    join_words([a.text.strip(), b.text.strip()]),
                    "a caption set over more than one line",
                )
                continue
            i += 1


def _widest_of_run_beside(lines: list[Block], layout: PageLayout) -> dict[int, float]:
    """For each line, the width of the widest other line of its run (lines right below one another:
    a blank line, or any other block, between two lines ends a run)."""
    runs, current = [], []
    for block in lines:
        if current and block.first != current[-1].last + 1:
            runs.append(current)
            current = []
        current.append(block)
    if current:
        runs.append(current)
    widest = {}
    for run in runs:
        widths = sorted((layout.of(b).width, id(b)) for b in run)
        for _, key in widths:
            others = [w for w, k in widths[-2:] if k != key]
            if others:
                widest[key] = others[-1]
    return widest


def _not_full(layout: PageLayout, line: Block, starts: bool) -> bool:
    """Does the line stop short of its column by an em, more than the page's measuring error?"""
    return layout.room_left(line, starts) >= 1 + layout.noise


def _neighbours(blocks: list[Block]) -> tuple[dict[int, Block], dict[int, Block]]:
    """The block before and the block after each block of the page, by id (absent at the ends)."""
    return ({id(b): a for a, b in zip(blocks, blocks[1:])}, {id(a): b for a, b in zip(blocks, blocks[1:])})


PASS = FindHeadlines
