"""Indicator tables read by their own figures: small decimal rows are data, outline items are
no headers, realisasi beside a target and a satuan is kinerja, `%` = realisasi / target is capaian."""

from __future__ import annotations

from pipeline.normalise.numbers import INDONESIAN
from pipeline.structure.records import table_records
from pipeline.structure.tables import build_tables
from schemas.model import Grid, GridRow


def _tables(*grids: list[list[str]], edges: list[float] | None = None):
    return build_tables([Grid(rows=[GridRow(cells=r, page=19) for r in rows], page=19, source="pdf:ruled",
                              col_edges=edges) for rows in grids])


def test_a_row_of_small_decimal_figures_is_data_not_a_second_header_row() -> None:
    """LKIP Disbun p43: the second indicator row (`2,25 2,30 97,82`) was stacked onto the header."""
    [table] = _tables([
        ["No", "Sasaran", "Indikator Kinerja", "Realisasi Tahun 2016", "Target PK Tahun 2016", "Capaian (4/5)*100%"],
        ["1", "2", "3", "4", "5", "6"],
        ["1.", "Meningkatnya Produksi", "1) Prosentase Peningkatan Produksi", "2,23", "2,30", "96,95"],
        ["", "", "2) Prosentase Peningkatan Produktivitas rata-rata capaian", "2,25", "2,30", "97,82"],
    ])
    assert [c.role for c in table.columns][2:] == ["indikator", "realisasi_kinerja", "target", "capaian"]
    _, indicators = table_records(table, INDONESIAN)
    assert [(i.realisasi_value, i.target_value, i.capaian_pct) for i in indicators] == [
        (2.23, 2.3, 96.95), (2.25, 2.3, 97.82)]


HEADER = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "%"]


def test_counted_realisasi_beside_target_and_satuan_is_kinerja_and_the_percent_is_capaian() -> None:
    """LKIP DISNAK p19: populations in heads are no rupiah; `%` is realisasi / target."""
    [table] = _tables([
        HEADER,
        ["1", "Meningkatnya produksi", "1.1 Jumlah produksi yang dihasilkan :", "", "", "", ""],
        ["", "", "- Daging", "Ton", "768.495", "992.770 *", "129,18"],
        ["", "", "- Telur", "Ton", "217.235", "253.712 *", "116,79"],
        ["", "", "- Domba", "Ekor", "12.285.690", "10.040.345", "81,72"],
    ])
    assert [c.role for c in table.columns][4:] == ["target", "realisasi_kinerja", "capaian"]
    lines, indicators = table_records(table, INDONESIAN)
    assert lines == []
    assert [(i.indikator, i.realisasi_value, i.capaian_pct) for i in indicators][-3:] == [
        ("- Daging", 992770.0, 129.18), ("- Telur", 253712.0, 116.79), ("- Domba", 10040345.0, 81.72)]


def test_a_piece_below_starting_with_an_outline_item_continues_the_table() -> None:
    """A rule cut the table; the piece's first row `1.2 Jumlah Populasi ternak :` is no header."""
    edges = [0.0, 20.0, 80.0, 200.0, 240.0, 300.0, 360.0, 400.0]
    tables = _tables(
        [HEADER, ["", "", "- Daging", "Ton", "768.495", "992.770", "129,18"],
         ["", "", "- Telur", "Ton", "217.235", "253.712", "116,79"]],
        [["", "", "1.2 Jumlah Populasi ternak :", "", "", "", ""],
         ["", "", "- Sapi Potong", "Ekor", "466.272", "410.934", "88,13"]],
        edges=edges)
    assert len(tables) == 1
    assert [r.cells[2] for r in tables[0].rows][-2:] == ["1.2 Jumlah Populasi ternak :", "- Sapi Potong"]


