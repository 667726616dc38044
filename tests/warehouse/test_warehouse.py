"""pipeline.warehouse.store: contract tables, one transaction per document, read-only analysts."""

from __future__ import annotations

from decimal import Decimal as D

import duckdb
import pytest

from pipeline.warehouse.store import WarehouseBusy, connect_readonly, open_writer
from schemas.model import BudgetLine, DocumentMeta, ExtractedDocument, Flag, TableFigure


def _doc(doc_id: str = "a" * 64, path: str = "raw/x.txt", realisasi: str = "90") -> ExtractedDocument:
    lines = [BudgetLine(table_no=1, row_no=1, level="program", name="Program A", pagu=D(100), realisasi=D(realisasi)),
             BudgetLine(table_no=1, row_no=2, level="kegiatan", name="Kegiatan A", parent_row_no=1, pagu=D(100),
                        realisasi=D(realisasi))]
    return ExtractedDocument(doc_id=doc_id, source_path=path, file_type="text", status="ok",
                             meta=DocumentMeta(doc_type="lkjip", region_name="KOTA JAMBI", year=2023, unit_name="Setda"),
                             budget_lines=lines, flags=[Flag(rule="pct_mismatch", severity="error", message="m",
                                                             line=(1, 2), expected=D(90), actual=D(45))],
                             extractor_version="t")


def _count(db, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_load_is_idempotent_and_replaces_a_new_version_of_the_same_path(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as w:
        w.load(_doc())
        w.load(_doc())
    assert (_count(db, "documents"), _count(db, "budget_lines"), _count(db, "flags")) == (1, 2, 1)
    with open_writer(db) as w:
        w.load(_doc(doc_id="b" * 64, realisasi="95"))  # same path, other bytes
    con = connect_readonly(db)
    assert con.execute("SELECT doc_id, sum(realisasi) FROM budget_lines GROUP BY 1").fetchall() == [("b" * 64, D("190.00"))]
    assert con.execute("SELECT line_id FROM flags").fetchone()[0] == "bbbbbbbbbbbbbbbb-t1-r2"
    parent = con.execute("SELECT parent_line_id FROM budget_lines WHERE row_no = 2").fetchone()[0]
    assert parent == "bbbbbbbbbbbbbbbb-t1-r1"


def test_a_failing_load_leaves_nothing_of_the_document(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    bad = _doc()
    bad.budget_lines.append(BudgetLine(table_no=1, row_no=1, level="program", name="duplicate key"))
    with open_writer(db) as w:
        with pytest.raises(duckdb.Error):
            w.load(bad)
    assert (_count(db, "documents"), _count(db, "budget_lines"), _count(db, "flags")) == (0, 0, 0)


def test_second_writer_is_told_the_warehouse_is_busy(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db):
        with pytest.raises(WarehouseBusy, match="busy"):
            with open_writer(db):
                pass


def test_summary_views_do_not_count_parents_twice(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as w:
        w.load(_doc())
    con = connect_readonly(db)
    assert con.execute("SELECT pagu, realisasi, serapan_pct FROM v_budget_summary").fetchone() == (
        D("100.00"), D("90.00"), D("90.00"))
    assert con.execute("SELECT region_name, documents, pagu, flags FROM v_region_year").fetchone() == (
        "KOTA JAMBI", 1, D("100.00"), 1)


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY documents TO '/tmp/lkjip-escape.csv'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SELECT * FROM read_parquet('https://example.invalid/x.parquet')",
    "ATTACH '/tmp/other.duckdb' AS o",
    "SET enable_external_access = true",
    "DELETE FROM documents",
])
def test_analyst_connection_cannot_escape(tmp_path, query: str) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as w:
        w.load(_doc())
    con = connect_readonly(db)
    with pytest.raises(duckdb.Error):
        con.execute(query)


def test_documents_loaded_after_a_region_list_get_their_code(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    with open_writer(db) as w:
        with w.connection() as con:
            con.execute("INSERT INTO regions (kode, nama, region_type, canonical_name) VALUES "
                        "('15.71', 'Kota Jambi', 'kota', 'KOTA JAMBI')")
        w.load(_doc())
    con = connect_readonly(db)
    assert con.execute("SELECT region_code FROM documents").fetchone() == ("15.71",)


def test_figures_too_large_for_the_columns_are_unparsed_not_fatal(tmp_path) -> None:
    """An OCR misread (a percent of 968398,33, a 25-digit amount) must not abort the batch."""
    from pipeline.extract import extract_document

    src = tmp_path / "big.txt"
    src.write_text("KOTA BOGOR TAHUN 2023\nNo\tProgram\tAnggaran (Rp)\tRealisasi (Rp)\t% realisasi\n"
                   "1\tProgram A\tRp. 9.999.999.999.999.999.999.999\tRp. 1.000.000\t968398,33%\n")
    doc = extract_document(src)
    (line,) = doc.budget_lines
    assert line.pagu is None and line.realisasi_pct is None and "pagu" in line.unparsed
    assert any(f.rule == "unparsed_amount" for f in doc.flags)
    with open_writer(tmp_path / "w.duckdb") as w:
        w.load(doc)


def test_readers_wait_out_a_writers_short_hold(tmp_path) -> None:
    import subprocess
    import sys
    import time

    db = tmp_path / "w.duckdb"
    with open_writer(db) as w:
        w.load(_doc())
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(db)!r})\n"
        "print('held', flush=True)\n"
        "time.sleep(1.5)\n"
        "con.close()\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseBusy, match="being written right now"):
            connect_readonly(db, wait=0)  # no waiting asked for: refused at once
        started = time.monotonic()
        con = connect_readonly(db, wait=15)
        try:
            assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        finally:
            con.close()
        assert time.monotonic() - started < 15
    finally:
        holder.wait(timeout=30)


def test_table_figures_are_loaded_scaled_in_the_view_and_replaced_with_their_document(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    doc = _doc()
    doc.table_figures = [TableFigure(table_no=2, row_no=1, page=41, source_line=None, row_label="d. Peternakan",
                                     column_label="Dalam Juta (Rp) / 2013", text="13.344.393,6",
                                     value=D("13344393.6"), scale=1_000_000)]
    with open_writer(db) as w:
        w.load(doc)
    con = connect_readonly(db)
    assert con.execute("SELECT row_label, column_label, value, value_scaled FROM v_table_figures").fetchall() == [
        ("d. Peternakan", "Dalam Juta (Rp) / 2013", D("13344393.6000"), D("13344393600000.0000"))]
    con.close()
    with open_writer(db) as w:
        w.load(_doc(doc_id="b" * 64))  # a new version of the same path prints no such table
    assert _count(db, "table_figures") == 0
