"""Figure coverage: of the money figures a document prints, which reached its records.

A report's truth files cover the tables somebody chose; the rest of the document is where an
unseen layout fails silently. So every document measures itself: each figure of money size it
prints (two or more thousands groups: `1.234.567`, `17,620,100`, `Rp. 2.636.500.000,-`), in
tables and prose alike, is looked up among the values of its budget lines and indicator rows.
A figure whose value is stored anywhere in the document counts as captured (a prose summary
repeating a table's total is then captured too); the others are listed with page and line, so
a person knows which pages to check.

Big counts that are not money (`12.317.066 ton`, `1.234.567 jiwa`, `3.456.789 ekor`) are told
apart by the unit printed right after the figure, or by their table column's header
(`Produksi Hasil Ternak (Ton)` over `2013 2014 …`) when it names a counted unit and no money;
they are kept, with kind `count`, and never enter the money ratio.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from pipeline.normalise.figures import FIGURE, iter_figures
from schemas.model import AMOUNT_ROLES, BudgetLine, Grid, IndicatorRow, PrintedFigure

_NEXT_WORD = re.compile(r"\s*\)?\s*([A-Za-z²³/]+)")
# Units of things counted, not paid: printed after a figure or in its row's satuan cell.
COUNT_UNITS = frozenset("""
    ton tonase kg kilogram kuintal kwintal gram liter lt ltr m m2 m3 km km2 meter ha hektar hektare
    orang jiwa penduduk kk rumah pasien peserta pengunjung wisatawan kunjungan siswa murid pegawai
    ekor butir batang pohon bibit benih lembar eksemplar buku dokumen unit buah set kali dosis sampel
    kwh watt mw gb
""".split())
MONEY_WORDS = frozenset("rp rupiah anggaran pagu dana biaya belanja apbd apbn pad pendapatan".split())
CONTEXT_CHARS = 200
HEADER_ROWS_MAX = 6


def _kind(line: str, end: int) -> str:
    """`count` where the word printed right after the figure is a counted thing's unit
    (`12.317.066 ton`, `1.234.567 jiwa`); `money` otherwise. Only the next word decides: a
    row's satuan cell (`138 Orang/Bulan`) often stands beside its rupiah figures."""
    after = _NEXT_WORD.match(line, end)
    if after and after.group(1).lower().rstrip("/") in COUNT_UNITS:
        return "count"
    return "money"


_UNIT_IN_HEADER = re.compile(r"\(\s*([A-Za-z]+)\s*\)|([A-Za-z]+)\s*$")


def _header_units(header: str) -> set[str]:
    """Units a column header names: in brackets (`Produksi (Ton)`) or as its last word."""
    return {(a or b).lower() for a, b in _UNIT_IN_HEADER.findall(header)}


def _column_headers(grid: Grid) -> tuple[int, list[str]]:
    """(number of header rows, header text per column): the leading rows without a digit. A
    merged header cell is printed in its first column, so an empty cell takes the text of the
    nearest filled cell to its left in the same header row."""
    n_header = 0
    for row in grid.rows[:HEADER_ROWS_MAX]:
        if any(ch.isdigit() for cell in row.cells for ch in cell):
            break
        n_header += 1
    width = max((len(r.cells) for r in grid.rows), default=0)
    headers = [""] * width
    for row in grid.rows[:n_header]:
        spanning = ""
        for j in range(width):
            cell = row.cells[j].strip() if j < len(row.cells) else ""
            spanning = cell or spanning
            headers[j] += " " + spanning
    return n_header, headers


def counted_cells(grids: Iterable[Grid]) -> set[tuple[int, str]]:
    """(page, figure text) of figures in table columns whose header names a counted unit and
    no money (`Produksi (Ton)`, `Jumlah Penduduk (Jiwa)`; not `Dalam Juta (Rp)`). Headers are
    the grid's leading rows without a digit, so a row of years under `(Ton)` is data."""
    counted: set[tuple[int, str]] = set()
    for grid in grids:
        n_header, headers = _column_headers(grid)
        kinds = [bool(_header_units(h) & COUNT_UNITS) and not {w.lower() for w in re.findall(r"[A-Za-z]+", h)} & MONEY_WORDS
                 for h in headers]
        if not any(kinds):
            continue
        for row in grid.rows[n_header:]:
            for j, cell in enumerate(row.cells):
                if j < len(kinds) and kinds[j]:
                    counted.update((row.page or 1, m.group(0)) for m in FIGURE.finditer(cell))
    return counted


def find_figures(page_texts: Iterable[str], grids: Iterable[Grid] = ()) -> list[PrintedFigure]:
    """Every money-sized figure printed on the pages, in reading order (page is 1-based);
    `grids` (the document's detected tables) tell counts by their column headers."""
    counted = counted_cells(grids)
    found: list[PrintedFigure] = []
    for page_no, text in enumerate(page_texts, start=1):
        for line in text.splitlines():
            for match, value in iter_figures(line):
                kind = "count" if (page_no, match.group(0)) in counted else _kind(line, match.end())
                found.append(PrintedFigure(page=page_no, text=match.group(0), value=value, kind=kind,
                                           context=" ".join(line.split())[:CONTEXT_CHARS]))
    return found


def stored_values(lines: Iterable[BudgetLine], indicators: Iterable[IndicatorRow]) -> set[Decimal]:
    """Every number the document's records hold (amount columns and indicator values)."""
    values: set[Decimal] = set()
    for line in lines:
        values.update(v for role in AMOUNT_ROLES if (v := getattr(line, role)) is not None)
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
                  indicators: Iterable[IndicatorRow]) -> list[PrintedFigure]:
    """Set `captured` on each figure whose value reached a record; returns the figures."""
    stored = stored_values(lines, indicators)
    for figure in figures:
        figure.captured = _close_enough(figure.value, stored)
    return figures


def money_coverage(figures: Iterable[PrintedFigure]) -> tuple[int, int]:
    """(printed, captured) money figures."""
    money = [f for f in figures if f.kind == "money"]
    return len(money), sum(f.captured for f in money)
