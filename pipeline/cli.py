"""`lkjip`: the command line over the same functions the flow and tests use."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table as RichTable

from pipeline.warehouse.store import WarehouseBusy, WarehouseError, connect_readonly, warehouse_path

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn Indonesian LKjIP / PK / triwulan reports into a DuckDB warehouse.")
# piped output (scripts, `make run`) gets a wide table instead of rich's 80 columns
console = Console() if Console().is_terminal else Console(width=200)
err = Console(stderr=True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here; no telemetry errors

WarehouseOpt = typer.Option(None, "--warehouse", "-w", envvar="LKJIP_WAREHOUSE",
                            help="DuckDB file (default data/warehouse/lkjip.duckdb).")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def _terminal_safe(value: object) -> str:
    """Document text shown in a terminal: control characters (ANSI escapes) made visible."""
    text = "" if value is None else str(value)
    return "".join(ch if ch.isprintable() or ch in "\t" else f"\\x{ord(ch):02x}" for ch in text)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Files or folders (default data/raw)."),
    warehouse: Optional[Path] = WarehouseOpt,
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Extraction processes."),
    region: Optional[str] = typer.Option(None, help="Region for documents that do not print it."),
    year: Optional[int] = typer.Option(None, help="Year for documents that do not print it."),
    unit: Optional[str] = typer.Option(None, help="Unit (perangkat daerah) name."),
    doc_type: Optional[str] = typer.Option(None, help="lkjip, pk, pengukuran, realisasi_triwulan, other."),
    max_pages: Optional[int] = typer.Option(2000, help="Fail documents longer than this."),
    timeout: float = typer.Option(300.0, "--timeout", min=0.1,
                                  help="Seconds one document may take (plus the OCR page limit per scanned "
                                       "page); then it is killed and marked failed."),
    max_memory: int = typer.Option(2048, "--max-memory", min=0,
                                   help="MB of address space per extraction process (0: no cap)."),
    dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                               help="Run document tasks on this Dask cluster (tcp://host:port)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; summary only."),
) -> None:
    """Ingest every supported file under PATHS into the warehouse, through the Prefect flow."""
    paths = paths or [Path("data/raw")]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}", code=2)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from pipeline.batch.isolation import Limits, WorkerStartError, get_pool, shutdown_pools

    limits = Limits(timeout=timeout, max_memory_mb=max_memory)
    if not dask_address:
        get_pool(limits).prestart(workers)  # the workers' imports overlap Prefect's, next
    from flows.ingest import Observer, PrefectLost, run_ingest
    from flows.runners import DaskUnavailable
    from pipeline.batch.discover import ManifestError
    from pipeline.batch.prefect_server import ApiUnreachable, choose_api
    from pipeline.batch.progress import IngestProgress
    from pipeline.extract import Overrides

    try:
        api = choose_api()
    except ApiUnreachable as exc:
        shutdown_pools()
        _fail(f"{_terminal_safe(exc)}. PREFECT_API_URL is set (environment, .env, prefect.toml or the active "
              "profile: `prefect config view --show-sources`): start that server, or unset it to use `lkjip "
              "server start` or a temporary local server. Nothing was loaded.", code=2)
    if api.source == "temporary" and not quiet:
        err.print("Prefect: no server running, starting a temporary one for this run (15-20 s); "
                  "`lkjip server start` keeps one for every later ingest.", markup=False, highlight=False)
    options = None
    if any(v is not None for v in (region, year, unit, doc_type)):
        options = Overrides(doc_type=doc_type, region_name=region.upper() if region else None,
                            unit_name=unit, year=year)
    progress = IngestProgress(console, enabled=not quiet and console.is_terminal)
    try:
        with progress:
            summary = run_ingest([str(p) for p in paths], warehouse=str(warehouse_path(warehouse)),
                                 workers=workers, options=options, max_pages=max_pages,
                                 observer=Observer(on_start=progress.start, on_document=progress.advance),
                                 limits=limits, dask_address=dask_address, api=api)
    except WarehouseBusy as exc:
        _fail(str(exc))
    except ManifestError as exc:
        _fail(f"bad manifest: {exc}", code=2)
    except (WorkerStartError, DaskUnavailable) as exc:
        _fail(str(exc), code=2)
    except PrefectLost as exc:
        if exc.summary is not None:
            progress.print_summary(exc.summary)
            err.print(f"warning: {_terminal_safe(exc)}: every document is loaded, but Prefect's record of this "
                      "run is incomplete.", markup=False, highlight=False)
            _leave_now(1 if exc.summary.statuses.get("failed") else 0)
        err.print(f"error: {_terminal_safe(exc)}. The documents loaded so far are kept; run the same command "
                  "again to finish the batch.", markup=False, highlight=False)
        _leave_now(1)
    except KeyboardInterrupt:
        _fail(f"interrupted after {progress.done} documents; they are loaded. Run the same command again to "
              "resume: loaded documents are skipped", code=130)
    progress.print_summary(summary)
    raise typer.Exit(1 if summary.statuses.get("failed") else 0)


def _leave_now(code: int) -> None:
    """Exit without Prefect's exit-time flush: it would retry sending the run's last events and
    logs for minutes to a server that is gone. The warehouse is committed by then."""
    from pipeline.batch.isolation import shutdown_pools

    shutdown_pools()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@app.command()
def sql(
    query: str = typer.Argument(..., help="A SELECT (or other read-only) statement."),
    warehouse: Optional[Path] = WarehouseOpt,
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Run a query on a read-only connection."""
    if format not in ("table", "csv", "json"):
        _fail("--format must be table, csv or json", code=2)
    import duckdb

    con = _readonly(warehouse)
    try:
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        _fail(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        con.close()
    print_rows(columns, rows, format)


def print_rows(columns: list[str], rows: list[tuple], format: str) -> None:
    if format == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, default=str,
                                    indent=1) + "\n")
        return
    if format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if v is None else _terminal_safe(v) for v in r])
        return
    table = RichTable(show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_format_cell(v) for v in r])
    console.print(table)
    console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", style="dim")


