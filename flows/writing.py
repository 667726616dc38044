"""The writer's side of the flow: waiting for readers, bursts on one connection, Ctrl-C.

The warehouse has one writer, the flow process, and DuckDB lets a reader (`lkjip sql`) in only
while the writer's connection is closed. So the flow opens the connection for a burst of loads
and closes it while it waits for the next results; when a reader holds the file at that moment,
the write waits for it (with backoff) instead of failing the batch.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pipeline.warehouse.store import WarehouseBusy, Writer

BUSY_WAIT = 600.0  # seconds the writer waits for readers (`lkjip sql`) to let go of the file


def when_free(action: Callable[[], object], logger, wait: float = BUSY_WAIT):
    """Run a write; while a reader (`lkjip sql`) holds the file, wait for it with backoff."""
    delay, waited, told = 0.05, 0.0, False
    while True:
        try:
            return action()
        except WarehouseBusy:
            if waited >= wait:
                raise
            if not told:
                logger.warning("warehouse opened by a reader; waiting to write")
                told = True
            time.sleep(delay)
            waited += delay
            delay = min(delay * 2, 1.0)


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Ctrl-C while the writer is inside DuckDB would surface as an error from DuckDB, not as an
    interruption; so while a burst is written, Ctrl-C is noted and raised right after it: the
    documents in hand are committed, then the run stops (a second Ctrl-C is the same)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


@contextmanager
def writing(writer: Writer, logger) -> Iterator[None]:
    """Hold the writer's connection for a burst of loads, waiting for readers to let go first
    (Ctrl-C stops that wait); once it is open, Ctrl-C waits for the burst to be committed."""
    with _holding(writer, logger), sigint_deferred():
        yield


@contextmanager
def _holding(writer: Writer, logger) -> Iterator[None]:
    held = None

    def enter() -> None:
        nonlocal held
        cm = writer.connection()
        cm.__enter__()
        held = cm

    when_free(enter, logger)
    try:
        yield
    finally:
        held.__exit__(None, None, None)
