"""Regular expressions that rule files give to passes.

Newspapers differ in how they print bylines, datelines, captions, jump
lines and page furniture, so those conventions are patterns in the rule
files, not code.  This module checks them when a rule file is loaded (a bad
pattern is an error at its file and line) and compiles each list once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .options import Problem


def check_patterns(options: dict, *names: str) -> Iterator[Problem]:
    """Problems of the pattern lists ``names`` among a rule file's options."""
    for name in names:
        for i, pattern in enumerate(options.get(name) or []):
            try:
                re.compile(pattern)
            except re.error as exc:
                yield (name, i), f"not a valid regular expression: {exc}"


@lru_cache(maxsize=256)
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


def first_match(patterns: list[str], text: str) -> re.Match | None:
    """The first pattern that matches ``text`` (searched, so patterns anchor themselves)."""
    for pattern in compiled(tuple(patterns)):
        match = pattern.search(text)
        if match:
            return match
    return None
