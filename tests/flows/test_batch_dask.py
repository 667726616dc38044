"""`--dask-address`: document tasks run on an existing Dask cluster through prefect-dask, each
Dask worker extracting in its own isolated worker processes; the writer stays on the client."""

from __future__ import annotations

import duckdb
import pytest

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'dask[distributed]')")
pytest.importorskip("prefect_dask", reason="prefect-dask is not installed (pip install prefect-dask)")

from flows.ingest import run_ingest  # noqa: E402
from pipeline.batch import isolation  # noqa: E402
from tests.fixtures.batch_faults import good_pdf  # noqa: E402


def test_dask_cluster_extracts_and_the_client_writes(tmp_path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for k in range(4):
        good_pdf(batch / f"doc-{k}.pdf", 60 + k)
    (batch / "zz-copy.pdf").write_bytes((batch / "doc-0.pdf").read_bytes())
    (batch / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00\xff" * 500)
    db = tmp_path / "w.duckdb"
    isolation.shutdown_pools()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        summary = run_ingest([str(batch)], warehouse=str(db), dask_address=cluster.scheduler_address)
        on_workers = client.run(isolation.pool_stats)
    assert summary.statuses == {"ok": 4, "failed": 1} and summary.duplicates == 1
    assert sum(s["started"] for s in on_workers.values()) >= 1  # extraction ran under the Dask workers
    assert isolation.pool_stats()["started"] == 0  # ... and not in the client, which only wrote
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = dict(con.execute("SELECT regexp_extract(source_path, '[^/]+$'), status FROM documents").fetchall())
        lines = con.execute("SELECT count(*) FROM budget_lines").fetchone()[0]
    finally:
        con.close()
    assert rows == {"doc-0.pdf": "ok", "doc-1.pdf": "ok", "doc-2.pdf": "ok", "doc-3.pdf": "ok", "corrupt.pdf": "failed"}
    assert lines == summary.budget_lines > 0
