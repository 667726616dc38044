"""Cross-document checks after a load: rebuild the lines of every document that shares a
region and year with a newly loaded one, and re-run `check_across_documents` for each, so that
both sides of a PK-vs-LKjIP pair carry their flag and a replaced document's old flags go."""

from __future__ import annotations

from decimal import Decimal

from pipeline.checks import DocLines, check_across_documents
from pipeline.warehouse.store import Writer
from schemas.model import BudgetLine

_LINE_COLUMNS = ("line_id", "table_no", "row_no", "page", "level", "code", "name", "pagu_murni",
                 "pagu_perubahan", "pagu", "realisasi")


def _doc_lines(con, doc_id: str, meta: tuple) -> DocLines:
    region_name, unit_name, year, doc_type = meta
    rows = con.execute(f"SELECT {', '.join(_LINE_COLUMNS)} FROM budget_lines WHERE doc_id = ? "
                       "ORDER BY table_no, row_no", [doc_id]).fetchall()
    lines, ids = [], {}
    for r in rows:
        rec = dict(zip(_LINE_COLUMNS, r))
        line = BudgetLine(table_no=rec["table_no"], row_no=rec["row_no"], level=rec["level"], name=rec["name"] or "",
                          page=rec["page"], code=rec["code"])
        for field in ("pagu_murni", "pagu_perubahan", "pagu", "realisasi"):
            value = rec[field]
            setattr(line, field, Decimal(value) if value is not None else None)
        lines.append(line)
        ids[(line.table_no, line.row_no)] = rec["line_id"]
    return DocLines(doc_id=doc_id, region_name=region_name, unit_name=unit_name, year=year,
                    doc_type=doc_type or "other", lines=lines, line_ids=ids)


def run_cross_document_checks(writer: Writer, new_doc_ids: list[str]) -> int:
    """Re-check every document in the (region, year) scopes touched by `new_doc_ids`."""
    if not new_doc_ids:
        return 0
    total = 0
    with writer.connection() as con:
        scopes = con.execute(
            "SELECT DISTINCT region_name, year FROM documents WHERE doc_id IN (SELECT unnest(?)) "
            "AND region_name IS NOT NULL AND year IS NOT NULL", [new_doc_ids]).fetchall()
        for region_name, year in scopes:
            metas = con.execute(
                "SELECT doc_id, region_name, unit_name, year, doc_type FROM documents "
                "WHERE region_name = ? AND year = ? AND status IN ('ok', 'partial')",
                [region_name, year]).fetchall()
            if len(metas) < 2:
                continue
            docs = [_doc_lines(con, m[0], m[1:]) for m in metas]
            for doc in docs:
                others = [d for d in docs if d.doc_id != doc.doc_id]
                flags = check_across_documents(doc, others)
                writer.replace_cross_document_flags(doc.doc_id, flags)
                total += len(flags)
    return total
