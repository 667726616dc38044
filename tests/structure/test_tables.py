"""pipeline.structure.tables: header/data split, stitching, wrapped rows, re-alignment of shifted rows."""

from __future__ import annotations

from extractors.text import read_text
from pipeline.structure.cellkinds import cell_kind
from pipeline.structure.cellkinds import placement_kind
from pipeline.structure.tables import build_tables, join_wrapped_rows, realign_row
from schemas.model import Column, Grid, GridRow
from tests.conftest import EXTRACTS


def _grid(rows: list[list[str]], **kw) -> Grid:
    return Grid(rows=[GridRow(cells=r, line=i + 1) for i, r in enumerate(rows)], **kw)


def test_repeated_header_after_a_page_break_continues_the_table() -> None:
    tables = build_tables(read_text(EXTRACTS / "jambi-page-break.txt").grids)
    assert len(tables) == 1
    names = [r.cells[14] for r in tables[0].rows]
    assert "Penyediaan Gaji dan Tunjangan ASN" in names
    assert "Pemeliharaan Peralatan dan Mesin Lainnya" in names  # after the repeated header
    assert all(not r.cells[0].startswith("No") for r in tables[0].rows)  # header rows dropped
    assert not any(r.cells[:3] == ["1", "2", "3"] for r in tables[0].rows)  # column numbers dropped


def test_a_new_header_in_the_middle_of_a_grid_starts_a_new_table() -> None:
    grid = _grid([["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"],
                  ["1.", "Peningkatan Kualitas", "Persentase dokumen", "100 %"],
                  ["", "Kegiatan", "Anggaran", "Sumber Dana"],
                  ["1.", "Perencanaan", "Rp. 15.548.300", "APBD"]])
    tables = build_tables([grid])
    assert [[c.role for c in t.columns] for t in tables] == [
        ["no", "sasaran", "indikator", "target"], ["other", "name", "pagu", "other"]]


def test_headerless_continuation_grid_is_stitched() -> None:
    first = _grid([["No", "Kegiatan", "Anggaran"], ["1", "Kegiatan A", "Rp. 1.000.000"]])
    second = _grid([["2", "Kegiatan B", "Rp. 2.000.000"]])
    tables = build_tables([first, second])
    assert len(tables) == 1 and [r.cells[1] for r in tables[0].rows] == ["Kegiatan A", "Kegiatan B"]


def test_a_scanned_tables_header_ocr_read_differently_on_the_next_page_continues_it() -> None:
    # LKIP.pdf pp 59/60: the Rencana Kinerja Tahunan repeats its header on each sideways page;
    # OCR read p60's as `Kegiaan Rt Indikator Kinerja Satuan Anggaran (Rp)` in one cell
    edges = [49.0, 141.0, 425.0, 518.0, 738.0, 823.0]
    ocr = [90.0] * 5

    def scanned(rows: list[list[str]], page: int, edges: list[float]) -> Grid:
        return Grid(rows=[GridRow(cells=r, page=page, cell_confidence=ocr) for r in rows], page=page,
                    source="pdf:ruled", col_edges=edges, top_of_page=True)

    head = [["Sasaran", "Program", "Kegiatan", "Indikator Kinerja", "Anggaran (Rp)"]]
    first = scanned(head + [["Meningkatnya", "Program A", "1. Survey", "Jumlah Dokumen", "452.094.000"]], 59, edges)
    noisy = [["Sasaran Rencana cera", "Program", "Kegiaan Rt Indikator Kinerja Satuan Anggaran (Rp)", "", ""]]
    row = [["", "Program B", "1. Supervisi", "Jumlah Dokumen", "2.933.116.290"]]
    [table] = build_tables([first, scanned(noisy + row, 60, [x + 1.0 for x in edges])])
    assert [c.role for c in table.columns][-1] == "pagu" and len(table.rows) == 2
    # other column rules, a page further on, or a text layer's table: a table of its own
    assert len(build_tables([first, scanned(noisy + row, 60, [49.0, 200.0, 425.0, 518.0, 738.0, 823.0])])) == 2
    assert len(build_tables([first, scanned(noisy + row, 61, edges)])) == 2
    text = Grid(rows=[GridRow(cells=r, page=60) for r in noisy + row], page=60, source="pdf:ruled",
                col_edges=edges, top_of_page=True)
    assert len(build_tables([first, text])) == 2


def test_wrapped_name_rows_are_joined() -> None:
    tables = build_tables(read_text(EXTRACTS / "jember-tabel-3-8.txt").grids)
    names = [r.cells[1] for r in tables[0].rows]
    assert "Sub Kegiatan Penyediaan Administrasi Pelaksanaan Tugas ASN" in names
    assert "Administrasi Pelaksanaan Tugas ASN" not in names


