"""Golden samples: what newsclean makes of the sample pages, and whether that is right.

Each sample page is cleaned with the rule file its folder is named after.
The output must equal ``expected/`` byte for byte (so every change of
output shows up in review; ``make golden`` rewrites it on purpose), and it
must agree with the hand-made gold reading of the page.  Cleaning the
cleaned text again must change nothing.
"""

from __future__ import annotations

import pytest

from newsclean.pipeline import clean_text
from newsclean.render import records
from tests.golden import all_samples, differences

SAMPLES = all_samples()
IDS = [s.name for s in SAMPLES]


@pytest.fixture(scope="module", params=SAMPLES, ids=IDS)
def cleaned(request):
    sample = request.param
    return sample, sample.run()


def test_output_is_the_expected_output(cleaned):
    sample, result = cleaned
    expected = sample.expected()
    assert expected, f"{sample.expected_dir} is missing: run `make golden` and review what it writes"
    assert sample.rendered(result) == expected, f"{sample.name}: output changed; if on purpose, run `make golden`"


def test_output_agrees_with_the_gold_reading(cleaned):
    sample, result = cleaned
    assert differences(result, sample.gold()) == []


def test_cleaning_clean_text_again_changes_nothing(cleaned):
    sample, result = cleaned
    for record in records(result):
        for text in record["headline"] + record["paragraphs"]:
            again = clean_text(text, sample.rules)
            assert "".join(b.text for b in again.page.blocks) == text
