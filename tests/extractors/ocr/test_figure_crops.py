"""PP-OCR's re-reading of doubtful figures from their crops (extractors/ocr/figure_crops.py):
which figures are re-read, the crops, how the crops' readings become readings of the page that
the vote counts as PP-OCR's. The recogniser is faked except in the last test."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from extractors.ocr import engine as ocr
from extractors.ocr import figure_crops
from extractors.ocr.figure_crops import (
    VARIANTS,
    crops,
    crops_majority,
    doubtful,
    figure_groups,
    reread_figures,
    shrink,
)
from extractors.ocr.paddle import PaddleRecogniser
from extractors.ocr.vote import revote_cell
from extractors.pdf.geometry import Segment

W = ocr.OcrWord
PPOCR = PaddleRecogniser().unavailable()


def _w(text: str, x0: float = 100, y0: float = 10, x1: float = 160, y1: float = 20, conf: float = 90) -> W:
    return W(x0, y0, x1, y1, text, False, conf)


def test_a_figure_read_with_a_slip_is_doubtful():
    assert doubtful(_w("888.191.200.(0"), [])  # the cents spoilt: not grouped as printed
    assert doubtful(_w("45.(000.000.(00"), [[_w("45.000.000,00")]])


def test_a_well_formed_figure_is_doubtful_only_when_the_others_read_other_digits():
    assert not doubtful(_w("1.811.401.552"), [])
    assert not doubtful(_w("1.811.401.552"), [[_w("1.811.401.552")], [_w("1.811.401.562")]])  # one agrees
    assert doubtful(_w("3.861.184.566"), [[_w("3.861.184.556")], [_w("3.861.194.556")]])
    assert not doubtful(_w("3.861.184.566"), [[_w("Program", x0=300, x1=360)]])  # nothing read there


def test_short_numbers_and_words_are_left_to_the_page_reading():
    assert not doubtful(_w("12"), [[_w("17")]])
    assert not doubtful(_w("Kegiatan"), [])


def test_each_variant_crops_the_word_with_its_padding_and_scale():
    page = np.full((200, 400), 255, np.uint8)
    images = crops(page, (100, 50, 190, 80), smaller=1 / 3)
    assert len(images) == len(VARIANTS)
    for image, (pad, shrunk, _) in zip(images, VARIANTS):
        scale = 1 / 3 if shrunk else 1
        assert image.shape == (round((30 + 2 * pad) * scale), round((90 + 2 * pad) * scale))


def test_a_shrunk_crop_goes_back_to_the_scans_own_pixels():
    assert shrink(100, 300) == pytest.approx(1 / 3)  # a 100-dpi fax scan rendered at 300
    assert shrink(300, 300) == shrink(None, 300) == 0.5


def test_a_crop_at_the_page_edge_stays_inside_the_image():
    page = np.full((50, 50), 255, np.uint8)
    assert all(image.size for image in crops(page, (0, 0, 20, 10)))


def test_the_crops_majority_is_one_reading_as_sure_as_its_crops():
    n = len(VARIANTS)
    assert crops_majority([("888.191.200,00", 80), ("888.191.200.00", 90)] * 3 + [("888.191.200.(0", 95)] * (n - 6)) \
        == ("888.191.200.00", pytest.approx(87.5))  # the surest of its texts read whole; all eight agree
    # a tie of counts goes to the figure read grouped as printed: `475 00 000,00` lost a 0
    readings = [("475 000 000,00", 80)] * 4 + [("475 00 000,00", 95)] * 4
    assert crops_majority(readings)[0] == "475 000 000,00"


def test_crops_that_do_not_agree_hold_nothing():
    assert crops_majority([("142.500,000,11", 50)] * 3 + [("142.580.000,(0", 44), ("Kegiatan", 90)]) is None
    assert crops_majority([("1.234.567", 90)] * 3 + [("1.234.667", 90)] * 3) is None  # a tie
    assert crops_majority([("", 0.0)] * 8) is None


def test_the_re_read_figures_keep_their_boxes_and_take_the_crops_majority():
    words = [_w("888.191.200.(0"), _w("1.811.401.552", y0=40, y1=50), _w("45.(000.000.(00", y0=70, y1=80)]
    asked: list[int] = []
    n = len(VARIANTS)

    def read_lines(images):
        asked.append(len(images))
        # the first figure read right by every crop but the last; the third by none alike
        first = [("888.191.200,00", 90.0)] * (n - 1) + [("", 0.0)]
        third = [(f"45.000.00{i}", 90.0) for i in range(n)]
        return first + third

    [reading] = [reread_figures(np.full((400, 800), 255, np.uint8), 2.0, words, [], read_lines)]
    assert asked == [2 * n]  # the well formed figure no reading disputes is not re-read
    assert [(w.text, w.x0, w.y1) for w in reading] == [("888.191.200,00", 100, 20)]
    assert reading[0].conf == pytest.approx(90)


def test_no_doubtful_figure_asks_the_recogniser_nothing():
    def read_lines(images):
        raise AssertionError("not asked")

    assert reread_figures(np.zeros((10, 10), np.uint8), 1.0, [_w("1.234.567")], [], read_lines) == []


def test_the_crops_reading_takes_a_cell_no_page_reading_could_read():
    # Tesseract's three readings garbled, PP-OCR's page reading unsure (its cents spoilt): the
    # crops' reading of the same figure backs it, and the crops' text, cents read, takes the cell
    box = (90.0, 5.0, 170.0, 25.0)
    first = [_w("ISI AS. OAOAM", conf=1)]
    rereads = [[_w("ISI AS. OAOA", conf=1)], [_w("TS9A65.040,0", conf=30)], [_w("759.465.040,(0", conf=30)]]
    engines = ["tesseract", "tesseract", "tesseract", "paddle"]
    assert revote_cell("ISI AS. OAOAM", box, first, rereads, engines)[0] == "ISI AS. OAOAM"
    crop_reading = [_w("759.465.040,00", conf=70)]
    voted, _ = revote_cell("ISI AS. OAOAM", box, first, rereads + [crop_reading], engines + ["paddle"])
    assert voted == "759.465.040,00"


def test_turned_off_by_the_environment(monkeypatch):
    monkeypatch.setenv("LKJIP_OCR_FIGURE_CROPS", "off")
    assert not ocr.figure_crops_wanted()
    monkeypatch.delenv("LKJIP_OCR_FIGURE_CROPS")
    assert ocr.figure_crops_wanted()


@pytest.mark.skipif(PPOCR is not None, reason=str(PPOCR))
def test_ppocr_reads_a_crop_as_one_line_with_its_least_sure_character():
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=30)
    page.insert_text((10, 20), "888.191.200,00", fontsize=12, fontname="tiro")
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width)
    [(text, conf)] = PaddleRecogniser().read_lines([gray])
    assert text == "888.191.200,00"
    assert 0 < conf <= 100
    assert PaddleRecogniser().read_lines([np.zeros((0, 0), np.uint8)]) == [("", 0.0)]
    assert figure_crops.MIN_DIGITS == 3


def test_a_figure_cut_at_spaces_is_re_read_whole():
    # PP-OCR cut `2.452.369.500,00` into `2.452,369` and `500,00`: a crop of the first piece
    # alone read `2.452.369` and outvoted the whole figure
    pieces = [_w("500,00", x0=150, x1=175), _w("2.452,369", x0=110, x1=146), _w("Kegiatan", x0=10, x1=60)]
    groups = figure_groups(pieces)
    assert [g.text for g in groups] == ["Kegiatan", "2.452,369 500,00"]
    assert (groups[1].x0, groups[1].x1) == (110, 175)


def test_pieces_apart_by_a_column_ruling_or_a_line_stay_apart():
    two_cells = [_w("374.160.000", x0=100, x1=150), _w("190.000.000", x0=155, x1=205)]
    assert len(figure_groups(two_cells, [Segment(152.0, 0.0, 40.0)])) == 2
    assert len(figure_groups(two_cells)) == 1
    far = [_w("374.160.000", x0=100, x1=150), _w("190.000.000", x0=170, x1=220)]  # 20 pt apart, 10 pt high
    assert len(figure_groups(far)) == 2
    stacked = [_w("374.160.000"), _w("190.000.000", y0=22, y1=32)]
    assert len(figure_groups(stacked)) == 2


def test_readings_that_differ_only_in_spoilt_cents_are_one_figure():
    assert crops_majority([("142.500,000,11", 50)] * 3 + [("142.500.000,(0", 44)]) == ("142.500,000,11", 48.5)
