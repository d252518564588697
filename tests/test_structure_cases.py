"""The structure passes on their case tables (tests/cases/join_lines.yaml, ...).

Each case is a small dump; the default pipeline runs up to and including
the pass the table is named after, and the case says what must come out:
the paragraphs (join_lines), the headline lines (find_headlines), or the
kind of each line (classify_lines).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsclean.model import HEADLINE, PARAGRAPH, Page, PageEditor
from newsclean.ruleset import load_rules

CASES = Path(__file__).parent / "cases"


def cases(name: str) -> list:
    table = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["name"]) for case in table]


def run_until(name: str, text: str) -> Page:
    """The page after the default pipeline ran up to and including pass ``name``."""
    page = Page.from_text(text, "case.txt")
    for step in load_rules("default").steps:
        if step.enabled:
            step.pass_cls().run(PageEditor(page, step.name), step.build_options())
        if step.name == name:
            return page
    raise AssertionError(f"{name} is not in the default pipeline")


@pytest.mark.parametrize("case", cases("join_lines"))
def test_join_lines(case):
    page = run_until("join_lines", case["in"])
    assert [b.text for b in page.blocks if b.kind == PARAGRAPH] == case["paragraphs"]


@pytest.mark.parametrize("case", cases("find_headlines"))
def test_find_headlines(case):
    page = run_until("find_headlines", case["in"])
    assert [b.text.strip() for b in page.blocks if b.kind == HEADLINE] == case["headlines"]


@pytest.mark.parametrize("case", cases("classify_lines"))
def test_classify_lines(case):
    page = run_until("classify_lines", case["in"])
    assert [[b.kind, b.text.strip()] for b in page.blocks] == case["blocks"]
