"""Where the chunks of a batch run: this process, a pool of processes, or a Dask cluster.

Each runner runs ``batch.clean_chunk`` and nothing else, so the executor
never changes what a page becomes.  The job (rules and options) goes to
each worker once, not with every chunk.

The process pool starts its workers from a fork server that has already
imported newsclean, so a worker starts in milliseconds and is not forked
from a process whose threads (the progress bar's) may hold a lock.  A
worker ignores Ctrl-C, which the driver handles, and exits by itself when
the driver is killed, so no orphan goes on writing after a ``kill -9``.

Dask (the ``newsclean[dask]`` extra) is imported only by ``DaskRunner``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .batch import BatchJob, PageReport, PageTask, clean_chunk

DASK_MISSING = "--executor dask needs Dask: pip install 'newsclean[dask]'"
# How often a pool worker checks that the driver is still alive.
_ORPHAN_CHECK_SECONDS = 1.0


def cpu_count() -> int:
    """The CPUs this process may use (a container or taskset may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class InlineRunner:
    """Runs every chunk here, one after the other: for one worker, no process to start or feed."""

    workers = 1
    in_flight = 1
    max_chunk = 64
    generation = 0

    def __init__(self, job: BatchJob):
        self.job = job

    def submit(self, tasks: list[PageTask]) -> Future:
        future: Future = Future()
        future.set_result(clean_chunk(self.job, tasks))
        return future

    def recover(self, error: BaseException) -> None:
        pass

    def close(self) -> None:
        pass


_worker_job: BatchJob | None = None


def _start_worker(job: BatchJob, driver: int) -> None:
    global _worker_job
    _worker_job = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.name == "posix":  # elsewhere os.kill(pid, 0) is not a harmless look: 0 is CTRL_C_EVENT on Windows
        threading.Thread(target=_exit_when_orphaned, args=(driver,), daemon=True).start()


def _exit_when_orphaned(driver: int) -> None:
    while True:
        time.sleep(_ORPHAN_CHECK_SECONDS)
        try:
            os.kill(driver, 0)
        except ProcessLookupError:
            os._exit(1)


def _clean_chunk_in_worker(tasks: list[PageTask]) -> list[PageReport]:
    return clean_chunk(_worker_job, tasks)


class ProcessRunner:
    """A pool of worker processes on this machine."""

    max_chunk = 32

    def __init__(self, job: BatchJob, workers: int):
        self.job = job
        self.workers = workers
        self.in_flight = 2 * workers
        self.generation = 0
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newsclean.executors"])
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, context, initializer=_start_worker, initargs=(self.job, os.getpid()))

    def submit(self, tasks: list[PageTask]) -> Future:
        return self._pool.submit(_clean_chunk_in_worker, tasks)

    def recover(self, error: BaseException) -> None:
        """A worker that died (killed for memory, a crash) breaks the pool: start a new one."""
        if isinstance(error, BrokenProcessPool):
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            self.generation += 1

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner:
    """A Dask cluster: a local one of ``workers`` processes, or the scheduler at ``address``."""

    max_chunk = 128  # a Dask task costs about a millisecond to schedule
    generation = 0

    def __init__(self, job: BatchJob, workers: int, address: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ImportError(DASK_MISSING) from None
        if address:
            self._cluster = None
            self._client = Client(address)
        else:
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = Client(self._cluster)
        threads = sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values())
        self.workers = max(1, threads)
        self.in_flight = 3 * self.workers
        self._job = self._client.scatter(job, broadcast=True)
        # Retried on another worker if one dies; chunks are never deduplicated (pure=False).
        self._executor = self._client.get_executor(pure=False, retries=2)

    def submit(self, tasks: list[PageTask]) -> Future:
        return self._executor.submit(clean_chunk, self._job, tasks)

    def recover(self, error: BaseException) -> None:
        pass  # the scheduler replaces dead workers itself

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_runner(kind: str, job: BatchJob, jobs: int, pages: int | None, address: str | None = None):
    """The runner for ``--executor kind``; one worker, or one page, runs here without a pool.

    ``pages`` is None when the pages were not counted.
    """
    if kind == "dask":
        return DaskRunner(job, jobs, address)
    if pages is not None:
        jobs = min(jobs, pages)
    if jobs <= 1:
        return InlineRunner(job)
    return ProcessRunner(job, jobs)
