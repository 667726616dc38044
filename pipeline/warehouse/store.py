"""The DuckDB warehouse: schema, one transaction per document, read-only access for analysts.

Nothing above this module knows about DuckDB. DuckDB allows one writing process: ingests take an
exclusive lock file beside the warehouse (a second ingest gets WarehouseBusy at once), and the
writer keeps its connection open only while it loads, so read-only queries can run in between.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from pipeline.quality.coverage import money_coverage, money_in_table_figures
from pipeline.warehouse.bulkload import BulkInsertConnection
from schemas.model import MAX_AMOUNT, ExtractedDocument

DEFAULT_WAREHOUSE = "data/warehouse/lkjip.duckdb"


class WarehouseBusy(RuntimeError):
    """Another process is writing to this warehouse."""


class WarehouseError(RuntimeError):
    """A query or connection failed; the message is for a person."""


def warehouse_path(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("LKJIP_WAREHOUSE") or DEFAULT_WAREHOUSE)


def _ddl() -> str:
    return resources.files("schemas").joinpath("warehouse.sql").read_text(encoding="utf-8")


def line_id(doc_id: str, table_no: int, row_no: int) -> str:
    return f"{doc_id[:16]}-t{table_no}-r{row_no}"


def indicator_id(doc_id: str, table_no: int, row_no: int, part: int = 0) -> str:
    """`part`: an outer level's indicator printed on the same row of a cascade (IndicatorRow.part)."""
    return f"{doc_id[:16]}-i{table_no}-r{row_no}" + (f"-p{part}" if part else "")


