"""Run a rule set's passes over a page, and account for every character.

This is the library entry point behind ``newsclean.clean_text``: it works
without Click or rich, so newsclean can be used from any Python program.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .chars import count_visible
from .model import Article, Block, Change, Page, PageEditor
from .ruleset import RuleSet, load_rules


@dataclass
class Counts:
    """Non-white-space characters: read, kept in articles, put in the residue."""

    chars_in: int
    chars_in_articles: int
    chars_in_residue: int

    @property
    def chars_changed(self) -> int:
        """What passes added (positive) or removed (negative): punctuation repairs, user rules."""
        return self.chars_in_articles + self.chars_in_residue - self.chars_in


@dataclass
class Result:
    page: Page
    rules: RuleSet

    @property
    def articles(self) -> list[Article]:
        return self.page.articles

    @property
    def residue(self) -> list[Block]:
        return self.page.residue()

    @property
    def journal(self) -> list[Change]:
        return self.page.journal

    @property
    def warnings(self) -> list[Change]:
        return self.page.warnings()

    def counts(self) -> Counts:
        in_articles = sum(count_visible(b.text) for a in self.articles for b in a.blocks())
        in_residue = sum(count_visible(b.text) for b in self.residue)
        return Counts(sum(count_visible(line) for line in self.page.raw_lines), in_articles, in_residue)


class PassFailed(Exception):
    """A pass raised on this page: a bug in the pass or a page it cannot handle."""


@lru_cache(maxsize=8)
def _cached_rules(spec: str) -> RuleSet:
    return load_rules(spec)


def clean_text(text: str, rules: RuleSet | str | None = None, *, source: str = "<text>") -> Result:
    """Clean one page dump; ``rules`` is a RuleSet, a rule-file name or path, or None for the default."""
    ruleset = rules if isinstance(rules, RuleSet) else _cached_rules(str(rules or "default"))
    page = Page.from_text(text, source)
    for step in ruleset.steps:
        if not step.enabled:
            continue
        try:
            step.pass_cls().run(PageEditor(page, step.name), step.build_options())
        except Exception as exc:  # one page must never stop a batch; say which pass failed
            raise PassFailed(f"{source}: pass {step.name} failed: {type(exc).__name__}: {exc}") from exc
    return Result(page, ruleset)
