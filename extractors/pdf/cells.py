"""Cell text from words, and the small text tests the detectors share (numbers, numbering)."""

from __future__ import annotations

import re
from statistics import median_high

from extractors.pdf.geometry import Word

# a figure as printed in these reports: 1.234.567 / 12,5 / 98,2% / (1.000) / Rp 5.000 / - / 0
# (and `Rp. 18.972.674.100,-`: a trailing `,-` says "no cents")
_NUMERIC = re.compile(r"^[(\-–+]?\s*(?:rp\.?\s*)?[\d][\d.,]*(?:[.,]\s?-{1,2})?\s*%?\)?$|^[-–—]$", re.IGNORECASE)
# list numbering at the start of a row: 1 / 1. / 1.2 / I. / a. / a) / - / •
_NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)]?|[A-Za-z][.)]|[-–•·●▪►*])$")


def is_numeric(text: str) -> bool:
    """A number, a percentage or a dash placeholder (what fills value columns)."""
    return bool(_NUMERIC.match(text.strip()))


def is_numbering(text: str) -> bool:
    return bool(_NUMBERING.match(text.strip()))


def join_words(words: list[Word]) -> str:
    """Words of one cell in reading order: lines top to bottom, words left to right,
    everything joined with single spaces (a number broken over lines stays two tokens).

    A word is placed by its centre, except a word whose box is far taller than the cell's
    typical word: OCR sometimes boxes `Prosentase` down over the next line (`YANG`), and its
    centre then falls between the lines; such a word sits on the line its top starts."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0].text
    typical = median_high([w.h for w in words])

    def level(w: Word) -> tuple[float, float]:
        if w.h > 1.5 * typical:
            return w.y0 + typical / 2, typical
        return w.yc, w.h

    ws = sorted(words, key=lambda w: level(w)[0])
    lines: list[list[Word]] = [[ws[0]]]
    ref_y, ref_h = level(ws[0])
    for w in ws[1:]:
        y, h = level(w)
        if y - ref_y <= 0.5 * min(ref_h, h):
            lines[-1].append(w)
        else:
            lines.append([w])
            ref_y, ref_h = y, h
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))


def mostly_bold(words: list[Word]) -> bool:
    """More than half of the row's characters are bold."""
    total = bold = 0
    for w in words:
        n = len(w.text)
        total += n
        if w.bold:
            bold += n
    return total > 0 and bold * 2 > total
