"""Known real cases (Jember 2024 LKjIP Tabel 3.8, Jambi 2023 pengukuran) and a clean document
that must give no flag at all, run through the public entry points."""

from decimal import Decimal

import pytest

from pipeline.checks import DocLines, check_across_documents, check_document, detect_tw_cumulative
from schemas.model import BudgetLine, IndicatorRow


def rp(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(".", ""))


def pct(text: str) -> tuple[Decimal, int]:
    _, _, frac = text.partition(",")
    return Decimal(text.replace(",", ".")), len(frac)


# --------------------------------------------------------------------------- Jember 2024
# (level, name, code, parent row, Anggaran, Realisasi, % realisasi) as printed in Tabel 3.8
JEMBER = [
    ("program", "Program penunjang urusan pemerintahan Daerah Kabupaten / Kota", "1", None,
     "2.636.500.000", "1.184.303.703", "45"),
    ("kegiatan", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "1.1", 1,
     "15.548.300", "5.068.000", "33"),
    ("sub_kegiatan", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "1.1.1", 2,
     "8.384.700", "2.540.000", "30"),
    ("sub_kegiatan", "Evaluasi Kinerja Perangkat Daerah", "1.1.2", 2,
     "7.163.600", "2.528.000", "35"),
    ("kegiatan", "Administrasi Keuangan Perangkat Daerah", "1.2", 1,
     "356.391.000", "297.151.800", "35"),
    ("sub_kegiatan", "Penyediaan Gaji dan Tunjangan ASN", "1.2.1", 5,
     "356.391.000", "297.151.800", "35"),
    ("kegiatan", "Administrasi Umum Perangkat Daerah", "1.3", 1,
     "285.051.600", "32.030.500", "11"),
    ("sub_kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "1.3.1", 7,
     "106.132.000", "32.030.500", "30"),
    ("sub_kegiatan", "Penyediaan Bahan Logistik Kantor", "1.3.2", 7,
     "178.919.600", "0", "0"),
    ("kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "1.4", 1,
     "30.632.900", "29.405.384", "96"),
    ("sub_kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "1.4.1", 10,
     "30.632.900", "29.405.384", "96"),
    ("kegiatan", "Kegiatan Penataan Organisasi", "1.5", 1,
     "1.948.876.200", "820.648.019", "42"),
    ("sub_kegiatan", "Pengelolaan Kelembagaan dan Analisis Jabatan", "1.5.1", 12,
     "487.277.800", "232.522.416", "48"),
    ("sub_kegiatan", "Fasilitasi Pelayanan Publik dan Tata Laksana", "1.5.2", 12,
     "953.594.400", "46.192.970", "49"),
    ("sub_kegiatan", "Pelaksanaan Reformasi Birokrasi", "1.5.3", 12,
     "508.004.000", "120.932.633", "24"),
    ("total", "JUMLAH", None, None, "2.636.500.000", "1.184.303.783", "45"),
]


def jember_lines() -> list[BudgetLine]:
    lines = []
    for row_no, (level, name, code, parent, anggaran, realisasi, p) in enumerate(JEMBER, 1):
        value, decimals = pct(p)
        lines.append(BudgetLine(
            table_no=8, row_no=row_no, level=level, name=name, code=code, parent_row_no=parent,
            page=58, pagu=rp(anggaran), realisasi=rp(realisasi), realisasi_pct=value,
            realisasi_pct_decimals=decimals,
        ))
    return lines


def test_jember_table_3_8():
    lines = jember_lines()
    detect_tw_cumulative(lines)
    flags = check_document(lines, [], [])
    by = {(f.rule, lines[f.line[1] - 1].name): f for f in flags}
    assert len(by) == len(flags) == 5
    assert set(by) == {
        ("total_mismatch", "JUMLAH"),
        ("total_mismatch", "Kegiatan Penataan Organisasi"),
        ("pct_mismatch", "Fasilitasi Pelayanan Publik dan Tata Laksana"),
        ("pct_mismatch", "Administrasi Keuangan Perangkat Daerah"),  # 35% printed for 83,4%
        ("pct_mismatch", "Penyediaan Gaji dan Tunjangan ASN"),  # same figures, same wrong %
    }
    assert all(f.severity == "error" for f in flags)

    jumlah = by[("total_mismatch", "JUMLAH")]
    assert (jumlah.expected, jumlah.actual) == (rp("1.184.303.703"), rp("1.184.303.783"))
    assert "realisasi" in jumlah.message and "difference 80" in jumlah.message

    penataan = by[("total_mismatch", "Kegiatan Penataan Organisasi")]
    assert (penataan.expected, penataan.actual) == (rp("399.648.019"), rp("820.648.019"))
    assert "hal. 58" in penataan.message and "kode 1.5" in penataan.message

    fasilitasi = by[("pct_mismatch", "Fasilitasi Pelayanan Publik dan Tata Laksana")]
    assert fasilitasi.actual == Decimal(49)
    assert "49%" in fasilitasi.message and "4,8%" in fasilitasi.message


