"""PP-OCR reads a doubtful figure again from its own crop, at other scales and smoothings.

On a 100-dpi fax scan the page readings often leave a figure half read: PP-OCR's page reading
gives `888.191.200.(0` or `45.(000.000.(00` and Tesseract's three readings other slips, so the
vote has nothing to agree on. The same recogniser given the figure's crop alone, shrunk back to
the scan's own resolution or smoothed, reads different slips each time (LKIP.pdf p103:
`888.191.200,00` in six of eight crops, `45.000.000.00` in four), and their majority is a
reading the page reading could not give.

Only figures the readings do not already agree on are re-read (a few per page: a crop costs
about 35 ms). What most crops read is one more reading of the page by PP-OCR, holding just the
re-read figures, each at the box of PP-OCR's page word: one reading, not one per crop, because
the vote counts the engines that read a figure, and among eight crops one often repeats a
misread of Tesseract's (`475 00 000,00` for `475.000.000,00`: a 0 lost at 100 dpi by both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import cv2
import numpy as np

from extractors.ocr.vote import LOOKALIKE as _LOOKALIKE
from extractors.ocr.vote import cleanly_read, figure_key, same_line, well_formed, words_in
from extractors.pdf.geometry import Segment, Word

W = TypeVar("W", bound=Word)

JOIN_GAP = 1.0  # pieces of one figure are closer than this share of their height (`figure_groups`)
MIN_AGREE = 4  # crops (of eight) that must read a figure alike for PP-OCR to hold it from its crops
MIN_DIGITS = 3  # as the vote: shorter cells (`12`, `2%`) are left to the first reading
# (padding in pixels at 300 dpi, shrunk, Gaussian sigma): tight and loose crops, each as
# rendered, shrunk back to the scan's own resolution (`shrink`) and smoothed twice
VARIANTS: tuple[tuple[int, bool, float], ...] = tuple(
    (pad, shrunk, sigma) for pad in (2, 6) for shrunk, sigma in ((False, 0.0), (True, 0.0), (False, 1.0), (False, 2.0)))
SHRINK = 0.5  # the shrunk crop of a page rendered at (or under) its scan's resolution

ReadLines = Callable[[list[np.ndarray]], list[tuple[str, float]]]


def _numeric(word: Word) -> bool:
    return any(ch.isdigit() for ch in word.text) or (len(word.text) <= 3 and set(word.text) <= _LOOKALIKE)


def figure_groups(words: list[W], vs: Sequence[Segment] = ()) -> list[W]:
    """PP-OCR's words with each figure it cut at a space joined into one word (`2.452,369` +
    `500,00`, `275` + `152` + `760,00`): a crop of one piece would be re-read as that piece
    alone and outvote the whole figure. Pieces join when they sit on one line, closer than
    `JOIN_GAP` of their height, with no column ruling (`vs`, points) between them."""
    lines: list[list[W]] = []
    for w in sorted(words, key=lambda w: w.yc):
        if lines and same_line(lines[-1][0], w):
            lines[-1].append(w)
        else:
            lines.append([w])
    out: list[W] = []
    for w in (w for line in lines for w in sorted(line, key=lambda w: w.x0)):
        prev = out[-1] if out else None
        if prev is not None and _numeric(prev) and _numeric(w) and same_line(prev, w) \
                and w.x0 >= prev.x0 and w.x0 - prev.x1 <= JOIN_GAP * max(prev.h, w.h) \
                and not any(prev.x1 <= v.pos <= w.x0 and v.start <= w.yc <= v.end for v in vs):
            out[-1] = type(w)(prev.x0, min(prev.y0, w.y0), w.x1, max(prev.y1, w.y1), f"{prev.text} {w.text}",
                              False, min(prev.conf, w.conf))
        else:
            out.append(w)
    return out


def doubtful(word: Word, others: Sequence[Sequence[Word]]) -> bool:
    """A figure of PP-OCR's page reading worth re-reading: not read whole (`cleanly_read`:
    a digit, a mark or its cents spoilt), or read otherwise by every other reading that has a
    figure there."""
    if sum(ch.isdigit() for ch in word.text) < MIN_DIGITS:
        return False
    if not cleanly_read(word.text):
        return True
    box = (word.x0, word.y0, word.x1, word.y1)
    theirs = [figure_key(" ".join(w.text for w in words_in(box, ws))) for ws in others]
    theirs = [d for d in theirs if len(d) >= MIN_DIGITS]
    return bool(theirs) and figure_key(word.text) not in theirs


def shrink(native_dpi: float | None, render_dpi: float) -> float:
    """How much a shrunk crop is made smaller: back to the scan's own pixels when the page was
    rendered finer than the scan (a 100-dpi fax scan read at 300: a third), else `SHRINK`."""
    return native_dpi / render_dpi if native_dpi and native_dpi < render_dpi else SHRINK


def crops(clean: np.ndarray, box_px: tuple[int, int, int, int], smaller: float = SHRINK) -> list[np.ndarray]:
    """The variants (`VARIANTS`) of one word's crop of the cleaned page image; `smaller`: the
    scale of the shrunk ones (`shrink`)."""
    h, w = clean.shape[:2]
    x0, y0, x1, y1 = box_px
    out = []
    for pad, shrunk, sigma in VARIANTS:
        c = clean[max(0, y0 - pad):min(h, y1 + pad), max(0, x0 - pad):min(w, x1 + pad)]
        if shrunk:
            c = cv2.resize(c, None, fx=smaller, fy=smaller, interpolation=cv2.INTER_AREA)
        if sigma:
            c = cv2.GaussianBlur(c, (0, 0), sigma)
        out.append(c)
    return out


def crops_majority(readings: list[tuple[str, float]]) -> tuple[str, float] | None:
    """The figure most crops read (by `figure_key`: cents aside; then one read grouped as
    printed), as one reading: its best-read, surest text, with the mean confidence of the crops that read
    it. None when fewer than `MIN_AGREE` crops agree, or two figures tie."""
    groups: dict[str, list[tuple[str, float]]] = {}
    for text, conf in readings:
        if sum(ch.isdigit() for ch in text) >= MIN_DIGITS:
            groups.setdefault(figure_key(text), []).append((text, conf))
    if not groups:
        return None

    def held(group: list[tuple[str, float]]) -> tuple[int, bool]:
        return len(group), any(well_formed(t) for t, _ in group)

    ranked = sorted(groups.values(), key=held, reverse=True)
    best = ranked[0]
    if len(best) < MIN_AGREE or (len(ranked) > 1 and held(ranked[1]) == held(best)):
        return None
    text = max(best, key=lambda r: (cleanly_read(r[0]), well_formed(r[0]), r[1]))[0]
    return text, sum(c for _, c in best) / len(best)


def reread_figures(clean: np.ndarray, px_per_pt: float, words: list, others: Sequence[Sequence[Word]],
                   read_lines: ReadLines, vs: Sequence[Segment] = (), smaller: float = SHRINK) -> list:
    """PP-OCR's reading of the doubtful figures among `words` (its page reading, in points of
    `clean` at `px_per_pt`; pieces joined by `figure_groups` across no ruling of `vs`) from
    their crops (`crops`, shrunk by `smaller`): each figure the crops' majority decides (`crops_majority`) keeps its box and
    takes that text and confidence. One more reading of the page, empty when nothing is."""
    targets = [w for w in figure_groups(words, vs) if doubtful(w, others)]
    if not targets:
        return []
    images = []
    for w in targets:
        box = (int(w.x0 * px_per_pt), int(w.y0 * px_per_pt), int(np.ceil(w.x1 * px_per_pt)),
               int(np.ceil(w.y1 * px_per_pt)))
        images += crops(clean, box, smaller)
    lines = read_lines(images)
    n = len(VARIANTS)
    reading = []
    for i, w in enumerate(targets):
        decided = crops_majority([(t.strip(), c) for t, c in lines[i * n:(i + 1) * n]])
        if decided is not None:
            reading.append(type(w)(w.x0, w.y0, w.x1, w.y1, decided[0], False, decided[1]))
    return reading
