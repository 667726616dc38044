"""Counts and plan years told apart from money: by the next word, the column, the row's own label."""

from __future__ import annotations

from pipeline.quality.coverage import find_figures
from schemas.model import Column, GridRow, Table


def _kinds(text: str, tables=()) -> list[str]:
    return [f.kind for f in find_figures([text], tables)]


def _table(headers: list[tuple[str, str]], rows: list[list[str]]) -> Table:
    return Table(table_no=1, columns=[Column(i, role, h) for i, (h, role) in enumerate(headers)],
                 rows=[GridRow(r, page=1) for r in rows])


def test_a_unit_at_the_start_of_the_next_line_makes_a_sentences_figure_a_count() -> None:
    assert _kinds("populasi ayam ras petelur 18.465.744\nekor, ayam buras 25.599.993 ekor") == ["count", "count"]


def test_a_figure_alone_on_its_line_is_a_table_cell_whose_next_line_is_another_cell() -> None:
    assert _kinds("1.500.000.000\nDokumen") == ["money"]


def test_a_label_naming_a_counted_unit_makes_its_rows_and_its_listed_items_counts() -> None:
    table = _table([("Sasaran", "sasaran"), ("Indikator Kinerja", "indikator"), ("Target Tahun / 2015", "target")],
                   [["", "1.1.2 Jumlah Populasi ternak (ekor) :", "401.024.000"],
                    ["", "- Kerbau", "11.022.084"],
                    ["", "- Domba", "2.420.985"],
                    ["1.2 Meningkatnya anggaran", "1.2.1 Anggaran program", "2.500.000"]])
    text = "401.024.000\n11.022.084\n2.420.985\n2.500.000"
    assert _kinds(text, [table]) == ["count", "count", "count", "money"]


def test_a_satuan_cell_names_the_unit_of_the_rows_figures_outside_money_columns() -> None:
    table = _table([("No", "no"), ("Uraian", "name"), ("Satuan", "satuan"), ("Target", "target"),
                    ("Anggaran (Rp)", "pagu")],
                   [["5.", "Kambing", "Ekor", "2.477.171", "1.250.000.000"],
                    ["6.", "Jumlah Dokumen", "3 Dokumen", "17.620.100", "4.500.000.000"]])
    text = "2.477.171\n1.250.000.000\n17.620.100\n4.500.000.000"
    # `3 Dokumen` is a target with its unit, not a unit cell: the row's figures stay money
    assert _kinds(text, [table]) == ["count", "money", "money", "money"]


def test_a_unit_after_the_figure_in_its_cell_makes_it_a_count_even_when_the_page_prints_it_below() -> None:
    table = _table([("Indikator", "indikator"), ("Target Kinerja / 2015", "other")],
                   [["Jumlah UTTP dan BDKT", "6.181.265 buah"]])
    assert _kinds("6.181.265\nbuah", [table]) == ["count"]
    assert _kinds("sebanyak 177.124.046 pohon/batang dan 2,273,608 keluarga") == ["count", "count"]
