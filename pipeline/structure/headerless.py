"""Column roles for a list printed without a header: `1. Program X   Rp. 30.903.396.770,-`.

PK lampiran often list their programs and budgets as a bare numbered list (the heading is a
sentence above it, or nothing). Such a segment would have no roles and be dropped. When its
columns read unambiguously from their values (list numbers, one text column of names, exactly
one column of rupiah amounts, and at most short text beside them), it gets the header a reader
would have given it: `No | Uraian | Anggaran (Rp) | Keterangan`. Anything else (two amount
columns, percents, quarters) stays without roles: guessing which amount is pagu or realisasi
is not ours to do.
"""

from __future__ import annotations

import regex as re

from pipeline.normalise.numbers import parse_value
from pipeline.structure.cellkinds import cell_kind
from schemas.model import GridRow

MIN_ROWS = 3
SHARE = 0.8  # of the rows a column's values must fill to read as that kind
MONEY_HEADER = "Anggaran (Rp)"
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
    for j, values in enumerate(columns):  # a word or two in a column of blanks: specks OCR read
        if kinds[j] == "text" and sum(1 for v in values if v.strip()) <= (1 - SHARE) * len(rows):
            kinds[j] = "empty"
    if None in kinds or kinds.count("money") != 1:
        return None
    texts = [j for j, k in enumerate(kinds) if k == "text"]
    money = kinds.index("money")
    names = [j for j in texts if j < money]
    if len(names) != 1:
        return None
    filled = sum(1 for r in rows if names[0] < len(r.cells) and r.cells[names[0]].strip())
    if filled < SHARE * len(rows):
        return None
    header = []
    for j, kind in enumerate(kinds):
        header.append({"no": "No", "money": MONEY_HEADER, "empty": ""}.get(kind)
                      or ("Uraian" if j == names[0] else "Keterangan"))
    return [header]
