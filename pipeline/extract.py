"""One document, start to finish: read → tables → records → checks → ExtractedDocument.

A plain function of a path (and optional metadata overrides) to a picklable result, so that it
can run in any worker process; it never touches the warehouse and never raises for a bad
document: the failure becomes the document's status and reason.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.normalise.metadata import read_metadata
from pipeline.quality.coverage import find_figures, mark_captured
from pipeline.structure.prose import prose_budget_lines
from pipeline.structure.records import column_conventions, document_convention, table_records
from pipeline.structure.table_figures import leftover_figures
from pipeline.structure.tables import build_tables
from schemas.model import DocumentMeta, ExtractedDocument, SourceDocument

EXTRACTOR_VERSION = "0.7.15"  # bump when extraction changes: reruns re-extract
TEXT_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


class NeedsOcr(Exception):
    """Every page is an image: nothing to extract until OCR runs."""


@dataclass
class Overrides:
    """Metadata from a manifest row or command-line options; wins over what the document says
    only where the document says nothing (options given explicitly always win)."""

    doc_type: str | None = None
    region_name: str | None = None
    region_type: str | None = None
    unit_name: str | None = None
    year: int | None = None
    force: set[str] = field(default_factory=set)  # fields given on the command line


def file_type_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path, data: bytes, file_type: str, max_pages: int | None = None,
                detector: str = "auto") -> SourceDocument:
    if file_type == "text":
        from extractors.text import read_text

        return read_text(path, data)
    from extractors.pdf import read_pdf

    if not data.lstrip()[:5].startswith(b"%PDF"):
        head = data.lstrip()[:15].lower()
        kind = "HTML" if head.startswith((b"<!doctype", b"<html")) else "not a PDF"
        raise ValueError(f"{kind}: the file does not start with %PDF" if data else "empty file (0 bytes)")
    return read_pdf(str(path), max_pages=max_pages, detector=detector)


def _apply_overrides(meta: DocumentMeta, overrides: Overrides | None) -> None:
    if overrides is None:
        return
    for name in ("doc_type", "region_name", "region_type", "unit_name", "year"):
        value = getattr(overrides, name)
        if value is None:
            continue
        current = getattr(meta, name)
        if name in overrides.force or current in (None, "other"):
            setattr(meta, name, value)
            meta.sources[name] = "option" if name in overrides.force else "manifest"
    if meta.region_name and not meta.region_type:
        first = meta.region_name.split()[0].lower()
        meta.region_type = {"kota": "kota", "kabupaten": "kabupaten", "provinsi": "provinsi"}.get(first)


def extract_document(path: str | Path, source_path: str | None = None, overrides: Overrides | None = None,
                     data: bytes | None = None, max_pages: int | None = None,
                     detector: str = "auto") -> ExtractedDocument:
    """Extract one file. Never raises for bad input: see `status` and `error`.

    `detector` picks the PDF table finder: "auto" (ours), or for evaluation "pdfplumber",
    "camelot-stream", "camelot-lattice"."""
    started = time.perf_counter()
    path = Path(path)
    shown = source_path or str(path)
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        return ExtractedDocument(doc_id=sha256_of(shown.encode()), source_path=shown, file_type="unknown",
                                 status="failed", error=f"cannot read file: {exc.strerror or exc}",
                                 extractor_version=EXTRACTOR_VERSION)
    doc = ExtractedDocument(doc_id=sha256_of(data), source_path=shown, file_type=file_type_of(path) or "unknown",
                            status="ok", extractor_version=EXTRACTOR_VERSION)
    try:
        if doc.file_type == "unknown":
            doc.status, doc.error = "unsupported", f"unsupported file type {path.suffix or '(none)'}"
            return doc
        source = read_source(path, data, doc.file_type, max_pages=max_pages, detector=detector)
        _fill(doc, source, overrides)
    except Exception as exc:  # a bad document must not stop the batch
        doc.status = "failed"
        doc.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
        doc.budget_lines, doc.indicators, doc.flags, doc.figures, doc.table_figures = [], [], [], [], []
    finally:
        doc.seconds = time.perf_counter() - started
    return doc


def _unit_from_opd_row(doc: ExtractedDocument) -> None:
    """Forms that print only their OPD (Tangerang) name it in the table's first row."""
    opd = next((b.name for b in doc.budget_lines if b.level == "opd" and b.name), None)
    unit = doc.meta.unit_name
    if opd and (unit is None or opd.lower().startswith(unit.lower())):
        doc.meta.unit_name = opd
        doc.meta.sources["unit_name"] = "document"


def _fill(doc: ExtractedDocument, source: SourceDocument, overrides: Overrides | None) -> None:
    from pipeline.checks import check_document, detect_tw_cumulative

    doc.n_pages = source.n_pages
    doc.meta = read_metadata(source.page_texts, filename=doc.source_path)
    _apply_overrides(doc.meta, overrides)
    tables = build_tables(source.grids, report_year=doc.meta.year)
    doc.tables = len(tables)
    fallback = document_convention(tables)
    for table in tables:
        conventions = column_conventions(table, fallback)  # once: records and leftovers read alike
        lines, indicators = table_records(table, fallback, conventions)
        doc.budget_lines.extend(lines)
        doc.indicators.extend(indicators)
        doc.table_figures.extend(leftover_figures(table, lines, indicators, conventions))
    doc.budget_lines.extend(prose_budget_lines(source.page_texts, len(tables) + 1, doc.budget_lines))
    _unit_from_opd_row(doc)
    detect_tw_cumulative(doc.budget_lines)
    doc.figures = mark_captured(find_figures(source.page_texts, tables), doc.budget_lines, doc.indicators,
                                doc.table_figures)
    doc.flags = check_document(doc.budget_lines, doc.indicators, source.page_texts)
    doc.extra["table_notes"] = [f"table {t.table_no}: {n}" for t in tables for n in t.notes]
    doc.extra["pages_needing_ocr"] = list(source.pages_needing_ocr)
    from extractors.ocr.flags import check_low_confidence, drop_impossible

    doc.flags += drop_impossible(doc.budget_lines)  # OCR'd values no column can hold
    doc.flags += check_low_confidence(doc.budget_lines)  # OCR'd amounts Tesseract was unsure of

    reasons: list[str] = list(source.warnings)
    if source.pages_needing_ocr and source.n_pages and len(source.pages_needing_ocr) >= source.n_pages:
        doc.status = "needs_ocr"
        why = next((w for w in source.warnings if "OCR" in w), "OCR needed")
        doc.error = f"all {source.n_pages} pages are images without a text layer; {why}"
        return
    if source.pages_needing_ocr:
        reasons.append("pages without text layer (need OCR): "
                       + ", ".join(str(p) for p in source.pages_needing_ocr))
    if not tables:
        reasons.append("no tables found")
    elif not doc.budget_lines and not doc.indicators:
        reasons.append("tables found but none with budget or indicator columns")
    missing = [name for name in ("region_name", "year") if getattr(doc.meta, name) in (None, "")]
    if missing:
        reasons.append("metadata not found in the document or manifest: " + ", ".join(missing))
    if reasons:
        doc.status = "partial"
        doc.error = "; ".join(reasons)
