"""fix_quotes: pair the quotation marks of Chinese text, and print them in one style.

Extractors and OCR turn “” and ‘’ into straight ``"`` and ``'``, which a
Chinese page never prints.  Within each paragraph (or headline, byline,
caption) of Chinese text this pass pairs the marks in order, nesting a
single quotation inside a double one (“‘’”), and writes the straight ones
curly, or as corner brackets (「『』」) for newspapers that print those.
``style: curly`` or ``corner`` also converts every printed pair to that
style, double outside and single inside by depth; ``auto`` keeps printed
marks and gives straight ones the style the page already uses.

Quotes that do not pair are not guessed at: the block is left as found and
a warning names the article and the dump lines.  A quotation that runs over
several paragraphs opens again at each of them and closes only at the last
(the Chinese convention), so an opening mark left open is fine when the
next paragraph of the article begins with one.  Text without Chinese
(English copy) keeps its straight quotes and apostrophes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..blockfix import BlockKind
from ..chars import has_han
from ..model import BYLINE, CAPTION, HEADLINE, PARAGRAPH, Block, PageEditor
from ..options import option
from .base import Pass

OPEN, CLOSE = "open", "close"
DOUBLE, SINGLE = "double", "single"
# (role, level) of each printed mark, and how each style writes a (role, level).
_PRINTED = {
    "“": (OPEN, DOUBLE),
    "”": (CLOSE, DOUBLE),
    "‘": (OPEN, SINGLE),
    "’": (CLOSE, SINGLE),
    "「": (OPEN, DOUBLE),
    "」": (CLOSE, DOUBLE),
    "『": (OPEN, SINGLE),
    "』": (CLOSE, SINGLE),
}
_STYLES = {
    "curly": {(OPEN, DOUBLE): "“", (CLOSE, DOUBLE): "”", (OPEN, SINGLE): "‘", (CLOSE, SINGLE): "’"},
    "corner": {(OPEN, DOUBLE): "「", (CLOSE, DOUBLE): "」", (OPEN, SINGLE): "『", (CLOSE, SINGLE): "』"},
}
_STRAIGHT = {'"': DOUBLE, "'": SINGLE}
_QUOTE_MARK = re.compile("[\"'“”‘’「」『』]")
_CORNER_MARKS = "「」『』"
_CURLY_MARKS = "“”‘’"
_OPENING = "“‘「『\"'"
_SPACES = " \u3000"

UNOPENED = "a closing {mark} has no opening mark"
NOT_CONTINUED = "an opening {mark} is left open, and the next paragraph does not open a quotation to go on with it"
UNBALANCED = "unbalanced quotes{where}: {problem}; left as found"


@dataclass
class Options:
    kinds: list[BlockKind] = option(
        [PARAGRAPH, HEADLINE, BYLINE, CAPTION], "kinds of block whose quotes are paired and repaired"
    )
    style: Literal["auto", "curly", "corner"] = option(
        "auto",
        "curly: “‘’”; corner: 「『』」 (Traditional-Chinese papers); both convert printed marks too. "
        "auto: printed marks stay, straight ones take the style the page uses most",
    )


class Mark(NamedTuple):
    role: str  # open or close
    level: str  # double or single, as printed (a straight mark: as paired)
    depth: int  # 1 for an outer quotation, 2 for one inside it, ...


@dataclass
class Pairing:
    """The quotation marks of one block: the role and level of each, or what does not pair."""

    marks: dict[int, Mark]  # index in the text -> its mark
    unclosed: list[int]  # indexes of opening marks left open at the end, outermost first
    problem: str = ""


class FixQuotes(Pass):
    name = "fix_quotes"
    summary = "pair quotation marks in Chinese text: straight to “‘’” or 「『』」; report unbalanced ones"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        kinds = set(options.kinds)
        style = options.style
        if style == "auto":
            style = page_style(b.text for b in page.page.blocks_of(*kinds))
        article_of = {id(b): n for n, a in enumerate(page.page.articles, 1) for b in a.body}
        for sequence in _sequences(page, kinds):
            for block, following in zip(sequence, [*sequence[1:], None]):
                if not has_han(block.text):
                    continue
                pairing = pair_quotes(block.text)
                problem = pairing.problem
                if not problem and pairing.unclosed and not _opens_quotation(following):
                    problem = NOT_CONTINUED.format(mark=block.text[pairing.unclosed[-1]])
                if problem:
                    n = article_of.get(id(block))
                    where = f" in article {n}" if n else ""
                    page.warn(block.first, block.last, UNBALANCED.format(where=where, problem=problem))
                    continue
                text = write_quotes(block.text, pairing, style, convert=options.style != "auto")
                page.edit(block, text, f"quotation marks paired and written {style}")


def _sequences(page: PageEditor, kinds: set[str]) -> Iterator[list[Block]]:
    """Runs of blocks a quotation may span: an article's body; any other block stands alone."""
    in_body = set()
    for article in page.page.articles:
        body = [b for b in article.body if b.kind in kinds]
        in_body.update(id(b) for b in body)
        if body:
            yield body
    for block in page.page.blocks:
        if block.kind in kinds and id(block) not in in_body:
            yield [block]


