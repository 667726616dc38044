"""`total_mismatch`: a parent row (or a total row) is not the sum of the rows it encloses.

Parents come from `parent_row_no` (sub_kegiatan → kegiatan → program → opd). A `total` row
with no explicit children is compared with the top-level lines of its table — the highest level
that prints the column — so a program and its kegiatan are never added together.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from schemas.model import LEVEL_BY, BudgetLine, Flag

from .common import (
    LEVEL_RANK,
    QUARTER_ROLES,
    ROLE_LABEL,
    by_table,
    describe,
    fmt_rp,
    line_flag,
    money_tolerance,
    printed_unit,
    rows_of,
)
from .swapped import swap_notes
from .total_scope import candidate_scopes, choose_scope, money_rows, part_of_a_later_total

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


def _mismatching(parent: BudgetLine, kids: list[BudgetLine],
                 roles: tuple[str, ...]) -> list[tuple[str, Decimal, Decimal]]:
    """(column, printed, sum) for each column where `parent` is not the sum of `kids`.

    A column is compared only where the parent prints it and every child does: an empty cell is
    NULL (a printed `-` is already 0), i.e. unknown, so a sum with a gap would accuse the parent
    of an error the table does not contain. Unreadable child cells are left to `unparsed_amount`.
    """
    out = []
    tolerance = money_tolerance(len(kids), printed_unit([parent, *kids]))
    for role in roles:
        printed = getattr(parent, role)
        if printed is None:
            continue
        values = [getattr(k, role) for k in kids]
        if any(v is None for v in values) or any(_unreadable(role, k) for k in kids):
            continue
        total = sum(values, Decimal(0))
        if abs(printed - total) <= tolerance:
            continue
        if printed != 0 and abs(printed * 2 - total) <= tolerance:
            continue  # the rows are two levels counted together (a kegiatan and its sub kegiatan)
        out.append((role, printed, total))
    return out


def _compare_with_children(
    parent: BudgetLine,
    kids: list[BudgetLine],
    roles: tuple[str, ...] | None = None,
    what: str | None = None,
    reading: str = "",
    notes: dict[str, str] | None = None,
) -> list[Flag]:
    """Parent against the sum of `kids`, column by column; `reading` names the reading of the
    table the comparison was made under, where the check chose one; `notes` (per column) name a
    child whose swapped figures would explain the difference (found here when not given)."""
    flags = []
    mismatches = _mismatching(parent, kids, roles or _roles_to_check(parent, kids))
    if notes is None:
        notes = swap_notes(kids, mismatches, money_tolerance(len(kids), printed_unit([parent, *kids])))
    for role, printed, total in mismatches:
        flags.append(line_flag(
            RULE, parent,
            f"{describe(parent)}: {_label(role, [parent, *kids])} printed "
            f"{fmt_rp(printed)} but the sum of {what or _kids_label(kids)} is "
            f"{fmt_rp(total)} (difference {fmt_rp(abs(printed - total))})."
            f"{notes.get(role, '')}{_reading(parent, kids, reading)}",
            expected=total, actual=printed,
        ))
    return flags


# what each arithmetic-chosen level reading (`level_by` in raw cells) says in a message
_LEVEL_READINGS = {
    "sums": "rows printed alike told apart by their sums (a row that is the sum of the rows"
            " below it is their parent)",
    "header": "rows without a level word read at the level the name column's header names"
              " (their amounts are not the sum of a row above them)",
    "grand_sum": "a row without a name read as the table's total (its amounts are the sum of"
                 " the rows above it)",
    "heading": "a row repeating the subtotal of the rows after it read as their heading",
}


def _reading(parent: BudgetLine, kids: list[BudgetLine], chosen: str = "") -> str:
    """Which reading of the table the sum was taken under, where the structure had a choice."""
    readings = [chosen] if chosen else []
    for line in (parent, *kids):
        text = _LEVEL_READINGS.get(line.raw_cells.get(LEVEL_BY, ""))
        if text and text not in readings:
            readings.append(text)
    if not readings:
        return ""
    return f" Reading used: {'; '.join(readings)}; no reading makes this column agree."


def _kids_label(kids: list[BudgetLine]) -> str:
    levels = sorted({k.level for k in kids}, key=lambda lv: LEVEL_RANK.get(lv, 99))
    return f"its {rows_of(len(kids), '/'.join(levels))}"


def _check_childless_totals(
    table_lines: list[BudgetLine], children: dict[int, list[BudgetLine]]
) -> list[Flag]:
    """Compare each total row that has no explicit children with what it must cover.

    What a total covers is chosen by the table's arithmetic among the readings `total_scope`
    offers: by default the whole table for a table's only total, and the lines since the
    previous total for several. A total directly after another (a grand total) covers the
    section totals before it, unless a later total shows it to be the total of a section with
    no rows of its own. A total printed first, with nothing above it, is left unchecked.
    """
    totals = [
        (idx, l) for idx, l in enumerate(table_lines)
        if l.level == "total" and l.row_no not in children
    ]
    if len(totals) == 1:
        idx, total = totals[0]
        scopes = candidate_scopes(table_lines[:idx], table_lines[idx + 1:], table_lines)
        scope = choose_scope(total, scopes, _counts)
        return _compare_with_top_level(total, scope.rows, scope.reading)
    flags: list[Flag] = []
    bounds = [-1, *(idx for idx, _ in totals), len(table_lines)]
    windows = [(table_lines[bounds[k] + 1:bounds[k + 1]], table_lines[bounds[k + 1] + 1:bounds[k + 2]])
               for k in range(len(totals))]
    previous_totals: list[BudgetLine] = []
    for k, (_, total) in enumerate(totals):
        above, below = windows[k]
        if any(l.level in LEVEL_RANK for l in above):
            # rows the next total adds up are its own, never this one's (read as printed first)
            claimed = k + 1 < len(totals) and _counts(totals[k + 1][1], money_rows(below))[1] == 0
            scopes = candidate_scopes(above, [] if claimed else below)
            scope = choose_scope(total, scopes, _counts)
            flags.extend(_compare_with_top_level(total, scope.rows, scope.reading))
            previous_totals.append(total)
            continue
        if not previous_totals:
            continue
        run = [t for _, t in totals[k:]]
        run = run[:next((n for n in range(1, len(run))
                         if any(l.level in LEVEL_RANK for l in windows[k + n][0])), len(run))]
        if _agrees(total, previous_totals) or not part_of_a_later_total(
                run, previous_totals, _count_mismatches):
            flags.extend(
                _compare_with_children(
                    total, previous_totals, None,
                    f"the {rows_of(len(previous_totals), 'total')} above",
                )
            )
            previous_totals = [total]
        else:  # the total of an empty section: a part of the grand total printed after it
            previous_totals.append(total)
    return flags


def _counts(total: BudgetLine, segment: list[BudgetLine]) -> tuple[int, int]:
    """(columns that agree, columns that do not) between `total` and the top level of `segment`."""
    agree = disagree = 0
    for role in _roles_to_check(total, segment):
        tops = _top_level(segment, role)
        if getattr(total, role) is None or not tops:
            continue
        if any(getattr(t, role) is None or _unreadable(role, t) for t in tops):
            continue
        if _mismatching(total, tops, (role,)):
            disagree += 1
        else:
            agree += 1
    return agree, disagree


def _count_mismatches(total: BudgetLine, parts: list[BudgetLine]) -> int:
    return len(_mismatching(total, parts, _roles_to_check(total, parts)))


def _agrees(total: BudgetLine, parts: list[BudgetLine]) -> bool:
    return not _count_mismatches(total, parts)


def _top_level(segment: list[BudgetLine], role: str) -> list[BudgetLine]:
    """The rows of the highest level that prints `role` (a table may print the budget on
    program rows only and realisasi down to sub kegiatan)."""
    with_value = [l for l in segment if getattr(l, role) is not None and l.level in LEVEL_RANK]
    if not with_value:
        return [l for l in segment if getattr(l, role) is not None]  # section headings
    top = min(LEVEL_RANK[l.level] for l in with_value)
    return [l for l in segment if LEVEL_RANK.get(l.level) == top]


def _compare_with_top_level(total: BudgetLine, segment: list[BudgetLine],
                            reading: str = "") -> list[Flag]:
    """Per column, the rows of the highest level that prints it."""
    per_role = [(role, tops) for role in _roles_to_check(total, segment)
                if getattr(total, role) is not None and (tops := _top_level(segment, role))]
    flags: list[Flag] = []
    for role, tops in per_role:
        same_rows = tuple(r for r, t in per_role if t == tops)
        notes = swap_notes(tops, _mismatching(total, tops, same_rows),
                           money_tolerance(len(tops), printed_unit([total, *tops])))
        label = f"the {rows_of(len(tops), tops[0].level)} of the table"
        flags.extend(_compare_with_children(total, tops, (role,), label, reading, notes))
    return flags
