"""Column roles chosen by the table's own arithmetic where the header leaves them ambiguous.

A `Capaian` column printed beside `Anggaran` and `Realisasi` may be an indicator's
achievement or the budget's absorption: when its figures are realisasi / pagu × 100 row
after row, it is the absorption (`realisasi_pct`), whatever the header's neighbours suggest.
Conversely a column read as absorption that never equals realisasi / pagu while an indicator
column sits beside it is the indicator's `capaian`. Each reading is tried against every row
that prints all three figures; a reading is kept only when most such rows agree with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pipeline.normalise.numbers import infer_convention, parse_value
from schemas.model import GridRow

AGREE_SHARE = 0.75  # rows that must agree with a reading for it to be kept
MIN_ROWS = 2  # rows printing all three figures needed to decide at all
PCT_TOLERANCE = Decimal("0.6")  # percentage points: printed percents are rounded (98.96, 99)


def _column(rows: Sequence[GridRow], j: int) -> list[Decimal | None]:
    """Column `j`'s figures; its convention from its own cells, else from the whole table's."""
    cells = [r.cells[j] if j < len(r.cells) else "" for r in rows]
    convention = infer_convention(cells, fallback=infer_convention(c for r in rows for c in r.cells))
    out: list[Decimal | None] = []
    for cell in cells:
        value = parse_value(cell, convention)
        out.append(value.value if value.kind in ("amount", "percent") and value.value is not None else None)
    return out


def share_of_ratio(rows: Sequence[GridRow], pct: int, numerator: int, denominator: int) -> tuple[int, int]:
    """(rows where column `pct` = `numerator` / `denominator` × 100, rows printing all three)."""
    p, n, d = _column(rows, pct), _column(rows, numerator), _column(rows, denominator)
    agree = total = 0
    for pv, nv, dv in zip(p, n, d):
        if pv is None or nv is None or dv is None or dv == 0:
            continue
        total += 1
        if abs(nv * 100 / dv - pv) <= PCT_TOLERANCE:
            agree += 1
    return agree, total


def decide_percent_columns(roles: list[str], rows: Sequence[GridRow]) -> None:
    """Turn `capaian` into `realisasi_pct` (or back) by whether the column is realisasi / pagu."""
    pagus = [j for j, r in enumerate(roles) if r in ("pagu", "pagu_murni", "pagu_perubahan")]
    if not pagus or "realisasi" not in roles:
        _capaian_of_indicators(roles, rows)
        return
    realisasi = roles.index("realisasi")
    for j, role in enumerate(roles):
        if role not in ("capaian", "realisasi_pct"):
            continue
        agree, total = max(share_of_ratio(rows, j, realisasi, pagu) for pagu in pagus)
        if total < MIN_ROWS:
            continue
        if role == "capaian" and agree >= AGREE_SHARE * total and "realisasi_pct" not in roles:
            roles[j] = "realisasi_pct"
        elif role == "realisasi_pct" and agree == 0 and "indikator" in roles and "capaian" not in roles:
            roles[j] = "capaian"


def _capaian_of_indicators(roles: list[str], rows: Sequence[GridRow]) -> None:
    """In a table of indicators only (target, realisasi, no budget), a `%` column read as the
    budget's absorption is the indicators' capaian when its figures are realisasi / target × 100
    row after row; a `capaian` column elsewhere that agrees less (a `Rata-rata Capaian` printed on
    the sasaran rows only) gives up the role."""
    if "target" not in roles or "realisasi_kinerja" not in roles or "realisasi_pct" not in roles:
        return
    pcts = [j for j, r in enumerate(roles) if r == "realisasi_pct"]
    if len(pcts) > 1:  # `Tahun 2021 / T | R | %`, `Tahun 2022 / …`: each % against its own pair
        for pct in pcts:
            target, realisasi = _nearest_left(roles, "target", pct), _nearest_left(roles, "realisasi_kinerja", pct)
            if target is not None and realisasi is not None:
                agree, total = share_of_ratio(rows, pct, realisasi, target)
                if total >= MIN_ROWS and agree >= AGREE_SHARE * total:
                    roles[pct] = "capaian"
        return
    target, realisasi = roles.index("target"), roles.index("realisasi_kinerja")
    pct = roles.index("realisasi_pct")
    agree, total = share_of_ratio(rows, pct, realisasi, target)
    if total < MIN_ROWS or agree < AGREE_SHARE * total:
        return
    if "capaian" in roles:
        other = roles.index("capaian")
        if share_of_ratio(rows, other, realisasi, target)[0] >= agree:
            return
        roles[other] = "other"
    roles[pct] = "capaian"


def _nearest_left(roles: list[str], role: str, j: int) -> int | None:
    return next((k for k in range(j - 1, -1, -1) if roles[k] == role), None)
