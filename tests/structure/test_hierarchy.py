"""pipeline.structure.hierarchy: levels from words, codes, numbering style, header and arithmetic; parents."""

from __future__ import annotations

from decimal import Decimal as D

from pipeline.structure.hierarchy import RowInfo, assign_levels, assign_parents, level_from_code, split_leading_code


def _rows(*specs) -> list[RowInfo]:
    return [RowInfo(name=n, code=c, amounts=a or {}, texts=[n]) for n, c, a in specs]


def test_levels_from_words_and_numbering_style() -> None:
    rows = _rows(("Program Penunjang", "B", None), ("Kegiatan Administrasi Keuangan", "II.", None),
                 ("Penyediaan Gaji", "1", {"pagu": D(10)}), ("Penatausahaan", "2", {"pagu": D(5)}),
                 ("Kegiatan Administrasi Umum", "III.", None), ("Jasa Surat", "1", {"pagu": D(3)}),
                 ("Jumlah", None, {"pagu": D(18)}))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan",
                                       "sub_kegiatan", "total"]
    assert assign_parents([r.level for r in rows]) == [None, 0, 1, 1, 0, 4, None]


def test_rows_before_the_first_labelled_row_take_their_style_level() -> None:
    rows = _rows(("Penyusunan Dokumen", "1", {"pagu": D(1)}), ("Kegiatan Administrasi", "II.", None),
                 ("Penyediaan Gaji", "1", {"pagu": D(2)}))
    assign_levels(rows)
    assert [r.level for r in rows] == ["sub_kegiatan", "kegiatan", "sub_kegiatan"]


def test_kemendagri_codes() -> None:
    assert level_from_code("1.01.01") == "program"
    assert level_from_code("1.01.01.2.01") == "kegiatan"
    assert level_from_code("1.01.01.2.01.0001") == "sub_kegiatan"
    assert level_from_code("1.2") is None


def test_header_names_the_level_of_unlabelled_rows() -> None:
    rows = _rows(("Perencanaan", "1.", {"pagu": D(15_548_300)}), ("Administrasi Keuangan", "2.", {"pagu": D(356_391_000)}),
                 ("Jumlah", None, {"pagu": D(371_939_300)}))
    assign_levels(rows, header_level="kegiatan")
    assert [r.level for r in rows] == ["kegiatan", "kegiatan", "total"]


def test_arithmetic_finds_parents_among_unlabelled_rows() -> None:
    # Tangerang forms: program labelled, kegiatan and sub kegiatan printed alike, no codes
    rows = _rows(("PROGRAM PENUNJANG URUSAN", None, {"tw1_rp": D(300)}),
                 ("Perencanaan Kinerja", None, {"tw1_rp": D(210)}), ("Penyusunan Dokumen", None, {"tw1_rp": D(200)}),
                 ("Koordinasi RKA", None, {"tw1_rp": D(10)}), ("Administrasi Keuangan", None, {"tw1_rp": D(90)}),
                 ("Penyediaan Gaji", None, {"tw1_rp": D(90)}))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan",
                                       "sub_kegiatan"]


def test_leading_numbering_is_split_from_names() -> None:
    assert split_leading_code("1. Perencanaan, Penganggaran") == ("1.", "Perencanaan, Penganggaran")
    assert split_leading_code("II. Tertib Administrasi") == ("II.", "Tertib Administrasi")
    assert split_leading_code("Program A") == (None, "Program A")


def test_upper_case_headings_open_sections_that_parents_do_not_cross() -> None:
    rows = _rows(("URUSAN PILIHAN", None, {"pagu": D(500)}), ("Program Produksi", "8.", {"pagu": D(500)}),
                 ("Kegiatan Benih", "21.", {"pagu": D(500)}), ("TUGAS PEMBANTUAN", None, {"pagu": D(900)}),
                 ("PROGRAM PENINGKATAN PRODUKSI", "1.", {"pagu": D(900)}), ("Kegiatan Tanaman (TP)", "1)", {"pagu": D(900)}))
    assign_levels(rows)
    assert [r.level for r in rows] == ["urusan", "program", "kegiatan", "other", "program", "kegiatan"]
    sections = {i for i, r in enumerate(rows) if r.section}
    assert sections == {3}
    assert assign_parents([r.level for r in rows], sections) == [None, 0, 1, None, None, 4]


def test_totals_named_by_their_kind_of_spending_are_totals() -> None:
    from pipeline.structure.hierarchy import level_from_words
    for name in ("Jumlah Belanja Langsung", "Jumlah Belanja Tdk Langsung", "TOTAL BELANJA LANGSUNG",
                 "Jumlah Belanja Langsung dan Belanja Tdk Langsung"):
        assert level_from_words(name, []) == "total", name
    assert level_from_words("Jumlah Dokumen Perencanaan", []) != "total"
    assert level_from_words("Jumlah program yang dilaksanakan", []) != "total"
