"""remove_cjk_spacing: take out the spaces OCR and justified setting put between Chinese characters.

OCR engines and some extractors write a justified line as ``王 华 对 南 西``
or ``办 理 业 务 2300 余 件 ，``: a space between every character.  Chinese
puts no spaces between words, so these must go before lines are measured
and joined.  But Chinese text also has spaces that mean something:
``本报讯 3月9日``, ``■记者 王某``, ``延时服务不打烊 群众办事更便捷``.

The difference is in the line itself.  A stretched line has a space in most
gaps between its characters; a normal line has one or two spaces among
many tight pairs.  So a line is unstretched only when most of its gaps
around Chinese characters are spaced, and then only the gaps of the
line's usual size go: a wider gap in a stretched line is a real space and
stays as one space.  Spaces between two Latin words are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import is_cjk
from ..model import PageEditor
from ..options import option
from .base import Pass, edit_lines

_TOKEN_GAP = re.compile(r"(\S)( +)(?=(\S))")
# Dashes, ellipses and middle dots are set in Latin text too; a space beside one says nothing.
_SHARED_MARKS = "—…·～"


def _chinese(ch: str) -> bool:
    return is_cjk(ch) and ch not in _SHARED_MARKS


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
        edit_lines(
            page,
            lambda text: unstretch(text, options.min_share, options.min_gaps),
            "stretched line: spaces between Chinese characters removed",
        )


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
    """
    indent = line[: len(line) - len(line.lstrip(" "))]
    body = line[len(indent) :]
    cjk_gaps = []  # (start, end) of each space run that touches a CJK character
    tight = 0
    for i in range(len(body) - 1):
        if _chinese(body[i]) and not body[i + 1].isspace() or (not body[i].isspace() and _chinese(body[i + 1])):
            tight += 1
    for match in _TOKEN_GAP.finditer(body):
        if _chinese(match.group(1)) or _chinese(match.group(3)):
            cjk_gaps.append((match.start(2), match.end(2)))
    if len(cjk_gaps) < min_gaps or len(cjk_gaps) / (len(cjk_gaps) + tight) < min_share:
        return line
    usual = sorted(end - start for start, end in cjk_gaps)[len(cjk_gaps) // 2]
    out, last = [], 0
    for start, end in cjk_gaps:
        out.append(body[last:start])
        if end - start > usual:
            out.append(" ")
        last = end
    out.append(body[last:])
    return indent + "".join(out)


PASS = RemoveCjkSpacing
