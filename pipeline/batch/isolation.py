"""Per-document isolation: every extraction runs in a child process that can be killed.

A Prefect task timeout cannot stop a runaway C extension (MuPDF) in a thread, and a document
that allocates without bound would take the whole ingest down with it. So a document task
hands its `Job` to a small pool of long-lived worker processes (`pipeline.batch.worker`), each with
its address space capped (RLIMIT_AS). The pool:

* kills the worker when a document exceeds the time limit → the document is `failed`,
  "timed out after 300 s", and a fresh worker replaces the killed one;
* turns a MemoryError in the worker into "out of memory (limit 2048 MB)" and recycles it;
* raises `WorkerDied` — the one *transient* error, worth a retry — when a worker process
  vanishes without answering (killed from outside, crashed);
* recycles workers after many documents or when they grow, so memory stays flat however long
  the batch.

Workers are started from one dedicated thread, because PR_SET_PDEATHSIG fires when the thread
that forked the child exits, and task threads come and go. One pool per process and limits
(`get_pool`): the flow process for `--workers N`, each Dask worker process for `--dask-address`.
"""

from __future__ import annotations

import atexit
import os
import pickle
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.batch.plaintext import printable
from pipeline.extract import EXTRACTOR_VERSION, Overrides
from schemas.model import ExtractedDocument

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_PROJECT_ROOT = str(Path(__file__).resolve().parents[1])
PATH_IN_MESSAGE_MAX = 300  # characters of a document's path quoted in an error
STARTUP_TIMEOUT = 180.0  # seconds for a worker to import the extractors (2 busy cores can be slow)
# Reasons that come from the run, not the document's content: such a document is tried again
# on the next ingest (perhaps with a larger --timeout / --max-memory); a content failure is not.
RESOURCE_REASONS = ("timed out after", "out of memory", "worker process died")
_MEMORY_ERROR = re.compile(r"^(MemoryError|FzErrorMemory)\b|malloc .*fail|out of memory|cannot allocate memory",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """What one document may use. `max_memory_mb` 0 means no cap."""

    timeout: float = 300.0
    max_memory_mb: int = 2048
    max_jobs_per_worker: int = 200  # recycle: keeps fragmentation and leaks from accumulating
    recycle_rss_mb: int = 0  # recycle a worker that stays above this after a document (0: half the cap, ≥ 512)

    @property
    def recycle_bytes(self) -> int:
        mb = self.recycle_rss_mb or (max(self.max_memory_mb // 2, 512) if self.max_memory_mb else 1024)
        return mb << 20


@dataclass
class Job:
    """One document to extract: everything a worker needs, nothing it must not see (the warehouse)."""

    path: str
    source_path: str
    doc_id: str
    file_type: str
    overrides: Overrides | None = None
    max_pages: int | None = None


class WorkerDied(RuntimeError):
    """A worker process vanished while extracting: transient (retry), not the document's fault
    as far as anyone can tell from one attempt."""


class WorkerStartError(RuntimeError):
    """A worker could not start at all (bad limits, broken install): the batch cannot run."""


def _statm(field: int) -> int:
    """One field of /proc/self/statm in bytes (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[field]) * _PAGE
    except OSError:
        return 0


def current_rss() -> int:
    """Resident bytes of this process."""
    return _statm(1)


def current_vm() -> int:
    """Mapped address space of this process, what RLIMIT_AS counts."""
    return _statm(0)


def timeout_reason(seconds: float) -> str:
    return f"timed out after {seconds:g} s"


def memory_reason(max_memory_mb: int) -> str:
    return f"out of memory (limit {max_memory_mb} MB)"


def is_resource_failure(status: str | None, error: str | None) -> bool:
    return status == "failed" and bool(error) and error.startswith(RESOURCE_REASONS)


def failed_document(job: Job, reason: str, seconds: float = 0.0) -> ExtractedDocument:
    """The result of a document whose worker never answered: what the parent knows of it."""
    return ExtractedDocument(doc_id=job.doc_id, source_path=job.source_path, file_type=job.file_type,
                             status="failed", error=reason, extractor_version=EXTRACTOR_VERSION,
                             seconds=seconds)


def describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class _Worker:
    """One child process and its two pipes."""

    def __init__(self, proc: subprocess.Popen, send: Connection, recv: Connection) -> None:
        self.proc, self.send, self.recv = proc, send, recv
        self.jobs = 0

    def close(self, grace: float = 2.0) -> None:
        """Ask politely (EOF on its inbox), then kill."""
        for conn in (self.send, self.recv):
            try:
                conn.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for conn in (self.send, self.recv):
            try:
                conn.close()
            except OSError:
                pass


def _popen(max_memory_mb: int) -> _Worker:
    job_r, job_w = os.pipe()
    res_r, res_w = os.pipe()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH")) if p)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.batch.worker", str(job_r), str(res_w), str(max_memory_mb), str(os.getpid())],
            pass_fds=(job_r, res_w), stdin=subprocess.DEVNULL, env=env, close_fds=True)
    finally:
        os.close(job_r)
        os.close(res_w)
    return _Worker(proc, Connection(job_w, readable=False), Connection(res_r, writable=False))


class WorkerPool:
    """Long-lived extraction workers, checked out by one document at a time."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._idle: list[_Worker] = []
        self._starting: list[_Worker] = []  # started by `prestart`, not yet known to be ready
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lkjip-worker-spawner")
        self._closed = False
        self.started = 0  # workers started, for benchmarks and tests
        self.killed = 0  # workers killed for time or lost

    # ------------------------------------------------------------------ life cycle
    def _start(self) -> _Worker:
        worker = self._spawner.submit(_popen, self.limits.max_memory_mb).result()
        with self._lock:
            self._all.add(worker)
            self.started += 1
        return worker

    def _await_ready(self, worker: _Worker) -> _Worker:
        try:
            ready = worker.recv.poll(STARTUP_TIMEOUT)
            message = pickle.loads(worker.recv.recv_bytes()) if ready else None
        except (EOFError, OSError):
            message = None
        if not message or message[0] != "ready" or message[1]:
            code = worker.proc.poll()
            self._discard(worker, kill=True)
            if message and message[1]:
                raise WorkerStartError(message[1])
            raise WorkerStartError(f"extraction worker did not start ({describe_exit(code)}); "
                                   "run `python -m pipeline.batch.worker` to see why")
        return worker

    def prestart(self, n: int) -> None:
        """Start workers up to `n` without waiting for them: their imports overlap the caller's
        own start-up (Prefect's imports); `warm` or the first document waits for them."""
        with self._lock:
            missing = n - len(self._idle) - len(self._starting)
        for _ in range(max(0, missing)):
            worker = self._start()
            with self._lock:
                self._starting.append(worker)

    def warm(self, n: int) -> None:
        """Start `n` idle workers at once (their imports overlap); raise WorkerStartError early."""
        with self._lock:
            fresh, self._starting = self._starting, []
        fresh += [self._start() for _ in range(max(0, n - len(self._idle) - len(fresh)))]
        ready = []
        try:
            for w in fresh:
                ready.append(self._await_ready(w))
        finally:
            with self._lock:
                self._idle.extend(ready)
        for w in fresh:
            if w not in ready:
                self._discard(w, kill=True)

    def _checkout(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("worker pool is closed")
            while self._idle:
                worker = self._idle.pop()
                if worker.proc.poll() is None:
                    return worker
                self._all.discard(worker)
            starting = self._starting.pop() if self._starting else None
        return self._await_ready(starting or self._start())

    def _checkin(self, worker: _Worker, rss: int) -> None:
        worker.jobs += 1
        if worker.jobs >= self.limits.max_jobs_per_worker or rss > self.limits.recycle_bytes:
            self._discard(worker)
            return
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        self._discard(worker)

    def _discard(self, worker: _Worker, kill: bool = False) -> None:
        with self._lock:
            self._all.discard(worker)
        if kill:
            worker.kill()
        else:
            worker.close()

    def close(self) -> None:
        """Stop every worker (idle ones exit on EOF; busy ones are killed)."""
        with self._lock:
            self._closed = True
            idle, busy = list(self._idle), [w for w in self._all if w not in self._idle]
            self._idle, self._starting, self._all = [], [], set()
        for w in busy:
            w.kill()
        for w in idle:
            w.close(grace=1.0)
        self._spawner.shutdown(wait=False)

    # ------------------------------------------------------------------ one document
    def run(self, job: Job) -> ExtractedDocument:
        """Extract `job` in a worker within the limits; a failed document for time or memory,
        `WorkerDied` when the worker vanished."""
        worker = self._checkout()
        started = time.perf_counter()
        allowed = self.limits.timeout  # grows by the OCR time limit of each page to be OCR'd
        try:
            worker.send.send_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, EOFError):
            pass  # the worker is gone; the read below says how
        try:
            while True:
                left = allowed - (time.perf_counter() - started)
                try:
                    answered = worker.recv.poll(max(0.0, left) if allowed > 0 else None)
                except (OSError, EOFError):
                    answered = True
                if not answered:
                    self._discard(worker, kill=True)
                    with self._lock:
                        self.killed += 1
                    return failed_document(job, timeout_reason(allowed), time.perf_counter() - started)
                kind, payload, rss = pickle.loads(worker.recv.recv_bytes())
                if kind != "ocr_pages":
                    break
                pages, per_page = payload
                if allowed > 0:
                    allowed += pages * per_page
        except (EOFError, OSError):
            code = worker.proc.wait()
            self._discard(worker, kill=True)
            with self._lock:
                self.killed += 1
            raise WorkerDied(f"worker process died ({describe_exit(code)}) while extracting "
                             f"{printable(job.source_path, PATH_IN_MESSAGE_MAX)}")
        elapsed = time.perf_counter() - started
        if kind == "ok":
            doc: ExtractedDocument = payload
            doc.extra["time_limit_s"] = allowed  # the limit it was held to, OCR pages included
            if doc.status == "failed" and self.limits.max_memory_mb and _MEMORY_ERROR.search(doc.error or ""):
                doc.error = memory_reason(self.limits.max_memory_mb)
                self._discard(worker, kill=True)  # its heap is suspect after a failed allocation
                return doc
            self._checkin(worker, rss)
            return doc
        if kind == "memory":
            self._discard(worker, kill=True)
            reason = memory_reason(self.limits.max_memory_mb) if self.limits.max_memory_mb else "out of memory"
            return failed_document(job, reason, elapsed)
        self._checkin(worker, rss)
        return failed_document(job, f"extraction raised {payload}", elapsed)


_pools: dict[Limits, WorkerPool] = {}
_pools_lock = threading.Lock()


def get_pool(limits: Limits) -> WorkerPool:
    """This process's pool for these limits (created on first use, kept until shutdown)."""
    with _pools_lock:
        pool = _pools.get(limits)
        if pool is None:
            pool = _pools[limits] = WorkerPool(limits)
        return pool


def shutdown_pools() -> None:
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


def pool_stats() -> dict[str, int]:
    """Worker processes this process has started (what a Dask worker reports to `client.run`)."""
    with _pools_lock:
        pools = list(_pools.values())
    return {"pools": len(pools), "started": sum(p.started for p in pools), "pid": os.getpid()}


def run_isolated(job: Job, limits: Limits) -> ExtractedDocument:
    """Extract one document in this process's worker pool (what a document task calls)."""
    return get_pool(limits).run(job)


atexit.register(shutdown_pools)
