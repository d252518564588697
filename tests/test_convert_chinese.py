"""convert_chinese: OpenCC's own cases pass for every conversion offered; pages and the CLI use it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsclean.passes.convert_chinese import CONVERSIONS, convert_text
from newsclean.pipeline import clean_text
from newsclean.render import article_markdown, records
from newsclean.ruleset import load_rules

from .conftest import OPENCC_CASES, need_shared

PAGE = "■记者 陈立新\n本报讯 3月9日，区委书记参加调研。\n"


def upstream_cases(conversion: str) -> list[tuple[str, str, str]]:
    cases = json.loads(need_shared(OPENCC_CASES).read_text(encoding="utf-8"))["cases"]
    return [(c["id"], c["input"], c["expected"][conversion]) for c in cases if conversion in c["expected"]]


@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_every_upstream_case_of_each_conversion_passes(conversion):
    cases = upstream_cases(conversion)
    assert cases, f"the conformance file has no case for {conversion}"
    wrong = [(case_id, convert_text(text, conversion), expected) for case_id, text, expected in cases]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert not wrong, f"{len(wrong)} of {len(cases)} {conversion} cases differ: {wrong[:3]}"


def converting(conversion: str, **options):
    rules = load_rules("default")
    step = rules.step("convert_chinese")
    step.enabled = True
    step.options.update(conversion=conversion, **options)
    return rules


def test_a_page_is_converted_and_its_front_matter_says_so():
    result = clean_text(PAGE, converting("s2t"))
    (article,) = result.articles
    assert [b.text for b in article.bylines] == ["■記者 陳立新"]
    assert article.dateline == "本報訊 3月9日"
    assert [b.text for b in article.body] == ["本報訊 3月9日，區委書記參加調研。"]
    assert 'converted: "s2t"' in article_markdown(records(result)[0]).splitlines()


def test_conversion_is_off_by_default():
    result = clean_text(PAGE)
    assert [b.text for b in result.articles[0].body] == ["本报讯 3月9日，区委书记参加调研。"]
    assert "converted" not in result.articles[0].flags


def test_the_cli_option_switches_conversion_on(cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = cli("clean", page, "--convert", "s2tw", "-q")
    assert result.exit_code == 0
    assert "本報訊 3月9日，區委書記參加調研。" in result.stdout
    assert 'converted: "s2tw"' in result.stdout


def test_the_cli_option_needs_the_pass_in_the_pipeline(cli, tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("pipeline:\n  - normalize_text\n  - join_lines\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = cli("clean", page, "--rules", rules, "--convert", "s2t")
    assert result.exit_code == 2
    assert "pass 'convert_chinese' is not in the pipeline" in result.stderr


def test_an_empty_phrase_is_a_rule_file_error(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("extends: default\npasses:\n  convert_chinese:\n    phrases: {'': 于}\n", encoding="utf-8")
    from newsclean.ruleset import check_rule_file

    assert check_rule_file(rules) == [f"{rules}:4:15: passes.convert_chinese.phrases: a phrase cannot be empty"]


def test_opencc_is_imported_only_when_a_run_converts():
    code = (
        "import sys, newsclean\n"
        "newsclean.clean_text('本报讯 3月9日，区委书记参加调研。')\n"
        "print('opencc' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]
