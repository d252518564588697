"""Apply a text repair to the blocks of a page, and keep article datelines in step.

The text passes (line clean-up, punctuation, script conversion) are pure
``str -> str`` functions; this is the one place that runs such a function
over the blocks of some kinds: the dump lines, or the kinds a rule file
chose.  An article's dateline is a copy of the start of its first
paragraph, made when the article was found; when the paragraph is
repaired, the dateline must be repaired the same way, or the front matter
would show ``３月１５日`` over a body that reads ``3月15日``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from .model import BLOCK_KINDS, PARAGRAPH, PageEditor

# The type of a ``kinds`` option: which blocks a pass works on.
BlockKind = Literal[BLOCK_KINDS]

# A repair returns the new text and why it changed (what ``--explain`` prints).
Repair = Callable[[str], tuple[str, str]]


def fix_blocks(page: PageEditor, kinds: Iterable[str], repair: Repair) -> None:
    """Give every block of ``kinds``, and every dateline when paragraphs are repaired, its repaired text."""
    kinds = set(kinds)
    for block in page.page.blocks:
        if block.kind in kinds:
            page.edit(block, *repair(block.text))
    if PARAGRAPH not in kinds:
        return
    for article in page.page.articles:
        if article.dateline:
            fixed, why = repair(article.dateline)
            if fixed != article.dateline:
                page.set_dateline(article, fixed, why)
