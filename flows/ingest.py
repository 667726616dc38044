"""The ingest flow: discover → one isolated extraction task per document → a single writer loads.

Documents are the unit of work (never pages or cells). A document task runs in a thread of the
flow process (`--workers N`: N threads) or on a Dask worker (`--dask-address`), and hands the
document to a killable worker process (`pipeline.batch.isolation`) that enforces the time and memory
limits; the task itself only waits. Workers never open the warehouse: the flow loads each
result as it completes, one transaction per document, with the DuckDB connection closed while
it waits, so `lkjip sql` can read in between. An interrupted batch keeps every finished
document, and a rerun skips them (same bytes, same extractor version) without reading them.

Only a bounded window of documents is in flight (a few per worker), so memory does not grow
with the size of the batch.
"""

from __future__ import annotations

import dataclasses
import queue
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.writing import sigint_deferred, when_free, writing
from pipeline.batch.discover import Candidate, discover
from pipeline.batch.isolation import (
    Job,
    Limits,
    WorkerDied,
    failed_document,
    get_pool,
    is_resource_failure,
    run_isolated,
)
from pipeline.batch.plaintext import printable
from pipeline.batch.prefect_server import Api, answers, choose_api, using
from pipeline.extract import EXTRACTOR_VERSION, Overrides, file_type_of
from pipeline.quality.coverage import money_coverage, money_in_table_figures
from pipeline.warehouse.pending import PendingChecks
from pipeline.warehouse.store import Writer, open_writer
from schemas.model import ExtractedDocument

# Results are loaded in bursts: opening and closing DuckDB costs about as much as loading a
# document, so the writer gathers what completes within BURST_LINGER seconds (at most BURST_MAX
# documents) and loads them on one connection, closed again while it waits for the next.
BURST_LINGER = 0.5
BURST_MAX = 64


@dataclass
class IngestSummary:
    statuses: Counter = field(default_factory=Counter)
    skipped_known: int = 0
    duplicates: int = 0
    other_files: int = 0
    pages: int = 0
    budget_lines: int = 0
    indicators: int = 0
    flags: int = 0
    figures_printed: int = 0  # money figures printed by the documents of this run (figure coverage)
    figures_captured: int = 0
    figures_in_tables: int = 0  # of those captured, held only by table_figures
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def add(self, doc: ExtractedDocument) -> None:
        self.statuses[doc.status] += 1
        self.pages += doc.n_pages or 0
        self.budget_lines += len(doc.budget_lines)
        self.indicators += len(doc.indicators)
        self.flags += len(doc.flags)
        printed, captured = money_coverage(doc.figures)
        self.figures_printed += printed
        self.figures_captured += captured
        self.figures_in_tables += money_in_table_figures(doc.figures)
        if doc.status in ("failed", "unsupported"):
            self.failures.append((doc.source_path, doc.error or ""))


def _transient(task, task_run, state) -> bool:
    """Retry only a worker that vanished; a deterministic extraction failure is a result, not
    an exception, and a timeout or memory blow-up would only happen again."""
    return isinstance(state.data, WorkerDied)


# What Prefect sees of a document (its API, its database, its result storage): the task run's
# name (`extract <path>`), its states, the warnings logged for documents that are not `ok` (path,
# status, reason) and, for a task that raised, the exception (WorkerDied: the path and how the
# worker died). Never the document's contents: the extracted document goes back to the flow in
# memory and never into result storage, whatever PREFECT_RESULTS_PERSIST_BY_DEFAULT says
# (persist_result=False, no cache key).
TASK_NAME_MAX = 200
LOG_FIELD_MAX = 500


def task_run_name(source_path: str) -> str:
    """`extract raw/…pdf`, at most TASK_NAME_MAX characters of plain text."""
    return "extract " + printable(source_path, TASK_NAME_MAX - len("extract "))


def _task_run_name(parameters: dict) -> str:
    return task_run_name(parameters["job"].source_path)


@task(name="extract-document", retries=1, retry_delay_seconds=0, retry_condition_fn=_transient,
      cache_policy=NO_CACHE, persist_result=False, task_run_name=_task_run_name)
def extract_task(job: Job, limits: Limits) -> ExtractedDocument:
    """Read → extract → check one document in an isolated worker process."""
    return run_isolated(job, limits)


