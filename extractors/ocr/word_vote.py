"""A text cell's words decided one by one across the readings of a page.

Each reading of a 100-dpi name spoils different words: LKIP.pdf p98 reads `Pengelolaan Situ-
situ pada 6 Wiluyah Sungai` (first reading), `... Wiluuh Sungai` (a smoothed re-reading), `...
Wilayah Sungai` (another), `... Wilu ah Swngai` (PP-OCR). No reading is right as a whole, so
choosing one reading (`vote.reread_text`) cannot give the name; but each word is read right by
some reading. Here the words of the chosen reading are taken in turn, the other readings' words
at the same place are its alternatives, and a word the reports print (`lexicon`) beats one they
do not; among such words the one read most surely by most readings wins, weighed by how often
the reports print it: the first reading has no say of its own (`perda` read once at 33 loses
to `pada` read thrice at 90, `Pengelolan`, a typo some report printed once, to `Pengelolaan`).
A word the reports do not print is kept as read unless most readings agree on another text
(`dun` read once, `dan` twice): a proper name (`Jatigede`) is in no vocabulary and must survive.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from typing import TypeVar

from extractors.ocr.lexicon import WORD, frequency
from extractors.ocr.vote import same_line
from extractors.pdf.cells import join_words
from extractors.pdf.geometry import Word

W = TypeVar("W", bound=Word)

SAME_PLACE = 0.6  # alternatives cover this share of the union of their span and the word's
INSIDE = 0.5  # a re-reading's word belongs to a word's place with this share of its width in it


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def alternatives(word: W, reading: list[W]) -> tuple[str, float] | None:
    """What `reading` read at `word`'s place: its words on the line whose width lies mostly
    inside `word`'s, joined, when together they cover the same span (one word read as two,
    `Pengelolaundun` / `Pengelolaan dan`, is an alternative too), with their mean confidence."""
    group = [v for v in reading if same_line(v, word)
             and _overlap(v.x0, v.x1, word.x0, word.x1) >= INSIDE * max(v.x1 - v.x0, 1e-6)]
    if not group:
        return None
    x0, x1 = min(v.x0 for v in group), max(v.x1 for v in group)
    union = max(x1, word.x1) - min(x0, word.x0)
    if union <= 0 or _overlap(x0, x1, word.x0, word.x1) < SAME_PLACE * union:
        return None
    conf = sum(max(0.0, getattr(v, "conf", 0.0)) for v in group) / len(group)
    return " ".join(v.text for v in sorted(group, key=lambda v: v.x0)), conf


def choose(read: tuple[str, float], options: list[tuple[str, float]]) -> str:
    """The word at one place, from the base reading's `read` and the other readings' `options`
    (text, confidence). Each report word found there scores the confidence it was read with,
    summed over the readings that read it (a garble can be a word too: `Kaitan` at 29 for a bold
    `Kegiatan`), times 1 + log10(1 + how often the reports print it). Where the base read no
    letters (`—`, a figure) there is no word to respell: a dash stays a dash."""
    text = read[0]
    if not WORD.search(text):
        return text
    candidates = [read, *options]
    support: dict[str, float] = {}
    spelling: dict[str, tuple[float, str]] = {}  # each word's case as read most surely (`AIr`, `Air`)
    for t, c in candidates:
        key = t.casefold()
        support[key] = support.get(key, 0.0) + max(c, 1.0)
        if key not in spelling or c > spelling[key][0]:
            spelling[key] = (c, t)
    printed = {key: frequency(t) for key, (_, t) in spelling.items()}
    known = [key for key in support if printed[key] > 0]
    if known:
        best = max(known, key=lambda k: (support[k] * (1.0 + math.log10(1 + printed[k])), k == text.casefold()))
        return spelling[best][1]
    counts = Counter(t for t, _ in candidates)
    most, n = counts.most_common(1)[0]
    return most if n * 2 > len(candidates) else text


def vote_words(base: list[W], readings: list[list[W]]) -> str:
    """The cell's text with each of `base`'s words decided by `choose` against `readings`
    (the other readings' words inside the cell); `base`'s own text when there is nothing to vote."""
    if not base or not readings:
        return join_words(base)
    chosen = [replace(w, text=choose((w.text, max(0.0, getattr(w, "conf", 0.0))),
                                     [a for r in readings if (a := alternatives(w, r)) is not None]))
              for w in base]
    return join_words(chosen)
