"""`realisasi_exceeds_pagu`: a row spent more than its budget.

Regional spending above the (revised) budget is not allowed, so either the figures or the
column reading are wrong. When realisasi equals the *other* budget (often pagu murni after a cut
in the perubahan), the message says so: that usually means a column was copied or shifted.
"""

from __future__ import annotations

from decimal import Decimal

from schemas.model import BudgetLine, Flag

from .common import describe, fmt_rp, line_flag

RULE = "realisasi_exceeds_pagu"
ONE = Decimal(1)


def check_realisasi_exceeds_pagu(lines: list[BudgetLine]) -> list[Flag]:
    flags = []
    for line in lines:
        realisasi, pagu = line.realisasi, line.pagu
        if realisasi is None or pagu is None or realisasi - pagu <= ONE:
            continue
        hint = ""
        others = (("pagu murni", line.pagu_murni), ("pagu perubahan", line.pagu_perubahan))
        for label, other in others:
            if other is not None and other != pagu and abs(other - realisasi) <= ONE:
                hint = f"; it equals {label} {fmt_rp(other)} — check whether a column was copied"
                break
        flags.append(line_flag(
            RULE, line,
            f"{describe(line)}: realisasi {fmt_rp(realisasi)} exceeds pagu "
            f"{fmt_rp(pagu)} by {fmt_rp(realisasi - pagu)}{hint}.",
            expected=pagu, actual=realisasi,
        ))
    return flags
