"""`misaligned_amount`: a budget figure printed in one row's column that belongs to a sibling row.

Copy-paste and conversion errors shift a column by a row (the Jambi 2023 form prints, in section C,
each sub kegiatan's pagu murni equal to another sub kegiatan's pagu perubahan: the murni column
slid). An exact, non-round amount of one row turning up in a *different* budget column of a
nearby row of the same level is very unlikely by chance, so it is worth a warning. Round amounts (multiples of
100.000) and rows of different levels (a kegiatan and its only sub kegiatan) are left alone.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from schemas.model import BudgetLine, Flag

from .common import describe, fmt_rp, line_flag

RULE = "misaligned_amount"
COLUMNS = ("pagu_murni", "pagu_perubahan", "realisasi")
MIN_AMOUNT = Decimal(1_000_000)
ROUND = Decimal(100_000)
NEAR_ROWS = 5  # a slid column moves figures by a row or two, not across the table


def _label(column: str) -> str:
    return column.replace("_", " ")


def check_misaligned(lines: list[BudgetLine]) -> list[Flag]:
    by_value: dict[tuple[int, Decimal], list[tuple[BudgetLine, str]]] = defaultdict(list)
    for line in lines:
        if line.level in ("total", "other"):
            continue
        for column in COLUMNS:
            value = getattr(line, column)
            if value is not None and value >= MIN_AMOUNT and value % ROUND != 0:
                by_value[(line.table_no, value)].append((line, column))
    flags = []
    for (_, value), places in by_value.items():
        for line, column in places:
            for other, other_column in places:
                if other is line or other_column == column or other.level != line.level:
                    continue
                if abs(other.row_no - line.row_no) > NEAR_ROWS or column != "pagu_murni":
                    continue
                flags.append(line_flag(
                    RULE, line,
                    f"{describe(line)}: {_label(column)} {fmt_rp(value)} is exactly the "
                    f"{_label(other_column)} of {describe(other)}; the column may have slid by a row.",
                    severity="warning", actual=value, other=other,
                ))
                break
    return flags
