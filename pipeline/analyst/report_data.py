"""What the HTML report shows, read from the warehouse in one pass (no HTML here).

Everything is bounded so the report stays readable and small with one document or a thousand:
charts for the `top_regions` region-years with the largest budgets (top units inside each),
lists of flags and problem documents cut at `max_rows` with the number left out. Budgets come
from the views, so nothing counts a parent and its children twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb

Row = dict[str, object]
SEVERITY_ORDER = "CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"


@dataclass
class RegionSection:
    """One region and year: its units' budgets and their serapan per triwulan."""

    region_name: str | None
    year: int | None
    region_code: str | None
    units: list[Row]  # one per unit: the document v_region_year counts for it
    serapan: list[Row]  # v_serapan_triwulan rows of the region-year


@dataclass
class ReportData:
    overview: Row
    statuses: list[Row]
    region_years: list[Row]  # cross-region comparison, largest pagu first
    sections: list[RegionSection]
    sections_left_out: int
    achievement: list[Row]  # per region-year: achieved / not_achieved / unknown
    flag_counts: list[Row]  # per rule and severity
    flags: list[Row]
    flags_left_out: int
    problem_documents: list[Row]
    problems_left_out: int
    disagreements: list[Row]  # lines printed in two documents with different budgets
    pages_to_check: list[Row]  # pages printing the most money figures that did not reach the warehouse
    generated_from: str = ""
    notes: list[str] = field(default_factory=list)


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[Row]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _overview(con: duckdb.DuckDBPyConnection) -> Row:
    return rows(con, """
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(DISTINCT region_name) FROM documents) AS regions,
               (SELECT count(DISTINCT coalesce(region_name, '') || '|' || coalesce(unit_name, doc_id)) FROM documents) AS units,
               (SELECT min(year) FROM documents) AS first_year, (SELECT max(year) FROM documents) AS last_year,
               (SELECT count(*) FROM budget_lines) AS budget_lines,
               (SELECT count(*) FROM indicators) AS indicators,
               (SELECT count(*) FROM flags) AS flags,
               (SELECT count(*) FROM flags WHERE severity = 'error') AS errors""")[0]


_UNITS = """
    WITH per_unit AS (
        SELECT s.*, row_number() OVER (
            PARTITION BY s.region_name, s.year, coalesce(s.unit_name, s.doc_id)
            ORDER BY (s.realisasi IS NOT NULL) DESC, s.pagu DESC NULLS LAST) AS rk
        FROM v_budget_summary s
    ), docs AS (
        SELECT region_name, year, coalesce(unit_name, doc_id) AS unit_key, count(*) AS documents
        FROM documents GROUP BY ALL
    ), fl AS (
        SELECT doc_id, count(*) AS flags, count(*) FILTER (WHERE severity = 'error') AS errors
        FROM flags GROUP BY doc_id
    )
    SELECT u.region_name, u.year, u.unit_name, u.doc_type, u.doc_id, u.pagu, u.realisasi, u.serapan_pct,
           d.source_path, d.file_type, docs.documents, coalesce(fl.flags, 0) AS flags, coalesce(fl.errors, 0) AS errors
    FROM per_unit u JOIN documents d USING (doc_id)
    LEFT JOIN docs ON docs.region_name IS NOT DISTINCT FROM u.region_name AND docs.year IS NOT DISTINCT FROM u.year
                  AND docs.unit_key = coalesce(u.unit_name, u.doc_id)
    LEFT JOIN fl ON fl.doc_id = u.doc_id
    WHERE u.rk = 1 AND u.region_name IS NOT DISTINCT FROM ? AND u.year IS NOT DISTINCT FROM ?
    ORDER BY u.pagu DESC NULLS LAST, u.unit_name
"""


def _region_years(con: duckdb.DuckDBPyConnection) -> list[Row]:
    return rows(con, """
        WITH codes AS (
            SELECT region_name, year, any_value(region_code) AS region_code,
                   count(DISTINCT coalesce(unit_name, doc_id)) AS units
            FROM documents GROUP BY ALL
        ), ach AS (
            SELECT region_name, year, count(*) FILTER (WHERE status = 'achieved') AS achieved,
                   count(*) FILTER (WHERE status <> 'unknown') AS with_capaian
            FROM v_indicator_achievement GROUP BY ALL
        ), errs AS (
            SELECT d.region_name, d.year, count(*) AS errors
            FROM flags f JOIN documents d USING (doc_id) WHERE f.severity = 'error' GROUP BY ALL
        )
        SELECT r.region_name, c.region_code, r.year, r.documents, c.units, r.pagu, r.realisasi, r.serapan_pct,
               coalesce(a.achieved, 0) AS achieved, coalesce(a.with_capaian, 0) AS with_capaian,
               r.flags, coalesce(e.errors, 0) AS errors
        FROM v_region_year r
        LEFT JOIN codes c ON c.region_name IS NOT DISTINCT FROM r.region_name AND c.year IS NOT DISTINCT FROM r.year
        LEFT JOIN ach a ON a.region_name IS NOT DISTINCT FROM r.region_name AND a.year IS NOT DISTINCT FROM r.year
        LEFT JOIN errs e ON e.region_name IS NOT DISTINCT FROM r.region_name AND e.year IS NOT DISTINCT FROM r.year
        ORDER BY r.pagu DESC NULLS LAST, r.documents DESC, r.region_name NULLS LAST, r.year""")


