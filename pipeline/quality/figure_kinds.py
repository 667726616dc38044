"""What a money-sized figure is when it is not this year's money: `count` or `plan`.

Figure coverage counts only money; a big count (`12.317.066 ton`, `1.234.567 jiwa`) or a
multi-year plan's year must not count as a figure the warehouse missed. What tells them:

- the word printed right after the figure, also across a line break (`18.465.744` / `ekor`), or
  after it in its table cell (`6.089.916 buah`);
- its table column's whole header path (`Produksi Hasil Ternak (Ton) / 2016`; `Tahun 3 / Rp` of
  a Renstra table is `plan`);
- its row: a label naming a counted unit (`Jumlah Populasi ternak (ekor) :`), which also holds
  for the `- Sapi Potong` items listed under it, or a satuan cell that is a counted unit alone
  (`Ekor`). A row speaks only for figures outside money columns: an indicator row's satuan
  (`138 Orang/Bulan`) often stands beside its rupiah budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.normalise.figures import FIGURE
from pipeline.structure.cellkinds import is_amount_role
from pipeline.structure.roles import PLAN_YEAR
from schemas.model import GridRow, Table

_NEXT_WORD = re.compile(r"\s*\)?\s*([A-Za-z²³/]+)")
# Units of things counted, not paid: printed right after a figure or in its column's header.
COUNT_UNITS = frozenset("""
    ton tonase kg kilogram kuintal kwintal gram liter lt ltr m m2 m3 km km2 meter ha hektar hektare
    orang jiwa penduduk kk keluarga rumah pasien peserta pengunjung wisatawan kunjungan siswa murid pegawai
    ekor butir batang pohon bibit benih lembar eksemplar buku dokumen unit buah set kali dosis sampel
    kwh watt mw gb
""".split())
MONEY_WORDS = frozenset("rp rupiah anggaran pagu dana biaya belanja apbd apbn pad pendapatan".split())
_UNIT_IN_HEADER = re.compile(r"\(\s*([A-Za-z]+)\s*\)|([A-Za-z]+)\s*$")
_UNIT_IN_LABEL = re.compile(r"\(\s*([A-Za-z]+)\s*\)")
_LIST_ITEM = re.compile(r"^\s*[-–•·*]")  # `- Sapi Potong`: an item of the label row above it


def kind_after(line: str, end: int, next_line: str = "") -> str:
    """`count` where the word printed right after the figure is a counted thing's unit
    (`12.317.066 ton`, `1.234.567 jiwa`), on its line or, when a sentence's figure ends the
    line, at the start of the next (a figure alone on its line is a table cell: the next line
    is another cell); `money` otherwise. Only the next word decides: a row's satuan cell
    (`138 Orang/Bulan`) often stands beside its rupiah figures."""
    rest = line[end:]
    if not rest.strip() and FIGURE.sub("", line).strip(" \t.,:;-()Rrp"):
        rest = next_line
    after = _NEXT_WORD.match(rest)
    if after and after.group(1).lower().strip("/").split("/")[0] in COUNT_UNITS:  # `pohon/batang`
        return "count"
    return "money"


def _header_units(header: str) -> set[str]:
    """Units a column header names: in brackets (`Produksi (Ton)`) or as its last word."""
    return {(a or b).lower() for part in header.split(" / ") for a, b in _UNIT_IN_HEADER.findall(part)}


def _money_words(text: str) -> bool:
    return bool({w.lower() for w in re.findall(r"[A-Za-z]+", text)} & MONEY_WORDS)


def column_kind(header: str) -> str | None:
    """What a table column's figures are when they are not this year's money, from its whole
    header path: `count` when it names a counted unit and no money (`Produksi Hasil Ternak
    (Ton) / 2016`; not `Dalam Juta (Rp)`), `plan` for a multi-year plan's year (`Tahun 3 / Rp`,
    `Akhir Periode Renstra / Rp`: the structure stage gives those no role)."""
    if re.search(PLAN_YEAR, header, re.IGNORECASE):
        return "plan"
    if _header_units(header) & COUNT_UNITS and not _money_words(header):
        return "count"
    return None


def row_unit(cells: list[str]) -> str | None:
    """A counted unit the row itself names: a label with it in brackets (`Jumlah Populasi
    ternak (ekor) :`) or a satuan cell that is the unit alone (`Ekor`)."""
    for cell in cells:
        if FIGURE.search(cell):
            continue
        bare = cell.strip().strip(".:").lower()
        if bare in COUNT_UNITS:
            return bare
        for unit in _UNIT_IN_LABEL.findall(cell):
            if unit.lower() in COUNT_UNITS:
                return unit.lower()
    return None


def _label(cells: list[str]) -> str:
    """The row's first text cell (its name or indicator)."""
    return next((c for c in cells if c.strip() and not FIGURE.search(c) and re.search(r"[A-Za-z]", c)), "")


def row_units(rows: list[GridRow]) -> list[str | None]:
    """Per row, the counted unit it names or, for a `- item` row, the unit of the label row it
    is listed under."""
    units: list[str | None] = []
    head: str | None = None
    for row in rows:
        own = row_unit(row.cells)
        if _LIST_ITEM.match(_label(row.cells)):
            units.append(own or head)
        else:
            head = own
            units.append(own)
    return units


def explained_cells(tables: Iterable[Table]) -> dict[tuple[int, str], str]:
    """(page, figure text) → kind, for figures printed in `count` or `plan` columns, or in rows
    naming a counted unit outside money columns."""
    explained: dict[tuple[int, str], str] = {}
    for table in tables:
        kinds: dict[int, str] = {}
        money: set[int] = set()
        headers = table.spanning_headers()
        for column in sorted(table.columns, key=lambda c: c.index):
            if kind := column_kind(headers[column.index]):
                kinds[column.index] = kind
            if is_amount_role(column.role) or _money_words(column.header):
                money.add(column.index)
        for row, unit in zip(table.rows, row_units(table.rows)):
            for index, cell in enumerate(row.cells):
                kind = kinds.get(index) or ("count" if unit and index not in money else None)
                for match in FIGURE.finditer(cell):
                    # the cell's own unit (`6.089.916 buah`), which a page's text may print on the next line
                    own = kind_after(cell, match.end())
                    if kind or own == "count":
                        explained[(row.page or 1, match.group(0))] = kind or own
    return explained
