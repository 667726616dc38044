"""Budget lines stated in prose (`Kegiatan X … anggaran sebesar Rp … realisasi … atau P%`)."""

from __future__ import annotations

from decimal import Decimal as D

from pipeline.structure.prose import prose_budget_lines
from pipeline.warehouse.store import open_writer
from schemas.model import BudgetLine
from tests.conftest import extract_text, query


def _lines(*pages: str, tables: list[BudgetLine] | None = None) -> list[tuple]:
    return [(b.page, b.level, b.name, b.pagu, b.realisasi, b.realisasi_pct, b.source)
            for b in prose_budget_lines(list(pages), table_no=9, tables_lines=tables or [])]


def test_a_kegiatan_sentence_gives_pagu_realisasi_and_percent() -> None:
    page = ("1. Kegiatan Rapat Koordinasi Industri dan Perdagangan, yang dilaksanakan oleh Dinas\n"
            "Perindustrian dengan alokasi anggaran\nsebesar Rp. 399,380,000.00 realisasi anggaran sebesar "
            "Rp. 394,166,888.00 atau  98.69%. Output kegiatan adalah rapat.")
    assert _lines(page) == [(1, "kegiatan", "Kegiatan Rapat Koordinasi Industri dan Perdagangan",
                             D("399380000.00"), D("394166888.00"), D("98.69"), "prose")]


def test_a_numbered_enumeration_of_pagu_only_items_in_the_indonesian_convention() -> None:
    page = ("dari 3 (tiga) kegiatan yaitu 1) Kegiatan Pengamatan Penyakit Hewan anggaran Rp. 705.000.000,-, "
            "2) Kegiatan Pencegahan Penyakit Hewan anggaran\nRp.\n1.609.804.000,- 3) Penyediaan Sarana Rumah "
            "Sakit Hewan Cikole anggaran Rp. 1.215.000.000, selesai.")
    got = _lines(page)
    assert [(n, p, r) for _, _, n, p, r, _, _ in got] == [
        ("Kegiatan Pengamatan Penyakit Hewan", D("705000000"), None),
        ("Kegiatan Pencegahan Penyakit Hewan", D("1609804000"), None),
        ("Penyediaan Sarana Rumah Sakit Hewan Cikole", D("1215000000"), None),
    ]
    assert [lvl for _, lvl, *_ in got] == ["kegiatan", "kegiatan", "other"]


def test_a_statement_broken_across_a_page_is_whole_and_on_the_page_of_its_pagu() -> None:
    first = "4. Kegiatan Penyelenggaraan Administrasi Perkantoran Balai Karawang, yang dilaksanakan oleh Dinas Jawa"
    second = "Barat dengan alokasi anggaran sebesar Rp 1.000.000.000,- realisasi sebesar Rp. 968.515.082 atau 96,85%."
    [(page, _, name, pagu, realisasi, pct, _)] = _lines(first, second)
    assert (page, name, pagu, realisasi, pct) == (
        2, "Kegiatan Penyelenggaraan Administrasi Perkantoran Balai Karawang", D("1000000000"), D("968515082"),
        D("96.85"))


def test_the_percent_after_a_second_amount_makes_it_the_realisasi_when_the_words_slipped() -> None:
    slipped = ("6. Kegiatan Pemeliharaan Balai Tasikmalaya dengan alokasi anggaran sebesar Rp. 523,136,500.00 "
               "anggaran sebesar Rp. 517,351,500.00 atau  98.89%. Output kegiatan.")
    [(_, _, _, pagu, realisasi, pct, _)] = _lines(slipped)
    assert (pagu, realisasi, pct) == (D("523136500.00"), D("517351500.00"), D("98.89"))
    # the same words with a percent that is not the share: two budgets, not pagu and realisasi
    other = slipped.replace("98.89%", "50.00%").replace("anggaran sebesar Rp. 517", "7. Kegiatan Lain anggaran sebesar Rp. 517")
    assert [(p, r) for _, _, _, p, r, _, _ in _lines(other)] == [(D("523136500.00"), None), (D("517351500.00"), None)]


