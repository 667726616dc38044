"""`lkjip server`: a Prefect server kept between ingests, on 127.0.0.1, visible, and stopped on
request; an ingest reports to it (every document task in its database), and a batch whose
server is stopped mid-run loses nothing: its rerun gives the warehouse an uninterrupted run gives.

The server is started by the module's fixture and stopped by its finaliser, whatever happens.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from flows.ingest import run_ingest
from pipeline.batch import prefect_server
from pipeline.batch.isolation import Limits
from pipeline.cli import app
from tests.fixtures.batch_faults import HOOKS, good_pdf, pending_count, snapshot, start_cli, wait_for

runner = CliRunner()
SERVER_START_DEADLINE = 300  # seconds: generous, for a busy 2-core machine
SLOW_TIMEOUT = 60  # seconds the hooked slow document runs: the stop lands before it ends


@pytest.fixture(scope="module")
def lkjip_home(tmp_path_factory):
    """LKJIP_HOME of this module, with a running lkjip server; stopped at the end."""
    home = tmp_path_factory.mktemp("lkjip-home")
    patch = pytest.MonkeyPatch()
    patch.setenv("LKJIP_HOME", str(home))
    patch.delenv("PREFECT_API_URL", raising=False)
    try:
        prefect_server.start(timeout=SERVER_START_DEADLINE)
        yield home
    finally:
        prefect_server.stop()
        patch.undo()


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(LKJIP_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", COLUMNS="200", **extra)
    return env


def _task_run_names(home: Path) -> list[str]:
    con = sqlite3.connect(home / "prefect" / "prefect.db")
    try:
        return sorted(name for (name,) in con.execute("SELECT name FROM task_run"))
    finally:
        con.close()


def test_status_start_and_the_address(lkjip_home) -> None:
    info = prefect_server.status()
    assert info is not None and prefect_server.answers(info.api_url) is None
    again, fresh = prefect_server.start()
    assert again == info and not fresh  # a second start finds the running one
    listening = {c.laddr.ip for p in [psutil.Process(info.pid), *psutil.Process(info.pid).children(recursive=True)]
                 for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN}
    assert listening == {"127.0.0.1"}
    out = runner.invoke(app, ["server", "status"])
    assert out.exit_code == 0 and f"pid {info.pid}" in out.output and info.api_url in out.output
    assert json.loads((lkjip_home / "prefect" / "server.json").read_text())["pid"] == info.pid


def test_ingest_reports_every_document_task_to_the_running_server(lkjip_home, tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    good_pdf(raw / "a.pdf", 0)
    (raw / "prose.txt").write_text("LAPORAN KINERJA KOTA BOGOR TAHUN 2023\n\nTanpa tabel.\n")
    proc = start_cli(["ingest", str(raw), "-w", str(tmp_path / "w.duckdb")], _env(lkjip_home))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err
    assert "temporary" not in out + err  # neither Prefect's temporary server nor our hint about it
    wanted = ["extract raw/a.pdf", "extract raw/prose.txt"]
    wait_for(lambda: all(name in _task_run_names(lkjip_home) for name in wanted), 120,
             "the server to record both task runs")


def test_stopped_server_loses_nothing_and_the_rerun_finishes_the_batch(lkjip_home, tmp_path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for k in range(5):
        good_pdf(batch / f"doc-{k}.pdf", 40 + k)
    good_pdf(batch / "zz-__slow__.pdf", 50)  # last: still extracting when the server stops
    reference = tmp_path / "reference.duckdb"
    run_ingest([str(batch)], warehouse=str(reference), workers=1)
    total = len(snapshot(reference)["documents"])
    assert total == 6

    db = tmp_path / "stopped.duckdb"
    args = ["ingest", str(batch), "-w", str(db), "--workers", "1", "--timeout", str(SLOW_TIMEOUT), "--quiet"]
    proc = start_cli(args, _env(lkjip_home, **HOOKS))
    wait_for(lambda: pending_count(db) >= total - 1, 300, "all but the slow document loaded", proc)
    assert prefect_server.stop() is not None
    assert proc.poll() is None, "the batch ended before the server stopped"
    assert pending_count(db) == total - 1
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, out + err  # the slow document timed out
    assert "stopped answering during the run" in err and "Traceback" not in out
    assert "documents" in out  # the summary is printed

    prefect_server.start(timeout=SERVER_START_DEADLINE)
    rerun = start_cli(args[:-1], _env(lkjip_home))  # no hooks: the slow document is an ordinary one now
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, out + err
    assert "already loaded (skipped)" in out
    assert snapshot(db) == snapshot(reference)
