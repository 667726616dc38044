"""End to end: `lkjip ingest` through the Prefect flow on the bundled samples and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import ROOT, query

runner = CliRunner()


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, Path, object]:
    """The bundled samples plus bad files in one batch, ingested once."""
    root = tmp_path_factory.mktemp("batch")
    raw = root / "raw"
    raw.mkdir()
    for f in (ROOT / "data" / "raw").glob("*.txt"):
        (raw / f.name).write_bytes(f.read_bytes())
    (raw / "zz-copy-of-bogor.txt").write_bytes((raw / "kota-bogor-2023-pengukuran.txt").read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (raw / "prose.txt").write_text("LAPORAN KINERJA KOTA BOGOR TAHUN 2023\n\nTidak ada tabel di sini.\n")
    (raw / "latin1.txt").write_bytes("Kota Depok\nTAHUN 2023\nNo\tProgram\tAnggaran\n1\tProgram Caf\u00e9\tRp. 1.000.000\n"
                                     .encode("cp1252"))
    (raw / "notes.docx").write_bytes(b"PK\x03\x04")
    db = root / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(raw), "--warehouse", str(db), "--quiet"])
    return raw, db, result


def test_batch_goes_on_past_bad_files_and_exit_code_says_so(batch) -> None:
    raw, db, result = batch
    assert result.exit_code == 1, result.output  # a document failed
    statuses = dict(query(db, "SELECT regexp_extract(source_path, '[^/]+$'), status FROM documents"))
    assert statuses["kota-bogor-2023-pengukuran.txt"] == "ok"
    assert statuses["kabupaten-sleman-2024-lkjip.txt"] == "ok"
    assert statuses["empty.txt"] == "failed" and statuses["binary.txt"] == "failed"
    assert statuses["prose.txt"] == "partial" and statuses["latin1.txt"] == "partial"
    assert "notes.docx" not in statuses and "zz-copy-of-bogor.txt" not in statuses
    reasons = dict(query(db, "SELECT regexp_extract(source_path, '[^/]+$'), error FROM documents"))
    assert "empty file" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "no tables found" in reasons["prose.txt"] and "cp1252" in reasons["latin1.txt"]
    assert "documents ok" in result.output and "failed" in result.output


def test_duplicate_bytes_are_recorded_once(batch) -> None:
    _, db, _ = batch
    rows = query(db, "SELECT source_path, other_paths FROM documents WHERE source_path LIKE '%bogor%'")
    assert len(rows) == 1 and json.loads(rows[0][1]) == ["raw/zz-copy-of-bogor.txt"]


def test_sample_figures_and_flags(batch) -> None:
    _, db, _ = batch
    total = query(db, "SELECT pagu_murni, pagu_perubahan, realisasi, tw_cumulative FROM budget_lines b "
                       "JOIN documents USING (doc_id) WHERE source_path LIKE '%bogor%' AND level = 'total'")
    assert [tuple(str(v) for v in r) for r in total] == [("250000000.00", "255000000.00", "253234000.00", "True")]
    flags = query(db, "SELECT rule FROM flags JOIN documents USING (doc_id) WHERE source_path LIKE '%sleman%'")
    assert ("pct_mismatch",) in flags  # the sample prints 69% for 480.000.000 of 500.000.000


def test_rerun_skips_everything_and_changes_nothing(batch) -> None:
    raw, db, _ = batch
    before = query(db, "SELECT doc_id, status, ingested_at FROM documents ORDER BY 1")
    result = runner.invoke(app, ["ingest", str(raw), "--warehouse", str(db), "--quiet"])
    assert "already loaded (skipped)" in result.output
    assert query(db, "SELECT doc_id, status, ingested_at FROM documents ORDER BY 1") == before


def test_sql_is_read_only_and_errors_are_one_clear_line(batch) -> None:
    _, db, _ = batch
    ok = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM documents", "--warehouse", str(db), "-f", "json"])
    assert ok.exit_code == 0 and json.loads(ok.output)[0]["n"] >= 5
    bad = runner.invoke(app, ["sql", "DELETE FROM documents", "--warehouse", str(db)])
    assert bad.exit_code == 1 and "read-only" in bad.output.lower()
    typo = runner.invoke(app, ["sql", "SELEC 1", "--warehouse", str(db)])
    assert typo.exit_code == 1 and "error" in typo.output.lower()


def test_flags_command_lists_findings(batch) -> None:
    _, db, _ = batch
    out = runner.invoke(app, ["flags", "--warehouse", str(db), "--rule", "pct_mismatch", "-f", "csv"])
    assert out.exit_code == 0 and "Pengelolaan Arsip Dinamis" in out.output


def test_bad_arguments_exit_2(tmp_path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_document_text_reaches_the_terminal_without_raw_escapes(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    evil = "Program \x1b[31mMERAH\x1b[0m <script>alert(1)</script> " + "x" * 10_000
    (raw / "evil.txt").write_text(f"KOTA BOGOR TAHUN 2023\nNo\tProgram\tAnggaran\n1\t{evil}\tRp. 1.000.000\n")
    db = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(raw), "--warehouse", str(db), "--quiet"]).exit_code == 0
    for fmt in ("table", "csv"):
        out = runner.invoke(app, ["sql", "SELECT name FROM budget_lines", "--warehouse", str(db), "-f", fmt]).output
        assert "\x1b" not in out and "\\x1b[31mMERAH" in out
    assert len(query(db, "SELECT name FROM budget_lines")[0][0]) > 10_000  # stored whole


@pytest.mark.parametrize("args", [["sql", "SELECT 1"], ["server", "status"], ["flags"]], ids=["sql", "server", "flags"])
def test_commands_that_only_look_do_not_import_the_ingest_stack(args, batch, tmp_path) -> None:
    """`lkjip sql` and friends start fast: no Prefect, pandas or PyMuPDF imported."""
    import subprocess
    import sys

    _, db, _ = batch
    code = ("import sys\nfrom pipeline.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'prefect', 'pandas', 'pymupdf', 'fitz', 'numpy'}))")
    env = {"LKJIP_HOME": str(tmp_path / "lkjip"), "LKJIP_WAREHOUSE": str(db), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    lines = out.stdout.strip().splitlines()
    assert len(lines) >= 2 and lines[-1] == "[]", out.stdout + out.stderr  # the command printed, then []