def test_statements_repeating_a_table_or_each_other_are_not_loaded_twice() -> None:
    table_line = BudgetLine(table_no=1, row_no=1, level="program", name="Program A",
                            pagu=D("34438482000"), realisasi=D("32931467320"))
    text = ("Program A dengan alokasi anggaran sebesar Rp. 34.438.482.000,- dengan realisasinya sebesar "
            "Rp. 32.931.467.320,- atau 96 %. 1. Kegiatan B dengan alokasi anggaran sebesar Rp. 21.840.517.000,- "
            "realisasinya sebesar Rp. 20.951.225.130,- atau 95,93%.")
    once = _lines(text, text, tables=[table_line])
    assert [n for _, _, n, *_ in once] == ["Kegiatan B"]


def test_table_rows_of_a_text_conversion_are_not_prose() -> None:
    assert _lines("1\tKegiatan A\tAnggaran Rp. 1.500.000.000\tRealisasi Rp. 1.200.000.000") == []


def test_a_sentence_without_a_name_gives_no_line() -> None:
    assert _lines("Total anggaran sebesar Rp. 1.500.000.000 dan realisasi Rp. 1.200.000.000 atau 80%.") == []


REPORT = """LAPORAN KINERJA DINAS CONTOH KOTA CONTOH TAHUN 2023

Tabel 3.1 Realisasi Anggaran per Program
No\tProgram\tPagu (Rp)\tRealisasi (Rp)\t%
1\tProgram Penunjang Urusan\t1.500.000.000\t1.200.000.000\t80,00
2\tProgram Pelayanan Publik\t900.000.000\t810.000.000\t90,00

Program Pelayanan Publik dilaksanakan melalui kegiatan berikut.
1. Kegiatan Pelayanan Terpadu dengan alokasi anggaran sebesar Rp. 600.000.000,- realisasi sebesar Rp. 540.000.000,- atau 90%.
2. Kegiatan Pengaduan Masyarakat dengan alokasi anggaran sebesar Rp. 300.000.000,- realisasi sebesar Rp. 270.000.000,- atau 95%.
"""


def test_prose_lines_are_loaded_marked_checked_and_never_the_documents_budget(tmp_path) -> None:
    doc = extract_text(tmp_path, REPORT)
    prose = [b for b in doc.budget_lines if b.source == "prose"]
    assert [(b.name, b.pagu, b.realisasi) for b in prose] == [
        ("Kegiatan Pelayanan Terpadu", D("600000000"), D("540000000")),
        ("Kegiatan Pengaduan Masyarakat", D("300000000"), D("270000000"))]
    # the second sentence's 95 % is not 270/300: flagged on the prose line
    assert [(f.rule, f.line) for f in doc.flags] == [("pct_mismatch", (prose[1].table_no, prose[1].row_no))]
    db = tmp_path / "w.duckdb"
    with open_writer(db) as writer:
        writer.load(doc)
    assert query(db, "SELECT source, count(*) FROM budget_lines GROUP BY source ORDER BY source") == [
        ("prose", 2), ("table", 2)]
    assert query(db, "SELECT pagu, realisasi FROM v_budget_summary") == [(D("2400000000.00"), D("2010000000.00"))]


def test_a_bare_amount_is_a_pagu_only_when_a_realisasi_follows() -> None:
    text = ("1. Belanja Operasional sebesar Rp. 2.459.580.400 terealisasi sebesar Rp. Rp. 1.184.303.703,- (48,2%) "
            "2. Belanja Modal sebesar Rp. 176.919.600,- untuk gedung.")
    assert [(n, p, r, pct) for _, _, n, p, r, pct, _ in _lines(text)] == [
        ("Belanja Operasional", D("2459580400"), D("1184303703"), D("48.2"))]
