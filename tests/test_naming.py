"""Article file names are safe on every OS whatever the headline says, and never overwrite each other."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.model import HEADLINE, PARAGRAPH, Article, Block, Page
from newsclean.naming import MAX_NAME_BYTES, article_filename, page_filename, safe_component, slugify
from newsclean.pipeline import Result
from newsclean.render import render_files
from newsclean.ruleset import load_rules

from .conftest import ROOT
from .pages import PAGE

TEMPLATE = load_rules("default").output.filename
RESIDUE = load_rules("default").output.residue
WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
# Headlines built from what makes names dangerous: separators, dots, Windows' forbidden
# characters, look-alike slashes that NFKC turns into '/', spaces, Han and Latin text.
DANGEROUS = st.text(
    st.sampled_from(list('/\\.:*?"<>|\x00\n\t ／⁄∕﹒．。·-_') + list("新闻报道区领导调研") + list("AbcCONnul19")),
    max_size=80,
)


def assert_safe_name(name: str) -> None:
    assert name not in ("", ".", "..")
    assert not set(name) & WINDOWS_FORBIDDEN, name
    assert PurePosixPath(name).name == name and PureWindowsPath(name).name == name
    assert not name.endswith((" ", "."))
    assert name.lower().split(".")[0].rstrip(" ") not in WINDOWS_DEVICES
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


@settings(max_examples=300, deadline=None)
@given(headline=DANGEROUS, stem=DANGEROUS, n=st.integers(1, 999))
def test_headline_text_can_never_make_an_unsafe_name(headline, stem, n):
    assert "/" not in slugify(headline) and ".." not in slugify(headline)
    assert_safe_name(article_filename(TEMPLATE, stem or "page", n, headline))
    assert_safe_name(page_filename(RESIDUE, stem or "page"))


@pytest.mark.parametrize(
    "headline", ["../../etc/passwd", "..", "a/../../b", "..\\..\\Windows\\system.ini", "／etc／passwd", "．．／x"]
)
def test_path_tricks_in_a_headline_stay_one_name(headline):
    name = article_filename(TEMPLATE, "page", 1, headline)
    assert name.startswith("page-01-") and name.endswith(".md")
    assert_safe_name(name)


def test_long_chinese_headlines_fit_in_255_bytes():
    name = article_filename(TEMPLATE, "2024-03-12-第05版", 7, "区委统一战线工作领导小组举行第七次全体扩大会议" * 10)
    assert name.startswith("2024-03-12-第05版-07-区委统一战线")
    assert name.endswith(".md")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_a_long_page_name_keeps_the_article_numbers_apart():
    stem = "云溪时报" * 40  # 480 bytes in UTF-8
    names = [article_filename(TEMPLATE, stem, n, "全区中小学课后服务实现应开尽开愿留尽留") for n in (1, 2, 3)]
    assert len(set(names)) == 3
    for n, name in enumerate(names, 1):
        assert f"-{n:02d}-" in name and name.endswith(".md")
        assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    residue = page_filename(RESIDUE, stem)
    assert residue.startswith("_") and residue.endswith("-residue.md") and residue not in names
    assert len(residue.encode("utf-8")) <= MAX_NAME_BYTES


@pytest.mark.parametrize("device", ["CON", "con", "Nul", "aux", "PRN", "COM1", "lpt9", "con "])
def test_windows_device_names_are_never_a_file_name(device):
    assert safe_component(device).startswith("_")
    assert safe_component(f"{device}.md").startswith("_")
    assert_safe_name(article_filename("{stem}.{n}.md", device, 1, ""))
    assert_safe_name(article_filename("{slug}.{n}.md", "page", 1, device))


def test_names_without_a_headline():
    assert article_filename(TEMPLATE, "page", 2, "") == "page-02-untitled.md"
    assert article_filename(TEMPLATE, "page", 2, "“”——！") == "page-02-untitled.md"


def test_rendered_files_use_safe_names_inside_the_output_folder():
    headline = Block(HEADLINE, "../../etc/passwd 或 C:\\Windows", 1, 1)
    body = Block(PARAGRAPH, "本报讯 正文。", 2, 2)
    page = Page("x.txt", ("../../etc/passwd 或 C:\\Windows", "本报讯 正文。"), [headline, body])
    page.articles.append(Article(body=[body], headline=[headline]))
    ((name, text),) = render_files(Result(page, load_rules("default")), "../x")
    assert_safe_name(name)
    assert name == "-x-01-etc-passwd-或-c-windows.md"
    assert '  - "../../etc/passwd 或 C:\\\\Windows"' in text  # the headline itself is kept as printed


def test_clean_refuses_two_pages_that_would_share_file_names(cli, tmp_path):
    for folder, name in (("a", "page.txt"), ("b", "page.txt"), ("c", "PAGE.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    for other in ("b/page.txt", "c/PAGE.txt"):
        result = cli("clean", tmp_path / "a" / "page.txt", tmp_path / other, "-o", out)
        assert result.exit_code == 2
        assert f"pages {tmp_path / 'a' / 'page.txt'} and {tmp_path / other} would write files of the same names" in (
            result.stderr
        )
        assert "newsclean batch" in result.stderr
        assert not out.exists()
    # batch gives each page a folder of its own, so the same names do not clash there
    assert cli("batch", tmp_path, "-o", out, "-q").exit_code == 0
    assert {p.parent.relative_to(out) for p in out.rglob("*.md")} == {Path("a/page"), Path("b/page"), Path("c/PAGE")}


@pytest.mark.parametrize(
    "output",
    ['residue: "_residue.md"', 'filename: "{n:02d}.md"'],
    ids=["residue without stem", "articles without stem"],
)
def test_clean_never_lets_a_page_overwrite_the_files_of_another(cli, tmp_path, output):
    # The rule file, not the page name, decides the names: two pages of different names can still clash.
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"extends: default\noutput:\n  {output}\n", encoding="utf-8")
    first, second = tmp_path / "p1.txt", tmp_path / "p2.txt"
    text = (ROOT / "samples" / "default" / "zh-captions-jump.txt").read_text(encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("滨江", "江滨"), encoding="utf-8")  # the same names, other contents
    out = tmp_path / "out"
    result = cli("clean", first, second, "-o", out, "--rules", rules)
    assert result.exit_code == 1
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert error.startswith(f"error: {second}: not written: its file ")
    assert f"would overwrite the one {first} wrote" in error
    assert "newsclean batch" in error
    written = [p.read_text(encoding="utf-8") for p in out.iterdir()]
    assert written and all(f'source: "{first}"' in content for content in written)


def test_a_page_with_a_name_of_255_bytes_gets_its_json_lines_file(cli, tmp_path):
    page = tmp_path / ("云" * 83 + "xx.txt")  # 255 bytes: the longest name most file systems allow
    page.write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("clean", page, "-o", out, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    (written,) = out.iterdir()
    assert_safe_name(written.name)
    assert written.name.startswith("云" * 40) and written.name.endswith(".jsonl")
    articles = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert [a["n"] for a in articles] == list(range(1, len(articles) + 1)) and articles
