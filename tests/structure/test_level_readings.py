"""pipeline.structure.level_readings: second readings of levels chosen by the table's arithmetic."""

from __future__ import annotations

from decimal import Decimal as D

from pipeline.structure.hierarchy import RowInfo, assign_levels
from pipeline.structure.level_readings import reread_levels


def _rows(*specs) -> list[RowInfo]:
    return [RowInfo(name=n, code=None, amounts={"pagu": D(a)} if a is not None else {}, texts=[n])
            for n, a in specs]


def _read(rows: list[RowInfo], header_level: str | None) -> list[str | None]:
    assign_levels(rows, header_level)
    reread_levels(rows, header_level)
    return [r.level for r in rows]


def test_rows_under_a_kegiatan_column_that_do_not_add_up_are_kegiatan_too() -> None:
    """A column headed `Kegiatan`: `RTM - Kegiatan …` printed without the leading word."""
    rows = _rows(("Kegiatan Pelatihan Budidaya Ikan Patin", 484), ("RTM - Kegiatan Pengurangan", 200),
                 ("Kegiatan Pelatihan Budidaya Ikan Mas", 394), ("RTM - Kegiatan Budidaya Nila", 200))
    assert _read(rows, "kegiatan") == ["kegiatan"] * 4
    assert [r.level_by for r in rows] == [None, "header", None, "header"]


def test_rows_under_a_kegiatan_column_that_add_up_stay_its_sub_kegiatan() -> None:
    rows = _rows(("Kegiatan Pelatihan", 300), ("Pelatihan angkatan I", 100), ("Pelatihan angkatan II", 200))
    assert _read(rows, "kegiatan") == ["kegiatan", "sub_kegiatan", "sub_kegiatan"]
    assert all(r.level_by is None for r in rows)


def test_without_a_header_naming_the_level_the_child_reading_stays() -> None:
    """Forms headed `Program/Kegiatan/Sub Kegiatan` keep the rows under a kegiatan as its sub
    kegiatan even where they do not add up: that is a real inconsistency to flag."""
    rows = _rows(("Kegiatan Administrasi", 300), ("Penyediaan Gaji", 100), ("Penyediaan ATK", 150))
    assert _read(rows, None) == ["kegiatan", "sub_kegiatan", "sub_kegiatan"]


def test_a_nameless_last_row_that_is_the_sum_of_the_table_is_its_total() -> None:
    rows = _rows(("Kegiatan A", 100), ("Kegiatan B", 250), ("Kegiatan C", 50), ("", 400))
    assert _read(rows, "kegiatan")[-1] == "total"
    assert rows[-1].level_by == "grand_sum"


def test_a_nameless_last_row_that_is_not_the_sum_is_left_alone() -> None:
    rows = _rows(("Kegiatan A", 100), ("Kegiatan B", 250), ("", 120))
    assert _read(rows, "kegiatan")[-1] != "total"


def test_a_heading_printing_the_subtotal_of_the_program_it_opens_is_no_sub_kegiatan() -> None:
    rows = _rows(("Program Peningkatan Produksi", 1000), ("Kegiatan Pengembangan", 800),
                 ("Kegiatan Dukungan Perbenihan", 200),
                 ("Satker Dinas Perkebunan (08) Ditjen PSP", 500),
                 ("Program Penyediaan Prasarana", 500), ("Kegiatan Perluasan Areal", 500))
    levels = _read(rows, None)
    assert levels[3] == "other" and rows[3].section and rows[3].level_by == "heading"
    assert levels[:3] == ["program", "kegiatan", "kegiatan"]


def test_a_sub_kegiatan_smaller_than_its_kegiatan_is_kept_even_if_it_repeats_the_next_row() -> None:
    rows = _rows(("Kegiatan Dukungan", 500), ("Penyediaan Benih", 300), ("Program Lain", 300))
    assert _read(rows, None)[1] == "sub_kegiatan"
