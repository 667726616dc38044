"""PP-OCR's text lines cut into words with their own confidences (extractors/ocr/paddle_words.py).
RapidOCR's recogniser output is made by hand: no model runs."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

pytest.importorskip("rapidocr")

from rapidocr.ch_ppocr_rec.typings import WordInfo, WordType  # noqa: E402

from extractors.ocr.paddle_words import WordBoxes, word_confidences  # noqa: E402

TEXT = "Rp 1.234 日x"
CONFS = [0.99, 0.98, 0.9, 0.97, 0.96, 0.41, 0.95, 0.99, 0.9, 0.3, 0.88]  # one per character, the space too
INFO = WordInfo(words=[["R", "p"], ["1", ".", "2", "3", "4"], ["日"], ["x"]],
                word_cols=[[2, 5], [14, 17, 20, 23, 26], [40], [44]],
                word_types=[WordType.EN_NUM, WordType.EN_NUM, WordType.CN, WordType.EN_NUM],
                line_txt_len=50, confs=CONFS)


def test_a_words_confidence_is_its_least_sure_character():
    # RapidOCR gives word k the probability of character k: 0.99, 0.98, 0.9 (the space), 0.97
    assert word_confidences(TEXT, INFO) == [0.98, 0.41, 0.3, 0.88]


def test_a_line_with_a_character_taken_for_chinese_is_still_cut_into_words():
    crop = np.zeros((48, 500, 3), dtype=np.uint8)
    box = np.array([[100, 200], [600, 200], [600, 248], [100, 248]], dtype=np.float32)
    out = WordBoxes()([crop], [box], SimpleNamespace(txts=(TEXT,), word_results=(INFO,)))
    words = out.word_results[0]
    assert [w[0] for w in words] == ["Rp", "1.234", "日", "x"]
    assert [w[1] for w in words] == [0.98, 0.41, 0.3, 0.88]
    lefts = [min(p[0] for p in w[2]) for w in words]
    assert lefts == sorted(lefts) and 100 <= lefts[0] and max(p[0] for p in words[-1][2]) <= 600
