"""Shared fixtures: the project's paths, the shared reference material, the CLI runner, rule files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference" / "000_b121bc3c1cbfe4dc.txt"
REFERENCE_GOLD = SHARED / "reference" / "000_b121bc3c1cbfe4dc.gold.json"
SCORER = SHARED / "eval" / "score.py"
OPENCC_CASES = SHARED / "conformance" / "opencc-testcases.json"


def need_shared(path: Path) -> Path:
    """Skip (with the reason) where ../shared/ is not beside the checkout; CI has it."""
    if not path.exists():
        pytest.skip(f"{path} is not here: the shared reference material sits beside the checkout in CI")
    return path


@pytest.fixture
def reference_page() -> Path:
    return need_shared(REFERENCE)


def reference_scores(out: Path) -> dict:
    """The scorer's figures (../shared/eval/score.py) for what newsclean wrote from the reference page to ``out``."""
    report = out.with_name(f"{out.name}-score.json")
    command = [sys.executable, need_shared(SCORER), out, "--gold", need_shared(REFERENCE_GOLD), "--dump", REFERENCE]
    subprocess.run([str(part) for part in command + ["--json", report]], capture_output=True, check=True, timeout=120)
    return json.loads(report.read_text(encoding="utf-8"))


def write_rules(folder: Path, text: str, name: str = "my.yaml") -> Path:
    """Write a rule file for a test into ``folder``; returns its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cli():
    """Invoke the newsclean command line; returns the click Result (exit_code, stdout, stderr)."""
    from newsclean.cli import main

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
