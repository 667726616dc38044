"""The ingest flow: discover → one extraction task per document → a single writer loads.

Documents are the unit of work (never pages or cells: a task costs tens of milliseconds in
Prefect). Workers never open the warehouse; the flow loads each result as it completes, one
transaction per document, so an interrupted batch keeps every finished document and a rerun
skips them (same bytes, same extractor version) without reading them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from pipeline.discover import Candidate, discover
from pipeline.extract import EXTRACTOR_VERSION, Overrides, extract_document
from pipeline.warehouse import Writer, open_writer
from schemas.model import ExtractedDocument


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
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def add(self, doc: ExtractedDocument) -> None:
        self.statuses[doc.status] += 1
        self.pages += doc.n_pages or 0
        self.budget_lines += len(doc.budget_lines)
        self.indicators += len(doc.indicators)
        self.flags += len(doc.flags)
        if doc.status in ("failed", "unsupported"):
            self.failures.append((doc.source_path, doc.error or ""))


@task(name="extract-document", retries=0)
def extract_task(path: str, source_path: str, overrides: Overrides | None,
                 max_pages: int | None) -> ExtractedDocument:
    return extract_document(path, source_path=source_path, overrides=overrides, max_pages=max_pages)


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


def plan(candidates: list[Candidate], loaded: dict[str, str]) -> tuple[list[Candidate], list[Candidate], int]:
    """(to extract, duplicates of another file, count already loaded with this extractor)."""
    todo: list[Candidate] = []
    dupes: list[Candidate] = []
    known = 0
    first: dict[str, Candidate] = {}
    for c in candidates:
        if c.doc_id in first:
            dupes.append(c)
            continue
        first[c.doc_id] = c
        if loaded.get(c.doc_id) == EXTRACTOR_VERSION:
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


def run_ingest(paths: list[str], warehouse: str | None = None, workers: int = 1,
               options: Overrides | None = None, max_pages: int | None = None,
               observer: Observer | None = None) -> IngestSummary:
    """Run the flow with `workers` processes (1: in this process, threads)."""
    global _observer
    runner = ThreadPoolTaskRunner(max_workers=1) if workers <= 1 else ProcessPoolTaskRunner(max_workers=workers)
    _observer = observer or Observer()
    try:
        return ingest_flow.with_options(task_runner=runner)(
            paths=paths, warehouse=warehouse, options=options, max_pages=max_pages)
    finally:
        _observer = Observer()


@flow(name="lkjip-ingest", log_prints=False, validate_parameters=False)
def ingest_flow(paths: list[str], warehouse: str | None = None, options: Overrides | None = None,
                max_pages: int | None = None) -> IngestSummary:
    """Ingest every supported file under `paths` into the warehouse."""
    logger = get_run_logger()
    started = time.perf_counter()
    summary = IngestSummary()
    with open_writer(warehouse) as writer:
        candidates, others = discover([Path(p) for p in paths])
        summary.other_files = len(others)
        todo, dupes, summary.skipped_known = plan(candidates, writer.loaded_versions())
        logger.info("%d documents found, %d already loaded, %d to extract", len(candidates),
                    summary.skipped_known, len(todo))
        if _observer.on_start:
            _observer.on_start(len(todo), sum(c.size for c in todo))
        futures = [extract_task.submit(str(c.path), c.source_path, _merge(c.overrides, options), max_pages)
                   for c in todo]
        for future in as_completed(futures):
            doc = future.result()
            _load(writer, doc, summary, logger)
            if _observer.on_document:
                _observer.on_document(doc)
        for c in dupes:
            writer.record_duplicate(c.doc_id, c.source_path)
        summary.duplicates = len(dupes)
        _cross_document_checks(writer, todo)
    summary.seconds = time.perf_counter() - started
    return summary


def _load(writer: Writer, doc: ExtractedDocument, summary: IngestSummary, logger) -> None:
    writer.load(doc)
    summary.add(doc)
    if doc.status != "ok":
        logger.warning("%s: %s (%s)", doc.source_path, doc.status, doc.error)


def _cross_document_checks(writer: Writer, loaded: list[Candidate]) -> None:
    """Compare each new document with the others of its region, unit and year."""
    from pipeline.crosscheck import run_cross_document_checks

    run_cross_document_checks(writer, [c.doc_id for c in loaded])
