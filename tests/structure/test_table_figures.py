"""pipeline.structure.table_figures: numbers no budget line or indicator holds, with their labels."""

from __future__ import annotations

from decimal import Decimal

from pipeline.normalise.numbers import INDONESIAN
from pipeline.structure.records import column_conventions, table_records
from pipeline.structure.table_figures import header_scale, leftover_figures
from pipeline.structure.tables import build_tables
from schemas.model import Column, Grid, GridRow, Table


def _table(rows: list[list[str]]):
    [table] = build_tables([Grid(rows=[GridRow(cells=r, page=4) for r in rows], page=4, source="pdf:ruled")])
    return table


def _leftovers(rows: list[list[str]]):
    table = _table(rows)
    conventions = column_conventions(table, INDONESIAN)
    lines, indicators = table_records(table, INDONESIAN, conventions)
    return lines, indicators, leftover_figures(table, lines, indicators, conventions)


def test_a_series_by_year_keeps_row_labels_column_paths_and_the_headers_scale() -> None:
    _, _, figures = _leftovers([
        ["No", "Kewenangan", "Tahun (ribu)", "", ""],
        ["", "", "2014", "2015", "2016"],
        ["1", "Dekonsentrasi", "11.985.347", "11.344.891", "9.384.805"],
        ["", "Jumlah", "102.006.347", "83.335.916", "51.259.118"],
    ])
    assert [(f.row_label, f.column_label, f.value, f.scale) for f in figures[:3]] == [
        ("Dekonsentrasi", "Tahun (ribu) / 2014", Decimal("11985347"), 1000),
        ("Dekonsentrasi", "Tahun (ribu) / 2015", Decimal("11344891"), 1000),
        ("Dekonsentrasi", "Tahun (ribu) / 2016", Decimal("9384805"), 1000),
    ]
    assert [f.row_label for f in figures[3:]] == ["Jumlah"] * 3
    assert all(f.page == 4 for f in figures)


def test_cells_a_budget_line_holds_are_not_repeated_but_its_other_columns_are() -> None:
    lines, _, figures = _leftovers([
        ["Uraian", "Target", "Realisasi", "% Realisasi", "% kenaikan 2015-2016"],
        ["UPTD Cikole", "457.000.000", "542.850.050", "118,79", "-39,12"],
    ])
    assert [line.realisasi for line in lines] == [Decimal("542850050.00")]
    assert [(f.column_label, f.value, f.unit) for f in figures] == [
        ("Target", Decimal("457000000"), None), ("% kenaikan 2015-2016", Decimal("-39.12"), None)]


def test_labels_numbering_and_sentences_starting_with_a_number_are_no_figures() -> None:
    columns = [Column(0, "no", "No"), Column(1, "other", "Sasaran"), Column(2, "other", "Target Tahun / 2015"),
               Column(3, "other", "Target Tahun / 2016")]
    table = Table(table_no=1, columns=columns, rows=[
        GridRow(cells=["1", "Meningkatnya produksi", "1.1 Meningkatnya Produksi dan populasi ternak", "401.024"]),
        GridRow(cells=["2", "- Sapi Potong", "447.978", "466.272"])])
    figures = leftover_figures(table, [], [], column_conventions(table, INDONESIAN))
    assert [(f.row_label, f.text) for f in figures] == [
        ("Meningkatnya produksi", "401.024"), ("- Sapi Potong", "447.978"), ("- Sapi Potong", "466.272")]


def test_header_scale_words() -> None:
    assert header_scale("Dalam Juta (Rp) / 2013") == 1_000_000
    assert header_scale("Anggaran (Milyar Rp)") == 1_000_000_000
    assert header_scale("Tahun (ribuan)") == 1000
    assert header_scale("Anggaran (Rp)") is None
