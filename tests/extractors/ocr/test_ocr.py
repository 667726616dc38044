"""OCR of scanned pages (extractors/ocr/).

Generated image-only PDFs with known truth: a ruled table drawn with PyMuPDF, rasterised and
put back as the only content of a page. Tests that run Tesseract skip when it is absent; the
rest (number repair, confidence, flags, the no-Tesseract path) need nothing installed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from extractors.ocr import engine as ocr
from extractors.ocr.image import PageImage
from extractors.ocr import paddle, recognisers, tesseract
from extractors.ocr.cells import finish_ocr_grids
from extractors.ocr.flags import RULE as LOW_CONFIDENCE
from extractors.ocr.flags import check_low_confidence
from extractors.ocr.numbers import DOUBT, column_convention, read_glyphs, repair_column
from extractors.pdf import read_pdf
from extractors.pdf.geometry import Segment
from pipeline.extract import extract_document
from pipeline.normalise.numbers import INDONESIAN, parse_value
from schemas.model import BudgetLine, Grid, GridRow

TESSERACT = ocr.unavailable_reason()
needs_tesseract = pytest.mark.skipif(TESSERACT is not None, reason=f"{TESSERACT} (apt-get install tesseract-ocr tesseract-ocr-ind)")
PPOCR = paddle.PaddleRecogniser().unavailable()
TESSERACT_ALONE = tesseract.TesseractRecogniser().unavailable()

HEADER = ["No", "Program", "Pagu (Rp)", "Realisasi (Rp)"]
ROWS = [
    ["1", "Program Pelayanan Administrasi", "1.250.000.000", "1.100.500.000"],
    ["2", "Program Peningkatan Sarana", "845.300.000", "790.000.000"],
    ["3", "Program Perencanaan Daerah", "2.070.450.000", "1.980.000.000"],
]
# the same table with zeros printed `-`, scanned at 100 dpi in an 8-pt serif face (`font`)
SMALL_ROWS = [
    ["1", "Program Pelayanan Administrasi", "1.250.000.000", "-"],
    ["2", "Program Peningkatan Sarana", "845.300.000", "790.000.000"],
    ["3", "Program Perencanaan Daerah", "-", "1.980.000.000"],
]
COLS = [40, 70, 250, 350, 450]  # x of the vertical rules
TOP, ROW_H = 60, 26


def _scan_pdf(path: Path, header: list[str] = HEADER, rows: list[list[str]] = ROWS, dpi: int = 200,
              title: str = "LAPORAN KINERJA TAHUN 2016", font: tuple[str, float] = ("helv", 10)) -> Path:
    """A one-page PDF whose only content is a picture of a ruled table (a scan). An amount
    cell `-` is a short stroke, as a zero is printed: 5 x 1.2 pt."""
    src = pymupdf.open()
    page = src.new_page(width=500, height=80 + ROW_H * (len(rows) + 1) + 30)
    page.insert_text((40, 40), title, fontsize=11, fontname="hebo")
    bottom = TOP + ROW_H * (len(rows) + 1)
    for k in range(len(rows) + 2):
        y = TOP + ROW_H * k
        page.draw_line((COLS[0], y), (COLS[-1], y), width=0.8)
    for x in COLS:
        page.draw_line((x, TOP), (x, bottom), width=0.8)
    for r, cells in enumerate([header] + rows):
        y = TOP + ROW_H * r + 17
        for c, text in enumerate(cells):
            if c >= 2 and text == "-":
                page.draw_line((COLS[c + 1] - 25, y - 3.5), (COLS[c + 1] - 20, y - 3.5), width=1.2)
            elif c >= 2:  # amounts right-aligned, as printed
                width = pymupdf.get_text_length(text, fontname=font[0], fontsize=font[1])
                page.insert_text((COLS[c + 1] - 6 - width, y), text, fontsize=font[1], fontname=font[0])
            else:
                page.insert_text((COLS[c] + 5, y), text, fontsize=font[1], fontname=font[0])
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    out = pymupdf.open()
    scan = out.new_page(width=page.rect.width, height=page.rect.height)
    scan.insert_image(scan.rect, pixmap=pix)
    out.save(path)
    return path


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    return _scan_pdf(tmp_path_factory.mktemp("ocr") / "scan.pdf")


# --------------------------------------------------------------------------- with Tesseract
@needs_tesseract
def test_scanned_ruled_table_is_read_cell_by_cell(scan: Path):
    doc = read_pdf(str(scan))
    assert doc.pages_needing_ocr == [] and doc.warnings == []
    assert "LAPORAN KINERJA" in doc.page_texts[0]
    [grid] = doc.grids
    assert grid.source == "pdf:ruled"  # rulings found in the image, not in vector drawings
    assert [r.cells[2:] for r in grid.rows] == [HEADER[2:]] + [r[2:] for r in ROWS]
    assert [r.cells[0] for r in grid.rows[1:]] == ["1", "2", "3"]
    assert grid.rows[1].cells[1] == ROWS[0][1]
    for row in grid.rows:
        assert row.cell_confidence is not None and len(row.cell_confidence) == len(row.cells)
        assert all(c is not None and 0 <= c <= 100 for c in row.cell_confidence)
    # word boxes are in PDF points: the amounts sit in their column's x range
    x0, _, x1, _ = grid.rows[1].cell_boxes[2]
    assert (x0, x1) == pytest.approx((COLS[2], COLS[3]), abs=3)


@needs_tesseract
def test_a_table_page_is_read_again_from_smoothed_images_with_the_same_geometry(scan: Path, monkeypatch):
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "tesseract")  # its own re-readings only (the default adds PP-OCR's)
    with pymupdf.open(scan) as pdf:
        page = ocr.ocr_page(pdf[0])
    assert len(page.rereadings) == len(ocr.REREAD_SMOOTHING)
    assert page.engine == "tesseract" and page.reread_engines == ["tesseract"] * len(ocr.REREAD_SMOOTHING)
    first = {w.text for w in page.words if w.text[:1].isdigit() and len(w.text) > 6}
    for words in page.rereadings:
        again = {w.text: w for w in words if w.text in first}
        assert again, "each re-reading finds the amounts too"
        for w in page.words:  # at the same place: the vote compares cells by box
            if w.text in again:
                assert again[w.text].x0 == pytest.approx(w.x0, abs=3) and again[w.text].y0 == pytest.approx(w.y0, abs=3)
    assert read_pdf(str(scan)).ocr_reread_pages == 1


@needs_tesseract
def test_scanned_table_becomes_budget_lines_with_confidence(scan: Path):
    doc = extract_document(scan)
    assert doc.status in ("ok", "partial") and "OCR" not in (doc.error or "")
    got = {(b.name, b.pagu, b.realisasi) for b in doc.budget_lines}
    want = {(r[1], Decimal(r[2].replace(".", "")), Decimal(r[3].replace(".", ""))) for r in ROWS}
    assert got == want
    conf = json.loads(doc.budget_lines[0].raw_cells["ocr_confidence"])
    assert set(conf) >= {"pagu", "realisasi", "name"} and min(conf.values()) > 50
    assert not [f for f in doc.flags if f.rule == LOW_CONFIDENCE]  # a clean 200-dpi scan is read surely


@needs_tesseract
def test_a_dash_no_recogniser_reads_is_still_a_zero(tmp_path: Path, monkeypatch):
    # a 100-dpi scan of an 8-pt serif table: Tesseract does not read the `-` of the third row
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "tesseract")
    scan = _scan_pdf(tmp_path / "dash.pdf", rows=SMALL_ROWS, dpi=100, font=("tiro", 8))
    [grid] = read_pdf(str(scan)).grids
    assert grid.rows[3].cells[2] == "-"


@needs_tesseract
@pytest.mark.skipif(PPOCR is not None, reason=str(PPOCR))
def test_a_table_tesseract_cannot_read_is_read_by_the_other_engine(tmp_path: Path, monkeypatch):
    # 8-pt serif figures at 100 dpi: Tesseract reads `TOOL OCO C0` for 790.000.000 and finds no
    # figure on the page, yet its rulings make it a table page, which PP-OCR reads too
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "tesseract+paddle")
    scan = _scan_pdf(tmp_path / "small.pdf", rows=SMALL_ROWS, dpi=100, font=("tiro", 8))
    [grid] = read_pdf(str(scan)).grids
    assert [r.cells[2:] for r in grid.rows[1:]] == [r[2:] for r in SMALL_ROWS]


def test_a_page_with_a_ruled_grid_or_figures_is_a_table_page():
    grid = ([Segment(y, 0, 100) for y in (0, 20, 40)], [Segment(x, 0, 40) for x in (0, 50, 100)])
    figures = [ocr.OcrWord(0, 0, 10, 10, t, False, 90) for t in ("1.234.567", "2.345.678", "3.456.789")]
    garble = [ocr.OcrWord(0, 0, 10, 10, "TOOL", False, 40)]
    assert ocr.is_table_page(ocr.OcrPage(100, 40, garble, *grid, ""))
    assert ocr.is_table_page(ocr.OcrPage(100, 40, figures, [], [], ""))
    assert not ocr.is_table_page(ocr.OcrPage(100, 40, garble, grid[0][:2], grid[1], ""))


@needs_tesseract
def test_sideways_scan_is_turned_upright(tmp_path: Path):
    path = _scan_pdf(tmp_path / "upright.pdf")
    src = pymupdf.open(path)
    pix = src[0].get_pixmap(matrix=pymupdf.Matrix(200 / 72, 200 / 72).prerotate(90))  # lay it on its side
    out = pymupdf.open()
    page = out.new_page(width=src[0].rect.height, height=src[0].rect.width)
    page.insert_image(page.rect, pixmap=pix)
    out.save(tmp_path / "sideways.pdf")
    [grid] = read_pdf(str(tmp_path / "sideways.pdf")).grids
    assert [r.cells[2] for r in grid.rows[1:]] == [r[2] for r in ROWS]


@needs_tesseract
def test_page_time_limit_leaves_the_page_to_ocr(scan: Path, monkeypatch):
    monkeypatch.setenv("LKJIP_OCR_PAGE_TIMEOUT", "0.01")
    doc = read_pdf(str(scan))
    assert doc.pages_needing_ocr == [1]
    assert doc.warnings and doc.warnings[0].startswith("page 1: OCR failed")
    assert extract_document(scan).status == "needs_ocr"


# --------------------------------------------------------------------------- without Tesseract
def test_without_any_recogniser_a_scan_stays_needs_ocr_with_the_reason(scan: Path, monkeypatch):
    monkeypatch.delenv("LKJIP_OCR", raising=False)  # turned off says so first
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "tesseract")
    monkeypatch.setattr(tesseract, "_find_binary", lambda: None)
    monkeypatch.setattr(paddle, "_model_dir", lambda: None)
    assert ocr.unavailable_reason() == "OCR not available: tesseract not installed"
    src = read_pdf(str(scan))
    assert src.pages_needing_ocr == [1] and src.grids == []
    doc = extract_document(scan)
    assert doc.status == "needs_ocr"
    assert doc.error == ("all 1 pages are images without a text layer; "
                         "OCR not available: tesseract not installed")


def test_the_engine_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("LKJIP_OCR_ENGINE", raising=False)
    assert recognisers.engine_choice() == ["tesseract", "paddle"] == recognisers.DEFAULT_ENGINE.split("+")
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "Paddle+Tesseract")
    assert recognisers.engine_choice() == ["paddle", "tesseract"]
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "abbyy")  # unknown: the default, not a failure
    assert recognisers.engine_choice() == ["tesseract", "paddle"]


@pytest.mark.skipif(TESSERACT_ALONE is not None, reason=f"{TESSERACT_ALONE}")
def test_without_the_pp_ocr_models_tesseract_stands_in(monkeypatch):
    monkeypatch.setenv("LKJIP_OCR_ENGINE", "paddle")
    monkeypatch.setattr(paddle, "_model_dir", lambda: None)
    recs, reason = recognisers.chosen()
    assert reason is None and [r.name for r in recs] == ["tesseract"]


def test_the_pp_ocr_models_ship_inside_the_package():
    """Nothing may download at run time: the three ONNX models are files of the wheel."""
    assert PPOCR is None, PPOCR
    assert all((paddle._model_dir() / m).stat().st_size > 100_000 for m in paddle.MODELS)


def test_render_resolution_is_a_whole_multiple_of_the_scans():
    assert [ocr.render_dpi(d) for d in (100, 150, 120, 200, 300, 600, None)] == [300, 300, 240, 200, 300, 300, 300]


def test_ocr_can_be_turned_off(scan: Path, monkeypatch):
    monkeypatch.setenv("LKJIP_OCR", "off")
    assert extract_document(scan).status == "needs_ocr"


def test_page_timeout_from_the_environment(monkeypatch):
    monkeypatch.delenv("LKJIP_OCR_PAGE_TIMEOUT", raising=False)
    assert ocr.page_timeout() == 60.0
    monkeypatch.setenv("LKJIP_OCR_PAGE_TIMEOUT", "12.5")
    assert ocr.page_timeout() == 12.5
    monkeypatch.setenv("LKJIP_OCR_PAGE_TIMEOUT", "soon")
    assert ocr.page_timeout() == 60.0


def test_hidden_text_layer_is_recognised(tmp_path: Path):
    doc = pymupdf.open()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 60, 80), 0)
    pix.clear_with(255)
    under = doc.new_page(width=300, height=400)  # text first, then a full-page image over it
    under.insert_text((50, 50), "D1NAS PETERNAKAN RpA.868.180.000", fontsize=10)
    under.insert_image(under.rect, pixmap=pix)
    invisible = doc.new_page(width=300, height=400)  # render mode 3 over the image
    invisible.insert_image(invisible.rect, pixmap=pix)
    invisible.insert_text((50, 50), "DINAS PETERNAKAN", fontsize=10, render_mode=3)
    plain = doc.new_page(width=300, height=400)  # visible text beside a logo
    plain.insert_image(pymupdf.Rect(10, 10, 40, 40), pixmap=pix)
    plain.insert_text((50, 50), "DINAS PETERNAKAN", fontsize=10)
    assert [ocr.hidden_text_layer(p) for p in doc] == [True, True, False]


def test_noise_words_are_dropped_but_dashes_kept():
    assert ocr.is_noise("|", 90) and ocr.is_noise("\\", 60) and ocr.is_noise("ka", 10)
    assert not ocr.is_noise("-", 90) and not ocr.is_noise("Rp.", 15) and not ocr.is_noise("12", 95)


# --------------------------------------------------------------------------- number repair
def test_repair_uses_the_columns_convention():
    column = ["Pagu", "1.250.000.000", "845.300.000", "45 955.396.559", "18.542811100", "16.523.28O.860",
              "2.696.2", "18.5428111", "Rp. 564.16O.000,-", "12.317.066 ton", "10,90 %", "-"]
    assert column_convention(column) == "whole"
    fixed = repair_column(column)
    assert fixed[:3] == column[:3]  # already right
    assert fixed[3:6] == ["45.955.396.559", "18.542.811.100", "16.523.280.860"]  # space, lost dot, letter O
    assert fixed[6:8] == ["2.696.2" + DOUBT, "18.5428111" + DOUBT]  # a digit lost: no guess
    assert fixed[8] == "Rp. 564.160.000,-"
    assert fixed[9:] == column[9:]  # unit kept; a printed decimal and a dash left alone
    for cell in fixed[6:8]:
        assert parse_value(cell, INDONESIAN).kind == "unparsed"  # becomes `unparsed_amount`
    assert parse_value(fixed[4], INDONESIAN).value == Decimal("18542811100")


def test_no_repair_without_a_clear_convention():
    assert column_convention(["1.250.000.000", "17,620,100", "3,456,789"]) is None
    cells = ["1.250.000.000", "18.542811100", "2.696.2"]
    assert column_convention(cells[:1]) is None  # one clean cell is no convention
    assert repair_column(["Nama", "18.542811100", "2.696.2"]) == ["Nama", "18.542811100", "2.696.2"]


def test_cents_columns_keep_their_cents():
    column = ["1.234.567,00", "45.000.000,50", "7.500,00", "2 500 000,00", "9.999.999"]
    assert column_convention(column) == "cents"
    assert repair_column(column) == ["1.234.567,00", "45.000.000,50", "7.500,00", "2.500.000,00", "9.999.999" + DOUBT]


def test_unreadable_cents_in_a_column_of_zero_cents_are_the_columns():
    # LKIP.pdf's 100-dpi serif `,00`: both engines read it `,1H)` or `.(0`
    column = ["374.160.000,1H)", "405.141.240.(0", "1.234.567,00", "292.494.240.00", "Jumlah", ""]
    assert repair_column(column)[:4] == ["374.160.000,00", "405.141.240,00", "1.234.567,00", "292.494.240,00"]
    # cents that are not all `00`, or a column without cents: left as read (unparsed)
    assert repair_column(["374.160.000,1H)", "1.234.567,50", "292.494.240,00"])[0] == "374.160.000,1H)"
    assert repair_column(["374.160.000,1H)", "1.234.567", "292.494.240"])[0] == "374.160.000,1H)"
    # a figure whose integer is not whole (a group lost a digit) stays unparsed
    assert repair_column(["374.16.000,1H)", "1.234.567,00", "292.494.240,00"])[0].startswith("374.16.000")
    # three characters after a `.` may be a spoilt group (`.S00` for `.500`), digits a misread
    # figure (`.000` for `,00`): left as read
    column = ["6.423.824.S00", "16.823.280.860.000", "1.234.567,00", "292.494.240,00"]
    assert [c.rstrip("?") for c in repair_column(column)[:2]] == ["6.423.824.S00", "16.823.280.860.000"]
    # LKIP.pdf p102's Target Keuangan: a `00` read `11` among a column of `,00` does not unmake
    # the column (four in five cells showing cents show `00`), is itself `00` (the 6-px `0` read
    # `1`), and `.(H)` is `00` spoilt
    column = ["2.933.116.290,00", "759.465.040,00", "2 449.163.248,(", "275.152.760,00", "142.500.000,11",
              "6.423.824.500,00", "285.000.000.(H)"]
    assert repair_column(column) == ["2.933.116.290,00", "759.465.040,00", "2.449.163.248,00", "275.152.760,00",
                                     "142.500.000,00", "6.423.824.500,00", "285.000.000,00"]
    # as the vote hands it over, marks mixed (`142.500,000,11`): repaired, then its cents
    column = ["2 933 116,290,00", "759.465.040,00", "275 152 760,00", "142.500,000,11", "6.423.824 500.00"]
    assert repair_column(column)[3] == "142.500.000,00"
    # cents of other digits are cents: `,50` stays in a column of `,00`
    column = ["1.234.567,00", "2.000.000,00", "3.000.000,00", "4.000.000,00", "5.000.000,00", "403.788.440,50"]
    assert repair_column(column)[-1] == "403.788.440,50"
    assert repair_column(["285.000.000.(H)", "1.234.567,10", "292.494.240,11", "1.000,00", "2.000,00"])[0] \
        == "285.000.000.(H)"  # two of four shown cents are not `00`: cents of their own


def test_a_zero_read_as_its_two_arcs_is_a_zero():
    # LKIP.pdf p100: the 100-dpi `0` of `190.000.000,00` read `(1`; a bracket after a digit or a
    # mark is no bracket (those enclose whole figures), so the figure is `190.000.000,00`
    column = ["292.494.240,00", "5.703.388.560,00", "190.000.(100,00", "150.000.000,00"]
    assert repair_column(column)[2] == "190.000.000,00"
    assert repair_column(["1.2(1)4.567", "4.()00.000", "1.234.567", "2.000.000"])[:2] == ["1.204.567", "4.000.000"]
    # p103: a whole group of zeros read as arcs and strokes, after a mark (PP-OCR's readings)
    column = ["2.933.116.290,00", "759.465.040,00", "800.000 (HN0.00", "39,500 (HM0.00"]
    assert repair_column(column)[2:] == ["800.000.000,00", "39.500.000,00"]
    # ... a zero's left arc read apart (`45.(000.000.(00`), and a `4` read as `+` where a first
    # group's first digit stands (p103 `+20.861.000,00`): a sign never stands there
    column = ["2.933.116.290,00", "759.465.040,00", "45.(000.000.(00", "+20.861.000,00"]
    assert repair_column(column)[2:] == ["45.000.000,00", "420.861.000,00"]
    assert read_glyphs("+20.861.000,00") == "420.861.000,00" and read_glyphs("+5,2%") == "+5,2%"
    assert read_glyphs("+1.234.567") == "+1.234.567"  # a first group of one: a sign, or nothing known
    # two characters are too few for a group: unparsed
    assert repair_column(["1.234.(1,00", "759.465.040,00", "2.933.116.290,00"])[0] == "1.234.(1,00" + DOUBT
    # a bracket around the whole figure stays one, and a figure the zero does not make fit (a
    # digit lost: `19.0.000`) stays unparsed
    assert repair_column(["(1.234.567)", "1.234.567", "2.000.000"])[0] == "(1.234.567)"
    assert repair_column(["19.(1.000", "1.234.567", "2.000.000"])[0] == "19.(1.000" + DOUBT


def test_cents_read_with_the_wrong_marks_still_say_the_column_prints_cents():
    # LKIP.pdf p100 as PP-OCR reads its 100-dpi `292.494.240,00` column: commas read as dots or spaces
    column = ["Keuangan (Rp)", "292.494.240.00", "5.703 388,560,00", "387 353.000.00", "150 000.000.00",
              "405.141.240.(0"]
    assert column_convention(column) == "cents"
    # the last cell's cents are unreadable: the column's, `00` in every cell that shows them
    assert repair_column(column) == ["Keuangan (Rp)", "292.494.240,00", "5.703.388.560,00", "387.353.000,00",
                                     "150.000.000,00", "405.141.240,00"]
    assert parse_value("405.141.240.(0", INDONESIAN).kind == "unparsed"  # alone, no guess
    # a column of whole amounts is not turned into cents by one such cell
    assert column_convention(["1.234.567", "45.955.396.559", "292.494.240.00"]) == "whole"


# --------------------------------------------------------------------------- confidence
def test_cell_confidence_is_the_lowest_word_confidence_in_the_cell():
    grid = Grid(rows=[
        GridRow(cells=["Belanja Modal", "174.093.522.100"], page=1,
                cell_boxes=[(0, 0, 100, 20), (100, 0, 200, 20)]),
        GridRow(cells=["Belanja Pegawai", "18.996.298.100"], page=2, cell_boxes=[(0, 0, 100, 20), (100, 0, 200, 20)]),
    ], page=1)
    words = [ocr.OcrWord(5, 5, 40, 15, "Belanja", False, 96.0), ocr.OcrWord(45, 5, 90, 15, "Modal", False, 71.5),
             ocr.OcrWord(110, 5, 190, 15, "174.093.522.100", False, 42.0)]
    finish_ocr_grids([grid], {1: words})
    assert grid.rows[0].cell_confidence == [71.5, 42.0]
    assert grid.rows[1].cell_confidence is None  # page 2 came from a text layer


def _line(pagu: str, conf: dict[str, float] | None) -> BudgetLine:
    raw = {"name": "Belanja Modal", "pagu": pagu}
    if conf is not None:
        raw["ocr_confidence"] = json.dumps(conf)
    return BudgetLine(table_no=1, row_no=3, level="program", name="Belanja Modal", page=7,
                      pagu=Decimal(pagu.replace(".", "")), raw_cells=raw)


def test_low_confidence_amounts_are_flagged_not_silent():
    sure, unsure, text_layer = (_line("1.000.000", {"pagu": 91.0}), _line("174.093.522.100", {"pagu": 42.0}),
                                _line("5.000", None))
    flags = check_low_confidence([sure, unsure, text_layer], limit=60)
    assert [(f.rule, f.severity, f.line, f.page) for f in flags] == [(LOW_CONFIDENCE, "warning", (1, 3), 7)]
    assert "'174.093.522.100'" in flags[0].message and "42/100" in flags[0].message
    assert flags[0].actual == Decimal("174093522100")


def test_impossible_ocr_values_become_unparsed():
    from extractors.ocr.flags import drop_impossible

    line = _line("1.000.000", {"pagu": 91.0, "realisasi_pct": 80.0})
    line.realisasi_pct = Decimal("968398.33")  # two cells read as one
    line.raw_cells["realisasi_pct"] = "9683 98,33"
    text_line = _line("5.000", None)
    text_line.realisasi_pct = Decimal("968398.33")  # a text layer's value is left to the checks
    flags = drop_impossible([line, text_line])
    assert line.realisasi_pct is None and line.unparsed == ["realisasi_pct"] and line.pagu == Decimal(1000000)
    assert [(f.rule, f.line) for f in flags] == [("unparsed_amount", (1, 3))]
    assert text_line.realisasi_pct == Decimal("968398.33")


@needs_tesseract
def test_document_time_limit_grows_with_the_pages_to_ocr(scan: Path, tmp_path: Path, monkeypatch):
    """`--timeout` is for a document's own work; each page to OCR adds its page time limit, so a
    long scan is not killed for being long (LKIP.pdf: 142 pages, minutes of Tesseract). The
    limit the document was held to is read back, not timed: a busy machine changes nothing."""
    from pipeline.batch.isolation import Job, Limits, WorkerPool

    monkeypatch.setenv("LKJIP_OCR_PAGE_TIMEOUT", "500")  # the workers read it; far above need
    src = pymupdf.open(scan)
    many = pymupdf.open()
    for _ in range(4):
        many.insert_pdf(src)
    many.save(tmp_path / "scan4.pdf")
    pool = WorkerPool(Limits(timeout=30.0))
    try:
        doc = pool.run(Job(str(tmp_path / "scan4.pdf"), "scan4.pdf", "s" * 64, "pdf"))
    finally:
        pool.close()
    assert doc.status in ("ok", "partial"), doc.error
    assert doc.extra["time_limit_s"] == 30.0 + 4 * 500.0
    assert len(doc.budget_lines) == 4 * len(ROWS)


class _Turns:
    """A recogniser that only says which turns to try."""

    def __init__(self, name: str, turns: list[int]):
        self.name, self.turns, self.asked = name, turns, 0

    def turns_to_try(self, gray, words, mean_conf, timeout):
        self.asked += 1
        return self.turns


def test_an_unsure_reading_whose_recogniser_sees_no_turn_asks_the_other():
    img = PageImage(np.zeros((10, 10), np.uint8), 300.0)
    unsure = ocr.OcrPage(100, 100, [], [], [], "", mean_conf=46.7)
    sure = ocr.OcrPage(100, 100, [], [], [], "", mean_conf=85.0)
    tesseract, paddle = _Turns("tesseract", []), _Turns("paddle", [1, 3])
    assert ocr._turns_to_try([tesseract, paddle], img, unsure, 0) == [1, 3]
    assert ocr._turns_to_try([tesseract, paddle], img, sure, 0) == []  # sure: upright
    paddle.asked = 0
    assert ocr._turns_to_try([_Turns("tesseract", [3, 1]), paddle], img, unsure, 0) == [3, 1]
    assert paddle.asked == 0  # the first recogniser's own answer stands
    # PP-OCR first: its geometric check is the answer, Tesseract is not asked
    other = _Turns("tesseract", [1, 3])
    assert ocr._turns_to_try([_Turns("paddle", []), other], img, unsure, 0) == [] and other.asked == 0
