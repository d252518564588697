"""replace_lines: the rule file's own regular-expression replacements, on the dump's lines.

Some mistakes must be fixed before the structure passes read the page: OCR
that reads the byline mark ■ as 口 hides a byline from ``classify_lines``
and glues it to the next paragraph.  These rules run on each line of the
dump, right after the characters are normalised; rules for finished
paragraphs belong to ``replace``, which runs last.  With no rules it does
nothing.  See ``newsclean.userrules`` for how rules are checked and stopped
when they run too long.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import LINE
from ..options import option
from ..userrules import RULE_HELP, LineRule
from .replace import Replace


@dataclass
class Options(Replace.Options):
    """As ``replace``'s, but a rule has no kinds: it runs on every line."""

    rules: list[LineRule] = option([], RULE_HELP + "; each runs on every line of the dump")


class ReplaceLines(Replace):
    name = "replace_lines"
    summary = "the rule file's regex replacements on the dump's lines, before the structure passes"
    Options = Options

    def kinds_for(self, rule: LineRule) -> list[str]:
        return [LINE]


PASS = ReplaceLines
