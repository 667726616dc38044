"""pipeline.structure.roles: header stacks → column roles, through one table of patterns."""

from __future__ import annotations

import pytest

from pipeline.structure.roles import assign_roles, is_column_number_row, is_header_like, role_for_header, stack_headers
from schemas.model import GridRow


@pytest.mark.parametrize("header, role", [
    ("Pagu / Murni", "pagu_murni"),
    ("Pagu / Perubahan", "pagu_perubahan"),
    ("Anggaran (Rp,-)", "pagu"),
    ("SPJ / (Rp.)", "realisasi"),  # money accounted for as spent
    ("SPJ / (%)", "realisasi_pct"),
    ("Data Capaian Pada Tahun Awal Perencanaan", "other"),  # a plan's baseline
    ("Target Kinerja Program Dari Kerangka Pendanaan / Tahun 1 / Rp", "other"),  # a plan year's funding
    ("Target Kinerja Program Dari Kerangka Pendanaan / Tahun 3 / Target", "other"),
    ("Kondisi Kinerja pada Akhir Periode Renstra-PD / Rp", "other"),
    ("Anggaran Tahun 2024", "pagu"),
    ("Realisasi (Rp,-)", "realisasi"),
    ("% realisasi", "realisasi_pct"),
    ("Triwulan I s/d IV / Realisasi", "realisasi"),
    ("Triwulan I s/d IV / %", "realisasi_pct"),
    ("Triwulan / II / %", "tw2_pct"),
    ("Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 / III / Rp", "tw3_rp"),
    ("Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 / IV / K", "tw4_k"),
    ("Triwulan / I / Realisasi", "tw1"),
    ("Realisasi s/d Triwulan IV / Rp", "realisasi"),
    ("Realisasi s/d Triwulan IV / %", "realisasi_pct"),  # money or kinerja: decided by the values
    ("Indikator Sasaran", "indikator"),
    ("Program/Kegiatan/Sub Kegiatan", "name"),
    ("Sasaran Strategis", "sasaran"),
    ("Target 2024", "target"),
    ("Tingkat Capaian Kinerja (% realisasi)", "capaian"),
    ("Satuan", "satuan"),
    ("No.", "no"),
    ("Kode", "code"),
    ("SUB KEGIATAN BAGIAN ORGANISASI / Target", "target"),
    ("SUB KEGIATAN BAGIAN ORGANISASI / Anggaran", "pagu"),
    ("SUB KEGIATAN BAGIAN ORGANISASI / Nama Sub Kegiatan", "name"),
    ("TUJUAN PD / Uraian", "sasaran"),
    ("Cara Pengukuran Indikator Sasaran", "formulasi"),
    ("KINERJA / TARGET (%)", "target"),
    ("KINERJA / REALISASI (%)", "realisasi_kinerja"),
    ("KINERJA / CAPAIAN (%)", "capaian"),
    ("KEUANGAN / ALOKASI (Rp)", "pagu"),
    ("KEUANGAN / REALISASI (Rp)", "realisasi"),
    ("KEUANGAN / CAPAIA N (%)", "realisasi_pct"),
    ("% Serapan Anggaran", "realisasi_pct"),
    ("Anggaran / Rp", "pagu"),
    ("Sisa Anggaran (Rp)", "other"),
    ("APBD Murni", "pagu_murni"),
    ("Anggaran Sebelum Perubahan", "pagu_murni"),
    ("Anggaran Setelah Perubahan", "pagu_perubahan"),
    ("Realisasi s.d. Triwulan II / Rp", "realisasi"),
    ("Realisasi Fisik (%)", "realisasi_kinerja"),
    ("Target Keuangan (Rp)", "pagu"),
    ("Rencana Tingkat Capaian (Target)", "target"),  # the RKT / PK forms' planned level
    ("Rencana Capaian", "target"),
    ("Tingkat Capaian (target)", "target"),
])
def test_role_for_header(header: str, role: str) -> None:
    assert role_for_header(header) == role