def _merge(base: Overrides | None, options: Overrides | None) -> Overrides | None:
    if options is None:
        return base
    merged = Overrides(**{k: v for k, v in vars(base).items()}) if base else Overrides()
    for name in ("doc_type", "region_name", "region_type", "unit_name", "year"):
        value = getattr(options, name)
        if value is not None:
            setattr(merged, name, value)
            merged.force.add(name)
    return merged


@dataclass
class Loaded:
    """What the warehouse already holds of a document."""

    extractor_version: str
    status: str
    error: str | None


def plan(candidates: list[Candidate], loaded: dict[str, Loaded]) -> tuple[list[Candidate], list[Candidate], int]:
    """(to extract, duplicates of another file, count already loaded with this extractor).

    A document that failed for time, memory or a dead worker is extracted again: that was the
    run's doing, not the document's (and the limits may have been raised since)."""
    todo: list[Candidate] = []
    dupes: list[Candidate] = []
    known = 0
    first: dict[str, Candidate] = {}
    for c in candidates:
        if c.doc_id in first:
            dupes.append(c)
            continue
        first[c.doc_id] = c
        have = loaded.get(c.doc_id)
        if have and have.extractor_version == EXTRACTOR_VERSION and not is_resource_failure(have.status, have.error):
            known += 1
            continue
        todo.append(c)
    return todo, dupes, known


@dataclass
class Observer:
    """Progress hooks of the caller (the CLI's progress bar); kept out of flow parameters,
    which Prefect records."""

    on_start: Callable[[int, int], None] | None = None  # (documents to extract, their bytes)
    on_document: Callable[[ExtractedDocument], None] | None = None


_observer = Observer()
_finished: IngestSummary | None = None  # the flow's summary once its work is done


class PrefectLost(RuntimeError):
    """The Prefect API stopped answering during the run (its server was stopped). `summary` is
    the run's when the flow had finished its work (every document loaded), else None."""

    def __init__(self, url: str, summary: IngestSummary | None) -> None:
        super().__init__(f"the Prefect server at {url} stopped answering during the run")
        self.url, self.summary = url, summary


def run_ingest(paths: list[str], warehouse: str | None = None, workers: int = 1,
               options: Overrides | None = None, max_pages: int | None = None,
               observer: Observer | None = None, limits: Limits | None = None,
               dask_address: str | None = None, api: Api | None = None) -> IngestSummary:
    """Run the flow: `workers` documents at once in local worker processes, or on the Dask
    cluster at `dask_address` (as many at once as it has threads). `api`: the Prefect API to
    report to (default `choose_api()`: PREFECT_API_URL, else a running `lkjip server`, else a
    temporary server)."""
    from flows.runners import api_for_remote_workers, make_runner

    global _observer, _finished
    runner, window = make_runner(workers, dask_address)
    api = api or choose_api()
    _observer, _finished = observer or Observer(), None
    try:
        with using(api), api_for_remote_workers(bool(dask_address)):
            return ingest_flow.with_options(task_runner=runner)(
                paths=paths, warehouse=warehouse, options=options, max_pages=max_pages,
                limits=limits or Limits(), window=window, warm=0 if dask_address else workers)
    except Exception as exc:
        if api.url is not None and answers(api.url) is not None:
            raise PrefectLost(api.url, _finished) from exc
        raise
    finally:
        _observer = Observer()
        if not dask_address:
            from pipeline.batch.isolation import shutdown_pools

            shutdown_pools()


