"""Which Prefect task runner runs the document tasks, and how many documents may be in flight.

Local (`--workers N`): a thread pool of N in the flow process. The threads only wait: each
document is extracted in a killable worker process (`pipeline.batch.isolation`), so N threads mean N
extraction processes, without Prefect's per-process start-up and pickling on every task.

Dask (`--dask-address tcp://...`): prefect-dask's DaskTaskRunner on the existing cluster; each
Dask worker process keeps its own pool of extraction processes. The writer stays here, on
the client. Paths must be readable at the same place by the Dask workers (a shared disk).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

IN_FLIGHT_PER_SLOT = 2  # results waiting while the writer loads: enough to keep workers busy


class DaskUnavailable(RuntimeError):
    """`--dask-address` given but prefect-dask / distributed cannot be imported or reached."""


def make_runner(workers: int, dask_address: str | None):
    """(task runner, documents in flight)."""
    if not dask_address:
        from prefect.task_runners import ThreadPoolTaskRunner

        workers = max(1, workers)
        return ThreadPoolTaskRunner(max_workers=workers), IN_FLIGHT_PER_SLOT * workers
    try:
        from distributed import Client
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise DaskUnavailable(f"--dask-address needs prefect-dask and distributed: {exc}") from exc
    try:
        with Client(dask_address, timeout=10) as client:
            slots = sum(client.nthreads().values())
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {dask_address}: {exc}") from exc
    return DaskTaskRunner(address=dask_address), IN_FLIGHT_PER_SLOT * max(1, slots)


@contextmanager
def api_for_remote_workers(remote: bool) -> Iterator[None]:
    """Give task runs on Dask workers the Prefect API this process uses.

    Without PREFECT_API_URL, Prefect starts a temporary server per *process*: every Dask worker
    would start its own (seconds each, and left running when the worker is killed), and their
    task runs would never show beside the flow run. So the client starts the temporary server
    and hands its URL to the tasks through the settings Prefect ships with each task. On a real
    cluster, point PREFECT_API_URL at a server the workers can reach (the temporary one listens
    on 127.0.0.1 only)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if not remote or PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield
