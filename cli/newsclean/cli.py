"""The ``newsclean`` command: parse options, call the library, show results.

Thin on purpose: the cleaning lives in the library, the terminal rendering
in ``console``.  Data goes to stdout, diagnostics to stderr.  Exit codes:
0 all well, 1 some input failed, 2 a usage or rule-file error.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .passes.convert_chinese import CONVERSIONS

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2

NAME_CLASH = (
    "pages {first} and {second} would write files of the same names into one folder: "
    "use `newsclean batch`, which gives each page a folder"
)

MAIN_HELP = """Turn newspaper page dumps into clean Markdown, one file per article.

A page dump is the text layer of an e-paper PDF page, or OCR output: lines
broken at the column width, headlines anywhere, blank lines in odd places.
newsclean rebuilds the paragraphs, finds each article with its headline,
byline and dateline, repairs punctuation and quotes, and writes Markdown
(or JSON Lines).  Every character of the input ends up in an article or in
the page's residue file.

\b
Examples:
  newsclean clean page.txt                 articles as one Markdown stream on stdout
  cat page.txt | newsclean clean -         the same, from a pipe
  newsclean clean page.txt -o out/         one file per article in out/
  newsclean clean page.txt --explain       also show every change and why (stderr)
  newsclean batch dumps/ -o out/           every page under dumps/, a folder per page
  newsclean rules check my.yaml            check a rule file
  newsclean passes                         the passes and their options
"""


def _rules_options(func):
    """Options shared by ``clean`` and ``batch``."""
    options = [
        click.option(
            "--rules",
            "rules",
            metavar="FILE",
            help="Rule file: a shipped one by name (default, ...) or a path.  [default: default]",
        ),
        click.option(
            "--enable", "enable", metavar="PASS", multiple=True, help="Switch on a pass of the pipeline (repeatable)."
        ),
        click.option(
            "--disable",
            "disable",
            metavar="PASS",
            multiple=True,
            help="Switch off a pass of the pipeline (repeatable).",
        ),
        click.option(
            "--convert",
            "convert",
            type=click.Choice(CONVERSIONS),
            help="Convert Simplified <-> Traditional Chinese with OpenCC (switches on convert_chinese).",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["md", "jsonl"]),
            help="md: Markdown with YAML front matter; jsonl: one JSON object per article."
            "  [default: from the rule file, md]",
        ),
        click.option(
            "--encoding",
            metavar="NAME",
            help="Encoding of the page dumps (utf-8, gb18030, big5, utf-16, ...).  "
            "[default: from a byte-order mark, else UTF-8]",
        ),
        click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _load(rules, enable, disable, fmt, convert=None):
    """The rule set with the command line's changes; exits 2 on a rule-file error."""
    from .ruleset import RuleError, load_rules

    try:
        ruleset = load_rules(rules)
        for name in enable:
            ruleset.step(name).enabled = True
        for name in disable:
            ruleset.step(name).enabled = False
        if convert:
            step = ruleset.step("convert_chinese")
            step.enabled = True
            step.options["conversion"] = convert
    except RuleError as exc:
        for message in exc.messages:
            click.echo(message, err=True)
        sys.exit(EXIT_USAGE)
    if fmt:
        ruleset.output.format = fmt
    return ruleset


