"""normalize_text: make every line plain text before anything measures it.

PDF extractors and OCR engines leave byte-order marks, zero-width and
control characters, and a zoo of Unicode spaces in their output.  They are
invisible to a reader but break everything that follows: widths are
measured wrong, patterns miss, joined words keep a hidden character.  This
pass runs first so that the other passes see plain text.  Line endings
(LF, CRLF, CR, form feed) are already unified when the page is read.

Leading white space is kept: an indent is evidence of a paragraph start.
A soft hyphen at the end of a line is kept too: it says the word goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blockfix import fix_blocks
from ..chars import INVISIBLE_RANGES
from ..model import LINE, PageEditor
from ..options import option
from .base import Pass

_INVISIBLE = re.compile(f"[{INVISIBLE_RANGES}]")
# A soft hyphen inside a line marks a possible break that did not happen.
_INNER_SOFT_HYPHEN = re.compile("\u00ad(?=.)")
# No-break, thin, en/em, narrow and medium spaces, and tabs, read as one space.
_ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]")
_IDEOGRAPHIC_SPACE = "\u3000"


@dataclass
class Options:
    ideographic_space: bool = option(
        True,
        "read an ideographic space (U+3000) inside a line as an ordinary space; at the start of a "
        "line it stays, as the indent it is",
    )


class NormalizeText(Pass):
    name = "normalize_text"
    summary = "remove BOMs, zero-width and control characters; unify spaces; trim line ends"
    Options = Options

    def run(self, page: PageEditor, options: Options) -> None:
        why = "invisible characters or odd spaces"
        fix_blocks(page, [LINE], lambda text: (normalize_line(text, options.ideographic_space), why))


def normalize_line(text: str, ideographic_space: bool = True) -> str:
    """Plain text of one dump line.

    >>> normalize_line("\\ufeff本报讯\\u00a03月9日\\u200b ")
    '本报讯 3月9日'
    >>> normalize_line("\\u3000\\u3000区长指出\\u3000一要")
    '\\u3000\\u3000区长指出 一要'
    """
    text = _INNER_SOFT_HYPHEN.sub("", _INVISIBLE.sub("", text))
    text = _ODD_SPACE.sub(" ", text).rstrip()
    if ideographic_space:
        body = text.lstrip(_IDEOGRAPHIC_SPACE)
        text = text[: len(text) - len(body)] + body.replace(_IDEOGRAPHIC_SPACE, " ")
    return text


PASS = NormalizeText
