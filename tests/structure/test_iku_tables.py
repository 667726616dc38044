"""IKU tables (indikator, penjelasan/formulasi, sumber data; no target) become indicator rows."""

from __future__ import annotations

from pipeline.normalise.numbers import INDONESIAN
from pipeline.structure.records import table_records
from pipeline.structure.tables import build_tables
from pipeline.warehouse.store import connect_readonly, open_writer
from schemas.model import DocumentMeta, ExtractedDocument, Grid, GridRow

ROWS = [["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA UTAMA", "PENJELASAN / FORMULASI", "SUMBER DATA"],
        ["1.", "Meningkatnya kunjungan wisatawan", "Jumlah kunjungan wisatawan mancanegara",
         "Menghitung jumlah kunjungan wisatawan mancanegara", "Badan Pusat Statistik"],
        ["", "", "Jumlah kunjungan wisatawan nusantara", "Menghitung jumlah kunjungan wisatawan nusantara",
         "Dinas Pariwisata"]]


def _iku_indicators():
    [table] = build_tables([Grid(rows=[GridRow(cells=r, page=1) for r in ROWS], page=1, source="pdf:ruled")])
    assert [c.role for c in table.columns] == ["no", "sasaran", "indikator", "formulasi", "sumber_data"]
    lines, indicators = table_records(table, INDONESIAN)
    assert lines == []
    return indicators


def test_an_iku_table_gives_indicators_with_their_definition_and_no_values() -> None:
    indicators = _iku_indicators()
    assert [(i.sasaran, i.indikator, i.formulasi, i.sumber_data) for i in indicators] == [
        ("Meningkatnya kunjungan wisatawan", "Jumlah kunjungan wisatawan mancanegara",
         "Menghitung jumlah kunjungan wisatawan mancanegara", "Badan Pusat Statistik"),
        ("Meningkatnya kunjungan wisatawan", "Jumlah kunjungan wisatawan nusantara",
         "Menghitung jumlah kunjungan wisatawan nusantara", "Dinas Pariwisata")]
    assert all(i.target_value is None and i.realisasi_value is None for i in indicators)


def test_the_definition_reaches_the_warehouse(tmp_path) -> None:
    doc = ExtractedDocument(doc_id="c" * 64, source_path="raw/iku.pdf", file_type="pdf", status="ok",
                            meta=DocumentMeta(doc_type="other", year=2016), indicators=_iku_indicators())
    db = tmp_path / "w.duckdb"
    with open_writer(db) as writer:
        writer.load(doc)
    con = connect_readonly(db)
    assert con.execute("SELECT indikator, formulasi, sumber_data FROM indicators ORDER BY row_no").fetchall()[1] == (
        "Jumlah kunjungan wisatawan nusantara", "Menghitung jumlah kunjungan wisatawan nusantara", "Dinas Pariwisata")