@click.group(help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newsclean")
def main() -> None:
    pass


@main.command()
@click.argument("pages", nargs=-1, required=True, metavar="PAGE...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one file per article (and a residue file per page) into this folder.  "
    "Without it, all articles go to stdout as one stream.",
)
@click.option("--explain", is_flag=True, help="Print every change with its pass, dump lines and reason (stderr).")
@_rules_options
def clean(pages, out_dir, explain, rules, enable, disable, convert, fmt, encoding, quiet):
    """Clean page dumps (PAGE may be - for stdin).

    \b
    On stdout, Markdown articles follow one another; each starts with a
    front-matter block between two '---' lines, and no paragraph is '---'
    alone, so a script can split the stream there.  The page's residue
    (text that belongs to no article) comes last, marked 'residue: true'.
    With --format jsonl, each line is one JSON object: an article
    ("type": "article") or the residue ("type": "residue").
    """
    from .console import echo_err, explain_lines, page_summary
    from .pipeline import PassFailed, clean_text
    from .reading import InputError, read_page
    from .render import render_stream
    from .writing import write_page

    ruleset = _load(rules, enable, disable, fmt, convert)
    stems = [Path(p).stem if p != "-" else "stdin" for p in pages]
    if out_dir:
        _refuse_name_clash(pages, stems)
    failed = False
    for path, stem in zip(pages, stems):
        try:
            text, source = read_page(path, encoding)
            result = clean_text(text, ruleset, source=source)
        except (InputError, PassFailed) as exc:
            echo_err(f"error: {exc}")
            failed = True
            continue
        if explain:
            for line in explain_lines(source, result.journal):
                echo_err(line)
        if out_dir:
            try:
                write_page(result, out_dir, stem)
            except OSError as exc:
                echo_err(f"error: {source}: cannot write output: {exc}")
                failed = True
                continue
        else:
            sys.stdout.write(render_stream(result, ruleset.output.format))
        for warning in result.warnings:
            echo_err(f"warning: {source}:{warning.lines}: {warning.pass_name}: {warning.why}")
        if not quiet:
            from .batch import PageReport

            counts = result.counts()
            echo_err(
                page_summary(
                    PageReport(
                        source,
                        len(result.articles),
                        counts.chars_in,
                        counts.chars_in_articles,
                        counts.chars_in_residue,
                        len(result.warnings),
                    )
                )
            )
    sys.exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


def _refuse_name_clash(pages, stems) -> None:
    """Two pages whose files would get the same names in one folder: refuse before writing anything."""
    from .naming import safe_component

    seen = {}
    for page, stem in zip(pages, stems):
        # Compared as a case-insensitive file system (Windows, macOS) sees the names.
        key = safe_component(stem).casefold()
        if key in seen:
            raise click.UsageError(NAME_CLASH.format(first=seen[key], second=page))
        seen[key] = page


@main.command()
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder; it mirrors IN_DIR, with a folder per page and a file per article.",
)
@click.option(
    "--glob",
    "pattern",
    default="*.txt",
    show_default=True,
    help="Which files under IN_DIR (searched recursively) are page dumps.",
)
@_rules_options
def batch(in_dir, out_dir, pattern, rules, enable, disable, convert, fmt, encoding, quiet):
    """Clean every page dump under IN_DIR into OUT_DIR.

    One bad page is reported and the rest goes on; the exit code is 1 when
    any page failed.  A summary table ends the run.
    """
    from .batch import clean_page_file, find_pages, page_out_dir
    from .console import batch_progress, print_batch_summary

    ruleset = _load(rules, enable, disable, fmt, convert)
    pages = find_pages(in_dir, pattern)
    if not pages:
        raise click.UsageError(f"no files match {pattern!r} under {in_dir}")
    started = time.monotonic()
    reports = []
    with batch_progress(len(pages), quiet) as progress:
        task = progress.add_task("clean", total=len(pages), rate="")
        for page in pages:
            reports.append(clean_page_file(str(page), page_out_dir(in_dir, out_dir, page), ruleset, encoding))
            elapsed = max(time.monotonic() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{len(reports) / elapsed:.1f} pages/s")
    if not quiet or any(r.error for r in reports):
        print_batch_summary(reports, time.monotonic() - started)
    sys.exit(EXIT_INPUT_FAILED if any(r.error for r in reports) else EXIT_OK)


@main.group()
def rules():
    """Check and inspect rule files."""


@rules.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def rules_check(files):
    """Check rule files; print every problem as FILE:LINE:COL: PATH: MESSAGE.

    Exits 2 when any file has a problem.
    """
    from .ruleset import check_rule_file

    bad = False
    for path in files:
        problems = check_rule_file(path)
        for message in problems:
            click.echo(message, err=True)
        if problems:
            bad = True
        else:
            click.echo(f"{path}: ok")
    sys.exit(EXIT_USAGE if bad else EXIT_OK)


@rules.command("show")
@click.argument("name", required=False, metavar="[RULES]")
def rules_show(name):
    """Print the pipeline a rule file resolves to (after extends), with every option."""
    import json

    from .ruleset import plain

    ruleset = _load(name, (), (), None)
    click.echo(f"# {ruleset.name}" + (f": {ruleset.description}" if ruleset.description else ""))
    click.echo(f"# files: {' -> '.join(ruleset.files)}")
    click.echo("pipeline:")
    for step in ruleset.steps:
        options = plain(step.build_options().__dict__)
        click.echo(f"  - {step.name}:  # {'on' if step.enabled else 'off'}")
        for key, value in options.items():
            click.echo(f"      {key}: {json.dumps(value, ensure_ascii=False)}")
    click.echo("output:")
    for key, value in plain(ruleset.output.__dict__).items():
        click.echo(f"  {key}: {json.dumps(value, ensure_ascii=False)}")


@main.command()
@click.option("--markdown", is_flag=True, help="Print the reference as Markdown (the page in docs/passes.md).")
def passes(markdown):
    """List every pass with its options and defaults, built-in ones in pipeline order."""
    from .passes import all_passes
    from .reference import passes_markdown, passes_text

    found, broken = all_passes()
    for reason in broken.values():
        click.echo(f"warning: {reason}", err=True)
    click.echo(passes_markdown(found) if markdown else passes_text(found), nl=False)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code instead of exiting (for tests and embedding)."""
    try:
        main.main(args=argv, prog_name="newsclean", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_INPUT_FAILED
    return EXIT_OK
