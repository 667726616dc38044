"""`lkjip export`: Parquet, CSV and XLSX of the contract tables and views; formulas neutralised."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pipeline.analyst.export import EXPORTS, export_connection, export_warehouse, neutralise
from pipeline.cli import app
from tests.fixtures.warehouse_docs import hostile_doc, line, load, three_level_doc

runner = CliRunner()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    hostile = hostile_doc()
    hostile.budget_lines.append(line(3, "other", "koreksi", realisasi=-5))  # a negative number stays a number
    return load(tmp_path_factory.mktemp("export") / "w.duckdb", three_level_doc(), hostile)


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_neutralise() -> None:
    assert [neutralise(v) for v in ("=1+1", "+62 811", "-", "@SUM(A1)", "\t=1", "Program", "", 5, None, Decimal("-5"))] == [
        "'=1+1", "'+62 811", "'-", "'@SUM(A1)", "'\t=1", "Program", "", 5, None, Decimal("-5")]


def test_parquet_keeps_types_and_text_as_is(warehouse, tmp_path) -> None:
    result = export_warehouse(warehouse, "parquet", tmp_path / "out")
    assert [f.name for f in result.files] == list(EXPORTS) and not result.missing
    con = duckdb.connect()
    path = str(tmp_path / "out" / "budget_lines.parquet")
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{path}')").fetchall())
    assert types["pagu"] == "DECIMAL(20,2)" and types["table_no"] == "INTEGER"
    names = {r[0] for r in con.execute(f"SELECT name FROM '{path}'").fetchall()}
    assert any(n.startswith("=HYPERLINK") for n in names)  # typed files are not spreadsheets: unchanged
    summary = con.execute(f"SELECT pagu FROM '{tmp_path / 'out' / 'v_budget_summary.parquet'}' ORDER BY 1").fetchall()
    assert summary == [(Decimal("500.00"),), (Decimal("1000.00"),)]


def test_csv_neutralises_text_only(warehouse, tmp_path) -> None:
    export_warehouse(warehouse, "csv", tmp_path / "out")
    lines = _csv(tmp_path / "out" / "budget_lines.csv")
    names = {r["name"] for r in lines}
    assert "'=HYPERLINK(\"http://x\",\"<img src=x onerror=alert(1)>\")" in names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)
    assert {r["realisasi"] for r in lines if r["name"] == "koreksi"} == {"-5.00"}  # numbers stay numbers
    indicators = {r["indikator"] for r in _csv(tmp_path / "out" / "indicators.csv")}
    assert {"'@SUM(A1) <img src=x onerror=alert(1)>", "'-2+3"} <= indicators
    for f in (tmp_path / "out").glob("*.csv"):  # nothing in any file starts a formula
        for row in csv.reader(open(f, newline="", encoding="utf-8")):
            for cell in row:
                if cell.startswith(("=", "+", "@")):
                    pytest.fail(f"{f.name}: {cell!r}")
                if cell.startswith("-"):
                    float(cell)  # only negative numbers may start with a minus


def test_xlsx_one_sheet_per_table_numbers_typed(warehouse, tmp_path) -> None:
    result = export_warehouse(warehouse, "xlsx", tmp_path / "out")
    wb = load_workbook(result.files[0].path)
    assert wb.sheetnames == list(EXPORTS)
    ws = wb["budget_lines"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c for c in r))) for r in ws.iter_rows(min_row=2)]
    hyperlink = next(r for r in rows if str(r["name"].value).startswith("'=HYPERLINK"))
    assert hyperlink["name"].data_type == "s"  # text, not a formula
    assert hyperlink["pagu"].data_type == "n" and hyperlink["pagu"].value == 500
    koreksi = next(r for r in rows if r["name"].value == "koreksi")
    assert koreksi["realisasi"].value == -5 and koreksi["realisasi"].data_type == "n"
    assert not any(c.data_type == "f" for sheet in wb for row in sheet.iter_rows() for c in row)
    assert wb["v_region_year"].max_row == 3  # header + two regions


def test_export_connection_writes_only_into_its_folder(warehouse, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    con = export_connection(warehouse, out)
    try:
        con.execute(f"COPY documents TO '{out / 'ok.csv'}'")
        for query in (f"COPY documents TO '{tmp_path / 'elsewhere.csv'}'", "SELECT * FROM read_csv('/etc/passwd')",
                      "SET enable_external_access = true", "DELETE FROM documents"):
            with pytest.raises(duckdb.Error):
                con.execute(query)
    finally:
        con.close()
    assert (out / "ok.csv").exists() and not (tmp_path / "elsewhere.csv").exists()


def test_cli_export(warehouse, tmp_path) -> None:
    ok = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "csv"), "--warehouse", str(warehouse)])
    assert ok.exit_code == 0, ok.output
    assert "v_serapan_triwulan" in ok.output and (tmp_path / "csv" / "v_serapan_triwulan.csv").exists()
    bad = runner.invoke(app, ["export", "--format", "json", "--out", str(tmp_path), "--warehouse", str(warehouse)])
    assert bad.exit_code == 2 and "parquet, csv, xlsx" in bad.output
    none = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "x"), "-w", str(tmp_path / "no.duckdb")])
    assert none.exit_code == 1 and "no warehouse" in none.output
