"""Nothing is lost: every character of a page ends up in an article or in the residue.

A pass may change text (repair a mark, a user's replacement) only through an
``edit`` in the journal, so the invariant is: characters in, plus what the
edits added or removed, equals characters in articles plus residue. Joining
lines into a paragraph adds or loses nothing but a line-end hyphen of a
Latin word split across lines. When no pass edits text and no word is
split, that is exactly "characters in = in articles + in residue".
"""

from __future__ import annotations

from collections import Counter

import pytest

from newsclean.chars import count_visible
from newsclean.pipeline import clean_text
from newsclean.render import render_files

from .pages import page_params
from .support.journal import han


def visible(text: str) -> Counter:
    return Counter(ch for ch in text if count_visible(ch))


def edited_han(result) -> Counter:
    """Han characters the journal's edits added (positive) or removed (negative)."""
    change = Counter()
    for entry in result.journal:
        if entry.action == "edit":
            change.update(han(entry.after))
            change.subtract(han(entry.before))
    return change


@pytest.mark.parametrize(("name", "text"), page_params())
def test_joining_lines_adds_nothing_and_loses_only_line_end_hyphens(name, text):
    for join in (e for e in clean_text(text, source=name).journal if e.action == "join"):
        before, after = visible(join.before), visible(join.after)
        assert not after - before, f"lines {join.lines}: the join added {after - before}"
        lost = before - after
        assert set(lost) <= {"-"}, f"lines {join.lines}: the join lost {lost}"
        assert lost["-"] <= join.before.count("-\n"), f"lines {join.lines}: a hyphen inside a line was lost"


@pytest.mark.parametrize(("name", "text"), page_params())
def test_characters_in_equal_characters_in_articles_and_residue(name, text):
    result = clean_text(text, source=name)
    counts = result.counts()
    edited = sum(count_visible(e.after) - count_visible(e.before) for e in result.journal if e.action == "edit")
    dehyphenated = sum((visible(e.before) - visible(e.after))["-"] for e in result.journal if e.action == "join")
    assert counts.chars_in == sum(count_visible(line) for line in text.splitlines())
    assert counts.chars_in + edited - dehyphenated == counts.chars_in_articles + counts.chars_in_residue


@pytest.mark.parametrize(("name", "text"), page_params())
def test_no_han_character_is_lost_or_invented(name, text):
    result = clean_text(text, source=name)
    kept = han("".join(b.text for a in result.articles for b in a.blocks()))
    kept.update(han("".join(b.text for b in result.residue)))
    expected = han(text)
    expected.update(edited_han(result))
    assert +kept == +expected  # unary + drops zero counts


@pytest.mark.parametrize(("name", "text"), page_params())
def test_every_han_character_is_in_the_written_files(name, text):
    result = clean_text(text, source=name)
    written = han("".join(content for _, content in render_files(result, name)))
    expected = han(text)
    expected.update(edited_han(result))
    missing = +expected - written
    assert not missing, f"not in any file: {''.join(missing.elements())}"
