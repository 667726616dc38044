"""Known real inconsistencies of the development corpus, found end to end (extraction + checks).
Skipped when ../shared is absent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from pipeline.extract import extract_document
from tests.conftest import corpus_file


def _flags(doc, rule: str, name_start: str = "") -> list:
    lines = {b.key: b for b in doc.budget_lines}
    return [f for f in doc.flags if f.rule == rule and lines[f.line].name.startswith(name_start)]


def test_jember_jumlah_realisasi_differs_from_its_program(jember) -> None:
    (flag,) = _flags(jember, "total_mismatch", "JUMLAH")
    assert (flag.actual, flag.expected) == (D("1184303783"), D("1184303703"))
    assert flag.severity == "error" and "1.184.303.783" in flag.message


def test_jember_penataan_organisasi_subs_do_not_add_up(jember) -> None:
    flags = _flags(jember, "total_mismatch", "Kegiatan Penataan Organisasi")
    assert flags and all((f.actual, f.expected) == (D("820648019"), D("399648019")) for f in flags)


def test_jember_fasilitasi_prints_49_percent_for_4_8(jember) -> None:
    flags = _flags(jember, "pct_mismatch", "Sub Kegiatan Fasilitasi Pelayanan Publik")
    assert flags and all(f.actual == D("49") and abs(f.expected - D("4.84")) < D("0.01") for f in flags)


def test_jambi_row_with_realisasi_above_pagu(jambi) -> None:
    rules = {f.rule for f in jambi.flags if f.actual == D("307004019") or f.expected == D("307004019")
             or "307.004.019" in f.message}
    assert {"realisasi_exceeds_pagu", "pct_mismatch", "tw4_ne_realisasi"} <= rules


def test_jambi_cumulative_quarter_that_drops(jambi) -> None:
    (flag,) = _flags(jambi, "tw_not_monotonic", "Pengadaan Kendaraan Dinas Operasional")
    assert flag.actual == 0 and flag.expected == D("2610000000")


@pytest.mark.parametrize("name", ["damkar.pdf", "BPBD.pdf", "bapenda.pdf"])
def test_tangerang_programs_against_their_kegiatan_each_triwulan(name: str) -> None:
    doc = extract_document(corpus_file(f"tangerang-2023/{name}"))
    programs = [b for b in doc.budget_lines if b.level == "program"]
    assert programs
    for program in programs:
        kegiatan = [b for b in doc.budget_lines if b.parent_row_no == program.row_no and b.level == "kegiatan"]
        assert kegiatan, program.name
        flagged = {(f.actual, f.expected) for f in doc.flags if f.rule == "total_mismatch" and f.line == program.key}
        for q in ("tw1_rp", "tw2_rp"):
            total = sum((getattr(k, q) or D(0) for k in kegiatan), D(0))
            printed = getattr(program, q)
            # a quarter that differs from the sum of the program's kegiatan is flagged, one that agrees is not
            assert (abs(total - printed) > 1) == ((printed, total) in flagged), (program.name, q, total, printed)


def test_jambi_section_c_murni_column_slid_by_a_row(jambi) -> None:
    slid = sorted(f.actual for f in jambi.flags if f.rule == "misaligned_amount")
    assert slid == [D("80986485"), D("334245582"), D("345372978"), D("375394955")]


# --- readings chosen by the documents' own arithmetic (#14): false flags gone, true ones kept
_DOCS: dict[str, object] = {}


def _doc(relative: str):
    if relative not in _DOCS:
        _DOCS[relative] = extract_document(corpus_file(relative))
    return _DOCS[relative]


def _rule(doc, rule: str) -> list:
    return [f for f in doc.flags if f.rule == rule]


@pytest.mark.parametrize("name", ["Lampiran  th 2016.pdf", "LAKIP BKPD 2016.pdf", "LKIP DISNAK 2016.pdf"])
def test_documents_whose_budget_tables_add_up_raise_no_total_mismatch(name: str) -> None:
    """Lampiran: kegiatan printed without the word under a `Kegiatan` column, and a nameless
    grand total; BKPD: `Jumlah Belanja Tdk Langsung 0` between its section and grand totals;
    DISNAK: the column numbers merged into the first row of a continuation page."""
    assert _rule(_doc(f"jabar-2016/{name}"), "total_mismatch") == []


def test_disnak_program_on_the_continuation_page_keeps_its_figures() -> None:
    doc = _doc("jabar-2016/LKIP DISNAK 2016.pdf")
    (line,) = [b for b in doc.budget_lines if b.name.startswith("Program Pengembangan Data") and b.page == 45]
    assert (line.pagu, line.realisasi) == (D("450000000"), D("435869020"))


def test_draft_jumlah_closes_the_rows_above_it_and_its_realisasi_really_differs() -> None:
    (flag,) = _rule(_doc("jabar-2016/3. LKIP 2016 (Draft).pdf"), "total_mismatch")
    assert (flag.actual, flag.expected) == (D("13167445057"), D("13185445057"))
    assert "Reading used: the rows above the total" in flag.message


def test_disperindag_capaian_cut_not_rounded_is_consistent_and_the_real_one_stays() -> None:
    doc = _doc("jabar-2016/3. LKIP TAHUN 2016 - DISPERINDAG JABAR.pdf")
    (flag,) = _rule(doc, "capaian_mismatch")
    assert flag.actual == D("63.46")
    (total,) = _rule(doc, "total_mismatch")  # Tabel 3.8: the UPTD realisasi sum 87.150 short
    assert (total.actual, total.expected) == (D("10028757854"), D("10028670704"))


def test_disbun_apbn_total_over_its_funding_sections_and_the_real_errors_kept() -> None:
    doc = _doc("jabar-2016/LKIP Disbun 2016.pdf")
    flagged = {(f.page, f.actual) for f in _rule(doc, "total_mismatch")}
    assert (38, D("26602184000")) not in flagged  # TOTAL = TUGAS PEMBANTUAN + DANA DEKONSENTRASI
    assert (38, D("109571450000")) in flagged  # a program printed 88 billion above its kegiatan
    assert {(71, D("3846500000")), (71, D("3800240325"))} <= flagged
    # p74: `Satker … (08) Ditjen PSP` repeats the program it heads, no sub kegiatan of the row
    # above; the program's realisasi really is 188.214.000 above its kegiatan
    assert {(p, a) for p, a in flagged if p == 74} == {(74, D("14526566000"))}


def test_jambi_jumlah_names_the_row_printing_pagu_and_realisasi_swapped(jambi) -> None:
    flags = [f for f in _flags(jambi, "total_mismatch", "Jumlah") if f.expected - f.actual in
             (D("27911597"), D("-27911597"))]
    assert len(flags) == 2 and all("line 80, table 1 row 60" in f.message and "swapped" in f.message for f in flags)


def test_disperindag_program_capaian_stays_in_its_column(monkeypatch) -> None:
    # DISPERINDAG's IKU table (pp 46, 48): a program row whose columns after `Capaian` no other
    # row fills was once slid one column right, its capaian into the empty column after it; the
    # printed % is realisasi/pagu, so it belongs in realisasi_pct
    monkeypatch.setenv("LKJIP_OCR", "off")
    doc = extract_document(corpus_file("jabar-2016/3. LKIP TAHUN 2016 - DISPERINDAG JABAR.pdf"))
    rows = [b for b in doc.budget_lines if b.name.startswith("Program Pengembangan Kewirausahaan dan Keunggulan")]
    assert rows and all(b.realisasi_pct == D("86.28") for b in rows)
    checked = [b for b in doc.budget_lines if b.page in (46, 48) and b.level == "program" and b.pagu]
    assert len(checked) >= 6
    assert all(b.realisasi_pct is not None and abs(b.realisasi / b.pagu * 100 - b.realisasi_pct) < D("0.01")
               for b in checked)
