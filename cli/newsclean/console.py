"""Everything newsclean shows on the terminal: progress, summaries, explanations.

This is the only module that imports rich, and only the commands that show
a progress bar or a table import it, so that the library and a quick
``newsclean clean`` stay fast.  Diagnostics go to stderr; stdout carries
data only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .batch import BatchSummary, PageReport
    from .model import Change
    from .pipeline import Result


UNCHANGED_NOTE = "(unchanged pages count as their last run recorded them)"


def explain_lines(source: str, journal: Iterable[Change]) -> list[str]:
    """The journal as lines a user can grep: ``page.txt:48-50: join_lines: join: why``."""
    out = []
    for change in journal:
        head = f"{source}:{change.lines}: {change.pass_name}: {change.action}"
        out.append(f"{head}: {change.why}" if change.why else head)
        if change.action in ("edit", "split", "mark"):
            out += [f"    - {line}" for line in change.before.split("\n")]
            out += [f"    + {line}" for line in change.after.split("\n")]
    return out


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def page_summary(result: Result) -> str:
    """One line for a page cleaned by ``newsclean clean``: its articles and where its characters went."""
    counts = result.counts()
    warnings = len(result.warnings)
    changed = counts.chars_changed
    return (
        f"{result.page.source}: {_plural(len(result.articles), 'article')}; characters: {counts.chars_in:,} in, "
        f"{counts.chars_in_articles:,} in articles, {counts.chars_in_residue:,} in residue"
        + (f" ({changed:+,} by the passes' repairs, see --explain)" if changed else "")
        + (f"; {_plural(warnings, 'warning')}" if warnings else "")
    )


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def warning_line(source: str, warning: Change) -> str:
    """A warning of a page as ``clean`` and ``batch`` print it: ``warning: page.txt:48-50: fix_quotes: why``."""
    return f"warning: {source}:{warning.lines}: {warning.pass_name}: {warning.why}"


@contextmanager
def batch_progress(quiet: bool, total: int | None) -> Iterator[Callable[[list[PageReport]], None]]:
    """Show a batch's pages as they are done; yields the function to call with each chunk's reports.

    Each page's warnings are printed as they come, and, unless quiet, a
    progress bar with pages/s and time left (without an end when ``total`` is
    None, pages not counted).  Quiet, rich (tens of milliseconds) is not imported.
    """
    if quiet:

        def done(reports: list[PageReport]) -> None:
            for line in _warning_lines(reports):
                echo_err(line)

        yield done
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class PagesPerSecond(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} pages/s" if speed else "", style="progress.data.speed")

    with Progress(
        TextColumn("[bold]cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        PagesPerSecond(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        task = progress.add_task("clean", total=total)

        def show(reports: list[PageReport]) -> None:
            for line in _warning_lines(reports):  # above the bar, one unwrapped line each, as it is
                progress.console.print(line, markup=False, emoji=False, highlight=False, soft_wrap=True)
            progress.advance(task, len(reports))

        yield show


def _warning_lines(reports: list[PageReport]) -> list[str]:
    return [warning_line(report.source, warning) for report in reports for warning in report.warnings]


def print_batch_summary(summary: BatchSummary, seconds: float) -> None:
    """The totals of a batch as a table on stderr."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="newsclean batch", show_header=False)
    table.add_column("")
    table.add_column("count", justify="right")
    rows = [
        ("pages", summary.pages),
        ("  cleaned", summary.cleaned),
        ("  unchanged (skipped)", summary.skipped),
        ("  failed", len(summary.failures)),
        ("articles", summary.counts.articles),
        ("characters in", summary.counts.chars_in),
        ("  in articles", summary.counts.chars_in_articles),
        ("  in residue", summary.counts.chars_in_residue),
        ("warnings", summary.counts.warnings),
    ]
    for label, value in rows:
        table.add_row(label, f"{value:,}")
    table.add_row("seconds", f"{seconds:,.1f}")
    if seconds > 0 and summary.cleaned:
        table.add_row("pages cleaned per second", f"{summary.cleaned / seconds:,.0f}")
    console = Console(stderr=True)
    console.print(table)
    if summary.skipped:
        console.print(UNCHANGED_NOTE, highlight=False)
