"""Table lines and skew found in page images (extractors/pdf/ocr_image.py); no Tesseract needed."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.pdf.geometry import Segment
from extractors.pdf.ocr import snap_ends
from extractors.pdf.ocr_image import clean_for_ocr, deskew, find_rulings, ink_mask, skew_angle

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


def test_thick_bars_are_erased_but_are_no_rulings():
    img = _page()
    img[20:60, 100:700] = 0  # a black header band
    hs, _, not_text = find_rulings(ink_mask(img), DPI)
    assert all(b[1] >= 90 for b in hs)
    assert clean_for_ocr(img, not_text, DPI / 72)[40, 400] == 255


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
