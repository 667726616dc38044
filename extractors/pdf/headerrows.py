"""Split a ruled row that holds a list's header and its items: the rule under the header is missing.

A PK prints its budget list (`No | Kegiatan | Anggaran (Rp.)` over `1. | Pengumpulan … |
450.000.000,-`) as a small ruled table whose rule under the header is sometimes not drawn, so
the header words and the item share one ruled row, and the cells read `Kegiatan Pengumpulan …`,
`Anggaran (Rp.) 450.000.000,-`. The lines above the first one carrying a figure or a list
number are the header when they name items (`Program`, `Kegiatan`, `Uraian`) in one column and
money (`Anggaran`, `Pagu`, `(Rp)`) in another, with no figure; the lines from there on are the
item, which must print a rupiah figure under the money header. Then the row is two rows.
"""

from __future__ import annotations

import re

from extractors.pdf.cells import is_numbering, is_numeric
from extractors.pdf.geometry import Word
from extractors.pdf.headedlist import ITEMS, MIN_MONEY_DIGITS, MONEY
from extractors.pdf.textlines import group_lines

HEADER_WORDS = 4


def _is_data(word: Word) -> bool:
    return is_numeric(word.text) or is_numbering(word.text)


def split_header_row(col_words: dict[int, list[Word]]) -> list[dict[int, list[Word]]] | None:
    """[header cells, item cells] (column → words) of one ruled row, or None."""
    col_of = {id(w): c for c, ws in col_words.items() for w in ws}
    lines = group_lines([w for ws in col_words.values() for w in ws])
    first_data = next((k for k, ln in enumerate(lines) if any(_is_data(w) for w in ln.words)), None)
    if not first_data:
        return None  # no figure, or nothing above it
    parts: list[dict[int, list[Word]]] = [{}, {}]
    for k, ln in enumerate(lines):
        for w in ln.words:
            parts[k >= first_data].setdefault(col_of[id(w)], []).append(w)
    header = {c: " ".join(w.text for w in ws) for c, ws in parts[0].items()}
    if len(header) < 2 or any(len(text.split()) > HEADER_WORDS for text in header.values()):
        return None  # a header cell is a few words; a data row's first line is not
    money = [c for c, text in header.items() if MONEY.match(text)]
    if len(money) != 1 or not any(ITEMS.match(t) for c, t in header.items() if c != money[0]):
        return None
    figure = " ".join(w.text for w in parts[1].get(money[0], []))
    if not is_numeric(figure) or len(re.sub(r"\D", "", figure)) < MIN_MONEY_DIGITS:
        return None
    return parts
