"""repair_punctuation: give Chinese text the punctuation a Chinese page prints.

Text layers and OCR often come back with half-width marks inside Chinese
sentences (``说:``, ``好,``), ``...`` and ``--`` for ``……`` and ``——``,
doubled marks (``，，``) and spaces around full-width marks.  Each repair
below is a small ``str -> str`` function with examples; the pass runs them
in order over paragraphs, headlines, bylines and captions (and datelines),
after the structure passes, so that layout and patterns saw the page as
printed.

What stays as it is matters as much: ASCII stays in numbers (``3.0``,
``1,200``, ``24:00``), URLs, e-mail addresses and Latin runs; English text
is left alone; no space is ever put between Chinese and digits or Latin
letters (``3月9日``, ``24小时``, ``APP``), which newspapers print tight, unless
a rule file asks for it; and a space that may carry structure stays: after
``。？！`` or a closing mark (a photo credit, a dateline, two headline
phrases), and between words (``本报讯 3月9日``, ``■记者 王某``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..blockfix import BlockKind, fix_blocks
from ..chars import HAN_RANGES, has_han, is_chinese_context
from ..model import BYLINE, CAPTION, HEADLINE, PARAGRAPH, PageEditor
from ..options import option
from .base import Pass

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF_WIDTH = re.compile(r"[,.;:?!()]")
_ASCII_DIGITS = "0123456789"

# URLs and e-mail addresses keep their ASCII; a URL ends on a character a URL ends with,
# so that the sentence's own mark after it is not taken in.
_LINK = re.compile(
    r"(?:https?|ftp)://[!-~]*[A-Za-z0-9/#=&_%-]"
    r"|www\.[!-~]*[A-Za-z0-9/#=&_%-]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|．{3,}")
_DASH = re.compile(r"-{2,}|－{2,}")
_DOUBLED = re.compile(r"([，、。；：])\1+")
# A space is never right before these marks, nor after the pausing ones and opening brackets.
_SPACE_AT_MARK = re.compile(r"[ \u3000]+(?=[，。、；：？！）》〉】])|(?<=[，、；：（《〈【])[ \u3000]+")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FULLWIDTH_DECIMAL = re.compile("(?<=[0-9])．(?=[0-9])")


@dataclass
class Options:
    kinds: list[BlockKind] = option(
        [PARAGRAPH, HEADLINE, BYLINE, CAPTION], "kinds of block to repair (datelines follow their paragraph)"
    )
    widen: bool = option(True, "half-width , . ; : ? ! ( ) in Chinese text become ，。；：？！（）")
    ellipses: bool = option(True, "... and 。。。 in Chinese text become ……")
    dashes: bool = option(True, "-- and －－ in Chinese text become ——")
    doubled_marks: bool = option(True, "doubled ，、。；： (，，) become one")
    spaces: bool = option(
        True, "remove spaces before ，。、；：？！ and closing brackets, and after ，、；： and opening brackets"
    )
    ascii_alphanumerics: bool = option(
        True,
        "full-width digits and Latin letters (３月９日, ＡＰＰ) become ASCII, as Chinese newspapers print them; "
        "full-width punctuation is never touched",
    )
    space_between_scripts: bool = option(
        False, "put a space between Chinese and Latin letters or digits (3 月 9 日); newspapers print them tight"
    )


class RepairPunctuation(Pass):
    name = "repair_punctuation"
    summary = "half-width marks in Chinese text to full-width, …… and ——, no doubled marks or stray spaces"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        fix_blocks(page, options.kinds, lambda text: repair_and_explain(text, options))


def repair_and_explain(text: str, options: Options) -> tuple[str, str]:
    """The text with every repair the options switch on, and which repairs changed it (for ``--explain``).

    >>> repair_and_explain("家住梧桐里的张阿姨说:以前 ,不少人. 等等...", Options())
    ('家住梧桐里的张阿姨说：以前，不少人。 等等……', 'ellipses, half-width punctuation, spaces at punctuation')
    """
    done = []
    for name, fix in _repairs(options):
        fixed = fix(text)
        if fixed != text:
            done.append(name)
            text = fixed
    return text, ", ".join(done)


def _repairs(options: Options) -> list[tuple[str, Callable[[str], str]]]:
    steps = [
        ("full-width digits and letters", options.ascii_alphanumerics, fold_fullwidth_alphanumerics),
        ("ellipses", options.ellipses, lambda t: outside_links(t, replace_ellipses)),
        ("dashes", options.dashes, lambda t: outside_links(t, replace_dashes)),
        ("half-width punctuation", options.widen, lambda t: outside_links(t, widen_punctuation)),
        ("doubled marks", options.doubled_marks, collapse_doubled_marks),
        ("spaces at punctuation", options.spaces, remove_spaces_at_marks),
        ("spaces between scripts", options.space_between_scripts, space_between_scripts),
    ]
    return [(name, fix) for name, on, fix in steps if on]


# -- the repairs ---------------------------------------------------------------------
def fold_fullwidth_alphanumerics(text: str) -> str:
    """ASCII for full-width digits and Latin letters, and for a full-width point between digits.

    >>> fold_fullwidth_alphanumerics("３月１５日，ＡＰＰ下载量增长３．５倍。")
    '3月15日，APP下载量增长3.5倍。'
    """
    return _FULLWIDTH_DECIMAL.sub(".", text.translate(_FULLWIDTH_ALNUM))


def outside_links(text: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to the text between URLs and e-mail addresses, which keep their ASCII.

    >>> outside_links("详见http://a.cn/?q=1:2,或发邮件至a.b@c.cn", widen_punctuation)
    '详见http://a.cn/?q=1:2，或发邮件至a.b@c.cn'
    """
    out, start = [], 0
    for link in _LINK.finditer(text):
        out += [fix(text[start : link.start()]), link.group()]
        start = link.end()
    out.append(fix(text[start:]))
    return "".join(out)


