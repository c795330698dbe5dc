"""The export pool: images (kaleido), decks and zips run here, never on the threads that serve
pages, and only so many at once.

    pool = ExportPool(dataset, PoolSettings.from_env())
    data = pool.run(key, jobs.deck_job, ("trade-2017",), view)   # or raises ExportBusy

Each web worker has one pool: ``workers`` export processes (or threads) and room for ``waiting``
more requests. A request beyond that gets ``ExportBusy`` at once (the route answers 503 with
Retry-After), so export requests can never hold more than ``workers + waiting`` of a web worker's
threads, and pages always find one free. Identical requests in flight share one job.

Why processes by default: decks and zips are CPU-bound Python, so in threads they would hold the
GIL the page threads need; in a process at a lower priority (jobs.EXPORT_NICENESS, inherited by
its Chromium) the operating system serves pages first. The README's "Serving in production"
gives the measurements.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from app.export import jobs

LOG = logging.getLogger(__name__)
KINDS = ("process", "thread")


class ExportBusy(Exception):
    """No room in the export pool (or the wait ran out): try again after ``retry_after`` s."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class PoolSettings:
    kind: str = "process"  # or "thread"
    workers: int = 1  # exports made at once, per web worker
    waiting: int = 2  # further export requests that may wait for one
    wait_seconds: float = 60  # longest a request waits for its export
    tasks_per_process: int = 200  # a process is replaced after this many jobs (bounds leaks)
    retry_after: int = 10  # seconds a refused request is told to wait

    @classmethod
    def from_env(cls, environ=None) -> PoolSettings:
        """$SRI_EXPORT_POOL (process|thread), $SRI_EXPORT_WORKERS, $SRI_EXPORT_WAITING."""
        environ = os.environ if environ is None else environ
        kind = environ.get("SRI_EXPORT_POOL", cls.kind)
        if kind not in KINDS:
            raise ValueError(f"SRI_EXPORT_POOL={kind!r}: expected one of {', '.join(KINDS)}")
        return cls(
            kind=kind,
            workers=max(1, int(environ.get("SRI_EXPORT_WORKERS", cls.workers))),
            waiting=max(0, int(environ.get("SRI_EXPORT_WAITING", cls.waiting))),
        )


class ExportPool:
    """Runs export jobs apart from the page threads, bounded; see the module docstring."""

    def __init__(self, dataset, settings: PoolSettings, on_done: Callable | None = None):
        self.settings = settings
        self._dataset = dataset
        self._source = jobs.Source.of(dataset) if settings.kind == "thread" else None
        self._on_done = on_done  # (key, bytes) of every finished job, e.g. to cache it
        self._admitted = threading.BoundedSemaphore(settings.workers + settings.waiting)
        self._lock = threading.RLock()
        self._running: dict[Hashable, Future] = {}
        self._executor: Executor | None = None

    def run(self, key: Hashable, job: Callable, *args) -> bytes:
        """The job's bytes; an identical job in flight (same ``key``) is shared, not repeated."""
        if not self._admitted.acquire(blocking=False):
            raise ExportBusy("[busy] every export slot is taken", self.settings.retry_after)
        try:
            future = self._future_for(key, job, args)
            try:
                return future.result(timeout=self.settings.wait_seconds)
            except FutureTimeout:
                raise ExportBusy("[busy] the export took too long", self.settings.retry_after) from None
            except BrokenProcessPool:  # killed, out of memory: a bug to log; the next job starts afresh
                LOG.error("an export process died during %r; new ones start with the next export", key)
                raise
        finally:
            self._admitted.release()

    def warm(self) -> None:
        """Start the export processes now rather than on the first export."""
        self._submit(jobs.warm_job, ())

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _future_for(self, key: Hashable, job: Callable, args: tuple) -> Future:
        with self._lock:
            future = self._running.get(key)
            if future is None:
                future = self._running[key] = self._submit(job, args)
                future.add_done_callback(lambda done: self._finished(key, done))
            return future

    def _finished(self, key: Hashable, future: Future) -> None:
        with self._lock:
            if self._running.get(key) is future:
                del self._running[key]
        if self._on_done and not future.cancelled() and future.exception() is None:
            self._on_done(key, future.result())

    def _submit(self, job: Callable, args: tuple) -> Future:
        with self._lock:
            if self._executor is None:
                self._executor = self._new_executor()
            if self.settings.kind == "thread":
                return self._executor.submit(job, self._source, *args)
            try:
                return self._executor.submit(jobs.run_installed, job, *args)
            except BrokenProcessPool:  # a process of it died earlier: replace the pool, once
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
                return self._executor.submit(jobs.run_installed, job, *args)

    def _new_executor(self) -> Executor:
        if self.settings.kind == "thread":
            return ThreadPoolExecutor(self.settings.workers, thread_name_prefix="export")
        LOG.info("starting %d export process(es)", self.settings.workers)
        return ProcessPoolExecutor(
            self.settings.workers,
            mp_context=multiprocessing.get_context("spawn"),  # never fork a threaded web worker
            initializer=jobs.install_source,
            initargs=(self._dataset,),
            max_tasks_per_child=self.settings.tasks_per_process,
        )
