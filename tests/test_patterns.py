"""A rule file's pattern list finds the same first match as trying each pattern alone,
whatever the patterns do with groups, back-references and inline flags."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.patterns import first_match

PATTERNS = [
    r"^(记者|通讯员)\s*\S{2,4}$",  # a byline
    r"^(\S)\1",  # a back-reference: its group number must survive the alternation
    r"(?i)^photo:",  # inline flags: must not make the others case-insensitive
    r"(?x) 本报 \s 讯",  # verbose: must not strip the spaces from the others
    r"^本报 讯",
    r"(?P<dateline>新华社\S+电)",
    r"^图为",
    r"[（(](上接|下转)第?\s*\d+\s*版[)）]$",
]
LINES = ["记者 王小明", "啊啊不", "PHOTO: x", "本报讯", "本报 讯", "新华社北京3月9日电 x", "图为会场", "（下转第2版）"]
ALPHABET = "记者王本报讯 图为啊PHOTO:photo（）下转第2版"


def alone(patterns: list[str], text: str, whole: bool):
    """The first match, trying each pattern alone: what the rule file's author means."""
    for p in patterns:
        m = (regex.match if whole else regex.search)(p, text)
        if m:
            return p, m.span(), m.groups()
    return None


@settings(max_examples=300, deadline=None)
@given(
    patterns=st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=6, unique=True),
    text=st.one_of(st.sampled_from(LINES), st.text(alphabet=ALPHABET, max_size=12)),
    whole=st.booleans(),
)
def test_the_first_match_is_the_one_each_pattern_alone_finds(patterns, text, whole):
    m = first_match(patterns, text, whole=whole)
    assert (m and (m.re.pattern, m.span(), m.groups())) == alone(patterns, text, whole)
