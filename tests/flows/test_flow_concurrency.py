"""Two processes on one warehouse: a second `lkjip ingest` is refused at once with "busy", and
`lkjip sql` reads while an ingest runs (the writer holds DuckDB only while it loads)."""

from __future__ import annotations

import json
import time

import duckdb
from typer.testing import CliRunner

from pipeline.cli import app
from tests.fixtures.batch_faults import cli_env, good_pdf, hook_env, shared_prefect_api, start_cli, wait_for

runner = CliRunner()


def test_second_ingest_is_busy_and_sql_reads_during_an_ingest(tmp_path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    good_pdf(batch / "a-__slow__.pdf", 50)  # first in line: the writer sits idle while it runs
    good_pdf(batch / "b.pdf", 51)
    good_pdf(batch / "c.pdf", 52)
    stamps = tmp_path / "stamps"
    stamps.mkdir()
    db = tmp_path / "w.duckdb"
    lock = db.with_name(db.name + ".lock")
    env = cli_env(shared_prefect_api(), hook_env(stamps))
    args = ["ingest", str(batch), "-w", str(db), "--workers", "1", "--timeout", "5", "--quiet"]

    first = start_cli(args, env)
    wait_for(lambda: lock.exists() and lock.read_text() == str(first.pid), 120, "the first ingest's lock", first)

    second = start_cli(args, env)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 1
    assert "busy" in err and "another `lkjip ingest` is writing" in " ".join(err.split()), err

    reads, refusals = 0, []
    while first.poll() is None:
        result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM documents", "-w", str(db), "-f", "json"])
        if result.exit_code == 0:
            assert json.loads(result.output)[0]["n"] >= 0
            reads += 1 if first.poll() is None else 0
        else:  # the writer held the file at that instant: a clear, retryable message
            refusals.append(result.output)
            assert "being written right now; try again in a moment" in " ".join(result.output.split())
        time.sleep(0.2)
    out, err = first.communicate()
    assert reads >= 1, f"no read succeeded while ingesting; refusals: {refusals[:3]}"
    assert first.returncode == 1, (out, err)  # the slow document timed out; the others loaded
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = dict(con.execute("SELECT regexp_extract(source_path, '[^/]+$'), status FROM documents").fetchall())
    finally:
        con.close()
    assert statuses == {"a-__slow__.pdf": "failed", "b.pdf": "ok", "c.pdf": "ok"}
