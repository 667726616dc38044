"""A figure cell's reading chosen by its table's own arithmetic, where the vote could not.

The vote (`vote`) decides a cell by the readings' agreement. Some cells it cannot decide, or
decides wrong: PP-OCR alone read LKIP.pdf p38's `93,28` % (unsure, under `SURE_ALONE`: the
cell stays empty), and two engines agreed on `75.626.563.843` where the page prints
`75.628.563.843` (Tesseract's two smoothed re-readings read it right). The table itself
says which reading is right: the realisation is 93,28 % of the pagu in the same row, and the
`BELANJA LANGSUNG` row above is the sum of the column.

So, after the vote and the column repair, a cell takes another of its readings only when the
table's arithmetic holds with that reading and does not with the cell as decided:

- **sums**: a cell of 7+ digits (a total) equals the sum of every amount cell below it, or of
  every one above it (a `Jumlah` row at the top or the foot of its column, 2+ cells), with one
  of those cells (or the total) read otherwise, and did not with the cells as decided; to the
  rupiah (cents aside, one rupiah per cell). A misread that happens to make a column of 9-digit
  amounts sum does not occur; a printed total that is wrong stays wrong, and a column with
  subtotals between its rows has no such total and is left.
- **ratios**: a percent cell left without a figure (nothing read, or a garble) takes the one
  reading with decimals (`93,28`, `93,28 %`) that equals, to its printed places, 100 x one
  amount of its row / another. A percent decided by the vote is left: it may be a fisik
  percent, or a capaian of targets, that no amount of its row gives.

Only readings OCR made are chosen among: no figure is computed into a cell, and a choice
that is not the only one the arithmetic allows (two cells of a run each fixing the sum) is
not made.
"""

from __future__ import annotations

import re
from fractions import Fraction

from extractors.ocr.vote import AMOUNT_DIGITS, digits, whole_rupiah

Cell = tuple[int, int]  # (row, column) of a grid's OCR'd rows

MIN_TOTAL = 10 ** (AMOUNT_DIGITS - 1)  # a total is an amount in rupiah, not a count
MIN_AMOUNT = 1000  # the amounts a percent of a row is computed from
_GROUPED = re.compile(r"^[\s(\-–]*(?:rp\.?\s*)?\d{1,3}(?:[., ]\d{3})+\s*(?:,\s*-)?[\s)]*$", re.IGNORECASE)
_PERCENT = re.compile(r"^[\s(]*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?[\s)]*$")


def amount_value(text: str) -> int | None:
    """Whole rupiah of a grouped amount as read (`1.234.567`, `1.234.567,00`, `564 160.000`,
    `- 75.628.563.843`), cents aside; None for anything else (a cell the repair doubted)."""
    text = text.strip()
    head = whole_rupiah(text)
    if head is not None:
        return int(digits(head))
    return int(digits(text)) if _GROUPED.match(text) else None


def percent_value(text: str) -> tuple[Fraction, int] | None:
    """A percent as printed (`93,28`, `93,28 %`, `( 94,26 %)`, `100%`) and its decimal places."""
    m = _PERCENT.match(text)
    if m is None:
        return None
    places = len(m.group(2) or "")
    return Fraction(int(m.group(1) + (m.group(2) or "")), 10 ** places), places


def _runs(amounts: list[bool], total: int) -> list[list[int]]:
    """Rows of every amount cell below row `total`, and of every one above it (empty and text
    cells skipped), each run of two cells or more: a `Jumlah` row sums its whole column on one
    side. A shorter run is not tried: a cell that happens to be the sum of the two under it,
    one read otherwise, is common among round budgets (`500.000.000` over `300.000.000` and a
    `100.000.000` misread `200.000.000`); the whole rest of a column is not."""
    below = [i for i in range(total + 1, len(amounts)) if amounts[i]]
    above = [i for i in range(total) if amounts[i]]
    return [run for run in (below, above) if len(run) >= 2]


