"""remove_cjk_spacing: take out the spaces OCR and justified setting put between Chinese characters.

OCR engines and some extractors write a justified line as ``王 华 对 南 西``
or ``办 理 业 务 2300 余 件 ，``: a space between every character.  Chinese
puts no spaces between words, so these must go before lines are measured
and joined.  But Chinese text also has spaces that mean something:
``本报讯 3月9日``, ``■记者 王某``, ``延时服务不打烊 群众办事更便捷``.

The difference is in the line itself.  A stretched line has a space in most
gaps between its characters; a normal line has one or two spaces among
many tight pairs.  So a line is unstretched only when most of its gaps
around Chinese characters are spaced (curly quotes, dashes and ellipses do
not count as Chinese: English sets them between spaces too), and then only
the gaps of the line's usual size go: a wider gap in a stretched line is a
real space and stays as one space.  Spaces between two Latin words are
never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blockfix import fix_blocks
from ..chars import CLOSERS, OPENERS, is_chinese_context, is_cjk
from ..model import LINE, PageEditor
from ..options import option
from .base import Pass

_TOKEN_GAP = re.compile(r"(\S)( +)(?=(\S))")


@dataclass
class Options:
    min_share: float = option(
        0.5, "share of the gaps around Chinese characters that must be spaced before a line counts as stretched"
    )
    min_gaps: int = option(2, "fewest spaced gaps a stretched line has (a single space is never a stretch)")


class RemoveCjkSpacing(Pass):
    name = "remove_cjk_spacing"
    summary = "remove the spaces OCR or justified setting put between Chinese characters"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        why = "stretched line: spaces between Chinese characters removed"
        fix_blocks(page, [LINE], lambda text: (unstretch(text, options.min_share, options.min_gaps), why))


def unstretch(line: str, min_share: float = 0.5, min_gaps: int = 2) -> str:
    """The line without the spaces of a stretched setting.

    >>> unstretch("区 长 到 社 区 食 堂 调 研")
    '区长到社区食堂调研'
    >>> unstretch("办 理 业 务 2300 余 件 ，")
    '办理业务2300余件，'
    >>> unstretch("本报讯 3月9日，区委副书记")
    '本报讯 3月9日，区委副书记'
    >>> unstretch("延 时 服 务 不 打 烊  群 众 办 事")
    '延时服务不打烊 群众办事'
    >>> unstretch("信 息 。"), unstretch("聚焦群众需求 提升服务水平"), unstretch("WASHINGTON — The")
    ('信息。', '聚焦群众需求 提升服务水平', 'WASHINGTON — The')
    >>> unstretch("He said “no” to it"), unstretch("“ 平 安 ” “ 健 康 ”")
    ('He said “no” to it', '“平安”“健康”')
    """
    indent = line[: len(line) - len(line.lstrip(" "))]
    body = line[len(indent) :]
    chinese_gaps, mark_gaps = _spaced_gaps(body)
    if len(chinese_gaps) < min_gaps or len(chinese_gaps) / (len(chinese_gaps) + _tight_pairs(body)) < min_share:
        return line
    usual = sorted(end - start for start, end in chinese_gaps)[len(chinese_gaps) // 2]
    out, last = [], 0
    for start, end in sorted(chinese_gaps + mark_gaps):
        out.append(body[last:start])
        if end - start > usual:
            out.append(" ")
        last = end
    out.append(body[last:])
    return indent + "".join(out)


def _spaced_gaps(body: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) of the space runs beside a Chinese character, and of those only beside marks.

    Only the first say whether a line is stretched: English sets its quotes,
    dashes and ellipses between spaces too (``He said “no” to it``).  In a
    stretched line the second go as well: the runs between two marks, or
    ``“ 平 安 ” “ 健 康 ”`` would keep a stretch between its quotations, and
    the runs just inside brackets and quotes (``“ Hello ”``).
    """
    chinese, marks = [], []
    for match in _TOKEN_GAP.finditer(body):
        left, right = match.group(1), match.group(3)
        if is_chinese_context(left) or is_chinese_context(right):
            chinese.append(match.span(2))
        elif (is_cjk(left) and is_cjk(right)) or left in OPENERS or right in CLOSERS:
            marks.append(match.span(2))
    return chinese, marks


def _tight_pairs(body: str) -> int:
    """Neighbouring characters, one of them Chinese, with no space between them."""
    return sum(
        1
        for a, b in zip(body, body[1:])
        if not a.isspace() and not b.isspace() and (is_chinese_context(a) or is_chinese_context(b))
    )


PASS = RemoveCjkSpacing