def test_a_row_opening_with_an_outline_number_is_no_wrapped_tail() -> None:
    """PK Kabid Produksi p3 (scan): the sub-row `1.1.2.3. Produktivitas Ternak`, printed without a
    value at the top of the page, was joined to p2's last row as the tail of its name."""
    columns = [Column(0, "indikator", "Indikator Kinerja"), Column(1, "target", "Target")]
    last = GridRow(cells=["1.1.2.2 Jumlah dokumen pemetaan distribusi semen beku", "22"], page=2)
    outline = GridRow(cells=["1.1.2.3. Produktivitas Ternak", ""], page=3)
    assert len(join_wrapped_rows([last, outline], columns, page_breaks_only=True)) == 2
    tail = GridRow(cells=["ternak ruminansia besar", ""], page=3)
    joined = join_wrapped_rows([last, tail], columns, page_breaks_only=True)
    assert [r.cells[0] for r in joined] == ["1.1.2.2 Jumlah dokumen pemetaan distribusi semen beku ternak ruminansia besar"]


def test_a_ruled_rows_line_under_an_unfinished_cell_is_that_cells_next_line() -> None:
    # LKIP.pdf p77: a merged cell's partial rule cut `1 dinas dan / 7 balai PSDA` into two rows
    columns = [Column(0, "name", "Program/Kegiatan"), Column(1, "target", "Target Capaian Kinerja"),
               Column(2, "pagu", "Pagu Indikatif")]
    first = GridRow(cells=["Pembinaan Pelaksanaan dan Monitoring Kegiatan", "1 dinas dan", "287,50"], page=77)
    tail = GridRow(cells=["Konstruksi di Jawa Barat", "7 balai PSDA", ""], page=77)
    joined = join_wrapped_rows([first, tail], columns, page_breaks_only=True)
    assert [r.cells for r in joined] == [
        ["Pembinaan Pelaksanaan dan Monitoring Kegiatan Konstruksi di Jawa Barat", "1 dinas dan 7 balai PSDA", "287,50"]]
    # a finished cell above: the ruled row below is a row of its own, figures or not
    whole = GridRow(cells=["Pembinaan Pelaksanaan Konstruksi", "1 dinas", "287,50"], page=77)
    assert len(join_wrapped_rows([whole, GridRow(cells=["Konstruksi di Jawa Barat", "7 balai", ""], page=77)],
                                 columns, page_breaks_only=True)) == 2
    # nor does an amount continue an unfinished name
    assert len(join_wrapped_rows([first, GridRow(cells=["", "", "15.000,00"], page=77)], columns,
                                 page_breaks_only=True)) == 2


def test_realign_moves_a_block_shifted_by_a_missing_column() -> None:
    roles = ["no", "indikator", "keterangan", "name", "pagu_murni", "pagu_perubahan", "realisasi", "realisasi_pct"]
    # the name cell vanished on this page: everything after it slid one column left
    shifted = ["3", "Jumlah Dokumen", "", "237,500,000", "", "230,210,007", "96.93%", ""]
    assert realign_row(shifted, roles) == ["3", "Jumlah Dokumen", "", "", "237,500,000", "", "230,210,007", "96.93%"]


def test_realign_moves_a_single_cell_into_its_empty_column() -> None:
    roles = ["no", "indikator", "name", "pagu_murni", "pagu_perubahan", "realisasi", "realisasi_pct"]
    row = ["1", "Jumlah Produk Hukum", "262,103,404", "", "282,103,404", "271,635,397", "96.29%"]
    assert realign_row(row, roles) == ["1", "Jumlah Produk Hukum", "", "262,103,404", "282,103,404",
                                       "271,635,397", "96.29%"]


def test_a_row_is_not_slid_into_a_column_no_other_row_fills() -> None:
    # LKIP.pdf p56 at 100 dpi: the satuan `%` read `54`; sliding `54 | 100 | -` one column right
    # fits every kind, but puts the anggaran's `-` into the empty column after it (an unheaded
    # column the scan's rulings gave) and the target into pagu
    header = ["No", "Uraian", "Indikator Kinerja", "Satuan", "Target", "Anggaran (Rp)", ""]
    rows = [["1", "Penerbitan Saran Teknis", "Prosentase pelayanan", "%", "100", "292.494.240", ""],
            ["2", "Perencanaan Detail Situ", "Prosentase gambar teknis", "54", "100", "-", ""],
            ["3", "Manajemen DAS", "Prosentase dokumen", "%", "100", "5.703.388.560", ""]]
    [table] = build_tables([_grid([header] + rows)])
    assert [c.role for c in table.columns][3:6] == ["satuan", "target", "pagu"]
    assert table.rows[1].cells == rows[1]
    roles = [c.role for c in table.columns]
    assert realign_row(rows[1], roles) == ["2", "Perencanaan Detail Situ", "Prosentase gambar teknis", "",
                                           "54", "100", "-"]  # without the table's other rows
    # a column the other rows fill is still open to a slid row
    rows[0][6] = rows[2][6] = "APBD"
    [table] = build_tables([_grid([header] + rows)])
    assert table.rows[1].cells[4:] == ["54", "100", "-"]


