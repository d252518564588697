"""Everything newsclean shows on the terminal: progress, summaries, explanations.

This is the only module that imports rich, and only the commands that show
a progress bar or a table import it, so that the library and a quick
``newsclean clean`` stay fast.  Diagnostics go to stderr; stdout carries
data only.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from .batch import PageReport
from .model import Change


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


def page_summary(report: PageReport) -> str:
    if report.error:
        return f"error: {report.error}"
    return (
        f"{report.source}: {report.articles} articles; characters: {report.chars_in:,} in, "
        f"{report.chars_in_articles:,} in articles, {report.chars_in_residue:,} in residue"
        + (f"; {report.warnings} warnings" if report.warnings else "")
    )


def batch_progress(total: int, quiet: bool):
    """A rich progress bar on stderr with pages/s and time left (a no-op when quiet)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=False,
    )


def print_batch_summary(reports: list[PageReport], seconds: float) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    ok = [r for r in reports if not r.error]
    failed = [r for r in reports if r.error]
    table = Table(title="newsclean batch", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    rows = [
        ("pages cleaned", len(ok)),
        ("pages failed", len(failed)),
        ("articles", sum(r.articles for r in ok)),
        ("characters in", sum(r.chars_in for r in ok)),
        ("  in articles", sum(r.chars_in_articles for r in ok)),
        ("  in residue", sum(r.chars_in_residue for r in ok)),
        ("warnings", sum(r.warnings for r in ok)),
    ]
    for label, value in rows:
        table.add_row(label, f"{value:,}")
    table.add_row("seconds", f"{seconds:.1f}")
    console = Console(stderr=True)
    console.print(table)
    for report in failed:
        console.print(f"[red]failed[/red] {escape(report.error)}", highlight=False)
