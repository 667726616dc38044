"""Other readings of a capaian that disagrees with realisasi / target × 100.

A document sometimes measures its capaian against another figure it prints in the row: the
end-of-plan target (`TARGET RENSTRA 2018` beside `Target RENSTRA 2016`), or as the growth over
last year's realisasi (`Realisasi Tahun 2015 | Realisasi Tahun 2016 | … | Pencapaian`). The
figures then agree, under that reading: the check says which, as information, instead of
reporting an error. Figures printed with decimals are also taken as the rounded figures they are
(`-1,02 / -1,00` can give the printed `102,03`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.normalise.numbers import parse_value
from schemas.model import BOOKKEEPING, IndicatorRow

from .common import printed_decimals, rounding_verdict

HUNDRED = Decimal(100)
HALF = Decimal("0.5")
_COLUMN_SUFFIX = re.compile(r"_\d+$")
# raw cells that are never a base for the capaian
_NOT_A_BASE = frozenset({"target", "realisasi_kinerja", "capaian", "indikator", "sasaran", "satuan", "no", "code",
                         "name", "formulasi", "sumber_data", "keterangan"}) | BOOKKEEPING


def within_printed_precision(printed: Decimal, decimals: int, realisasi: Decimal, target: Decimal) -> bool:
    """The printed capaian lies between the ratios of the figures' extremes at their printed
    precision: only for figures printed with decimals (a count of 13 is exact, not rounded)."""
    r_dec, t_dec = printed_decimals(realisasi.normalize(), None), printed_decimals(target.normalize(), None)
    if not (r_dec or t_dec):
        return False
    r_half, t_half = HALF.scaleb(-r_dec), HALF.scaleb(-t_dec)
    ratios = [r / t * HUNDRED for r in (realisasi - r_half, realisasi + r_half)
              for t in (target - t_half, target + t_half) if t != 0]
    unit = HALF.scaleb(-decimals)
    return bool(ratios) and min(ratios) - unit <= printed <= max(ratios) + unit


def other_base(row: IndicatorRow, printed: Decimal, decimals: int, realisasi: Decimal) -> str | None:
    """How the capaian agrees with another figure of the row, in words, or None."""
    for key, text in row.raw_cells.items():
        if _COLUMN_SUFFIX.sub("", key).removeprefix("outer_") in _NOT_A_BASE:  # `keterangan_13`: a repeated role's column
            continue
        value = parse_value(text)
        if value.kind not in ("amount", "percent", "count") or not value.value:
            continue
        base = value.value
        readings = {
            f"realisasi / {text.strip()} (another target in the row)": realisasi / base * HUNDRED,
            f"growth of realisasi over {text.strip()} (an earlier figure in the row)": (realisasi - base) / base * HUNDRED,
        }
        if realisasi:
            readings[f"change from {text.strip()} relative to realisasi"] = (base - realisasi) / realisasi * HUNDRED
        for words, computed in readings.items():
            if rounding_verdict(printed, decimals, computed) or rounding_verdict(-printed, decimals, computed):
                return words
    return None
