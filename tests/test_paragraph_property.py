"""Property: paragraphs wrapped at any column width come back exactly as they were written.

Hypothesis takes paragraphs of Chinese text (from the sample pages' gold
readings, which we wrote), lays them out the way a PDF text layer dumps a
column (``tests/support/pagesim.py``: a random width, the indent dropped,
blank lines at random column breaks and some paragraph breaks, blank lines
before quotes), cleans the dump with the default rules, and counts the
paragraphs that come back exactly.  The rate over all examples is printed;
below 95% the test fails.  Examples are derandomized, so a run is
reproducible.
"""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import clean_text
from newsclean.chars import ends_sentence
from tests.golden import gold_articles
from tests.support.pagesim import dump_paragraphs

REQUIRED_RATE = 0.95
EXAMPLES = 150


def _corpus() -> list[str]:
    """Whole Chinese paragraphs of the default samples' gold readings.

    Left out: paragraphs cut off at a jump line (they end mid-sentence, so no
    reader could tell where they end), and paragraphs with a space, which the
    layout drops where it falls at a line break.
    """
    return [
        p
        for article in gold_articles()
        for p in article["paragraphs"]
        if len(p) >= 20 and ends_sentence(p) and " " not in p and not re.search(r"[A-Za-z]{4}", p)
    ]


CORPUS = _corpus()


@st.composite
def pages(draw):
    chosen = draw(st.lists(st.sampled_from(range(len(CORPUS))), min_size=2, max_size=6, unique=True))
    width = draw(st.integers(min_value=8, max_value=30))
    column_lines = draw(st.one_of(st.none(), st.integers(min_value=6, max_value=30)))
    blank_at_break = draw(st.sampled_from([0.0, 0.5, 0.8, 1.0]))
    seed = draw(st.integers(min_value=0, max_value=2**16))
    paragraphs = [CORPUS[i] for i in chosen]
    lines = dump_paragraphs(
        paragraphs, width, random.Random(seed), column_lines=column_lines, blank_at_break=blank_at_break
    )
    return paragraphs, "\n".join(lines) + "\n"


def test_wrapped_paragraphs_come_back_exactly(capsys):
    counts = {"paragraphs": 0, "exact": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None)
    @given(pages())
    def clean_one(page):
        paragraphs, dump = page
        result = clean_text(dump)
        out = [b.text for a in result.articles for b in a.body]
        counts["paragraphs"] += len(paragraphs)
        counts["exact"] += sum(1 for p in paragraphs if p in out)

    clean_one()
    rate = counts["exact"] / counts["paragraphs"]
    with capsys.disabled():
        print(f"\nparagraphs back exactly: {counts['exact']}/{counts['paragraphs']} = {rate:.1%}")
    assert rate >= REQUIRED_RATE
