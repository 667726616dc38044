"""Second readings of row levels, kept where the document's own arithmetic prefers them.

`assign_levels` reads an unlabelled row under a labelled `Kegiatan …` as its sub kegiatan, and a
row without a name as whatever the rows around it are. Two layouts break those guesses:

- A column headed just `Kegiatan` lists kegiatan, some printed with the word (`Kegiatan
  Pelatihan …`) and some without (`RTM - Kegiatan …`, `Pengelolaan Pakan Ikan`). Reading the
  unlabelled ones as sub kegiatan makes every such "parent" disagree with its "children";
  reading them as the kegiatan the header names makes nothing disagree. The child reading is
  kept only where the rows under a labelled row do add up to it.
- A heading that prints its section's subtotal (`Satker Dinas … (08) Ditjen PSP  816.500.000`)
  right after a labelled kegiatan, then the program it heads with the same figures: read as that
  kegiatan's sub kegiatan it would be larger than its whole. It is a heading (level `other`,
  opening a section) when it exceeds the row above in some column and repeats the row below.
- A grand total printed without a word (`\\` in a merged cell, then the amount) as the last
  row: it is the total when its amounts are the sum of the rows above it.

Each row re-read records the reading in `level_by`, which the checks quote in their messages.
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.structure.hierarchy import CHILD, RANK, RowInfo, sums_to

BY_HEADER = "header"  # unlabelled rows at the level the name column's header names
BY_GRAND_SUM = "grand_sum"  # a nameless last row that is the sum of the table
BY_HEADING = "heading"  # a row repeating the subtotal of the section it opens


def reread_levels(rows: list[RowInfo], header_level: str | None) -> None:
    """Apply both second readings, in place."""
    _header_siblings(rows, header_level)
    _subtotal_headings(rows)
    _nameless_grand_total(rows)


def _header_siblings(rows: list[RowInfo], header_level: str | None) -> None:
    """Rows guessed as children of a labelled row of the header's level become its siblings
    when the parent prints amounts they do not add up to."""
    if header_level not in RANK or CHILD[header_level] == header_level:
        return
    child = CHILD[header_level]
    i = 0
    while i < len(rows):
        head = rows[i]
        block = _guessed_children(rows, i, child) if head.labelled and head.level == header_level else []
        if block and head.amounts and sums_to(head.amounts, [rows[k].amounts for k in block]) is not True:
            for k in block:
                rows[k].level, rows[k].level_by = header_level, BY_HEADER
        i = block[-1] + 1 if block else i + 1


def _guessed_children(rows: list[RowInfo], i: int, child: str) -> list[int]:
    """Indices of the rows after `i` whose level was only guessed as its child's."""
    block: list[int] = []
    for j in range(i + 1, len(rows)):
        r = rows[j]
        if r.level == "other" and not r.amounts:
            continue
        if not (r.below_labelled and r.level == child and r.level_by is None):
            break
        block.append(j)
    return block


def _subtotal_headings(rows: list[RowInfo]) -> None:
    """A row guessed as the child of the row above that is larger than it in some column and
    prints exactly the amounts of the labelled row below it is that row's heading."""
    for k in range(1, len(rows) - 1):
        row, above, below = rows[k], rows[k - 1], rows[k + 1]
        if not (row.below_labelled and row.level_by is None and row.amounts and below.labelled):
            continue
        larger = any(v > above.amounts[c] + 1 for c, v in row.amounts.items() if c in above.amounts)
        if larger and row.amounts == below.amounts:
            row.level, row.level_by, row.section = "other", BY_HEADING, True


def _nameless_grand_total(rows: list[RowInfo]) -> None:
    """The last row carrying amounts, with no words of its own, read as the table's total when
    each amount it prints is the sum of the highest-level rows above it."""
    last = next((k for k in range(len(rows) - 1, -1, -1) if rows[k].amounts), None)
    if last is None or rows[last].labelled or any(ch.isalpha() for ch in rows[last].name):
        return
    above = [r for r in rows[:last] if r.level in RANK]
    if len(above) < 2:
        return
    top = min(RANK[r.level] for r in above)
    tops = [r.amounts for r in above if RANK[r.level] == top]
    for column, value in rows[last].amounts.items():
        vals = [t.get(column) for t in tops]
        if value == 0 or None in vals or abs(sum(vals, Decimal(0)) - value) > Decimal(1):
            return
    rows[last].level, rows[last].level_by = "total", BY_GRAND_SUM
