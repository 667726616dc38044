"""pipeline.structure.hierarchy: levels from words, codes, numbering style, header and arithmetic; parents."""

from __future__ import annotations

from decimal import Decimal as D

from pipeline.structure.hierarchy import (
    RowInfo,
    _levels_from_arithmetic,
    assign_levels,
    assign_parents,
    level_from_code,
    split_leading_code,
)


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


def test_one_code_on_every_labelled_row_names_no_level() -> None:
    # LKIP.pdf pp 77-81: a Kode split into five columns keeps its first part, `1`, on every row;
    # the programs' `1` does not make the kegiatan below them programs
    rows = _rows(("Program Pembinaan Jasa Konstruksi", "1", {"pagu": D(30)}),
                 ("Pembinaan Pelaksanaan Konstruksi", "1", {"pagu": D(10)}), ("Supervisi Konstruksi", None, {"pagu": D(20)}),
                 ("Program Pelayanan Administrasi Perkantoran", "1", {"pagu": D(9)}),
                 ("Pelayanan Administrasi Perkantoran Dinas", "1", {"pagu": D(9)}))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "kegiatan", "program", "kegiatan"]
    # programs numbered 1, 2: their style still names the unlabelled rows numbered like them
    numbered = _rows(("Program A", "1", None), ("Program B", "2", None), ("Layanan C", "3", {"pagu": D(1)}))
    assign_levels(numbered)
    assert [r.level for r in numbered] == ["program", "program", "program"]


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


def test_a_scanned_names_list_number_without_its_dot_is_split_only_when_read_by_ocr() -> None:
    # LKIP.pdf p97 at 100 dpi: the `1.` of the list lost its dot
    assert split_leading_code("1 Dukungan Pembangunan Waduk", scanned=True) == ("1.", "Dukungan Pembangunan Waduk")
    assert split_leading_code("1 Dukungan Pembangunan Waduk") == (None, "1 Dukungan Pembangunan Waduk")
    assert split_leading_code("4 WISMP-2 dan Pendamping", scanned=True) == ("4.", "WISMP-2 dan Pendamping")
    assert split_leading_code("2? Perencanaan Detail", scanned=True) == ("2.", "Perencanaan Detail")
    assert split_leading_code("I Perencanaan Umum", scanned=True) == ("1.", "Perencanaan Umum")
    assert split_leading_code("Irigasi Perencanaan", scanned=True) == (None, "Irigasi Perencanaan")
    assert split_leading_code("6 WS", scanned=True) == (None, "6 WS")  # no word follows
    assert split_leading_code("2016 Pembangunan", scanned=True) == (None, "2016 Pembangunan")  # a year


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


def _tw(*values: int) -> dict:
    return {"tw1_rp": D(values[0]), "tw2_rp": D(values[1])}


def test_rows_printed_alike_split_into_a_row_and_the_rows_it_sums() -> None:
    # the rows under the program add up to twice it: kegiatan and sub kegiatan counted together;
    # zero rows after a group belong to it, not to a new kegiatan of their own
    rows = _rows(("PROGRAM ADMINISTRASI UMUM", "", _tw(330, 500)),
                 ("Perencanaan", None, _tw(30, 50)), ("Penyusunan", None, _tw(10, 50)),
                 ("Evaluasi", None, _tw(20, 0)), ("Keuangan", None, _tw(300, 450)),
                 ("Gaji", None, _tw(300, 400)), ("Akuntansi", None, _tw(0, 50)), ("Prognosis", None, _tw(0, 0)))
    rows[0].level, rows[0].labelled = "program", True  # labelled by its words
    for r in rows[1:]:
        r.level = "kegiatan"
    _levels_from_arithmetic(rows)
    assert [r.level for r in rows[1:]] == ["kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan",
                                           "sub_kegiatan", "sub_kegiatan", "sub_kegiatan"]
    assert all(r.level_by_sums for r in rows[1:])


def test_a_kegiatan_printed_like_the_sub_kegiatan_of_a_labelled_kegiatan() -> None:
    # program 72 = Kegiatan Kelurahan 66 + a second kegiatan 6 (= 4 + 2) printed as its sub rows
    rows = _rows(("PROGRAM PEMBERDAYAAN", None, _tw(0, 72)), ("Kegiatan Pemberdayaan Kelurahan", None, _tw(0, 66)),
                 ("Pembangunan Sarana", None, _tw(0, 0)), ("Pemberdayaan Masyarakat", None, _tw(0, 66)),
                 ("Pemberdayaan Lembaga Kecamatan", None, _tw(0, 6)), ("Peningkatan Kapasitas", None, _tw(0, 4)),
                 ("Fasilitasi Usaha", None, _tw(0, 2)))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan",
                                       "sub_kegiatan", "sub_kegiatan"]


def test_a_parent_wrong_in_one_column_is_split_by_the_other() -> None:
    # the kegiatan do not equal their subs (the form omits some) and the program's TW II is off:
    # the kegiatan are still the rows that sum to it in TW I
    rows = _rows(("PROGRAM PENUNJANG", None, _tw(300, 999)), ("Perencanaan", None, _tw(210, 150)),
                 ("Penyusunan", None, _tw(116, 58)), ("Keuangan", None, _tw(90, 70)),
                 ("Gaji", None, _tw(15, 38)))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "sub_kegiatan", "kegiatan", "sub_kegiatan"]


def test_a_block_of_one_level_is_not_split() -> None:
    rows = _rows(("PROGRAM PENUNJANG", None, _tw(60, 70)), ("Perencanaan", None, _tw(10, 20)),
                 ("Keuangan", None, _tw(20, 20)), ("Umum", None, _tw(30, 30)))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "kegiatan", "kegiatan"]
    assert not any(r.level_by_sums for r in rows)


def test_a_reading_with_a_sub_row_larger_than_its_head_is_not_taken() -> None:
    # pagu 70 = 60 + 10 would make the last row (a second unit's subtotal) a sub row of "2", but
    # it is larger than the row it would fall under: the rows stay one level
    rows = _rows(("Program Peningkatan", None, {"pagu": D(70), "realisasi": D(95)}),
                 ("1", None, {"pagu": D(60), "realisasi": D(50)}), ("2", None, {"pagu": D(10), "realisasi": D(5)}),
                 ("Satker", None, {"pagu": D(30), "realisasi": D(29)}))
    assign_levels(rows)
    assert [r.level for r in rows] == ["program", "kegiatan", "kegiatan", "kegiatan"]
