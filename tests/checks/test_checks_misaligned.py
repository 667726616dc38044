"""misaligned_amount: a non-round budget figure of one row found in another column of a nearby row."""

from __future__ import annotations

from decimal import Decimal as D

from pipeline.checks.misaligned import check_misaligned
from schemas.model import BudgetLine


def _line(row: int, murni: str, perubahan: str | None, level: str = "sub_kegiatan") -> BudgetLine:
    return BudgetLine(table_no=1, row_no=row, level=level, name=f"row {row}", parent_row_no=1,
                      pagu_murni=D(murni), pagu_perubahan=D(perubahan) if perubahan else None)


def test_a_murni_that_is_a_neighbours_perubahan_is_flagged() -> None:
    lines = [_line(2, "345372978", "80986485"), _line(3, "375394955", "345372978")]
    (flag,) = check_misaligned(lines)
    assert flag.rule == "misaligned_amount" and flag.line == (1, 2) and flag.other_line == (1, 3)
    assert flag.severity == "warning" and "345.372.978" in flag.message


def test_round_amounts_other_levels_and_far_rows_are_not_flagged() -> None:
    assert check_misaligned([_line(2, "100000000", None), _line(3, "150000000", "100000000")]) == []
    assert check_misaligned([_line(2, "345372978", None, "kegiatan"), _line(3, "1", "345372978")]) == []
    assert check_misaligned([_line(2, "345372978", None), _line(30, "1", "345372978")]) == []
