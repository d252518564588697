"""Measure a page's columns from its own lines.

Page dumps break text at the column width, and the width differs from
article to article and from column to column, so no constant can say
whether a line is "full".  This module measures each line in em (the unit
columns are set in), estimates how wide the page sets its punctuation, and
estimates the column width around each line from its neighbours.  The
passes then ask questions relative to those measurements: would the next
word have fitted on this line?  Is this line two characters short, as a
paragraph's first line is when the extractor dropped its indent?
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .chars import CJK_PUNCT, OPENERS, em_width, ends_sentence, has_han
from .model import Block, Page

# Punctuation widths tried when estimating how tightly a page sets punctuation.
PUNCT_WIDTHS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
REACH_QUANTILE = 0.8
# Neighbouring lines looked at, on each side, to estimate a line's column width.
COLUMN_RADIUS = 8
# Lines whose widths differ by no more than this (em) are taken as set to the same measure.
SAME_WIDTH = 0.75
# How much of an em measurements may be off (punctuation compression varies from line to line).
SLACK = 0.5
# Columns are measured from whole lines, a third of which end with a hanging mark (about half an
# em); a line measured without its hanging mark is compared with the column less this bias.
MEASURE_BIAS = 0.25
# Marks that pause or end a sentence: the ones a typesetter lets hang at a line's end.
PAUSES = "，。、；：？！,.;:?!"
# The measuring error assumed at least, and at most (em).
MIN_NOISE, MAX_NOISE = 0.5, 1.5
# The indent Chinese newspapers set (2 em), assumed where a page gives too little evidence.
DEFAULT_INDENT = 2.0
MAX_INDENT = 4.0

_LATIN_WORD = re.compile(r"[^\s\u3000-\u9fff\uff00-\uffef]+")


@dataclass
class Shape:
    """What the page's geometry says about one line."""

    width: float  # printed width of the text, em, without leading white space
    indent: float  # leading white space, em (OCR and some extractors keep the indent)
    column: float  # estimated width of the column the line was set in, em
    measure: float  # width against the column's measure: closing punctuation at the end left out

    @property
    def room(self) -> float:
        """Space left at the end of the line, em."""
        return self.column - self.width - self.indent


def leading_space_em(text: str) -> float:
    """The indent a line keeps as white space, in em; a single stray space is noise, not an indent."""
    body = text.lstrip(" \u3000")
    lead = text[: len(text) - len(body)]
    width = lead.count("\u3000") + 0.5 * lead.count(" ")
    return width if width >= 1 else 0.0


def first_unit(text: str, punct_width: float) -> float:
    """Width of what a typesetter could not split off the start of a line (em).

    A Han character alone; an opening quote with the character after it; a
    Latin word or number whole, with the space before it.
    """
    text = text.lstrip(" \u3000")
    if not text:
        return 0.0
    word = _LATIN_WORD.match(text)
    if word:
        return em_width(word.group(0), punct_width) + 0.5
    end = 1
    while end < len(text) and text[end - 1] in OPENERS:
        end += 1
    return em_width(text[:end], punct_width)


def estimate_punct_width(runs: list[list[str]]) -> float:
    """How wide this page sets CJK punctuation, in em.

    Lines inside a paragraph (not its first line, not its last) are full, so
    their widths agree when the punctuation width is right: choose the width
    that makes neighbouring inner lines most alike.  Each difference counts
    at most 2 em, so that a change of column does not decide.  Pages
    without enough punctuation-heavy CJK lines keep the common 0.5 em.
    """
    pairs = []
    for run in runs:
        inner = [
            run[i].strip()
            for i in range(1, len(run) - 1)
            if not ends_sentence(run[i - 1]) and not ends_sentence(run[i])
        ]
        pairs += [(a, b) for a, b in zip(inner, inner[1:]) if any(ch in CJK_PUNCT for ch in a + b)]
    if len(pairs) < 4:
        return PUNCT_WIDTHS[0]
    return _most_alike(tuple(pairs))


