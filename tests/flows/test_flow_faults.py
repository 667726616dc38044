"""One batch of good documents, bad inputs and misbehaving extractions, through `lkjip ingest`
with two workers: every good document loads, each bad one gets its status and reason, the
batch goes on, and only transient failures are retried."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract import extract_document
from tests.conftest import query
from tests.fixtures.batch_faults import GOOD, fault_batch, hook_env

runner = CliRunner()
TIMEOUT = 4
MEMORY_MB = 1024


def _by_name(db: Path) -> dict[str, tuple]:
    rows = query(db, "SELECT regexp_extract(source_path, '[^/]+$'), status, error, n_pages, other_paths FROM documents")
    return {r[0]: r[1:] for r in rows}


def _attempts(stamps: Path) -> Counter:
    log = stamps / "attempts.log"
    return Counter(log.read_text().split()) if log.exists() else Counter()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    batch = fault_batch(root / "batch")
    stamps = root / "stamps"
    stamps.mkdir()
    db = root / "w.duckdb"
    patch = pytest.MonkeyPatch()
    for key, value in hook_env(stamps).items():
        patch.setenv(key, value)  # the workers inherit the environment
    args = ["ingest", str(batch), "-w", str(db), "--workers", "2", "--timeout", str(TIMEOUT),
            "--max-memory", str(MEMORY_MB), "--quiet"]
    first = runner.invoke(app, args)
    first_attempts = _attempts(stamps)
    first_docs = _by_name(db)
    second = runner.invoke(app, args)
    yield {"batch": batch, "db": db, "stamps": stamps, "first": first, "second": second,
           "first_attempts": first_attempts, "first_docs": first_docs}
    patch.undo()


def test_bad_inputs_fail_with_their_reason_and_the_batch_goes_on(faulty) -> None:
    docs, result = faulty["first_docs"], faulty["first"]
    assert result.exit_code == 1, result.output  # some documents failed
    reasons = {name: (status, error) for name, (status, error, *_rest) in docs.items()}
    assert reasons["corrupt.pdf"][0] == "failed" and "PDF" in reasons["corrupt.pdf"][1]  # MuPDF: unrepairable
    assert reasons["encrypted.pdf"] == ("failed", "ValueError: encrypted PDF: a password is required to open it")
    assert reasons["empty.pdf"][0] == "failed" and "empty file (0 bytes)" in reasons["empty.pdf"][1]
    assert reasons["saved-web-page.pdf"][0] == "failed" and "HTML" in reasons["saved-web-page.pdf"][1]
    assert "documents ok" in result.output and "failed" in result.output


def test_misbehaving_extractions_are_isolated(faulty) -> None:
    docs = faulty["first_docs"]
    assert docs["m-__raise__.pdf"][:2] == ("failed", "extraction raised RuntimeError: test hook: extraction raised "
                                                     "for m-__raise__.pdf")
    assert docs["m-__slow__.pdf"][:2] == ("failed", f"timed out after {TIMEOUT} s")
    assert docs["m-__memory__.pdf"][:2] == ("failed", f"out of memory (limit {MEMORY_MB} MB)")
    status, error = docs["m-__crash__.pdf"][:2]
    assert status == "failed" and error.startswith("worker process died (killed by SIGKILL)")
    assert error.endswith("again on the retry")


def test_only_a_dead_worker_is_retried(faulty) -> None:
    attempts = faulty["first_attempts"]
    assert attempts["m-__crashonce__.pdf"] == 2 and faulty["first_docs"]["m-__crashonce__.pdf"][0] == "ok"
    assert attempts["m-__crash__.pdf"] == 2
    # deterministic failures: one attempt each
    assert attempts["m-__raise__.pdf"] == 1 and attempts["m-__slow__.pdf"] == 1 and attempts["m-__memory__.pdf"] == 1


def test_good_documents_load_completely(faulty) -> None:
    batch, db, docs = faulty["batch"], faulty["db"], faulty["first_docs"]
    for name in GOOD:
        assert docs[name][0] == "ok", (name, docs[name])
        expected = extract_document(batch / name)  # in this process, no isolation: the same result
        n = query(db, "SELECT count(*) FROM budget_lines JOIN documents USING (doc_id) "
                      f"WHERE source_path LIKE '%/{name}'")[0][0]
        assert n == len(expected.budget_lines) > 0
        assert docs[name][2] == expected.n_pages


def test_duplicate_is_recorded_once(faulty) -> None:
    docs = faulty["first_docs"]
    assert "zz-copy-of-good-a.pdf" not in docs
    assert json.loads(docs["good-a.pdf"][3]) == ["batch/zz-copy-of-good-a.pdf"]


def test_cross_document_flags_within_the_batch(faulty) -> None:
    rules = query(faulty["db"], "SELECT DISTINCT regexp_extract(source_path, '[^/]+$') FROM flags "
                                "JOIN documents USING (doc_id) WHERE rule = 'cross_document_mismatch'")
    assert sorted(r[0] for r in rules) == ["bogor-pengukuran.txt", "bogor-pk.txt"]


def test_rerun_retries_only_what_failed_for_time_memory_or_a_dead_worker(faulty) -> None:
    second, stamps = faulty["second"], faulty["stamps"]
    again = _attempts(stamps) - faulty["first_attempts"]
    assert again == Counter({"m-__slow__.pdf": 1, "m-__memory__.pdf": 1, "m-__crash__.pdf": 2})
    assert second.exit_code == 1
    n_known = len(faulty["first_docs"]) - 3
    assert f"already loaded (skipped) │ {n_known}" in second.output.replace("  ", " ").replace(" │  ", " │ ") \
        or str(n_known) in second.output
    assert _by_name(faulty["db"]) == faulty["first_docs"]  # the same outcome
