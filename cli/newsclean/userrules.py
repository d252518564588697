"""User rules: regular-expression replacements listed in a rule file.

Every newspaper and every OCR engine has its own habits that no built-in
pass knows; a rule file can fix them with ``pattern`` / ``replacement``
rules.  Two passes run them: ``replace_lines`` on the dump's lines, before
anything reads the page's structure (a byline mark that OCR read as 口
must be fixed before bylines are recognised), and ``replace`` on the
finished blocks, last; a rule on paragraphs changes the articles'
datelines too, so the front matter reads as the body does.

Patterns are checked when the rule file is loaded, so a bad one is an error
at its file, line and column.  They run on the maintained ``regex`` module,
which can stop a match after a time limit: a pattern that backtracks without
end on some page is stopped there, reported with its rule's file and line,
and skipped for the rest of that page, and the page (and the batch) go on.
``regex`` is imported only when a rule file has rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .blockfix import BlockKind, Repair, fix_blocks
from .model import PARAGRAPH, Page, PageEditor
from .options import Problem, option, origin_field

FLAGS = {"i": "IGNORECASE", "m": "MULTILINE", "s": "DOTALL", "x": "VERBOSE"}
RULE_HELP = (
    "each rule is {pattern, replacement, flags}: a regular expression (Python syntax, run by the regex module), "
    r"what a match becomes (\1 or \g<name> for groups), and letters of i (ignore case), m (^ and $ at line ends), "
    "s (. matches a line end), x (verbose)"
)
TIMEOUT_HELP = "seconds a rule may take on one block; a rule that takes longer is stopped and skipped for the page"
TIMED_OUT = (
    "{origin}: rule {pattern!r} ran longer than {timeout:g} s here and was stopped; "
    "it is skipped for the rest of the page"
)


@dataclass
class LineRule:
    pattern: str = dataclasses.field(metadata={"help": "the regular expression"})
    replacement: str = option("", "what a match becomes")
    flags: str = option("", "letters of i, m, s, x")
    origin: str = origin_field()


@dataclass
class BlockRule(LineRule):
    kinds: list[BlockKind] = option([PARAGRAPH], "kinds of block the rule applies to")


def check_rules(options: dict) -> Iterator[Problem]:
    """Problems of the ``rules`` a rule file gives: unknown flags, bad patterns, bad group references."""
    rules = options.get("rules") or []
    if not rules:
        return
    import regex  # imported here: only rule files with rules need it

    for i, rule in enumerate(rules):
        unknown = sorted(set(rule.flags) - set(FLAGS))
        if unknown:
            yield ("rules", i, "flags"), f"unknown flag {unknown[0]!r}; flags are letters of {''.join(FLAGS)}"
            continue
        try:
            compiled = compile_rule(rule.pattern, rule.flags)
        except regex.error as exc:
            yield ("rules", i, "pattern"), f"not a valid regular expression: {exc}"
            continue
        # The pattern or nothing always matches, with the same groups, so the
        # replacement's group references are checked by regex itself.
        probe = regex.compile(f"(?:{rule.pattern}\n)|", compiled.flags).match("")
        try:
            probe.expand(rule.replacement)
        except (regex.error, IndexError) as exc:
            yield ("rules", i, "replacement"), f"not a valid replacement: {exc}"


@lru_cache(maxsize=256)
def compile_rule(pattern: str, flags: str):
    import regex

    value = 0
    for letter in flags:
        value |= getattr(regex, FLAGS[letter])
    return regex.compile(pattern, value)


def apply_rules(page: PageEditor, rules: Iterable[LineRule], kinds_of, timeout: float) -> None:
    """Run each rule, in order, on the blocks of the kinds ``kinds_of(rule)`` gives; stop a rule that runs too long.

    The rules run through ``blockfix.fix_blocks``, like the built-in text
    repairs, so a rule on paragraphs changes an article's dateline the way
    it changes the paragraph the dateline was taken from.
    """
    for rule in rules:
        kinds = kinds_of(rule)
        try:
            fix_blocks(page, kinds, _repair(rule, timeout))
        except _RanTooLong as stopped:
            first, last = _lines_of(page.page, kinds, stopped.text)
            page.warn(first, last, TIMED_OUT.format(origin=rule.origin, pattern=rule.pattern, timeout=timeout))


class _RanTooLong(Exception):
    """A rule ran past its time limit on ``text``."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def _repair(rule: LineRule, timeout: float) -> Repair:
    """The rule as a repair for ``fix_blocks``; it raises _RanTooLong, which ends the rule's run on the page."""
    compiled = compile_rule(rule.pattern, rule.flags)
    why = f"{rule.origin}: rule {rule.pattern!r}"

    def repair(text: str) -> tuple[str, str]:
        try:
            return compiled.sub(rule.replacement, text, timeout=timeout), why
        except TimeoutError:
            raise _RanTooLong(text) from None

    return repair


def _lines_of(page: Page, kinds: Iterable[str], text: str) -> tuple[int, int]:
    """The dump lines of the block (or the dateline) a rule ran too long on, to point the warning there.

    ``fix_blocks`` hands a repair only the text: the rule stopped at the first
    block of the kinds with that text (the same text takes the same time),
    or, when no block has it, at an article's dateline.
    """
    for block in page.blocks_of(*kinds):
        if block.text == text:
            return block.first, block.last
    first = next(a.body[0].first for a in page.articles if a.dateline == text)
    return first, first