def _opens_quotation(block: Block | None) -> bool:
    """Does the block (the next of its run, if there is one) open with a quotation mark?"""
    return block is not None and block.text.lstrip(_SPACES)[:1] in _OPENING


def page_style(texts) -> str:
    """``corner`` when the page's Chinese text prints more corner brackets than curly quotes.

    >>> page_style(["他说：「好」。"]), page_style(["他说：“好”。", "He said “no”."])
    ('corner', 'curly')
    """
    corner = curly = 0
    for text in texts:
        if has_han(text):
            corner += sum(text.count(m) for m in _CORNER_MARKS)
            curly += sum(text.count(m) for m in _CURLY_MARKS)
    return "corner" if corner > curly else "curly"


def pair_quotes(text: str) -> Pairing:
    """Pair the quotation marks of ``text`` in order; a straight mark closes the open one of its level.

    >>> p = pair_quotes('他说："我喊\\'小心\\'了"。')
    >>> [tuple(p.marks[i]) for i in sorted(p.marks)]
    [('open', 'double', 1), ('open', 'single', 2), ('close', 'single', 2), ('close', 'double', 1)]
    >>> pair_quotes('”好“').problem
    'a closing ” has no opening mark'
    """
    marks: dict[int, Mark] = {}
    stack: list[tuple[int, str]] = []  # open marks: (index, level)
    for found in _QUOTE_MARK.finditer(text):
        i, ch = found.start(), found.group()
        if _is_apostrophe(text, i):
            continue
        if ch in _STRAIGHT:
            level = _STRAIGHT[ch]
            role = CLOSE if stack and stack[-1][1] == level else OPEN
        else:
            role, level = _PRINTED[ch]
        if role == OPEN:
            stack.append((i, level))
            marks[i] = Mark(role, level, len(stack))
        elif stack and stack[-1][1] == level:
            marks[i] = Mark(role, level, len(stack))
            stack.pop()
        else:
            return Pairing(marks, [], UNOPENED.format(mark=ch))
    return Pairing(marks, [i for i, _ in stack])


def write_quotes(text: str, pairing: Pairing, style: str, convert: bool = False) -> str:
    """Straight marks in ``style``; no space just inside a quotation.

    With ``convert``, printed marks are written in ``style`` too, and by
    depth: double outside, single inside, double again inside that, which
    also mends a double quotation printed inside a double one.

    >>> text = '他说 " 好 " ，又说「对」'
    >>> write_quotes(text, pair_quotes(text), "curly")
    '他说 “好” ，又说「对」'
    >>> text = '他說："有家長喊“小心”。"'
    >>> write_quotes(text, pair_quotes(text), "corner", convert=True)
    '他說：「有家長喊『小心』。」'
    """
    out = list(text)
    for i, mark in pairing.marks.items():
        if convert:
            out[i] = _STYLES[style][(mark.role, DOUBLE if mark.depth % 2 else SINGLE)]
        elif text[i] in _STRAIGHT:
            out[i] = _STYLES[style][(mark.role, mark.level)]
    for i, mark in pairing.marks.items():
        step = 1 if mark.role == OPEN else -1
        j = i + step
        while 0 <= j < len(text) and text[j] in _SPACES:
            out[j] = ""
            j += step
    return "".join(out)


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark inside a Latin word (``Xi'an``, ``don’t``) is no quote."""
    if text[i] not in "'’":
        return False
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    return bool(_LATIN_OR_DIGIT.match(before) and _LATIN_OR_DIGIT.match(after))


PASS = FixQuotes
