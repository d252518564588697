"""``newsclean batch``: parallel, resumable, and never stopped by one page.

The pages come from tests/support/newspaper.py (small ones, so the suite
stays fast); what matters is that every way of running a batch writes the
same files, and that a rerun does exactly what is left.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from newsclean.batch import BatchJob, PageRef, clean_chunk, run_batch
from newsclean.executors import InlineRunner
from newsclean.manifest import MANIFEST_NAME, Manifest, ManifestError
from newsclean.ruleset import load_rules
from newsclean.storage import FsspecFiles, LocalFiles
from newsclean.writing import TEMP_SUFFIX
from tests.support.newspaper import write_corpus
from tests.support.outputs import summary, tree
from tests.support.procfs import alive, descendants

SMALL = {"articles": 3, "paragraphs": 3}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "dumps"
    write_corpus(folder, 24, seed=1, **SMALL)
    return folder


def test_parallel_batch_writes_exactly_what_one_worker_writes(cli, corpus, tmp_path):
    one = cli("batch", corpus, "-o", tmp_path / "one", "-j", 1)
    two = cli("batch", corpus, "-o", tmp_path / "two", "-j", 2)
    assert one.exit_code == two.exit_code == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert summary(two.stderr)["cleaned"] == 24
    written = tree(tmp_path / "two")
    assert {k.rsplit("/", 1)[0] for k in written} == {
        p.relative_to(corpus).with_suffix("").as_posix() for p in corpus.rglob("*.txt")
    }  # the input tree, then a folder per page


def test_a_rerun_skips_unchanged_pages_and_redoes_changed_ones(cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("batch", corpus, "-o", out).exit_code == 0
    first = tree(out)
    changed = corpus / "issue0001" / "page03.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n新增一段文字。\n", encoding="utf-8")
    rerun = cli("batch", corpus, "-o", out)
    assert rerun.exit_code == 0
    counts = summary(rerun.stderr)
    assert (counts["cleaned"], counts["unchanged (skipped)"], counts["pages"]) == (1, 23, 24)
    again = tree(out)
    assert {k for k in again if again[k] != first.get(k)} <= {k for k in again if k.startswith("issue0001/page03/")}
    assert any("新增一段文字" in v.decode() for k, v in again.items() if k.startswith("issue0001/page03/"))


def test_changed_rules_redo_every_page_and_remove_files_no_longer_written(cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("batch", corpus, "-o", out).exit_code == 0
    notes = out / "issue0000" / "page00" / "my-notes.txt"
    notes.write_text("a reader's own file", encoding="utf-8")
    rerun = cli("batch", corpus, "-o", out, "--format", "jsonl")
    assert rerun.exit_code == 0
    assert summary(rerun.stderr)["cleaned"] == 24
    fresh = tmp_path / "fresh"
    assert cli("batch", corpus, "-o", fresh, "--format", "jsonl").exit_code == 0
    left = tree(out)
    assert left.pop("issue0000/page00/my-notes.txt") == b"a reader's own file"  # not in the manifest: kept
    assert left == tree(fresh)  # every Markdown file of the first run is gone


def test_force_and_a_disabled_pass_redo_every_page(cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("batch", corpus, "-o", out).exit_code == 0
    assert summary(cli("batch", corpus, "-o", out, "--force").stderr)["cleaned"] == 24
    assert summary(cli("batch", corpus, "-o", out, "--disable", "normalize_text").stderr)["cleaned"] == 24
    assert summary(cli("batch", corpus, "-o", out, "--disable", "normalize_text").stderr)["cleaned"] == 0


def test_a_deleted_output_is_written_again(cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("batch", corpus, "-o", out).exit_code == 0
    before = tree(out)
    victim = next(out.glob("issue0001/page05/*.md"))
    victim.unlink()
    rerun = cli("batch", corpus, "-o", out)
    assert summary(rerun.stderr)["cleaned"] == 1
    assert tree(out) == before


def test_one_bad_page_is_listed_and_the_rest_goes_on(cli, corpus, tmp_path):
    (corpus / "issue0001" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (corpus / "issue0001" / "page04.text").write_text("同名", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("batch", corpus, "-o", out, "--glob", "*.t*t", "-j", 2)
    assert result.exit_code == 1
    counts = summary(result.stderr)
    assert (counts["cleaned"], counts["failed"]) == (24, 2)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {corpus}/issue0001/page04.txt: its output folder 'issue0001/page04' is taken by 'page04.text', "
        "a file of the same name with another extension; rename one",
        f"error: {corpus}/issue0001/scan.txt: looks binary (it holds NUL bytes), not a text dump; "
        "if it is UTF-16 without a byte-order mark, give --encoding utf-16",
    ]
    assert not (out / "issue0001" / "scan").exists()
    rerun = cli("batch", corpus, "-o", out, "--glob", "*.t*t")
    assert rerun.exit_code == 1  # a failed page is tried again, the others are skipped
    assert (summary(rerun.stderr)["unchanged (skipped)"], summary(rerun.stderr)["failed"]) == (24, 2)


def test_pages_whose_folders_differ_only_in_case_are_refused(cli, corpus, tmp_path):
    # On Windows and macOS, out/issue0001/PAGE04 and out/issue0001/page04 are one folder.
    (corpus / "issue0001" / "PAGE04.text").write_text("同名", encoding="utf-8")
    result = cli("batch", corpus, "-o", tmp_path / "out", "--glob", "*.t*t")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {corpus}/issue0001/page04.txt: its output folder 'issue0001/page04' is taken by 'PAGE04.text', "
        "a file of the same name with another extension; rename one",
    ]


def test_the_output_folder_inside_the_input_folder_is_not_read_as_input(cli, corpus):
    first = cli("batch", corpus, "-o", corpus / "out", "--glob", "*")
    second = cli("batch", corpus, "-o", corpus / "out", "--glob", "*")
    assert summary(first.stderr)["pages"] == summary(second.stderr)["pages"] == 24


def test_folders_and_urls_that_do_not_exist_are_usage_errors(cli, tmp_path):
    result = cli("batch", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "nowhere: no such folder" in result.stderr
    (tmp_path / "empty").mkdir()
    assert cli("batch", tmp_path / "empty", "-o", tmp_path / "out").exit_code == 2


def test_urls_go_through_fsspec_and_write_what_local_paths_write(cli, corpus, tmp_path):
    fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the newsclean[dask] extra")
    memory = fsspec.filesystem("memory")
    for path in corpus.rglob("*.txt"):
        memory.pipe_file(f"/dumps/{path.relative_to(corpus).as_posix()}", path.read_bytes())
    local = cli("batch", corpus, "-o", tmp_path / "local", "-j", 1)
    no_manifest = cli("batch", "memory://dumps", "-o", "memory://out", "-j", 1)
    assert no_manifest.exit_code == 2
    assert "--manifest" in no_manifest.stderr
    remote = cli("batch", "memory://dumps", "-o", "memory://out", "-j", 1, "--manifest", tmp_path / "m.sqlite")
    assert local.exit_code == remote.exit_code == 0
    written = {p.removeprefix("/out/"): memory.cat_file(p) for p in memory.find("/out")}
    expected = {k: v.replace(str(corpus).encode(), b"memory://dumps") for k, v in tree(tmp_path / "local").items()}
    assert written == expected
    rerun = cli("batch", "memory://dumps", "-o", "memory://out", "-j", 1, "--manifest", tmp_path / "m.sqlite")
    assert summary(rerun.stderr)["unchanged (skipped)"] == 24
    memory.rm("/dumps", recursive=True)
    memory.rm("/out", recursive=True)


def test_batch_says_what_clean_says_of_a_page(cli, tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    page = pages / "quote.txt"
    page.write_text("本报讯 3月9日，他说：“会议开始。\n部署今年工作。\n", encoding="utf-8")  # a quote left open

    def lines(result, kind):
        return [line for line in result.stderr.splitlines() if line.startswith(f"{kind}: ")]

    warned = lines(cli("clean", page), "warning")
    assert warned and lines(cli("batch", pages, "-o", tmp_path / "out"), "warning") == warned
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should go", encoding="utf-8")
    (clean_error,) = lines(cli("clean", page, "-o", blocker / "out"), "error")
    manifest = ("--manifest", tmp_path / "m.sqlite")
    (batch_error,) = lines(cli("batch", pages, "-o", blocker / "out", *manifest), "error")
    assert clean_error.startswith(f"error: {page}: cannot write output: ")
    assert batch_error.startswith(f"error: {page}: cannot write output: ")


def test_an_object_store_is_listed_once(cli, corpus, tmp_path, monkeypatch):
    fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the newsclean[dask] extra")
    memory = fsspec.filesystem("memory")
    for path in corpus.rglob("*.txt"):
        memory.pipe_file(f"/listed/{path.relative_to(corpus).as_posix()}", path.read_bytes())
    walks = []
    walk = FsspecFiles.walk
    monkeypatch.setattr(FsspecFiles, "walk", lambda self, root: walks.append(root) or walk(self, root))
    result = cli("batch", "memory://listed", "-o", tmp_path / "out", "-j", 1)
    memory.rm("/listed", recursive=True)
    assert result.exit_code == 0
    assert summary(result.stderr)["cleaned"] == 24
    assert walks == ["/listed"]  # every listing request costs time, and money on a cloud


def test_a_quiet_batch_does_not_load_the_progress_bar(corpus, tmp_path):
    # rich takes tens of milliseconds to import: a quiet batch, which shows no bar, does not pay for it.
    code = (
        "import sys; from newsclean.cli import run; "
        f"code = run(['batch', {str(corpus)!r}, '-o', {str(tmp_path / 'out')!r}, '-j', '1', '-q']); "
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout == "0 []\n", done.stderr


class _DyingWorkers(InlineRunner):
    """Runs chunks here, but the "worker" dies on any chunk holding ``poison``, as one killed for memory would."""

    def __init__(self, job, poison):
        super().__init__(job)
        self.poison = poison
        self.in_flight = 3
        self.chunks = []

    def submit(self, tasks):
        self.chunks.append([t.key for t in tasks])
        future = Future()
        if any(t.key == self.poison for t in tasks):
            future.set_exception(RuntimeError("worker exited with SIGKILL"))
        else:
            future.set_result(clean_chunk(self.job, tasks))
        return future


def test_a_page_that_kills_its_worker_fails_alone(corpus, tmp_path):
    files = LocalFiles()
    job = BatchJob(load_rules("default"), files, str(corpus), files, str(tmp_path / "out"))
    keys = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt"))
    runner = _DyingWorkers(job, poison=keys[5])
    with Manifest(tmp_path / "m.sqlite") as manifest:
        result = run_batch([PageRef(k, k) for k in keys], job, runner, manifest, chunk=4)
        assert len(manifest) == 23
    assert [f.key for f in result.failures] == [keys[5]]
    assert "the worker cleaning it died (RuntimeError: worker exited with SIGKILL)" in result.failures[0].error
    assert result.cleaned == 23
    assert [keys[5]] in runner.chunks  # the chunk was split to find the page


def test_a_manifest_of_another_schema_is_refused(tmp_path):
    path = tmp_path / MANIFEST_NAME
    Manifest(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(ManifestError, match="schema 99"):
        Manifest(path)


def test_the_manifest_remembers_outputs_and_counts(tmp_path):
    from newsclean.batch import PageCounts, PageReport

    counts = PageCounts(articles=2, chars_in=10, chars_in_articles=8, chars_in_residue=2, warnings=1)
    report = PageReport("a/p.txt", "in/a/p.txt", counts, outputs=["a/p/p-01-x.md"], input_hash="h")
    with Manifest(tmp_path / "m.sqlite") as manifest:
        manifest.record([report, PageReport("b.txt", "in/b.txt", error="bad")], "digest", None)
        found = manifest.lookup(["a/p.txt", "b.txt", "c.txt"])
    assert list(found) == ["a/p.txt"]
    assert found["a/p.txt"].report == report
    assert found["a/p.txt"].still_valid("digest", None)
    assert not found["a/p.txt"].still_valid("digest", "big5")
    assert not found["a/p.txt"].still_valid("other", None)


def _manifest_rows(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM pages").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes through /proc")
def test_a_batch_killed_mid_run_is_finished_by_the_next_run(tmp_path):
    corpus = tmp_path / "dumps"
    write_corpus(corpus, 400, seed=2, articles=4, paragraphs=4)
    command = [sys.executable, "-m", "newsclean", "batch", str(corpus), "-j", "2", "-q", "-o"]
    reference = subprocess.run([*command, str(tmp_path / "reference")], capture_output=True, text=True)
    assert reference.returncode == 0, reference.stderr

    out = tmp_path / "out"
    batch = subprocess.Popen([*command, str(out)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _manifest_rows(out / MANIFEST_NAME) == 0 and batch.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = descendants(batch.pid)
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    assert batch.returncode == -signal.SIGKILL, "the batch ended before it could be killed: give it more pages"
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers), "worker processes outlived the killed batch"

    expected = tree(tmp_path / "reference")
    written = {k: v for k, v in tree(out).items() if not k.endswith(TEMP_SUFFIX)}
    assert 0 < len(written) < len(expected)
    assert all(expected[k] == v for k, v in written.items())  # no article is half-written

    rerun = subprocess.run([*command, str(out)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert tree(out) == expected
    assert not list(out.rglob(f"*{TEMP_SUFFIX}"))
    assert _manifest_rows(out / MANIFEST_NAME) == 400
