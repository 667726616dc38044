"""Figure coverage: of the money figures a document prints, which reached its records.

A report's truth files cover the tables somebody chose; the rest of the document is where an
unseen layout fails silently. So every document measures itself: each figure of money size it
prints (two or more thousands groups: `1.234.567`, `17,620,100`, `Rp. 2.636.500.000,-`), in
tables and prose alike, is looked up among the values of its budget lines and indicator rows.
A figure whose value is stored anywhere in the document counts as captured (a prose summary
repeating a table's total is then captured too); the others are listed with page and line, so
a person knows which pages to check.

Figures that are not this year's money are told apart and kept out of the money ratio
(`pipeline.quality.figure_kinds`): big counts (`12.317.066 ton`, `3.456.789 ekor`), kind
`count`; a multi-year plan's years (`Tahun 1 … 5 / Rp` of a Renstra table), kind `plan`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from pipeline.normalise.figures import iter_figures
from pipeline.quality.figure_kinds import explained_cells, kind_after
from schemas.model import BudgetLine, IndicatorRow, PrintedFigure, Table, TableFigure

CONTEXT_CHARS = 200


def find_figures(page_texts: Iterable[str], tables: Iterable[Table] = ()) -> list[PrintedFigure]:
    """Every money-sized figure printed on the pages, in reading order (page is 1-based);
    `tables` (the document's, with header paths) tell counts and plan years by their column."""
    explained = explained_cells(tables)
    found: list[PrintedFigure] = []
    for page_no, text in enumerate(page_texts, start=1):
        lines = text.splitlines()
        for i, line in enumerate(lines):
            following = next((ln for ln in lines[i + 1:] if ln.strip()), "")
            for match, value in iter_figures(line):
                kind = explained.get((page_no, match.group(0))) or kind_after(line, match.end(), following)
                found.append(PrintedFigure(page=page_no, text=match.group(0), value=value, kind=kind,
                                           context=" ".join(line.split())[:CONTEXT_CHARS]))
    return found


def stored_values(lines: Iterable[BudgetLine], indicators: Iterable[IndicatorRow]) -> set[Decimal]:
    """Every number the document's records hold (amount columns and indicator values)."""
    values: set[Decimal] = set()
    for line in lines:
        values.update(line.amounts())
    for row in indicators:
        for name in ("target_value", "realisasi_value", "tw1_value", "tw2_value", "tw3_value", "tw4_value"):
            value = getattr(row, name)
            if value is not None:
                values.add(Decimal(repr(value)).normalize())
    return values


def _close_enough(value: Decimal, stored: set[Decimal]) -> bool:
    """The figure's value, or its whole part when a stored value dropped printed cents
    (`4.375.000.000,00`) or an indicator float rounded them."""
    return value in stored or value.to_integral_value() in stored


def mark_captured(figures: list[PrintedFigure], lines: Iterable[BudgetLine],
                  indicators: Iterable[IndicatorRow],
                  table_figures: Iterable[TableFigure] = ()) -> list[PrintedFigure]:
    """Set `captured` on each figure whose value reached a record or, failing that, a table
    figure (then `in_table_figures` too: it is in the warehouse, but in no amount column);
    returns the figures."""
    stored = stored_values(lines, indicators)
    in_tables = {f.value.normalize() for f in table_figures}
    for figure in figures:
        figure.captured = _close_enough(figure.value, stored)
        if not figure.captured and _close_enough(figure.value, in_tables):
            figure.captured = figure.in_table_figures = True
    return figures


def money_coverage(figures: Iterable[PrintedFigure]) -> tuple[int, int]:
    """(printed, captured) money figures."""
    money = [f for f in figures if f.kind == "money"]
    return len(money), sum(f.captured for f in money)


def money_in_table_figures(figures: Iterable[PrintedFigure]) -> int:
    """Money figures captured only as table figures (part of the captured count)."""
    return sum(f.captured and f.in_table_figures for f in figures if f.kind == "money")
