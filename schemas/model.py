"""The plain values that travel along the pipeline.

read → Grid → Table → records (BudgetLine / IndicatorRow) → Flag → warehouse.

Everything here is a picklable dataclass: a document's result crosses process (and Dask)
boundaries and is loaded by a single writer. Nothing here knows about PDFs, Prefect or DuckDB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

BBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, origin top-left


# --------------------------------------------------------------------------- reading / detection
@dataclass
class GridRow:
    """One physical row of a detected table, cells as printed (strings, never parsed here)."""

    cells: list[str]
    page: int | None = None  # 1-based page where the row starts (PDF, or text page between `---`)
    line: int | None = None  # 1-based source line (text inputs)
    bold: bool = False  # the row is printed bold (often a program/kegiatan/total row)
    y: float | None = None  # top of the row on its page (PDF)
    cell_boxes: list[BBox | None] | None = None  # per cell, where known (PDF)
    cell_confidence: list[float | None] | None = None  # per cell, OCR confidence 0-100 (scanned pages)

    @property
    def scanned(self) -> bool:
        """Read by OCR (a scanned page): its cells carry confidences, its marks may be misread."""
        return self.cell_confidence is not None


@dataclass
class Grid:
    """A table region as found by a reader/detector: rows of cell strings, header rows included.

    A PDF detector and the text reader both produce Grids; everything after this is one code path.
    """

    rows: list[GridRow]
    page: int | None = None  # page where the grid starts
    caption: str | None = None  # nearest caption above (`Tabel 3.8 Realisasi Anggaran ...`)
    source: str = "text"  # "text", "pdf:ruled", "pdf:aligned", "pdf:camelot", ...
    # Column x-boundaries (PDF): len == n_columns + 1. Lets stitching compare two page's grids.
    col_edges: list[float] | None = None
    top_of_page: bool = False  # the grid starts at the top of its page (a continuation candidate)


@dataclass
class SourceDocument:
    """What a reader extracted from one file, before any interpretation."""

    path: str
    file_type: str  # "pdf", "text"
    n_pages: int | None
    page_texts: list[str]  # plain text per page (metadata, prose checks such as terbilang)
    grids: list[Grid]
    pages_needing_ocr: list[int] = field(default_factory=list)  # 1-based
    warnings: list[str] = field(default_factory=list)
    ocr_pages: int = 0  # pages read by OCR
    ocr_reread_pages: int = 0  # of those, table pages read again from smoothed images (`vote`)
    ocr_seconds: float = 0.0  # wall time of that OCR (throughput figures: `bench_detect`)


# --------------------------------------------------------------------------- tables with roles
@dataclass
class Column:
    index: int  # position in the grid rows
    role: str  # one of ROLES below
    header: str  # the header text stacked over this column, joined with " / "


# Column roles. Amount roles hold rupiah; kinerja roles hold indicator values.
ROLES = (
    "no", "code", "sasaran", "name", "indikator", "satuan", "keterangan", "other",
    # an IKU table's definition of each indicator
    "formulasi", "sumber_data",
    # kinerja (indicator) values
    "target", "realisasi_kinerja", "capaian",
    "tw1_k", "tw2_k", "tw3_k", "tw4_k",
    # money
    "pagu_murni", "pagu_perubahan", "pagu", "realisasi", "realisasi_pct",
    "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp",
    "tw1_pct", "tw2_pct", "tw3_pct", "tw4_pct",
)
AMOUNT_ROLES = (
    "pagu_murni", "pagu_perubahan", "pagu", "realisasi", "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp",
)
# What the warehouse columns can hold (schemas/warehouse.sql): amounts DECIMAL(20,2),
# realisasi_pct DECIMAL(9,4). A figure beyond them is a misread, never loaded as a value.
MAX_AMOUNT = Decimal(10) ** 18
MAX_PERCENT = Decimal(10) ** 5


@dataclass
class Table:
    """A stitched table with its columns' roles; rows are data rows only (headers removed)."""

    table_no: int  # 1-based order in the document
    columns: list[Column]
    rows: list[GridRow]
    page: int | None = None
    caption: str | None = None
    source: str = "text"
    notes: list[str] = field(default_factory=list)  # e.g. "row 12 re-aligned (shifted by 1)"

    def role_index(self, role: str) -> int | None:
        for col in self.columns:
            if col.role == role:
                return col.index
        return None

    def spanning_headers(self) -> dict[int, str]:
        """Column index → header path, a merged header cell's text carried over the empty headers
        right of it (`Dalam Juta (Rp)` stands over the three year columns of a series)."""
        headers: dict[int, str] = {}
        spanning = ""
        for column in sorted(self.columns, key=lambda c: c.index):
            spanning = column.header or spanning
            headers[column.index] = spanning
        return headers


# --------------------------------------------------------------------------- records
LEVELS = ("opd", "urusan", "program", "kegiatan", "sub_kegiatan", "sasaran", "total", "other")

# `raw_cells` keys the pipeline writes beside the printed cells: how a row was read, not what it prints
OCR_CONFIDENCE = "ocr_confidence"  # a scanned row's OCR confidence per raw cell (JSON: key → 0-100)
READ_BY = "read_by"  # `capaian`: the row's figures were read by its printed capaian
LEVEL_BY = "level_by"  # the row's level was told apart from its neighbours' by arithmetic
# the rupiah a scaled amount column's (`(dlm juta)`) figures are rounded to (`287,50` juta: 10000),
# so the checks allow that much per summed row
AMOUNT_UNIT = "amount_unit"
BOOKKEEPING = frozenset({OCR_CONFIDENCE, READ_BY, LEVEL_BY, AMOUNT_UNIT})


