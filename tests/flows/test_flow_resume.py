"""Killing `lkjip ingest` mid-batch (SIGKILL, or Ctrl-C) and running it again gives the warehouse
an uninterrupted run gives: no document half loaded, cross-document checks not lost."""

from __future__ import annotations

import os
import signal

import pytest

from flows.ingest import run_ingest
from pipeline.batch.isolation import Limits
from tests.fixtures.batch_faults import (
    cli_env,
    fault_batch,
    good_pdf,
    hook_env,
    loaded_counts,
    pending_count,
    shared_prefect_api,
    snapshot,
    start_cli,
    wait_for,
)

TIMEOUT = 3


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A batch, its uninterrupted run's warehouse snapshot, and what the runs need."""
    root = tmp_path_factory.mktemp("resume")
    batch = fault_batch(root / "batch", hooks=False)
    for k in range(6):
        good_pdf(batch / f"more-{k}.pdf", 30 + k)
    good_pdf(batch / "m-__slow__.pdf", 40)  # keeps the batch running past the kill
    stamps = root / "stamps"
    stamps.mkdir()
    env = hook_env(stamps)
    patch = pytest.MonkeyPatch()
    for key, value in env.items():
        patch.setenv(key, value)
    db = root / "reference.duckdb"
    run_ingest([str(batch)], warehouse=str(db), workers=1, limits=Limits(timeout=TIMEOUT))
    patch.undo()
    yield {"root": root, "batch": batch, "env": env, "snapshot": snapshot(db), "counts": loaded_counts(db),
           "api": shared_prefect_api()}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_interrupted_batch_resumes_to_the_same_warehouse(reference, sig) -> None:
    db = reference["root"] / f"killed-{sig.name}.duckdb"
    args = ["ingest", str(reference["batch"]), "-w", str(db), "--workers", "1", "--timeout", str(TIMEOUT), "--quiet"]
    env = cli_env(reference["api"], reference["env"])
    total = len(reference["counts"])

    proc = start_cli(args, env)
    wait_for(lambda: pending_count(db) >= 3, 180, "three documents loaded", proc)
    os.killpg(proc.pid, sig)  # the whole group, as a terminal's Ctrl-C or a killed job would
    out, err = proc.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in err and "resume" in err, (out, err)
    else:
        assert proc.returncode == -signal.SIGKILL

    partial = loaded_counts(db)
    assert 0 < len(partial) < total, "the kill did not land mid-batch"
    for doc_id, lines in partial.items():  # each loaded document is whole
        assert lines == reference["counts"][doc_id]

    rerun = start_cli(args, env)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 1, (out, err)  # the batch has failed documents
    assert "already loaded (skipped)" in out
    assert snapshot(db) == reference["snapshot"]
    assert not db.with_name(db.name + ".pending").exists()
