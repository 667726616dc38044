"""Layout of scanned tables whose rulings the scan broke (extractors/pdf/ruled.py with
`scanned=True`, ocr image block edges, ocr numbers spaced figures), on hand-made objects.

Each case is the shape of a real LKIP.pdf page (pp 35, 56, 100): a text PDF's rulings are
exact, so there the same shapes stay merged cells (checked too)."""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.image import find_rulings, ink_mask
from extractors.ocr.numbers import DOUBT, read_glyphs, repair_column, repair_spaced
from extractors.ocr.tokens import repair_token
from extractors.pdf.geometry import Segment, Word
from extractors.pdf.ruled import find_ruled_tables
from pipeline.structure.roles import respell_header, role_for_header
from tests.conftest import extract_text


def W(x0, y0, text, w=None, h=8.0):
    return Word(x0, y0, x0 + (w if w is not None else 5.0 * len(text)), y0 + h, text)


FRAME_V = [Segment(x, 0, 120) for x in (0, 100, 200, 300)]


def _rows(hs, vs, words, scanned):
    [t] = find_ruled_tables(hs, vs, words, scanned=scanned)
    return t.rows


def test_two_figures_stacked_where_a_scanned_rule_is_lost_stay_two_cells():
    # the row rule at y=60 is there in columns 1 and 2, lost in column 3
    hs = [Segment(0, 0, 300), Segment(60, 0, 200), Segment(120, 0, 300)]
    words = [W(10, 20, "Prosentase"), W(110, 20, "100%"), W(210, 20, "100"),
             W(10, 80, "Partisipasi"), W(110, 80, "4"), W(210, 80, "88,50")]
    assert _rows(hs, FRAME_V, words, True) == [["Prosentase", "100%", "100"], ["Partisipasi", "4", "88,50"]]
    assert _rows(hs, FRAME_V, words, False)[0][2] == "100 88,50"  # a text PDF: a merged cell


def test_a_cell_spanning_rows_with_one_figure_stays_merged_in_a_scan():
    hs = [Segment(0, 0, 300), Segment(60, 0, 200), Segment(120, 0, 300)]
    words = [W(10, 20, "a"), W(110, 20, "1"), W(210, 55, "1.000.000"), W(10, 80, "b"), W(110, 80, "2")]
    rows = _rows(hs, FRAME_V, words, True)
    assert rows[0][2] == "1.000.000" and rows[1][2] == ""


def test_numbered_items_stacked_where_the_rule_is_lost_stay_two_rows():
    hs = [Segment(0, 0, 300), Segment(60, 100, 300), Segment(120, 0, 300)]
    words = [W(10, 20, "3"), W(20, 20, "Manajemen"), W(10, 30, "DAS"), W(210, 20, "5.703.388.560", w=60),
             W(10, 80, "4"), W(20, 80, "Pengawasan"), W(210, 80, "387.353.000", w=55)]
    rows = _rows(hs, FRAME_V, words, True)
    assert [r[0] for r in rows] == ["3 Manajemen DAS", "4 Pengawasan"]
    words[4:6] = [W(10, 80, "dan"), W(30, 80, "Pengawasan")]  # a wrapped name: one cell
    assert _rows(hs, FRAME_V, words, True)[0][0] == "3 Manajemen DAS dan Pengawasan"


def test_names_of_one_kind_stacked_where_the_rule_is_lost_stay_two_rows():
    # LKIP.pdf p39: two programs in the name column, each beside its own budget row; the name
    # column's rule between them lost in the scan
    hs = [Segment(0, 0, 300), Segment(60, 100, 300), Segment(120, 0, 300)]
    words = [W(10, 20, "Program"), W(50, 20, "Komunikasi"), W(10, 30, "Informasi"),
             W(210, 20, "256.270.000", w=55),
             W(10, 80, "Program"), W(50, 80, "Pengembangan"), W(210, 80, "482.494.240", w=55)]
    rows = _rows(hs, FRAME_V, words, True)
    assert [r[0] for r in rows] == ["Program Komunikasi Informasi", "Program Pengembangan"]
    assert _rows(hs, FRAME_V, words, False)[0][0] == "Program Komunikasi Informasi Program Pengembangan"
    # as OCR read it, its top a little below its neighbour's
    words[4:6] = [W(10, 76.1, "Froyram"), W(50, 75.9, "Pengembangan")]
    assert [r[0] for r in _rows(hs, FRAME_V, words, True)] == ["Program Komunikasi Informasi", "Froyram Pengembangan"]
    # a name that wraps over the line, or lines starting with a short word: one cell
    words[4:6] = [W(10, 80, "Lainnya"), W(50, 80, "Pengembangan")]
    assert _rows(hs, FRAME_V, words, True)[0][0] == "Program Komunikasi Informasi Lainnya Pengembangan"
    words[0], words[4] = W(10, 20, "dan"), W(10, 80, "dan")
    assert _rows(hs, FRAME_V, words, True)[0][0] == "dan Komunikasi Informasi dan Pengembangan"


