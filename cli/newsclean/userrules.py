"""User rules: regular-expression replacements listed in a rule file.

Every newspaper and every OCR engine has its own habits that no built-in
pass knows; a rule file can fix them with ``pattern`` / ``replacement``
rules.  Two passes run them: ``replace_lines`` on the dump's lines, before
anything reads the page's structure (a byline mark that OCR read as 口
must be fixed before bylines are recognised), and ``replace`` on the
finished blocks, last.

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

from .blockfix import BlockKind
from .model import PARAGRAPH, Block, PageEditor
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


def apply_rules(page: PageEditor, rules: Iterable[LineRule], blocks_of, timeout: float) -> None:
    """Run each rule, in order, over the blocks ``blocks_of(rule)`` gives; stop a rule that runs too long."""
    for rule in rules:
        compiled = compile_rule(rule.pattern, rule.flags)
        for block in blocks_of(rule):
            if not _apply(page, rule, compiled, block, timeout):
                break


def _apply(page: PageEditor, rule: LineRule, compiled, block: Block, timeout: float) -> bool:
    try:
        text = compiled.sub(rule.replacement, block.text, timeout=timeout)
    except TimeoutError:
        page.warn(block.first, block.last, TIMED_OUT.format(origin=rule.origin, pattern=rule.pattern, timeout=timeout))
        return False
    page.edit(block, text, f"{rule.origin}: rule {rule.pattern!r}")
    return True
