"""An indicator's ambiguous figure read the way its own capaian confirms.

`352,390` beside `992.770` and `253.712` in one column: a lone separator before three digits is
352.39 under the column's convention and 352,390 under the other. Where the row prints its
capaian, realisasi / target × 100 tells which reading the document meant; a figure is re-read
only when the other reading agrees with the printed capaian and its own does not.
"""

from __future__ import annotations

import re

from pipeline.structure.arithmetic import PCT_TOLERANCE
from schemas.model import READ_BY, IndicatorRow

_LONE_GROUP = re.compile(r"^\D*\d{1,3}[.,]\d{3}\D*$")  # `352,390*`, `2.165 (105,60)`: one separator, three digits
TOLERANCE = float(PCT_TOLERANCE)  # percentage points: a printed capaian is rounded (or cut) from the ratio


def _readings(value: float | None, text: str | None) -> list[float]:
    """The figure as read, then its other reading when its text is a lone three-digit group."""
    if value is None:
        return []
    figure = (text or "").split("(")[0]
    if not _LONE_GROUP.match(figure.strip()):
        return [value]
    other = value / 1000 if value == int(value) and value >= 1000 else value * 1000
    return [value, other]


def _agrees(realisasi: float, target: float, capaian: float) -> bool:
    """realisasi / target × 100 is the printed capaian (or target / realisasi: lower is better)."""
    if not target or not realisasi:
        return False
    return min(abs(realisasi / target * 100 - capaian), abs(target / realisasi * 100 - capaian)) <= TOLERANCE


def may_be_capaian(realisasi: float, realisasi_text: str, target: float | None, target_text: str,
                   pct: float) -> bool:
    """Whether a percent printed beside a realisasi (`22,7 % (75%)`) can be its capaian: the row
    prints no target to check it by, or realisasi / target under some reading of the figures
    gives it. Otherwise the bracket says something else (the target, a share)."""
    if target is None:
        return True
    return any(_agrees(r, t, pct) for r in _readings(realisasi, realisasi_text)
               for t in _readings(target, target_text))


def read_by_capaian(row: IndicatorRow) -> None:
    """Re-read the row's realisasi or target where only the other reading matches its capaian."""
    if row.capaian_pct is None or row.target_value is None or row.realisasi_value is None:
        return
    if _agrees(row.realisasi_value, row.target_value, row.capaian_pct):
        return
    pairs = [(r, t) for r in _readings(row.realisasi_value, row.realisasi_text)
             for t in _readings(row.target_value, row.target_text)]
    # the fewest figures re-read first, then whole numbers before three decimals (rarely printed):
    # `2.165 (105,60)` over `2.050` is 2165 / 2050, not 2,165 / 2,05
    pairs.sort(key=lambda p: ((p[0] != row.realisasi_value) + (p[1] != row.target_value),
                              (p[0] != int(p[0])) + (p[1] != int(p[1]))))
    for realisasi, target in pairs:
        if _agrees(realisasi, target, row.capaian_pct):
            row.realisasi_value, row.target_value = realisasi, target
            row.raw_cells[READ_BY] = "capaian"
            return
