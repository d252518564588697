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


class PatternList:
    """A rule file's list of patterns, compiled once.

    A time limit costs the ``regex`` module about two microseconds a call,
    which, paid per pattern per line, made classification the slowest pass.
    So the patterns that set no flags of their own also run as one
    alternation, the ``screen``: one timed call tells whether any of them
    matches a line, and only then are they tried one by one for the first
    that does.  A branch reset ``(?|...)`` keeps each pattern's group
    numbers, so back-references mean what they meant alone.  A pattern with
    inline flags (``(?i)``, ``(?x)``) stays out of the screen and is always
    tried alone, so its flags can never reach the other patterns.
    """

    def __init__(self, patterns: tuple[str, ...]):
        import regex

        self.each = tuple(regex.compile(p) for p in patterns)
        plain_flags = regex.compile("").flags
        plain = [p.pattern for p in self.each if p.flags == plain_flags]
        self.flagged = tuple(p for p in self.each if p.flags != plain_flags)
        self.screen = None
        if len(plain) >= 2:
            try:
                self.screen = regex.compile("(?|" + "|".join(f"(?:{p})" for p in plain) + ")")
            except regex.error:
                pass  # e.g. a group name the patterns number differently: each is tried alone

    def candidates(self, text: str, whole: bool) -> tuple:
        """The patterns that may match ``text``, in list order."""
        if self.screen is None:
            return self.each
        try:
            hit = (self.screen.match if whole else self.screen.search)(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            return self.each  # tried alone, the runaway one is named
        return self.each if hit else self.flagged


@lru_cache(maxsize=256)
def compiled(patterns: tuple[str, ...]) -> PatternList:
    return PatternList(patterns)


def first_match(patterns: list[str], text: str, *, whole: bool = False):
    """The first pattern that matches ``text`` (searched, so patterns anchor themselves; or,
    with ``whole``, matched at the start); raises PatternTimeout for a pattern that runs away."""
    for pattern in compiled(tuple(patterns)).candidates(text, whole):
        try:
            match = (pattern.match if whole else pattern.search)(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(pattern.pattern) from None
        if match:
            return match
    return None