@lru_cache(maxsize=4)
def _most_alike(pairs: tuple[tuple[str, str], ...]) -> float:
    """The punctuation width that makes the lines of each pair most alike.

    Passes measure a page again with a few headline lines left out, which
    leaves the inner lines of paragraphs, and so the answer, as they were.
    """

    def spread(p: float) -> float:
        return sum(min(abs(em_width(a, p) - em_width(b, p)), 2.0) for a, b in pairs)

    return min(PUNCT_WIDTHS, key=spread)


def column_widths(
    widths: list[float], runs: list[int], ragged: list[bool] | None = None, reach: bool = False
) -> list[float]:
    """Estimated column width around each line: the most common width nearby.

    ``runs`` gives, for each line, the number of the run of consecutive
    non-blank lines it belongs to.  Nearer lines count more; lines of the
    same run count more, because a blank line often separates two articles
    set to other widths; lines of runs shorter than three count less,
    because such runs are often headlines or fragments.  The mode is taken
    rather than a mean or a quantile because first lines, last lines and
    stray headlines are minorities whose widths scatter.
    """
    n = len(widths)
    run_length = Counter(runs)
    closeness = [COLUMN_RADIUS + 1 - max(d, 1) for d in range(COLUMN_RADIUS + 1)]
    solid = [1.0 if run_length[run] >= 3 else 0.5 for run in runs]
    longest: dict[int, list[tuple[float, int]]] = {}  # the three longest lines of each run
    for j, run in enumerate(runs):
        longest[run] = sorted(longest.get(run, []) + [(widths[j], j)], reverse=True)[:3]
    out = []
    for i in range(n):
        lo, hi = max(0, i - COLUMN_RADIUS), min(n, i + COLUMN_RADIUS + 1)
        if ragged and ragged[i]:
            if run_length[runs[i]] > 5:
                pool = run_length[runs[i]] - 1
                others = [w for w, j in longest[runs[i]] if j != i]
            else:
                pool = hi - lo - 1
                others = sorted((widths[j] for j in range(lo, hi) if j != i), reverse=True) or [widths[i]]
            out.append(others[1] if pool > 2 else others[0])
            continue
        run = runs[i]
        near = sorted(
            [(widths[j], closeness[abs(i - j)] * (1.5 if runs[j] == run else 1.0) * solid[j]) for j in range(lo, hi)]
        )
        if reach:
            out.append(_weighted_quantile(near, REACH_QUANTILE))
            continue
        column = _weighted_mode(near)
        # Where paragraphs are short, first lines (short by the indent) can be as common as full
        # lines: then the full lines of the same run nearby set the column.  They are wider by an
        # indent: at least half the usual one, at most the widest one less the measuring slack.
        run_widths = [widths[j] for j in range(lo, hi) if runs[j] == runs[i]]
        least, most = column + DEFAULT_INDENT / 2, column + (MAX_INDENT - SLACK)
        full = [w for w in run_widths if least <= w <= most]
        if len(full) * 2 >= sum(1 for w in run_widths if abs(w - column) <= SAME_WIDTH) > 0:
            column = _weighted_mode(sorted((w, 1.0) for w in full))
        out.append(column)
    return out


def _weighted_quantile(items: list[tuple[float, float]], q: float) -> float:
    """The width below which ``q`` of the (sorted, weighted) widths lie."""
    target, acc = sum(w for _, w in items) * q, 0.0
    for width, weight in items:
        acc += weight
        if acc >= target:
            return width
    return items[-1][0]


def _weighted_mode(items: list[tuple[float, float]]) -> float:
    """The width with the most weight within SAME_WIDTH of it (ties: the wider), then the
    weighted upper quartile of the widths around it: full lines end anywhere in the last em
    of the column, so the column is nearer their top than their middle."""
    widths: list[float] = []
    weights: list[float] = []
    for width, weight in items:  # sorted; lines of one width count together
        if widths and widths[-1] == width:
            weights[-1] += weight
        else:
            widths.append(width)
            weights.append(weight)
    n = len(widths)
    best_score, best_lo, best_hi = -1.0, 0, 0
    lo = hi = 0
    score = 0.0
    for c in widths:
        while hi < n and widths[hi] <= c + SAME_WIDTH:
            score += weights[hi]
            hi += 1
        while widths[lo] < c - SAME_WIDTH:
            score -= weights[lo]
            lo += 1
        if score >= best_score:
            best_score, best_lo, best_hi = score, lo, hi
    target, acc = sum(weights[best_lo:best_hi]) * 0.75, 0.0
    for k in range(best_lo, best_hi):
        acc += weights[k]
        if acc >= target:
            return widths[k]
    return widths[best_hi - 1]


