"""Column roles for a list printed without a header: `1. Program X   Rp. 30.903.396.770,-`.

PK lampiran often list their programs and budgets as a bare numbered list (the heading is a
sentence above it, or nothing). Such a segment would have no roles and be dropped. When its
columns read unambiguously from their values (list numbers, one text column of names, exactly
one column of rupiah amounts, and at most short text beside them), it gets the header a reader
would have given it: `No | Uraian | Anggaran (Rp) | Keterangan`.

Two amount columns are read only when the table's own arithmetic names them: a third column
printing, row after row, 100 x one amount / the other is the realisation's share, so the
divisor is the pagu and the dividend the realisasi (`Anggaran (Rp) | Realisasi (Rp) | %`;
LKIP.pdf p38, whose screened header OCR reads as noise). Without that column, the table's
caption must name both (`Realisasi Anggaran Per Indikator`) and one amount must be at least
the other in `SHARE` of the rows: that one is the pagu, as spending rarely exceeds its budget
(LKIP.pdf p39). Such a realisation table may print its indicators beside the programs (`No |
Sasaran | Indikator | Target | Program | Anggaran | Realisasi`): with a column of names that
open with `Program`/`Kegiatan`, the two text columns before a column of figures are the
sasaran and the indikator and the figures their target, in the order every PK and IKU prints
them. Anything else (two amounts without that evidence, percents, quarters) stays without
roles: guessing which amount is pagu or realisasi is not ours to do.
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
NAME_HEADER = "Program/Kegiatan"
INDICATOR_HEADERS = ("Sasaran", "Indikator Kinerja", "Target")
# a list number, perhaps behind a scan's speck read as a dash (`- 1`, LKIP.pdf p39)
_NUMBERING = re.compile(r"^\s*(?:[-–]\s*)?(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[a-zA-Z][.)])\s*$")
_REALISATION_CAPTION = re.compile(r"(?=.*\brealisasi\b)(?=.*\b(?:anggaran|pagu|keuangan)\b)", re.IGNORECASE)
_PROGRAM_NAME = re.compile(r"^\W*(?:program|kegiatan)\b", re.IGNORECASE)
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
    if all(cell_kind(v) in ("amount", "percent", "count", "small") for v in filled):
        return "figure"  # figures of another kind: an indicator's target at most
    if any(cell_kind(v) in ("amount", "percent") for v in filled):
        return None  # figures mixed with words: not a plain list
    if all(re.match(r"^\W*\p{L}", v) for v in filled):
        return "text"
    return None


def infer_header(rows: list[GridRow], width: int, caption: str | None = None) -> list[list[str]] | None:
    """A one-row header naming the columns, or None when the values (and, for two amounts
    without a share column, the `caption`) do not decide them."""
    if len(rows) < MIN_ROWS:
        return None
    columns = [[r.cells[j] if j < len(r.cells) else "" for r in rows] for j in range(width)]
    kinds = [_kind(values) for values in columns]
    for j, values in enumerate(columns):  # a word or a figure in a column of blanks: specks, strays
        if kinds[j] in ("text", "figure", None) and sum(1 for v in values if v.strip()) <= (1 - SHARE) * len(rows):
            kinds[j] = "empty"
    named = {}
    monies = [j for j, k in enumerate(kinds) if k == "money"]
    if len(monies) == 2:
        found = _share_column(columns, kinds, *monies) or _by_caption(columns, caption, *monies)
        if found is None:
            return None
        share, pagu, realised = found
        named = {pagu: MONEY_HEADER, realised: REALISED_HEADER}
        if share is not None:
            kinds[share] = "share"
            named[share] = SHARE_HEADER
    elif len(monies) == 1:
        named = {monies[0]: MONEY_HEADER}
    if not named:
        return None
    names = [j for j, k in enumerate(kinds) if k == "text" and j < min(monies)]
    if len(names) != 1 or "figure" in kinds:
        if len(monies) != 2 or share is not None or (indicators := _indicator_columns(columns, kinds, names)) is None:
            return None
        named.update(indicators)
        names = [j for j, h in indicators.items() if h == NAME_HEADER]
        kinds = ["named" if j in indicators else k for j, k in enumerate(kinds)]
    if None in kinds:
        return None
    filled = sum(1 for r in rows if names[0] < len(r.cells) and r.cells[names[0]].strip())
    if filled < SHARE * len(rows):
        return None
    header = []
    for j, kind in enumerate(kinds):
        if j in named:
            header.append(named[j])
        elif kind in ("no", "empty"):
            header.append("No" if kind == "no" else "")
        else:
            header.append("Uraian" if j == names[0] else "Keterangan")
    return [header]


def _by_caption(columns: list[list[str]], caption: str | None, a: int, b: int) -> tuple[None, int, int] | None:
    """(None, pagu column, realisasi column) for a table whose caption names a realisation of
    the budget, the pagu being the amount at least the other in `SHARE` of the rows printing
    both (at least `MIN_ROWS`)."""
    if not caption or not _REALISATION_CAPTION.match(caption):
        return None
    pairs = [(x, y) for x, y in zip(map(_number, columns[a]), map(_number, columns[b]))
             if x is not None and y is not None]
    if len(pairs) < MIN_ROWS:
        return None
    if sum(x >= y for x, y in pairs) >= SHARE * len(pairs):
        return None, a, b
    if sum(y >= x for x, y in pairs) >= SHARE * len(pairs):
        return None, b, a
    return None


def _indicator_columns(columns: list[list[str]], kinds: list[str | None], texts: list[int]) -> dict[int, str] | None:
    """Headers of a realisation table that prints its indicators beside its programs: the
    text column whose names open with `Program`/`Kegiatan` (`SHARE` of them), and right before
    the one column of figures, two text columns: sasaran and indikator."""
    programs = [j for j in texts if _opens_with_program(columns[j])]
    figures = [j for j, k in enumerate(kinds) if k == "figure"]
    if len(programs) != 1 or len(figures) != 1:
        return None
    target = figures[0]
    before = [j for j in texts if j < target and j != programs[0]]
    if len(before) != 2 or before[1] != target - 1 or kinds.count("text") != 3:
        return None
    return {programs[0]: NAME_HEADER, **dict(zip((*before, target), INDICATOR_HEADERS))}


def _opens_with_program(values: list[str]) -> bool:
    filled = [v for v in values if v.strip()]
    return bool(filled) and sum(1 for v in filled if _PROGRAM_NAME.match(v)) >= SHARE * len(filled)


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
