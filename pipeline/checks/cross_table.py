"""`cross_table_mismatch`: one program/kegiatan/sub kegiatan printed in two tables of the same
document with a different budget or realisation.

Rows are matched by nomenclature code when both print one (numbering like `1.2` restarts per
table and is ignored), else by normalised name at the same level. A name that occurs twice in
one table is ambiguous there and is not matched. Budgets agree when any printed budget of one
row (pagu, murni, perubahan) equals one of the other's — a table of the original budget and a
table of the revised one are both right. A figure exactly 1000× the other is a table printed in
thousands (`ribuan`), not a discrepancy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from schemas.model import BudgetLine, Flag

from .common import budgets, by_table, describe, fmt_rp, line_flag, normalise_name, structured_code

RULE = "cross_table_mismatch"
MATCH_LEVELS = ("program", "kegiatan", "sub_kegiatan")
ONE = Decimal(1)
THOUSAND = Decimal(1000)


def same_amount(a: Decimal, b: Decimal) -> bool:
    """Equal within a rupiah, or equal once one side is read as printed in thousands."""
    if abs(a - b) <= ONE:
        return True
    return abs(a * THOUSAND - b) < THOUSAND or abs(b * THOUSAND - a) < THOUSAND


def any_same(xs: Iterable[Decimal], ys: Iterable[Decimal]) -> bool:
    ys = list(ys)
    return any(same_amount(x, y) for x in xs for y in ys)


def match_keys(line: BudgetLine) -> list[tuple[str, str, str]]:
    """Keys a row can be matched under: its nomenclature code, and its normalised name."""
    keys = []
    code = structured_code(line.code)
    if code:
        keys.append((line.level, "code", code))
    name = normalise_name(line.name)
    if name:
        keys.append((line.level, "name", name))
    return keys


def compatible(a: BudgetLine, b: BudgetLine) -> bool:
    """Two rows with different nomenclature codes are different rows, whatever their names."""
    ca, cb = structured_code(a.code), structured_code(b.code)
    return not (ca and cb and ca != cb)


def check_cross_table(lines: list[BudgetLine]) -> list[Flag]:
    # key -> table_no -> rows of that table under the key
    index: dict[tuple[str, str, str], dict[int, list[BudgetLine]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for table_no, table_lines in sorted(by_table(lines).items()):
        for line in table_lines:
            if line.level in MATCH_LEVELS:
                for key in match_keys(line):
                    index[key][table_no].append(line)

    flags: list[Flag] = []
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    # code keys first, so a pair matched both ways is reported as matched by code
    for key, tables in sorted(index.items(), key=lambda kv: kv[0][1] != "code"):
        unique = [rows[0] for _, rows in sorted(tables.items()) if len(rows) == 1]
        if len(unique) < 2:
            continue
        anchor = unique[0]
        for other in unique[1:]:
            pair = (anchor.key, other.key)
            if pair in seen or not compatible(anchor, other):
                continue
            seen.add(pair)
            flags.extend(_compare(anchor, other, "code" if key[1] == "code" else "name"))
    return flags


def _compare(anchor: BudgetLine, other: BudgetLine, matched_by: str) -> list[Flag]:
    flags = []
    a_budgets, o_budgets = budgets(anchor), budgets(other)
    if a_budgets and o_budgets and not any_same(a_budgets, o_budgets):
        a_val = anchor.pagu if anchor.pagu is not None else min(a_budgets)
        o_val = other.pagu if other.pagu is not None else min(o_budgets)
        flags.append(_flag(anchor, other, "pagu", a_val, o_val, matched_by))
    if (
        anchor.realisasi is not None
        and other.realisasi is not None
        and not same_amount(anchor.realisasi, other.realisasi)
    ):
        flags.append(
            _flag(anchor, other, "realisasi", anchor.realisasi, other.realisasi, matched_by)
        )
    return flags


def _flag(
    anchor: BudgetLine, other: BudgetLine, what: str, expected: Decimal, actual: Decimal,
    matched_by: str,
) -> Flag:
    return line_flag(
        RULE, other,
        f"{describe(other)}: {what} {fmt_rp(actual)} differs from {fmt_rp(expected)} printed "
        f"for the same {anchor.level.replace('_', ' ')} (matched by {matched_by}) in "
        f"{describe(anchor)} (difference {fmt_rp(abs(actual - expected))}).",
        expected=expected, actual=actual, other=anchor,
    )
