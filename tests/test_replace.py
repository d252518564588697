"""User regex rules: run on their block kinds (and datelines with paragraphs), and stopped
(and reported with their file and line) when they run away on a page.  Their mistakes at
load time are cases of test_rule_errors.py."""

from __future__ import annotations

import pytest

from newsclean.model import PARAGRAPH, Block, Page, PageEditor
from newsclean.pipeline import clean_text
from newsclean.ruleset import load_rules

from .conftest import write_rules
from .support.outputs import summary

# (啊|啊啊)+$ tries every way to split the run before it fails at the full stop:
# exponential in the run's length, far beyond any time limit at 60 characters.
RUNAWAY = "(啊|啊啊)+$"
RUNAWAY_PAGE = "".join(f"本报讯 3月{n}日，{'啊' * 60}。\n\n" for n in (7, 8, 9))
RUNAWAY_RULES = f"""\
extends: default
passes:
  replace:
    timeout: 0.2
    rules:
      - pattern: '{RUNAWAY}'
        replacement: '啊'
      - pattern: '本报讯'
        replacement: '本报消息'
"""


def test_a_rule_runs_on_the_kinds_it_names(tmp_path):
    rules = write_rules(
        tmp_path,
        "extends: default\npasses:\n  replace:\n    rules:\n"
        "      - {pattern: '^■', replacement: '', kinds: [byline]}\n"
        "      - {pattern: '陈立新', replacement: '王某'}\n",
    )
    result = clean_text("■记者 陈立新\n本报讯 3月9日，陈立新参加调研。\n", load_rules(rules))
    (article,) = result.articles
    assert [b.text for b in article.bylines] == ["记者 陈立新"]
    assert [b.text for b in article.body] == ["本报讯 3月9日，王某参加调研。"]
    edit = next(c for c in result.journal if c.pass_name == "replace")
    assert edit.why == f"{rules}:5: rule '^■'"


def test_the_front_matter_dateline_follows_a_rule_on_paragraphs(cli, tmp_path):
    rules = write_rules(
        tmp_path,
        "extends: default\npasses:\n  replace:\n    rules:\n      - {pattern: 本报讯, replacement: 本报消息}\n",
    )
    result = cli("clean", "-", "--rules", rules, "-q", input="■记者 陈立新\n本报讯 3月9日，区委书记参加调研。\n")
    assert result.exit_code == 0
    assert 'dateline: "本报消息 3月9日"' in result.stdout.splitlines()
    assert "本报消息 3月9日，区委书记参加调研。" in result.stdout.splitlines()


def test_ocr_rules_give_a_misread_byline_mark_back_before_bylines_are_found():
    page = "口记者 孙立\n本报讯 3月15日，青桐街道首部加装电梯投入使用。\n日记者从区里获悉，\n"
    result = clean_text(page, "ocr")
    article = result.articles[0]
    assert [b.text for b in article.bylines] == ["■记者 孙立"]
    assert article.dateline == "本报讯 3月15日"
    assert any(b.text.endswith("日记者从区里获悉，") for b in result.page.blocks), "a line that goes on is no byline"


@pytest.mark.parametrize(
    ("wrapped", "rest"), [("日记者陈立新在现场看到", "，电梯已投入使用。"), ("日记者从区里", "获悉。")]
)
def test_ocr_rules_leave_a_date_wrapped_before_its_day_in_the_body(wrapped, rest):
    result = clean_text(f"本报讯 3月15\n{wrapped}\n{rest}\n", "ocr")
    assert [b.text for a in result.articles for b in a.body] == [f"本报讯 3月15{wrapped}{rest}"]


def test_a_runaway_rule_is_stopped_once_and_skipped_for_the_rest_of_the_page(tmp_path):
    rules = write_rules(tmp_path, RUNAWAY_RULES)
    step = load_rules(rules).step("replace")
    texts = [f"本报讯 3月{n}日，{'啊' * 60}。" for n in (7, 8, 9)]
    page = Page("page.txt", tuple(texts))
    page.blocks = [Block(PARAGRAPH, text, n, n) for n, text in enumerate(texts, 1)]
    step.pass_cls().run(PageEditor(page, "replace"), step.build_options())
    (warning,) = page.warnings()  # one time limit for the page, not one per block
    assert (warning.pass_name, warning.first) == ("replace", 1)
    assert warning.why == (
        f"{rules}:6: rule '{RUNAWAY}' ran longer than 0.2 s here and was stopped; "
        "it is skipped for the rest of the page"
    )
    assert [b.text for b in page.blocks] == [t.replace("本报讯", "本报消息") for t in texts], "the next rule still ran"


def test_clean_reports_the_runaway_rule_and_writes_the_page(cli, tmp_path):
    rules = write_rules(tmp_path, RUNAWAY_RULES)
    page = tmp_path / "page.txt"
    page.write_text(RUNAWAY_PAGE, encoding="utf-8")
    result = cli("clean", page, "--rules", rules, "-q")
    assert result.exit_code == 0
    assert f"replace: {rules}:6: rule '{RUNAWAY}' ran longer than 0.2 s" in result.stderr
    assert result.stderr.startswith(f"warning: {page}:")
    assert result.stdout.count("啊" * 60) == 3


def test_a_batch_goes_on_past_a_runaway_rule(cli, tmp_path):
    rules = write_rules(tmp_path, RUNAWAY_RULES)
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text(RUNAWAY_PAGE, encoding="utf-8")
    result = cli("batch", pages, "-o", tmp_path / "out", "--rules", rules, "-q")
    assert result.exit_code == 0
    for stem in ("a", "b"):
        written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out" / stem).glob("*.md"))
        assert written.count("啊" * 60) == 3


def test_a_runaway_line_pattern_is_reported_and_dropped_while_the_page_comes_out(tmp_path):
    # Among other patterns, so the runaway one is found inside the alternation that screens lines.
    bylines = f"['^记者', '{RUNAWAY}', '^通讯员']"
    rules = write_rules(tmp_path, f"extends: default\npasses:\n  classify_lines:\n    bylines: {bylines}\n")
    result = clean_text(RUNAWAY_PAGE, load_rules(rules))
    (warning,) = result.warnings
    assert warning.pass_name == "classify_lines" and warning.first == 1
    assert f"classify_lines.bylines pattern {RUNAWAY!r} ran longer than 1 s" in warning.why
    assert [a.dateline for a in result.articles] == ["本报讯 3月7日", "本报讯 3月8日", "本报讯 3月9日"]


def test_a_batch_redoes_pages_when_a_rule_changes_not_when_its_file_gains_a_comment(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text("本报讯 3月9日，区委书记参加调研。\n", encoding="utf-8")
    rule = "extends: default\npasses:\n  replace:\n    rules:\n      - {pattern: 调研, replacement: %s}\n"
    rules = write_rules(tmp_path, rule % "考察")
    assert summary(cli("batch", pages, "-o", "out", "--rules", rules).stderr)["cleaned"] == 2
    write_rules(tmp_path, "# my paper's rules\n" + rule % "考察")
    rerun = cli("batch", pages, "-o", "out", "--rules", "my.yaml")  # the same file, by a relative path
    assert summary(rerun.stderr)["unchanged (skipped)"] == 2
    write_rules(tmp_path, "# my paper's rules\n" + rule % "视察")
    assert summary(cli("batch", pages, "-o", "out", "--rules", "my.yaml").stderr)["cleaned"] == 2
