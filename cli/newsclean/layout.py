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
from dataclasses import dataclass

from .chars import CJK_PUNCT, OPENERS, em_width, ends_sentence

# Punctuation widths tried when estimating how tightly a page sets punctuation.
PUNCT_WIDTHS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# Neighbouring lines looked at, on each side, to estimate a line's column width.
COLUMN_RADIUS = 8
# Lines whose widths differ by no more than this (em) are taken as set to the same measure.
SAME_WIDTH = 0.75

_LATIN_WORD = re.compile(r"[^\s\u3000-\u9fff\uff00-\uffef]+")


@dataclass
class Shape:
    """What the page's geometry says about one line."""

    width: float  # printed width of the text, em, without leading white space
    indent: float  # leading white space, em (OCR and some extractors keep the indent)
    column: float  # estimated width of the column the line was set in, em

    @property
    def room(self) -> float:
        """Space left at the end of the line, em."""
        return self.column - self.width - self.indent


def leading_space_em(text: str) -> float:
    body = text.lstrip(" \u3000")
    lead = text[: len(text) - len(body)]
    return lead.count("\u3000") + 0.5 * lead.count(" ")


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

    Lines inside a paragraph are full, so their widths agree when the
    punctuation width is right: choose the width that makes neighbouring
    inner lines (not the last of a run, not ending a sentence) most alike.
    Pages without punctuation-heavy CJK lines keep the common 0.5 em.
    """
    pairs = []
    for run in runs:
        inner = [line.strip() for line in run[:-1] if not ends_sentence(line)]
        pairs += [(a, b) for a, b in zip(inner, inner[1:]) if any(ch in CJK_PUNCT for ch in a + b)]
    if len(pairs) < 4:
        return PUNCT_WIDTHS[0]

    def spread(p: float) -> float:
        diffs = sorted(abs(em_width(a, p) - em_width(b, p)) for a, b in pairs)
        return sum(diffs[: max(1, int(len(diffs) * 0.8))])  # ignore the worst fifth: column changes

    return min(PUNCT_WIDTHS, key=spread)


def column_widths(widths: list[float], runs: list[int]) -> list[float]:
    """Estimated column width around each line: the most common width nearby.

    ``runs`` gives, for each line, the number of the run of consecutive
    non-blank lines it belongs to; lines of the same run count double,
    because a blank line often separates two articles set to other widths.
    The mode is taken rather than a mean or a quantile because first lines,
    last lines and stray headlines are minorities whose widths scatter.
    """
    n = len(widths)
    out = []
    for i in range(n):
        lo, hi = max(0, i - COLUMN_RADIUS), min(n, i + COLUMN_RADIUS + 1)
        near = sorted(
            (widths[j], (COLUMN_RADIUS + 1 - abs(i - j)) * (2 if runs[j] == runs[i] else 1)) for j in range(lo, hi)
        )
        out.append(_weighted_mode(near))
    return out


def _weighted_mode(items: list[tuple[float, int]]) -> float:
    """The width with the most weight within SAME_WIDTH of it (ties: the wider),
    then the weighted median of the widths around it."""
    best_score, best_lo, best_hi = -1, 0, 0
    lo = hi = score = 0
    for c, _ in items:
        while hi < len(items) and items[hi][0] <= c + SAME_WIDTH:
            score += items[hi][1]
            hi += 1
        while items[lo][0] < c - SAME_WIDTH:
            score -= items[lo][1]
            lo += 1
        if score >= best_score:
            best_score, best_lo, best_hi = score, lo, hi
    cluster = items[best_lo:best_hi]
    half, acc = sum(w for _, w in cluster) / 2, 0
    for width, weight in cluster:
        acc += weight
        if acc >= half:
            return width
    return cluster[-1][0]


def shapes(texts: list[str], runs: list[int], punct_width: float) -> list[Shape]:
    """The Shape of each line of a sequence of body lines."""
    widths = [em_width(t.strip(), punct_width) for t in texts]
    columns = column_widths(widths, runs)
    return [Shape(w, leading_space_em(t), c) for t, w, c in zip(texts, widths, columns)]