@dataclass
class BudgetLine:
    """One table row that carries money (SCHEMA.md `budget_lines`)."""

    table_no: int
    row_no: int  # 1-based within the stitched table
    level: str
    name: str
    page: int | None = None
    source_line: int | None = None
    code: str | None = None
    indicator: str | None = None
    parent_row_no: int | None = None  # row_no of the enclosing line in the same table
    pagu_murni: Decimal | None = None
    pagu_perubahan: Decimal | None = None
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    realisasi_pct: Decimal | None = None
    realisasi_pct_decimals: int | None = None  # printed precision of the %, for pct checks
    tw1_rp: Decimal | None = None
    tw2_rp: Decimal | None = None
    tw3_rp: Decimal | None = None
    tw4_rp: Decimal | None = None
    tw_cumulative: bool | None = None
    raw_cells: dict[str, str] = field(default_factory=dict)
    unparsed: list[str] = field(default_factory=list)  # roles whose amount text could not be read
    source: str = "table"  # "table", or "prose": stated in a sentence (`pipeline.structure.prose`)

    @property
    def key(self) -> tuple[int, int]:
        return (self.table_no, self.row_no)

    def amounts(self) -> list[Decimal]:
        """The rupiah amounts the line holds (its AMOUNT_ROLES that are not NULL)."""
        return [v for role in AMOUNT_ROLES if (v := getattr(self, role)) is not None]


@dataclass
class IndicatorRow:
    """One performance-indicator row (SCHEMA.md `indicators`)."""

    table_no: int
    row_no: int
    indikator: str
    page: int | None = None
    source_line: int | None = None
    sasaran: str | None = None
    context: str | None = None  # the program/kegiatan row it belongs to
    satuan: str | None = None
    target_text: str | None = None
    target_value: float | None = None
    realisasi_text: str | None = None
    realisasi_value: float | None = None
    capaian_text: str | None = None
    capaian_pct: float | None = None
    capaian_decimals: int | None = None
    tw1_text: str | None = None
    tw2_text: str | None = None
    tw3_text: str | None = None
    tw4_text: str | None = None
    tw1_value: float | None = None
    tw2_value: float | None = None
    tw3_value: float | None = None
    tw4_value: float | None = None
    formulasi: str | None = None  # how it is measured (`Penjelasan / Formulasi` of an IKU table)
    sumber_data: str | None = None  # where its figures come from (`Sumber Data`)
    raw_cells: dict[str, str] = field(default_factory=dict)
    part: int = 0  # 0: the row's indicator; 1, 2 …: an outer level's printed on the same row (a cascade)

    @property
    def key(self) -> tuple[int, ...]:
        return (self.table_no, self.row_no, self.part) if self.part else (self.table_no, self.row_no)


@dataclass
class Flag:
    """An inconsistency (SCHEMA.md `flags`). Rows are referenced by (table_no, row_no);
    the warehouse turns them into line_id / indicator_id."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    line: tuple[int, int] | None = None  # (table_no, row_no) of a budget line
    indicator: tuple[int, ...] | None = None  # IndicatorRow.key: (table_no, row_no[, part])
    other_line: tuple[int, int] | None = None  # (table_no, row_no) of the other row, same document
    other_doc_id: str | None = None
    other_line_id: str | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    page: int | None = None


@dataclass
class PrintedFigure:
    """A money-sized figure printed in the document (tables or prose), for figure coverage:
    did its value reach a budget line or indicator row (`pipeline.quality.coverage`)?"""

    page: int | None
    text: str  # as printed: `Rp. 2.636.500.000,-` minus the `Rp.`, `17,620,100`
    value: Decimal
    kind: str  # "money"; "count" where a unit says it counts things (`12.317.066 ton`); "plan": a Renstra year
    context: str  # the printed line, whitespace folded, at most 200 characters
    captured: bool = False  # its value reached a budget line, an indicator row or a table figure
    in_table_figures: bool = False  # captured only as a table figure (no record holds it)


@dataclass
class TableFigure:
    """A number printed in a table cell that no budget line or indicator row holds: a revenue
    target, a PDRB series by year, a livestock population. Kept with its row's label and its
    column's header path so that nothing a table prints is lost (`table_figures`)."""

    table_no: int
    row_no: int  # 1-based within the stitched table, as in budget_lines
    page: int | None
    source_line: int | None
    row_label: str  # the row's name or first text cell, as printed
    column_label: str  # the column's header path (`Tahun (ribu) / 2014`)
    text: str  # the cell as printed
    value: Decimal  # as printed: `114.042.321,7` under `Dalam Juta (Rp)` is 114042321.7
    scale: int | None = None  # 1_000 / 1_000_000 / 1_000_000_000 where the header says ribu / juta / miliar
    unit: str | None = None  # `%`, or the unit printed in the cell (`ton`, `Dokumen`)


@dataclass
class DocumentMeta:
    doc_type: str = "other"  # lkjip, pk, pengukuran, realisasi_triwulan, other
    region_type: str | None = None
    region_name: str | None = None
    unit_name: str | None = None
    year: int | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> "document" | "manifest" | "option"


@dataclass
class ExtractedDocument:
    """A document's whole result: what the single writer loads in one transaction."""

    doc_id: str  # sha256 of the bytes, hex
    source_path: str
    file_type: str
    status: str  # ok, partial, needs_ocr, failed, unsupported
    error: str | None = None
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    n_pages: int | None = None
    budget_lines: list[BudgetLine] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    tables: int = 0
    extractor_version: str = ""
    seconds: float = 0.0
    figures: list[PrintedFigure] = field(default_factory=list)  # figure coverage
    table_figures: list[TableFigure] = field(default_factory=list)  # table numbers no record holds
    extra: dict[str, Any] = field(default_factory=dict)
