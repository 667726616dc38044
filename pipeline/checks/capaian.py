"""`capaian_mismatch`: the printed capaian (achievement %) is not realisasi / target × 100.

For indicators where lower is better (a falling death rate, fewer complaints), Indonesian
performance reports compute capaian with the negative-polarity formula
(2 × target − realisasi) / target × 100 (PermenPAN-RB 53/2014 style) or, in some units,
target / realisasi × 100. Those are accepted only when the indikator text says the indicator is
lower-is-better; otherwise a value that fits only them is reported as a warning (the auditor
decides the polarity). A capaian cut rather than rounded at its printed precision (`78,16%` for
78,1666…) is a consistent reading of the same figure, not a mismatch: reports print either.
"""

from __future__ import annotations

import re
from decimal import Decimal

from schemas.model import Flag, IndicatorRow

from .capaian_readings import other_base, within_printed_precision
from .common import fmt_num, printed_decimals, rounding_verdict, to_decimal, where

RULE = "capaian_mismatch"
HUNDRED = Decimal(100)

# Words that mark a lower-is-better indicator. Kept short on purpose: every entry is a phrase
# that in LKjIP indicators almost always names something to reduce. A wrong hit only makes the
# check more lenient (one more accepted formula), never produces a flag.
LOWER_IS_BETTER = re.compile(
    r"\b(?:"
    r"menurun\w*|penurunan|turun(?:nya)?|berkurang\w*|pengurangan"  # "decreasing", "reduction"
    r"|angka kematian|kematian|angka kesakitan"  # mortality / morbidity rates
    r"|kasus"  # case counts (disease, crime)
    r"|jumlah pengaduan|pengaduan"  # complaints
    r"|prevalensi|stunting"  # prevalence
    r"|pengangguran|kemiskinan|penduduk miskin|rasio gini"  # unemployment, poverty, inequality
    r"|putus sekolah|kumuh|pelanggaran|temuan"  # drop-outs, slums, violations, audit findings
    r")\b",
    re.IGNORECASE,
)


def is_lower_better(indikator: str) -> bool:
    return bool(LOWER_IS_BETTER.search(indikator or ""))


def _decimals(row: IndicatorRow, printed: Decimal) -> int:
    """Printed precision: the extractor's count, else read from the text, else from the value."""
    if row.capaian_decimals is not None:
        return max(0, row.capaian_decimals)
    if row.capaian_text:
        m = re.search(r"\d+(?:[.,](\d+))?\s*%?\s*$", row.capaian_text.strip())
        if m:
            frac = m.group(1)
            # `1.234` with three digits after a dot is a thousands group, not decimals
            if frac and not (len(frac) == 3 and "." in m.group(0) and "," not in m.group(0)):
                return len(frac)
            return 0
    return printed_decimals(printed.normalize(), None)


def check_capaian(indicators: list[IndicatorRow]) -> list[Flag]:
    flags = []
    for row in indicators:
        flag = _check_row(row)
        if flag is not None:
            flags.append(flag)
    return flags


def _check_row(row: IndicatorRow) -> Flag | None:
    printed = to_decimal(row.capaian_pct)
    target = to_decimal(row.target_value)
    realisasi = to_decimal(row.realisasi_value)
    if printed is None or target is None or realisasi is None or target == 0:
        return None
    decimals = _decimals(row, printed)
    positive = realisasi / target * HUNDRED
    negatives = [(2 * target - realisasi) / target * HUNDRED]
    if realisasi != 0:
        negatives.append(target / realisasi * HUNDRED)

    verdicts = [rounding_verdict(printed, decimals, positive)]
    lower_better = is_lower_better(row.indikator)
    if lower_better:
        verdicts += [rounding_verdict(printed, decimals, n) for n in negatives]
    if "ok" in verdicts or "truncated" in verdicts:
        return None  # a capaian cut at its printed precision (78,16 for 78,1666) is the same figure
    if within_printed_precision(printed, decimals, realisasi, target):
        return None  # `-1,02 / -1,00` printed rounded can give `102,03`

    shown = max(decimals, 1)
    label = (
        f"indikator '{row.indikator}' ({where(row.page)}, table {row.table_no} row {row.row_no})"
    )
    base = (
        f"{label}: capaian printed {fmt_num(printed, decimals)}% but realisasi "
        f"{fmt_num(realisasi, _shown(realisasi))} / target {fmt_num(target, _shown(target))} "
        f"= {fmt_num(positive, shown)}%"
    )
    if lower_better:
        base += f" (lower-is-better formula: {fmt_num(negatives[0], shown)}%)"
    if reading := other_base(row, printed, decimals, realisasi):
        return _flag(row, "info", f"{base}; it agrees with the {reading}: the document measures "
                                  f"its capaian that way.", positive, printed)
    if not lower_better and any(rounding_verdict(printed, decimals, n) for n in negatives):
        return _flag(
            row,
            "warning",
            base + "; it matches the lower-is-better formula — check the indicator's polarity.",
            negatives[0],
            printed,
        )
    return _flag(row, "error", base + ".", positive, printed)


def _shown(value: Decimal) -> int:
    return printed_decimals(value.normalize(), None)


def _flag(
    row: IndicatorRow, severity: str, message: str, expected: Decimal, printed: Decimal
) -> Flag:
    return Flag(
        rule=RULE,
        severity=severity,
        message=message,
        indicator=row.key,
        expected=expected.quantize(Decimal("0.0001")),
        actual=printed,
        page=row.page,
    )
