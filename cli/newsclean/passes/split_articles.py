"""split_articles: cut the page's paragraphs into articles.

The page shows where most articles start:

* a paragraph that opens with a dateline (``本报讯 3月9日，``,
  ``新华社北京3月5日电``, ``WASHINGTON —``);
* a headline, byline, jump line or page furniture between two paragraphs;
* a paragraph whose first line is full on a page that indents paragraphs:
  it does not start there, so it is the rest of an article whose beginning
  is on another page.

Some starts show only as a change of column width between two paragraphs
(articles are set to different measures).  Width changes inside one article
happen too, so such a start is kept only when the headlines of the page
back it: a headline that fits the text after it best, and another that fits
the text before it best.  A headline line that names two stretches of text
(two headlines fused on one line by the extractor) is split first.

An article without a dateline, not announced by a headline or byline right
above it, or starting mid-paragraph, is flagged ``continued``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..chars import ends_sentence, has_han
from ..model import BYLINE, FURNITURE, HEADLINE, JUMP, PARAGRAPH, Block, PageEditor
from ..options import option
from ..patterns import PatternTimeout, first_match
from ..similarity import Corpus
from .base import Pass
from .classify_lines import DATELINE, DATELINE_PATTERN, dateline_of

# Blocks between two paragraphs that end an article.
ARTICLE_BREAKS = (HEADLINE, BYLINE, JUMP, FURNITURE)
# Headlines run together are separated into parts that each fit their own stretch of text
# at least this well, and this much better than the other part's stretch; a headline fused
# on one line is cut into parts of at least this many characters.
MIN_PART_AFFINITY = 0.6
SEPARATE_GAIN = 0.25
MIN_FUSED_PART = 6
FUSED_LENGTH = 1.5
# Meta key of a headline line that starts a headline of its own.
UNIT_START = "unit_start"


@dataclass
class Options:
    width_change: float = option(
        1.0, "a change of column width (em) between two paragraphs that may start a new article"
    )
    min_affinity: float = option(
        0.3, "share of a headline's words a stretch of text must contain to count as its article"
    )


@dataclass
class _Stretch:
    """Paragraphs that no visible mark divides."""

    paragraphs: list[Block]
    hard: bool  # does the page show that an article starts here?
    why: str
    dateline: str | None = None
    announced: bool = False  # a headline or byline stands right before it
    headlines: list[int] = field(default_factory=list)  # headline units that fit it best

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.paragraphs)


class SplitArticles(Pass):
    name = "split_articles"
    summary = "split the paragraphs into articles at datelines, headlines, mid-text starts and width changes"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        stretches = _stretches(page.page.blocks, options.width_change)
        if not stretches:
            return
        corpus = Corpus.of([s.text for s in stretches], [s.paragraphs[0].first for s in stretches])
        _separate_headlines(page, stretches, corpus, options.min_affinity)
        units = headline_units(page.page.blocks)
        for u, unit in enumerate(units):
            score, best = corpus.best(_text(unit), corpus.near(unit[0].first))
            if score >= options.min_affinity:
                stretches[best].headlines.append(u)
        articles: list[list[_Stretch]] = []
        for stretch in stretches:
            if not articles or stretch.hard or self._backed(articles[-1], stretch):
                articles.append([stretch])
                continue
            line = stretch.paragraphs[0].first
            page.note(
                line,
                line,
                f"column width changes at line {line}, but no headline of the page backs a new article there",
            )
            articles[-1].append(stretch)
        for group in articles:
            self._make_article(page, group)

    @staticmethod
    def _backed(before: list[_Stretch], stretch: _Stretch) -> bool:
        """Do headlines back a new article at this soft start (one fits before, another after)?"""
        return bool(stretch.headlines) and any(s.headlines for s in before)

    def _make_article(self, page: PageEditor, group: list[_Stretch]) -> None:
        first = group[0]
        body = [p for s in group for p in s.paragraphs]
        continued = first.dateline is None and (not first.announced or first.paragraphs[0].meta.get("starts_mid_text"))
        article = page.new_article(body, first.why, continued=bool(continued))
        if first.dateline:
            page.set_dateline(article, first.dateline, "the article's first paragraph opens with it")


def _stretches(blocks: list[Block], width_change: float) -> list[_Stretch]:
    stretches: list[_Stretch] = []
    between: list[Block] = []  # blocks since the last paragraph
    previous: Block | None = None
    for block in blocks:
        if block.kind != PARAGRAPH:
            between.append(block)
            continue
        start = _start(block, previous, between, width_change)
        if start is None:
            stretches[-1].paragraphs.append(block)
        else:
            hard, why, dateline = start
            announced = any(b.kind in (HEADLINE, BYLINE) for b in between)
            stretches.append(_Stretch([block], hard, why, dateline, announced))
        previous, between = block, []
    return stretches


def _start(
    block: Block, previous: Block | None, between: list[Block], width_change: float
) -> tuple[bool, str, str | None] | None:
    """Does a paragraph start a stretch?  ``(hard, why, dateline)`` if it does: ``hard`` when the
    page shows that an article starts there, not only a change of column width."""
    dateline = _dateline(block)
    breaks = [b for b in between if b.kind in ARTICLE_BREAKS]
    if previous is None:
        return True, f"line {block.first} starts the page's text", dateline
    if dateline:
        return True, f"line {block.first} opens with a dateline", dateline
    if breaks:
        return True, f"a {breaks[0].kind} (line {breaks[0].first}) stands before line {block.first}", None
    if block.meta.get("starts_mid_text") and ends_sentence(previous.text):
        why = f"line {block.first} is a full line after a finished paragraph: the text starts mid-paragraph"
        return True, why, None
    if abs(block.meta.get("column", 0) - previous.meta.get("last_column", 0)) >= width_change:
        return False, f"the column width changes at line {block.first}", None
    return None


def headline_units(blocks: list[Block]) -> list[list[Block]]:
    """Runs of headline lines with no blank line between them (one kicker + title, or one title),
    unless a line was found to start a unit of its own (``unit_start``)."""
    units: list[list[Block]] = []
    for a, b in zip([None] + blocks, blocks):
        if b.kind != HEADLINE:
            continue
        joined = a is not None and a.kind == HEADLINE and b.first == a.last + 1 and not b.meta.get(UNIT_START)
        if joined:
            units[-1].append(b)
        else:
            units.append([b])
    return units


def _text(unit: list[Block]) -> str:
    return "".join(b.text for b in unit)


def _separate_headlines(page: PageEditor, stretches: list[_Stretch], corpus: Corpus, min_affinity: float) -> None:
    """Separate headlines the extractor ran together.

    Two headlines set one under the other without a blank line, or fused on
    one line, look like one headline.  They are two when each part fits its
    own stretch of text (``corpus`` holds the stretches) clearly better than
    the other part's stretch.
    """
    if len(stretches) < 2:
        return
    units = headline_units(page.page.blocks)
    lengths = sorted(len(b.text.strip()) for unit in units for b in unit)
    typical = lengths[len(lengths) // 2] if len(lengths) >= 3 else None
    bigram_counts = None  # counted once a line is long enough to hold two headlines
    fused = []
    for unit in units:
        among = corpus.near(unit[0].first)
        if len(unit) > 1:
            for i in range(1, len(unit)):
                if _crossed(corpus, among, _text(unit[:i]), _text(unit[i:]), min_affinity):
                    page.mark(
                        unit[i],
                        HEADLINE,
                        "it fits another stretch of text than the line above: another headline",
                        **{UNIT_START: True},
                    )
            continue
        text = unit[0].text.strip()
        if typical is None or len(text) < FUSED_LENGTH * typical or not has_han(text):
            continue  # two headlines on one line make a line much longer than the page's others
        if bigram_counts is None:
            bigram_counts = _bigram_counts("".join(s.text for s in stretches))
        cuts = []
        for cut in range(MIN_FUSED_PART, len(text) - MIN_FUSED_PART + 1):
            if text[cut - 1].isspace() or text[cut].isspace():
                continue  # a space inside a headline separates two phrases of that headline
            gain = _crossed(corpus, among, text[:cut], text[cut:], min_affinity)
            if gain:
                cuts.append((_seam(text, cut, bigram_counts), gain, cut))
        if cuts:
            # Every cut here separates the two headlines; where exactly is a question of word boundaries.
            _, gain, cut = max(cuts)
            fused.append((gain, unit[0], text[:cut], text[cut:]))
    for gain, block, left, right in fused:
        page.split(
            block,
            [(HEADLINE, left), (HEADLINE, right)],
            f"two headlines on one line: each part fits its own stretch of text "
            f"(by {gain:.0%} more than any other stretch)",
        )


def _bigram_counts(text: str) -> Counter:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def _seam(text: str, cut: int, counts: Counter) -> int:
    """How much a cut looks like a boundary between two phrases, by the page's own text.

    The pairs on either side of a true boundary are words the page uses; the
    pair across it is not.  (Among cuts that separate the headlines equally
    well, this picks ``……会议|区领导……`` over ``……会议区领导|与智能……``.)
    """
    return min(counts[text[cut - 2 : cut]], counts[text[cut : cut + 2]]) - counts[text[cut - 1 : cut + 1]]


def _crossed(corpus: Corpus, among: range, left: str, right: str, min_affinity: float) -> float:
    """How much better each part fits its own best stretch than any other (0 when the parts
    fit the same stretch, or one of them fits no stretch clearly)."""
    (a, i), (b, j) = corpus.best(left, among), corpus.best(right, among)
    if i == j or min(a, b) < max(min_affinity, MIN_PART_AFFINITY):
        return 0.0
    gain = min(a - corpus.runner_up(left, i, among), b - corpus.runner_up(right, j, among))
    return gain if gain >= SEPARATE_GAIN else 0.0


def _dateline(paragraph: Block) -> str | None:
    """The dateline a paragraph opens with, found again in the whole paragraph (it may run
    on to the paragraph's second line: ``本报讯（通讯员 某某）4月1`` / ``日，……``)."""
    if not paragraph.meta.get(DATELINE):
        return None
    try:
        match = first_match([paragraph.meta[DATELINE_PATTERN]], paragraph.text.lstrip(), whole=True)
    except PatternTimeout:
        match = None  # classify_lines ran it on the line already; keep what it found there
    if not match:
        return paragraph.meta[DATELINE]
    return dateline_of(match)


PASS = SplitArticles