def test_a_part_of_a_merged_cell_has_no_box_of_its_own():
    # LKIP.pdf p38: a figure in a cell spanning two columns; OCR's vote read it again into the
    # covered column by its box. Only the merged cell has a box.
    vs = [Segment(0, 0, 120), Segment(100, 0, 120), Segment(200, 0, 60), Segment(300, 0, 120)]
    hs = [Segment(0, 0, 300), Segment(60, 0, 300), Segment(120, 0, 300)]
    words = [W(10, 20, "a"), W(110, 20, "b"), W(210, 20, "c"), W(10, 80, "Program"), W(150, 80, "564.160.000", w=55)]
    [t] = find_ruled_tables(hs, vs, words, scanned=True)
    assert t.rows[1] == ["Program", "564.160.000", ""]
    assert t.row_boxes[1] == [(0, 60, 100, 120), (100, 60, 300, 120), None]


def test_texts_side_by_side_where_a_column_rule_is_lost_stay_two_cells():
    vs = [Segment(0, 0, 120), Segment(100, 0, 40), Segment(100, 80, 120), Segment(200, 0, 120),
          Segment(300, 0, 120)]  # the rule between columns 1 and 2 lost beside the middle row
    hs = [Segment(y, 0, 300) for y in (0, 40, 80, 120)]
    words = [W(10, 10, "a"), W(110, 10, "b"), W(210, 10, "c"),
             W(5, 50, "sumber", w=30), W(40, 50, "air", w=15), W(118, 50, "Bertambahnya", w=60), W(210, 50, "1"),
             W(10, 90, "d"), W(110, 90, "e"), W(210, 90, "f")]
    assert _rows(hs, vs, words, True)[1][:2] == ["sumber air", "Bertambahnya"]
    # one label running over the lost rule with a word space: one merged cell
    words[3:6] = [W(60, 50, "Jumlah", w=30), W(93, 50, "Anggaran", w=40), W(136, 50, "Belanja", w=35)]
    assert _rows(hs, vs, words, True)[1][0] == "Jumlah Anggaran Belanja"


def test_the_middle_piece_of_a_rule_broken_on_both_sides_still_covers_its_border():
    hs = [Segment(0, 0, 300), Segment(60, 0, 98), Segment(125, 150, 170), Segment(60, 200, 300),
          Segment(120, 0, 300)]
    hs[2] = Segment(60, 125, 170)  # touches no vertical ruling: in no connected group
    words = [W(10, 20, "a"), W(110, 20, "Prosentase"), W(210, 20, "1"),
             W(10, 80, "b"), W(110, 80, "Bertambahnya", w=60), W(210, 80, "2")]
    rows = _rows(hs, FRAME_V, words, True)
    assert [r[1] for r in rows] == ["Prosentase", "Bertambahnya"]


def test_a_cell_printed_solid_black_gives_its_borders():
    img = np.full((400, 600), 255, np.uint8)
    cv2.rectangle(img, (50, 50), (550, 350), 0, 2)
    for x in (250, 400):
        cv2.line(img, (x, 50), (x, 350), 0, 2)
    for y in (150, 250):  # row rules stop where the black column starts
        cv2.line(img, (50, y), (400, y), 0, 2)
    img[152:248, 402:550] = 0  # the middle cell of the last column, printed black
    hs, vs, _ = find_rulings(ink_mask(img), 150.0)
    ys = sorted({round((b[1] + b[3]) / 2 / 10) * 10 for b in hs if b[2] > 500})
    assert 150 in ys and 250 in ys  # the block's top and bottom reach into the last column
    for x in (400, 550):  # its left and right sides: the column rules through it
        assert any(abs((b[0] + b[2]) / 2 - x) <= 5 and b[1] <= 160 and b[3] >= 240 for b in vs), x


