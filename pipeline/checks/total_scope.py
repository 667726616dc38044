"""What a `Jumlah`/`Total` row without explicit children covers, chosen by the table's arithmetic.

A lone total may close the rows above it (with unrelated lines printed after it, such as
`Belanja tidak langsung` under a `Jumlah` of kegiatan), open the rows below it (a total printed
first, in a table that the stitcher joined to the one before), or cover the whole table; and it
may be the sum of amount-bearing section headings (`TUGAS PEMBANTUAN`, `DANA DEKONSENTRASI`)
rather than of programs. Each reading is a list of candidate rows; the one under which the most
columns agree is kept, the whole table winning ties (the reading the check always used), so a
flag is raised only where no reading makes a column agree, and it names the reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from schemas.model import BudgetLine

from .common import LEVEL_RANK

# (total, rows) → (columns where the total is the sum of the rows' top level, columns where not)
Counts = Callable[[BudgetLine, list[BudgetLine]], tuple[int, int]]
# (total, rows) → number of columns where the total is not the sum of the rows
Mismatches = Callable[[BudgetLine, list[BudgetLine]], int]


@dataclass
class Scope:
    """Rows a total is compared with, and the reading they stand for ("" where there was no other)."""

    rows: list[BudgetLine]
    reading: str = ""


def money_rows(rows: list[BudgetLine]) -> list[BudgetLine]:
    """The rows of the program/kegiatan tree (those a sum may add up)."""
    return [r for r in rows if r.level in LEVEL_RANK]


def _outside_tree(rows: list[BudgetLine]) -> list[BudgetLine]:
    """Rows that print amounts but hold no level of the tree: section headings with their own
    subtotals (`TUGAS PEMBANTUAN`), units listed by name (`Balai Kemetrologian Bogor`)."""
    return [r for r in rows if r.level == "other" and r.amounts()]


def candidate_scopes(above: list[BudgetLine], below: list[BudgetLine],
                     whole: list[BudgetLine] | None = None) -> list[Scope]:
    """The readings of what a total covers, its default first (possibly with no rows): the
    whole table for a table's only total (`whole`), else the rows since the previous total."""
    if whole is not None:
        scopes = [Scope(money_rows(whole), "the whole table")]
        if money_rows(above) and money_rows(below):
            scopes.append(Scope(money_rows(above), "the rows above the total (the rows after it are"
                                               " outside it)"))
    else:
        scopes = [Scope(money_rows(above), "the rows since the previous total")]
    if whole is None or money_rows(above):
        scopes.append(Scope(money_rows(below), "the rows below the total (a total printed first;"
                                           " the rows above it are outside it)"))
    for part, where in ((above, "above"), (below, "below")):
        if len(_outside_tree(part)) >= 2:
            scopes.append(Scope(_outside_tree(part), f"the rows {where} the total that print"
                                " amounts outside the program/kegiatan tree (section headings"
                                " with their subtotals, or units)"))
    return [scopes[0], *(s for s in scopes[1:] if s.rows)]


def choose_scope(total: BudgetLine, scopes: list[Scope], counts: Counts) -> Scope:
    """The default reading, unless another makes more columns agree (then the one under which
    the most agree and the fewest disagree). A reading other than the default is taken only on
    the evidence of a column it makes agree, so one that compares nothing, or only disagrees,
    never replaces the default. The reading is named only where there was another."""
    if not scopes:
        return Scope([])
    default, others = scopes[0], scopes[1:]
    keyed = [(counts(total, s.rows), n) for n, s in enumerate(scopes)]
    best = max(keyed, key=lambda item: (item[0][0], -item[0][1], -item[1]))
    chosen = scopes[best[1]] if best[0][0] > keyed[0][0][0] else default
    return chosen if others else Scope(chosen.rows)


def part_of_a_later_total(run: list[BudgetLine], before: list[BudgetLine],
                          mismatches: Mismatches) -> bool:
    """Whether total `run[0]`, printed after the totals `before` with no rows of its own, is the
    total of an empty section (`Jumlah Belanja Tdk Langsung 0`) rather than a grand total of
    `before`. It is when a later total of the run is the sum of `before`, it and the totals
    between, or when reading it so leaves fewer columns in disagreement with the next total."""
    for j in range(1, len(run)):
        if not mismatches(run[j], [*before, *run[:j]]):
            return True
    if len(run) < 2:
        return False
    as_grand = mismatches(run[0], before) + mismatches(run[1], [run[0]])
    return mismatches(run[1], [*before, run[0]]) < as_grand