@lru_cache(maxsize=16384)
def is_latin(text: str) -> bool:
    """Is the line Latin text (set ragged-right), rather than Chinese (justified)?"""
    letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return letters > 0 and not has_han(text)


def set_width(text: str, punct_width: float) -> float:
    """The width a line takes against its measure: closing punctuation at its end does not count.

    Typesetters let a comma or a full stop that may not start the next line
    hang past the measure or squeeze in (kinsoku), so a line ending in one
    holds as much text as a line without it.
    """
    return em_width(text.strip().rstrip(PAUSES), punct_width)


def shapes(texts: list[str], runs: list[int], punct_width: float, reach: bool = False) -> list[Shape]:
    """The Shape of each line of a sequence of body lines."""
    widths = [em_width(t.strip(), punct_width) for t in texts]
    columns = column_widths(widths, runs, [is_latin(t) for t in texts], reach)
    return [Shape(w, leading_space_em(t), c, set_width(t, punct_width)) for t, w, c in zip(texts, widths, columns)]


@dataclass
class PageLayout:
    """The measurements of a page's lines, and the questions passes ask of them."""

    page: Page
    punct_width: float
    indent: float  # the paragraph indent the page drops (em); 0 where paragraphs are not indented
    noise: float  # how far full lines stray from their column's width (em): the page's measuring error
    shape: dict[int, Shape]

    @property
    def doubt(self) -> float:
        """How much wider than on a tidy page the band of widths is that decides nothing (em)."""
        return self.noise - MIN_NOISE

    def of(self, block: Block) -> Shape:
        return self.shape[id(block)]

    def unit(self, block: Block) -> float:
        return first_unit(block.text, self.punct_width)

    def room_left(self, block: Block, starts: bool) -> float:
        """Space left at the end of the line that its text could have filled, em.

        A paragraph's first line (``starts``) is short by the page's indent
        where the extractor dropped it; where the line kept it as white
        space, the room already leaves it out.
        """
        shape = self.of(block)
        return shape.room - (self.indent if starts and not shape.indent else 0.0)

    def ended_early(self, a: Block, b: Block, a_starts: bool) -> bool:
        """Would the start of ``b`` have fitted at the end of ``a``?  Then ``a`` ended on purpose."""
        # Ragged Latin lines break exactly where the next word does not fit; only justified
        # lines carry the page's measuring error.
        error = 0.0 if is_latin(a.text) else self.noise
        return self.room_left(a, a_starts) >= self.unit(b) + error

    def indented(self, b: Block, after: Block | None, clearly: bool = False) -> bool:
        """Does ``b`` look like the first line of a paragraph that goes on?

        ``clearly`` asks for a line short by the whole indent, not by more than
        half of it: for decisions that one stray short line must not make.
        """
        shape = self.of(b)
        if shape.indent:
            return True
        if after is None or ends_sentence(b.text) or not self.indent:
            return False
        needed = self.indent if clearly else self.indent / 2
        return shape.column - shape.measure >= needed + MEASURE_BIAS + self.doubt

    def starts_mid_text(self, first: Block) -> bool:
        """Is this first line of a paragraph a full line, on a page that indents its paragraphs?

        Then the paragraph did not start here: its beginning is elsewhere.
        """
        shape = self.of(first)
        if not self.indent or shape.indent or not has_han(first.text):
            return False  # ragged Latin lines fall short by up to a word: no evidence either way
        return shape.column - shape.measure < self.indent / 2 + MEASURE_BIAS - self.doubt


