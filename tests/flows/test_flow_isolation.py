"""The worker pool on its own: limits it refuses, workers that die with their parent, the
skip rules of a rerun and the intent log that lets cross-document checks resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.ingest import Loaded, plan
from pipeline.batch.discover import Candidate
from pipeline.batch.isolation import Job, Limits, WorkerPool, WorkerStartError, is_resource_failure
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.warehouse.pending import PendingChecks
from tests.conftest import ROOT


def test_a_memory_cap_below_a_resting_worker_is_refused_up_front() -> None:
    pool = WorkerPool(Limits(max_memory_mb=64))
    try:
        with pytest.raises(WorkerStartError, match=r"--max-memory 64 MB is below what an extraction worker maps"):
            pool.warm(1)
    finally:
        pool.close()


def test_pool_extracts_and_recycles_workers_after_max_jobs() -> None:
    sample = ROOT / "data" / "raw" / "kota-bogor-2023-pengukuran.txt"
    pool = WorkerPool(Limits(timeout=60, max_jobs_per_worker=2))
    try:
        docs = [pool.run(Job(str(sample), "raw/bogor.txt", "x" * 64, "text")) for _ in range(3)]
    finally:
        pool.close()
    assert [d.status for d in docs] == ["ok"] * 3 and len(docs[0].budget_lines) > 0
    assert pool.started == 2  # the first worker retired after two documents


def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    code = ("import sys, time\n"
            "from pipeline.batch.isolation import Limits, get_pool\n"
            "pool = get_pool(Limits()); pool.warm(1)\n"
            "print(next(iter(pool._all)).proc.pid, flush=True); time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        worker_pid = int(parent.stdout.readline())
        os.kill(worker_pid, 0)  # alive
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(worker_pid, signal.SIGKILL)
    pytest.fail("the extraction worker outlived its killed parent")


def _candidate(name: str, doc_id: str) -> Candidate:
    return Candidate(path=Path("/x") / name, source_path=f"raw/{name}", doc_id=doc_id, size=1, overrides=None)


def test_rerun_skips_loaded_documents_but_not_run_failures() -> None:
    v = EXTRACTOR_VERSION
    cands = [_candidate("a.pdf", "a"), _candidate("b.pdf", "b"), _candidate("c.pdf", "c"), _candidate("d.pdf", "d"),
             _candidate("e.pdf", "e"), _candidate("copy-of-a.pdf", "a")]
    loaded = {"a": Loaded(v, "ok", None), "b": Loaded(v, "failed", "ValueError: encrypted PDF"),
              "c": Loaded(v, "failed", "timed out after 300 s"), "d": Loaded("0.0.1", "ok", None)}
    todo, dupes, known = plan(cands, loaded)
    assert [c.doc_id for c in todo] == ["c", "d", "e"]  # timed out, older extractor, new
    assert [c.source_path for c in dupes] == ["raw/copy-of-a.pdf"] and known == 2
    assert is_resource_failure("failed", "out of memory (limit 2048 MB)")
    assert not is_resource_failure("failed", "extraction raised RuntimeError: boom")


def test_pending_checks_survive_a_torn_last_line(tmp_path: Path) -> None:
    pending = PendingChecks(tmp_path / "w.duckdb")
    pending.add("a" * 64)
    pending.add("b" * 64)
    pending.close()
    with open(pending.path, "a") as fh:
        fh.write("c" * 20)  # killed mid-write
    assert PendingChecks(tmp_path / "w.duckdb").read() == ["a" * 64, "b" * 64]
    pending.clear()
    assert not pending.path.exists() and pending.read() == []


def test_bulk_inserts_load_exactly_what_the_writer_loads_row_by_row(tmp_path: Path) -> None:
    import logging

    from flows.writing import writing as _writing
    from pipeline.extract import extract_document
    from pipeline.warehouse.store import open_writer
    from tests.fixtures.batch_faults import good_pdf, snapshot

    docs = [extract_document(good_pdf(tmp_path / "g.pdf", 4)),
            extract_document(ROOT / "data" / "raw" / "kota-bogor-2023-pengukuran.txt")]
    assert len(docs[0].budget_lines) > 300 and docs[1].indicators  # more rows than one statement carries
    plain, bulk = tmp_path / "plain.duckdb", tmp_path / "bulk.duckdb"
    import pipeline.warehouse.store as warehouse

    real_bulk = warehouse.BulkInsertConnection
    warehouse.BulkInsertConnection = lambda con: con  # the plain writer: DuckDB's own executemany
    try:
        with open_writer(plain) as writer:
            for doc in docs:
                writer.load(doc)
    finally:
        warehouse.BulkInsertConnection = real_bulk
    with open_writer(bulk) as writer, _writing(writer, logging.getLogger("test")):
        for doc in docs:
            writer.load(doc)
    assert snapshot(bulk) == snapshot(plain)


def test_a_document_the_warehouse_refuses_is_recorded_failed_and_the_batch_goes_on(tmp_path: Path) -> None:
    import logging

    from flows.ingest import IngestSummary, _load
    from pipeline.warehouse.store import open_writer
    from schemas.model import BudgetLine, ExtractedDocument

    bad = ExtractedDocument(doc_id="d" * 64, source_path="raw/bad.txt", file_type="text", status="ok",
                            budget_lines=[BudgetLine(table_no=1, row_no=1, level="program", name="A"),
                                          BudgetLine(table_no=1, row_no=1, level="program", name="A again")])
    summary = IngestSummary()
    with open_writer(tmp_path / "w.duckdb") as writer:
        _load(writer, bad, summary, logging.getLogger("test"))
        with writer.connection() as con:
            row = con.execute("SELECT status, error FROM documents").fetchone()
            lines = con.execute("SELECT count(*) FROM budget_lines").fetchone()[0]
    assert row[0] == "failed" and row[1].startswith("could not be stored") and lines == 0
    assert summary.statuses["failed"] == 1
