"""The documentation tells the truth: the generated pass reference is current, the README's examples work."""

from __future__ import annotations

import re
import tomllib

from newsclean.pipeline import clean_text
from newsclean.reference import passes_markdown
from newsclean.ruleset import load_rules

from .conftest import ROOT
from .plugin_site import install

PASSES_PAGE = ROOT / "docs" / "passes.md"
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Fenced code blocks: (language, text).
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```$", README, flags=re.MULTILINE | re.DOTALL)


def block_named(language: str, first_line: str) -> str:
    """The README code block in ``language`` whose first line is ``first_line``."""
    (text,) = [text for lang, text in BLOCKS if lang == language and text.startswith(first_line + "\n")]
    return text


def test_docs_passes_md_is_up_to_date():
    written = PASSES_PAGE.read_text(encoding="utf-8") if PASSES_PAGE.exists() else ""
    assert written == passes_markdown(), (
        "docs/passes.md is out of date with the passes and their options: run `make docs` and commit the result"
    )


def test_the_readme_starts_with_the_two_commands_and_links_the_pass_reference():
    first_screen = README.splitlines()[:12]
    assert any(line.startswith("make demo") for line in first_screen)
    assert any(line.startswith("make test") for line in first_screen)
    assert "(docs/passes.md)" in README


def install_readme_plugin(site, monkeypatch) -> None:
    module = block_named("python", "# newsclean_ads/__init__.py")
    entry_points = tomllib.loads(block_named("toml", "# the plugin's pyproject.toml"))["project"]["entry-points"]
    install(site, {"newsclean_ads/__init__.py": module}, entry_points["newsclean.passes"], monkeypatch)


def test_the_readme_rule_files_check_as_it_says(cli, tmp_path, monkeypatch):
    install_readme_plugin(tmp_path / "site", monkeypatch)
    monkeypatch.chdir(tmp_path)
    rule_files = {}
    for language, text in BLOCKS:
        name = re.match(r"# (\S+\.yaml)\n", text)
        if language == "yaml" and name:
            rule_files[name.group(1)] = text
            (tmp_path / name.group(1)).write_text(text, encoding="utf-8")
    assert {"my-paper.yaml", "bad.yaml", "with-ads.yaml"} <= set(rule_files)
    for name in rule_files:
        result = cli("rules", "check", name)
        if name == "bad.yaml":
            shown = block_named("console", "$ newsclean rules check bad.yaml").splitlines()[1:]
            assert result.stderr.splitlines() == shown
            assert result.exit_code == 2
        else:
            assert (result.exit_code, result.stderr) == (0, ""), name


def test_the_readme_worked_example_does_what_its_comments_say(tmp_path):
    path = tmp_path / "my-paper.yaml"
    path.write_text(block_named("yaml", "# my-paper.yaml"), encoding="utf-8")
    rules, default = load_rules(path), load_rules("default")
    steps = {s.name: s for s in rules.steps}
    assert [s.name for s in rules.steps] == [s.name for s in default.steps]
    assert steps["join_lines"].options["blank_lines"] == "break"
    assert steps["classify_lines"].options["bylines"] == default.step("classify_lines").options["bylines"]
    assert steps["classify_lines"].options["furniture"][0] == "^RIVERTON DAILY"
    assert steps["convert_chinese"].enabled and steps["convert_chinese"].options["conversion"] == "s2tw"
    (rule,) = steps["replace"].options["rules"]
    assert (rule.pattern, rule.replacement) == (r"(?<=\d)O(?=\d)", "0")
    assert steps["split_articles"].options == default.step("split_articles").options
    assert rules.output.filename == "{stem}-{n:03d}-{slug}.md"


def test_the_readme_plugin_example_works(cli, tmp_path, monkeypatch):
    install_readme_plugin(tmp_path / "site", monkeypatch)
    (tmp_path / "with-ads.yaml").write_text(block_named("yaml", "# with-ads.yaml"), encoding="utf-8")
    assert "strip_ads: mark advertisement lines as furniture" in cli("passes").stdout
    page = "本报讯 3月9日，区里召开会议，\n部署今年工作。\n推广 云溪牌茶叶 电话12345\n"
    result = clean_text(page, load_rules(tmp_path / "with-ads.yaml"))
    assert [b.text for b in result.residue] == ["推广 云溪牌茶叶 电话12345"]
    assert [b.text for a in result.articles for b in a.body] == ["本报讯 3月9日，区里召开会议，部署今年工作。"]
