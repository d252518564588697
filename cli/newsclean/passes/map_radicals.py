"""map_radicals: write ordinary ideographs where the extractor wrote radical characters.

Many Chinese fonts draw a Kangxi radical (U+2F00-U+2FDF) or a CJK Radicals
Supplement character (U+2E80-U+2EFF) with the very glyph of an ordinary
ideograph, and PDF extractors then write the radical: ``⼀`` for 一, ``⽉``
for 月, ``⻓`` for 长.  A reader sees no difference, but search, matching,
conversion and everything downstream do.  This pass runs right after
``normalize_text``, before the structure passes, so that byline and dateline
patterns and layout measurements see real ideographs.

NFKC is not enough: it leaves the supplement block alone, and it maps each
Kangxi radical to its dictionary form, ``⼾`` to 戶, where a page in
Simplified Chinese shows 户 (the mainland font draws the radical that way).
The table below is Unicode's own (EquivalentUnifiedIdeograph.txt), and the
few radicals whose equivalent differs between the scripts follow the page's
script, which ``target`` chooses or ``auto`` reads from the page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..model import PageEditor
from ..options import option
from .base import Pass

# CJK Radicals Supplement -> equivalent unified ideograph, pair by pair
# (Unicode EquivalentUnifiedIdeograph.txt; U+2E80 REPEAT has no equivalent).
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑"
    "⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王"
    "⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑"
    "⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長"
    "⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼"
    "⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
# Kangxi radicals whose dictionary form (their NFKC) is a variant that mainland
# fonts draw, and mainland text writes, as another code point.  靑 is the old
# form of 青 in every script, so it is mapped for Traditional text too.
_SIMPLIFIED_FORMS = {"⼾": "户", "⿈": "黄", "⾭": "青"}
_TRADITIONAL_FORMS = {"⾭": "青"}

# Frequent characters that only one of the scripts writes, to tell a page's script.
_SIMPLIFIED_ONLY = "这们说时会为国发对来过个还经进现实种动长问开关应从门车见东书电区产业务记报讯"
_TRADITIONAL_ONLY = "這們說時會為國發對來過個還經進現實種動長問開關應從門車見東書電區產業務記報訊"


def _table(extra: dict[str, str]) -> dict[int, str]:
    table = {ord(a): b for a, b in zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2])}
    for code in range(0x2F00, 0x2FD6):
        table[code] = unicodedata.normalize("NFKC", chr(code))
    table.update({ord(a): b for a, b in extra.items()})
    return table


_TABLES = {"simplified": _table(_SIMPLIFIED_FORMS), "traditional": _table(_TRADITIONAL_FORMS)}


@dataclass
class Options:
    target: Literal["auto", "simplified", "traditional"] = option(
        "auto",
        "the script the page is written in, which decides the few radicals whose ideograph differs "
        "(⼾ is 户 in Simplified and 戶 in Traditional text); 'auto' reads it from the page",
    )


class MapRadicals(Pass):
    name = "map_radicals"
    summary = "map Kangxi and supplement radicals (⼀ ⽉ ⻓ ⻔) back to the ideographs the page shows"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        blocks = page.page.blocks
        target = options.target
        if target == "auto":
            target = guess_script("".join(b.text for b in blocks))
        for block in blocks:
            page.edit(block, replace_radicals(block.text, target), f"radical characters written as {target} ideographs")


def replace_radicals(text: str, target: str = "simplified") -> str:
    """Ordinary ideographs for the radical characters of ``text``.

    >>> replace_radicals("⼀⽉⻓⻔")
    '一月长门'
    >>> replace_radicals("住⼾"), replace_radicals("住⼾", "traditional")
    ('住户', '住戶')
    """
    return text.translate(_TABLES[target])


def guess_script(text: str) -> str:
    """``simplified`` or ``traditional``, by the characters only one script writes (ties: simplified).

    >>> guess_script("本报讯 这是"), guess_script("本報訊 這是")
    ('simplified', 'traditional')
    """
    simplified = sum(text.count(ch) for ch in _SIMPLIFIED_ONLY)
    traditional = sum(text.count(ch) for ch in _TRADITIONAL_ONLY)
    return "traditional" if traditional > simplified else "simplified"


PASS = MapRadicals
