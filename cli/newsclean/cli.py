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
from .conversions import CONVERSIONS
from .reading import DEFAULT_LIMITS, ReadLimits, format_size, parse_size

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2

NAME_CLASH = (
    "pages {first} and {second} would write files of the same names into one folder: "
    "use `newsclean batch`, which gives each page a folder"
)
FILE_CLASH = (
    "{second}: not written: its file {name!r} would overwrite the one {first} wrote; "
    "use `newsclean batch`, which gives each page a folder, or put {{stem}} in the rule file's output names"
)

NEED_MANIFEST = (
    "{out}: the manifest of a batch cannot live in an object store; "
    "give a local file for it with --manifest (keep it to resume the batch)"
)
INTERRUPTED = "interrupted: the pages finished so far are recorded; run the same command again to finish the batch"

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
            callback=_check_encoding,
            help="Encoding of the page dumps (utf-8, gb18030, big5, utf-16, ...).  "
            "[default: from a byte-order mark, else UTF-8, else detected]",
        ),
        click.option(
            "--max-page-size",
            "max_page_bytes",
            type=_Size(),
            default=format_size(DEFAULT_LIMITS.max_page_bytes),
            show_default=True,
            metavar="SIZE",
            help="Refuse a page file larger than this (e.g. 500K, 64M).",
        ),
        click.option(
            "--max-line-length",
            "max_line_chars",
            type=click.IntRange(min=1),
            default=DEFAULT_LIMITS.max_line_chars,
            show_default=True,
            metavar="CHARS",
            help="Refuse a page with a longer line (a file that lost its line breaks).",
        ),
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            help="Print only errors and warnings on stderr: no page summaries, progress bar or summary table.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class _Size(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError:
            self.fail(f"{value!r} is not a size such as 500K, 16M or 1G", param, ctx)


def _check_encoding(ctx, param, value):
    import codecs

    if value:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


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
def clean(
    pages, out_dir, explain, rules, enable, disable, convert, fmt, encoding, max_page_bytes, max_line_chars, quiet
):
    """Clean page dumps (PAGE may be - for stdin).

    \b
    On stdout, Markdown articles follow one another; each starts with a
    front-matter block between two '---' lines, and no paragraph is '---'
    alone, so a script can split the stream there.  The page's residue
    (text that belongs to no article) comes last, marked 'residue: true'.
    With --format jsonl, each line is one JSON object: an article
    ("type": "article") or the residue ("type": "residue").
    """
    from .console import echo_err, explain_lines, page_summary, warning_line
    from .pipeline import PassFailed, clean_text
    from .reading import InputError, read_page
    from .render import render_stream

    ruleset = _load(rules, enable, disable, fmt, convert)
    limits = ReadLimits(max_page_bytes, max_line_chars)
    stems = [Path(p).stem if p != "-" else "stdin" for p in pages]
    if out_dir:
        _refuse_name_clash(pages, stems)
    written: dict[str, str] = {}  # _file_key of each file this run wrote -> the page that wrote it
    failed = False
    for path, stem in zip(pages, stems):
        try:
            text, source = read_page(path, encoding, limits)
            result = clean_text(text, ruleset, source=source)
        except (InputError, PassFailed) as exc:
            echo_err(f"error: {exc}")
            failed = True
            continue
        if explain:
            for line in explain_lines(source, result.journal):
                echo_err(line)
        if out_dir:
            error = _write_into(out_dir, result, stem, written)
            if error:
                echo_err(f"error: {error}")
                failed = True
                continue
        else:
            sys.stdout.write(render_stream(result))
        for warning in result.warnings:
            echo_err(warning_line(source, warning))
        if not quiet:
            echo_err(page_summary(result))
    sys.exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


def _refuse_name_clash(pages, stems) -> None:
    """Two pages of the same name would write files of the same names: refuse before writing anything.

    A quick check for the common case; ``_write_into`` checks the very names
    the rule file's templates give, which need not hold the page's name.
    """
    from .naming import safe_component

    seen = {}
    for page, stem in zip(pages, stems):
        key = _file_key(safe_component(stem))
        if key in seen:
            raise click.UsageError(NAME_CLASH.format(first=seen[key], second=page))
        seen[key] = page


def _write_into(out_dir: Path, result, stem: str, written: dict[str, str]) -> str | None:
    """Write a page's files into ``out_dir``, unless one would overwrite a file another page wrote in this run.

    ``written`` holds the files written so far; returns the error, if any.
    """
    from .render import render_files
    from .storage import LocalFiles
    from .writing import CANNOT_WRITE, write_page

    source = result.page.source
    files = list(render_files(result, stem))
    for name, _ in files:
        if _file_key(name) in written:
            return FILE_CLASH.format(first=written[_file_key(name)], second=source, name=name)
    written.update((_file_key(name), source) for name, _ in files)
    try:
        write_page(LocalFiles(), str(out_dir), "", files)
    except OSError as exc:
        return CANNOT_WRITE.format(source=source, error=exc)
    return None


