"""The real text reports of ../shared/corpus/text (skipped when the corpus is absent)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from pipeline.extract import extract_document
from tests.conftest import corpus_file


@pytest.fixture(scope="module")
def jakbar():
    return extract_document(corpus_file("text/jakbar-2023-instruksi-pk.txt"))


def test_jambi_metadata(jambi) -> None:
    m = jambi.meta
    assert (jambi.status, m.doc_type, m.region_name, m.unit_name, m.year) == (
        "ok", "pengukuran", "KOTA JAMBI", "Sekretariat Daerah", 2023)


def test_jambi_total_row(jambi) -> None:
    (total,) = [b for b in jambi.budget_lines if b.level == "total"]
    assert (total.pagu_murni, total.pagu_perubahan, total.realisasi) == (
        D("69175000000"), D("72447579071"), D("70695193172"))
    assert total.tw1_rp == D("7206270622") and total.tw4_rp == D("70695193172")


def test_jambi_every_sub_kegiatan_is_a_full_budget_line(jambi) -> None:
    subs = [b for b in jambi.budget_lines if b.level == "sub_kegiatan"]
    # the form lists 52 sub kegiatan (one per indicator row numbered 1, 2, 3 …)
    assert len(subs) == 52
    for b in subs:
        assert b.pagu_murni is not None and b.realisasi is not None and b.realisasi_pct is not None, b
        assert None not in (b.tw1_rp, b.tw2_rp, b.tw3_rp, b.tw4_rp), b
        assert b.tw_cumulative is True
    gaji = next(b for b in subs if b.name == "Penyediaan Gaji dan Tunjangan ASN")
    assert (gaji.pagu_murni, gaji.pagu_perubahan, gaji.realisasi, gaji.realisasi_pct) == (
        D("14376026615"), D("15814698646"), D("15695205510"), D("99.24"))
    # a row whose cells slid left on a continuation page is re-aligned, not invented
    shifted = next(b for b in subs if b.indicator and b.indicator.startswith("Jumlah Dokumen Hasil Kebijakan, Evaluasi"
                                                                             ", dan Capaian Kinerja Terkait Kesejahteraan Masyarakat"))
    assert (shifted.pagu_murni, shifted.pagu_perubahan, shifted.realisasi, shifted.realisasi_pct) == (
        D("237500000"), None, D("230210007"), D("96.93"))


def test_jambi_indicators(jambi) -> None:
    by_target = {i.target_text: i for i in jambi.indicators}
    assert by_target["3 Dokumen"].target_value == 3 and by_target["3 Dokumen"].satuan == "Dokumen"
    assert by_target["138 Orang/Bulan"].target_value == 138 and by_target["138 Orang/Bulan"].satuan == "Orang/Bulan"
    assert by_target["138 Orang/Bulan"].context == "Penyediaan Gaji dan Tunjangan ASN"


def _table_with(doc, name_start: str) -> list:
    tables = {b.table_no for b in doc.budget_lines if b.name.startswith(name_start)}
    return [[b for b in doc.budget_lines if b.table_no == t] for t in sorted(tables)]


def test_jember_budget_tables(jember) -> None:
    assert (jember.meta.doc_type, jember.meta.region_name, jember.meta.year) == ("lkjip", "KABUPATEN JEMBER", 2024)
    tables = [t for t in _table_with(jember, "Program penunjang") if any(b.level == "total" for b in t)]
    anggaran = next(t for t in tables if all(b.realisasi is None for b in t))  # Tabel 1.4
    realisasi = next(t for t in tables if any(b.realisasi for b in t) and t[-1].realisasi == D("1184303783"))  # 3.8
    assert anggaran[0].pagu == D("2636500000") and anggaran[-1].pagu == D("2636500000")
    assert [b.level for b in anggaran].count("sub_kegiatan") == 9
    program = realisasi[0]
    assert (program.level, program.pagu, program.realisasi, program.realisasi_pct) == (
        "program", D("2636500000"), D("1184303703"), D("45"))
    sub = next(b for b in realisasi if b.name == "Sub Kegiatan Penyediaan Administrasi Pelaksanaan Tugas ASN")
    assert sub.realisasi == D("297151800") and sub.level == "sub_kegiatan"


def test_jember_pk_budget_table(jember) -> None:
    pk = [t for t in _table_with(jember, "Penataan Organisasi") if len(t) == 6]
    assert pk, "the PK's kegiatan/anggaran table"
    assert [b.level for b in pk[0]] == ["kegiatan"] * 5 + ["total"]
    assert pk[0][-1].pagu == D("2636500000")


def test_jember_tabel_3_2_indicators(jember) -> None:
    sakip = next(i for i in jember.indicators if i.indikator == "Nilai Evaluasi SAKIP Aspek Pelaporan")
    assert (sakip.target_value, sakip.realisasi_value, sakip.capaian_pct) == (12, 10.54, 87.8)
    kelembagaan = next(i for i in jember.indicators if i.indikator.startswith("% capaian penataan Kelembagaan"))
    assert (kelembagaan.target_value, kelembagaan.realisasi_value, kelembagaan.capaian_pct) == (100, 99.5, 99.5)


def test_jakbar_cascading_indicators_with_quarter_targets(jakbar) -> None:
    assert jakbar.meta.region_name == "KOTA ADMINISTRASI JAKARTA BARAT" and jakbar.meta.year == 2023
    sakip = [i for i in jakbar.indicators if i.indikator.startswith("Predikat SAKIP Perangkat Daerah")]
    assert sakip and all((i.tw1_text, i.tw4_text, i.target_text) == ("N/A", "A (82)", "A (82)") for i in sakip)
    assert sakip[0].tw4_value == 82
    bmd = next(i for i in jakbar.indicators if i.indikator.startswith("Persentase Inventarisasi BMD"))
    assert (bmd.tw1_text, bmd.tw2_text, bmd.tw3_text, bmd.tw4_text) == ("5%", "40%", "45%", "10%")
    assert bmd.tw2_value == 40
