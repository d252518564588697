"""assemble_articles: give each article its headline, bylines, captions and jump lines.

Headlines sit above their article, after it, or gathered at the end of the
page in another order, so position alone cannot say whose they are; the
words can.  Each headline unit (lines with no blank line between: one
title, or a kicker and a title) goes to the article whose text shares the
most of its rarer words, with a small bonus for sitting right above or
right after that article.  The best pairs are taken first; an article
takes a second unit only when it sits right next to its first (a subtitle
after a blank line).  A unit that fits no article well stays in the
residue, with the reason in ``--explain``; an article whose headline fits
it only weakly, or fits another article nearly as well, is flagged
``headline_uncertain`` in its front matter for a person to check.

Roles follow what the page shows and the conventions of newspapers: a
unit that follows a blank line within one headline group is the subtitle;
a unit of one line is the title; in a Chinese unit of several lines the
first line is the kicker (引题) and the rest the title (主题), the way
Chinese papers stack them; the lines of a Latin-script unit are one title
broken over lines.

Bylines go to the article whose dateline paragraph follows them, else to
the article they close, else to the one they precede; a byline split off a
headline line goes with that headline.  A caption goes to the article
around it; a jump line to the article it interrupts (the text before it
is unfinished) or else to the one it introduces.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import ends_sentence, has_han
from ..model import BYLINE, CAPTION, HEADLINE, JUMP, PARAGRAPH, Article, Block, PageEditor
from ..options import option
from ..similarity import Corpus
from .base import Pass
from .split_articles import headline_units

ROLE = "role"
# The article flag for a headline whose article newsclean is not sure of.
UNCERTAIN = "headline_uncertain"


@dataclass
class Options:
    min_affinity: float = option(
        0.3,
        "share of a headline's weighted words its article must contain; a headline that fits no "
        "article this well goes to the residue",
    )
    position_bonus: float = option(0.15, "added to a headline's fit with the article right below or right above it")
    confident: float = option(
        0.5, "a headline that fits its article less than this is flagged 'headline_uncertain' in the front matter"
    )
    margin: float = option(
        0.15, "a headline that fits another article within this of its own is flagged 'headline_uncertain' too"
    )


class AssembleArticles(Pass):
    name = "assemble_articles"
    summary = "attach headlines (by shared words), bylines, captions and jump lines to their articles"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        articles = page.page.articles
        if not articles:
            return
        _Assembler(page, options).run()


class _Assembler:
    def __init__(self, page: PageEditor, options: Options):
        self.page = page
        self.options = options
        self.blocks = page.page.blocks
        self.order = {id(b): i for i, b in enumerate(self.blocks)}
        self.article_of = {id(p): a for a in page.page.articles for p in a.body}
        self.headline_on_line = {b.first: b for b in self.blocks if b.kind == HEADLINE}

    def run(self) -> None:
        self.attach_headlines()
        for block in self.blocks:
            if block.kind == BYLINE:
                self.attach_byline(block)
            elif block.kind == CAPTION:
                self.attach_around(block, "captions")
            elif block.kind == JUMP:
                self.attach_jump(block)

    # -- neighbours -------------------------------------------------------------
    def paragraph_before(self, block: Block) -> Block | None:
        for b in reversed(self.blocks[: self.order[id(block)]]):
            if b.kind == PARAGRAPH:
                return b
        return None

    def paragraph_after(self, block: Block) -> Block | None:
        for b in self.blocks[self.order[id(block)] + 1 :]:
            if b.kind == PARAGRAPH:
                return b
        return None

    def article_starting_at(self, paragraph: Block | None) -> Article | None:
        article = self.article_of.get(id(paragraph)) if paragraph else None
        return article if article and article.body[0] is paragraph else None

    def article_ending_at(self, paragraph: Block | None) -> Article | None:
        article = self.article_of.get(id(paragraph)) if paragraph else None
        return article if article and article.body[-1] is paragraph else None

    # -- headlines --------------------------------------------------------------
    def attach_headlines(self) -> None:
        articles = self.page.page.articles
        units = headline_units(self.blocks)
        if not units:
            return
        corpus = Corpus.of(["".join(b.text for b in a.body) for a in articles], [a.body[0].first for a in articles])
        pairs = []
        top_two: dict[int, list[tuple[float, int]]] = {}  # unit -> its two best (score, article)
        for u, unit in enumerate(units):
            text = "".join(b.text for b in unit)
            below = self.article_starting_at(self.paragraph_after(unit[-1]))
            above = self.article_ending_at(self.paragraph_before(unit[0]))
            for k in corpus.near(unit[0].first):
                article = articles[k]
                score = corpus.affinity(text, k)
                if article is below or article is above:
                    score += self.options.position_bonus
                pairs.append((score, u, k))
                top_two[u] = sorted(top_two.get(u, []) + [(score, k)], reverse=True)[:2]
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        taken: dict[int, list[int]] = {}  # article index -> unit indexes
        placed: set[int] = set()
        for score, u, k in pairs:
            if u in placed or score < self.options.min_affinity:
                continue
            if k in taken and not any(self._adjacent(units[u], units[v]) for v in taken[k]):
                continue
            taken.setdefault(k, []).append(u)
            placed.add(u)
            why = f"it shares {score:.0%} of its weighted words with the article (position bonus included)"
            for block in units[u]:
                self.page.attach(articles[k], "headline", block, why)
            rival = next((p for p, j in top_two[u] if j != k), 0.0)  # the best fit with another article
            if score < self.options.confident or score - rival < self.options.margin:
                self.page.set_flag(
                    articles[k],
                    UNCERTAIN,
                    True,
                    f"the headline at line {units[u][0].lines} fits this article by {score:.0%}, "
                    f"another by {rival:.0%}: check it",
                )
        for unit_ids in taken.values():
            self._set_roles(sorted((units[u] for u in unit_ids), key=lambda unit: self.order[id(unit[0])]))
        for u, unit in enumerate(units):
            if u not in placed:
                self.page.note(
                    unit[0].first, unit[-1].last, "headline fits no article well enough; it stays in the residue"
                )

    def _adjacent(self, a: list[Block], b: list[Block]) -> bool:
        """Are two units next to each other, with nothing but blank lines between?"""
        first, second = sorted((a, b), key=lambda unit: self.order[id(unit[0])])
        return self.order[id(second[0])] == self.order[id(first[-1])] + 1

    def _set_roles(self, units: list[list[Block]]) -> None:
        # Units of one article that touch (no blank line between) are stacked lines of one headline.
        stacked = [list(units[0])]
        for unit in units[1:]:
            if unit[0].first == stacked[-1][-1].last + 1:
                stacked[-1] += unit
            else:
                stacked.append(list(unit))
        units = stacked
        first = units[0]
        if len(first) == 1 or not has_han("".join(b.text for b in first)):
            for block in first:
                self.page.mark(block, HEADLINE, "the headline's main lines: the title", **{ROLE: "title"})
        else:
            self.page.mark(first[0], HEADLINE, "the top line of a Chinese headline: the kicker", **{ROLE: "kicker"})
            for block in first[1:]:
                self.page.mark(block, HEADLINE, "under the kicker: the title", **{ROLE: "title"})
        for unit in units[1:]:
            for block in unit:
                self.page.mark(
                    block, HEADLINE, "after a blank line in the headline group: the subtitle", **{ROLE: "subtitle"}
                )

    # -- bylines, captions, jump lines --------------------------------------------
    def attach_byline(self, byline: Block) -> None:
        """Give a byline to its article, by what it touches and what follows it."""
        fused = self.headline_on_line.get(byline.first)
        index = self.order[id(byline)]
        nxt = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        prev = self.blocks[index - 1] if index else None
        starting = self.article_starting_at(nxt) if nxt is not None and nxt.kind == PARAGRAPH else None
        ending = self.article_ending_at(prev) if prev is not None and prev.kind == PARAGRAPH else None
        touches_next = nxt is not None and nxt.first == byline.last + 1
        touches_prev = prev is not None and byline.first == prev.last + 1
        choices = (
            (self._owner_of(fused) if fused else None, "split off the same line as the article's headline"),
            (starting if starting and starting.dateline else None, "it stands right before the article's dateline"),
            (self._owner_of_block(nxt) if touches_next else None, "it touches the article below it"),
            (self._owner_of_block(prev) if touches_prev else None, "it touches the article above it"),
            (
                self._owner_of(nxt) if nxt is not None and nxt.kind == HEADLINE else None,
                "it stands right above the article's headline",
            ),
            (ending, "it follows the article's last paragraph"),
            (self.article_starting_at(self.paragraph_after(byline)), "it stands before the article's first paragraph"),
        )
        for article, why in choices:
            if article is not None:
                self.page.attach(article, "bylines", byline, why)
                return

    def _owner_of_block(self, block: Block | None) -> Article | None:
        """The article a block belongs to: a paragraph of its body, or a line of its headline."""
        if block is None:
            return None
        return self.article_of.get(id(block)) or self._owner_of(block)

    def _owner_of(self, block: Block) -> Article | None:
        return next((a for a in self.page.page.articles if block in a.headline), None)

    def attach_around(self, block: Block, role: str) -> None:
        before = self.article_of.get(id(self.paragraph_before(block)))
        after = self.article_of.get(id(self.paragraph_after(block)))
        if before is not None and before is after:
            self.page.attach(before, role, block, "it stands between two paragraphs of the article")
        elif after is not None and self.article_starting_at(self.paragraph_after(block)) is after:
            self.page.attach(after, role, block, "it stands above the article's first paragraph")
        elif before is not None:
            self.page.attach(before, role, block, "it follows the article")

    def attach_jump(self, jump: Block) -> None:
        previous = self.paragraph_before(jump)
        before = self.article_of.get(id(previous))
        after = self.article_starting_at(self.paragraph_after(jump))
        if before is not None and (not ends_sentence(previous.text) or after is None):
            self.page.attach(before, "jumps", jump, "the text before it breaks off: it continues elsewhere")
        elif after is not None:
            self.page.attach(after, "jumps", jump, "the article after it continues from elsewhere")
            self.page.set_flag(after, "continued", True, f"the jump line at line {jump.first} says it begins elsewhere")


PASS = AssembleArticles
