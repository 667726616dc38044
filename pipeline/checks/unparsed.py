"""`unparsed_amount`: an amount cell whose text could not be read as a number.

The value stays NULL in the warehouse (never guessed); this flag tells the auditor which cell to
read by hand and what it said, so a total that looks wrong can be traced to a reading problem.
"""

from __future__ import annotations

from schemas.model import BudgetLine, Flag

from .common import ROLE_LABEL, describe, line_flag

RULE = "unparsed_amount"


def check_unparsed(lines: list[BudgetLine]) -> list[Flag]:
    flags = []
    for line in lines:
        for role in dict.fromkeys(line.unparsed):  # once per role, in order
            raw = line.raw_cells.get(role)
            shown = repr(raw) if raw is not None else "(raw text not kept)"
            flags.append(line_flag(
                RULE, line,
                f"{describe(line)}: the {ROLE_LABEL.get(role, role)} cell {shown} could "
                f"not be read as an amount; read it in the PDF and correct it by hand.",
                severity="warning",
            ))
    return flags