def _format_cell(value: object) -> str:
    from decimal import Decimal

    from rich.markup import escape

    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}" if value != value.to_integral() else f"{value:,.0f}"
    return escape(_terminal_safe(value))


@app.command()
def flags(
    warehouse: Optional[Path] = WarehouseOpt,
    doc: Optional[str] = typer.Option(None, "--doc", help="doc_id (or its prefix) or source path."),
    rule: Optional[str] = typer.Option(None, "--rule", help="Only this rule."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """List the inconsistencies found, per document, with page and message."""
    con = _readonly(warehouse)
    where, params = [], []
    if doc:
        where.append("(f.doc_id LIKE ? || '%' OR d.source_path = ?)")
        params += [doc, doc]
    if rule:
        where.append("f.rule = ?")
        params.append(rule)
    query = ("SELECT d.source_path AS document, f.page, f.rule, f.severity, f.message "
             "FROM flags f JOIN documents d USING (doc_id) "
             + (("WHERE " + " AND ".join(where)) if where else "")
             + " ORDER BY d.source_path, f.page NULLS LAST, f.flag_id")
    cursor = con.execute(query, params)
    columns = [d[0] for d in cursor.description]
    print_rows(columns, cursor.fetchall(), format)

@app.command()
def coverage(
    doc: Optional[str] = typer.Argument(None, help="doc_id (or its prefix) or source path: list its "
                                                   "uncaptured figures by page."),
    warehouse: Optional[Path] = WarehouseOpt,
    kind: str = typer.Option("money", "--kind", help="With DOC: money, count, plan or all."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Figure coverage: of the money figures each document prints, how many reached the
    warehouse (worst first); with DOC, the figures that did not, by page, to check by hand."""
    con = _readonly(warehouse)
    if doc is None:
        cursor = con.execute(
            "SELECT source_path AS document, status, n_pages AS pages, figures_printed AS printed, "
            "figures_captured AS captured, figures_in_tables AS in_table_figures, coverage FROM v_figure_coverage "
            "WHERE figures_printed > 0 ORDER BY coverage, source_path")
    else:
        kinds = ["money", "count", "plan"] if kind == "all" else [kind]
        cursor = con.execute(
            "SELECT page, kind, figure_text AS figure, context FROM v_uncaptured_figures "
            "WHERE (doc_id LIKE ? || '%' OR source_path = ?) AND list_contains(?, kind) "
            "ORDER BY page NULLS LAST, figure_text", [doc, doc, kinds])
    columns = [d[0] for d in cursor.description]
    print_rows(columns, cursor.fetchall(), format)


@app.command()
def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="HTML file to write."),
    warehouse: Optional[Path] = WarehouseOpt,
    docs_root: Optional[Path] = typer.Option(None, "--docs-root",
                                             help="Folder the stored document paths start from, for links "
                                                  "(default: the current folder)."),
    top: int = typer.Option(12, "--top", min=1, help="Region-years charted, largest budgets first."),
) -> None:
    """One self-contained HTML file: pagu, realisasi and serapan per region, unit and triwulan,
    the cross-region comparison, flags with links, and documents that failed or need OCR."""
    import duckdb

    from pipeline.analyst.report import write_report

    try:
        summary = write_report(warehouse, out, docs_root=docs_root, top_regions=top)
    except (WarehouseError, WarehouseBusy) as exc:
        _fail(str(exc))
    except duckdb.CatalogException as exc:
        _fail(f"{str(exc).splitlines()[0]}; the warehouse predates this version: run `lkjip ingest` once to "
              "update its views")
    console.print(f"wrote {summary.path} ({summary.bytes / 1e6:.1f} MB, {summary.charts} charts, "
                  f"{summary.region_years} region-years)", markup=False, highlight=False)


@app.command()
def export(
    format: str = typer.Option(..., "--format", "-f", help="parquet, csv or xlsx."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write into (created if missing)."),
    warehouse: Optional[Path] = WarehouseOpt,
) -> None:
    """Export the contract tables and views: one file per table (xlsx: one sheet per table)."""
    from pipeline.analyst.export import FORMATS, export_warehouse

    if format not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}", code=2)
    try:
        result = export_warehouse(warehouse, format, out)
    except (WarehouseError, WarehouseBusy) as exc:
        _fail(str(exc))
    print_rows(["table", "rows", "file"], [(f.name, f.rows, str(f.path)) for f in result.files], "table")
    if result.missing:
        err.print(f"not in this warehouse (run `lkjip ingest` to update it): {', '.join(result.missing)}",
                  markup=False, highlight=False)


regions_app = typer.Typer(no_args_is_help=True, help="Official region lists: Kemendagri codes for documents.")
app.add_typer(regions_app, name="regions")


@regions_app.command("load")
def regions_load(
    file: Path = typer.Argument(..., help="CSV with columns kode,nama (the Kemendagri list)."),
    warehouse: Optional[Path] = WarehouseOpt,
) -> None:
    """Import a region list into `regions` and fill documents.region_code; names not in the list
    keep no code and get a `region_unresolved` warning. Run again after ingesting new documents."""
    from pipeline.warehouse.regions import RegionListError, load_regions
    from pipeline.warehouse.store import open_writer

    if not file.is_file():
        _fail(f"no such file: {file}", code=2)
    try:
        with open_writer(warehouse) as writer:
            summary = load_regions(writer, file)
    except RegionListError as exc:
        _fail(str(exc), code=2)
    except WarehouseBusy as exc:
        _fail(str(exc))
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.regions.items()))
    console.print(f"regions: {sum(summary.regions.values())} loaded ({kinds})"
                  + (f", {summary.skipped} kecamatan/desa rows skipped" if summary.skipped else ""),
                  markup=False, highlight=False)
    for problem in summary.problems[:10]:
        err.print(f"skipped {_terminal_safe(problem)}", markup=False, highlight=False)
    console.print(f"documents: {summary.resolved} resolved, {len(summary.unresolved)} unresolved (flagged "
                  f"region_unresolved), {summary.without_region} without a region", markup=False, highlight=False)
    for path, reason in summary.unresolved[:20]:
        console.print(f"  {_terminal_safe(path)}: {_terminal_safe(reason)}", markup=False, highlight=False)


@app.command(name="eval")
def evaluate(
    truth_dir: Path = typer.Argument(..., help="Folder of hand-checked truth files (*.json)."),
    warehouse: Optional[Path] = WarehouseOpt,
    details: int = typer.Option(0, help="List up to N missed/wrong cells per document."),
    names_aside: bool = typer.Option(False, "--names-aside", help="Score values alone (page, role, value), "
                                     "names not compared: the figures read right under misread names."),
) -> None:
    """Score the warehouse against hand-checked truth files: precision and recall of amount
    cells and indicator cells (value and row name both right; `--names-aside`: the value)."""
    from pipeline.quality.evaluate import format_report, load_truth, score_document

    if not truth_dir.is_dir():
        _fail(f"no such folder: {truth_dir}", code=2)
    try:
        truths = load_truth(truth_dir)
    except ValueError as exc:
        _fail(str(exc), code=2)
    con = _readonly(warehouse)
    scores = [score_document(t, *_rows_for(con, t), names=not names_aside) for t in truths]
    console.print(format_report(scores, details=details), markup=False, highlight=False)


def _rows_for(con, truth: dict) -> tuple[list[dict], list[dict]]:
    """The warehouse rows of the document a truth file describes (none if not ingested)."""
    from pipeline.quality.evaluate import find_source_path

    paths = [r[0] for r in con.execute("SELECT source_path FROM documents").fetchall()]
    source = find_source_path(truth, paths)
    if source is None:
        return [], []
    out = []
    for table in ("budget_lines", "indicators"):
        cur = con.execute(f"SELECT t.* FROM {table} t JOIN documents d USING (doc_id) WHERE d.source_path = ?",
                          [source])
        cols = [d[0] for d in cur.description]
        out.append([dict(zip(cols, r)) for r in cur.fetchall()])
    return out[0], out[1]


@app.command()
def bench(
    path: Optional[Path] = typer.Argument(None, help="A folder of documents (default: the development corpus's "
                                                    "text PDFs, ../shared/corpus)."),
    batch: Optional[int] = typer.Option(None, "--batch", min=1, help="Documents to generate under /tmp/lkjip-bench "
                                                                    "instead."),
    small: int = typer.Option(250, "--small", min=0, help="Smaller batch to compare peak memory with."),
    workers: str = typer.Option("1,2", "--workers", help="Worker counts to compare, comma-separated."),
    seed: int = typer.Option(1, "--seed", help="Generator seed."),
) -> None:
    """One-document ingest wall time (cold, warm); pages/s end to end beside bare PyMuPDF; scaling,
    peak memory, rerun time and Prefect's per-task cost."""
    from pipeline.quality.bench import run_bench

    try:
        counts = [int(w) for w in workers.split(",") if w.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        _fail("--workers must be comma-separated positive numbers, e.g. 1,2", code=2)
    if path is not None and not path.is_dir():
        _fail(f"no such folder: {path}", code=2)
    run_bench(batch, small, counts, seed, path)


server_app = typer.Typer(no_args_is_help=True,
                         help="A Prefect server kept running for ingests (127.0.0.1 only; $LKJIP_HOME/prefect).")
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start(
    port: int = typer.Option(0, "--port", min=0, max=65535, help="Port on 127.0.0.1 (default: a free one)."),
) -> None:
    """Start Prefect's server in the background; every later `lkjip ingest` reports to it instead
    of starting a temporary one (15-20 s each). It runs until `lkjip server stop`."""
    import time

    from pipeline.batch import prefect_server

    started = time.perf_counter()
    try:
        info, fresh = prefect_server.start(port)
    except prefect_server.ServerError as exc:
        _fail(_terminal_safe(exc))
    what = f"started in {time.perf_counter() - started:.0f} s" if fresh else "already running"
    console.print(f"Prefect server {what}: pid {info.pid}, UI {info.ui_url}, API {info.api_url}; "
                  f"database and log in {info.home}. Stop it with `lkjip server stop`.",
                  markup=False, highlight=False)


@server_app.command("stop")
def server_stop() -> None:
    """Stop the server `lkjip server start` started (its run records stay in its database)."""
    from pipeline.batch import prefect_server

    info = prefect_server.stop()
    console.print(f"Prefect server stopped (pid {info.pid})" if info else "no lkjip Prefect server was running",
                  markup=False, highlight=False)


@server_app.command("status")
def server_status() -> None:
    """Whether the lkjip Prefect server runs, where, and whether it answers; exit 0 when it
    runs and answers, 1 otherwise."""
    from pipeline.batch import prefect_server

    info = prefect_server.status()
    if info is None:
        console.print(f"not running (home {prefect_server.server_home()}); `lkjip server start` starts it",
                      markup=False, highlight=False)
        raise typer.Exit(1)
    problem = prefect_server.answers(info.api_url)
    console.print(f"running: pid {info.pid}, UI {info.ui_url}, API {info.api_url}, "
                  f"{'answering' if problem is None else 'not answering: ' + problem}; "
                  f"database and log in {info.home}", markup=False, highlight=False)
    if os.environ.get("PREFECT_API_URL"):
        console.print(f"PREFECT_API_URL={os.environ['PREFECT_API_URL']} is set: `lkjip ingest` reports there, "
                      "not to this server", markup=False, highlight=False)
    raise typer.Exit(0 if problem is None else 1)


def _readonly(warehouse: Optional[Path]):
    try:
        return connect_readonly(warehouse)
    except (WarehouseError, WarehouseBusy) as exc:
        _fail(str(exc))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
