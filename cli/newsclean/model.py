"""The page model that passes read and change.

A page keeps the raw lines of the dump untouched; passes work on *blocks*
(a line, a paragraph, a headline line, a byline, ...), each of which keeps
the 1-based range of dump lines it came from, so that every explanation and
warning can point back to ``page.txt:48-50``.  Articles are groups of blocks
plus metadata.  A block belongs to the page's block list for its whole life;
articles only refer to blocks, so whatever no article refers to is residue
and nothing can fall out of the page unnoticed.

Passes never change these objects directly: they go through a
:class:`PageEditor`, which records every change in the journal.  That makes
``--explain`` complete by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .chars import is_blank_line

# What a block is.  A "line" is a dump line not yet joined into a paragraph.
LINE = "line"
PARAGRAPH = "paragraph"
HEADLINE = "headline"
BYLINE = "byline"
CAPTION = "caption"
JUMP = "jump"
FURNITURE = "furniture"
BLOCK_KINDS = (LINE, PARAGRAPH, HEADLINE, BYLINE, CAPTION, JUMP, FURNITURE)


def line_span(first: int, last: int) -> str:
    """Dump lines as a user reads them in explanations and warnings: ``48`` or ``48-50``.

    >>> line_span(48, 48), line_span(48, 50)
    ('48', '48-50')
    """
    return str(first) if first == last else f"{first}-{last}"


@dataclass(eq=False)
class Block:
    kind: str
    text: str
    first: int
    last: int
    meta: dict = field(default_factory=dict)

    @property
    def lines(self) -> str:
        return line_span(self.first, self.last)


@dataclass(eq=False)
class Article:
    body: list[Block] = field(default_factory=list)
    headline: list[Block] = field(default_factory=list)
    bylines: list[Block] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)
    jumps: list[Block] = field(default_factory=list)
    dateline: str | None = None
    flags: dict = field(default_factory=dict)

    # Roles under which an article refers to blocks, in rendering order.
    ROLES = ("headline", "bylines", "body", "captions", "jumps")

    def blocks(self) -> Iterator[Block]:
        for role in self.ROLES:
            yield from getattr(self, role)

    @property
    def first(self) -> int:
        return min(b.first for b in self.blocks())

    @property
    def last(self) -> int:
        return max(b.last for b in self.blocks())


@dataclass
class Join:
    """Blocks to join into one, for PageEditor.join_all."""

    blocks: list[Block]
    kind: str
    text: str
    why: str = ""
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One entry of the journal: what a pass did, where, and why."""

    pass_name: str
    action: str  # edit, split, join, mark, group, note, warning
    first: int
    last: int
    before: str = ""
    after: str = ""
    why: str = ""

    @property
    def lines(self) -> str:
        return line_span(self.first, self.last)


@dataclass(eq=False)
class Page:
    source: str
    raw_lines: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    journal: list[Change] = field(default_factory=list)
    # The last layout measured, with the lines it measured (see layout.measure): not page content.
    measured: tuple | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> Page:
        """One ``line`` block per non-blank dump line; blank lines stay in raw_lines.

        Every Unicode line boundary ends a line (LF, CRLF, CR, form feed, ...),
        so dumps with mixed line endings read the same as clean ones.
        """
        raw = tuple(text.splitlines())
        blocks = [Block(LINE, line, n, n) for n, line in enumerate(raw, 1) if not is_blank_line(line)]
        return cls(source, raw, blocks)

    def blocks_of(self, *kinds: str) -> list[Block]:
        """The page's blocks of these kinds, in dump order."""
        return [b for b in self.blocks if b.kind in kinds]

    def residue(self) -> list[Block]:
        """Blocks that belong to no article, in dump order."""
        used = {id(b) for a in self.articles for b in a.blocks()}
        return [b for b in self.blocks if id(b) not in used]

    def blank_lines_between(self, a: Block, b: Block) -> int:
        """How many blank dump lines separate two blocks (0 when adjacent)."""
        return sum(1 for n in range(a.last + 1, b.first) if is_blank_line(self.raw_lines[n - 1]))

    def warnings(self) -> list[Change]:
        return [c for c in self.journal if c.action == "warning"]


