"""A figure read by OCR is decided by agreement of several readings of the page.

Tesseract misreads a digit of a low-resolution scan (`6.382.235.800` for `6.383.235.800`,
`97,64` for `97,61`) without saying so: its confidence is as high on many misreads as on right
readings (LKIP.pdf truth pages: right figures at confidence 0-15, wrong ones at 69-79), so
confidence cannot pick the cells to doubt. But each way of smoothing the page image makes it
misread *different* digits. `ocr.ocr_page` therefore reads a table page again from smoothed
images (`OcrPage.rereadings`, same geometry); here each figure cell of the grid, built from the
first reading, is read again from the words the other readings put inside the cell's box.

The rule is a majority of support, on the digits only (separators are the column repair's
business): each reading supports its figure with its confidence, and a figure other than the
first reading's replaces it only with more than half of all the support (`vote`). A page read
once, or readings that all disagree, change nothing.
"""

from __future__ import annotations

import difflib
import re
from typing import TypeVar

from extractors.pdf.cells import join_words
from extractors.pdf.geometry import Word
from schemas.model import BBox

W = TypeVar("W", bound=Word)

SURER_BY = 10.0  # a text cell's re-reading replaces the first when its words are this much surer on average
SAME_TEXT = 0.5  # ... and its text is at least this alike (difflib ratio): the same words, read better
MIN_DIGITS = 3  # cells with fewer digits (`12`, `2%`) are left to the first reading
_FIGURE_CELL = re.compile(r"^[\s(\-–]*(?:rp\.?\s*)?[\dOolI|!][\dOolI|!.,:;\s)]*(?:[,.]\s?-)?\s*%?\)?\s*[?]?$",
                          re.IGNORECASE)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_figure_cell(text: str) -> bool:
    """A cell that holds one figure (as OCR may spoil it): digits, separators, `Rp`, `%`, `,-`."""
    return sum(ch.isdigit() for ch in text) >= MIN_DIGITS and bool(_FIGURE_CELL.match(text))


def words_in(box: BBox, words: list[W], margin: float = 0.5) -> list[W]:
    x0, y0, x1, y1 = box
    return [w for w in words if x0 - margin <= w.xc <= x1 + margin and y0 - margin <= w.yc <= y1 + margin]


def _support(words: list[Word]) -> float:
    """How strongly one reading holds its text: its least sure word's confidence (0-100)."""
    confs = [getattr(w, "conf", -1.0) for w in words]
    return max(0.0, min(confs)) + 1.0 if confs else 0.0


def vote(readings: list[tuple[str, float]]) -> int:
    """Index of the reading whose figure wins; `readings[0]` is the first reading, which stands
    unless another figure (its digits) holds more than half of all the support: the summed
    support of the readings that hold it. Two agreeing readings so outvote one about as sure as
    each; one sure `15...` (confidence 91) outvotes two unsure `415...` (37, 43); three
    readings that all differ change nothing. Readings that are not a figure do not vote."""
    first = digits(readings[0][0])
    weight: dict[str, float] = {}
    for text, support in readings:
        if is_figure_cell(text):
            weight[digits(text)] = weight.get(digits(text), 0.0) + support
    if not weight:
        return 0
    best = max(weight, key=lambda d: weight[d])
    if best == first or weight[best] * 2 <= sum(weight.values()):
        return 0
    return next(i for i, (text, _) in enumerate(readings) if is_figure_cell(text) and digits(text) == best)


def revote_cell(first: str, box: BBox | None, first_words: list[W],
                rereadings: list[list[W]]) -> tuple[str, list[W] | None]:
    """The cell's text after the vote of the re-readings, and the winning reading's words in
    the cell (None when `first`, the cell's text from `first_words`, stands). Only a box that
    holds just this cell's figure in the first reading is voted on: a cell cut out of a ruled
    row by a detector (one item of a list) has the whole row's box."""
    if box is None or not rereadings or not is_figure_cell(first):
        return first, None
    own = words_in(box, first_words)
    if digits(join_words(own)) != digits(first):
        return first, None
    inside = [own] + [words_in(box, words) for words in rereadings]
    winner = vote([(first, _support(own))] + [(join_words(ws), _support(ws)) for ws in inside[1:]])
    return (first, None) if winner == 0 else (join_words(inside[winner]), inside[winner])


def is_fragment(short: str, long: str) -> bool:
    """`short`'s letters and digits all appear in `long`, in order, and are fewer (case and
    spaces aside): PP-OCR drops the characters it cannot read (`g`, `K n n` for a bold
    `Kegiatan`, `Keuangan`) where Tesseract misreads them, so its reading is then a fragment
    of the right one."""
    a = [ch for ch in short.casefold() if ch.isalnum()]
    b = iter(ch for ch in long.casefold() if ch.isalnum())
    return 0 < len(a) < sum(1 for ch in long if ch.isalnum()) and all(ch in b for ch in a)


def _mean_conf(words: list[W]) -> float:
    confs = [max(0.0, getattr(w, "conf", 0.0)) for w in words]
    return sum(confs) / len(confs) if confs else 0.0


def reread_text(first: str, box: BBox | None, first_words: list[W],
                rereadings: list[list[W]]) -> tuple[str, list[W] | None]:
    """A text cell (a name, an indicator) as the surest reading has it: the re-reading whose
    words Tesseract is surer of on average, by `SURER_BY`, when it reads much the same words
    (`SAME_TEXT`). Text has no majority to take (each reading spoils a long name differently:
    `pengeloiaan`, `loreng Groh` for `terkena bencana`), but a blurred re-reading of a warped
    scan often reads every word of it cleanly. A first reading that is a fragment of a
    re-reading (`is_fragment`) takes it when it is at least as sure: the re-reading has the
    characters the first could not read."""
    if box is None or not rereadings or is_figure_cell(first):
        return first, None
    own = words_in(box, first_words)
    if join_words(own) != first:
        return first, None
    own_conf = _mean_conf(own)
    best_text, best_words, best_conf = first, None, own_conf + SURER_BY
    for words in rereadings:
        inside = words_in(box, words)
        text = join_words(inside)
        conf = _mean_conf(inside)
        if not text:
            continue
        alike = difflib.SequenceMatcher(None, first.casefold(), text.casefold()).ratio() >= SAME_TEXT
        if (conf >= best_conf and alike) or (best_words is None and conf >= own_conf and is_fragment(first, text)):
            best_text, best_words, best_conf = text, inside, max(conf, best_conf)
    return best_text, best_words
