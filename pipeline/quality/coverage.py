"""Figure coverage: of the money figures a document prints, which reached its records.

A report's truth files cover the tables somebody chose; the rest of the document is where an
unseen layout fails silently. So every document measures itself: each figure of money size it
prints (two or more thousands groups: `1.234.567`, `17,620,100`, `Rp. 2.636.500.000,-`), in
tables and prose alike, is looked up among the values of its budget lines and indicator rows.
A figure whose value is stored anywhere in the document counts as captured (a prose summary
repeating a table's total is then captured too); the others are listed with page and line, so
a person knows which pages to check.

Figures that are not this year's money are told apart and kept out of the money ratio: big
counts (`12.317.066 ton`, `1.234.567 jiwa`, `3.456.789 ekor`) by the unit printed right after
the figure or by their table column's header path (`Produksi Hasil Ternak (Ton) / 2016`), kind
`count`; a multi-year plan's years (`Tahun 1 … 5 / Rp` of a Renstra table), kind `plan`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from pipeline.normalise.figures import FIGURE, iter_figures
from pipeline.structure.roles import PLAN_YEAR
from schemas.model import BudgetLine, IndicatorRow, PrintedFigure, Table, TableFigure

_NEXT_WORD = re.compile(r"\s*\)?\s*([A-Za-z²³/]+)")
# Units of things counted, not paid: printed right after a figure or in its column's header.
COUNT_UNITS = frozenset("""
    ton tonase kg kilogram kuintal kwintal gram liter lt ltr m m2 m3 km km2 meter ha hektar hektare
    orang jiwa penduduk kk rumah pasien peserta pengunjung wisatawan kunjungan siswa murid pegawai
    ekor butir batang pohon bibit benih lembar eksemplar buku dokumen unit buah set kali dosis sampel
    kwh watt mw gb
""".split())
MONEY_WORDS = frozenset("rp rupiah anggaran pagu dana biaya belanja apbd apbn pad pendapatan".split())
CONTEXT_CHARS = 200


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
    return {(a or b).lower() for part in header.split(" / ") for a, b in _UNIT_IN_HEADER.findall(part)}


def column_kind(header: str) -> str | None:
    """What a table column's figures are when they are not this year's money, from its whole
    header path: `count` when it names a counted unit and no money (`Produksi Hasil Ternak
    (Ton) / 2016`; not `Dalam Juta (Rp)`), `plan` for a multi-year plan's year (`Tahun 3 / Rp`,
    `Akhir Periode Renstra / Rp`: the structure stage gives those no role)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", header)}
    if re.search(PLAN_YEAR, header, re.IGNORECASE):
        return "plan"
    if _header_units(header) & COUNT_UNITS and not words & MONEY_WORDS:
        return "count"
    return None


def explained_cells(tables: Iterable[Table]) -> dict[tuple[int, str], str]:
    """(page, figure text) → kind, for figures printed in `count` or `plan` columns."""
    explained: dict[tuple[int, str], str] = {}
    for table in tables:
        kinds: dict[int, str] = {}
        spanning = ""
        for column in sorted(table.columns, key=lambda c: c.index):
            # a merged header cell stands over its first column: the empty headers after it are its own
            spanning = column.header or spanning
            if kind := column_kind(spanning):
                kinds[column.index] = kind
        for row in table.rows:
            for index, kind in kinds.items():
                if index < len(row.cells):
                    for match in FIGURE.finditer(row.cells[index]):
                        explained[(row.page or 1, match.group(0))] = kind
    return explained


def find_figures(page_texts: Iterable[str], tables: Iterable[Table] = ()) -> list[PrintedFigure]:
    """Every money-sized figure printed on the pages, in reading order (page is 1-based);
    `tables` (the document's, with header paths) tell counts and plan years by their column."""
    explained = explained_cells(tables)
    found: list[PrintedFigure] = []
    for page_no, text in enumerate(page_texts, start=1):
        for line in text.splitlines():
            for match, value in iter_figures(line):
                kind = explained.get((page_no, match.group(0))) or _kind(line, match.end())
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
