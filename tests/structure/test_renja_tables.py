"""A Renja's `Rumusan Rencana Program dan Kegiatan … Tahun N dan Prakiraan Maju Tahun N+1`.

The form (LKIP.pdf pp 68-82 print it) heads this year's plan `Lokasi | Target Capaian Kinerja |
Kebutuhan Dana/Pagu Indikatif (dlm juta) | Sumber Dana`, a `Catatan Penting`, and next year's
forecast `Target Capaian Kinerja | Kebutuhan Dana/Pagu Indikatif`: the pagu is this year's in
millions, the target this year's, the forecast no record's."""

from __future__ import annotations

from decimal import Decimal

from pipeline.normalise.numbers import INDONESIAN
from pipeline.quality.figure_kinds import column_kind
from pipeline.structure.records import column_conventions, table_records
from pipeline.structure.roles import is_header_like, role_for_header
from pipeline.structure.table_figures import leftover_figures
from pipeline.structure.tables import build_tables
from schemas.model import Grid, GridRow

HEADER = [
    ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", "Indikator Kinerja Program/Kegiatan",
     "Rencana Tahun 2016", "", "", "", "Catatan Penting", "Prakiraan Maju Rencana Tahun 2017", ""],
    ["", "", "", "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/ Pagu Indikatif (dlm juta)", "Sumber Dana",
     "", "Target Capaian Kinerja", "Kebutuhan Dana/ Pagu Indikatif (dlm juta)"],
]
ROWS = [
    ["1.03.07.26", "Program Pembinaan Jasa Konstruksi", "", "", "", "3.220,62", "", "", "", ""],
    ["1.03.07.26.01", "Pembinaan Pelaksanaan dan Monitoring Kegiatan Konstruksi", "Terkendalinya Pelaksanaan Konstruksi",
     "Jawa Barat", "2 Dok", "287,50", "APBD", "", "1 Dok", "400,00"],
    ["1.03.07.26.02", "Supervisi Konstruksi Bidang Sumber Daya Air", "Terlaksananya supervisi konstruksi",
     "Jawa Barat", "11,3 %", "2.933,12", "APBD", "", "11,3 %", "15.000,00"],
]


def _records():
    [table] = build_tables([Grid(rows=[GridRow(cells=r, page=77) for r in HEADER + ROWS], page=77, source="pdf:ruled")])
    conventions = column_conventions(table, INDONESIAN)
    lines, indicators = table_records(table, INDONESIAN, conventions)
    return table, lines, indicators, leftover_figures(table, lines, indicators, conventions)


def test_the_forms_second_header_row_is_a_header() -> None:
    # LKIP.pdf p77 as OCR'd: `Catatan Penting` on the second row, `(dlm juta` cut by its rule
    assert is_header_like(["", "", "", "", "", "", "", "Lokasi", "Target Capaian Kinerja",
                           "Kebutuhan Dana/ Pagu Indikatif (dlm juta", "Sumber Dana", "Catatan Penting",
                           "Target Capaian Kinerja", "Kebutuhan Dana/ Pagu Indikatif (dim juta"])


def test_this_years_target_pagu_and_note_and_no_role_for_the_forecast() -> None:
    table, _, _, _ = _records()
    roles = {c.header: c.role for c in table.columns}
    assert roles["Rencana Tahun 2016 / Target Capaian Kinerja"] == "target"
    assert roles["Rencana Tahun 2016 / Kebutuhan Dana/ Pagu Indikatif (dlm juta)"] == "pagu"
    assert roles["Rencana Tahun 2016 / Lokasi"] == "other"
    assert roles["Catatan Penting"] == "keterangan"
    assert roles["Prakiraan Maju Rencana Tahun 2017 / Target Capaian Kinerja"] == "other"
    assert roles["Prakiraan Maju Rencana Tahun 2017 / Kebutuhan Dana/ Pagu Indikatif (dlm juta)"] == "other"


def test_a_pagu_printed_in_millions_is_stored_in_rupiah() -> None:
    _, lines, _, _ = _records()
    assert [(line.level, line.pagu) for line in lines] == [
        ("program", Decimal("3220620000.00")),
        ("kegiatan", Decimal("287500000.00")),
        ("kegiatan", Decimal("2933120000.00")),
    ]
    assert lines[1].raw_cells["pagu"] == "287,50"  # as printed
    assert lines[1].raw_cells["amount_unit"] == "10000"  # rounded to 0,01 juta: the checks' tolerance


def test_the_targets_are_this_years_and_the_forecast_stays_a_table_figure_in_millions() -> None:
    _, _, indicators, figures = _records()
    assert [(i.indikator, i.target_value) for i in indicators] == [
        ("Terkendalinya Pelaksanaan Konstruksi", 2.0), ("Terlaksananya supervisi konstruksi", 11.3)]
    forecast = [f for f in figures if f.column_label.startswith("Prakiraan Maju")]
    assert sorted((f.value, f.scale) for f in forecast if f.scale) == [
        (Decimal("400.00"), 10**6), (Decimal("15000.00"), 10**6)]


