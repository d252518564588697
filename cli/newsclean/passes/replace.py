"""replace: the rule file's own regular-expression replacements, on finished blocks.

It runs last, on paragraphs (or the block kinds each rule names), so that a
user's rules see the text every built-in pass has already repaired.  With no
rules it does nothing; it stays in the default pipeline so that a user sees
where their rules run.  See ``newsclean.userrules`` for how rules are
checked and stopped when they run too long.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import PageEditor
from ..options import Problem, option
from ..userrules import RULE_HELP, TIMEOUT_HELP, BlockRule, apply_rules, check_rules
from .base import Pass


@dataclass
class Options:
    rules: list[BlockRule] = option([], RULE_HELP + "; kinds: which blocks (default [paragraph])")
    timeout: float = option(1.0, TIMEOUT_HELP)


class Replace(Pass):
    name = "replace"
    summary = "the rule file's regex replacements on paragraphs, headlines, bylines, ... (runs last)"
    Options = Options

    def check(self, options: dict) -> Iterator[Problem]:
        return check_rules(options)

    def run(self, page: PageEditor, options: Options) -> None:
        apply_rules(page, options.rules, self.kinds_for, options.timeout)

    def kinds_for(self, rule: BlockRule) -> list[str]:
        """The kinds of block a rule runs on."""
        return rule.kinds


PASS = Replace