def test_a_shift_into_an_unused_column_is_taken_one_step_further_or_not_at_all() -> None:
    # DISPERINDAG p46: a row slid one column right, its capaian two; shifting all back by one puts
    # the capaian into the empty column after `Capaian`, one step further puts it under its header
    roles = ["sasaran", "indikator", "name", "pagu", "realisasi", "realisasi_pct", "other", "other"]
    row = ["", "3) Tersedianya tenaga kerja", "4) Peningkatan jumlah wirausaha", "Program Pengembangan Kewirausahaan",
           "15,827,000,000.00", "13,655,835,085.00", "", "86.28"]
    assert realign_row(row, roles)[5:7] == ["", "86.28"]
    assert realign_row(row, roles, {0, 1, 2, 3, 4, 5, 7}) == row[1:6] + ["86.28", "", ""]
    # LKIP.pdf p56: the best shift that avoids the empty column slides the name three columns left
    roles = ["other", "outer_indikator", "outer_target", "other", "name", "indikator", "satuan", "target", "pagu",
             "other"]
    row = ["", "", "", "", "2 Perencanaan Detail Situ", "Prosentase gambar teknis", "54", "100", "-", ""]
    assert realign_row(row, roles, set(range(9))) is None


def test_a_numbered_name_without_its_dot_stays_in_the_name_column() -> None:
    # LKIP.pdf p66 at 100 dpi: `2. Sosialisasi …` read without its dot is a number and a
    # three-word unit; as a count it made the row slide left, the indicator taken for the name
    roles = ["other", "outer_indikator", "outer_target", "other", "name", "indikator", "satuan", "target", "pagu",
             "other"]
    row = ["", "", "", "Pemanfaatan Teknologi Informasi", "2 Sosialisasi Pelaksanaan Pembangunan",
           "Prosentase pembangunan bidang SDA yang diketahui masyarakat", "", "100", "1.464.042.200", ""]
    assert realign_row(row, roles) is None
    assert placement_kind("2 Sosialisasi Pelaksanaan Pembangunan") == "numbered"
    assert placement_kind("3 Dokumen Renstra") == "count"  # a unit of two words: a count
    # a count in the name column still moves to its target column
    roles = ["no", "name", "target", "pagu"]
    assert realign_row(["1", "3 Dokumen", "", "1.000.000"], roles) == ["1", "", "3 Dokumen", "1.000.000"]


def test_realign_leaves_consistent_rows_alone() -> None:
    roles = ["no", "name", "pagu", "realisasi", "realisasi_pct"]
    assert realign_row(["1", "Program A", "Rp. 1.000", "Rp. 900", "90%"], roles) is None


def test_a_kemendagri_code_printed_with_spaces_is_a_code_and_its_row_stays() -> None:
    # `1 03 07 26` read as the amount 1.030.726 would slide the program row three columns right,
    # the code into `target`, the name into `satuan`
    roles = ["code", "name", "indikator", "target", "satuan", "pagu", "realisasi", "realisasi_pct"]
    row = ["1 03 07 26", "Program Pengelolaan Sumber Daya Air", "", "", "", "", "", ""]
    assert realign_row(row, roles) is None
    assert placement_kind("4 01 01 2 14") == "code"
    assert placement_kind("25 50 75") == "amount"  # figures run together: no zero-padded group


def test_a_name_whose_list_number_lost_its_dot_is_no_count_and_stays_in_place() -> None:
    # LKIP.pdf p95 at 100 dpi: `2. Survey …` read `2 Surver …`; as `2 Dokumen` it would be a count
    # and the row would be slid a column left, its activity taken for its name
    roles = ["no", "sasaran", "indikator", "tw1_k", "tw2_k", "tw3_k", "tw4_k", "other", "name", "other",
             "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp"]
    row = [""] * 8 + ["2 Surver lovesugass Rekayasa Teknik SDA", "Penyusunan dokumen hasil survey",
                      "6.550.000", "121.560.000", "466.750.000", "452.084.000"]
    assert realign_row(row, roles) is None
    assert cell_kind("3 Dokumen Renstra") == "count"
    assert cell_kind("1 Dewan SDA Provinsi Jawa Barat") == "text"