def replace_ellipses(text: str) -> str:
    """``……`` for ``...`` beside Chinese text and for ``。。。``.

    >>> replace_ellipses("等等...他说"), replace_ellipses("好。。。"), replace_ellipses("Wait... what")
    ('等等……他说', '好……', 'Wait... what')
    """
    return _ELLIPSIS.sub(lambda m: "……" if m.group()[0] != "." or _beside_chinese(text, m) else m.group(), text)


def replace_dashes(text: str) -> str:
    """``——`` for ``--`` or ``－－`` beside Chinese text.

    >>> replace_dashes("北京--上海"), replace_dashes("A--B")
    ('北京——上海', 'A--B')
    """
    return _DASH.sub(lambda m: "——" if _beside_chinese(text, m) else m.group(), text)


def widen_punctuation(text: str) -> str:
    """Full-width marks for half-width ones in Chinese context.

    A mark is in Chinese context when the nearest letter or mark before or
    after it (past spaces, quotes, digits and symbols) is Chinese; for ``. ? !``,
    which end the sentence before them, the one before decides.  Between two
    digits ``, : ;`` stay (``1,200``, ``24:00``); a point stays after a Latin
    letter or digit and before one (``3.0``, ``U.S.``, ``1.``); a pair of
    parentheses is Chinese when it holds Chinese or stands beside it.

    >>> widen_punctuation("比分3:1,用时24:00.共1,200人(含志愿者).增长3.5%!")
    '比分3:1，用时24:00.共1,200人（含志愿者）。增长3.5%！'
    >>> widen_punctuation("He said: no (really), OK?")
    'He said: no (really), OK?'
    """
    parens = _chinese_parens(text)
    out = list(text)
    for mark in _HALF_WIDTH.finditer(text):
        i = mark.start()
        if _widens(out, text, i, parens):
            out[i] = _FULL[text[i]]
    return "".join(out)


def collapse_doubled_marks(text: str) -> str:
    """One mark for a doubled ``，、。；：`` (an ellipsis is repaired before this runs).

    >>> collapse_doubled_marks("新电梯。。他说，，好")
    '新电梯。他说，好'
    """
    return _DOUBLED.sub(r"\1", text)


def remove_spaces_at_marks(text: str) -> str:
    """No space before ``，。、；：？！`` and closing brackets, nor after ``，、；：`` and opening brackets.

    Spaces after ``。？！`` and outside brackets stay: they can separate a
    photo credit, a dateline or two headline phrases.

    >>> remove_spaces_at_marks("时间 ：18:00 ， （ 含节假日 ） 。 记者 王某 摄")
    '时间：18:00，（含节假日）。 记者 王某 摄'
    """
    return _SPACE_AT_MARK.sub("", text)


def space_between_scripts(text: str) -> str:
    """A space between Chinese and Latin letters or digits (off by default).

    >>> space_between_scripts("3月9日起用APP办理")
    '3 月 9 日起用 APP 办理'
    """
    return _script_boundary().sub(" ", text)


@cache
def _script_boundary() -> re.Pattern:
    """Where Chinese meets Latin letters or digits.

    The Han ranges make the pattern slow to compile, so it is compiled on first use rather than
    in every process at import: the repair is off by default.
    """
    return re.compile(f"(?<=[{HAN_RANGES}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{HAN_RANGES}])")


# -- context ---------------------------------------------------------------------------
def _neighbour(chars, i: int, step: int) -> str:
    """The nearest letter (of any script) or Chinese mark from ``i`` in direction ``step``.

    Spaces, quotes, digits and symbols in between do not decide the context:
    in ``增长3.5%!`` the mark closes a Chinese sentence, in ``(AP),`` an English one.
    """
    i += step
    while 0 <= i < len(chars) and not (chars[i].isalpha() or is_chinese_context(chars[i])):
        i += step
    return chars[i] if 0 <= i < len(chars) else ""


def _beside_chinese(text: str, match: re.Match) -> bool:
    return is_chinese_context(_neighbour(text, match.start(), -1)) or is_chinese_context(
        _neighbour(text, match.end() - 1, 1)
    )


def _chinese_parens(text: str) -> dict[int, bool]:
    """For each ASCII parenthesis: is it Chinese?  A matched pair decides together."""
    decided, stack = {}, []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            chinese = (
                has_han(text[start + 1 : i])
                or is_chinese_context(_neighbour(text, start, -1))
                or is_chinese_context(_neighbour(text, i, 1))
            )
            decided[start] = decided[i] = chinese
    return decided


def _widens(out: list[str], text: str, i: int, parens: dict[int, bool]) -> bool:
    ch = text[i]
    left = text[i - 1] if i > 0 else ""
    right = text[i + 1] if i + 1 < len(text) else ""
    # The context before a mark is read from what is already repaired, so "好?!" widens both.
    before, after = _neighbour(out, i, -1), _neighbour(text, i, 1)
    if ch in "()" and i in parens:
        return parens[i]
    if ch in ",;:" and left and right and left in _ASCII_DIGITS and right in _ASCII_DIGITS:
        return False
    if ch in ".?!":
        # A sentence mark belongs to the sentence before it: "Hello, World!" stays in "为Hello, World!的".
        if ch == "." and ((left.isascii() and left.isalnum()) or (right.isascii() and right.isalnum())):
            return False
        return is_chinese_context(before) or (not before and is_chinese_context(after))
    return is_chinese_context(before) or is_chinese_context(after)


PASS = RepairPunctuation