def test_jember_without_the_errors_is_clean():
    """The same table with the three misprints corrected: every other figure is consistent."""
    lines = jember_lines()
    lines[15].realisasi = rp("1.184.303.703")  # JUMLAH
    lines[13].realisasi = rp("467.192.970")  # Fasilitasi: 49% and the kegiatan sum agree
    for i in (4, 5):
        lines[i].realisasi_pct = Decimal(83)
    assert check_document(lines, [], []) == []


# --------------------------------------------------------------------------- Jambi 2023
def jambi_line(row, name, murni, perubahan, realisasi, p, tws) -> BudgetLine:
    value, decimals = pct(p)
    tw = [rp(t) for t in tws]
    return BudgetLine(
        table_no=2, row_no=row, level="sub_kegiatan", name=name, page=14,
        pagu_murni=rp(murni), pagu_perubahan=rp(perubahan), pagu=rp(perubahan),
        realisasi=rp(realisasi), realisasi_pct=value, realisasi_pct_decimals=decimals,
        tw1_rp=tw[0], tw2_rp=tw[1], tw3_rp=tw[2], tw4_rp=tw[3],
    )


def jambi_lines() -> list[BudgetLine]:
    return [
        jambi_line(1, "Penyediaan Jasa Surat Menyurat", "100.000.000", "120.000.000",
                   "96.000.000", "80,00",
                   ["10.000.000", "40.000.000", "70.000.000", "96.000.000"]),
        jambi_line(2, "Penyediaan Jasa Pelayanan Umum Kantor", "307.004.019", "279.092.422",
                   "307.004.019", "90,91",
                   ["50.000.000", "120.000.000", "200.000.000", "279.092.422"]),
        jambi_line(3, "Penyediaan Bahan Bacaan", "60.000.000", "55.000.000",
                   "54.999.000", "99,998",
                   ["0", "20.000.000", "40.000.000", "54.999.000"]),
    ]


def test_jambi_cumulative_quarters():
    lines = jambi_lines()
    detect_tw_cumulative(lines)
    assert {l.tw_cumulative for l in lines} == {True}
    flags = check_document(lines, [], [])
    assert sorted((f.rule, f.line) for f in flags) == [
        ("pct_mismatch", (2, 2)), ("realisasi_exceeds_pagu", (2, 2)),
        ("tw4_ne_realisasi", (2, 2))]
    by = {f.rule: f for f in flags}
    assert by["realisasi_exceeds_pagu"].actual == rp("307.004.019")
    assert "equals pagu murni" in by["realisasi_exceeds_pagu"].message
    assert (by["tw4_ne_realisasi"].expected, by["tw4_ne_realisasi"].actual) == (
        rp("307.004.019"), rp("279.092.422"))
    assert "90,91%" in by["pct_mismatch"].message and by["pct_mismatch"].severity == "error"


# --------------------------------------------------------------------------- clean document
def clean_lines() -> list[BudgetLine]:
    def line(row, level, name, code, parent, murni, perubahan, realisasi, p, tws, table=1):
        value, decimals = pct(p) if p else (None, None)
        tw = [rp(t) for t in tws] if tws else [None] * 4
        return BudgetLine(
            table_no=table, row_no=row, level=level, name=name, code=code, parent_row_no=parent,
            page=30 + table, pagu_murni=rp(murni), pagu_perubahan=rp(perubahan),
            pagu=rp(perubahan or murni), realisasi=rp(realisasi), realisasi_pct=value,
            realisasi_pct_decimals=decimals, tw1_rp=tw[0], tw2_rp=tw[1], tw3_rp=tw[2],
            tw4_rp=tw[3],
        )

    return [
        line(1, "program", "Program Penunjang Urusan Pemerintahan Daerah", "4.01.01", None,
             "350.000.000", "360.000.000", "283.330.933", "78,70",
             ["25.000.000", "93.333.333", "210.000.000", "283.330.933"]),
        line(2, "kegiatan", "Perencanaan dan Evaluasi Kinerja", "4.01.01.2.01", 1,
             "150.000.000", "160.000.000", "149.997.600", "93,75",
             ["25.000.000", "60.000.000", "110.000.000", "149.997.600"]),
        line(3, "sub_kegiatan", "Penyusunan Dokumen Perencanaan", "4.01.01.2.01.0001", 2,
             "100.000.000", "120.000.000", "119.997.600", "99,998",
             ["20.000.000", "50.000.000", "90.000.000", "119.997.600"]),
        line(4, "sub_kegiatan", "Evaluasi Kinerja Perangkat Daerah", "4.01.01.2.01.0002", 2,
             "50.000.000", "40.000.000", "30.000.000", "75,00",
             ["5.000.000", "10.000.000", "20.000.000", "30.000.000"]),
        line(5, "kegiatan", "Administrasi Keuangan", "4.01.01.2.02", 1,
             "200.000.000", "200.000.000", "133.333.333", "66,67",
             ["0", "33.333.333", "100.000.000", "133.333.333"]),
        line(6, "sub_kegiatan", "Penyediaan Gaji dan Tunjangan ASN", "4.01.01.2.02.0001", 5,
             "200.000.000", "200.000.000", "133.333.333", "66,67",
             ["0", "33.333.333", "100.000.000", "133.333.333"]),
        line(7, "total", "JUMLAH", None, None,
             "350.000.000", "360.000.000", "283.330.933", "78,70",
             ["25.000.000", "93.333.333", "210.000.000", "283.330.933"]),
        # a summary table: revised budget for the program, original budget for a kegiatan
        line(1, "program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", None, None,
             None, "360.000.000", "283.330.933", "78,7", None, table=2),
        line(2, "kegiatan", "Kegiatan Perencanaan dan Evaluasi Kinerja", None, None,
             "150.000.000", None, None, None, None, table=2),
    ]


