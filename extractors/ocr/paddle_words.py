"""PP-OCR's recognised text lines cut into words, each with its own box and confidence.

RapidOCR 3.10 (`return_word_box`) already cuts a line at spaces and at wide gaps between its
characters, and places each word from the recogniser's character positions. Two things in it
do not suit a table: a word's confidence is the probability of the line's *n*-th character
(it zips the words with the per-character list), so an amount read with one unsure digit says
100; and a line holding one character it takes for Chinese (a misread speck) is cut into single
characters, amounts included. Here every word gets the lowest probability of its own
characters (one unsure digit makes the figure unsure, as the vote and the low-confidence
check need), and every line is cut into words.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from rapidocr.cal_rec_boxes.main import CalRecBoxes
from rapidocr.ch_ppocr_rec.typings import WordInfo, WordType


def word_confidences(text: str, info: WordInfo) -> list[float]:
    """Each word's lowest character probability; `info.confs` holds one per character of
    `text`, spaces included, and `info.words` the words' characters in order, spaces left out."""
    chars = [c for ch, c in zip(text, info.confs) if not ch.isspace()]
    out, i = [], 0
    for word in info.words:
        out.append(float(min(chars[i:i + len(word)], default=0.0)))
        i += len(word)
    return out


class WordBoxes(CalRecBoxes):
    """A drop-in for RapidOCR's `cal_rec_boxes`: word boxes as it computes them, word
    confidences from the word's own characters, never single-character words."""

    def __call__(self, imgs: list[np.ndarray], dt_boxes: Any, rec_res: Any,
                 return_single_char_box: bool = False) -> Any:
        results = []
        for idx, (img, box) in enumerate(zip(imgs, dt_boxes)):
            text = rec_res.txts[idx] if rec_res.txts is not None else ""
            info = rec_res.word_results[idx] if rec_res.word_results is not None else None
            if not text or img.size == 0 or info is None or not info.words:
                results.append([])
                continue
            confs = word_confidences(text, info)
            info = copy.copy(info)
            info.word_types = [WordType.EN_NUM] * len(info.words)
            h, w = img.shape[:2]
            img_box = np.array([[0, 0], [w, 0], [w, h], [0, h]])
            contents, boxes, _ = self.cal_ocr_word_box(text, img_box, info, False)
            boxes = self.adjust_box_overlap(copy.deepcopy(boxes))
            boxes = self.reverse_rotate_crop_image(copy.deepcopy(box), boxes, self.get_box_direction(box))
            results.append(list(zip(contents, confs, boxes)))
        rec_res.word_results = tuple(results)
        return rec_res