def test_a_realisasi_printed_with_its_capaian_in_brackets_gives_both() -> None:
    """LAKIP BKPD p30: `2.165 (105,60)`, `12 (100%)`; a capaian column, where filled, wins."""
    [table] = _tables([
        ["No", "Sasaran", "Indikator Sasaran", "Target", "Realisasi", "Capaian Sasaran"],
        ["3.", "Peningkatan kualitas pangan", "a. Konsumsi Energi (k.kal/kap/hr)", "2.050", "2.165 (105,60)", ""],
        ["5.", "Penurunan desa rawan pangan", "- Jumlah lokasi desa piloting", "12", "12 (100%)", "100"],
        ["4.", "Peningkatan keamanan pangan", "- Persentase sampel komoditi", "85", "98,5 (115,88)", "115,9"],
    ])
    _, indicators = table_records(table, INDONESIAN)
    assert [(i.realisasi_value, i.realisasi_text, i.capaian_pct) for i in indicators] == [
        (2165.0, "2.165 (105,60)", 105.6), (12.0, "12 (100%)", 100.0), (98.5, "98,5 (115,88)", 115.9)]


def test_of_two_realisasi_columns_by_year_the_targets_year_is_the_realisasi() -> None:
    """DKP Lampiran III: `Realisasi Tahun 2015 | Realisasi Tahun 2016 | Target Tahun 2016`."""
    [table] = _tables([
        ["No.", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Realisasi Tahun 2015", "Realisasi Tahun 2016",
         "Target Tahun 2016", "Pencapaian Tahun 2016"],
        ["1.", "Meningkatkan produksi", "NTP sub sektor perikanan", "indeks", "105.19", "100.46", "112.24", "89.50"],
        ["", "", "Jumlah Kawasan Konservasi", "Kawasan", "1 kawasan", "1 kawasan", "1.00", "100.00"],
    ])
    assert [c.role for c in table.columns][4:] == ["other", "realisasi_kinerja", "target", "capaian"]
    _, indicators = table_records(table, INDONESIAN)
    assert [i.realisasi_value for i in indicators] == [100.46, 1.0]


def test_a_cascades_unit_row_is_named_by_its_own_column() -> None:
    """LKIP BPBD p66: `UNIT KERJA | PROGRAM | KEGIATAN | ANGGARAN | REALISASI`, the unit's total
    printed with only the unit's name."""
    [table] = _tables([
        ["UNIT KERJA", "PROGRAM", "KEGIATAN", "ANGGARAN Rp.", "REALISASI Rp.", "Keu %"],
        ["BPBD PROV JABAR", "", "", "27.059.202.004,-", "23.720.614.866,-", "87,66"],
        ["Sekretariat", "Pelayanan Administrasi", "Penyelenggaraan Administrasi", "1.088.765.000,-",
         "907.458.180", "83,35"],
    ])
    lines, _ = table_records(table, INDONESIAN)
    assert [line.name for line in lines] == ["BPBD PROV JABAR", "Penyelenggaraan Administrasi"]


def test_two_figures_of_one_cell_are_no_indicator_value() -> None:
    [table] = _tables([
        ["No", "Sasaran", "Indikator Sasaran", "Target", "Realisasi", "Capaian"],
        ["1.", "Peningkatan Ketersediaan", "- Skor Pola Pangan Harapan", "85 450", "86", "80,5"],
    ])
    _, [indicator] = table_records(table, INDONESIAN)
    assert (indicator.target_text, indicator.target_value, indicator.realisasi_value) == ("85 450", None, 86.0)


def test_a_bracket_the_target_contradicts_is_no_capaian() -> None:
    """LAMPIRAN 1 IKU p2: realisasi `22,7 % (75%)` beside target `75%`: 22,7 / 75 is 30 %, so the
    bracket is no capaian (it repeats the target); the realisasi is still read."""
    [table] = _tables([
        ["No", "Indikator", "Target", "Realisasi"],
        ["1", "Persentase penyelesaian kasus pengaduan", "75%", "22,7 % (75%)"],
        ["2", "Persentase sampel komoditi", "85", "98,5 (115,88)"],
    ])
    _, indicators = table_records(table, INDONESIAN)
    assert [(i.realisasi_value, i.capaian_pct) for i in indicators] == [(22.7, None), (98.5, 115.88)]


