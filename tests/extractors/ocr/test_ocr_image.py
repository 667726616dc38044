"""Table lines and skew found in page images (extractors/ocr/image.py); no Tesseract needed."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.ocr.engine import OcrWord, snap_ends, unread_dashes
from extractors.ocr.image import clean_for_ocr, deskew, find_dashes, find_rulings, ink_mask, skew_angle
from extractors.pdf.geometry import Segment

DPI = 150.0


def _page() -> np.ndarray:
    """A white 150-dpi page with a 2-column ruled box and bold text inside it."""
    img = np.full((600, 800), 255, np.uint8)
    cv2.rectangle(img, (100, 100), (700, 400), 0, 2)
    cv2.line(img, (400, 100), (400, 400), 0, 2)
    cv2.line(img, (100, 200), (700, 200), 0, 2)
    for y in (160, 260, 330):  # bold words whose letters touch: long runs at their foot
        cv2.putText(img, "BELANJA LANGSUNG", (120, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 4)
        cv2.putText(img, "294.160.463.728", (420, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 3)
    return img


def test_rulings_are_found_and_text_is_not_taken_for_one():
    img = _page()
    hs, vs, not_text = find_rulings(ink_mask(img), DPI)
    ys = sorted({round((b[1] + b[3]) / 2 / 10) * 10 for b in hs})
    xs = sorted({round((b[0] + b[2]) / 2 / 10) * 10 for b in vs})
    assert ys == [100, 200, 400]
    assert xs == [100, 400, 700]
    clean = clean_for_ocr(img, not_text, DPI / 72)
    assert clean[300, 400] == 255 and clean[200, 550] == 255  # rulings erased
    assert (clean[140:170, 120:380] < 128).sum() > 500  # the words are still there


def test_thick_bars_are_erased_and_only_their_edges_are_rulings():
    img = _page()
    img[60:100, 100:700] = 0  # a black header band on top of the table (its header words lost)
    hs, vs, not_text = find_rulings(ink_mask(img), DPI)
    assert not [b for b in hs if 62 <= b[1] <= 96]  # nothing inside the band
    ys = sorted({round((b[1] + b[3]) / 2 / 10) * 10 for b in hs})
    assert ys[:2] == [60, 100]  # its top and bottom edge close the table and its header row
    xs = sorted({round((b[0] + b[2]) / 2 / 10) * 10 for b in vs})
    assert xs == [100, 400, 700]  # the column rulings touching the band are still rulings
    assert clean_for_ocr(img, not_text, DPI / 72)[80, 400] == 255


def test_dashed_rulings_are_found_and_text_is_not():
    img = _page()
    for x in range(100, 700, 12):  # a dashed row rule: 9 px dashes, 3 px gaps, wobbling by a pixel
        y = 300 + (x // 120) % 2
        img[y:y + 2, x:x + 9] = 0
    hs, _, not_text = find_rulings(ink_mask(img), DPI)
    dashed = [b for b in hs if 295 <= b[1] <= 305]
    assert dashed and max(b[2] for b in dashed) - min(b[0] for b in dashed) > 500
    assert not [b for b in hs if 140 <= b[1] <= 170 or 240 <= b[1] <= 270]  # the text rows
    clean = clean_for_ocr(img, not_text, DPI / 72)
    assert (clean[298:305, 100:700] < 128).sum() < 50  # erased before Tesseract reads the page


@pytest.mark.parametrize("angle", [-1.2, 0.7])
def test_skew_is_measured_and_undone(angle: float):
    img = _page()
    h, w = img.shape
    skewed = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0), (w, h), borderValue=255)
    found = skew_angle(skewed, DPI)
    assert found == pytest.approx(angle, abs=0.25)
    hs, _, _ = find_rulings(ink_mask(deskew(skewed, found)), DPI)
    assert max(b[3] - b[1] for b in hs if b[2] - b[0] > 500) <= 6  # the long rules are flat again


def test_straight_page_is_left_alone():
    assert skew_angle(_page(), DPI) == 0.0


def test_ruling_ends_snap_to_the_frame():
    hs = [Segment(200.0, 112.0, 690.0), Segment(300.0, 150.0, 250.0)]
    vs = [Segment(100.0, 100.0, 400.0), Segment(700.0, 100.0, 400.0)]
    snap_ends(hs, vs, reach=20)
    assert (hs[0].start, hs[0].end) == (100.0, 700.0)
    assert (hs[1].start, hs[1].end) == (150.0, 250.0)  # too far from the frame: a real partial rule


def test_a_dash_alone_in_a_cell_is_found_and_ruling_remnants_are_not():
    # 300 dpi (4.2 px a point): a 100-dpi `-` upsampled is ~15 x 3 px
    img = np.full((600, 800), 255, np.uint8)
    cv2.line(img, (100, 100), (700, 100), 0, 3)  # rulings
    cv2.line(img, (100, 200), (700, 200), 0, 3)
    cv2.line(img, (400, 100), (400, 200), 0, 3)
    img[149:152, 600:616] = 0  # the dash, alone in its cell
    img[103:106, 200:216] = 0  # a remnant lying on the rule above
    for x in range(120, 300, 25):  # a rule's dotted remnants where the rule itself was lost
        img[300:303, x:x + 14] = 0
    cv2.putText(img, "1.234.567", (420, 160), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
    img[158:161, 470:486] = 0  # a stroke touching the figure's glyphs: part of the text
    hs = [(100, 99, 700, 102), (100, 199, 700, 202)]
    vs = [(399, 100, 402, 200)]
    assert find_dashes(img, 300.0, hs, vs) == [(600, 149, 616, 152)]


def test_a_stubby_dash_counts_mid_line_and_against_its_column_rule():
    # LKIP.pdf p100 at 100 dpi rendered at 300: a right-aligned `-` of 3 x 2 scan px is a 10 x 6 px
    # blob one pixel from the erased column rule, whose dotted remains lie beside it
    img = np.full((400, 800), 255, np.uint8)
    cv2.line(img, (100, 100), (700, 100), 0, 3)  # row rules
    cv2.line(img, (100, 200), (700, 200), 0, 3)
    vs = [(500, 100, 503, 200)]  # the column rule, erased: only its dotted remains are left
    for y in range(110, 190, 9):
        img[y:y + 2, 501:502] = 0
    img[147:153, 489:499] = 0  # the dash, mid-line
    img[160:166, 300:310] = 0  # the same stroke low on the line: a full stop's place, not a dash's
    img[147:154, 400:407] = 0  # a square speck mid-line: no dash
    hs = [(100, 99, 700, 102), (100, 199, 700, 202)]
    line = [(135.0, 166.0)]  # the recognised words of the row: top and bottom, pixels
    assert find_dashes(img, 300.0, hs, vs, line) == [(489, 147, 499, 153)]
    assert find_dashes(img, 300.0, hs, vs) == []  # no line of text to stand in: a speck


def test_a_dash_worn_to_a_dot_counts_where_its_column_prints_dashes():
    # LKIP.pdf p100 at 100 dpi rendered at 300: one row's `-` is 3 x 2 scan px (10 x 7 px), the
    # `-` of a row below it 2 x 2 (7 x 7 px), both ending at the column's right edge
    img = np.full((500, 800), 255, np.uint8)
    for y in (100, 200, 300):
        cv2.line(img, (100, y), (700, y), 0, 3)
    hs = [(100, y - 1, 700, y + 2) for y in (100, 200, 300)]
    vs: list = []
    img[147:154, 489:499] = 0  # the row above's dash, mid-line
    img[247:254, 492:499] = 0  # the dot below it, ending where the dash ends
    img[247:254, 300:307] = 0  # a dot of the same size elsewhere in the row: a speck
    lines = [(135.0, 166.0), (235.0, 266.0)]
    assert find_dashes(img, 300.0, hs, vs, lines) == [(489, 147, 499, 154), (492, 247, 499, 254)]
    img[147:154, 489:499] = 255  # no dash in its column: the dot is a speck
    assert find_dashes(img, 300.0, hs, vs, lines) == []
    img[147:154, 489:499] = 0
    assert find_dashes(img, 300.0, hs, vs, [(135.0, 166.0)]) == [(489, 147, 499, 154)]  # off a line of text


def test_only_dashes_no_recognised_word_covers_are_added():
    dash = OcrWord(100, 10, 104, 11, "-", False, 60)
    assert unread_dashes([OcrWord(98, 5, 106, 15, "-", False, 80)], [dash]) == []
    assert unread_dashes([OcrWord(10, 5, 60, 15, "1.234.567", False, 80)], [dash]) == [dash]


def _text_flush_against_a_column_rule(rows: int) -> np.ndarray:
    """A ruled column whose cell text starts right at its left rule (LKIP.pdf p98's Program
    column): ink hugs the rule on one side from top to bottom, as a letter's foot hugs the
    stroke it makes; `rows` row rules cross it."""
    img = np.full((800, 800), 255, np.uint8)
    top, bottom = 100, 100 + 100 * rows
    cv2.rectangle(img, (100, top), (700, bottom), 0, 1)
    cv2.line(img, (400, top), (400, bottom), 0, 1)
    for y in range(top + 100, bottom, 100):
        cv2.line(img, (100, y), (700, y), 0, 1)
    for y in range(top + 18, bottom - 5, 16):  # lines of text set flush against x = 400
        cv2.rectangle(img, (402, y - 10), (402 + 2, y), 0, -1)  # the letters' stems
        cv2.putText(img, "Pengembangan", (404, y), cv2.FONT_HERSHEY_SIMPLEX, 0.45, 0, 1)
    return img


def test_a_column_rule_with_text_flush_against_it_is_a_rule_when_row_rules_cross_it():
    hs, vs, _ = find_rulings(ink_mask(_text_flush_against_a_column_rule(5)), DPI)
    assert any(abs((b[0] + b[2]) / 2 - 400) <= 3 and b[3] - b[1] > 300 for b in vs)


def test_a_long_stroke_with_text_beside_it_crossing_no_rules_is_text():
    img = np.full((400, 800), 255, np.uint8)
    cv2.line(img, (400, 50), (400, 350), 0, 1)
    for y in range(68, 345, 16):
        cv2.rectangle(img, (402, y - 10), (404, y), 0, -1)
        cv2.putText(img, "Pengembangan", (404, y), cv2.FONT_HERSHEY_SIMPLEX, 0.45, 0, 1)
    _, vs, _ = find_rulings(ink_mask(img), DPI)
    assert not any(abs((b[0] + b[2]) / 2 - 400) <= 3 for b in vs)