def _sum_choices(cells: list[str], readings: dict[int, list[str]]) -> set[tuple[int, str]]:
    """(row, reading) that make one of the column's totals the sum of its run (`_runs`), where
    it did not hold as decided; never a cell a total that holds as decided confirms."""
    decided = [amount_value(c) for c in cells]
    options = {i: [(r, v) for r in rs if (v := amount_value(r)) is not None and v != decided[i]]
               for i, rs in readings.items()}
    amounts = [v is not None or bool(options.get(i)) for i, v in enumerate(decided)]
    choices: set[tuple[int, str]] = set()
    confirmed: set[int] = set()  # cells of a total that holds as decided, and the total
    for t in range(len(cells)):
        totals = ([(None, decided[t])] if decided[t] is not None else []) + options.get(t, [])
        totals = [(r, v) for r, v in totals if v >= MIN_TOTAL]
        runs = _runs(amounts, t) if totals else []
        holding = [run for run in runs if _holds(decided[t], [decided[i] for i in run])]
        if holding:
            confirmed.update([t, *holding[0]])
            continue
        for run in runs:
            values = {i: decided[i] for i in run}
            missing = [i for i in run if values[i] is None]
            if len(missing) > 1:
                continue
            for total_reading, total in totals:
                if total_reading is not None:  # the total misread, its run as decided
                    if _holds(total, list(values.values())):
                        choices.add((t, total_reading))
                    continue
                for i in missing or run:
                    rest = [v for j, v in values.items() if j != i]
                    choices.update((i, r) for r, v in options.get(i, []) if _holds(total, rest + [v]))
    return {(i, r) for i, r in choices if i not in confirmed}


def _holds(total: int | None, run: list[int | None]) -> bool:
    """`total` is the sum of `run`, every cell read, to the rupiah (each cell's cents aside)."""
    return total is not None and None not in run and abs(sum(run) - total) <= len(run)  # type: ignore[arg-type]


def _ratio_holds(percent: tuple[Fraction, int], amounts: list[int]) -> bool:
    """`percent` is 100 x one of `amounts` / another, rounded or cut to its printed places."""
    value, places = percent
    unit = Fraction(1, 10 ** places)
    return any(abs(Fraction(100 * b, a) - value) < unit
               for i, a in enumerate(amounts) for j, b in enumerate(amounts) if i != j and a)


def _ratio_choice(row: list[str], column: int, readings: list[str]) -> str | None:
    """The one reading of a percent cell left without a figure (nothing read, or a garble)
    that the row's amounts confirm."""
    if percent_value(row[column]) is not None or amount_value(row[column]) is not None:
        return None
    amounts = [v for j, c in enumerate(row) if j != column
               and (v := amount_value(c)) is not None and v >= MIN_AMOUNT]
    fitting = {r.strip() for r in readings
               if (p := percent_value(r)) is not None and p[1] >= 1 and _ratio_holds(p, amounts)}
    return fitting.pop() if len(fitting) == 1 else None


def choose_by_arithmetic(rows: list[list[str]], readings: dict[Cell, list[str]]) -> dict[Cell, str]:
    """The cells whose reading the table's arithmetic changes, and the reading each takes.
    `rows`: the cells as decided and repaired; `readings`: the readings OCR made of each
    figure cell (texts as read, the decided one among them or not)."""
    chosen: dict[Cell, str] = {}
    width = max((len(r) for r in rows), default=0)
    for j in range(width):
        cells = [r[j] if j < len(r) else "" for r in rows]
        column = {i: rs for (i, jj), rs in readings.items() if jj == j and rs}
        choices = _sum_choices(cells, column)
        if len({i for i, _ in choices}) == 1 and len({amount_value(r) for _, r in choices}) == 1:
            i, reading = min(choices)
            chosen[(i, j)] = reading
    for (i, j), rs in readings.items():
        if (i, j) not in chosen and j < len(rows[i]):
            reading = _ratio_choice(rows[i], j, rs)
            if reading is not None:
                chosen[(i, j)] = reading
    return chosen
