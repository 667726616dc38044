"""The analyst views of schemas/warehouse.sql: totals without double counting, serapan per
triwulan, indicator achievement, one line across documents, and the SQL matching keys."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.checks.common import normalise_name, structured_code
from pipeline.warehouse.store import connect_readonly
from tests.fixtures.warehouse_docs import doc, indicator, line, load, three_level_doc


def _query(db, sql: str, params: list | None = None) -> list[tuple]:
    con = connect_readonly(db)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


# --------------------------------------------------------------------------- no double counting
def test_three_levels_and_a_total_row_count_once(tmp_path) -> None:
    db = load(tmp_path / "w.duckdb", three_level_doc())
    assert _query(db, "SELECT pagu, realisasi FROM v_table_totals") == [(Decimal("1000.00"), Decimal("900.00"))]
    assert _query(db, "SELECT pagu, realisasi, serapan_pct FROM v_budget_summary") == [
        (Decimal("1000.00"), Decimal("900.00"), 90.0)]
    assert _query(db, "SELECT pagu, realisasi FROM v_region_year") == [(Decimal("1000.00"), Decimal("900.00"))]
    counted = _query(db, "SELECT row_no FROM v_line_amounts WHERE counted AND measure = 'pagu'")
    assert counted == [(7,)]  # the total row alone


def test_without_a_total_row_the_topmost_amounts_count(tmp_path) -> None:
    """Drop the total: the program counts, not its kegiatan and sub kegiatan as well."""
    d = three_level_doc()
    d.budget_lines = [l for l in d.budget_lines if l.level != "total"]
    db = load(tmp_path / "w.duckdb", d)
    assert _query(db, "SELECT pagu, realisasi FROM v_table_totals") == [(Decimal("1000.00"), Decimal("900.00"))]


def test_empty_parent_rows_do_not_hide_their_childrens_amounts(tmp_path) -> None:
    """Pengukuran forms print amounts only on sub kegiatan rows, under empty program/kegiatan rows."""
    lines = [line(1, "program", "Program A"),
             line(2, "kegiatan", "Kegiatan A1", parent=1),
             line(3, "sub_kegiatan", "Sub A1a", parent=2, pagu=300, realisasi=290),
             line(4, "sub_kegiatan", "Sub A1b", parent=2, pagu=200, realisasi=100),
             line(5, "kegiatan", "Kegiatan A2", parent=1, pagu=500, realisasi=400),
             line(6, "sub_kegiatan", "Sub A2a", parent=5, pagu=500, realisasi=400)]
    db = load(tmp_path / "w.duckdb", doc("empty-parents", lines))
    assert _query(db, "SELECT pagu, realisasi FROM v_table_totals") == [(Decimal("1000.00"), Decimal("790.00"))]


def test_subtotals_with_a_grand_total_take_the_grand_total(tmp_path) -> None:
    lines = [line(1, "program", "Program A", pagu=100), line(2, "total", "Jumlah", pagu=100),
             line(3, "program", "Program B", pagu=50), line(4, "total", "Jumlah", pagu=50),
             line(5, "total", "Jumlah Total", pagu=150)]
    two_jumlah = [line(1, "program", "Program A", table=2, pagu=100), line(2, "total", "Jumlah", table=2, pagu=100),
                  line(3, "program", "Program B", table=2, pagu=50), line(4, "total", "Jumlah", table=2, pagu=50)]
    db = load(tmp_path / "w.duckdb", doc("subtotals", lines + two_jumlah))
    assert _query(db, "SELECT table_no, pagu FROM v_table_totals ORDER BY 1") == [
        (1, Decimal("150.00")),  # the grand total, not 100 + 50 + 150
        (2, Decimal("150.00")),  # two subtotals without a grand total: the lines
    ]


# --------------------------------------------------------------------------- serapan per triwulan
def _serapan(db) -> list[tuple]:
    return _query(db, "SELECT unit_name, triwulan, realisasi_triwulan, realisasi_kumulatif, serapan_pct "
                      "FROM v_serapan_triwulan ORDER BY unit_name, triwulan")


def test_serapan_from_cumulative_quarters_without_double_counting(tmp_path) -> None:
    tw = {"cumulative": True}
    lines = [line(1, "program", "Program A", pagu=1000, tw=(100, 300, 600, 900), **tw),
             line(2, "kegiatan", "Kegiatan A", parent=1, pagu=1000, tw=(100, 300, 600, 900), **tw),
             line(3, "sub_kegiatan", "Sub A", parent=2, pagu=1000, tw=(100, 300, 600, 900), **tw),
             line(4, "total", "Jumlah", pagu=1000, tw=(100, 300, 600, 900), **tw)]
    db = load(tmp_path / "w.duckdb", doc("cum", lines, unit="Dinas A", doc_type="pengukuran"))
    D = Decimal
    assert _serapan(db) == [("Dinas A", 1, D("100.00"), D("100.00"), 10.0), ("Dinas A", 2, D("200.00"), D("300.00"), 30.0),
                            ("Dinas A", 3, D("300.00"), D("600.00"), 60.0), ("Dinas A", 4, D("300.00"), D("900.00"), 90.0)]


def test_serapan_from_per_quarter_figures_and_unreported_quarters(tmp_path) -> None:
    per_quarter = [line(1, "sub_kegiatan", "Sub A", pagu=1000, tw=(100, 200, 0, None), cumulative=False)]
    # a TW II form of a cumulative table: `-` (0) for quarters not reported yet
    tw2_form = [line(1, "sub_kegiatan", "Sub B", pagu=400, tw=(100, 250, 0, 0), cumulative=True)]
    unknown = [line(1, "sub_kegiatan", "Sub C", pagu=100, tw=(10, 40, None, None), cumulative=None)]
    db = load(tmp_path / "w.duckdb", doc("perq", per_quarter, unit="Dinas A"), doc("tw2", tw2_form, unit="Dinas B"),
              doc("unknown", unknown, unit="Dinas C"))
    D = Decimal
    assert _serapan(db) == [
        ("Dinas A", 1, D("100.00"), D("100.00"), 10.0), ("Dinas A", 2, D("200.00"), D("300.00"), 30.0),
        ("Dinas A", 3, D("0.00"), D("300.00"), 30.0),  # a quarter without spending is still a quarter
        ("Dinas B", 1, D("100.00"), D("100.00"), 25.0), ("Dinas B", 2, D("150.00"), D("250.00"), 62.5),
        ("Dinas C", 1, D("10.00"), D("10.00"), 10.0), ("Dinas C", 2, None, None, None),  # mode unknown: not guessed
    ]


def test_serapan_takes_the_latest_form_of_a_unit(tmp_path) -> None:
    tw2 = doc("form-tw2", [line(1, "sub_kegiatan", "Sub", pagu=100, tw=(10, 20, None, None), cumulative=True)],
              doc_type="realisasi_triwulan")
    tw4 = doc("form-tw4", [line(1, "sub_kegiatan", "Sub", pagu=100, tw=(10, 20, 60, 95), cumulative=True)],
              doc_type="realisasi_triwulan")
    db = load(tmp_path / "w.duckdb", tw2, tw4)
    rows = _query(db, "SELECT DISTINCT doc_id, count(*) OVER () FROM v_serapan_triwulan")
    assert rows == [(tw4.doc_id, 4)]


# --------------------------------------------------------------------------- indicators
def test_indicator_achievement(tmp_path) -> None:
    d = doc("ind", indicators=[indicator(1, "A", 100.0), indicator(2, "B", 99.99), indicator(3, "C", 140.0),
                               indicator(4, "D", None)])
    db = load(tmp_path / "w.duckdb", d)
    assert _query(db, "SELECT indikator, achieved, status FROM v_indicator_achievement ORDER BY indikator") == [
        ("A", True, "achieved"), ("B", False, "not_achieved"), ("C", True, "achieved"), ("D", None, "unknown")]
    assert _query(db, "SELECT DISTINCT region_name, unit_name, year FROM v_indicator_achievement") == [
        ("KOTA JAMBI", "Sekretariat Daerah", 2023)]


# --------------------------------------------------------------------------- one line, several documents
def test_lines_across_documents_side_by_side(tmp_path) -> None:
    pk = doc("pk", [line(1, "program", "Program Penunjang", code="4.01.01", pagu=1000),
                    line(2, "sub_kegiatan", "1. Sub Kegiatan Penyediaan Gaji", parent=1, pagu=400),
                    line(3, "sub_kegiatan", "Rapat Koordinasi", code="4.01.01.2.01.0009", parent=1, pagu=70)],
             doc_type="pk")
    lkjip = doc("lkjip", [line(1, "program", "PROGRAM PENUNJANG URUSAN", code="4.01.01", pagu=1000, realisasi=950),
                          line(2, "sub_kegiatan", "Penyediaan Gaji", parent=1, pagu=450, realisasi=440),
                          line(3, "sub_kegiatan", "Rapat Koordinasi", code="4.01.01.2.01.0001", parent=1, pagu=70)],
                doc_type="lkjip")
    other_unit = doc("other-unit", [line(1, "program", "Program Penunjang", code="4.01.01", pagu=5)],
                     unit="Dinas Lain", doc_type="lkjip")
    db = load(tmp_path / "w.duckdb", pk, lkjip, other_unit)
    rows = _query(db, "SELECT level, matched_by, match_key, doc_type_a, pagu_a, doc_type_b, pagu_b, realisasi_b, "
                      "pagu_diff, pagu_agree FROM v_line_across_documents ORDER BY level")
    assert rows == [
        ("program", "code", "4.01.01", "pk", Decimal("1000.00"), "lkjip", Decimal("1000.00"), Decimal("950.00"),
         Decimal("0.00"), True),
        ("sub_kegiatan", "name", "penyediaan gaji", "pk", Decimal("400.00"), "lkjip", Decimal("450.00"),
         Decimal("440.00"), Decimal("50.00"), False),
    ]  # `Rapat Koordinasi` prints two different codes: two different lines, not matched by name


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):
    return load(tmp_path_factory.mktemp("keys") / "w.duckdb")


@pytest.mark.parametrize("text", [
    "1. Sub Kegiatan Penyediaan Gaji", "Program  Penunjang-Urusan (PD)", "a) kegiatan: Rapat", "1.2.3 Belanja",
    "SUB-KEGIATAN Café Ü", "II. Pelayanan", "", "Programmer day", "12 Bulan",
])
def test_sql_name_key_matches_python(empty_db, text: str) -> None:
    assert _query(empty_db, "SELECT lkjip_name_key(?)", [text])[0][0] == normalise_name(text)


@pytest.mark.parametrize("code", ["1.01.01.2.01.0001", "4.01.01", "1.2", "1.2.3", "II.", "X.XX.01", " 1.01 .02. ",
                                  "1.1.10", None, "1.a.002"])
def test_sql_code_key_matches_python(empty_db, code: str | None) -> None:
    assert _query(empty_db, "SELECT lkjip_code_key(?)", [code])[0][0] == structured_code(code)
