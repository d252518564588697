"""The command line as a user and a script meet it: files, streams, exit codes, stderr.

Through Click's test runner (the `cli` fixture), which keeps stdout and stderr apart.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

import newsclean
from newsclean.model import PARAGRAPH, Article, Block, Page
from newsclean.passes import BUILTIN_PASSES
from newsclean.pipeline import Result, clean_text
from newsclean.render import render_stream
from newsclean.ruleset import load_rules

from .conftest import ROOT, reference_scores
from .pages import PAGE

SAMPLES = ROOT / "samples" / "default"
# Its masthead, folio and editor line belong to no article: a page with residue.
PAGE_WITH_RESIDUE = SAMPLES / "zh-captions-jump.txt"
ENGLISH_PAGE = SAMPLES / "en-jump-captions.txt"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"


def split_stream(stream: str) -> list[tuple[dict, str]]:
    """(front matter, body) of each document of a Markdown stream, split at the '---' lines as the help says."""
    parts = re.split(r"^---$\n?", stream, flags=re.MULTILINE)
    assert parts[0] == "", "the stream starts with a front-matter block"
    assert len(parts) % 2 == 1, "every document has exactly two '---' lines"
    return [(yaml.safe_load(parts[i]), parts[i + 1]) for i in range(1, len(parts), 2)]


def article_count(page: Path) -> int:
    return len(clean_text(page.read_text(encoding="utf-8"), source=str(page)).articles)


# -- clean -o: files ------------------------------------------------------------------
def test_clean_to_a_folder_writes_one_file_per_article_and_the_residue(cli, tmp_path):
    result = cli("clean", PAGE_WITH_RESIDUE, "-o", tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ""
    articles = sorted(p.name for p in tmp_path.glob("zh-captions-jump-*.md"))
    assert len(articles) == article_count(PAGE_WITH_RESIDUE) > 0
    assert [name[len("zh-captions-jump-") :][:2] for name in articles] == [
        f"{n:02d}" for n in range(1, len(articles) + 1)
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_zh-captions-jump-residue.md", *articles]
    residue = (tmp_path / "_zh-captions-jump-residue.md").read_text(encoding="utf-8")
    assert "责任编辑：郑雅琳" in residue
    for name in articles:
        ((front, body),) = split_stream((tmp_path / name).read_text(encoding="utf-8"))
        assert front["source"] == str(PAGE_WITH_RESIDUE)
        assert re.fullmatch(r"\d+-\d+", front["lines"])
        assert body.strip()


def test_a_repair_that_changes_characters_is_counted_in_the_summary(cli):
    result = cli("clean", "-", input="本报讯 3月9日，市民说:好...\n")
    assert (
        result.stderr == "<stdin>: 1 article; characters: 16 in, 15 in articles, 0 in residue "
        "(-1 by the passes' repairs, see --explain)\n"
    )


def test_clean_reports_the_character_count_on_stderr(cli, tmp_path):
    result = cli("clean", PAGE, "-o", tmp_path)
    counts = clean_text(PAGE.read_text(encoding="utf-8")).counts()
    assert result.stderr == (
        f"{PAGE}: {article_count(PAGE)} articles; characters: {counts.chars_in:,} in, "
        f"{counts.chars_in_articles:,} in articles, {counts.chars_in_residue:,} in residue\n"
    )


def test_clean_jsonl_to_a_folder_writes_one_file_per_page(cli, tmp_path):
    assert cli("clean", PAGE, "-o", tmp_path, "--format", "jsonl").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["zh-cluster-end.jsonl"]
    lines = (tmp_path / "zh-cluster-end.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == article_count(PAGE)


# -- clean to stdout: streams ---------------------------------------------------------
def test_clean_stdin_writes_a_markdown_stream_that_splits_into_articles(cli):
    text = PAGE_WITH_RESIDUE.read_text(encoding="utf-8")
    result = cli("clean", "-", input=text)
    assert result.exit_code == 0
    documents = split_stream(result.stdout)
    articles = [(front, body) for front, body in documents if not front.get("residue")]
    assert len(articles) == article_count(PAGE_WITH_RESIDUE)
    for front, body in articles:
        assert front["source"] == "<stdin>"
        assert re.fullmatch(r"\d+-\d+", front["lines"])
        assert isinstance(front["continued"], bool)
        assert body.strip()
    residue_front, residue_body = documents[-1]
    assert residue_front == {"source": "<stdin>", "residue": True}
    assert "责任编辑：郑雅琳" in residue_body


def test_a_line_of_dashes_cannot_break_the_stream(cli):
    # Without join_lines every line stays a line of the residue, '---' included.
    result = cli("clean", "-", "--disable", "join_lines", input="本报讯 3月9日，区里召开会议。\n---\n")
    ((front, body),) = split_stream(result.stdout)
    assert front["residue"] is True
    assert "\\---" in body.splitlines()


def test_a_paragraph_of_dashes_cannot_break_the_stream():
    dashes, text = Block(PARAGRAPH, "---", 2, 2), Block(PARAGRAPH, "本报讯 正文。", 1, 1)
    page = Page("p.txt", ("本报讯 正文。", "---"), [text, dashes])
    page.articles.append(Article(body=[text, dashes]))
    ((front, body),) = split_stream(render_stream(Result(page, load_rules("default"))))
    assert front["lines"] == "1-2"
    assert body.strip().split("\n\n") == ["本报讯 正文。", "\\---"]


def test_jsonl_gives_one_json_object_per_line(cli):
    result = cli("clean", "-", "--format", "jsonl", input=PAGE_WITH_RESIDUE.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    articles = [r for r in records if r["type"] == "article"]
    assert len(articles) == article_count(PAGE_WITH_RESIDUE)
    assert [r["n"] for r in articles] == list(range(1, len(articles) + 1))
    for record in articles:
        assert record["source"] == "<stdin>"
        assert record["paragraphs"] and all(isinstance(p, str) for p in record["paragraphs"])
    assert records[-1]["type"] == "residue"
    assert any("责任编辑" in block["text"] for block in records[-1]["blocks"])


def test_jsonl_of_the_reference_page(cli, reference_page):
    result = cli("clean", "-", "--format", "jsonl", input=reference_page.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["type"] for r in records} <= {"article", "residue"}


def test_the_scorer_finds_nothing_lost_or_invented_on_the_reference_page(cli, reference_page, tmp_path):
    assert cli("clean", reference_page, "-o", tmp_path / "out", "-q").exit_code == 0
    scores = reference_scores(tmp_path / "out")
    assert (scores["lost_han"], scores["invented_han"]) == (0, 0)


# -- --explain and --quiet ------------------------------------------------------------
def test_explain_prints_each_change_with_pass_and_dump_lines(cli):
    page = "本报讯\u00a03月9日，区里召开\u200b会议，\n部署今年工作。\n"
    plain = cli("clean", "-", input=page)
    explained = cli("clean", "-", "--explain", input=page)
    assert explained.stdout == plain.stdout  # explanations never mix with the data
    heads = [line for line in explained.stderr.splitlines() if line.startswith("<stdin>:")]
    shape = re.compile(r"<stdin>:(\d+)(?:-(\d+))?: (\w+): (\w+)")
    for head in heads[:-1]:  # the last one is the page summary
        first, last, pass_name, _ = shape.match(head).groups()
        assert pass_name in BUILTIN_PASSES
        assert 1 <= int(first) <= int(last or first) <= 2
    assert "<stdin>:1: normalize_text: edit: invisible characters or odd spaces" in heads
    assert "    - 本报讯\u00a03月9日，区里召开\u200b会议，" in explained.stderr
    assert "    + 本报讯 3月9日，区里召开会议，" in explained.stderr
    assert any(h.startswith("<stdin>:1-2: join_lines: join") for h in heads)


def test_quiet_prints_nothing_on_stderr_when_all_is_well(cli, tmp_path):
    result = cli("clean", PAGE, "-o", tmp_path, "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert any(tmp_path.iterdir())


def test_quiet_keeps_errors_and_warnings_and_drops_the_summaries(cli, tmp_path):
    # An opening quote that is never closed: fix_quotes warns about it.
    pages = tmp_path / "in"
    pages.mkdir()
    open_quote = pages / "quote.txt"
    open_quote.write_text("本报讯 3月9日，他说：“会议开始。\n部署今年工作。\n", encoding="utf-8")
    binary = pages / "scan.txt"
    binary.write_bytes(BINARY)
    warning = f"warning: {open_quote}:1-2: fix_quotes: unbalanced quotes in article 1: "
    error = f"error: {binary}: looks binary"
    runs = [
        (cli("clean", open_quote, binary), cli("clean", open_quote, binary, "-q")),
        (cli("batch", pages, "-o", tmp_path / "loud"), cli("batch", pages, "-o", tmp_path / "quiet", "-q")),
    ]
    for loud, quiet in runs:
        assert loud.exit_code == quiet.exit_code == 1
        lines = quiet.stderr.splitlines()
        assert [line.split(":")[0] for line in lines] == ["warning", "error"]
        assert lines[0].startswith(warning) and lines[1].startswith(error)
        assert len(loud.stderr.splitlines()) > len(lines)  # a page summary, or the summary table
        assert set(lines) <= set(loud.stderr.splitlines())  # the same lines, as they are, said loud or quiet


# -- --enable / --disable -------------------------------------------------------------
def test_disable_switches_a_pass_off(cli):
    result = cli("clean", "-", "--disable", "split_articles", input=PAGE.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    ((front, body),) = split_stream(result.stdout)  # no article: the whole page is residue
    assert front["residue"] is True
    assert "本报讯 3月12日" in body


def test_enable_switches_on_a_pass_a_rule_file_switched_off(cli, tmp_path):
    rules = tmp_path / "off.yaml"
    rules.write_text("extends: default\npasses:\n  split_articles: {enabled: false}\n", encoding="utf-8")
    text = PAGE.read_text(encoding="utf-8")
    assert len(split_stream(cli("clean", "-", "--rules", rules, input=text).stdout)) == 1
    enabled = cli("clean", "-", "--rules", rules, "--enable", "split_articles", input=text)
    assert len(split_stream(enabled.stdout)) == article_count(PAGE) > 1


def test_enabling_an_unknown_pass_exits_2_and_lists_the_pipeline(cli):
    pipeline = ", ".join(step.name for step in load_rules("default").steps)
    for option in ("--enable", "--disable"):
        result = cli("clean", PAGE, option, "join_line")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "pass 'join_line' is not in the pipeline (did you mean 'join_lines'?)" in result.stderr
        assert result.stderr.rstrip().endswith(f"the pipeline is: {pipeline}")


# -- bad pages ------------------------------------------------------------------------
def test_a_missing_or_binary_page_exits_1_and_the_other_pages_still_come_out(cli, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(BINARY)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    result = cli("clean", missing, binary, PAGE, "-o", out)
    assert result.exit_code == 1
    assert f"error: {missing}: cannot read" in result.stderr
    assert f"error: {binary}: looks binary" in result.stderr
    assert len(list(out.glob("zh-cluster-end-*.md"))) == article_count(PAGE)


def test_a_bad_page_does_not_stop_the_stream(cli, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(BINARY)
    result = cli("clean", binary, PAGE)
    assert result.exit_code == 1
    assert f"{binary}: looks binary" in result.stderr
    assert len(split_stream(result.stdout)) == article_count(PAGE)


def test_a_page_that_is_not_in_the_encoding_given_is_named_with_its_line(cli, tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes("本报讯 3月9日，区里召开会议。\n第二行\n".encode("gb18030"))
    result = cli("clean", page, "--encoding", "utf-8")
    assert result.exit_code == 1
    assert f"error: {page}:1: not valid utf-8" in result.stderr
    assert "--encoding" in result.stderr


def test_an_output_folder_that_cannot_be_made_is_an_error_naming_the_page(cli, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should go", encoding="utf-8")
    result = cli("clean", PAGE, "-o", blocker / "out")
    assert result.exit_code == 1
    assert f"error: {PAGE}: cannot write output" in result.stderr


# -- batch ----------------------------------------------------------------------------
def test_batch_mirrors_the_input_tree_and_exits_1_when_a_page_is_bad(cli, tmp_path):
    dumps = tmp_path / "dumps"
    (dumps / "2024" / "03").mkdir(parents=True)
    (dumps / "2024" / "03" / "p1.txt").write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (dumps / "p2.txt").write_text(ENGLISH_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (dumps / "bad.txt").write_bytes(BINARY)
    (dumps / "notes.md").write_text("not a page dump", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("batch", dumps, "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "bad.txt" in result.stderr and "looks binary" in result.stderr
    assert len(list((out / "2024" / "03" / "p1").glob("p1-*.md"))) == article_count(PAGE)
    assert len(list((out / "p2").glob("p2-*.md"))) == article_count(ENGLISH_PAGE)
    assert not (out / "notes").exists() and not (out / "bad").exists()


def test_batch_with_a_glob_and_quiet(cli, tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "page.dump").write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (dumps / "other.txt").write_bytes(BINARY)
    result = cli("batch", dumps, "-o", tmp_path / "out", "--glob", "*.dump", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == ["page"]


def test_batch_with_nothing_to_do_is_a_usage_error(cli, tmp_path):
    result = cli("batch", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "no files match '*.txt'" in result.stderr


# -- passes, rules, version -----------------------------------------------------------
def test_passes_lists_every_pass_with_its_options(cli):
    result = cli("passes")
    assert result.exit_code == 0
    names = [line.split(":")[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert names == list(BUILTIN_PASSES)
    assert "    blank_lines (auto | break | ignore, default 'auto'): " in result.stdout


def test_rules_show_prints_the_resolved_pipeline(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("mine.yaml").write_text(
        "extends: default\npasses:\n  join_lines: {blank_lines: break, enabled: false}\noutput: {format: jsonl}\n",
        encoding="utf-8",
    )
    result = cli("rules", "show", "mine.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == f"# files: mine.yaml -> {load_rules('default').name}"
    assert "  - join_lines:  # off" in lines
    assert '      blank_lines: "break"' in lines
    assert "  - split_articles:  # on" in lines
    assert '  format: "jsonl"' in lines


def test_rules_show_of_a_bad_file_exits_2(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: nowhere.yaml\n", encoding="utf-8")
    result = cli("rules", "show", bad)
    assert result.exit_code == 2
    assert result.stderr == f"{bad}:1:10: extends: no rule file 'nowhere.yaml'\n"


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"newsclean, version {newsclean.__version__}\n"


def test_python_dash_m_newsclean():
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: newsclean [OPTIONS] COMMAND [ARGS]...")
    for command in ("clean", "batch", "passes", "rules"):
        assert f"  {command} " in result.stdout


def test_run_returns_the_exit_code_instead_of_exiting(capsys):
    from newsclean.cli import run

    assert run(["rules", "check", "no-such-rules.yaml"]) == 2
    assert "no-such-rules.yaml" in capsys.readouterr().err
