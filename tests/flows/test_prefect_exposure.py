"""What lkjip hands to Prefect: run metadata (paths, settings, counts, statuses, logs), never a
document's contents.

One real `lkjip ingest` runs in a child process against Prefect's temporary server, on a Prefect
home and result storage of its own, with result persistence switched on the way a user's profile
could (PREFECT_RESULTS_PERSIST_BY_DEFAULT=true) and INFO logs. Its documents carry a canary word
in their text; afterwards the server's database (every byte of it), the result storage and the
Prefect home must not hold it, while the warehouse does.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.ingest import TASK_NAME_MAX, _task_run_name, extract_task, ingest_flow, task_run_name
from pipeline.batch.isolation import Job
from pipeline.batch.plaintext import printable
from tests.conftest import ROOT, query
from tests.fixtures.batch_faults import HOOKS
from tests.fixtures.pdf_factory import XSS_SCRIPT, make_hostile_budget_report

CANARY = "KANARI7Q3X"  # in the documents' text only: never in a path, an option or a setting
FLOW_PARAMETERS = {"paths", "warehouse", "options", "max_pages", "limits", "window", "warm"}


def _env(home: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without any Prefect setting (no server, profile or storage of
    the developer's, nor their `lkjip server`), Prefect's home in the test's folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_LOCAL_STORAGE_PATH=str(home / "storage"),
               LKJIP_HOME=str(home / "lkjip"),  # no `lkjip server` of the developer's
               PREFECT_SERVER_ANALYTICS_ENABLED="false", COLUMNS="200", **extra)
    return env


def _ingest(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", *args, "--quiet"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def prefect_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("prefect")
    raw = root / "raw"
    raw.mkdir()
    make_hostile_budget_report(raw / "hostile.pdf", unit=f"Dinas {CANARY} Rahasia", program=f"Program {CANARY}")
    (raw / "prose.txt").write_text(f"LAPORAN KINERJA KOTA BOGOR TAHUN 2023\n\n{CANARY} tanpa tabel sama sekali.\n")
    make_hostile_budget_report(raw / "m-__crash__.pdf", program=f"Program {CANARY}")  # its worker dies twice
    (root / "stamps").mkdir()
    home = root / "prefect-home"
    env = _env(home, PREFECT_RESULTS_PERSIST_BY_DEFAULT="true", PREFECT_LOGGING_LEVEL="INFO",
               **HOOKS, LKJIP_TEST_STAMP_DIR=str(root / "stamps"))
    db = root / "w.duckdb"
    result = _ingest([str(raw), "--warehouse", str(db)], env)
    assert result.returncode == 1, result.stdout + result.stderr  # the crashed document failed
    assert (home / "prefect.db").exists()
    return root, home, db, result


def _prefect_rows(home: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(home / "prefect.db")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _stored_results(home: Path) -> dict[Path, bytes]:
    """Every file of the result storage, decoded (a JSON record with a base64 pickle, or the
    base64 pickle alone, as Prefect writes them)."""
    out = {}
    for path in sorted((home / "storage").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            data = base64.b64decode(json.loads(data)["result"])
        except (ValueError, KeyError, TypeError):
            try:
                data = base64.b64decode(data, validate=False)
            except ValueError:
                pass
        out[path] = data
    return out


def test_results_are_never_persisted_whatever_the_profile_says() -> None:
    from prefect.cache_policies import NO_CACHE

    assert extract_task.persist_result is False and extract_task.cache_policy is NO_CACHE
    assert ingest_flow.persist_result is False


def test_task_run_names_are_one_short_line_of_plain_text() -> None:
    assert task_run_name("raw/a b.pdf") == "extract raw/a b.pdf"
    hostile = f"raw/{XSS_SCRIPT}\n12:00:00 | ERROR | forged\x1b[2J\x07\u202e.pdf"
    name = task_run_name(hostile)
    assert name.isprintable() and "\n" not in name and "\x1b" not in name
    assert name.startswith(f"extract raw/{XSS_SCRIPT}?12:00:00")  # markup stays literal text (the UI escapes)
    long = task_run_name("raw/" + "d" * 3000 + "/laporan-akhir.pdf")
    assert len(long) == TASK_NAME_MAX and long.endswith("d/laporan-akhir.pdf") and "…" in long
    job = Job(path="/x/raw/a.pdf", source_path="raw/a\nb.pdf", doc_id="0" * 64, file_type="pdf")
    assert _task_run_name(parameters={"job": job}) == "extract raw/a?b.pdf"
    assert printable("ok", 10) == "ok" and len(printable("x" * 1000, 500)) == 500


def test_the_warehouse_has_the_documents_contents(prefect_run) -> None:
    """The control: the canary was read, so its absence from Prefect below means something."""
    _, _, db, _ = prefect_run
    assert query(db, f"SELECT unit_name FROM documents WHERE unit_name LIKE '%{CANARY}%'") == [(f"Dinas {CANARY} Rahasia",)]
    assert query(db, f"SELECT name FROM budget_lines WHERE name LIKE '%{CANARY}%'") == [(f"Program {CANARY}",)]
    assert query(db, f"SELECT count(*) FROM flags WHERE message LIKE '%{CANARY}%'") == [(1,)]


def test_no_document_content_reaches_prefect(prefect_run) -> None:
    _, home, _, _ = prefect_run
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name.startswith("prefect.db") for p in files)
    for path in files:  # the server's database (and its WAL) byte for byte, and anything else there
        assert CANARY.encode() not in path.read_bytes(), path
    for path, data in _stored_results(home).items():
        assert CANARY.encode() not in data, path
        assert b"ExtractedDocument" not in data and b"BudgetLine" not in data, path


def test_task_states_carry_no_result(prefect_run) -> None:
    """A completed document task leaves no result behind (persistence off): its state has no
    data. The only stored result is the exception of the task whose worker died (its path and
    how the worker died)."""
    _, home, _, _ = prefect_run
    completed = _prefect_rows(home, "SELECT data FROM task_run_state WHERE type = 'COMPLETED'")
    assert len(completed) == 2 and all(data is None for (data,) in completed)
    flow_data = _prefect_rows(home, "SELECT data FROM flow_run_state WHERE type = 'COMPLETED'")
    assert flow_data == [(None,)]
    stored = _stored_results(home)
    assert len(stored) <= 1
    for data in stored.values():
        assert b"WorkerDied" in data and b"m-__crash__.pdf" in data


def test_what_prefect_records_is_run_metadata(prefect_run) -> None:
    root, home, db, result = prefect_run
    (parameters,) = _prefect_rows(home, "SELECT parameters FROM flow_run")[0]
    parameters = json.loads(parameters)
    assert set(parameters) == FLOW_PARAMETERS
    assert parameters["paths"] == [str(root / "raw")] and parameters["warehouse"] == str(db)
    tasks = _prefect_rows(home, "SELECT name, task_inputs FROM task_run ORDER BY name")
    assert [name for name, _ in tasks] == ["extract raw/hostile.pdf", "extract raw/m-__crash__.pdf",
                                           "extract raw/prose.txt"]
    for _, inputs in tasks:  # task parameters: only which upstream results they used (none)
        assert json.loads(inputs) == {"job": [], "limits": []}
    logs = [m for (m,) in _prefect_rows(home, "SELECT message FROM log")]
    assert "3 documents found, 0 already loaded, 3 to extract" in logs
    assert any(m.startswith("raw/prose.txt: partial (") for m in logs)
    assert any(m.startswith("raw/m-__crash__.pdf: failed (worker process died") for m in logs)
    # no PREFECT_API_URL: a temporary server of this process, on the loopback interface only
    assert "Starting temporary server on http://127.0.0.1:" in result.stdout + result.stderr


def test_with_prefect_api_url_set_lkjip_talks_to_that_server_only(tmp_path) -> None:
    """PREFECT_API_URL names the server that gets the run metadata; lkjip does not fall back to
    a local one when it cannot reach it, and loads nothing (a closed local port: no network)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "prose.txt").write_text("LAPORAN KINERJA KOTA BOGOR TAHUN 2023\n")
    db = tmp_path / "w.duckdb"
    result = _ingest([str(raw), "--warehouse", str(db)],
                     _env(tmp_path / "prefect-home", PREFECT_API_URL=f"http://127.0.0.1:{port}/api"), timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 2  # a one-line error, not a traceback
    assert f"Failed to reach API at http://127.0.0.1:{port}/api" in output and "Traceback" not in output
    assert "Starting temporary server" not in output
    assert not db.exists() or query(db, "SELECT count(*) FROM documents") == [(0,)]
