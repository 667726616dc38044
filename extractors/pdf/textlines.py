"""Words → text lines → chunks (runs of words separated by less than a column gap).

Lines are grouped by vertical overlap with the line's first word rather than with the growing
line box, so two table columns whose rows are offset by half a line do not chain together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.pdf.geometry import SPECK, Word, median

_TALL = re.compile(r"[A-Z0-9bdfhklt]")  # glyphs that reach the cap height (see TextLine.top)
_CAPTION = re.compile(r"^\W*(?:tabel|table)\b", re.IGNORECASE)


def is_caption(text: str) -> bool:
    """A table's title line (`Tabel 3.8 Realisasi …`): it names the table below it, and when it
    repeats at page tops (`Tabel 3.2 (lanjutan)`) it is no running header."""
    return _CAPTION.match(text) is not None


@dataclass(slots=True)
class TextLine:
    words: list[Word]  # left to right
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    tags: set[str] = field(default_factory=set)  # "margin" (header/footer), "used" (in a grid)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.y0 = min(w.y0 for w in self.words)
        self.y1 = max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return median([w.h for w in self.words])

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def top(self) -> float:
        """Where the line's tall glyphs start: the median top of its words with a capital, digit
        or ascender. Lines are compared by this rather than by their boxes: an OCR word's box is
        its ink, so a line of `dan Konservasi` sits lower than one with descenders while both
        are one line pitch apart."""
        tall = [w.y0 for w in self.words if _TALL.search(w.text)]
        return median(tall) if tall else self.y0


def group_lines(words: list[Word]) -> list[TextLine]:
    """Words into lines, top to bottom; a word joins a line when it overlaps the line's
    reference band (its first word) by at least half the smaller height.

    A speck (`SPECK`) never sets a band: on a scan, a 0.7 pt bit of a dashed rule read as `—`
    at the top of a line made a band so thin that the line's later words fell out of it
    (LKIP.pdf p52: `Partisipasi masyarakat` and `dalam … 4 tahapan` became two rows). Specks are
    placed last, on the line whose band they overlap most, else on a line of their own."""
    typical = median([w.h for w in words]) if words else 0.0
    specks = [w for w in words if w.h < SPECK * typical]
    banded = [w for w in words if w.h >= SPECK * typical]
    lines: list[list[Word]] = []
    refs: list[tuple[float, float]] = []
    open_from = 0  # lines that can still receive words (their band reaches the current y)
    for w in sorted(banded, key=lambda w: (w.yc, w.x0)):
        placed = False
        for i in range(len(lines) - 1, open_from - 1, -1):
            r0, r1 = refs[i]
            ov = min(r1, w.y1) - max(r0, w.y0)
            if ov >= 0.5 * min(r1 - r0, w.y1 - w.y0):
                lines[i].append(w)
                placed = True
                break
        if not placed:
            lines.append([w])
            refs.append((w.y0, w.y1))
        while open_from < len(lines) and refs[open_from][1] < w.y0:
            open_from += 1
    for w in sorted(specks, key=lambda w: (w.yc, w.x0)):
        overlaps = [(min(r1, w.y1) - max(r0, w.y0), -abs((r0 + r1) / 2 - w.yc), i)
                    for i, (r0, r1) in enumerate(refs)]
        best = max(overlaps, default=None)
        if best is not None and best[0] >= 0.5 * w.h:
            lines[best[2]].append(w)
        else:
            lines.append([w])
            refs.append((w.y0, w.y1))
    out = [TextLine(ws) for ws in lines]
    out.sort(key=lambda l: (l.yc, l.x0))
    return out


_CURRENCY = re.compile(r"^rp\.?$", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.$")


def _ends_chunk(word: Word, following: Word) -> bool:
    """A currency mark before a figure, or a list number before a word, ends its run however
    tight the gap: tables often print `Rp.` and the number `10.` in columns of their own, and
    a tight `Rp. 122.318.026.000` or `10. Program` (or OCR's glued tokens, split again) must
    not pull the figure or the name into that column. Without such a column the two runs
    still land in one cell."""
    if _CURRENCY.match(word.text):
        return following.text[:1].isdigit()
    return bool(_LIST_NUMBER.match(word.text)) and following.text[:1].isalpha()


def split_chunks(words: list[Word], min_gap: float) -> list[list[Word]]:
    """Runs of (x-sorted) words whose gaps are below `min_gap` (see `_ends_chunk`)."""
    chunks: list[list[Word]] = []
    for w in words:
        if chunks and w.x0 - chunks[-1][-1].x1 < min_gap and not _ends_chunk(chunks[-1][-1], w):
            chunks[-1].append(w)
        else:
            chunks.append([w])
    return chunks
