"""Analyst tools over a loaded warehouse: the HTML report and exports.

In: a warehouse (read-only). Out: `lkjip report` (one self-contained HTML file: `report_data`
reads, `report_charts` draws, `templates/` lays out) and `lkjip export` (Parquet, CSV, XLSX).
"""
