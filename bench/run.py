"""newsclean's benchmark (``make bench``): start-up, throughput, scaling, memory, conversion.

Every figure is printed beside a baseline measured in the same run on the
same machine (a bare interpreter's start-up; reading and writing the same
files), so the ratios hold on a slow or busy machine where the absolute
numbers do not.  Where a target is missed, the line says by how much.

The corpus is written by the benchmark itself into .bench/ (git ignores
it): reference-sized pages (about 420 lines, 15 KB) laid out by
tests/support, so no page data is committed.  Then it profiles one page's
passes, so that a missed target comes with where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.support, which lays out the pages

from tests.support.newspaper import page, write_corpus  # noqa: E402
from tests.support.procfs import cpu_seconds, descendants  # noqa: E402

from newsclean import __version__  # noqa: E402
from newsclean.executors import cpu_count  # noqa: E402

WORK = ROOT / ".bench"
BIN = Path(sys.executable).parent
NEWSCLEAN = str(BIN / "newsclean")
START_RUNS = 15
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

# The targets of the issue this benchmark reports against.
START_RATIO = 6.0  # `newsclean clean page` within 6x the bare interpreter's start-up
PAGES_PER_CORE = 1000.0
TWO_WORKER_SPEEDUP = 1.8
CONVERSION_MS = 0.5


def verdict(ok: bool, short_by: str) -> str:
    return "met" if ok else f"MISSED ({short_by})"


def wall(command: list[str], runs: int = START_RUNS) -> float:
    """The median wall-clock seconds of ``command`` (output thrown away)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class ProcessTree:
    """CPU time and peak resident memory of a process and all its descendants, read from /proc.

    Linux only.  The kernel keeps each process's peak memory (VmHWM) and CPU
    time, so looking every tenth of a second misses little: at most the
    last tenth of each process's CPU time.  CPU time, unlike wall time, does
    not depend on what else the machine is running.
    """

    def __init__(self, pid: int):
        self.pid = pid
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _watch(self):
        pids, looks = {self.pid}, 0
        while not self._stop.wait(0.1):
            if looks % 10 == 0:  # finding new processes costs a scan of /proc: once a second
                pids |= descendants(self.pid)
            looks += 1
            for pid in pids:
                peak, cpu = process_stats(pid)
                if peak:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)

    @property
    def driver(self) -> int:
        return self.peaks.get(self.pid, 0)

    @property
    def largest_worker(self) -> int:
        return max((v for k, v in self.peaks.items() if k != self.pid), default=0)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def process_stats(pid: int) -> tuple[int, float]:
    """(peak resident bytes, CPU seconds) of a live process; (0, 0) when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0.0
    peak = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return peak, cpu_seconds(pid, CLOCK_TICKS)


def run_batch(corpus: Path, out: Path, jobs: int, *extra: str) -> tuple[float, ProcessTree]:
    shutil.rmtree(out, ignore_errors=True)
    command = [NEWSCLEAN, "batch", str(corpus), "-o", str(out), "-j", str(jobs), "-q", *extra]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    with ProcessTree(process.pid) as tree:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"batch failed ({process.returncode}):\n{stderr}")
    return seconds, tree


def copy_files(corpus: Path, written: Path, out: Path) -> float:
    """Seconds to read every page and write every file the batch wrote: what I/O alone costs."""
    shutil.rmtree(out, ignore_errors=True)
    outputs = [(p.relative_to(written), p.read_bytes()) for p in written.rglob("*") if p.is_file()]
    outputs = [(rel, data) for rel, data in outputs if ".newsclean" not in rel.parts]
    start = time.perf_counter()
    for path in sorted(corpus.rglob("*.txt")):
        path.read_bytes()
    for rel, data in outputs:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return time.perf_counter() - start


def mib(n: int) -> str:
    return f"{n / 1048576:.0f} MiB" if n else "n/a"


def step_times(pages: list[str], rules) -> dict[str, float]:
    """Seconds per page each enabled step of ``rules`` takes, run as the pipeline runs it."""
    from newsclean.model import Page, PageEditor

    steps = [step for step in rules.steps if step.enabled]
    spent = {step.name: 0.0 for step in steps}
    for text in pages:
        doc = Page.from_text(text, "bench")
        for step in steps:
            start = time.perf_counter()
            step.pass_cls().run(PageEditor(doc, step.name), step.build_options())
            spent[step.name] += time.perf_counter() - start
    return {name: seconds / len(pages) for name, seconds in spent.items()}


def profile_passes(pages: list[str], top: int) -> None:
    """Milliseconds per page of each pass, then the functions that take the time."""
    from newsclean.pipeline import clean_text
    from newsclean.ruleset import load_rules

    rules = load_rules("default")
    spent = step_times(pages, rules)
    total = sum(spent.values())
    print(f"\nwhere a page's time goes ({len(pages)} pages, default rules, {1000 * total:.1f} ms/page)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24s} {1000 * seconds:7.2f} ms/page  {100 * seconds / total:5.1f}%")
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [clean_text(text, rules) for text in pages])
    stats = pstats.Stats(profiler)
    own_total = sum(v[2] for v in stats.stats.values())
    print("  functions by own time (cProfile):")
    for (file, line, func), (_, calls, own, _cum, _) in sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]:
        print(f"    {100 * own / own_total:5.1f}%  {calls:>9,} calls  {Path(file).name}:{line}({func})")


def conversion_cost(pages: list[str]) -> str:
    """The time the conversion pass itself takes on a cleaned page (the median of three rounds):
    the difference of two whole runs would drown half a millisecond in a page's noise."""
    from newsclean.passes import all_passes
    from newsclean.ruleset import RuleError, Step, load_rules

    passes, _ = all_passes()
    if "convert_chinese" not in passes:
        return "not available (`newsclean passes` does not list convert_chinese)"
    rules = load_rules("default")
    try:
        rules.step("convert_chinese").enabled = True
    except RuleError:  # not in the default pipeline: run it last, with its defaults
        rules.steps.append(Step("convert_chinese", passes["convert_chinese"]))
    step_times(pages[:1], rules)  # warm: loading dictionaries is paid once per process
    added = 1000 * statistics.median(step_times(pages, rules)["convert_chinese"] for _ in range(3))
    return f"{added:.2f} ms/page added; target <= {CONVERSION_MS} ms: " + verdict(
        added <= CONVERSION_MS, f"{added - CONVERSION_MS:.2f} ms over"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the corpus (default 2000)")
    parser.add_argument("--profile-pages", type=int, default=100, help="pages to profile (default 100)")
    args = parser.parse_args()
    cpus = cpu_count()
    print(f"newsclean {__version__}, Python {sys.version.split()[0]}, {cpus} CPUs, {args.pages} pages")

    corpus = WORK / f"corpus-{args.pages}"
    if not corpus.is_dir():
        print(f"writing the corpus into {corpus} ...", flush=True)
        shutil.rmtree(WORK, ignore_errors=True)
        write_corpus(corpus, args.pages, seed=0)
    one_page = next(corpus.rglob("*.txt"))
    size = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / args.pages
    print(f"corpus: {corpus} ({size / 1024:.1f} KB per page on average)")

    print(f"\nstart-up (median of {START_RUNS} runs, whole process)")
    bare = wall([sys.executable, "-c", "pass"])
    version = wall([NEWSCLEAN, "--version"])
    clean = wall([NEWSCLEAN, "clean", str(one_page)])
    print(f"  bare interpreter (python -c pass)   {1000 * bare:7.1f} ms")
    print(f"  newsclean --version                 {1000 * version:7.1f} ms  {version / bare:4.1f}x bare")
    ratio = clean / bare
    over = f"{ratio / START_RATIO:.1f}x too slow, {1000 * (clean - START_RATIO * bare):.0f} ms over"
    print(
        f"  newsclean clean ONE_PAGE            {1000 * clean:7.1f} ms  {ratio:4.1f}x bare; "
        f"target <= {START_RATIO:.0f}x: " + verdict(ratio <= START_RATIO, over)
    )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"\nthroughput (newsclean batch, default rules; load average before: {load:.1f})")
    if load > 0.5:
        print("  the machine is busy: wall-clock figures are pessimistic, CPU-time figures hold")
    one, tree_one = run_batch(corpus, WORK / "out-1", 1)
    io = copy_files(corpus, WORK / "out-1", WORK / "out-copy")
    per_core = args.pages / tree_one.cpu_seconds if tree_one.cpu_seconds else args.pages / one
    print(f"  reading and writing the same files  {args.pages / io:9,.0f} pages/s (baseline)")
    print(f"  1 worker                            {args.pages / one:9,.0f} pages/s  {one / io:5.1f}x the I/O time")
    print(
        f"  per core (pages per CPU second)     {per_core:9,.0f} pages/s  target >= {PAGES_PER_CORE:,.0f}: "
        + verdict(per_core >= PAGES_PER_CORE, f"{PAGES_PER_CORE / per_core:.1f}x too slow")
    )
    tree_two = None
    if cpus >= 2:
        two, tree_two = run_batch(corpus, WORK / "out-2", 2)
        speedup = one / two
        print(
            f"  2 workers                           {args.pages / two:9,.0f} pages/s  {speedup:.2f}x one worker; "
            f"target >= {TWO_WORKER_SPEEDUP}x: "
            + verdict(speedup >= TWO_WORKER_SPEEDUP, f"{TWO_WORKER_SPEEDUP - speedup:.2f} short")
        )
        if tree_one.cpu_seconds and tree_two.cpu_seconds:
            extra = tree_two.cpu_seconds / tree_one.cpu_seconds - 1
            print(f"  CPU time of 2 workers vs 1          {100 * extra:+.0f}% (what the pool costs; 0 is ideal)")
    else:
        print("  2 workers                           not measured: this process may use one CPU only")
    jobs = min(cpus, 2)
    start = time.perf_counter()
    rerun_command = [NEWSCLEAN, "batch", str(corpus), "-o", str(WORK / f"out-{jobs}"), "-j", str(jobs), "-q"]
    subprocess.run(rerun_command, check=True)
    rerun = time.perf_counter() - start
    print(f"  rerun, nothing changed ({jobs} workers) {args.pages / rerun:9,.0f} pages/s (all skipped)")

    print("\npeak memory (resident)")
    print(f"  1 worker: the process               {mib(tree_one.driver)}")
    if tree_two is not None:
        print(f"  2 workers: driver, largest worker   {mib(tree_two.driver)}, {mib(tree_two.largest_worker)}")
    _, tree_small = run_batch(corpus, WORK / "out-small", jobs, "--glob", "issue000[0-4]/*.txt")
    big = tree_two or tree_one
    sizes = f"driver {mib(tree_small.driver)} vs {mib(big.driver)}"
    if tree_two is not None:
        sizes += f", largest worker {mib(tree_small.largest_worker)} vs {mib(big.largest_worker)}"
    print(f"  {jobs} workers, 50 pages vs {args.pages:,}: {sizes} (must not grow with the pages)")

    rng = random.Random(1)
    sample = [page(rng) for _ in range(args.profile_pages)]
    print(f"\nconversion (convert_chinese): {conversion_cost(sample)}")
    profile_passes(sample, top=12)


if __name__ == "__main__":
    main()