class PageEditor:
    """The only way a pass changes a page: every method records a Change."""

    def __init__(self, page: Page, pass_name: str):
        self.page = page
        self.pass_name = pass_name

    def _log(self, action: str, first: int, last: int, before: str = "", after: str = "", why: str = ""):
        self.page.journal.append(Change(self.pass_name, action, first, last, before, after, why))

    # -- blocks ---------------------------------------------------------------
    def edit(self, block: Block, text: str, why: str = "") -> None:
        """Replace the text of a block."""
        if text == block.text:
            return
        self._log("edit", block.first, block.last, block.text, text, why)
        block.text = text

    def mark(self, block: Block, kind: str, why: str = "", **meta) -> None:
        """Give a block another kind (a line found to be a headline, ...)."""
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        changed = {k: v for k, v in meta.items() if block.meta.get(k) != v}
        if kind != block.kind or changed:
            after = kind + "".join(f" {k}={v}" for k, v in changed.items())
            self._log("mark", block.first, block.last, block.kind, after, why)
            block.kind = kind
            block.meta.update(changed)

    def join(self, blocks: list[Block], kind: str, text: str, why: str = "", **meta) -> Block:
        """Replace ``blocks`` (in page order) by one block of ``kind`` holding ``text``.

        Blocks lying between them that are not joined (a photo caption that
        interrupts a sentence) keep their place right after the new block.
        """
        return self.join_all([Join(blocks, kind, text, why, meta)])[0]

    def join_all(self, joins: list[Join]) -> list[Block]:
        """Make many joins in one pass over the page (a long page has thousands of paragraphs)."""
        starting = {id(j.blocks[0]): j for j in joins}
        joining = {id(b) for j in joins for b in j.blocks}
        made, out, pending = [], [], []  # pending: blocks carried past an open join
        open_join, open_left = None, set()
        for block in self.page.blocks:
            if open_join is None and id(block) in starting:
                open_join = starting[id(block)]
                open_left = {id(b) for b in open_join.blocks}
            if open_join is None:
                out.append(block)
                continue
            if id(block) in open_left:
                open_left.discard(id(block))
            elif id(block) in joining:
                raise ValueError("joins overlap")
            else:
                pending.append(block)
            if not open_left:
                out.append(self._joined(open_join, pending))
                out += pending
                made.append(out[-1 - len(pending)])
                open_join, pending = None, []
        if open_join is not None:
            raise ValueError("join needs blocks of the page, in page order")
        self.page.blocks[:] = out
        return made

    def _joined(self, join: Join, carried: list[Block]) -> Block:
        joined = Block(join.kind, join.text, join.blocks[0].first, join.blocks[-1].last, join.meta)
        why = join.why + "".join(f"; the {b.kind} at line {b.lines} stays after it" for b in carried)
        self._log("join", joined.first, joined.last, "\n".join(b.text for b in join.blocks), join.text, why)
        return joined

    def split(self, block: Block, parts: list[tuple[str, str]], why: str = "") -> list[Block]:
        """Replace a block by several, each ``(kind, text)``, on the same dump lines."""
        new = [Block(kind, text, block.first, block.last, dict(block.meta)) for kind, text in parts]
        index = self.page.blocks.index(block)
        self.page.blocks[index : index + 1] = new
        self._log("split", block.first, block.last, block.text, "\n".join(t for _, t in parts), why)
        return new

    # -- articles -------------------------------------------------------------
    def new_article(self, body: list[Block], why: str = "", **flags) -> Article:
        article = Article(body=list(body), flags=dict(flags))
        self.page.articles.append(article)
        first, last = body[0].first, body[-1].last
        self._log("group", first, last, "", f"article {len(self.page.articles)}", why)
        return article

    def attach(self, article: Article, role: str, block: Block, why: str = "") -> None:
        """Add a block that belongs to no article yet to one, under a role: headline, bylines, captions, jumps."""
        if role not in Article.ROLES:
            raise ValueError(f"unknown article role {role!r}")
        members = getattr(article, role)
        members.append(block)
        members.sort(key=lambda b: (b.first, b.last))  # stable: parts of one line keep their order
        self._log("group", block.first, block.last, "", f"{role} of article {self.number(article)}", why)

    def set_dateline(self, article: Article, dateline: str, why: str = "") -> None:
        article.dateline = dateline
        first = article.body[0] if article.body else None
        line = first.first if first else 0
        self._log("group", line, line, "", f"dateline {dateline!r}", why)

    def set_flag(self, article: Article, key: str, value, why: str = "") -> None:
        article.flags[key] = value
        self._log("group", article.first, article.first, "", f"{key}: {value}", why)

    def number(self, article: Article) -> int:
        return self.page.articles.index(article) + 1

    # -- explanations ---------------------------------------------------------
    def note(self, first: int, last: int, why: str) -> None:
        """Record a decision that changed nothing (a break kept, a join refused)."""
        self._log("note", first, last, why=why)

    def warn(self, first: int, last: int, message: str) -> None:
        """Record something the user should look at (an unbalanced quote, ...)."""
        self._log("warning", first, last, why=message)
