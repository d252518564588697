"""convert_chinese: convert between Simplified and Traditional Chinese with OpenCC.

Off by default: a page is cleaned in the script it was printed in.  A rule
file (or ``--convert s2t``) switches it on for readers of the other script.
OpenCC converts phrase by phrase, with regional vocabulary for Taiwan and
Hong Kong (``s2twp``: 鼠标 → 滑鼠), which a character table cannot do; the
official binding reproduces every upstream test case of each conversion
offered here.  It is imported only when a page is converted, and each
converter is built once per process.

Dictionaries cannot know every name and term: the surname 于 must not become
於, and a paper may want 智能制造 kept rather than made 智慧製造.  The
``phrases`` table overrides the converter: each phrase found in the text is
written as the table says, and the converter never sees it.  Headlines,
bylines, captions, body and datelines are all converted, and each article's
front matter records the conversion (``converted: s2t``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ..blockfix import BlockKind, fix_blocks
from ..conversions import CONVERSIONS
from ..model import BLOCK_KINDS, PageEditor
from ..options import Problem, option
from .base import Pass

# The OpenCC configurations newsclean offers: to and from Simplified, Traditional
# (OpenCC standard), Taiwan and Hong Kong forms; the ``p`` ones convert vocabulary too.
FLAG = "converted"


@dataclass
class Options:
    conversion: Literal[CONVERSIONS] = option(
        "s2t",
        "which OpenCC conversion: s2t/t2s Simplified to/from Traditional, s2tw/tw2s Taiwan, s2hk/hk2s Hong Kong, "
        "s2twp/tw2sp Taiwan with its vocabulary (鼠标 → 滑鼠)",
    )
    phrases: dict[str, str] = option(
        {}, "phrases written as given instead of converted, e.g. {于: 于, 智能制造: 智能製造}; the longest match wins"
    )
    kinds: list[BlockKind] = option(list(BLOCK_KINDS), "kinds of block to convert (datelines follow their paragraph)")


class ConvertChinese(Pass):
    name = "convert_chinese"
    summary = "convert Simplified <-> Traditional Chinese (OpenCC s2t, t2s, s2tw, s2twp, ...); phrase overrides"
    Options = Options

    def check(self, options: dict) -> Iterator[Problem]:
        for phrase in options.get("phrases") or {}:
            if not phrase:
                yield ("phrases", ("key", phrase)), "a phrase cannot be empty"

    def run(self, page: PageEditor, options: Options) -> None:
        why = f"converted {options.conversion}"
        fix_blocks(page, options.kinds, lambda text: (convert_text(text, options.conversion, options.phrases), why))
        for article in page.page.articles:
            page.set_flag(article, FLAG, options.conversion, "the article's text was converted")


def convert_text(text: str, conversion: str, phrases: dict[str, str] | None = None) -> str:
    """``text`` converted, with the phrases of the table written as it says.

    >>> convert_text("于洋说，于是智能制造", "s2t", {"于洋": "于洋"})
    '于洋說，於是智能製造'
    """
    if not phrases:
        return converter(conversion)(text)
    convert = converter(conversion)
    out, start = [], 0
    for match in _phrase_pattern(tuple(phrases)).finditer(text):
        out += [convert(text[start : match.start()]), phrases[match.group()]]
        start = match.end()
    out.append(convert(text[start:]))
    return "".join(out)


@cache
def converter(conversion: str):
    """The OpenCC converter for ``conversion``, built once per process."""
    import opencc  # imported here: only runs that convert need it

    return opencc.OpenCC(f"{conversion}.json").convert


@lru_cache(maxsize=32)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    # Longest first, so that a name (于洋) wins over a character it starts with (于).
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


PASS = ConvertChinese