def test_merged_group_headers_spread_over_their_sub_columns() -> None:
    rows = [["No", "Pagu", "", "Triwulan", "", "Ket"],
            ["", "Murni", "Perubahan", "I", "II", ""]]
    assert stack_headers(rows, 6) == ["No", "Pagu / Murni", "Pagu / Perubahan", "Triwulan / I", "Triwulan / II", "Ket"]


def test_column_numbers_are_recognised() -> None:
    assert is_column_number_row(["1", "2", "3", "4", "5", "6 (= 5/4 *100)%", "7"])
    assert is_column_number_row(["(1)", "(2)", "(3)", "(4)"])
    assert is_column_number_row(["1", "2", "3", "6", "%", "7", "%"])
    assert not is_column_number_row(["1", "Program", "15.000"])
    assert not is_column_number_row(["3", "2", "1"])


def test_header_rows_versus_data_rows() -> None:
    assert is_header_like(["No", "Sasaran Strategis", "Indikator Sasaran", "Target 2024", "Realisasi 2024"])
    assert is_header_like(["", "1", "II", "111", "IV", "Tahunan"])  # OCR'd quarter row
    assert not is_header_like(["1", "Program Penunjang Urusan", "Rp. 2.636.500.000"])
    assert not is_header_like(["1.1", "Kegiatan Perencanaan Penganggaran dan Evaluasi Kinerja", "33%"])


def test_a_wide_header_of_long_cells_is_a_header_and_a_long_text_alone_is_data() -> None:
    # Permendagri 86's T-C.29 evaluation form: header cells over 90 characters, all header words
    t_c29 = ["No", "Program/Kegiatan", "Indikator Kinerja Program (outcome)/ Kegiatan (output)",
             "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2017)",
             "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang dievaluasi (%)"]
    assert is_header_like(t_c29)
    # an indicator as long, of header words nearly as much, alone on its row or beside a name
    indicator = "Persentase capaian kinerja dan realisasi anggaran program perangkat daerah yang dievaluasi tepat waktu"
    assert not is_header_like([indicator])
    assert not is_header_like(["2", "Program Pelayanan Administrasi Perkantoran", indicator + " dan lengkap"])


def test_quarter_columns_are_decided_by_their_values() -> None:
    header = [["Indikator", "Triwulan", "", "Triwulan", ""], ["", "I", "", "II", ""],
              ["", "Realisasi", "%", "Realisasi", "%"]]
    money = [GridRow(cells=["A", "17,620,100", "11.75%", "43,942,950", "29.30%"])]
    kinerja = [GridRow(cells=["A", "3", "25%", "6", "50%"])]
    assert [c.role for c in assign_roles(header, money, 5)][1:] == ["tw1_rp", "tw1_pct", "tw2_rp", "tw2_pct"]
    assert [c.role for c in assign_roles(header, kinerja, 5)][1:] == ["tw1_k", "tw1_pct", "tw2_k", "tw2_pct"]


def test_ocr_garbled_quarters_are_anchored_on_iv() -> None:
    header = [["NO", "Indikator Kinerja", "Triv", "vulan", "", "", "T"],
              ["", "", "1", "- 11", "111", "IV", "ranunan"]]
    roles = [c.role for c in assign_roles(header, [GridRow(cells=["1", "X", "N/A", "25%", "50%", "100%", "100%"])], 7)]
    assert roles == ["no", "indikator", "tw1_k", "tw2_k", "tw3_k", "tw4_k", "target"]


def test_two_runs_of_ocr_garbled_quarter_labels_are_anchored_on_their_iv() -> None:
    # a Rencana Aksi's `Target Kinerja | Target Keuangan`, each over `Triw I … Triw IV`, as OCR
    # reads a 100-dpi bold header (LKIP.pdf p93): the kinerja and the keuangan quarters
    header = [["No.", "Indikator Kinerja", "Target Kinarja", "", "", "", "Kegiatan", "Ta", "", "", ""],
              ["", "", "Tiwi", "Trtw N", "Trw", "Trw V", "", "Trhw I", "Trhw", "Trtw (M", "Triw Iv"]]
    row = GridRow(cells=["1", "Prosentase X", "42%", "54%", "75%", "100%", "Penerbitan Saran Teknis",
                         "72.855.150", "119.296.450", "216.445.050", "292.494.240"])
    roles = [c.role for c in assign_roles(header, [row], 11)]
    assert roles[2:6] == ["tw1_k", "tw2_k", "tw3_k", "tw4_k"]
    assert roles[7:] == ["tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp"]


