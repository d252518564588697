"""Clean many pages: find them, hand them to workers in chunks, record and report.

``clean_page_file`` is the unit of work, and every executor runs exactly it
(in this process, in a pool of processes, or on a Dask cluster), so a page
comes out the same whichever runs it.  Pages travel in chunks: a task of a
single page costs about as much to send and collect as cleaning it.

Archives hold millions of pages, so nothing here grows with their number:
the file list is walked lazily, only a bounded number of chunks is in
flight, and of the results only totals and failures are kept.  One bad page
never stops a batch: its failure is a line in the summary, and the exit code
says that something failed.

What was done is recorded in the manifest (``manifest.py``) once a page's
files are written, so a rerun skips what is unchanged and a killed run is
finished by the next one.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple, dataclass, field
from itertools import islice
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

from .pipeline import PassFailed, Result, clean_text
from .reading import InputError, ReadLimits, decode_page, read_bytes
from .render import render_files
from .ruleset import RuleSet
from .writing import CANNOT_WRITE, write_page

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .manifest import Manifest
    from .model import Change
    from .storage import Files

STEM_CLASH = (
    "{source}: its output folder {folder!r} is taken by {other!r}, a file of the same name with another extension; "
    "rename one"
)
WORKER_DIED = "{source}: the worker cleaning it died ({error}); the page may need more memory than the worker has"
# Chunks of a few dozen pages make sending a task cheap next to cleaning it,
# and still leave enough chunks to keep every worker busy to the end.
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class PageCounts:
    """What a page holds, or a batch in total; the ``chars_`` are non-white-space characters (see ``Counts``)."""

    articles: int = 0
    chars_in: int = 0
    chars_in_articles: int = 0
    chars_in_residue: int = 0
    warnings: int = 0

    @classmethod
    def of(cls, result: Result) -> PageCounts:
        chars = result.counts()
        return cls(
            len(result.articles), chars.chars_in, chars.chars_in_articles, chars.chars_in_residue, len(result.warnings)
        )

    def __add__(self, other: PageCounts) -> PageCounts:
        return PageCounts(*(a + b for a, b in zip(astuple(self), astuple(other))))


@dataclass
class PageReport:
    """What became of one page."""

    key: str  # the input's path under IN_DIR, '/'-separated (for `clean`, the path given)
    source: str  # how the page is named in messages and front matter
    counts: PageCounts = PageCounts()
    error: str | None = None
    outputs: list[str] = field(default_factory=list)  # files written, relative to OUT_DIR
    input_hash: str = ""
    skipped: bool = False  # unchanged since the run the manifest recorded; the counts are that run's
    warnings: list[Change] = field(default_factory=list)  # found by this run (a skipped page's are not repeated)


@dataclass(frozen=True)
class PageRef:
    """A page found under IN_DIR; ``error`` when it cannot be cleaned at all."""

    key: str
    source: str
    error: str | None = None


@dataclass(frozen=True)
class BatchJob:
    """What every page of a batch shares; sent once to each worker."""

    rules: RuleSet
    inputs: Files
    in_root: str
    outputs: Files
    out_root: str
    encoding: str | None = None
    limits: ReadLimits = ReadLimits()


@dataclass(frozen=True)
class PageTask:
    key: str
    source: str
    previous: PageReport | None = None  # what the manifest holds for this page
    may_skip: bool = False  # ``previous`` was made with the same rules, encoding and name


class Runner(Protocol):
    """Runs chunks of pages somewhere: this process, a process pool, a Dask cluster."""

    workers: int
    in_flight: int  # chunks kept submitted at once: enough to keep every worker busy
    max_chunk: int
    generation: int  # goes up when a broken pool is replaced

    def submit(self, tasks: list[PageTask]) -> Future: ...

    def recover(self, error: BaseException) -> None: ...

    def close(self) -> None: ...


def page_folder(key: str) -> str:
    """The output tree mirrors the input tree, with a folder per page: ``a/b/page.txt`` -> ``a/b/page``."""
    parent, _, name = key.rpartition("/")
    stem = PurePosixPath(name).stem
    return f"{parent}/{stem}" if parent else stem


def clean_page_file(job: BatchJob, task: PageTask) -> PageReport:
    """Read, clean and write one page, and delete what it wrote before and no longer writes.

    A failure is reported, not raised: one page must never stop a batch.
    """
    report = PageReport(task.key, task.source)
    folder = page_folder(task.key)
    out = job.outputs
    try:
        out.remove_temp_files(out.join(job.out_root, folder))
        data = read_bytes(job.inputs.join(job.in_root, task.key), task.source, job.limits, job.inputs.open_read)
        report.input_hash = hashlib.sha256(data).hexdigest()
        previous = task.previous
        if task.may_skip and previous and _unchanged(job, previous, report.input_hash):
            return dataclasses.replace(previous, skipped=True)
        result = clean_text(decode_page(data, task.source, job.encoding, job.limits), job.rules, source=task.source)
        report.outputs = write_page(out, job.out_root, folder, render_files(result, PurePosixPath(folder).name))
        for stale in set(previous.outputs if previous else ()) - set(report.outputs):
            out.remove(out.join(job.out_root, stale))
    except (InputError, PassFailed) as exc:
        report.error = str(exc)
        return report
    except OSError as exc:
        report.error = CANNOT_WRITE.format(source=task.source, error=exc)
        return report
    except Exception as exc:  # a bug on one page must not stop the batch; report it like any failure
        report.error = f"{task.source}: internal error: {type(exc).__name__}: {exc}"
        return report
    report.counts = PageCounts.of(result)
    report.warnings = result.warnings
    return report


def clean_chunk(job: BatchJob, tasks: list[PageTask]) -> list[PageReport]:
    return [clean_page_file(job, task) for task in tasks]


def _unchanged(job: BatchJob, previous: PageReport, input_hash: str) -> bool:
    """Same input, and every file the page wrote is still there (a user may have deleted some)."""
    return previous.input_hash == input_hash and all(
        job.outputs.exists(job.outputs.join(job.out_root, name)) for name in previous.outputs
    )


def find_pages(
    files: Files, root: str, pattern: str, source_root: str, exclude: str | None = None
) -> Iterator[PageRef]:
    """Page dumps under ``root`` (recursive) whose paths match ``pattern``, in a stable order.

    Lazy: one folder's listing at a time is in memory.  Hidden files and
    folders are skipped, and so is ``exclude`` (the output folder, when it
    lies inside the input folder).
    """
    for folder, subfolders, names in files.walk(root):
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".") and not (exclude and files.is_inside(files.join(folder, d), exclude))
        )
        relative = _relative(folder, root)
        stems: dict[str, str] = {}
        for name in sorted(names):
            key = f"{relative}/{name}" if relative else name
            if name.startswith(".") or not PurePosixPath(key).match(pattern):
                continue
            source = files.join(source_root, key)
            # Compared as a case-insensitive file system (Windows, macOS) sees the output folders.
            stem = PurePosixPath(name).stem.casefold()
            if stem in stems:
                other = stems[stem]
                yield PageRef(key, source, STEM_CLASH.format(source=source, folder=page_folder(key), other=other))
                continue
            stems[stem] = name
            yield PageRef(key, source)


def _relative(folder: str, root: str) -> str:
    """``folder`` under ``root``, '/'-separated ('' for the root itself)."""
    rest = folder[len(root) :].replace("\\", "/").strip("/")
    return rest


def chunk_size(pages: int | None, workers: int, largest: int) -> int:
    """Pages per task: a few chunks per worker, at most ``largest`` (which uncounted pages get)."""
    if pages is None:
        return largest
    return max(1, min(largest, -(-pages // (workers * CHUNKS_PER_WORKER))))


@dataclass
class BatchSummary:
    """Totals of a batch (over pages cleaned now and pages unchanged since the last run) and its failures."""

    pages: int = 0
    cleaned: int = 0
    skipped: int = 0
    counts: PageCounts = PageCounts()
    failures: list[PageReport] = field(default_factory=list)

    def add(self, report: PageReport) -> None:
        self.pages += 1
        if report.error:
            self.failures.append(report)
            return
        if report.skipped:
            self.skipped += 1
        else:
            self.cleaned += 1
        self.counts += report.counts


def run_batch(
    pages: Iterable[PageRef],
    job: BatchJob,
    runner: Runner,
    manifest: Manifest,
    *,
    chunk: int,
    force: bool = False,
    on_done: Callable[[list[PageReport]], None] = lambda reports: None,
) -> BatchSummary:
    """Clean ``pages`` on ``runner``; as each chunk completes, record it in ``manifest`` and pass it to ``on_done``."""
    from concurrent.futures import FIRST_COMPLETED, wait

    digest = job.rules.digest()
    summary = BatchSummary()
    pending: dict[Future, tuple[list[PageTask], int]] = {}
    chunks = _chunks(iter(pages), chunk)

    def finish(reports: list[PageReport]) -> None:
        manifest.record(reports, digest, job.encoding)
        for report in reports:
            summary.add(report)
        on_done(reports)

    def submit(tasks: list[PageTask]) -> None:
        pending[runner.submit(tasks)] = (tasks, runner.generation)

    def submit_next() -> bool:
        for refs in chunks:
            refused = [PageReport(r.key, r.source, error=r.error) for r in refs if r.error]
            if refused:
                finish(refused)
            tasks = _tasks([r for r in refs if not r.error], manifest, digest, job.encoding, force)
            if tasks:
                submit(tasks)
                return True
        return False

    while len(pending) < runner.in_flight and submit_next():
        pass
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            tasks, generation = pending.pop(future)
            try:
                reports = future.result()
            except Exception as exc:  # the worker died, not the page's cleaning (that never raises)
                if generation == runner.generation:
                    runner.recover(exc)
                if len(tasks) > 1:  # find the page that kills a worker by running each alone
                    for task in tasks:
                        submit([task])
                else:
                    finish(
                        [
                            PageReport(
                                tasks[0].key,
                                tasks[0].source,
                                error=WORKER_DIED.format(source=tasks[0].source, error=f"{type(exc).__name__}: {exc}"),
                            )
                        ]
                    )
                continue
            finish(reports)
        while len(pending) < runner.in_flight and submit_next():
            pass
    return summary


def _chunks(refs: Iterator[PageRef], size: int) -> Iterator[list[PageRef]]:
    while chunk := list(islice(refs, size)):
        yield chunk


def _tasks(refs: list[PageRef], manifest: Manifest, digest: str, encoding: str | None, force: bool) -> list[PageTask]:
    entries = manifest.lookup([r.key for r in refs])
    tasks = []
    for ref in refs:
        entry = entries.get(ref.key)
        if entry is None:
            tasks.append(PageTask(ref.key, ref.source))
            continue
        valid = not force and entry.still_valid(digest, encoding) and entry.report.source == ref.source
        tasks.append(PageTask(ref.key, ref.source, entry.report, valid))
    return tasks