def measure(page: Page, lines: list[Block], reach: bool = False) -> PageLayout:
    """Measure ``lines`` (body lines of the page, in order).

    Passes that look at the same lines get the same measurements, measured once.
    """
    key = (reach, tuple((id(b), b.text) for b in lines))
    if page.measured and page.measured[0] == key:
        return page.measured[1]
    layout = _measure(page, lines, reach)
    page.measured = (key, layout)
    return layout


def _measure(page: Page, lines: list[Block], reach: bool) -> PageLayout:
    runs: list[list[str]] = []
    run_of: list[int] = []
    previous = None
    for block in lines:
        if previous is None or page.blank_lines_between(previous, block):
            runs.append([])
        runs[-1].append(block.text)
        run_of.append(len(runs) - 1)
        previous = block
    punct_width = estimate_punct_width(runs)
    measured = shapes([b.text for b in lines], run_of, punct_width, reach)
    shape = {id(b): s for b, s in zip(lines, measured)}
    indent = _estimate_indent(page, lines, shape, punct_width)
    return PageLayout(page, punct_width, indent, _estimate_noise(lines, shape), shape)


def _estimate_noise(lines: list[Block], shape: dict[int, Shape]) -> float:
    """How far this page's full lines stray from their column's width, in em.

    Justified setting stretches spaces and squeezes punctuation line by
    line, so counting characters measures a line only to within about an
    em on real pages (half an em on tidy ones).  The inner lines of
    paragraphs are full, so their spread around the column width is the
    error of every other measurement on the page.
    """
    deviations = sorted(
        abs(shape[id(line)].column - shape[id(line)].width)
        for before, line, after in zip(lines, lines[1:], lines[2:])
        if not (ends_sentence(before.text) or ends_sentence(line.text) or ends_sentence(after.text))
    )
    if len(deviations) < 5:
        return MIN_NOISE
    return min(max(deviations[int(len(deviations) * 0.8)], MIN_NOISE), MAX_NOISE)


def _estimate_indent(page: Page, lines: list[Block], shape: dict[int, Shape], punct_width: float) -> float:
    """The indent this page drops from paragraph first lines, in em.

    A line that follows a finished sentence which stopped early (with room
    for the line's start and a whole usual indent more), and that goes on
    in the line right below it, starts a paragraph (a headline is
    set off by blank lines, or ends where it is).  If such first lines run shorter than the page's inner lines
    by about the same amount, that amount is the dropped indent.  Justified
    Chinese columns have inner lines that are not short at all; ragged
    English lines fall short by up to a word, which is not an indent, so on
    a Latin page the typical shortfall of inner lines is taken off.  Pages
    that keep indents as spaces, or do not indent, give 0.
    """
    firsts, inner, kept = [], [], 0
    for before, line, after in zip(lines, lines[1:], lines[2:]):
        here = shape[id(line)]
        if here.indent:
            kept += ends_sentence(before.text)
            continue
        if ends_sentence(line.text):
            continue
        if not ends_sentence(before.text):
            touching = not (page.blank_lines_between(before, line) or page.blank_lines_between(line, after))
            if touching and not ends_sentence(after.text) and not shape[id(after)].indent:
                inner.append(here.column - here.width)
        elif shape[id(before)].room >= first_unit(line.text, punct_width) + SLACK + DEFAULT_INDENT and not (
            page.blank_lines_between(line, after)
        ):
            firsts.append(here.column - here.width)
    if kept >= 2 and kept >= len(firsts):
        return 0.0  # the page keeps its indents as white space: none was dropped
    latin = sum(1 for line in lines if is_latin(line.text)) * 2 > len(lines)
    if len(firsts) < 2:  # too little evidence: Chinese papers indent, ragged Latin copy need not
        return 0.0 if latin else DEFAULT_INDENT
    # Ragged lines fall short of the column anyway; justified ones only by measuring error.
    ragged = _median(inner) if inner and latin else 0.0
    indent = _median(firsts) - ragged
    if indent < SLACK + 0.25:
        return 0.0
    return round(min(indent, MAX_INDENT) * 2) / 2


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]