def test_a_bare_program_list_gets_its_columns_from_its_values() -> None:
    """A PK lampiran's `1. Program X   Rp. 30.903.396.770,-` list, printed without a header."""
    from pipeline.structure.headerless import infer_header
    from pipeline.structure.tables import build_tables
    from schemas.model import Grid, GridRow

    cells = [["1.", "Peningkatan Produksi Pertanian (APBD)", "Rp. 30.903.396.770,-"],
             ["2.", "Pemberdayaan Sumber Daya Pertanian (APBD)", "Rp. 2.208.100.000,-"],
             ["3.", "Pencegahan dan Penanggulangan Penyakit (APBD)", "Rp.4.868.180.000,-"]]
    grid = Grid(rows=[GridRow(cells=list(c), page=3) for c in cells], page=3, source="pdf:aligned")
    [table] = build_tables([grid])
    assert [c.role for c in table.columns] == ["no", "name", "pagu"]
    assert any("no header printed" in n for n in table.notes)
    rows = [GridRow(cells=list(c)) for c in cells]
    assert infer_header(rows[:2], 3) is None  # too short a list to judge
    with_pct = [GridRow(cells=c + ["92,5 %"]) for c in cells]
    assert infer_header(with_pct, 4) is None  # another kind of figure: not a plain list
    two_amounts = [GridRow(cells=c + ["Rp. 1.000.000"]) for c in cells]
    assert infer_header(two_amounts, 4) is None  # which amount is pagu? not ours to guess


def test_a_list_under_a_header_ocr_read_as_noise_gets_its_columns_from_its_values() -> None:
    """LKIP.pdf p25: the screened (halftone) header cell is read as noise in which `pag` names
    the list-number column pagu; the list's bare amounts (`162.254.370.560`, dotted like a list
    number `1.2.1`) are its budget, and a speck read in a blank column does not count."""
    from pipeline.structure.tables import build_tables
    from schemas.model import Grid, GridRow

    noise = ["FEE UNS mal eee Rape 98 pag Suis fe OT BELANJA LANGSUNG", "", "", "eng KESAN 294.160.463.728"]
    cells = [["", "i: see", "", ""],
             ["1", "", "Program Pengembangan dan Pengelolaan Jaringan Irigasi", "162.254.370.560"],
             ["2", "", "Pengembangan, Pengelolaan dan Konservasi Sungai", "79.446.683.060"],
             ["4", "", "Program Pembinaan Jasa Konstruksi", "3.220.616.290"],
             ["5", "", "Program Pelayanan Administrasi Perkantoran", "9.397.783.840"],
             ["6", "", "Program Pemeliharaan Sarana dan Prasarana Aparatur", "7.857.752.700"]]
    grid = Grid(rows=[GridRow(cells=list(c), page=1) for c in [noise, *cells]], page=1, source="pdf:ruled")
    [table] = build_tables([grid])
    assert [c.role for c in table.columns][::2] == ["no", "name"] and table.columns[3].role == "pagu"
    assert any("header unreadable" in n for n in table.notes)
    # a header of header words is the header, whatever the values would say
    header = ["No", "Program", "", "Realisasi (Rp)"]
    grid = Grid(rows=[GridRow(cells=list(c), page=1) for c in [header, *cells]], page=1, source="pdf:ruled")
    [table] = build_tables([grid])
    assert table.columns[3].role == "realisasi"


def test_two_amount_columns_are_named_by_the_share_column_their_arithmetic_gives() -> None:
    """LKIP.pdf p38 (Tabel 3.8): a screened header OCR reads as noise over `No | Program | pagu |
    realisasi | %`. The third figure column is 100 x realisasi / pagu row after row, which names
    the other two; the noise rows left above the first figure go with the header."""
    from pipeline.structure.headerless import infer_header
    from pipeline.structure.tables import build_tables
    from schemas.model import Grid, GridRow

    cells = [["", "BELANJA LANGSUNG", "294.160.463.728", "255.243.078.813", "86,77"],
             ["1", "Program Pengembangan dan Pengelolaan Jaringan Irigasi", "162.254.370.560", "132.085.209.311", "81.41"],
             ["2", "Pengembangan, Pengelolaan dan Konservasi Sungai", "79.446.683.060", "75.626.563.843", "95,19"],
             ["3", "Program Pengendalian Banjir dan Kekeringan", "2.696.230.440", "2.610.814.743", "96,83"],
             ["4", "Program Pembinaan Jasa Konstruksi", "3.220.616.290", "2.754.013.210", "85,51"],
             ["", "Program Perencanaan Pembangunan Daerah", "564.160.000", "526.264.112", ""]]
    rows = [GridRow(cells=list(c)) for c in cells]
    assert infer_header(rows, 5) == [["No", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "%"]]
    swapped = [GridRow(cells=[c[0], c[1], c[3], c[2], c[4]]) for c in cells]  # realisasi printed first
    assert infer_header(swapped, 5) == [["No", "Uraian", "Realisasi (Rp)", "Anggaran (Rp)", "%"]]
    unrelated = [GridRow(cells=c[:4] + ["12,5"]) for c in cells]  # a figure column that is no share
    assert infer_header(unrelated, 5) is None

    noise = [["", "Boa", "", "EN", ""], ["", "", "", "", "meme se pat isa"],
             ["", "OLE PS", "", "mamin tba Re, ca TRERPRHESSE AR", ""]]
    grid = Grid(rows=[GridRow(cells=list(c), page=1) for c in [*noise, *cells]], page=1, source="pdf:ruled")
    [table] = build_tables([grid])
    assert [c.role for c in table.columns] == ["no", "name", "pagu", "realisasi", "realisasi_pct"]
    assert [r.cells[1] for r in table.rows][:2] == ["BELANJA LANGSUNG", "Program Pengembangan dan Pengelolaan Jaringan Irigasi"]
    assert any("header unreadable" in n for n in table.notes)


