"""The child side of per-document isolation: a long-lived extraction process.

Started by `pipeline.batch.isolation` as `python -m pipeline.batch.worker READ_FD WRITE_FD MAX_MEMORY_MB`.
It imports the extractors once, caps its own address space (RLIMIT_AS) so that a document
that blows up memory gets a MemoryError here instead of dragging the machine into swap or the
OOM killer, then answers jobs one at a time over a pipe: a pickled `Job` in, a pickled
`("ok", ExtractedDocument, rss_bytes)` or `("error", reason, rss_bytes)` out. The parent
enforces the time limit by killing this process; nothing here needs to know about time.

It dies with its parent (PR_SET_PDEATHSIG on Linux, and a watchdog thread elsewhere), so a
SIGKILLed ingest leaves no extraction running behind it.

Test hooks (only when LKJIP_TEST_HOOKS=1, which only the test suite sets): a document whose
file name contains the value of LKJIP_TEST_SLOW_MARKER sleeps for an hour,
LKJIP_TEST_RAISE_MARKER raises out of the extraction, LKJIP_TEST_MEMORY_MARKER allocates
until the memory limit hits, LKJIP_TEST_CRASH_MARKER kills this process (SIGKILL) on every
attempt, LKJIP_TEST_CRASH_ONCE_MARKER only on the first (a transient death; the stamp that
remembers it goes to LKJIP_TEST_STAMP_DIR, where `attempts.log` lists every hooked attempt).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from pipeline.batch.isolation import Job, current_rss, current_vm
from pipeline.extract import extract_document


def _die_with_parent(parent: int) -> None:
    """Never outlive the ingest: the kernel kills us when the parent goes (Linux); elsewhere a
    thread notices the re-parenting within a second."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _limit_memory(max_memory_mb: int) -> str | None:
    """Cap the address space; a reason when the cap is below what the worker already maps."""
    if max_memory_mb <= 0:
        return None
    import resource

    limit = max_memory_mb << 20
    at_rest = current_vm()
    if at_rest >= limit:
        return (f"--max-memory {max_memory_mb} MB is below what an extraction worker maps at rest "
                f"({at_rest >> 20} MB); raise it")
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return None


_HOOK_VARS = ("LKJIP_TEST_SLOW_MARKER", "LKJIP_TEST_RAISE_MARKER", "LKJIP_TEST_MEMORY_MARKER",
              "LKJIP_TEST_CRASH_MARKER", "LKJIP_TEST_CRASH_ONCE_MARKER")


def _test_hooks(job: Job) -> None:
    """Faults on demand for the fault-isolation tests; inert unless LKJIP_TEST_HOOKS=1."""
    if os.environ.get("LKJIP_TEST_HOOKS") != "1":
        return
    name = os.path.basename(job.path)

    def marked(var: str) -> bool:
        marker = os.environ.get(var)
        return bool(marker) and marker in name

    stamps = os.environ.get("LKJIP_TEST_STAMP_DIR")
    if stamps and any(marked(v) for v in _HOOK_VARS):
        with open(os.path.join(stamps, "attempts.log"), "a") as log:  # the tests count attempts
            log.write(name + "\n")
    if marked("LKJIP_TEST_SLOW_MARKER"):
        time.sleep(3600)
    if marked("LKJIP_TEST_RAISE_MARKER"):
        raise RuntimeError(f"test hook: extraction raised for {name}")
    if marked("LKJIP_TEST_MEMORY_MARKER"):
        hog = []
        while True:
            hog.append(bytearray(64 << 20))
    if marked("LKJIP_TEST_CRASH_MARKER"):
        os.kill(os.getpid(), signal.SIGKILL)
    if marked("LKJIP_TEST_CRASH_ONCE_MARKER"):
        stamp = os.path.join(os.environ.get("LKJIP_TEST_STAMP_DIR") or os.path.dirname(job.path), name + ".crashed")
        if not os.path.exists(stamp):
            open(stamp, "w").close()
            os.kill(os.getpid(), signal.SIGKILL)


def _answer(job: Job) -> tuple:
    try:
        _test_hooks(job)
        doc = extract_document(job.path, source_path=job.source_path, overrides=job.overrides,
                               max_pages=job.max_pages)
        return ("ok", doc)
    except MemoryError:
        return ("memory", "MemoryError")
    except Exception as exc:  # extract_document never raises by contract; a bug must not kill the batch
        return ("error", f"{type(exc).__name__}: {exc}".splitlines()[0][:500])


def _preload() -> None:
    """Import the readers now: the first document should not pay for them, and the memory cap
    is measured against a worker that has everything mapped."""
    import extractors.pdf.reader  # noqa: F401
    import extractors.text  # noqa: F401
    import pipeline.checks  # noqa: F401


def serve(read_fd: int, write_fd: int, max_memory_mb: int) -> None:
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    _preload()
    problem = _limit_memory(max_memory_mb)
    outbox.send_bytes(pickle.dumps(("ready", problem, current_rss())))
    if problem:
        return
    import extractors.ocr.pages as ocr_pages

    def planned(pages: int, per_page: float) -> None:  # the parent extends this document's time limit
        outbox.send_bytes(pickle.dumps(("ocr_pages", (pages, per_page), current_rss())))

    ocr_pages.ocr_planned = planned
    while True:
        try:
            job: Job = pickle.loads(inbox.recv_bytes())
        except EOFError:  # the parent closed the pipe: the batch is over
            return
        reply = _answer(job)
        try:
            payload = pickle.dumps((*reply, current_rss()), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", "MemoryError while sending the result", 0))
        del reply
        outbox.send_bytes(payload)


def main(argv: list[str]) -> None:
    read_fd, write_fd, max_memory_mb, parent = (int(a) for a in argv[1:5])
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
    serve(read_fd, write_fd, max_memory_mb)


if __name__ == "__main__":
    main(sys.argv)
