"""Nothing is lost: every character of a page ends up in an article or in the residue.

A pass may change text (undo a hyphen, repair a mark), but only through the
journal, so the invariant is: characters in, plus what the journal's edits
added or removed, equals characters out. When no pass edits text, that is
exactly "characters in = in articles + in residue".
"""

from __future__ import annotations

from collections import Counter

import pytest

from newsclean.chars import HAN, count_visible
from newsclean.pipeline import clean_text
from newsclean.render import render_files

from .pages import page_params

# Journal actions whose `after` replaces the text of their `before`.
TEXT_CHANGES = ("edit", "join")


def han(text: str) -> Counter:
    return Counter(HAN.findall(text))


def journal_han_change(result) -> Counter:
    change = Counter()
    for entry in result.journal:
        if entry.action in TEXT_CHANGES:
            change.update(han(entry.after))
            change.subtract(han(entry.before))
    return change


@pytest.mark.parametrize(("name", "text"), page_params())
def test_characters_in_equal_characters_in_articles_and_residue(name, text):
    result = clean_text(text, source=name)
    counts = result.counts()
    edited = sum(count_visible(e.after) - count_visible(e.before) for e in result.journal if e.action in TEXT_CHANGES)
    assert counts.chars_in == sum(count_visible(line) for line in text.splitlines())
    assert counts.chars_in + edited == counts.chars_in_articles + counts.chars_in_residue
    assert counts.chars_changed == edited


@pytest.mark.parametrize(("name", "text"), page_params())
def test_no_han_character_is_lost_or_invented(name, text):
    result = clean_text(text, source=name)
    kept = han("".join(b.text for a in result.articles for b in a.blocks()))
    kept.update(han("".join(b.text for b in result.residue)))
    expected = han(text)
    expected.update(journal_han_change(result))
    assert +kept == +expected  # unary + drops zero counts


@pytest.mark.parametrize(("name", "text"), page_params())
def test_every_han_character_is_in_the_written_files(name, text):
    result = clean_text(text, source=name)
    written = han("".join(content for _, content in render_files(result, name)))
    expected = han(text)
    expected.update(journal_han_change(result))
    missing = +expected - written
    assert not missing, f"not in any file: {''.join(missing.elements())}"