CLEAN_INDICATORS = [
    IndicatorRow(table_no=3, row_no=1, indikator="Persentase dokumen perencanaan tepat waktu",
                 page=33, target_value=100.0, realisasi_value=100.0, capaian_pct=100.0,
                 capaian_decimals=2),
    IndicatorRow(table_no=3, row_no=2, indikator="Angka Kematian Ibu", page=33,
                 target_value=80.0, realisasi_value=70.0, capaian_pct=112.5, capaian_decimals=2),
    IndicatorRow(table_no=3, row_no=3, indikator="Indeks Kepuasan Masyarakat", page=33,
                 target_value=82.5, realisasi_value=83.1, capaian_pct=100.73, capaian_decimals=2),
]

CLEAN_PAGES = [
    "LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024",
    "Pagu program sebesar Rp. 360.000.000,- (tiga ratus enam puluh juta rupiah) dengan realisasi "
    "Rp 283.330.933 (dua ratus delapan puluh tiga juta tiga ratus tiga puluh ribu sembilan ratus\n"
    "tiga puluh tiga rupiah) atau 78,70%. Terdapat 3 (tiga) indikator kinerja utama.",
]


def test_clean_document_gives_no_flag():
    lines = clean_lines()
    detect_tw_cumulative(lines)
    assert {l.tw_cumulative for l in lines if l.table_no == 1} == {True}
    assert {l.tw_cumulative for l in lines if l.table_no == 2} == {None}
    assert check_document(lines, CLEAN_INDICATORS, CLEAN_PAGES) == []


def test_clean_document_agrees_with_its_pk():
    lines = clean_lines()
    lkjip = DocLines("a" * 64, "KABUPATEN JEMBER", "Bagian Organisasi", 2024, "lkjip", lines,
                     {l.key: f"L{l.table_no}.{l.row_no}" for l in lines})
    pk_lines = [
        BudgetLine(table_no=1, row_no=1, level="program", code="4.01.01",
                   name="Program Penunjang Urusan Pemerintahan Daerah", pagu=rp("350.000.000")),
        BudgetLine(table_no=1, row_no=2, level="kegiatan",
                   name="Perencanaan dan Evaluasi Kinerja", pagu=rp("150.000.000")),
    ]
    pk = DocLines("b" * 64, "KABUPATEN JEMBER", "Bagian Organisasi", 2024, "pk", pk_lines)
    assert check_across_documents(lkjip, [pk]) == []
    assert check_across_documents(pk, [lkjip]) == []
    pk_lines[1].pagu = rp("175.000.000")
    [flag] = check_across_documents(pk, [lkjip])
    assert flag.other_doc_id == "a" * 64 and flag.other_line_id in {"L1.2", "L2.2"}


@pytest.mark.parametrize("break_it, rule", [
    (lambda ls: setattr(ls[2], "realisasi_pct", Decimal("99.99")), "pct_mismatch"),
    (lambda ls: setattr(ls[3], "tw3_rp", Decimal(1)), "tw_not_monotonic"),
    (lambda ls: setattr(ls[5], "pagu_murni", Decimal(1)), "total_mismatch"),
    (lambda ls: [setattr(ls[7], r, Decimal(340_000_000)) for r in ("pagu", "pagu_perubahan")],
     "cross_table_mismatch"),
    (lambda ls: ls[0].unparsed.append("tw1_rp"), "unparsed_amount"),
])
def test_clean_document_each_break_is_found(break_it, rule):
    """The clean test is not clean by accident: one broken figure, one rule fires."""
    lines = clean_lines()
    break_it(lines)
    assert rule in {f.rule for f in check_document(lines, CLEAN_INDICATORS, CLEAN_PAGES)}


def test_check_document_does_not_modify_lines():
    lines = clean_lines()
    check_document(lines, [], [])
    assert {l.tw_cumulative for l in lines} == {None}
