"""Clean many pages: find them, clean each one, write its files, report.

One bad page must never stop a batch: every failure becomes a line in the
page's report and the batch goes on; the exit code says that something
failed.  ``clean_page_file`` is the unit of work, used by ``clean -o`` and
by ``batch`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import PassFailed, clean_text
from .reading import InputError, read_page
from .ruleset import RuleSet
from .writing import write_page


@dataclass
class PageReport:
    source: str
    articles: int = 0
    chars_in: int = 0
    chars_in_articles: int = 0
    chars_in_residue: int = 0
    warnings: int = 0
    error: str | None = None
    outputs: list[str] = field(default_factory=list)


def clean_page_file(
    path: str, out_dir: Path, rules: RuleSet, encoding: str | None = None, stem: str | None = None
) -> PageReport:
    """Read, clean and write one page; a failure is reported, not raised."""
    report = PageReport(path)
    try:
        text, source = read_page(path, encoding)
        result = clean_text(text, rules, source=source)
        written = write_page(result, out_dir, stem or Path(path).stem)
    except (InputError, PassFailed) as exc:
        report.error = str(exc)
        return report
    except OSError as exc:
        report.error = f"{path}: cannot write output: {exc}"
        return report
    counts = result.counts()
    report.articles = len(result.articles)
    report.chars_in = counts.chars_in
    report.chars_in_articles = counts.chars_in_articles
    report.chars_in_residue = counts.chars_in_residue
    report.warnings = len(result.warnings)
    report.outputs = [str(p) for p in written]
    return report


def find_pages(in_dir: Path, pattern: str) -> list[Path]:
    """Page dumps under ``in_dir`` (recursive) whose names match ``pattern``, in a stable order."""
    return sorted(p for p in in_dir.rglob(pattern) if p.is_file() and not p.name.startswith("."))


def page_out_dir(in_dir: Path, out_dir: Path, page: Path) -> Path:
    """The output tree mirrors the input tree, with a folder per page."""
    relative = page.relative_to(in_dir)
    return out_dir / relative.parent / page.stem
