"""Column roles for a list printed without a header: `1. Program X   Rp. 30.903.396.770,-`.

PK lampiran often list their programs and budgets as a bare numbered list (the heading is a
sentence above it, or nothing). Such a segment would have no roles and be dropped. When its
columns read unambiguously from their values (list numbers, one text column of names, exactly
one column of rupiah amounts, and at most short text beside them), it gets the header a reader
would have given it: `No | Uraian | Anggaran (Rp) | Keterangan`.

Two amount columns are read only when the table's own arithmetic names them: a third column
printing, row after row, 100 x one amount / the other is the realisation's share, so the
divisor is the pagu and the dividend the realisasi (`Anggaran (Rp) | Realisasi (Rp) | %`;
LKIP.pdf p38, whose screened header OCR reads as noise). Anything else (two amounts without
that column, percents, quarters) stays without roles: guessing which amount is pagu or
realisasi is not ours to do.
"""

from __future__ import annotations

import regex as re

from pipeline.normalise.numbers import parse_value
from pipeline.structure.cellkinds import cell_kind
from schemas.model import GridRow

MIN_ROWS = 3
SHARE = 0.8  # of the rows a column's values must fill to read as that kind
MONEY_HEADER = "Anggaran (Rp)"
REALISED_HEADER = "Realisasi (Rp)"
SHARE_HEADER = "%"
FIGURE_HEADERS = (MONEY_HEADER, REALISED_HEADER, SHARE_HEADER)
SHARE_TOLERANCE = 0.06  # percentage points: a share printed to two decimals, rounded either way
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[a-zA-Z][.)])\s*$")
_RUPIAH = re.compile(r"^\s*rp\b|^\s*\d{1,3}(?:\.\d{3}){2,}(?:,\d{2}|,-)?\s*$", re.IGNORECASE)


def _kind(values: list[str]) -> str | None:
    filled = [v for v in values if v.strip()]
    if not filled:
        return "empty"
    money = [v for v in filled if _RUPIAH.match(v) and (parse_value(v).value or 0) >= 1000]
    if len(money) >= SHARE * len(values) and len(money) == len(filled):
        return "money"  # before list numbers: `162.254.370.560` is dotted like `1.2.1`
    if all(_NUMBERING.match(v) for v in filled):
        return "no"
    if any(cell_kind(v) in ("amount", "percent") for v in filled):
        return None  # figures of another kind: not a plain list
    if all(re.match(r"^\W*\p{L}", v) for v in filled):
        return "text"
    return None


def infer_header(rows: list[GridRow], width: int) -> list[list[str]] | None:
    """A one-row header naming the columns, or None when the values do not decide them."""
    if len(rows) < MIN_ROWS:
        return None
    columns = [[r.cells[j] if j < len(r.cells) else "" for r in rows] for j in range(width)]
    kinds = [_kind(values) for values in columns]
    for j, values in enumerate(columns):  # a word or a figure in a column of blanks: specks, strays
        if kinds[j] in ("text", None) and sum(1 for v in values if v.strip()) <= (1 - SHARE) * len(rows):
            kinds[j] = "empty"
    named = {}
    monies = [j for j, k in enumerate(kinds) if k == "money"]
    if len(monies) == 2:
        found = _share_column(columns, kinds, *monies)
        if found is None:
            return None
        share, pagu, realised = found
        kinds[share] = "share"
        named = {pagu: MONEY_HEADER, realised: REALISED_HEADER, share: SHARE_HEADER}
    elif len(monies) == 1:
        named = {monies[0]: MONEY_HEADER}
    if None in kinds or not named:
        return None
    names = [j for j, k in enumerate(kinds) if k == "text" and j < min(monies)]
    if len(names) != 1:
        return None
    filled = sum(1 for r in rows if names[0] < len(r.cells) and r.cells[names[0]].strip())
    if filled < SHARE * len(rows):
        return None
    header = []
    for j, kind in enumerate(kinds):
        header.append(named.get(j) or {"no": "No", "empty": ""}.get(kind)
                      or ("Uraian" if j == names[0] else "Keterangan"))
    return [header]


def _number(text: str) -> float | None:
    value = parse_value(text).value
    return float(value) if value is not None else None


def _share_column(columns: list[list[str]], kinds: list[str | None], a: int, b: int) -> tuple[int, int, int] | None:
    """(share column, pagu column, realisasi column): the column whose figures are 100 x one
    amount column / the other in `SHARE` of the rows that print all three (at least `MIN_ROWS`)."""
    for j, values in enumerate(columns):
        if j in (a, b) or kinds[j] in ("text", "empty"):
            continue
        checked = a_is_pagu = b_is_pagu = 0
        for x, y, p in zip(map(_number, columns[a]), map(_number, columns[b]), map(_number, values)):
            if x is None or y is None or p is None or x <= 0 or y <= 0:
                continue
            checked += 1
            a_is_pagu += abs(p - 100 * y / x) <= SHARE_TOLERANCE
            b_is_pagu += abs(p - 100 * x / y) <= SHARE_TOLERANCE
        if checked >= MIN_ROWS and max(a_is_pagu, b_is_pagu) >= SHARE * checked:
            return (j, a, b) if a_is_pagu >= b_is_pagu else (j, b, a)
    return None