def test_an_unread_header_beside_the_program_column_is_the_kegiatan_that_names_the_rows() -> None:
    # LKIP.pdf p98: OCR read the bold 100-dpi `Kegiatan` as `—`; `Aktivitas` was read
    header = [["No.", "Indikator Kinerja", "Program", "—", "Aktivitas", "Target Keuangan", "", "", ""],
              ["", "", "", "", "", "Triw I", "Triw II", "Triw III", "Triw IV"]]
    rows = [GridRow(cells=["1", "Prosentase X", "Program Pengembangan Jaringan Irigasi",
                           "Pengelolaan Situ-situ pada 6 Wilayah Sungai", "Operasi dan Pemeliharaan",
                           "5.588.985.000", "15.700.229.800", "26.310.086.500", "26.977.385.720"]),
            GridRow(cells=["2", "", "", "Dukungan Pembangunan Bendung Rengrang", "Sharing anggaran",
                           "45.000.000", "45.000.000", "45.000.000", "45.000.000"])]
    roles = [c.role for c in assign_roles(header, rows, 9)]
    assert roles[2:5] == ["other", "name", "other"]
    # a read header is left to its own role
    header[0][3] = "Keterangan"
    assert [c.role for c in assign_roles(header, rows, 9)][2:4] == ["name", "keterangan"]


def test_a_heading_like_the_one_over_a_quarter_run_heads_four_quarters_whose_labels_were_lost() -> None:
    # LKIP.pdf p98: the kinerja quarters' labels read `pel | Tamu | ‘Trhve ith | Tim`
    header = [["No.", "Indikator Kinerja", "Target Ckrerja", "", "", "", "Kegiatan", "Target K ruangan", "", "", ""],
              ["", "", "pel", "Tamu", "‘Trhve ith", "Tim", "", "Tewi", "Trew", "Triw H", "Tew Iv"]]
    row = GridRow(cells=["1", "Prosentase X", "40 Situ", "40 Situ", "40 Situ", "40 Situ", "Pengelolaan Situ",
                         "5.588.985.000", "15.700.229.800", "26.310.086.500", "26.977.385.720"])
    roles = [c.role for c in assign_roles(header, [row], 11)]
    assert roles[2:6] == ["tw1_k", "tw2_k", "tw3_k", "tw4_k"]
    assert roles[7:] == ["tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp"]
    # p94: the kinerja run ends in `IV`; the keuangan heading read `Ta`, over quarter-like T-words
    header94 = [header[0][:7] + ["Ta", "", "", ""],
                ["", "", "7", "Tre", "Triw NI", "Triw IV", "", "Triw1", "Trw I", "Trtw I", "Tee"]]
    roles = [c.role for c in assign_roles(header94, [row], 11)]
    assert roles[2:6] == ["tw1_k", "tw2_k", "tw3_k", "tw4_k"]
    assert roles[7:] == ["tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp"]
    # a heading over four columns that begins otherwise, over no quarter-like labels, is left alone
    header[0][2] = "Realisasi Kinerja"
    header[1][2:6] = ["K", "Satuan", "%", "Ket"]
    assert not any(r.startswith("tw") for r in [c.role for c in assign_roles(header, [row], 11)][2:6])


def test_short_t_words_that_are_no_quarters_make_no_run() -> None:
    header = [["No.", "Uraian", "Tahun I", "Tahun II", "Tahun III", "Tahun IV"],
              ["", "", "Target", "Total", "Tabel", "Tahun IV"]]
    roles = [c.role for c in assign_roles(header, [GridRow(cells=["1", "X", "5", "6", "7", "8"])], 6)]
    assert not any(r.startswith("tw") for r in roles)


def test_a_cascades_most_detailed_group_is_the_main_one_and_the_outer_levels_are_marked() -> None:
    header = [["SASARAN PD", "", "", "SUB KEGIATAN", "", "", ""],
              ["Uraian", "Indikator Sasaran", "Target", "Nama Sub Kegiatan", "Indikator Kegiatan", "Target", "Anggaran"]]
    roles = [c.role for c in assign_roles(header, [], 7)]
    assert roles == ["sasaran", "outer_indikator", "outer_target", "name", "indikator", "target", "pagu"]


