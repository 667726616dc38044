"""Table figures no record holds: the rest of a table's numbers, kept with their labels.

Budget lines and indicator rows take the cells whose columns have their roles. What is left —
a revenue table's `Target` in rupiah (a kinerja role, but no indikator column), a PDRB series
under `Dalam Juta (Rp) / 2014`, APBN allocations under `Tahun (ribu) / 2012`, populations by
year — used to vanish. Each such number becomes a `TableFigure` with its row's label and its
column's header path, so an analyst can still query it and figure coverage can tell a figure
that reached the warehouse from one that was lost.
"""

from __future__ import annotations

import re

from pipeline.normalise.numbers import NumberConvention, parse_value
from schemas.model import MAX_AMOUNT, BudgetLine, IndicatorRow, Table, TableFigure

# Columns that label a row rather than measure it: never figures.
LABEL_ROLES = frozenset({"no", "code", "name", "indikator", "sasaran", "satuan", "formulasi", "sumber_data",
                         "outer_indikator", "outer_satuan"})
# What each kind of record holds of its row (a budget line keeps its quarters' % in raw_cells).
BUDGET_ROLES = frozenset({"pagu_murni", "pagu_perubahan", "pagu", "realisasi", "realisasi_pct",
                          "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp", "tw1_pct", "tw2_pct", "tw3_pct", "tw4_pct"})
INDICATOR_ROLES = frozenset({"target", "realisasi_kinerja", "capaian", "tw1_k", "tw2_k", "tw3_k", "tw4_k"})
OUTER_INDICATOR_ROLES = frozenset(f"outer_{role}" for role in INDICATOR_ROLES)  # a cascade's outer levels

_SCALES = ((re.compile(r"\btriliun\b", re.IGNORECASE), 10**12),
           (re.compile(r"\bmil[iy]ar\b", re.IGNORECASE), 10**9),
           (re.compile(r"\bjuta\b", re.IGNORECASE), 10**6),
           (re.compile(r"\bribu(?:an)?\b", re.IGNORECASE), 10**3))
_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s*\**\s*$")
_WORDS = re.compile(r"[A-Za-z](?: ?[A-Za-z]){2}")  # `J U M L A H` is a word too


def header_scale(header: str) -> int | None:
    """The multiplier a header path states for its figures (`Dalam Juta (Rp)` → 1,000,000)."""
    for pattern, scale in _SCALES:
        if pattern.search(header):
            return scale
    return None


def _short_unit(unit: str | None) -> bool:
    """A unit (`ton`, `Orang/Bulan`), not a sentence that happens to start with a number
    (`1.1 Meningkatnya Produksi dan populasi ternak`: a numbered label)."""
    return unit is None or (len(unit) <= 24 and len(unit.split()) <= 2)


def _row_label(cells: list[str], label_columns: list[int]) -> str:
    """The row's name: its label column's text, else the first cell with words in it."""
    for index in label_columns:
        if index < len(cells) and _WORDS.search(cells[index]):
            return " ".join(cells[index].split())
    return next((" ".join(c.split()) for c in cells if _WORDS.search(c)), "")


def leftover_figures(table: Table, lines: list[BudgetLine], indicators: list[IndicatorRow],
                     conventions: dict[int, NumberConvention]) -> list[TableFigure]:
    """The numbers of `table` that none of its budget `lines` and `indicators` hold, read under
    the column conventions the records were read under (`records.column_conventions`)."""
    held: dict[int, frozenset[str]] = {}
    for line in lines:
        if line.table_no == table.table_no:
            held[line.row_no] = held.get(line.row_no, frozenset()) | BUDGET_ROLES
    for row in indicators:
        if row.table_no == table.table_no:
            roles = OUTER_INDICATOR_ROLES if row.part else INDICATOR_ROLES
            held[row.row_no] = held.get(row.row_no, frozenset()) | roles
    measured = [c for c in table.columns if c.role not in LABEL_ROLES]
    if not measured:
        return []
    headers = table.spanning_headers()
    label_columns = [c.index for role in ("name", "indikator", "sasaran", "keterangan", "other")
                     for c in table.columns if c.role == role]
    figures: list[TableFigure] = []
    for n, row in enumerate(table.rows, start=1):
        taken = held.get(n, frozenset())
        found: list[TableFigure] = []
        for column in measured:
            if column.role in taken or column.index >= len(row.cells) or not row.cells[column.index].strip():
                continue
            text = row.cells[column.index].strip()
            value = parse_value(text, conventions.get(column.index))
            if value.value is None or value.kind not in ("amount", "percent", "count") \
                    or abs(value.value) >= MAX_AMOUNT or not _short_unit(value.unit):
                continue
            unit = "%" if value.kind == "percent" else value.unit
            header = headers.get(column.index, "")
            found.append(TableFigure(table_no=table.table_no, row_no=n, page=row.page, source_line=row.line,
                                     row_label="", column_label=header, text=text, value=value.value,
                                     scale=header_scale(header), unit=unit))
        label = _row_label(row.cells, label_columns)
        if not label and found and all(_YEAR.match(f.text) for f in found):
            # a header row of years that reached the data rows: it names the columns below it
            years = {c.index: row.cells[c.index].strip() for c in measured
                     if c.index < len(row.cells) and _YEAR.match(row.cells[c.index])}
            headers.update({i: f"{headers[i]} / {year}" if headers.get(i) else year for i, year in years.items()})
            continue
        for figure in found:
            figure.row_label = label
        figures.extend(found)
    return figures