def test_a_forecast_years_figures_are_a_plans_not_this_years_money() -> None:
    assert column_kind("Prakiraan Maju Rencana Tahun 2017 / Kebutuhan Dana/ Pagu Indikatif (dlm juta)") == "plan"
    assert role_for_header("Prakiraan Maju Rencana Tahun 2017 / Kebutuhan Dana/ Pagu Indikatif") == "other"
    assert role_for_header("Rencana Tahun 2016 / Kebutuhan Dana/ Pagu Indikatif") == "pagu"


def test_a_pagu_header_in_thousands_scales_by_a_thousand() -> None:
    rows = [["No", "Program", "Pagu (Rp. ribuan)"], ["1", "Program Pelayanan Administrasi Perkantoran", "9.397.780"],
            ["2", "Program Peningkatan Sarana dan Prasarana Aparatur", "1.250"]]
    [table] = build_tables([Grid(rows=[GridRow(cells=r, page=1) for r in rows], page=1, source="pdf:ruled")])
    lines, _ = table_records(table, INDONESIAN)
    assert [line.pagu for line in lines] == [Decimal("9397780000.00"), Decimal("1250000.00")]


SPLIT_KODE_HEADER = [["Kode", "", "", "", "", "Program/Kegiatan", "Indikator Kinerja Program/Kegiatan",
                      "Target Capaian Kinerja", "Kebutuhan Dana/ Pagu Indikatif (dlm juta)"]]
SPLIT_KODE_ROWS = [
    ["1", "03", "07", "26", "", "Program Pembinaan Jasa Konstruksi", "", "", "3.220,62"],
    ["1", "03", "07", "26", "01", "Pembinaan Pelaksanaan dan Monitoring Kegiatan Konstruksi",
     "Terkendalinya Pelaksanaan Konstruksi", "2 Dok", "287,50"],
    ["1", "03", "07", "26", "02", "Supervisi Konstruksi Bidang Sumber Daya Air", "Terlaksananya supervisi konstruksi",
     "11,3 %", "2.933,12"],
    ["1", "03", "OF", "29", "", "Program Perencanaan Pengendalian dan Pengawasan", "", "", "564,16"],
]


def test_a_kode_printed_in_sub_columns_is_one_code_and_tells_programs_from_kegiatan() -> None:
    # LKIP.pdf pp 77-81: `1 | 03 | 07 | 26 | 01` under one merged `Kode`; the first column alone
    # gave every row the code `1`
    grid = Grid(rows=[GridRow(cells=r, page=77) for r in SPLIT_KODE_HEADER + SPLIT_KODE_ROWS], page=77,
                source="pdf:ruled")
    [table] = build_tables([grid])
    lines, _ = table_records(table, INDONESIAN)
    assert [(line.code, line.level) for line in lines] == [
        ("1.03.07.26", "program"), ("1.03.07.26.01", "kegiatan"), ("1.03.07.26.02", "kegiatan"),
        ("1", "program")]  # a misread group (`OF`): the first group only, never a wrong code
    assert lines[1].parent_row_no == 1


def test_only_unheaded_columns_of_digit_groups_right_of_a_headed_code_continue_it() -> None:
    header = [["Kode", "No", "Program/Kegiatan", "Target", "Pagu (Rp)"]]
    rows = [["1.03.07", "1", "Program Pengendalian Banjir", "12", "1.500.000.000"],
            ["1.03.07.01", "2", "Penanggulangan Bencana Banjir", "5", "750.000.000"]]
    grid = Grid(rows=[GridRow(cells=r, page=1) for r in header + rows], page=1, source="pdf:ruled")
    [table] = build_tables([grid])
    lines, _ = table_records(table, INDONESIAN)
    assert [line.code for line in lines] == ["1.03.07", "1.03.07.01"]  # `No` has a header of its own


def test_a_kode_whose_sub_columns_a_scan_ran_together_is_left_as_its_first_group() -> None:
    # LKIP.pdf p68 as OCR'd: `07 22` in one cell of the third group's column; joining the groups
    # before it would give `1.03`, an urusan's code, to a kegiatan
    rows = [r[:] for r in SPLIT_KODE_ROWS[:3]]
    rows[1][2], rows[1][3] = "07 26", ""
    grid = Grid(rows=[GridRow(cells=r, page=77) for r in SPLIT_KODE_HEADER + rows], page=77, source="pdf:ruled")
    [table] = build_tables([grid])
    lines, _ = table_records(table, INDONESIAN)
    assert [line.code for line in lines] == ["1", "1", "1"]