def test_a_bare_figure_is_no_header_word() -> None:
    assert not is_header_like(["", "Daerah", "kerjasama yang ditindaklanjuti", "", "000"])
    assert is_header_like(["Sasaran", "Target", "2024"])


def test_realisasi_printed_for_two_years_is_the_latest_and_the_target_that_year_s() -> None:
    header = [["Indikator", "Realisasi Tahun", "", "Target", "Capaian", "Target"],
              ["", "2015", "2016", "2016", "", "2018"]]
    roles = [c.role for c in assign_roles(header, [], 6)]
    assert roles == ["indikator", "other", "realisasi_kinerja", "target", "capaian", "other"]


def test_repeated_figures_without_years_keep_their_first_column() -> None:
    header = [["Indikator", "Realisasi", "Realisasi", "Target"]]
    roles = [c.role for c in assign_roles(header, [], 4)]
    assert roles[1:3] == ["realisasi_kinerja", "other"]


def test_header_words_with_their_column_numbers_merged_in_are_a_header() -> None:
    """Jambi's repeated header at a page break: `I | II | III | IV | 12 Murni | 13 Perubahan`."""
    from pipeline.structure.roles import is_header_like

    assert is_header_like(["", "I", "II", "III", "IV", "12 Murni", "13 Perubahan", "14 Realisasi", "15 %"])
    assert not is_header_like(["3", "Jumlah Laporan", "15 Laporan", "245,304,246"])


def test_an_annual_column_merged_above_the_quarters_is_the_target() -> None:
    """Jakarta Barat PK cascade: `Triwulan … | Tahunan` over `ı | II | III | IV | `: the annual
    column's word stands in the row above the quarters (OCR'd text conversion)."""
    header = [["Indikator Kinerja", "Pengukuran Kinerja", "Triw", "vulan", "", "", "Tahunan", "Keterangan"],
              ["", "", "ı", "II", "III", "IV", "", ""]]
    roles = [c.role for c in assign_roles(header, [], 8)]
    assert roles[2:7] == ["tw1_k", "tw2_k", "tw3_k", "tw4_k", "target"]


@pytest.mark.parametrize("header, role", [
    ("Target Kinerja dan Anggaran Renja SKPD Tahun Berjalan / K", "target"),
    ("Target Kinerja dan Anggaran Renja SKPD Tahun Berjalan / Rp", "pagu"),
    ("Realisasi Capaian Kinerja dan Anggaran Renja SKPD yang Dievaluasi / K", "realisasi_kinerja"),
    ("Realisasi Capaian Kinerja dan Anggaran Renja SKPD yang Dievaluasi / Rp", "realisasi"),
    ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%) / K", "capaian"),
    ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%) / Rp", "realisasi_pct"),
    ("Realisasi Capaian Kinerja Renstra SKPD sampai dengan Renja SKPD Tahun Lalu / K", "other"),
    ("Realisasi Kinerja dan Anggaran RPJMD s/d Tahun 2022 / Rp", "other"),
])
def test_a_kinerja_and_rp_pair_takes_its_figure_from_the_heading(header: str, role: str) -> None:
    assert role_for_header(header) == role


def test_a_target_of_a_later_year_than_the_realisasi_is_the_plans_not_this_years() -> None:
    """LKIP Kesbangpol p24 `Realisasi 2016 | Target 2018`: comparing with the Renstra's end target
    (2018); a capaian computed against it would be wrong. `Realisasi 2015 | Target 2016` keeps it."""
    roles = [c.role for c in assign_roles([["Indikator Kinerja", "Realisasi 2016", "Target 2018", "Capaian (%)"]], [], 4)]
    assert roles == ["indikator", "realisasi_kinerja", "other", "other"]
    roles = [c.role for c in assign_roles([["Indikator Kinerja", "Realisasi 2015", "Target 2016"]], [], 3)]
    assert roles == ["indikator", "realisasi_kinerja", "target"]  # a year apart: undecided, both kept
    # the document's year decides: a 2016 PK prints last year's realisasi as its baseline
    roles = [c.role for c in assign_roles([["Indikator Kinerja", "Realisasi 2015", "Target 2016"]], [], 3, 2016)]
    assert roles == ["indikator", "other", "target"]
    roles = [c.role for c in assign_roles([["Indikator Kinerja", "Realisasi 2016", "Target 2017"]], [], 3, 2016)]
    assert roles == ["indikator", "realisasi_kinerja", "other"]


