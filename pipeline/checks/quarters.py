"""Quarterly realisation (TW I–IV): are the columns cumulative, and do they agree with realisasi?

Forms print quarters either cumulatively (TW III = spending up to September) or per quarter, and
rarely say which; the checks below mean opposite things in the two cases, so the table decides by
its own figures (`infer_tw_cumulative`) and every rule uses that per-table decision.

`tw_not_monotonic`: in a cumulative table a later quarter is below an earlier one.
`tw4_ne_realisasi`: cumulative — the last reported quarter is not realisasi; per quarter — the
quarters do not add up to realisasi.

Trailing zeros in a cumulative table (`-` printed for quarters not reported yet in a TW III form)
are read as "not reported", not as a fall to zero.
"""

from __future__ import annotations

from decimal import Decimal

from schemas.model import BudgetLine, Flag

from .common import QUARTER_ROLES, ROLE_LABEL, by_table, describe, fmt_rp, line_flag, money_tolerance, printed_unit

ONE = Decimal(1)
Quarter = tuple[str, Decimal]  # (role, amount)


def _filled(line: BudgetLine) -> list[Quarter]:
    return [(r, v) for r in QUARTER_ROLES if (v := getattr(line, r)) is not None]


def _reported(quarters: list[Quarter]) -> list[Quarter]:
    """Cumulative quarters without the trailing zeros of quarters not reported yet."""
    end = len(quarters)
    while end > 1 and quarters[end - 1][1] == 0:
        end -= 1
    return quarters[:end]


def _first_drop(quarters: list[Quarter]) -> tuple[Quarter, Quarter] | None:
    """The first pair of filled quarters where the later one is below the earlier one."""
    for before, after in zip(quarters, quarters[1:]):
        if after[1] < before[1] - ONE:
            return before, after
    return None


def infer_tw_cumulative(table_lines: list[BudgetLine]) -> bool | None:
    """True/False when most informative lines say so, else None.

    A line is informative when it prints realisasi and at least two non-zero quarters (with one
    quarter both readings agree). It votes cumulative when its quarters never fall and the last
    reported quarter ≈ realisasi; per-quarter when the quarters add up to realisasi.
    """
    informative = cumulative = per_quarter = 0
    for line in table_lines:
        quarters = _filled(line)
        if line.realisasi is None or sum(1 for _, v in quarters if v != 0) < 2:
            continue
        informative += 1
        reported = _reported(quarters)
        is_cum = (
            _first_drop(reported) is None
            and abs(reported[-1][1] - line.realisasi) <= ONE
        )
        total = sum((v for _, v in quarters), Decimal(0))
        is_per = abs(total - line.realisasi) <= money_tolerance(len(quarters), printed_unit([line]))
        if is_cum and not is_per:
            cumulative += 1
        elif is_per and not is_cum:
            per_quarter += 1
    if informative == 0:
        return None
    if 2 * cumulative > informative:
        return True
    if 2 * per_quarter > informative:
        return False
    return None


def detect_tw_cumulative(lines: list[BudgetLine]) -> None:
    """Set `tw_cumulative` on every line, one decision per table (in place)."""
    for table_lines in by_table(lines).values():
        decision = infer_tw_cumulative(table_lines)
        for line in table_lines:
            line.tw_cumulative = decision


def _table_mode(table_lines: list[BudgetLine]) -> bool | None:
    """The decision already recorded on the table, else inferred now (without mutating)."""
    recorded = {l.tw_cumulative for l in table_lines if l.tw_cumulative is not None}
    if len(recorded) == 1:
        return recorded.pop()
    if recorded:
        return None  # contradictory records: do not guess
    return infer_tw_cumulative(table_lines)


def check_quarters(lines: list[BudgetLine]) -> list[Flag]:
    flags: list[Flag] = []
    for table_lines in by_table(lines).values():
        mode = _table_mode(table_lines)
        if mode is None:
            continue
        for line in table_lines:
            quarters = _filled(line)
            if not quarters:
                continue
            if mode:
                flags.extend(_check_cumulative(line, quarters))
            else:
                flags.extend(_check_per_quarter(line, quarters))
    return flags


def _check_cumulative(line: BudgetLine, quarters: list[Quarter]) -> list[Flag]:
    flags = []
    reported = _reported(quarters)
    drop = _first_drop(reported)
    if drop is not None:
        (r1, v1), (r2, v2) = drop
        flags.append(line_flag(
            "tw_not_monotonic", line,
            f"{describe(line)}: cumulative {ROLE_LABEL[r2]} {fmt_rp(v2)} is below "
            f"{ROLE_LABEL[r1]} {fmt_rp(v1)} (difference {fmt_rp(v1 - v2)}).",
            expected=v1, actual=v2,
        ))
    if line.realisasi is not None:
        role, last = reported[-1]
        if abs(last - line.realisasi) > ONE:
            flags.append(line_flag(
                "tw4_ne_realisasi", line,
                f"{describe(line)}: last reported cumulative quarter {ROLE_LABEL[role]} "
                f"{fmt_rp(last)} differs from realisasi {fmt_rp(line.realisasi)} "
                f"(difference {fmt_rp(abs(last - line.realisasi))}).",
                expected=line.realisasi, actual=last,
            ))
    return flags


def _check_per_quarter(line: BudgetLine, quarters: list[Quarter]) -> list[Flag]:
    if line.realisasi is None:
        return []
    total = sum((v for _, v in quarters), Decimal(0))
    if abs(total - line.realisasi) <= money_tolerance(len(quarters), printed_unit([line])):
        return []
    return [line_flag(
        "tw4_ne_realisasi", line,
        f"{describe(line)}: the {len(quarters)} quarterly amounts add up to "
        f"{fmt_rp(total)} but realisasi is {fmt_rp(line.realisasi)} "
        f"(difference {fmt_rp(abs(total - line.realisasi))}).",
        expected=line.realisasi, actual=total,
    )]
