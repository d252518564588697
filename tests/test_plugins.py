"""Third-party passes: registered through the entry-point group `newsclean.passes`.

Each test installs a tiny distribution (a module and its .dist-info) into a
folder on sys.path, the way pip would, so the real entry-point machinery runs.
"""

from __future__ import annotations

import pytest

from newsclean.passes import find_pass
from newsclean.pipeline import clean_text
from newsclean.ruleset import RuleError, load_rules

from .conftest import write_rules
from .pages import PAGE
from .plugin_site import install

STAMP_MODULE = '''
"""stamp: end every paragraph with a mark (a plugin pass for the tests)."""
from dataclasses import dataclass

from newsclean.model import PARAGRAPH
from newsclean.options import option
from newsclean.passes.base import Pass


@dataclass
class Options:
    mark: str = option(" [checked]", "text added at the end of every paragraph")


class Stamp(Pass):
    name = "stamp"
    summary = "add a mark at the end of every paragraph"
    Options = Options

    def run(self, page, options):
        for block in page.page.blocks:
            if block.kind == PARAGRAPH:
                page.edit(block, block.text + options.mark, "stamped")


class NoSummary(Pass):
    Options = Options


NOT_A_PASS = {"name": "stamp"}
'''
BROKEN_MODULE = 'raise ImportError("needs libfoo, which is not installed")\n'


@pytest.fixture
def plugins(tmp_path, monkeypatch):
    install(
        tmp_path / "site",
        {"newsclean_stamp.py": STAMP_MODULE, "newsclean_broken.py": BROKEN_MODULE},
        {
            "stamp": "newsclean_stamp:Stamp",
            "broken": "newsclean_broken:Anything",
            "not_a_pass": "newsclean_stamp:NOT_A_PASS",
            "no_summary": "newsclean_stamp:NoSummary",
            "join_lines": "newsclean_stamp:Stamp",
        },
        monkeypatch,
    )


def test_a_plugin_pass_is_listed_with_its_options(cli, plugins):
    result = cli("passes")
    assert result.exit_code == 0
    assert "stamp: add a mark at the end of every paragraph\n" in result.stdout
    assert "    mark (text, default ' [checked]'): text added at the end of every paragraph\n" in result.stdout
    markdown = cli("passes", "--markdown").stdout
    assert "## stamp" in markdown and "| `mark` | text | `' [checked]'` |" in markdown


def test_broken_plugins_are_reported_on_stderr_and_skipped(cli, plugins):
    result = cli("passes")
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert (
        "warning: plugin 'broken' (newsclean_broken:Anything) skipped: needs libfoo, which is not installed" in warnings
    )
    assert (
        "warning: plugin 'not_a_pass' (newsclean_stamp:NOT_A_PASS) skipped: "
        "it is not a subclass of newsclean.passes.base.Pass" in warnings
    )
    assert (
        "warning: plugin 'no_summary' (newsclean_stamp:NoSummary) skipped: "
        "it has no summary, the one line `newsclean passes` shows" in warnings
    )
    assert "warning: plugin 'join_lines' (newsclean_stamp:Stamp) skipped: a built-in pass has that name" in warnings
    assert "warning" not in result.stdout
    for name in ("broken", "not_a_pass", "no_summary"):
        assert f"\n{name}:" not in result.stdout


def test_a_plugin_pass_runs_from_a_rule_file(cli, plugins, tmp_path):
    steps = "  - normalize_text\n  - classify_lines\n  - join_lines\n"
    (tmp_path / "plain").mkdir()
    plain_rules = write_rules(tmp_path / "plain", f"extends: default\npipeline:\n{steps}  - split_articles\n")
    rules = write_rules(
        tmp_path, f"extends: default\npipeline:\n{steps}  - split_articles\n  - stamp: {{mark: ' ✓'}}\n"
    )
    result = cli("clean", PAGE, "--rules", rules, "--format", "jsonl", "--explain")
    assert result.exit_code == 0
    assert f"{PAGE}:" in result.stderr and ": stamp: edit: stamped" in result.stderr
    plain = clean_text(PAGE.read_text(encoding="utf-8"), load_rules(plain_rules))
    stamped = clean_text(PAGE.read_text(encoding="utf-8"), load_rules(rules))
    assert [[p.text + " ✓" for p in a.body] for a in plain.articles] == [
        [p.text for p in a.body] for a in stamped.articles
    ]


def test_a_plugin_options_are_checked_like_any_pass(plugins, tmp_path):
    rules = write_rules(tmp_path, "pipeline:\n  - stamp: {mrak: '!'}\n")
    with pytest.raises(RuleError) as raised:
        load_rules(rules)
    assert raised.value.messages == [f"{rules}:2:13: pipeline[0].stamp: unknown option 'mrak' (did you mean 'mark'?)"]


def test_a_rule_file_naming_a_broken_plugin_says_why_it_is_missing(cli, plugins, tmp_path):
    rules = write_rules(tmp_path, "extends: default\npipeline:\n  - normalize_text\n  - broken\n")
    result = cli("rules", "check", rules)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{rules}:4:5: pipeline[1]: plugin 'broken' (newsclean_broken:Anything) skipped: "
        "needs libfoo, which is not installed\n"
    )


def test_everything_else_works_with_broken_plugins_installed(cli, plugins, tmp_path):
    assert find_pass("join_lines").__module__ == "newsclean.passes.join_lines"  # the built-in, not the plugin
    result = cli("clean", PAGE, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "plugin" not in result.stderr
    assert cli("rules", "check", "default").exit_code == 0