def _sections(con: duckdb.DuckDBPyConnection, region_years: list[Row], top: int) -> list[RegionSection]:
    sections = []
    for ry in region_years[:top]:
        key = [ry["region_name"], ry["year"]]
        serapan = rows(con, """
            SELECT * FROM v_serapan_triwulan
            WHERE region_name IS NOT DISTINCT FROM ? AND year IS NOT DISTINCT FROM ?
            ORDER BY pagu DESC NULLS LAST, unit_name, doc_id, triwulan""", key)
        sections.append(RegionSection(ry["region_name"], ry["year"], ry["region_code"],
                                      rows(con, _UNITS, key), serapan))
    return sections


def _achievement(con: duckdb.DuckDBPyConnection) -> list[Row]:
    return rows(con, """
        SELECT region_name, year, count(*) AS indicators,
               count(*) FILTER (WHERE status = 'achieved') AS achieved,
               count(*) FILTER (WHERE status = 'not_achieved') AS not_achieved,
               count(*) FILTER (WHERE status = 'unknown') AS unknown
        FROM v_indicator_achievement GROUP BY ALL
        ORDER BY count(*) FILTER (WHERE status <> 'unknown') DESC, indicators DESC, region_name NULLS LAST, year""")


def _flags(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[list[Row], int]:
    total = con.execute("SELECT count(*) FROM flags").fetchone()[0]
    listed = rows(con, f"""
        SELECT f.severity, f.rule, f.message, coalesce(f.page, b.page, i.page) AS page,
               coalesce(b.source_line, i.source_line) AS source_line, f.doc_id,
               d.source_path, d.file_type, d.region_name, d.unit_name, d.year
        FROM flags f JOIN documents d USING (doc_id)
        LEFT JOIN budget_lines b ON b.line_id = f.line_id
        LEFT JOIN indicators i ON i.indicator_id = f.indicator_id
        ORDER BY {SEVERITY_ORDER}, d.source_path, page NULLS LAST, source_line NULLS LAST, f.flag_id
        LIMIT ?""", [limit])
    return listed, total - len(listed)


def _problem_documents(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[list[Row], int]:
    where = "WHERE status <> 'ok'"
    total = con.execute(f"SELECT count(*) FROM documents {where}").fetchone()[0]
    listed = rows(con, f"""
        SELECT status, error, source_path, file_type, n_pages, region_name, unit_name, year, doc_id
        FROM documents {where}
        ORDER BY CASE status WHEN 'failed' THEN 0 WHEN 'needs_ocr' THEN 1 WHEN 'unsupported' THEN 2 ELSE 3 END,
                 source_path
        LIMIT ?""", [limit])
    return listed, total - len(listed)


def _disagreements(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    return rows(con, """
        SELECT v.*, da.source_path AS source_path_a, da.file_type AS file_type_a,
               db.source_path AS source_path_b, db.file_type AS file_type_b
        FROM v_line_across_documents v
        JOIN documents da ON da.doc_id = v.doc_id_a JOIN documents db ON db.doc_id = v.doc_id_b
        WHERE NOT v.pagu_agree OR abs(coalesce(v.realisasi_diff, 0)) > 1
        ORDER BY greatest(abs(coalesce(v.pagu_diff, 0)), abs(coalesce(v.realisasi_diff, 0))) DESC, v.name_a
        LIMIT ?""", [limit])


def _pages_to_check(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """Figure coverage by page: where uncaptured money figures gather, most first, with the
    document's own coverage and one example line."""
    return rows(con, """
        SELECT u.source_path, d.file_type, u.page, count(*) AS uncaptured, any_value(u.context) AS example,
               c.figures_printed, c.figures_captured, c.coverage
        FROM v_uncaptured_figures u JOIN documents d USING (doc_id) JOIN v_figure_coverage c USING (doc_id)
        WHERE u.kind = 'money'
        GROUP BY u.source_path, d.file_type, u.page, c.figures_printed, c.figures_captured, c.coverage
        ORDER BY uncaptured DESC, u.source_path, u.page
        LIMIT ?""", [limit])


def collect(con: duckdb.DuckDBPyConnection, top_regions: int = 12, max_rows: int = 300) -> ReportData:
    """Everything the report shows, from an (analyst, read-only) connection."""
    region_years = _region_years(con)
    flags, flags_left = _flags(con, max_rows)
    problems, problems_left = _problem_documents(con, max_rows)
    return ReportData(
        overview=_overview(con),
        statuses=rows(con, "SELECT status, count(*) AS n FROM documents GROUP BY status ORDER BY n DESC, status"),
        region_years=region_years,
        sections=_sections(con, region_years, top_regions),
        sections_left_out=max(0, len(region_years) - top_regions),
        achievement=_achievement(con),
        flag_counts=rows(con, f"""SELECT f.rule, f.severity, count(*) AS n FROM flags f
                                  GROUP BY f.rule, f.severity ORDER BY {SEVERITY_ORDER}, n DESC, f.rule"""),
        flags=flags, flags_left_out=flags_left,
        problem_documents=problems, problems_left_out=problems_left,
        disagreements=_disagreements(con, 50),
        pages_to_check=_pages_to_check(con, 50),
    )


def as_float(value: object) -> float | None:
    """Decimal → float for charts (the tables print the exact figures)."""
    if not isinstance(value, (Decimal, int, float)) or isinstance(value, bool):
        return None
    f = float(value)
    return f if math.isfinite(f) else None