def _pdf_grid(rows: list[list[str]], edges: list[float], **kw) -> Grid:
    return Grid(rows=[GridRow(cells=r, page=4) for r in rows], page=4, source="pdf:ruled", col_edges=edges, **kw)


def test_a_ruled_table_cut_in_pieces_on_its_page_is_one_table() -> None:
    edges = [65.0, 92.0, 392.0, 540.5]
    head = _pdf_grid([["No", "Kegiatan", "Anggaran (Rp.)"], ["1.", "Kontes Ternak", "700.000.000"]], edges)
    piece = _pdf_grid([["3.", "Pembibitan Sapi Perah", "899.425.000"]], [65.0, 92.5, 391.0, 540.5])
    other = _pdf_grid([["9.", "Lain", "100.000.000"]], [65.0, 200.0, 392.0, 540.5])
    tables = build_tables([head, piece, other])
    assert [r.cells[1] for r in tables[0].rows] == ["Kontes Ternak", "Pembibitan Sapi Perah"]
    assert all(r.cells[1] != "Lain" for t in tables for r in t.rows)  # other columns: not a piece of it


def test_records_read_a_rupiah_figure_that_lost_a_dot() -> None:
    from pipeline.structure.records import document_convention, table_records

    grid = _grid([["No", "Program", "Anggaran (Rp)"], ["1.", "Program A", "1.660453.975"],
                  ["2.", "Program B", "2.000.000.000"]])
    tables = build_tables([grid])
    lines, _ = table_records(tables[0], document_convention(tables))
    assert [str(line.pagu) for line in lines] == ["1660453975.00", "2000000000.00"]


def test_a_wrapped_tail_after_a_page_break_is_no_new_header() -> None:
    grid = _grid([["Kode", "Program Dan Kegiatan", "Indikator Kinerja", "Anggaran"],
                  ["4.01", "Penyediaan Gaji dan Tunjangan", "Prosentase Penyediaan Gaji", "1.000.000"],
                  ["", "Kepala Daerah dan Wakil Kepala", "an Kepala Daerah dan Wakil Kepala", ""],
                  ["4.02", "Penyediaan Pakaian Dinas", "Prosentase Penyediaan Pakaian", "2.000.000"]])
    tables = build_tables([grid])
    assert len(tables) == 1 and [r.cells[0] for r in tables[0].rows] == ["4.01", "4.02"]
    assert tables[0].rows[0].cells[1] == "Penyediaan Gaji dan Tunjangan Kepala Daerah dan Wakil Kepala"


def test_a_merged_name_header_over_numbers_and_names_names_the_rows_by_their_text() -> None:
    from pipeline.structure.records import document_convention, table_records
    from schemas.model import Column, GridRow, Table

    table = Table(table_no=1, columns=[Column(0, "name", "PROGRAM/ KEGIATAN/ URAIAN"), Column(1, "other", ""),
                                       Column(2, "pagu", "Jumlah Anggaran")],
                  rows=[GridRow(["Program Peningkatan Produksi", "", "14.343.389.000"]),
                        GridRow(["1", "Kegiatan Pengembangan Tanaman Tahunan", "10.927.469.000"]),
                        GridRow(["2.", "Kegiatan Dukungan Perlindungan", "3.415.750.000"]),
                        GridRow(["TOTAL", "", "14.343.389.000"])])
    lines, _ = table_records(table, document_convention([table]))
    assert [(line.code, line.name) for line in lines] == [
        (None, "Program Peningkatan Produksi"), ("1", "Kegiatan Pengembangan Tanaman Tahunan"),
        ("2.", "Kegiatan Dukungan Perlindungan"), (None, "TOTAL")]