def test_a_space_inside_a_figure_is_a_lost_dot_only_when_the_groups_then_fit():
    assert repair_spaced("5.703 388 560") == "5.703.388.560"
    assert repair_spaced("§.703.388 560") == "5.703.388.560"
    assert repair_spaced("292 49.240") == "292 49.240" + DOUBT  # a digit lost as well
    assert repair_spaced("92 02") == "92 02"  # short: a percent, left to the percent repair
    # LKIP.pdf p59, PP-OCR: `1.900.000.000` with its first mark lost and one read as a space
    assert repair_spaced("1900.000 000") == "1.900.000.000"
    assert repair_spaced("2016 100") == "2016 100"  # a year and a count: not an amount
    assert repair_column(["-", "292 49.240", "5.703 388 560", "387.353.000"])[1:3] == ["292 49.240" + DOUBT, "5.703.388.560"]


def test_a_column_read_with_spaces_for_marks_repairs_its_cells_by_the_form_they_show():
    """LKIP.pdf p93's Triw II: Tesseract read the marks as spaces, PP-OCR (whose reading the vote
    took) lost a first mark: `188170.000` is 188.170.000, not 188170 with three decimals."""
    column = ["72 855 150", "119 296 450", "", "188170.000", "47 600 000", "186 150 000"]
    assert repair_column(column) == ["72.855.150", "119.296.450", "", "188.170.000", "47.600.000", "186.150.000"]
    assert repair_column(["1 234 567", "7 654 321", "18817.0000"])[2] == "18817.0000" + DOUBT  # a mark astray
    assert repair_column(["92 02", "86,77", "188170.000"])[2] == "188170.000"  # no amounts: as read


def test_a_zero_read_as_a_letter_inside_a_group_is_a_zero():
    """A 6-px `0` with a side lost reads `D` or `C`: LKIP.pdf p98 `15.700.229.8DD` (every reading of
    both engines: `80D`, `8D0`, `8DD`), p93 `315.360 00C`. Inside a group after a digit's mark only a
    digit can stand; elsewhere the letters are a unit or a word."""
    assert read_glyphs("315.360 00C") == "315.360 000"
    assert {read_glyphs(t) for t in ("15.700.229.8DD", "15.700.229.80D", "15.700.229.8D0")} == {"15.700.229.800"}
    assert repair_column(["5.588.985.000", "15.700.229.8DD", "26.310.086.500"])[1] == "15.700.229.800"
    for text in ("3 Dok", "25 C", "2.000 DC", "142.50G00C", "Rp 2.000 CDC"):
        assert read_glyphs(text) == text, text


def test_a_list_number_glued_to_a_name_without_its_dot_is_split():
    assert [w.text for w in repair_token(W(0, 0, "4Pengawasan"))] == ["4", "Pengawasan"]
    assert [w.text for w in repair_token(W(0, 0, "3D"))] == ["3D"]


def test_ocr_garbled_header_words_are_respelled_before_roles_are_given():
    assert respell_header("KINERJA / Realisas!") == "KINERJA / realisasi"
    assert role_for_header("KINERJA / Capalan") == "capaian"
    assert role_for_header("ANGGARAN / Alokas!") == "pagu"
    assert role_for_header("Kegiatan / Urajan") == "name"
    assert role_for_header("% PENYERAPAN ANGGARAN") == "realisasi_pct"
    assert respell_header("Program Pengembangan") == "Program Pengembangan"  # no header word near


def test_a_penyerapan_column_alone_makes_budget_lines_named_by_the_indicator(tmp_path):
    text = ("Tabel 3.7 Efisiensi Penggunaan Sumber Daya\n"
            "No\tSasaran Strategis\tIndikator Kinerja\t% Capaian Kinerja\t% Penyerapan Anggaran\n"
            "1\tMeningkatnya layanan irigasi\tPersentase jaringan irigasi dalam kondisi baik\t100,01\t98,33\n"
            "2\tMeningkatnya akurasi data\tAkurasi data dalam Sistem Informasi\t97,95\t92,79\n")
    doc = extract_text(tmp_path, text)
    assert [(b.name, str(b.realisasi_pct), b.pagu) for b in doc.budget_lines] == [
        ("Persentase jaringan irigasi dalam kondisi baik", "98.33", None),
        ("Akurasi data dalam Sistem Informasi", "92.79", None)]
    assert [str(i.capaian_pct) for i in doc.indicators] == ["100.01", "97.95"]


def test_rereadings_can_be_turned_off(monkeypatch):
    from extractors.ocr import engine as ocr

    monkeypatch.setenv("LKJIP_OCR_REREADS", "0")
    assert ocr.rereads() == 0
    monkeypatch.setenv("LKJIP_OCR_REREADS", "9")
    assert ocr.rereads() == len(ocr.REREAD_SMOOTHING)
    monkeypatch.delenv("LKJIP_OCR_REREADS")
    assert ocr.rereads() == len(ocr.REREAD_SMOOTHING)
