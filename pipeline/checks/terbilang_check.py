"""`terbilang_mismatch`: an amount written in words disagrees with the digits right before it.

Reports write `Rp. 2.636.500.000,- (dua milyar enam ratus tiga puluh enam juta lima ratus ribu
rupiah)` in prose and sometimes inside table cells; a typo in either half is a real finding
(the words are the legally binding half). Only a parenthesis that parses completely as a number
is compared (`terbilang.parse_terbilang` is strict), so ordinary remarks in brackets never fire.
Counts written the same way (`5 (lima) sasaran`) are checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from schemas.model import BudgetLine, Flag, IndicatorRow

from .common import describe, fmt_rp, where
from .terbilang import parse_terbilang, starts_like_number

RULE = "terbilang_mismatch"

_PAIR = re.compile(
    r"(?<![\w.,])(?:Rp\.?\s*)?"
    r"(?P<digits>\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # Indonesian 2.636.500.000,00
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # English 2,636,500,000.00
    r"|\d+(?:,\d+)?)"  # plain 2636500000 / 12,5
    r"(?![\d.,]\d)\s*(?:[,.]?-+|%)?\s*"
    r"\(\s*(?P<words>[A-Za-z][A-Za-z\s\-]*?)\s*\)",
    re.IGNORECASE,
)


@dataclass
class TerbilangPair:
    digits_text: str
    words_text: str
    digits: Decimal
    words: int
    start: int

    @property
    def agrees(self) -> bool:
        return int(self.digits) == self.words


def parse_digits(text: str) -> Decimal | None:
    """`2.636.500.000,00` / `2,636,500,000.00` / `2636500000` → Decimal."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    if re.fullmatch(r"\d+(?:,\d+)?", text):
        return Decimal(text.replace(",", "."))
    return None


def find_pairs(text: str) -> Iterator[TerbilangPair]:
    """Every `digits (words)` in the text whose words are a well-formed Indonesian number."""
    for m in _PAIR.finditer(text):
        words = m.group("words")
        if not starts_like_number(words):
            continue
        value = parse_terbilang(words)
        digits = parse_digits(m.group("digits"))
        if value is None or digits is None:
            continue
        yield TerbilangPair(m.group("digits"), " ".join(words.split()), digits, value, m.start())


def _message(place: str, pair: TerbilangPair) -> str:
    words = pair.words_text if len(pair.words_text) <= 90 else pair.words_text[:87] + "..."
    diff = abs(Decimal(pair.words) - int(pair.digits))
    return (
        f"{place}: the digits {pair.digits_text} ({fmt_rp(Decimal(int(pair.digits)))}) and the "
        f"words '({words})' ({fmt_rp(Decimal(pair.words))}) disagree "
        f"(difference {fmt_rp(diff)})."
    )


def _flag(place: str, pair: TerbilangPair, page: int | None, **ref) -> Flag:
    return Flag(
        rule=RULE,
        severity="error",
        message=_message(place, pair),
        expected=Decimal(int(pair.digits)),
        actual=Decimal(pair.words),
        page=page,
        **ref,
    )


def _row_text(raw_cells: dict[str, str], *extra: str | None) -> str:
    """Cells joined in column order, so `2.636.500.000` | `(dua milyar ...)` in two adjacent
    cells is found too."""
    parts = [c for c in raw_cells.values() if c]
    parts += [e for e in extra if e and e not in parts]
    return "  ".join(parts)


def check_terbilang(
    lines: list[BudgetLine], indicators: list[IndicatorRow], page_texts: list[str]
) -> list[Flag]:
    flags: list[Flag] = []
    seen: set[tuple[int | None, Decimal, int]] = set()

    for line in lines:
        for pair in find_pairs(_row_text(line.raw_cells, line.name, line.indicator)):
            if pair.agrees or (line.page, pair.digits, pair.words) in seen:
                continue
            seen.add((line.page, pair.digits, pair.words))
            flags.append(_flag(describe(line), pair, line.page, line=line.key))

    for row in indicators:
        text = _row_text(row.raw_cells, row.indikator, row.target_text, row.realisasi_text)
        for pair in find_pairs(text):
            if pair.agrees or (row.page, pair.digits, pair.words) in seen:
                continue
            seen.add((row.page, pair.digits, pair.words))
            place = (
                f"indikator '{row.indikator}' ({where(row.page)}, "
                f"table {row.table_no} row {row.row_no})"
            )
            flags.append(_flag(place, pair, row.page, indicator=row.key))

    for page_no, text in enumerate(page_texts, start=1):
        for pair in find_pairs(text):
            if pair.agrees or (page_no, pair.digits, pair.words) in seen:
                continue
            seen.add((page_no, pair.digits, pair.words))
            flags.append(_flag(f"Text on {where(page_no)}", pair, page_no))
    return flags