def test_a_ruled_rows_name_cut_by_a_page_break_is_joined_but_ruled_rows_are_not_otherwise() -> None:
    """LKIP HPU p21/22: `… Media Massa dan Pemanfaatan` ends page 21, `Teknologi Informasi`
    opens page 22 in the name column alone. Within a page a ruled row is closed by its rules."""
    header = ["NO", "NAMA PROGRAM", "ALOKASI (Rp)", "REALISASI (Rp)"]
    first = Grid(rows=[GridRow(cells=c, page=21) for c in (
        header, ["5", "Pengembangan Komunikasi dan Pemanfaatan", "Rp 1.900.000.000", "Rp 1.876.438.250"],
        ["", "Sub rincian dicetak di baris sendiri", "", ""])], page=21, source="pdf:ruled")
    second = Grid(rows=[GridRow(cells=c, page=22) for c in (
        ["", "Teknologi Informasi", "", ""], ["6", "Pengembangan Budaya Baca", "Rp 430.000.000", "Rp 427.559.650"])],
        page=22, source="pdf:ruled", top_of_page=True)
    [table] = build_tables([first, second])
    assert [r.cells[1] for r in table.rows] == [
        "Pengembangan Komunikasi dan Pemanfaatan", "Sub rincian dicetak di baris sendiri Teknologi Informasi",
        "Pengembangan Budaya Baca"]


def test_a_kemendagri_code_stays_in_the_code_column_when_the_row_is_realigned() -> None:
    # a Renstra row: the code's dots once made it an "amount", and the row slid three columns right
    roles = ["other", "sasaran", "code", "name", "indikator"] + ["other"] * 17
    row = ["", "", "4.01.01.2.14", "Pelaksanaan Protokol", "Persentase fasilitas pimpinan", "57,50%", "60%",
           "45,217,00.00", "0%", "0", "", "", "", "", "", "99%", "107.974.000", "Bag. Tapem", "Kabupaten Jember"]
    assert realign_row(row, roles) is None
    spaced = row[:2] + ["4.01.01. 2.02.07"] + row[3:]
    assert realign_row(spaced, roles) is None


def test_a_money_figure_is_no_code() -> None:
    from pipeline.structure.cellkinds import placement_kind

    assert [placement_kind(t) for t in ("4.01.01", "1.01.01.2.01.0001", "4.01.02.20.4", "1.234.567", "72.20.000",
                                        "1.2")] == ["code", "code", "code", "amount", "amount", "small"]


def test_column_numbers_merged_into_the_first_row_are_dropped_and_its_figures_joined() -> None:
    """No ruling between the `1 2 3 …` row and the first data row of a continuation page: one
    cell holds `1 8`, another `2 Program …`, and the figures sit in a row of their own below."""
    from pipeline.structure.tables import unmerge_column_numbers

    assert unmerge_column_numbers(["1 8", "2 Program Data", "3", "4", "5", "6 100,00"]) == \
        ["8", "Program Data", "", "", "", "100,00"]
    assert unmerge_column_numbers(["1", "2", "3", "4"]) is None  # a plain numbering row
    assert unmerge_column_numbers(["1", "Program A", "100.000.000"]) is None  # a data row
    edges = [141.98, 183.74, 321.91, 392.71, 463.66, 499.18, 548.62]
    grid = _pdf_grid([["No.", "PROGRAM", "ANGGARAN (Rp.)", "SPJ", "", "FISIK"],
                      ["", "", "", "(Rp.)", "(%)", "(%)"],
                      ["1 8", "2 Program Pengembangan Data", "3", "4", "5", "6 100,00"],
                      ["", "", "450.000.000", "435.869.020", "96,86", ""],
                      ["9", "Program Peningkatan Produksi", "29.684.542.985", "28.373.414.438", "95,58", "99,02"]],
                     edges)
    (table,) = build_tables([grid])
    assert [r.cells[:4] for r in table.rows] == [
        ["8", "Program Pengembangan Data", "450.000.000", "435.869.020"],
        ["9", "Program Peningkatan Produksi", "29.684.542.985", "28.373.414.438"]]


def test_a_row_of_figures_under_a_row_that_prints_figures_is_not_joined() -> None:
    grid = _grid([["No", "Program", "Anggaran (Rp)"], ["1.", "Program A", "1.000.000"],
                  ["", "", "2.000.000"]])
    (table,) = build_tables([grid])
    assert len(table.rows) == 2


def test_a_total_alone_under_the_names_header_is_the_first_data_row_not_a_sub_header() -> None:
    """LKIP BP3AKB p30: `TOTAL ANGGARAN` (amount not printed) under `Uraian Program dan Kegiatan`
    made the name column `… / TOTAL ANGGARAN` a pagu column and the table lost its budget."""
    grid = _grid([["No", "Uraian Program dan Kegiatan", "Target Anggaran (Rp)"],
                  ["", "TOTAL ANGGARAN", ""],
                  ["I.", "BELANJA TIDAK LANGSUNG", "11,038,000,000"]])
    (table,) = build_tables([grid])
    assert [c.role for c in table.columns] == ["no", "name", "pagu"]
    assert [r.cells[1] for r in table.rows] == ["TOTAL ANGGARAN", "BELANJA TIDAK LANGSUNG"]
    sub_header = _grid([["Program", "Realisasi", ""], ["", "Jumlah", "%"], ["Program A", "1.000.000", "90"]])
    (table,) = build_tables([sub_header])
    assert [r.cells[0] for r in table.rows] == ["Program A"]