@pytest.mark.parametrize("header", ["Target Akhir Renstra", "Target Jangka Menengah",
                                    "Tingkat capaian terhadap target akhir renstra (%)"])
def test_the_plans_end_target_and_its_capaian_are_no_role(header: str) -> None:
    assert role_for_header(header) == "other"


@pytest.mark.parametrize("header, rows, roles", [
    # each quarter's planned and realised budget: the realisasi is the quarter's figure
    ([["Program", "Pagu", "Triwulan I", "", "Triwulan II", ""], ["", "", "Target", "Realisasi", "Target", "Realisasi"]],
     [["Program A", "1.000.000.000", "250.000.000", "200.000.000", "500.000.000", "450.000.000"]],
     ["name", "pagu", "other", "tw1_rp", "other", "tw2_rp"]),
    ([["Indikator", "Target", "Triwulan I", "", "Triwulan II", ""], ["", "", "Target", "Realisasi", "Target", "Realisasi"]],
     [["Persentase", "100%", "25%", "20%", "50%", "45%"]],
     ["indikator", "target", "other", "tw1_k", "other", "tw2_k"]),
    ([["Indikator", "Target Triwulan", "", "Realisasi Triwulan", ""], ["", "I", "II", "I", "II"]],
     [["Persentase", "25%", "50%", "20%", "45%"]],
     ["indikator", "other", "other", "tw1_k", "tw2_k"]),
    # a plan's quarterly targets alone (Rencana Aksi) are the quarters' kinerja figures
    ([["Indikator", "Target Kinerja Sasaran", "", "", ""], ["", "Trw I", "Trw II", "Trw III", "Trw IV"]],
     [["Persentase", "25%", "50%", "75%", "100%"]],
     ["indikator", "tw1_k", "tw2_k", "tw3_k", "tw4_k"]),
])
def test_a_quarters_target_yields_to_its_realisasi(header, rows, roles) -> None:
    assert [c.role for c in assign_roles(header, [GridRow(cells=r) for r in rows], len(header[0]))] == roles


def test_years_of_abbreviated_target_realisasi_percent_take_the_report_years_triple() -> None:
    """`Tahun 2021 / T | R | %` … `Tahun 2023 / T | R | %`: the letters are target and realisasi,
    each % is the capaian of its own pair (its figures are R / T), the latest year is reported."""
    header = [["Indikator", "Tahun 2021", "", "", "Tahun 2022", "", "", "Tahun 2023", "", ""],
              ["", "T", "R", "%", "T", "R", "%", "T", "R", "%"]]
    rows = [["X", "80", "81", "101,25", "85", "84", "98,82", "90", "91", "101,11"],
            ["Y", "10", "10", "100", "20", "10", "50,00", "30", "15", "50,00"],
            ["Z", "5", "4", "80,00", "6", "6", "100,00", "7", "7", "100,00"]]
    roles = [c.role for c in assign_roles(header, [GridRow(cells=r) for r in rows], 10)]
    assert roles == ["indikator"] + ["other"] * 6 + ["target", "realisasi_kinerja", "capaian"]


@pytest.mark.parametrize("header, role", [
    ("DPA (Rp)", "pagu_murni"), ("Anggaran / DPPA", "pagu_perubahan"), ("Realisasi terhadap DPA (%)", "realisasi_pct"),
    ("Penyerapan (%)", "realisasi_pct"), ("Serapan Anggaran", "realisasi_pct"),
])
def test_budget_documents_and_absorption(header: str, role: str) -> None:
    """DPA / DPPA (the budget's implementing documents, as passed and as changed) are the pagu
    murni and perubahan; penyerapan is the budget's absorption even where no Rp is printed."""
    assert role_for_header(header) == role