def _file_key(name: str) -> str:
    """A file name as a case-insensitive file system (Windows, macOS) compares it."""
    return name.casefold()


@main.command()
@click.argument("in_dir", metavar="IN_DIR")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="OUT_DIR",
    help="Output folder; it mirrors IN_DIR, with a folder per page and a file per article.",
)
@click.option(
    "--glob",
    "pattern",
    default="*.txt",
    show_default=True,
    help="Which files under IN_DIR (searched recursively) are page dumps.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Pages cleaned at once: worker processes here, or workers of the local Dask cluster.  "
    "[default: the number of CPUs]",
)
@click.option("--force", is_flag=True, help="Clean every page again, even those unchanged since the last run.")
@click.option(
    "--executor",
    type=click.Choice(["process", "dask"]),
    default="process",
    show_default=True,
    help="process: worker processes on this machine; dask: a Dask cluster (pip install 'newsclean[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on the Dask scheduler at this address (tcp://host:8786) instead of a local cluster; "
    "implies --executor dask.",
)
@click.option(
    "--manifest",
    "manifest_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The record of what is done, which lets a rerun skip unchanged pages.  "
    "[default: OUT_DIR/.newsclean/manifest.sqlite]",
)
@_rules_options
def batch(
    in_dir,
    out_dir,
    pattern,
    jobs,
    force,
    executor,
    scheduler,
    manifest_path,
    rules,
    enable,
    disable,
    convert,
    fmt,
    encoding,
    max_page_bytes,
    max_line_chars,
    quiet,
):
    """Clean every page dump under IN_DIR into OUT_DIR.

    \b
    Pages are cleaned in parallel, on every CPU unless --jobs says otherwise.
    A rerun skips the pages whose input, rules and encoding are unchanged
    (see --force), and finishes a batch that was interrupted or killed.
    IN_DIR and OUT_DIR may be URLs that fsspec knows (s3://bucket/dumps, ...).
    One bad page is reported and the rest goes on; the exit code is 1 when
    any page failed.  A summary table ends the run.
    """
    import contextlib
    import itertools

    from .batch import BatchJob, chunk_size, find_pages, run_batch
    from .console import batch_progress, echo_err, print_batch_summary
    from .executors import cpu_count, make_runner
    from .manifest import MANIFEST_NAME, Manifest, ManifestError
    from .storage import is_url, open_files

    ruleset = _load(rules, enable, disable, fmt, convert)
    try:
        inputs, in_root = open_files(in_dir)
        outputs, out_root = open_files(out_dir)
    except ImportError as exc:
        raise click.UsageError(str(exc)) from None
    if not is_url(in_dir) and not Path(in_dir).is_dir():
        raise click.UsageError(f"{in_dir}: no such folder")
    if manifest_path is None:
        if is_url(out_dir):
            raise click.UsageError(NEED_MANIFEST.format(out=out_dir))
        manifest_path = Path(out_dir) / MANIFEST_NAME
    exclude = out_root if type(inputs) is type(outputs) else None
    pages = find_pages(inputs, in_root, pattern, in_dir, exclude)
    # A local listing is cheap: a first walk, keeping only the count, gives the progress bar its end and
    # keeps memory flat however many pages there are.  A URL is walked once (on an object store a listing
    # is many requests), and its bar has no end.
    total = None if is_url(in_dir) else sum(1 for _ in find_pages(inputs, in_root, pattern, in_dir, exclude))
    first = next(pages, None)
    if first is None:
        raise click.UsageError(f"no files match {pattern!r} under {in_dir}")
    job = BatchJob(ruleset, inputs, in_root, outputs, out_root, encoding, ReadLimits(max_page_bytes, max_line_chars))
    started = time.monotonic()
    try:
        with (
            Manifest(manifest_path) as manifest,
            contextlib.closing(
                make_runner("dask" if scheduler else executor, job, jobs or cpu_count(), total, scheduler)
            ) as runner,
            batch_progress(quiet, total) as show_done,
        ):
            summary = run_batch(
                itertools.chain([first], pages),
                job,
                runner,
                manifest,
                chunk=chunk_size(total, runner.workers, runner.max_chunk),
                force=force,
                on_done=show_done,
            )
    except ManifestError as exc:
        echo_err(f"error: {exc}")
        sys.exit(EXIT_USAGE)
    except ImportError as exc:
        raise click.UsageError(str(exc)) from None
    except KeyboardInterrupt:
        echo_err(INTERRUPTED)
        raise
    if not quiet:
        print_batch_summary(summary, time.monotonic() - started)
    for report in summary.failures:  # one unwrapped line each, for grep
        echo_err(f"error: {report.error}")
    sys.exit(EXIT_INPUT_FAILED if summary.failures else EXIT_OK)


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
