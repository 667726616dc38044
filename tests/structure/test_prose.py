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
    assert _lines("Pada tahun ini sebesar Rp. 1.500.000.000 dan realisasi Rp. 1.200.000.000 atau 80%.") == []


def test_a_budget_introducing_a_list_is_its_total_and_the_items_are_budgets() -> None:
    page = ("Kegiatan yang mendukung produksi daging sebanyak 3 kegiatan dengan total anggaran Rp. 1.342.920.000,- "
            "yaitu 1) Pembibitan Domba di Jawa Barat Rp. 415.000.000, 2) Pengujian di BPPT Sapi Potong\nCiamis "
            "Rp. 512.920.000, 3) Konservasi Sapi Pasundan Rp. 415.000.000,-. Capaian produksi 992.770 ton.")
    assert [(lvl, n, p) for _, lvl, n, p, _, _, _ in _lines(page)] == [
        ("other", "Kegiatan yang mendukung produksi daging sebanyak 3 kegiatan", D("1342920000")),
        ("other", "Pembibitan Domba di Jawa Barat", D("415000000")),
        ("other", "Pengujian di BPPT Sapi Potong Ciamis", D("512920000")),
        ("other", "Konservasi Sapi Pasundan", D("415000000"))]


def test_items_of_a_list_that_is_not_a_budget_are_not_loaded() -> None:
    page = ("Pendapatan daerah meliputi 1) Pajak Kendaraan Rp. 415.000.000, 2) Retribusi Pasar Rp. 512.920.000.")
    assert _lines(page) == []


def test_a_share_spent_after_each_item_is_its_percent_and_never_the_next_items_realisasi() -> None:
    page = ("dengan total anggaran Rp. 1.547.890.500,- dari 2 kegiatan yaitu 1) Pembibitan Sapi Perah sebesar "
            "Rp. 887.715.500,- penyerapan 92,90 % 2) GCB-Penataan Kawasan Peternakan sebesar Rp. 660.175.000,-\n"
            "penyerapan 60,65 %.")
    assert [(n, p, r, pct) for _, _, n, p, r, pct, _ in _lines(page)][1:] == [
        ("Pembibitan Sapi Perah", D("887715500"), None, D("92.90")),
        ("GCB-Penataan Kawasan Peternakan", D("660175000"), None, D("60.65"))]


def test_kegiatan_joined_by_dan_and_a_name_inside_a_name() -> None:
    page = ("indikator di dukung oleh Kegiatan Penguatan Kelembagaan Peternakan sebesar Rp. 834.000.000,- dan "
            "Bimbingan Teknologi Demonstrasi Farm sebesar Rp. 575.050.000,- dengan masing-masing penyerapan 91 % "
            "dan 90 %. Lalu 2) Kegiatan Perencanaan Program Pelatihan di Balai Cikole Rp. 236.100.000,- "
            "penyerapan 99,40 %.")
    assert [(lvl, n, p, pct) for _, lvl, n, p, _, pct, _ in _lines(page)] == [
        ("kegiatan", "Kegiatan Penguatan Kelembagaan Peternakan", D("834000000"), None),
        ("other", "Bimbingan Teknologi Demonstrasi Farm", D("575050000"), None),
        ("kegiatan", "Kegiatan Perencanaan Program Pelatihan di Balai Cikole", D("236100000"), D("99.40"))]


def test_a_documents_total_and_its_spending_parts_are_lines_that_never_add_up_twice() -> None:
    page = ("Pada Tahun Anggaran 2016, Badan X memperoleh alokasi anggaran dari APBD sebesar Rp. 24.275.063.039,00 "
            "yang terdiri dari Belanja Langsung sebesar Rp. 14.513.515.000,00 dan Belanja Tidak Langsung sebesar "
            "Rp. 9.761.548.039,00. Belanja Tidak Langsung (gaji) Rp. 9.761.548.039,00 sehingga total anggaran "
            "sebesar Rp. 24.275.063.039,00.")
    got = [(lvl, n, p) for _, lvl, n, p, _, _, _ in _lines(page)]
    assert got == [
        ("other", "Pada Tahun Anggaran 2016, Badan X memperoleh alokasi anggaran dari APBD", D("24275063039.00")),
        ("other", "Belanja Langsung", D("14513515000.00")),
        ("other", "Belanja Tidak Langsung", D("9761548039.00")),
        ("other", "Belanja Tidak Langsung (gaji)", D("9761548039.00")),
        ("other", "total anggaran", D("24275063039.00"))]


