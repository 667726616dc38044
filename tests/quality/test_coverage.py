"""Figure coverage: money-sized figures printed, told from counts, matched to the records,
stored on `documents`, listed by `lkjip coverage`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract import extract_document
from pipeline.quality.coverage import find_figures, mark_captured, money_coverage, money_in_table_figures
from pipeline.warehouse.store import open_writer
from schemas.model import BudgetLine, Column, GridRow, IndicatorRow, Table, TableFigure
from tests.conftest import extract_text, query
from tests.fixtures import clean_report
from tests.fixtures.coverage_docs import PROSE


def _figures(text: str, grids=()):
    return [(f.text, f.value, f.kind) for f in find_figures([text], grids)]


@pytest.mark.parametrize("printed, value", [
    ("Rp. 2.636.500.000,-", Decimal("2636500000")),
    ("1.234.567,89", Decimal("1234567.89")),
    ("17,620,100", Decimal("17620100")),
    ("4,375,000,000.00", Decimal("4375000000.00")),
    ("( 146.820.936 )", Decimal("146820936")),
    ("Rp.30.903.396.770,-", Decimal("30903396770")),
])
def test_money_sized_figures_are_read_in_both_conventions(printed: str, value: Decimal) -> None:
    [(_, got, kind)] = _figures(f"anggaran {printed} tahun 2016")
    assert got == value and kind == "money"


@pytest.mark.parametrize("text", [
    "1.01.01.2.01.0001 Penyediaan Gaji",  # a code: groups are not three digits
    "46,95 % dan 1.000 orang",  # a percent and a single thousands group
    "3 Dokumen, 2016, 12.345",
    "1.234.567.89",  # a group too short after two dots: no figure
])
def test_codes_percents_and_small_numbers_are_no_figures(text: str) -> None:
    assert _figures(text) == []


def test_a_unit_after_the_figure_makes_it_a_count() -> None:
    got = _figures("produksi daging 12.317.066 ton dan 1.234.567 jiwa, anggaran Rp 5.000.000")
    assert [k for _, _, k in got] == ["count", "count", "money"]


def test_a_satuan_cell_beside_rupiah_figures_does_not_make_them_counts() -> None:
    got = _figures("1\tJumlah Dokumen\t3 Dokumen\t17,620,100\t11.75%")
    assert [k for _, _, k in got] == ["money"]


def _table(headers: list[str], cells: list[str]) -> Table:
    return Table(table_no=1, columns=[Column(i, "other", h) for i, h in enumerate(headers)],
                 rows=[GridRow(cells, page=1)])


def test_a_column_header_path_naming_a_counted_unit_makes_its_figures_counts() -> None:
    table = _table(["No", "Jenis Ternak", "Produksi Hasil Ternak (Ton) / 2015", "",  # a merged header over the next column
                    "Anggaran (Rp)", "Dalam Juta (Rp) / 2016"],
                   ["1", "Sapi", "73.721.604", "77.249.374", "1.500.000.000", "114.042.321,7"])
    text = "Sapi 73.721.604 77.249.374 1.500.000.000 114.042.321,7"
    assert [k for _, _, k in _figures(text, [table])] == ["count", "count", "money", "money"]


def test_a_multi_year_plans_years_are_plan_figures() -> None:
    table = _table(["Program", "Tahun 1 / Rp", "Tahun 2 / Rp", "Kondisi Kinerja pada Akhir Periode Renstra-PD / Rp",
                    "Realisasi (Rp)"],
                   ["Program A", "4.560.200", "4.760.200", "9.320.400", "4.500.000"])
    text = "Program A 4.560.200 4.760.200 9.320.400 4.500.000"
    assert [k for _, _, k in _figures(text, [table])] == ["plan", "plan", "plan", "money"]


def test_a_figure_is_captured_when_its_value_reached_a_record() -> None:
    figures = find_figures(["pagu 1.500.000.000,00 realisasi 1.234.567 target 2.000.000 lain 9.999.999"])
    line = BudgetLine(table_no=1, row_no=1, level="program", name="P", pagu=Decimal("1500000000"),
                      realisasi=Decimal("1234567"))
    indicator = IndicatorRow(table_no=2, row_no=1, indikator="I", target_value=2000000.0)
    mark_captured(figures, [line], [indicator])
    assert [f.captured for f in figures] == [True, True, True, False]
    assert money_coverage(figures) == (4, 3)


def test_a_figure_only_a_table_figure_holds_is_captured_and_told_apart() -> None:
    figures = find_figures(["pagu 1.500.000.000,00 PDRB 114.042.321,7 lain 9.999.999"])
    line = BudgetLine(table_no=1, row_no=1, level="program", name="P", pagu=Decimal("1500000000"))
    pdrb = TableFigure(table_no=2, row_no=1, page=1, source_line=None, row_label="Pertanian",
                       column_label="Dalam Juta (Rp) / 2013", text="114.042.321,7", value=Decimal("114042321.7"),
                       scale=1_000_000)
    mark_captured(figures, [line], [], [pdrb])
    assert [(f.captured, f.in_table_figures) for f in figures] == [(True, False), (True, True), (False, False)]
    assert money_coverage(figures) == (3, 2) and money_in_table_figures(figures) == 1


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_a_consistent_report_has_every_figure_captured(kind: str, tmp_path) -> None:
    writer = clean_report.write_text if kind == "text" else clean_report.write_pdf
    doc = extract_document(writer(tmp_path / f"report.{'txt' if kind == 'text' else 'pdf'}"))
    printed, captured = money_coverage(doc.figures)
    assert printed > 20 and captured == printed, [f.text for f in doc.figures if not f.captured]




def test_coverage_is_stored_and_listed_by_the_cli(tmp_path) -> None:
    doc = extract_text(tmp_path, PROSE)
    db = tmp_path / "w.duckdb"
    with open_writer(db) as writer:
        writer.load(doc)
    [(printed, captured)] = query(db, "SELECT figures_printed, figures_captured FROM documents")
    assert (printed, captured) == (5, 4)
    assert query(db, "SELECT kind, figure_text, page FROM v_uncaptured_figures ORDER BY kind") == [
        ("count", "2.345.678", 1), ("money", "7.777.777.777,-", 1)]
    runner = CliRunner()
    listing = runner.invoke(app, ["coverage", "-w", str(db), "--format", "csv"])
    assert listing.exit_code == 0, listing.output
    assert "lkip.txt" in listing.output and ",5,4,0,0.8" in listing.output
    detail = runner.invoke(app, ["coverage", doc.doc_id[:12], "-w", str(db), "--format", "csv"])
    assert detail.exit_code == 0, detail.output
    assert "7.777.777.777" in detail.output and "2.345.678" not in detail.output


def test_a_document_that_was_not_read_has_no_coverage(tmp_path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    doc = extract_document(bad)
    db = tmp_path / "w.duckdb"
    with open_writer(db) as writer:
        writer.load(doc)
    assert query(db, "SELECT status, figures_printed, figures_captured FROM documents") == [("failed", None, None)]
