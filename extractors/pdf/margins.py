"""Running headers, footers and page numbers: text lines that are not table rows.

A line in the top or bottom band of the page is a margin line when it looks like a page
number (`12`, `- 12 -`, `Halaman 3 dari 9`, `iv`) or when the same text (digits ignored)
comes back in that band on a good share of the document's pages.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from extractors.pdf.textlines import TextLine, is_caption, split_chunks

BAND = 0.12  # top/bottom share of the page height searched for margin lines
OUTERMOST = 3  # only the lines closest to the edge can be headers/footers
REPEAT_SHARE = 0.3  # share of pages a repeated margin text must appear on (at least 2)

_PAGE_NO = re.compile(
    r"^[\-–—(\[|]?\s*(?:hal(?:aman|\.)?|page|hlm\.?)?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[\-–—)\]|]?"
    r"\s*(?:(?:dari|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def _key(line: TextLine) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def _columnar(line: TextLine) -> bool:
    """Three or more separated chunks: a table header repeated on each page, not a running
    header (a title, perhaps with a page number)."""
    return len(split_chunks(line.words, line.height)) >= 3


def _band_lines(lines: list[TextLine], height: float) -> list[TextLine]:
    top = [ln for ln in lines if ln.y1 <= height * BAND][:OUTERMOST]
    bottom = [ln for ln in lines if ln.y0 >= height * (1 - BAND)][-OUTERMOST:]
    return top + bottom


def mark_margins(pages: list[tuple[float, list[TextLine]]]) -> list[tuple[float, float]]:
    """Tag margin lines (`"margin"` in `line.tags`) on every page; return each page's body
    band (top, bottom): below the lowest header line, above the highest footer line.

    `pages` holds, per page, its height and its text lines sorted top to bottom."""
    candidates = [_band_lines(lines, h) for h, lines in pages]
    seen: Counter[str] = Counter()
    for cands in candidates:
        seen.update({_key(ln) for ln in cands})
    need = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    bands: list[tuple[float, float]] = []
    for (height, _), cands in zip(pages, candidates):
        top, bottom = 0.0, height
        for ln in cands:
            if is_caption(ln.text):
                continue  # "Tabel 3.2 (lanjutan)" repeats at page tops but belongs to its table
            repeated = len(pages) > 1 and seen[_key(ln)] >= need and not _columnar(ln)
            if _PAGE_NO.match(ln.text.strip()) or repeated:
                ln.tags.add("margin")
                if ln.y1 <= height * BAND:
                    top = max(top, ln.y1)
                else:
                    bottom = min(bottom, ln.y0)
        bands.append((top, bottom))
    return bands
