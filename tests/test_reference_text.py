"""On the reference page, the text passes change no character that was already right.

The structure passes are improved separately, so the reading is compared with the same
rules with and without the text passes, not with a fixed number: the body CER against the
gold must not rise, and no Han character may be invented.
"""

from __future__ import annotations

from .conftest import reference_scores

TEXT_PASSES = ("map_radicals", "replace_lines", "repair_punctuation", "fix_quotes", "convert_chinese", "replace")


def scores(cli, page, out, *options) -> dict:
    result = cli("clean", page, "-o", out, "-q", *options)
    assert result.exit_code == 0, result.stderr
    return reference_scores(out)


def test_the_text_passes_keep_every_right_character(cli, reference_page, tmp_path):
    with_passes = scores(cli, reference_page, tmp_path / "with")
    disabled = [f"--disable={name}" for name in TEXT_PASSES]
    without = scores(cli, reference_page, tmp_path / "without", *disabled)
    assert with_passes["cer"] <= without["cer"]
    assert with_passes["cer_loose"] <= without["cer_loose"]
    assert with_passes["invented_han"] == 0
    assert with_passes["lost_han"] <= without["lost_han"]
