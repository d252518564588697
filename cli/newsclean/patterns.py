"""Regular expressions that rule files give to passes.

Newspapers differ in how they print bylines, datelines, captions, jump
lines and page furniture, so those conventions are patterns in the rule
files, not code.  This module checks them when a rule file is loaded (a bad
pattern is an error at its file and line) and compiles each list once.

A pattern a user writes can backtrack without end on some line.  Patterns
run on the maintained ``regex`` module, which stops a match after a time
limit; the pass that asked is told (``PatternTimeout``), reports the
pattern, and goes on without it, so one bad pattern never hangs a batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .options import Problem

# Seconds a pattern may take on one line: far beyond what any sane pattern needs on a line.
PATTERN_TIMEOUT = 1.0


class PatternTimeout(Exception):
    """A pattern ran past its time limit; ``pattern`` is its text."""

    def __init__(self, pattern: str):
        super().__init__(pattern)
        self.pattern = pattern


def check_patterns(options: dict, *names: str) -> Iterator[Problem]:
    """Problems of the pattern lists ``names`` among a rule file's options."""
    import regex

    for name in names:
        for i, pattern in enumerate(options.get(name) or []):
            try:
                regex.compile(pattern)
            except regex.error as exc:
                yield (name, i), f"not a valid regular expression: {exc}"


@lru_cache(maxsize=256)
def compiled(patterns: tuple[str, ...]) -> tuple:
    import regex

    return tuple(regex.compile(p) for p in patterns)


def first_match(patterns: list[str], text: str, *, whole: bool = False):
    """The first pattern that matches ``text`` (searched, so patterns anchor themselves; or,
    with ``whole``, matched at the start); raises PatternTimeout for a pattern that runs away."""
    for pattern in compiled(tuple(patterns)):
        try:
            match = (pattern.match if whole else pattern.search)(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(pattern.pattern) from None
        if match:
            return match
    return None
