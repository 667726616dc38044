"""`lkjip export`: the contract tables and views as Parquet, CSV or one XLSX workbook.

Parquet and CSV are written by DuckDB's COPY on a connection this module opens for the export
only: read-only, and with file access limited to the output directory (the analysts' connection
has none at all, so it cannot write files). XLSX is written by openpyxl, one sheet per table,
from the analysts' read-only connection.

Spreadsheets execute cells that begin with `=`, `+`, `-` or `@`: text that came from documents
could be such a formula (`=HYPERLINK(…)`). In CSV and XLSX every text cell starting with one of
those (or a tab / carriage return, which some spreadsheets skip before reading a formula) gets a
`'` in front; numbers, dates and booleans stay typed. Parquet is typed and not neutralised.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.warehouse.store import WarehouseError, connect_readonly, open_read_only, warehouse_path

FORMATS = ("parquet", "csv", "xlsx")
# contract tables, the region list, then the views (contract first, additions after)
EXPORTS = ("documents", "budget_lines", "indicators", "flags", "regions", "table_figures",
           "v_budget_summary", "v_region_year", "v_table_totals", "v_serapan_triwulan",
           "v_indicator_achievement", "v_line_across_documents")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_NAME = "lkjip.xlsx"
XLSX_CELL_LIMIT = 32767  # characters Excel keeps in one cell
_TEXT_TYPES = ("VARCHAR", "JSON")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class ExportedFile:
    name: str  # table or view
    path: Path
    rows: int


@dataclass
class ExportResult:
    files: list[ExportedFile]
    missing: list[str]  # tables/views this warehouse does not have (older schema)


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula, made plain text; others as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _available(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT temporary "
        "UNION SELECT view_name FROM duckdb_views() WHERE NOT temporary AND NOT internal").fetchall()}


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {_ident(name)}").fetchall()]


def _is_text(column_type: str) -> bool:
    return column_type.upper() in _TEXT_TYPES


def _neutralised_select(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """SELECT of `name` with every text column neutralised in SQL (for COPY … csv)."""
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_START)
    parts = []
    for column, column_type in _columns(con, name):
        col = _ident(column)
        if _is_text(column_type):
            text = f"CAST({col} AS VARCHAR)"
            parts.append(f"CASE WHEN left({text}, 1) IN ({starts}) THEN '''' || {text} ELSE {text} END AS {col}")
        else:
            parts.append(col)
    return f"SELECT {', '.join(parts)} FROM {_ident(name)}"


def export_connection(db: Path, out_dir: Path) -> duckdb.DuckDBPyConnection:
    """Read-only connection that may write files under `out_dir` and nowhere else, settings locked."""
    if not db.exists():
        raise WarehouseError(f"no warehouse at {db}: run `lkjip ingest` first")
    con = open_read_only(db, {"autoload_known_extensions": False, "autoinstall_known_extensions": False})
    try:
        con.execute(f"SET allowed_directories = [{_literal(str(out_dir.resolve()) + os.sep)}]")
        con.execute("SET enable_external_access = false")
    except duckdb.CatalogException:  # DuckDB without allowed_directories: full file access, this export only
        pass
    con.execute("SET lock_configuration = true")
    return con


def _copy(con: duckdb.DuckDBPyConnection, names: Iterable[str], out_dir: Path, fmt: str) -> list[ExportedFile]:
    files = []
    for name in names:
        target = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            query, options = _neutralised_select(con, name), "FORMAT csv, HEADER true"
        else:
            query, options = f"SELECT * FROM {_ident(name)}", "FORMAT parquet, COMPRESSION zstd"
        con.execute(f"COPY ({query}) TO {_literal(str(target.resolve()))} ({options})")
        rows = con.execute(f"SELECT count(*) FROM {_ident(name)}").fetchone()[0]
        files.append(ExportedFile(name, target, rows))
    return files


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("\ufffd", value)[:XLSX_CELL_LIMIT]
    elif isinstance(value, (dict, list)):
        value = str(value)
    return neutralise(value)


def _xlsx(con: duckdb.DuckDBPyConnection, names: Iterable[str], out_dir: Path) -> list[ExportedFile]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    target = out_dir / XLSX_NAME
    wb = Workbook(write_only=True)
    files = []
    for name in names:
        ws = wb.create_sheet(title=name[:31])
        ws.freeze_panes = "A2"
        cursor = con.execute(f"SELECT * FROM {_ident(name)}")
        header = []
        for column in cursor.description:
            cell = WriteOnlyCell(ws, value=column[0])
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        rows = 0
        while batch := cursor.fetchmany(5000):
            for row in batch:
                ws.append([_xlsx_value(v) for v in row])
            rows += len(batch)
        files.append(ExportedFile(name, target, rows))
    partial = target.with_name(target.name + ".partial")
    wb.save(partial)
    partial.replace(target)
    return files


def export_warehouse(warehouse: str | os.PathLike | None, fmt: str, out_dir: Path) -> ExportResult:
    """Write every exported table and view of the warehouse to `out_dir` in `fmt`."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    db = warehouse_path(warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect_readonly(db) if fmt == "xlsx" else export_connection(db, out_dir)
    try:
        present = _available(con)
        names = [n for n in EXPORTS if n in present]
        files = _xlsx(con, names, out_dir) if fmt == "xlsx" else _copy(con, names, out_dir, fmt)
    finally:
        con.close()
    return ExportResult(files=files, missing=[n for n in EXPORTS if n not in present])