@flow(name="lkjip-ingest", log_prints=False, validate_parameters=False, persist_result=False)
def ingest_flow(paths: list[str], warehouse: str | None = None, options: Overrides | None = None,
                max_pages: int | None = None, limits: Limits = Limits(), window: int = 2,
                warm: int = 0) -> IngestSummary:
    """Ingest every supported file under `paths` into the warehouse."""
    logger = get_run_logger()
    started = time.perf_counter()
    summary = IngestSummary()
    with open_writer(warehouse) as writer:
        candidates, others = discover([Path(p) for p in paths])
        summary.other_files = len(others)
        with sigint_deferred():
            loaded = when_free(lambda: _loaded(writer), logger)
        todo, dupes, summary.skipped_known = plan(candidates, loaded)
        pending = PendingChecks(writer.path)
        to_check = pending.read()
        logger.info("%d documents found, %d already loaded, %d to extract%s", len(candidates),
                    summary.skipped_known, len(todo),
                    f", {len(to_check)} left to cross-check by an interrupted run" if to_check else "")
        if _observer.on_start:
            _observer.on_start(len(todo), sum(c.size for c in todo))
        if warm and todo:
            get_pool(limits).warm(min(warm, len(todo)))  # fails fast on impossible limits
        try:
            for docs in _extract_all(todo, options, max_pages, limits, window):
                with writing(writer, logger):  # one open per burst of results, closed while waiting
                    for doc in docs:
                        pending.add(doc.doc_id)
                        _load(writer, doc, summary, logger)
                for doc in docs:
                    if _observer.on_document:
                        _observer.on_document(doc)
            with writing(writer, logger):
                for c in dupes:
                    writer.record_duplicate(c.doc_id, c.source_path)
            summary.duplicates = len(dupes)
            new_ids = list(dict.fromkeys([*to_check, *(c.doc_id for c in todo)]))
            with sigint_deferred():
                when_free(lambda: _cross_document_checks(writer, new_ids), logger)
            pending.clear()
        finally:
            pending.close()
    summary.seconds = time.perf_counter() - started
    global _finished
    _finished = summary
    return summary


def _loaded(writer: Writer) -> dict[str, Loaded]:
    with writer.connection() as con:
        rows = con.execute("SELECT doc_id, extractor_version, status, error FROM documents").fetchall()
    return {r[0]: Loaded(r[1], r[2], r[3]) for r in rows}


def _extract_all(todo: list[Candidate], options: Overrides | None, max_pages: int | None, limits: Limits,
                 window: int) -> Iterator[list[ExtractedDocument]]:
    """Submit document tasks, at most `window` in flight; yield results in bursts as they finish
    (a burst: what completes within BURST_LINGER seconds of its first result)."""
    done: queue.Queue = queue.Queue()
    upcoming = iter(todo)
    inflight: dict[object, Job] = {}

    def submit() -> None:
        c = next(upcoming, None)
        if c is None:
            return
        job = Job(path=str(c.path), source_path=c.source_path, doc_id=c.doc_id,
                  file_type=file_type_of(c.path) or "unknown",
                  overrides=_merge(c.overrides, options), max_pages=max_pages)
        future = extract_task.submit(job, limits)
        inflight[future] = job
        future.add_done_callback(done.put)

    for _ in range(max(1, window)):
        submit()
    while inflight:
        docs = []
        future = _next_done(done)
        deadline = time.monotonic() + BURST_LINGER
        while future is not None:
            docs.append(_result(future, inflight.pop(future)))
            submit()  # keep the workers busy while the burst gathers and loads
            if len(docs) >= BURST_MAX or not inflight:
                break
            try:
                future = done.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                future = None
        yield docs


def _next_done(done: queue.Queue):
    while True:  # a timeout keeps Ctrl-C responsive
        try:
            return done.get(timeout=1.0)
        except queue.Empty:
            continue


def _result(future, job: Job) -> ExtractedDocument:
    """The task's document, or a failed document saying why the task itself failed."""
    try:
        return future.result()
    except WorkerDied as exc:
        return failed_document(job, f"{exc}, and again on the retry")
    except Exception as exc:  # a crashed task run, a lost Dask worker: the batch goes on
        return failed_document(job, f"worker process died or task crashed: {type(exc).__name__}: {exc}"[:500])


def _load(writer: Writer, doc: ExtractedDocument, summary: IngestSummary, logger) -> None:
    try:
        when_free(lambda: writer.load(doc), logger)
    except duckdb.Error as exc:  # a value the warehouse refuses: the document fails, the batch goes on
        doc = dataclasses.replace(doc, status="failed", budget_lines=[], indicators=[], flags=[],
                                  error=f"could not be stored: {str(exc).splitlines()[0][:300]}")
        when_free(lambda: writer.load(doc), logger)
    summary.add(doc)
    if doc.status != "ok":
        logger.warning("%s: %s (%s)", printable(doc.source_path, LOG_FIELD_MAX), doc.status,
                       printable(doc.error or "", LOG_FIELD_MAX))


def _cross_document_checks(writer: Writer, doc_ids: list[str]) -> None:
    """Compare each new document with the others of its region, unit and year."""
    from pipeline.warehouse.crosscheck import run_cross_document_checks

    run_cross_document_checks(writer, doc_ids)
