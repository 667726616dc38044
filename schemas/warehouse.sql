-- The analyst contract (../shared/SCHEMA.md, docs/SCHEMA.md). Add freely; never rename or drop
-- without a migration and a changelog entry in the README.
CREATE TABLE IF NOT EXISTS documents (
    doc_id            VARCHAR PRIMARY KEY,   -- sha256 of the file's bytes, hex
    source_path       VARCHAR,
    file_type         VARCHAR,
    doc_type          VARCHAR,
    region_type       VARCHAR,
    region_name       VARCHAR,
    region_code       VARCHAR,
    unit_name         VARCHAR,
    year              INTEGER,
    n_pages           INTEGER,
    status            VARCHAR,
    error             VARCHAR,
    ingested_at       TIMESTAMP,
    -- additions beyond the contract
    extractor_version VARCHAR,
    n_tables          INTEGER,
    seconds           DOUBLE,
    meta_sources      JSON,
    other_paths       JSON                   -- the same bytes found under other names
);

CREATE TABLE IF NOT EXISTS budget_lines (
    line_id        VARCHAR PRIMARY KEY,
    doc_id         VARCHAR,
    table_no       INTEGER,
    row_no         INTEGER,
    page           INTEGER,
    source_line    INTEGER,
    level          VARCHAR,
    code           VARCHAR,
    name           VARCHAR,
    indicator      VARCHAR,
    parent_line_id VARCHAR,
    pagu_murni     DECIMAL(20,2),
    pagu_perubahan DECIMAL(20,2),
    pagu           DECIMAL(20,2),
    realisasi      DECIMAL(20,2),
    realisasi_pct  DECIMAL(9,4),
    tw1_rp         DECIMAL(20,2),
    tw2_rp         DECIMAL(20,2),
    tw3_rp         DECIMAL(20,2),
    tw4_rp         DECIMAL(20,2),
    tw_cumulative  BOOLEAN,
    raw_cells      JSON
);

CREATE TABLE IF NOT EXISTS indicators (
    indicator_id    VARCHAR PRIMARY KEY,
    doc_id          VARCHAR,
    table_no        INTEGER,
    row_no          INTEGER,
    page            INTEGER,
    source_line     INTEGER,
    sasaran         VARCHAR,
    context         VARCHAR,
    indikator       VARCHAR,
    satuan          VARCHAR,
    target_text     VARCHAR,
    target_value    DOUBLE,
    realisasi_text  VARCHAR,
    realisasi_value DOUBLE,
    capaian_text    VARCHAR,
    capaian_pct     DOUBLE,
    tw1_text        VARCHAR,
    tw2_text        VARCHAR,
    tw3_text        VARCHAR,
    tw4_text        VARCHAR,
    tw1_value       DOUBLE,
    tw2_value       DOUBLE,
    tw3_value       DOUBLE,
    tw4_value       DOUBLE,
    raw_cells       JSON
);

CREATE TABLE IF NOT EXISTS flags (
    flag_id       VARCHAR PRIMARY KEY,
    rule          VARCHAR,
    severity      VARCHAR,
    doc_id        VARCHAR,
    line_id       VARCHAR,
    indicator_id  VARCHAR,
    other_doc_id  VARCHAR,
    other_line_id VARCHAR,
    expected      DECIMAL(20,4),
    actual        DECIMAL(20,4),
    message       VARCHAR,
    -- additions
    page          INTEGER,
    scope         VARCHAR   -- 'document' (found within it) or 'cross_document' (found at load)
);

-- One budget figure per document without counting a parent and its children twice:
-- per table, its `total` row where printed, else the sum of its root lines (no parent);
-- per document, the table that reports realisasi (then the largest pagu).
CREATE OR REPLACE VIEW v_table_totals AS
WITH per_table AS (
    SELECT doc_id, table_no,
           bool_or(level = 'total') AS has_total,
           sum(pagu) FILTER (WHERE level = 'total') AS total_pagu,
           sum(realisasi) FILTER (WHERE level = 'total') AS total_realisasi,
           sum(pagu) FILTER (WHERE parent_line_id IS NULL AND level NOT IN ('total', 'other')) AS root_pagu,
           sum(realisasi) FILTER (WHERE parent_line_id IS NULL AND level NOT IN ('total', 'other')) AS root_realisasi
    FROM budget_lines GROUP BY doc_id, table_no
)
SELECT doc_id, table_no,
       CASE WHEN has_total AND total_pagu IS NOT NULL THEN total_pagu ELSE root_pagu END AS pagu,
       CASE WHEN has_total AND total_realisasi IS NOT NULL THEN total_realisasi ELSE root_realisasi END AS realisasi
FROM per_table;

CREATE OR REPLACE VIEW v_budget_summary AS
WITH ranked AS (
    SELECT t.*, row_number() OVER (
        PARTITION BY t.doc_id ORDER BY (t.realisasi IS NOT NULL) DESC, t.pagu DESC NULLS LAST, t.table_no
    ) AS rk
    FROM v_table_totals t
)
SELECT d.region_name, d.year, d.unit_name, d.doc_type, d.doc_id, r.table_no,
       r.pagu, r.realisasi,
       CASE WHEN r.pagu > 0 THEN round(r.realisasi / r.pagu * 100, 2) END AS serapan_pct
FROM documents d JOIN ranked r ON r.doc_id = d.doc_id AND r.rk = 1;

-- Cross-region comparison: per region and year, each unit counted once (its document with
-- realisasi and the largest pagu), so a PK and an LKjIP of one unit do not add up twice.
CREATE OR REPLACE VIEW v_region_year AS
WITH per_unit AS (
    SELECT *, row_number() OVER (
        PARTITION BY region_name, year, coalesce(unit_name, doc_id)
        ORDER BY (realisasi IS NOT NULL) DESC, pagu DESC NULLS LAST
    ) AS rk
    FROM v_budget_summary
), docs AS (
    SELECT region_name, year, count(*) AS documents FROM documents GROUP BY ALL
), fl AS (
    SELECT d.region_name, d.year, count(*) AS flags
    FROM flags f JOIN documents d USING (doc_id) GROUP BY ALL
)
SELECT docs.region_name, docs.year, docs.documents,
       sum(u.pagu) AS pagu, sum(u.realisasi) AS realisasi,
       CASE WHEN sum(u.pagu) > 0 THEN round(sum(u.realisasi) / sum(u.pagu) * 100, 2) END AS serapan_pct,
       coalesce(any_value(fl.flags), 0) AS flags
FROM docs
LEFT JOIN per_unit u ON u.rk = 1 AND u.region_name IS NOT DISTINCT FROM docs.region_name
                     AND u.year IS NOT DISTINCT FROM docs.year
LEFT JOIN fl ON fl.region_name IS NOT DISTINCT FROM docs.region_name AND fl.year IS NOT DISTINCT FROM docs.year
GROUP BY docs.region_name, docs.year, docs.documents;
