"""Cell text from words, and the small text tests the detectors share (numbers, numbering)."""

from __future__ import annotations

import re
from statistics import fmean, median_high

from extractors.pdf.geometry import SPECK, Word

# a figure as printed in these reports: 1.234.567 / 12,5 / 98,2% / (1.000) / Rp 5.000 / - / 0
# (and `Rp. 18.972.674.100,-`: a trailing `,-` says "no cents")
_NUMERIC = re.compile(r"^[(\-–+]?\s*(?:rp\.?\s*)?[\d][\d.,]*(?:[.,]\s?-{1,2})?\s*%?\)?$|^[-–—]$", re.IGNORECASE)
# list numbering at the start of a row: 1 / 1. / 1.2 / I. / a. / a) / - / •
_NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)]?|[A-Za-z][.)]|[-–•·●▪►*\uf0b7\uf0d8\uf0a7\uf0fc✓✔√➢])$")


def is_numeric(text: str) -> bool:
    """A number, a percentage or a dash placeholder (what fills value columns)."""
    return bool(_NUMERIC.match(text.strip()))


def is_numbering(text: str) -> bool:
    return bool(_NUMBERING.match(text.strip()))


TALL_WORD = 1.5  # a word boxed this many times the cell's typical height spans two lines


def join_words(words: list[Word]) -> str:
    """Words of one cell in reading order: lines top to bottom, words left to right,
    everything joined with single spaces (a number broken over lines stays two tokens).

    A word joins a line by its centre's distance from the line's mean level. A word whose box
    is far taller than the cell's typical word is placed after the others, on the nearest
    line by its top or its bottom that has no word beside it overlapping it: OCR boxes
    `Prosentase` down over the next line (`YANG`), and `Kekeringan` up above its own, and
    their centres fall between lines. A speck (`SPECK`: a bullet `-` boxed 1 pt high) is placed
    last, on the line nearest its centre: as a line's word it narrowed the line to its own
    height (PK Kabid Produksi p2: `Good Practice - Farming` for `- Good Farming Practice`)."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0].text
    typical = median_high([w.h for w in words])
    tall, speck = TALL_WORD * typical, SPECK * typical
    lines = _lines([w for w in words if speck <= w.h <= tall])
    for w in (w for w in words if w.h > tall):
        _place_tall(w, lines, typical)
    for w in (w for w in words if w.h < speck):
        _place_speck(w, lines, typical)
    lines.sort(key=lambda line: fmean(w.yc if w.h <= tall else w.y0 + typical / 2 for w in line))
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines top to bottom: a word within half a height (its own or the
    line's first word's, the smaller) of the line's mean centre joins it."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.yc):
        if lines and w.yc - fmean(v.yc for v in lines[-1]) <= 0.5 * min(lines[-1][0].h, w.h):
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def _place_tall(word: Word, lines: list[list[Word]], typical: float) -> None:
    """Put a word boxed over two lines on the line its top or its bottom sits on (the upper of
    two equally near), never beside a word it overlaps; else on a line of its own by its top."""
    anchors = (word.y0 + typical / 2, word.y1 - typical / 2)
    best: tuple[float, float, list[Word]] | None = None
    for line in lines:
        if any(v.x0 < word.x1 and word.x0 < v.x1 for v in line):
            continue
        level = fmean(v.yc for v in line)
        distance = min(abs(a - level) for a in anchors)
        if distance <= 0.5 * typical and (best is None or (distance, level) < best[:2]):
            best = (distance, level, line)
    if best is not None:
        best[2].append(word)
    else:
        lines.append([word])


def _place_speck(word: Word, lines: list[list[Word]], typical: float) -> None:
    """Put a speck on the line whose mean centre is nearest its own, within half a typical
    height; else on a line of its own."""
    near = [(abs(fmean(v.yc for v in line) - word.yc), i) for i, line in enumerate(lines)]
    distance, i = min(near, default=(typical, -1))
    if distance <= 0.5 * typical:
        lines[i].append(word)
    else:
        lines.append([word])


def mostly_bold(words: list[Word]) -> bool:
    """More than half of the row's characters are bold."""
    total = bold = 0
    for w in words:
        n = len(w.text)
        total += n
        if w.bold:
            bold += n
    return total > 0 and bold * 2 > total