def test_a_realisasi_above_the_budget_whose_share_is_partial_belongs_to_another_budget() -> None:
    page = ("dana dalam APBD sebesar Rp. 2.636.500.000. Belanja Modal sebesar 6,7% atau sebesar Rp. 176.919.600 "
            "Sedangkan realisasi belanja sampai dengan 31 Desember sebesar Rp. 2.636.500.000 atau 45% dari pagu.")
    assert [(n, p, r) for _, _, n, p, r, _, _ in _lines(page)] == [("Belanja Modal", D("176919600"), None)]


def test_an_aside_in_brackets_is_no_statement() -> None:
    page = ("Program Kesetaraan Gender sebesar Rp.3,571,250,000.00 (awal alokasi dalam Perjanjian Kinerja "
            "Rp.2,995,000,000.00) terdiri dari 4 kegiatan.")
    assert [(n, p) for _, _, n, p, _, _, _ in _lines(page)] == [("Program Kesetaraan Gender", D("3571250000.00"))]


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


def test_a_bare_amount_is_a_budget_only_when_the_statement_says_so() -> None:
    text = ("1. Belanja Operasional sebesar Rp. 2.459.580.400 terealisasi sebesar Rp. Rp. 1.184.303.703,- (48,2%) "
            "2. Kenaikan Pendapatan Asli Daerah sebesar Rp. 176.919.600,- dari tahun lalu. "
            "3. Belanja Modal sebesar Rp. 176.919.600,- terealisasi sebesar Rp. 0,- (...%)")
    assert [(n, p, r, pct) for _, _, n, p, r, pct, _ in _lines(text)] == [
        ("Belanja Operasional", D("2459580400"), D("1184303703"), D("48.2")),
        ("Belanja Modal", D("176919600"), D("0"), None)]


def test_a_kegiatans_total_anggaran_is_the_kegiatans_budget_and_a_page_number_does_not_break_its_share() -> None:
    first = "didukung oleh kegiatan Peningkatan Daya Saing Produk dengan total anggaran Rp. 900.000.000,- dengan\n"
    second = "39\n\n penyerapan 95,73 %. Lalu."
    assert [(lvl, n, p, pct) for _, lvl, n, p, _, pct, _ in _lines(first, second)] == [
        ("kegiatan", "kegiatan Peningkatan Daya Saing Produk", D("900000000"), D("95.73"))]


def test_apbn_funds_are_named_budgets() -> None:
    page = ("Sementara anggaran APBN sebesar Rp. 18.918.505.000 terdiri dari dekonsentrasi Rp. 10.999.786.000,- dan "
            "tugas pembantuan Rp. 7.918.719.000,-. Lain.")
    assert [(n, p) for _, _, n, p, _, _, _ in _lines(page)] == [
        ("anggaran APBN", D("18918505000")), ("dekonsentrasi", D("10999786000")),
        ("tugas pembantuan", D("7918719000"))]


def test_a_realisasi_in_a_later_sentence_is_the_budgets_only_when_its_share_says_so() -> None:
    page = ("dana Tugas Pembantuan sebesar Rp. 7.918.719.000,-. Sampai dengan 31 Desember, realisasi Dekonsentrasi "
            "sebesar Rp. 8.953.764.828,- atau 81,40 %. Lalu Kegiatan A dengan alokasi anggaran Rp. 1.000.000.000,-. "
            "Realisasinya sebesar Rp. 968.515.082 atau 96,85%.")
    assert [(n, p, r) for _, _, n, p, r, _, _ in _lines(page)] == [
        ("dana Tugas Pembantuan", D("7918719000"), None), ("Kegiatan A", D("1000000000"), D("968515082"))]