def test_the_one_bare_money_column_of_a_program_list_is_its_pagu() -> None:
    """`Program | Jumlah (Rp)`, `Kegiatan | Rp | Realisasi (Rp)`: a money column that names no
    figure beside programs is their budget; beside `Uraian` (revenue, assets) it stays no role."""
    assert [c.role for c in assign_roles([["No", "Program", "Jumlah (Rp)", "Keterangan"]], [], 4)] == [
        "no", "name", "pagu", "keterangan"]
    assert [c.role for c in assign_roles([["No", "Kegiatan", "Rp", "Realisasi (Rp)"]], [], 4)] == [
        "no", "name", "pagu", "realisasi"]
    assert [c.role for c in assign_roles([["No", "Uraian", "Jumlah (Rp)"]], [], 3)] == ["no", "name", "other"]


def test_a_satuan_column_of_figures_under_target_is_the_target() -> None:
    """LAKIP BKPD p40 `TARGET / SATUAN | PROGRAM/KEGIATAN | ANGGARAN`: the target in its units."""
    header = [["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "", ""], ["", "", "", "SATUAN", "PROGRAM/KEGIATAN", "ANGGARAN"]]
    rows = [GridRow(cells=["1.", "Ketersediaan", "- Skor PPH", "85", "- RTM OPD", "3.600.000.000,-"]),
            GridRow(cells=["", "", "- Jumlah tonase", "450", "", ""]),
            GridRow(cells=["2.", "Stabilitas", "- Persentase", "> 100", "- RTM", "460.000.000,-"])]
    assert [c.role for c in assign_roles(header, rows, 6)] == ["no", "sasaran", "indikator", "target", "name", "pagu"]
    words = [GridRow(cells=["1.", "S", "- Skor PPH", "Poin", "- RTM OPD", "3.600.000.000,-"])] * 2
    assert assign_roles(header, words, 6)[3].role == "satuan"


def test_a_budget_table_without_a_names_header_is_named_by_its_text_column() -> None:
    """DISPERINDAG p53 `No | UPTD/Kabupaten/Kota | Anggaran setelah perubahan (Rp) | Realisasi`."""
    header = [["No", "UPTD/Kabupaten/Kota", "Anggaran setelah perubahan (Rp)", "Realisasi (Rp)"]]
    rows = [GridRow(cells=["1", "Balai Kemetrologian Bogor", "1,567,323,000", "1,328,617,450"]),
            GridRow(cells=["2", "Balai Kemetrologian Bandung", "1,100,000,000", "1,214,650,950"])]
    assert [c.role for c in assign_roles(header, rows, 4)] == ["no", "name", "pagu_perubahan", "realisasi"]


def test_a_remainder_and_its_share_are_no_absorption() -> None:
    """LKIP Disbun p57 `Anggaran (Rp) | Realisasi (Rp) | SILPA / Rp | %`: SILPA's % is the unspent
    share of the budget, not its realisasi %."""
    header = [["No", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "SILPA*)", ""], ["", "", "", "", "Rp", "%"]]
    rows = [GridRow(cells=["1", "APBD", "44.495.611.842", "43.433.436.071", "1.062.175.771", "2,39"])]
    assert [c.role for c in assign_roles(header, rows, 6)] == ["no", "name", "pagu", "realisasi", "other", "other"]


def test_header_words_joined_by_a_slash_count_each_and_a_names_wrapped_tail_is_no_header() -> None:
    # a realisation form's header: `Program/Kegiatan` is two header words, not one unknown one
    assert is_header_like(["No", "Program/Kegiatan", "Pagu Anggaran", "Realisasi Keuangan", "Persentase Realisasi",
                           "Realisasi Fisik (%)", "Sisa Anggaran"])
    assert is_header_like(["Kode Rekening", "Uraian", "Rincian Perhitungan", "", "", "Jumlah (Rp)"])
    # the wrapped tail of a name (`… Perangkat / Daerah SKPD`) stays a data row
    assert not is_header_like(["", "Daerah SKPD", ""])
    assert not is_header_like(["", "Urusan Pemerintahan/Daerah", ""])