def test_a_plans_years_over_target_realisasi_pairs_name_the_report_years_pair() -> None:
    """LAMPIRAN 1 IKU p2: `INDIKATOR | 2014 | | 2015 | | 2016 | | 2017 | ` over TARGET/REALISASI
    pairs. The row of years is a header (not small figures), and the report year is the latest
    whose realisasi is printed (2017 prints only targets)."""
    grid = _grid([["NO", "INDIKATOR KINERJA", "2014", "", "2015", "", "2016", "", "2017", ""],
                  ["", "", "TARGET", "REALISASI", "TARGET", "REALISASI", "TARGET", "REALISASI",
                   "TARGET", "REALISASI"],
                  ["1", "Persentase temuan", "10%", "35,90%", "10%", "22,30%", "10%", "12,5%", "10%", ""],
                  ["2", "Jumlah auditor", "70 orang", "68 orang", "70 orang", "68 orang", "73 orang",
                   "61 orang", "80 orang", ""]])
    (table,) = build_tables([grid])
    assert [c.role for c in table.columns] == ["no", "indikator", "other", "other", "other", "other",
                                               "target", "realisasi_kinerja", "other", "other"]
    assert table.columns[6].header == "2016 / TARGET"
    assert [r.cells[1] for r in table.rows] == ["Persentase temuan", "Jumlah auditor"]


def test_bare_figures_that_do_not_count_years_keep_a_row_data() -> None:
    from pipeline.structure.roles import looks_like_data
    assert looks_like_data(["Jumlah kegiatan", "2014", "2016"])  # not successive
    assert looks_like_data(["12", "2014", "2015"])  # no words: figures
    assert not looks_like_data(["INDIKATOR", "2014", "", "2015"])


def test_a_text_conversion_whose_cells_hold_whole_names_keeps_name_only_rows_apart() -> None:
    """A converter that read cells prints each kegiatan (no figures) on its own line under its
    program: they are rows, not the program name's wrapped tail. Only after a blank line (a
    page break in the text) does a name-only row continue the row above."""
    text = ("Sasaran\tNama Program / Kegiatan\tAnggaran\tRealisasi\tCapaian\n"
            "Meningkatnya ekspor\tProgram Peningkatan dan Pengembangan Ekspor\t413,350,000.00\t409,070,737.00\t98.96\n"
            "\tMonitoring dan Verifikasi Pemegang Angka Pengenal Importir (API)\t\t\t\n"
            "\tPenyusunan Data Base Importir Jawa Barat\t\t\t\n"
            "Meningkatnya pasar\tProgram Pengembangan Sistem Perdagangan Dalam Negeri\t4,375,000,000.00\t4,011,228,172.00\t91.69\n"
            "\tProgram Pengembangan Pasar Lelang di Jawa Barat Selatan\t100,000,000.00\t97,895,000.00\t97.90\n"
            "\tSub Kegiatan Penyediaan Administrasi Keuangan\t356,391,000.00\t297,151,800.00\t83.38\n"
            "\n"
            "\tPelaksanaan Tugas ASN\t\t\t\n")
    (table,) = build_tables(read_text("t.txt", text.encode()).grids)
    names = [r.cells[1] for r in table.rows]
    assert names[:3] == ["Program Peningkatan dan Pengembangan Ekspor",
                         "Monitoring dan Verifikasi Pemegang Angka Pengenal Importir (API)",
                         "Penyusunan Data Base Importir Jawa Barat"]
    assert names[-1] == "Sub Kegiatan Penyediaan Administrasi Keuangan Pelaksanaan Tugas ASN"
    short = ("Program\tAnggaran\n" "Program Penunjang\t1.000.000\n" "Pemerintahan Daerah\t\n"
             "Program Lain\t2.000.000\n" "Kegiatan A\t3.000.000\n")
    (table,) = build_tables(read_text("t.txt", short.encode()).grids)  # a converter that read lines
    assert [r.cells[0] for r in table.rows][0] == "Program Penunjang Pemerintahan Daerah"


