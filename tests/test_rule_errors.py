"""Rule-file mistakes get compiler-style messages: `file:line:col: path: message`, all of them at once.

The cases are data (tests/cases/rule_errors.yaml, and user_rule_errors.yaml for users' regex
rules): a rule file in, the exact lines out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from newsclean.ruleset import RuleError, check_rule_file, load_rules, shipped_rule_names, shipped_rules_dir

from .conftest import write_rules

CASES = Path(__file__).parent / "cases"
COMPILER_STYLE = re.compile(r"^\S+\.yaml:\d+:\d+: ")


def mistakes() -> list:
    """The cases of rule_errors.yaml (rule files) and user_rule_errors.yaml (users' regex rules)."""
    params = []
    for table in ("rule_errors", "user_rule_errors"):
        cases = yaml.safe_load((CASES / f"{table}.yaml").read_text(encoding="utf-8"))
        params += [pytest.param(case, id=f"{table}: {name}") for name, case in cases.items()]
    return params


@pytest.mark.parametrize("case", mistakes())
def test_rule_file_mistake_gets_its_message(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages then name the files as the user wrote them
    for name, text in case["files"].items():
        write_rules(tmp_path, text, name)
    checked = next(iter(case["files"]))
    expected = [e.replace("{shipped}", ", ".join(shipped_rule_names())) for e in case["errors"]]
    messages = check_rule_file(checked)
    assert messages == expected
    for message in messages:
        assert COMPILER_STYLE.match(message), f"names no file, line and column: {message}"
    with pytest.raises(RuleError) as raised:
        load_rules(checked)
    assert raised.value.messages == expected


THREE_MISTAKES = """\
extends: default
pipeline:
  - normalize_text
  - join_lines:
      blank_lines: sometimes
  - split_artciles
outptu:
  format: md
"""


def test_three_mistakes_give_three_lines_and_exit_2(cli, tmp_path):
    rules = tmp_path / "three.yaml"
    rules.write_text(THREE_MISTAKES, encoding="utf-8")
    result = cli("rules", "check", rules)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{rules}:5:20: pipeline[1].join_lines.blank_lines: must be one of auto, break, ignore, not 'sometimes'",
        f"{rules}:6:5: pipeline[2]: unknown pass 'split_artciles' (did you mean 'split_articles'?); "
        "`newsclean passes` lists them",
        f"{rules}:7:1: unknown key 'outptu' (did you mean 'output'?)",
    ]


def test_rules_check_reports_each_file(cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("extends: default\npasses:\n  find_headlines: {wider: 2.5}\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: default\npasses:\n  find_headlines: {wider: 2.5x}\n", encoding="utf-8")
    result = cli("rules", "check", good, bad)
    assert result.exit_code == 2
    assert result.stdout == f"{good}: ok\n"
    assert result.stderr == f"{bad}:3:27: passes.find_headlines.wider: expected a number, got '2.5x'\n"
    assert cli("rules", "check", good).exit_code == 0


def test_clean_with_a_bad_rule_file_exits_2_before_reading_pages(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pipeline:\n  - join_lnies\n", encoding="utf-8")
    result = cli("clean", "no-such-page.txt", "--rules", bad, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{bad}:2:5: pipeline[0]: unknown pass 'join_lnies' (did you mean 'join_lines'?)" in result.stderr
    assert "no-such-page.txt" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_rule_file_is_named(cli):
    result = cli("clean", "-", "--rules", "defualt", input="本报讯 测试。\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("defualt: no such rule file (did you mean 'default'?); shipped rule files: ")


def test_an_empty_rule_file_name_is_refused_not_read_as_the_default(cli):
    result = cli("clean", "-", "--rules", "", input="本报讯 测试。\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("'': no such rule file; shipped rule files: ")
    assert result.stdout == ""


@pytest.mark.parametrize("name", shipped_rule_names())
def test_shipped_rule_files_are_clean(name):
    assert check_rule_file(shipped_rules_dir() / f"{name}.yaml") == []
