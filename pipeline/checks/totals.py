"""`total_mismatch`: a parent row (or a total row) is not the sum of the rows it encloses.

Parents come from `parent_row_no` (sub_kegiatan → kegiatan → program → opd). A `total` row
with no explicit children is compared with the top-level lines of its table — the highest level
that prints the column — so a program and its kegiatan are never added together.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from pipeline.structure.hierarchy import LEVEL_BY
from schemas.model import BudgetLine, Flag

from .common import (
    LEVEL_RANK,
    QUARTER_ROLES,
    ROLE_LABEL,
    by_table,
    describe,
    fmt_rp,
    line_flag,
    money_tolerance,
    rows_of,
)

RULE = "total_mismatch"


def check_totals(lines: list[BudgetLine]) -> list[Flag]:
    flags: list[Flag] = []
    for table_lines in by_table(lines).values():
        children: dict[int, list[BudgetLine]] = defaultdict(list)
        for line in table_lines:
            if line.parent_row_no is not None and line.level in LEVEL_RANK:
                children[line.parent_row_no].append(line)
        for line in table_lines:
            kids = children.get(line.row_no)
            if kids:
                flags.extend(_compare_with_children(line, kids))
        flags.extend(_check_childless_totals(table_lines, children))
    return flags


BUDGET_SOURCES = ("pagu_murni", "pagu_perubahan")


def _roles_to_check(parent: BudgetLine, kids: list[BudgetLine]) -> tuple[str, ...]:
    """Columns to compare. The budget is compared on `pagu` — each row's perubahan, or its murni
    where the row was not revised (an empty perubahan cell means "unchanged", not 0) — plus
    `pagu_murni` when the table also prints a perubahan column. `pagu_perubahan` on its own is
    never summed: its blanks are not zeros."""
    rows = [parent, *kids]
    roles = ["pagu"]
    if parent.pagu is None or any(r.pagu_perubahan is not None for r in rows):
        roles.append("pagu_murni")
    return (*roles, "realisasi", *QUARTER_ROLES)


def _label(role: str, rows: list[BudgetLine]) -> str:
    if role == "pagu" and any(r.pagu_perubahan is not None for r in rows):
        return "pagu (perubahan, else murni)"
    return ROLE_LABEL[role]


def _unreadable(role: str, kid: BudgetLine) -> bool:
    sources = (role, *BUDGET_SOURCES) if role == "pagu" else (role,)
    return any(r in kid.unparsed for r in sources)


def _compare_with_children(
    parent: BudgetLine,
    kids: list[BudgetLine],
    roles: tuple[str, ...] | None = None,
    what: str | None = None,
) -> list[Flag]:
    """Parent against the sum of `kids`, column by column.

    A column is compared only where the parent prints it and every child does: an empty cell is
    NULL (a printed `-` is already 0), i.e. unknown, so a sum with a gap would accuse the parent
    of an error the table does not contain. Unreadable child cells are left to `unparsed_amount`.
    """
    flags = []
    for role in roles if roles is not None else _roles_to_check(parent, kids):
        printed = getattr(parent, role)
        if printed is None:
            continue
        values = [getattr(k, role) for k in kids]
        if any(v is None for v in values) or any(_unreadable(role, k) for k in kids):
            continue
        total = sum(values, Decimal(0))
        if abs(printed - total) <= money_tolerance(len(kids)):
            continue
        if printed != 0 and abs(printed * 2 - total) <= money_tolerance(len(kids)):
            continue  # the rows are two levels counted together (a kegiatan and its sub kegiatan)
        flags.append(line_flag(
            RULE, parent,
            f"{describe(parent)}: {_label(role, [parent, *kids])} printed "
            f"{fmt_rp(printed)} but the sum of {what or _kids_label(kids)} is "
            f"{fmt_rp(total)} (difference {fmt_rp(abs(printed - total))}).{_reading(parent, kids)}",
            expected=total, actual=printed,
        ))
    return flags


def _reading(parent: BudgetLine, kids: list[BudgetLine]) -> str:
    """Which reading of the table the sum was taken under, where the structure had a choice."""
    if any(line.raw_cells.get(LEVEL_BY) == "sums" for line in (parent, *kids)):
        return (" Reading used: rows printed alike told apart by their sums (a row that is the sum"
                " of the rows below it is their parent); no reading makes this column agree.")
    return ""


def _kids_label(kids: list[BudgetLine]) -> str:
    levels = sorted({k.level for k in kids}, key=lambda lv: LEVEL_RANK.get(lv, 99))
    return f"its {rows_of(len(kids), '/'.join(levels))}"


def _check_childless_totals(
    table_lines: list[BudgetLine], children: dict[int, list[BudgetLine]]
) -> list[Flag]:
    """Compare each total row that has no explicit children with what it must cover.

    One such total in a table covers the whole table (printed first or last). Several are
    section totals: each covers the lines since the previous one, and a total directly after
    another (a grand total) covers the section totals before it.
    """
    totals = [
        (idx, l) for idx, l in enumerate(table_lines)
        if l.level == "total" and l.row_no not in children
    ]
    money = [l for l in table_lines if l.level in LEVEL_RANK]
    flags: list[Flag] = []
    if len(totals) == 1:
        return _compare_with_top_level(totals[0][1], money)
    start = 0
    previous_totals: list[BudgetLine] = []
    for idx, total in totals:
        segment = [l for l in table_lines[start:idx] if l.level in LEVEL_RANK]
        start = idx + 1
        if segment:
            flags.extend(_compare_with_top_level(total, segment))
            previous_totals.append(total)
        elif previous_totals:
            flags.extend(
                _compare_with_children(
                    total, previous_totals, None,
                    f"the {rows_of(len(previous_totals), 'total')} above",
                )
            )
            previous_totals = [total]
    return flags


def _compare_with_top_level(total: BudgetLine, segment: list[BudgetLine]) -> list[Flag]:
    """Per column, the highest level that prints it: a table may print the budget on program
    rows only and realisasi down to sub kegiatan."""
    flags: list[Flag] = []
    for role in _roles_to_check(total, segment):
        if getattr(total, role) is None:
            continue
        with_value = [l for l in segment if getattr(l, role) is not None]
        if not with_value:
            continue
        top = min(LEVEL_RANK[l.level] for l in with_value)
        tops = [l for l in segment if LEVEL_RANK[l.level] == top]
        label = f"the {rows_of(len(tops), tops[0].level)} of the table"
        flags.extend(_compare_with_children(total, tops, (role,), label))
    return flags