def test_a_cascades_outer_indicator_is_read_with_its_own_figures() -> None:
    """Rencana Aksi: `Indikator Kinerja Sasaran | Target Trw I-IV | Program dan Kegiatan |
    Indikator Kegiatan | Target | Anggaran`: the sasaran's indicator (printed once, on its first
    row) with its quarterly targets is an indicator of its own beside each kegiatan's."""
    [table] = _tables([
        ["Sasaran Strategis", "Indikator Kinerja Sasaran", "Target Kinerja Sasaran", "", "", "",
         "Program dan Kegiatan", "Indikator Kegiatan", "Target Kegiatan", "Anggaran (Rp.)"],
        ["", "", "Trw I", "Trw II", "Trw III", "Trw IV", "", "", "", ""],
        ["Meningkatkan pelayanan", "Prosentase keikutsertaan kab/kota", "-", "-", "55,56 %", "-",
         "Pemilihan Awak Kendaraan", "Jumlah peserta", "35 orang", "452.750.000,00"],
        ["", "", "", "", "", "", "Evaluasi Angkutan", "Jumlah izin", "5.835 ijin", "550.200.000,00"],
    ])
    lines, indicators = table_records(table, INDONESIAN)
    assert [(i.indikator, i.part, i.target_value, i.tw3_value) for i in indicators] == [
        ("Jumlah peserta", 0, 35.0, None), ("Prosentase keikutsertaan kab/kota", 1, None, 55.56),
        ("Jumlah izin", 0, 5835.0, None)]
    assert indicators[1].key == (table.table_no, 1, 1) and indicators[0].key == (table.table_no, 1)
    assert [line.pagu for line in lines] == [452_750_000, 550_200_000]


def test_a_bracketed_capaian_that_agrees_wins_over_a_sasarans_capaian_column() -> None:
    """LAKIP BKPD p30 `Capaian Sasaran` 80,5 (printed once per sasaran) beside `86 (101%)` over
    target 85: the bracket is the indicator's capaian; a column that agrees keeps the role."""
    [table] = _tables([
        ["No", "Sasaran", "Indikator Sasaran", "Target", "Realisasi", "Capaian Sasaran"],
        ["1.", "Peningkatan Ketersediaan", "- Skor Pola Pangan Harapan", "85", "86 (101%)", "80,5"],
        ["2.", "Stabilitas pasokan", "- Persentase sampel", "85", "98,5 (115,88)", "115,9"],
    ])
    _, indicators = table_records(table, INDONESIAN)
    assert [i.capaian_pct for i in indicators] == [101.0, 115.9]


def test_a_scanned_column_takes_the_documents_convention_over_a_lone_mark() -> None:
    """LKIP.pdf p26 (scan): `72.05%` read for a printed `72,05 %` made `150.000 m3` 150; a text
    PDF's column keeps deciding for itself."""
    rows = [["No", "Sasaran", "Indikator Kinerja", "Target"],
            ["1", "Meningkatnya kapasitas tampung", "Bertambahnya kapasitas tampung situ", "150.000 m3"],
            ["2", "Meningkatnya luas layanan", "Prosentase jaringan irigasi dalam kondisi baik", "72.05%"]]

    def targets(scanned: bool) -> list[float | None]:
        grid = Grid(rows=[GridRow(cells=list(r), page=26, cell_confidence=[90.0] * 4 if scanned else None)
                          for r in rows], page=26, source="pdf:ruled")
        [table] = build_tables([grid])
        _, indicators = table_records(table, INDONESIAN)
        return [i.target_value for i in indicators]

    assert targets(scanned=True) == [150000.0, 72.05]
    assert targets(scanned=False) == [150.0, 72.05]
