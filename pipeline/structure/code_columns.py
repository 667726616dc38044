"""A Kode printed in sub-columns: `1 | 03 | 07 | 24 | 01` is one code, `1.03.07.24.01`.

The Renja and Renstra forms (Permendagri 54 and 86: `Rumusan Rencana Program dan Kegiatan`)
print each group of the Kemendagri code in a column of its own under one merged `Kode` cell.
Only the first of those columns takes the `code` role, so every row's code would be its urusan,
`1`, and the code could tell neither program from kegiatan nor one region's kegiatan from
another's. The columns right of the code column that have no header of their own and hold short
groups of digits are the code's other groups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.model import Table

GROUP = re.compile(r"^\d{1,4}$")
SHORT = re.compile(r"^\S{1,4}$")  # a group as a scan may read it (`OF` for `07`, `D3` for `03`)
SHORT_SHARE = 0.8  # of a column's filled cells, short tokens: the column is one of the code's
DIGIT_SHARE = 0.6  # ... and of each such column's filled cells, groups of digits as printed


def code_part_columns(table: Table) -> list[int]:
    """The columns right of the code column that continue its code (none: no such column). The
    code column must be headed (`Kode`): under an unread header an unheaded column of small
    counts beside a code column would pass for its groups. All or nothing: when one of the
    unheaded columns is not mostly short groups of digits (a scan's `OF`, `OL`, `07 22`), none
    is taken, as a code cut short (`1.03`) is another, higher code."""
    code = next((c for c in table.columns if c.role == "code"), None)
    if code is None or not (code.header or "").strip():
        return []
    run: list[tuple[int, list[str]]] = []
    for col in sorted(table.columns, key=lambda c: c.index):
        if col.index <= code.index:
            continue
        if col.index != code.index + len(run) + 1 or col.role != "other" \
                or (col.header or "").strip() not in ("", (code.header or "").strip()):
            break
        cells = [row.cells[col.index].strip() for row in table.rows
                 if col.index < len(row.cells) and row.cells[col.index].strip()]
        if not cells:
            break
        if sum(bool(SHORT.match(c)) for c in cells) < SHORT_SHARE * len(cells):
            return []  # an unheaded column of longer cells (`07 22`): where the code ends is unsure
        run.append((col.index, cells))
    if any(sum(bool(GROUP.match(c)) for c in cells) < DIGIT_SHARE * len(cells) for _, cells in run):
        return []
    return [index for index, _ in run]


def joined_code(cells: Sequence[str], code_index: int, parts: Sequence[int]) -> str | None:
    """The row's code, its printed groups joined by dots, when they fill the first columns
    without a gap and each is a group of digits; None when a group is misread (`OF`), one is
    missing before another, or the row prints none beyond the first: a wrong code would pass for
    another kegiatan's, a short one is only short."""
    groups = [cells[j].strip() if j < len(cells) else "" for j in (code_index, *parts)]
    while groups and not groups[-1]:  # a program prints fewer groups than its kegiatan
        groups.pop()
    if len(groups) < 2 or not all(GROUP.match(g) for g in groups):
        return None
    return ".".join(groups)
