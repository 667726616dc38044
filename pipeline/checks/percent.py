"""`pct_mismatch`: the printed % realisasi is not realisasi / pagu × 100 at its printed precision.

`45%` for 44.92% is fine (half a unit of the last printed digit). A value cut instead of rounded
(`99,99%` for 99.998%) is a rounding-size slip → warning. A % that matches the *other* budget
(realisasi / pagu murni where the row is measured against perubahan) is a warning: the figures are
right, the table just used the other denominator. Anything else is an error.
"""

from __future__ import annotations

from decimal import Decimal

from schemas.model import BudgetLine, Flag

from .common import describe, fmt_num, fmt_pct, fmt_rp, line_flag, printed_decimals, rounding_verdict

RULE = "pct_mismatch"
HUNDRED = Decimal(100)


def check_percentages(lines: list[BudgetLine]) -> list[Flag]:
    flags = []
    for line in lines:
        flag = _check_line(line)
        if flag is not None:
            flags.append(flag)
    return flags


def _check_line(line: BudgetLine) -> Flag | None:
    printed, realisasi, pagu = line.realisasi_pct, line.realisasi, line.pagu
    if printed is None or realisasi is None or pagu is None or pagu == 0:
        return None
    decimals = printed_decimals(printed, line.realisasi_pct_decimals)
    computed = realisasi / pagu * HUNDRED
    verdict = rounding_verdict(printed, decimals, computed)
    if verdict in ("ok", "truncated"):  # a % cut rather than rounded (95,92 for 95,929…) is the same figure
        return None
    shown = max(decimals, 1)
    base = (
        f"{describe(line)}: % realisasi printed {fmt_pct(printed, decimals)} but realisasi "
        f"{fmt_rp(realisasi)} / pagu {fmt_rp(pagu)} = {fmt_pct(computed, shown)}"
    )
    others = (("pagu murni", line.pagu_murni), ("pagu perubahan", line.pagu_perubahan))
    for label, other in others:
        if other is None or other == pagu or other == 0:
            continue
        alt = realisasi / other * HUNDRED
        if rounding_verdict(printed, decimals, alt) is not None:
            return _flag(
                line,
                "warning",
                base + f"; the printed % matches realisasi / {label} {fmt_rp(other)} "
                f"= {fmt_pct(alt, shown)} instead.",
                computed,
            )
    diff = abs(printed - computed)
    return _flag(
        line, "error", base + f" (difference {fmt_num(diff, shown)} percentage points).", computed
    )


def _flag(line: BudgetLine, severity: str, message: str, computed: Decimal) -> Flag:
    return line_flag(RULE, line, message, severity=severity,
                     expected=computed.quantize(Decimal("0.0001")), actual=line.realisasi_pct)
