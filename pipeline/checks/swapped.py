"""A child row that prints two of its figures in each other's columns.

When a parent disagrees with its children in two columns by the same amount in opposite
directions, and one child's two figures differ by exactly that amount, the sums agree under the
reading in which that child's figures are swapped (Jambi: a sub kegiatan printing its pagu in
the realisasi column and its realisasi in the pagu column). The document still prints the row
wrongly, so the flags stay; their message names the row, which is where an auditor should look.
"""

from __future__ import annotations

from decimal import Decimal

from schemas.model import BudgetLine

from .common import ROLE_LABEL, describe, fmt_rp

Mismatch = tuple[str, Decimal, Decimal]  # (column, printed, sum of the children)


def swap_notes(kids: list[BudgetLine], mismatches: list[Mismatch], tolerance: Decimal) -> dict[str, str]:
    """Column → a sentence naming the child whose swapped figures would make both columns agree."""
    notes: dict[str, str] = {}
    for i, (first, printed1, sum1) in enumerate(mismatches):
        for second, printed2, sum2 in mismatches[i + 1:]:
            gap = printed1 - sum1
            if abs(gap + (printed2 - sum2)) > tolerance:
                continue
            for kid in kids:
                a, b = getattr(kid, first), getattr(kid, second)
                if a is not None and b is not None and abs((b - a) - gap) <= tolerance:
                    note = (f" Both {ROLE_LABEL[first]} and {ROLE_LABEL[second]} agree if "
                            f"{describe(kid)} is read with those two figures swapped (it prints "
                            f"{fmt_rp(a)} and {fmt_rp(b)}).")
                    notes.setdefault(first, note)
                    notes.setdefault(second, note)
                    break
    return notes