def test_the_permendagri_86_evaluation_form_reads_each_kinerja_and_rp_pair_by_its_heading() -> None:
    """The evaluasi Renja form prints every figure as a K | Rp pair under one heading: the
    Renstra's end and cumulative columns are no role, this year's target is target + pagu, the
    quarters are tw*_k + tw*_rp, the year's realisasi is realisasi_kinerja + realisasi; the
    quarter's `IV` spans only its own pair, not the headings after it."""
    from pipeline.extract import extract_document

    (table,) = build_tables(read_text(EXTRACTS / "evaluasi-renja-e81.txt").grids)
    roles = [c.role for c in table.columns]
    assert roles[5:11] == ["other", "other", "other", "other", "target", "pagu"]
    assert roles[11:19] == ["tw1_k", "tw1_rp", "tw2_k", "tw2_rp", "tw3_k", "tw3_rp", "tw4_k", "tw4_rp"]
    assert roles[19:25] == ["realisasi_kinerja", "realisasi", "other", "other", "other", "other"]
    doc = extract_document(EXTRACTS / "evaluasi-renja-e81.txt")
    program = doc.budget_lines[0]
    assert (program.pagu, program.tw1_rp, program.tw4_rp, program.realisasi) == (
        5_200_000_000, 1_040_000_000, 1_310_000_000, 5_000_000_000)
    kegiatan = doc.indicators[1]
    assert (kegiatan.target_value, kegiatan.tw2_value, kegiatan.realisasi_value) == (4, 2, 4)


def test_a_realisation_tables_amounts_are_named_by_its_caption_and_which_is_the_larger() -> None:
    """LKIP.pdf p39 (Tabel 3.9 Realisasi Anggaran Per Indikator): a black header band over `No |
    Sasaran | Indikator | Target | Program | pagu | realisasi` and no share column. The caption
    names a budget's realisation; the amount at least the other row after row is the pagu; the
    programs open with `Program`, and the two text columns before the figures are sasaran and
    indikator with their target."""
    from pipeline.structure.headerless import infer_header
    from pipeline.structure.tables import build_tables
    from schemas.model import Grid, GridRow

    cells = [["- 1", "Meningkatnya penyelenggaraan pengelolaan SDA", "Prosentase rekomendasi teknis", "100%",
              "Program Pengembangan, Pengelolaan, dan Konservasi Sungai", "6.383.235.800", "5.969.111.613"],
             ["", "", "Prosentase intensitas tanam", "220%", "Program Pengembangan dan Pengelolaan Jaringan Irigasi",
              "405.141.240", "395.121.720"],
             ["2", "Meningkatnya partisipasi masyarakat", "Partisipasi masyarakat", "4 Tahapan",
              "Program Pengembangan, Pengelolaan, dan Konservasi Sungai", "10.139.590.000", "2.513.956.532"],
             ["", "", "", "", "Program Pengembangan dan Pengelolaan Jaringan Irigasi", "2.533.288.840", "9.142.396.087"],
             ["3", "Meningkatnya kapasitas tampung", "Bertambahnya kapasitas tampung situ", "150000 m3",
              "Program Pengendalian Banjir dan Kekeringan", "16.523.280.860", "16.436.156.485"]]
    rows = [GridRow(cells=list(c)) for c in cells]
    caption = "Tabel 3.9 Realisasi Anggaran Per Indikator Tahun 2016"
    expected = ["No", "Sasaran", "Indikator Kinerja", "Target", "Program/Kegiatan", "Anggaran (Rp)", "Realisasi (Rp)"]
    assert infer_header(rows, 7, caption) == [expected]
    swapped = [GridRow(cells=c[:5] + [c[6], c[5]]) for c in cells]  # realisasi printed first
    assert infer_header(swapped, 7, caption)[0][5:] == ["Realisasi (Rp)", "Anggaran (Rp)"]
    assert infer_header(rows, 7) is None  # no caption: which amount is pagu is not ours to guess
    assert infer_header(rows, 7, "Tabel 3.10 Alokasi Anggaran Per Indikator") is None  # no realisation
    mixed = [GridRow(cells=c[:5] + ([c[5], c[6]] if k in (0, 2) else [c[6], c[5]])) for k, c in enumerate(cells)]
    assert infer_header(mixed, 7, caption) is None  # neither amount the larger in most rows (3 and 2 of 5)
    no_programs = [GridRow(cells=c[:4] + [c[4].replace("Program ", "")] + c[5:]) for c in cells]
    assert infer_header(no_programs, 7, caption) is None  # three text columns, none the programs

    noise = ["", "NESE MANA", "aaa an Final hal Sara", "Swata Aa Dea", "", "pat mage RIMS", "Katkan ORG"]
    grid = Grid(rows=[GridRow(cells=list(c), page=39) for c in [noise, *cells]], page=39, source="pdf:ruled",
                caption=caption)
    [table] = build_tables([grid])
    assert [c.role for c in table.columns] == ["no", "sasaran", "indikator", "target", "name", "pagu", "realisasi"]