def _coverage(doc: ExtractedDocument) -> tuple[int | None, int | None, int | None]:
    """(figures_printed, figures_captured, figures_in_tables), NULL for a document not read."""
    if doc.status in ("failed", "unsupported", "needs_ocr"):
        return None, None, None
    return (*money_coverage(doc.figures), money_in_table_figures(doc.figures))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class Writer:
    """The single writer: loads documents, each in its own transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: duckdb.DuckDBPyConnection | None = None

    # connection held only while loading, so readers can open the file in between
    @contextmanager
    def connection(self) -> Iterator[BulkInsertConnection]:
        if self._con is not None:
            yield self._con
            return
        try:
            con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            raise WarehouseBusy(f"warehouse {self.path} is in use by another process: {exc}") from exc
        try:
            self._con = BulkInsertConnection(con)  # executemany of INSERTs: one bulk insert, exact
            yield self._con
        finally:
            self._con = None
            con.close()

    def ensure_schema(self) -> None:
        with self.connection() as con:
            con.execute(_ddl())

    def loaded_versions(self) -> dict[str, str]:
        """doc_id → extractor_version of everything loaded (for skipping without reading)."""
        with self.connection() as con:
            return dict(con.execute("SELECT doc_id, extractor_version FROM documents").fetchall())

    def record_duplicate(self, doc_id: str, path: str) -> None:
        with self.connection() as con:
            row = con.execute("SELECT source_path, other_paths FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
            if row is None or row[0] == path:
                return
            others = json.loads(row[1]) if row[1] else []
            if path not in others:
                others.append(path)
                con.execute("UPDATE documents SET other_paths = ? WHERE doc_id = ?", [_json(others), doc_id])

    def load(self, doc: ExtractedDocument) -> None:
        """Replace everything known of this document (and of an older version at the same path)
        in one transaction: the warehouse never holds half a document."""
        with self.connection() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                stale = [r[0] for r in con.execute(
                    "SELECT doc_id FROM documents WHERE doc_id = ? OR source_path = ?",
                    [doc.doc_id, doc.source_path]).fetchall()]
                for old in stale:
                    for table in ("flags", "budget_lines", "indicators", "uncaptured_figures", "table_figures",
                                  "documents"):
                        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [old])
                    con.execute("DELETE FROM flags WHERE other_doc_id = ?", [old])
                self._insert(con, doc)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _insert(self, con: duckdb.DuckDBPyConnection, doc: ExtractedDocument) -> None:
        m = doc.meta
        con.execute(
            "INSERT INTO documents (doc_id, source_path, file_type, doc_type, region_type, region_name, "
            "region_code, unit_name, year, n_pages, status, error, ingested_at, extractor_version, n_tables, "
            "seconds, meta_sources, other_paths, figures_printed, figures_captured, figures_in_tables) "
            "VALUES (?, ?, ?, ?, ?, ?, "
            # the official code, when `lkjip regions load` gave a list that names this region once
            "(SELECT any_value(kode) FROM regions WHERE canonical_name = ? HAVING count(*) = 1), "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
            [doc.doc_id, doc.source_path, doc.file_type, m.doc_type, m.region_type, m.region_name, m.region_name,
             m.unit_name,
             m.year, doc.n_pages, doc.status, doc.error, datetime.now(timezone.utc).replace(tzinfo=None),
             doc.extractor_version, doc.tables, round(doc.seconds, 3), _json(m.sources), *_coverage(doc)],
        )
        d = doc.doc_id
        missed = [f for f in doc.figures if not f.captured]
        if missed:
            con.executemany(
                "INSERT INTO uncaptured_figures VALUES (?, ?, ?, ?, ?, ?)",
                [[d, f.page, f.text, f.value if abs(f.value) < MAX_AMOUNT else None, f.kind, f.context]
                 for f in missed],
            )
        if doc.table_figures:
            con.executemany(
                "INSERT INTO table_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[d, t.table_no, t.row_no, t.page, t.source_line, t.row_label, t.column_label, t.text, t.value,
                  t.scale, t.unit] for t in doc.table_figures],
            )
        if doc.budget_lines:
            con.executemany(
                "INSERT INTO budget_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[line_id(d, b.table_no, b.row_no), d, b.table_no, b.row_no, b.page, b.source_line, b.level,
                  b.code, b.name, b.indicator,
                  line_id(d, b.table_no, b.parent_row_no) if b.parent_row_no else None,
                  b.pagu_murni, b.pagu_perubahan, b.pagu, b.realisasi, b.realisasi_pct,
                  b.tw1_rp, b.tw2_rp, b.tw3_rp, b.tw4_rp, b.tw_cumulative, _json(b.raw_cells), b.source]
                 for b in doc.budget_lines],
            )
        if doc.indicators:
            con.executemany(
                "INSERT INTO indicators VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[indicator_id(d, i.table_no, i.row_no, i.part), d, i.table_no, i.row_no, i.page, i.source_line,
                  i.sasaran, i.context, i.indikator, i.satuan, i.target_text, i.target_value, i.realisasi_text,
                  i.realisasi_value, i.capaian_text, i.capaian_pct, i.tw1_text, i.tw2_text, i.tw3_text,
                  i.tw4_text, i.tw1_value, i.tw2_value, i.tw3_value, i.tw4_value, _json(i.raw_cells),
                  i.formulasi, i.sumber_data]
                 for i in doc.indicators],
            )
        self._insert_flags(con, doc.doc_id, doc.flags, scope="document")

    @staticmethod
    def _insert_flags(con: duckdb.DuckDBPyConnection, doc_id: str, flags: list, scope: str) -> None:
        if not flags:
            return
        prefix = "f" if scope == "document" else "x"
        con.executemany(
            "INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[f"{doc_id[:16]}-{prefix}{n}", f.rule, f.severity, doc_id,
              line_id(doc_id, *f.line) if f.line else None,
              indicator_id(doc_id, *f.indicator) if f.indicator else None,
              f.other_doc_id,
              f.other_line_id or (line_id(doc_id, *f.other_line) if f.other_line else None),
              f.expected, f.actual, f.message, f.page, scope]
             for n, f in enumerate(flags, start=1)],
        )

    def replace_cross_document_flags(self, doc_id: str, flags: list) -> None:
        with self.connection() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM flags WHERE doc_id = ? AND scope = 'cross_document'", [doc_id])
                self._insert_flags(con, doc_id, flags, scope="cross_document")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise


@contextmanager
def open_writer(path: str | os.PathLike | None = None) -> Iterator[Writer]:
    """Exclusive write access: a lock file beside the warehouse, held for the whole ingest."""
    db = warehouse_path(path)
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db.with_name(db.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WarehouseBusy(
                f"warehouse {db} is busy: another `lkjip ingest` is writing to it; wait for it to finish"
            ) from exc
        lock.write(str(os.getpid()))
        lock.flush()
        writer = Writer(db)
        writer.ensure_schema()
        yield writer


READ_WAIT_SECONDS = 5.0  # an ingest holds the warehouse for a burst of loads, rarely longer


def open_read_only(db: Path, config: dict[str, object],
                   wait: float = READ_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to `db`. While an ingest holds the file (it writes in short
    bursts), try again for up to `wait` seconds before saying the warehouse is busy."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(db), read_only=True, config=dict(config))
        except duckdb.IOException as exc:
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"warehouse {db} is being written right now; try again in a moment "
                                    f"({exc})") from exc
            time.sleep(0.2)


def connect_readonly(path: str | os.PathLike | None = None,
                     wait: float = READ_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A connection for analysts: read-only, no file or network access, configuration locked."""
    db = warehouse_path(path)
    if not db.exists():
        raise WarehouseError(f"no warehouse at {db}: run `lkjip ingest` first")
    con = open_read_only(db, {"enable_external_access": False, "autoload_known_extensions": False,
                              "autoinstall_known_extensions": False}, wait)
    con.execute("SET lock_configuration = true")
    return con
