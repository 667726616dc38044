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
-- Figure coverage (pipeline/quality/coverage.py): money-sized figures the document prints, and
-- how many of them reached budget_lines or indicators. Added in 0.5.0: older warehouses get them.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS figures_printed INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS figures_captured INTEGER;
-- Of figures_captured, those held only by table_figures (no amount column or indicator). 0.6.0.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS figures_in_tables INTEGER;

-- Numbers printed in tables that no budget line or indicator row holds (a revenue target, a
-- PDRB series by year, populations), with their row's label and column's header path. 0.6.0.
CREATE TABLE IF NOT EXISTS table_figures (
    doc_id       VARCHAR,
    table_no     INTEGER,
    row_no       INTEGER,
    page         INTEGER,
    source_line  INTEGER,
    row_label    VARCHAR,                -- the row's name as printed
    column_label VARCHAR,                -- the column's header path (`Tahun (ribu) / 2014`)
    figure_text  VARCHAR,                -- the cell as printed
    value        DECIMAL(24,4),          -- as printed
    scale        BIGINT,                 -- 1000 / 1000000 / ... where the header says ribu / juta / miliar
    unit         VARCHAR                 -- `%` or the unit printed in the cell
);

-- The figures that did not reach the warehouse: where a person should look.
CREATE TABLE IF NOT EXISTS uncaptured_figures (
    doc_id      VARCHAR,
    page        INTEGER,
    figure_text VARCHAR,                 -- as printed (`2.636.500.000,-`)
    value       DECIMAL(20,2),
    kind        VARCHAR,                 -- 'money'; 'count' (a unit says it counts things: ton, jiwa); 'plan' (a Renstra year)
    context     VARCHAR                  -- the printed line, at most 200 characters
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

-- 'table', or 'prose': a budget stated in a sentence (`Kegiatan X … anggaran sebesar Rp …`). Added in 0.5.0.
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS source VARCHAR;

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
-- An IKU table's definition of the indicator (`Penjelasan / Formulasi`, `Sumber Data`). 0.6.0.
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS formulasi VARCHAR;
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS sumber_data VARCHAR;

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

-- Which amounts add up to a table's figure without counting a parent and its children twice.
-- One row per line and amount it prints (measure: pagu, realisasi, tw1_rp … tw4_rp); `counted`
-- says whether it enters the table's figure for that measure:
--   * the table's total row when it prints the measure — the only one, or the grand total when
--     the largest total row is the sum of the others (subtotals + grand total);
--   * otherwise the topmost lines that print the measure: a line counts unless an ancestor
--     (program ← kegiatan ← sub kegiatan) prints a non-zero amount for the same measure. A
--     program row left empty does not hide the amounts of its kegiatan rows.
-- Rows of level `other` (indicator rows, unreadable rows) never count.
CREATE OR REPLACE VIEW v_line_amounts AS
WITH RECURSIVE ancestors(line_id, ancestor_id) AS (
    SELECT line_id, parent_line_id FROM budget_lines WHERE parent_line_id IS NOT NULL
    UNION  -- UNION, not UNION ALL: a parent cycle in bad data ends instead of looping
    SELECT a.line_id, p.parent_line_id
    FROM ancestors a JOIN budget_lines p ON p.line_id = a.ancestor_id
    WHERE p.parent_line_id IS NOT NULL
), amounts AS (
    UNPIVOT (SELECT line_id, doc_id, table_no, row_no, coalesce(level, 'other') AS level,
                    pagu, realisasi, tw1_rp, tw2_rp, tw3_rp, tw4_rp FROM budget_lines)
    ON pagu, realisasi, tw1_rp, tw2_rp, tw3_rp, tw4_rp INTO NAME measure VALUE amount
), blocked AS (
    SELECT DISTINCT a.line_id, m.measure
    FROM ancestors a JOIN amounts m ON m.line_id = a.ancestor_id
    WHERE m.level NOT IN ('total', 'other') AND m.amount <> 0
), totals AS (
    SELECT doc_id, table_no, measure, count(*) AS n, max(amount) AS top, sum(amount) AS all_totals
    FROM amounts WHERE level = 'total' GROUP BY ALL
), ranked AS (
    SELECT m.*, t.n IS NOT NULL AND (t.n = 1 OR abs(t.top - (t.all_totals - t.top)) <= 1) AS use_total,
           row_number() OVER (PARTITION BY m.doc_id, m.table_no, m.measure, m.level = 'total'
                              ORDER BY m.amount DESC, m.row_no) AS total_rank,
           b.line_id IS NOT NULL AS is_blocked
    FROM amounts m
    LEFT JOIN totals t USING (doc_id, table_no, measure)
    LEFT JOIN blocked b USING (line_id, measure)
)
SELECT line_id, doc_id, table_no, row_no, level, measure, amount,
       CASE WHEN use_total THEN level = 'total' AND total_rank = 1
            ELSE level NOT IN ('total', 'other') AND NOT is_blocked END AS counted
FROM ranked;

-- One budget figure per document without counting a parent and its children twice:
-- per table, the counted amounts of v_line_amounts (its total row where printed, else the
-- topmost lines printing an amount); per document, the table that reports realisasi (then the
-- largest pagu).
CREATE OR REPLACE VIEW v_table_totals AS
WITH tables AS (
    SELECT doc_id, table_no, bool_or(source = 'prose') AS prose FROM budget_lines GROUP BY doc_id, table_no
), sums AS (
    SELECT doc_id, table_no,
           sum(amount) FILTER (WHERE measure = 'pagu') AS pagu,
           sum(amount) FILTER (WHERE measure = 'realisasi') AS realisasi
    FROM v_line_amounts WHERE counted GROUP BY doc_id, table_no
)
SELECT t.doc_id, t.table_no, s.pagu, s.realisasi, coalesce(t.prose, false) AS prose
FROM tables t LEFT JOIN sums s USING (doc_id, table_no);

CREATE OR REPLACE VIEW v_budget_summary AS
WITH ranked AS (
    SELECT t.*, row_number() OVER (
        -- a table of the document before budgets stated in its prose, which often repeat a part of it
        PARTITION BY t.doc_id ORDER BY t.prose, (t.realisasi IS NOT NULL) DESC, t.pagu DESC NULLS LAST, t.table_no
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

-- ================================================================== analyst additions
-- Region lists (`lkjip regions load FILE.csv`, pipeline/warehouse/regions.py): the official Kemendagri
-- codes, and the canonical name each entry is matched under (`KOTA JAMBI`, `PROVINSI JAWA BARAT`).
CREATE TABLE IF NOT EXISTS regions (
    kode           VARCHAR PRIMARY KEY,   -- `15` province, `15.71` kabupaten/kota
    nama           VARCHAR,               -- as printed in the list
    region_type    VARCHAR,               -- provinsi, kabupaten, kota
    canonical_name VARCHAR,               -- as documents.region_name writes it
    province_kode  VARCHAR,
    source         VARCHAR,               -- the file it was loaded from
    loaded_at      TIMESTAMP
);

-- Matching keys, the SQL twins of pipeline.checks.common.normalise_name / structured_code
-- (tests/test_views.py keeps them in step): lines printed in two documents match by their
-- nomenclature code when both print one, else by normalised name.
CREATE OR REPLACE MACRO lkjip_name_key(s) AS trim(regexp_replace(
    regexp_replace(
        regexp_replace(lower(nfc_normalize(s)),
                       '^\s*(?:(?:\d+|[a-z])[.)]\s*)+(?:\d+\s+)?|^\s*\d+(?:\.\d+)+\s+', ''),
        '^\s*(?:sub[\s\-]*kegiatan|kegiatan|program)\b[\s:.\-]*', ''),
    '[^0-9a-z]+', ' ', 'g'));

CREATE OR REPLACE MACRO lkjip_code_key(code) AS (
    WITH c AS (SELECT trim(upper(regexp_replace(code, '\s+', '', 'g')), '.') AS v)
    SELECT CASE WHEN regexp_full_match(v, '[0-9A-Z]+(\.[0-9A-Z]+){2,}')
                 AND regexp_matches(v, '(^|\.)(0[0-9A-Z]+|[0-9A-Z]{3,}|[0-9A-Z]*X[0-9A-Z]*)(\.|$)')
           THEN v END FROM c);

-- Serapan per triwulan by region, unit and quarter. Per document, the table printing the most
-- quarters (then the largest pagu), its amounts counted as in v_line_amounts; per region + year +
-- unit, the document reporting the latest quarter (a TW IV form over a TW II form of the same unit).
-- Quarters are cumulative or per quarter as the table's lines say (budget_lines.tw_cumulative):
-- realisasi_triwulan is spending within the quarter, realisasi_kumulatif up to its end, serapan_pct
-- = realisasi_kumulatif / pagu. TW I reads the same either way; later quarters of a table whose
-- mode is unknown keep only realisasi_printed. In a cumulative table, zeros after the last
-- reported quarter (`-` for quarters not reported yet) are not quarters.
CREATE OR REPLACE VIEW v_serapan_triwulan AS
WITH per_table AS (
    SELECT doc_id, table_no,
           sum(amount) FILTER (WHERE measure = 'pagu') AS pagu,
           sum(amount) FILTER (WHERE measure = 'tw1_rp') AS tw1,
           sum(amount) FILTER (WHERE measure = 'tw2_rp') AS tw2,
           sum(amount) FILTER (WHERE measure = 'tw3_rp') AS tw3,
           sum(amount) FILTER (WHERE measure = 'tw4_rp') AS tw4
    FROM v_line_amounts WHERE counted GROUP BY doc_id, table_no
), modes AS (
    SELECT doc_id, table_no,
           CASE WHEN count(DISTINCT tw_cumulative) = 1 THEN any_value(tw_cumulative) END AS tw_cumulative
    FROM budget_lines GROUP BY doc_id, table_no
), quarters AS (
    SELECT p.doc_id, p.table_no, p.pagu, m.tw_cumulative, q.triwulan,
           CASE q.triwulan WHEN 1 THEN p.tw1 WHEN 2 THEN p.tw2 WHEN 3 THEN p.tw3 ELSE p.tw4 END AS printed
    FROM per_table p JOIN modes m USING (doc_id, table_no)
    CROSS JOIN (SELECT unnest([1, 2, 3, 4]) AS triwulan) q
), reported AS (
    SELECT *,
           max(triwulan) FILTER (WHERE printed IS NOT NULL AND (printed <> 0 OR tw_cumulative IS NOT TRUE))
               OVER (PARTITION BY doc_id, table_no) AS last_quarter
    FROM quarters
), per_doc AS (
    SELECT r.*, count(printed) FILTER (WHERE triwulan <= last_quarter)
               OVER (PARTITION BY doc_id, table_no) AS n_quarters
    FROM reported r
), best_table AS (
    SELECT * FROM per_doc WHERE last_quarter IS NOT NULL
    QUALIFY dense_rank() OVER (PARTITION BY doc_id
                               ORDER BY n_quarters DESC, pagu DESC NULLS LAST, table_no) = 1
), with_doc AS (
    SELECT d.region_name, d.region_code, d.year, d.unit_name, d.doc_type, b.*
    FROM best_table b JOIN documents d USING (doc_id)
), best_doc AS (
    SELECT * FROM with_doc
    QUALIFY dense_rank() OVER (PARTITION BY region_name, year, coalesce(unit_name, doc_id)
                               ORDER BY last_quarter DESC, n_quarters DESC, pagu DESC NULLS LAST, doc_id) = 1
), series AS (
    SELECT *,
           lag(printed) OVER w AS previous,
           sum(printed) OVER w AS running,
           count(printed) OVER w AS running_n
    FROM best_doc WHERE triwulan <= last_quarter
    WINDOW w AS (PARTITION BY doc_id ORDER BY triwulan ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), amounts AS (
    SELECT *,
           CASE WHEN triwulan = 1 THEN printed
                WHEN tw_cumulative THEN printed - previous
                WHEN NOT tw_cumulative THEN printed END AS realisasi_triwulan,
           CASE WHEN triwulan = 1 THEN printed
                WHEN tw_cumulative THEN printed
                WHEN NOT tw_cumulative AND running_n = triwulan THEN running END AS realisasi_kumulatif
    FROM series WHERE printed IS NOT NULL
)
SELECT region_name, region_code, year, unit_name, doc_type, doc_id, table_no, triwulan, tw_cumulative,
       pagu, printed AS realisasi_printed, realisasi_triwulan, realisasi_kumulatif,
       CASE WHEN pagu > 0 THEN round(realisasi_kumulatif / pagu * 100, 2) END AS serapan_pct
FROM amounts;

-- Indicators achieved or not: one row per indicator with its document's region, unit and year.
-- achieved = capaian ≥ 100 % as printed; NULL (status `unknown`) where no capaian is printed —
-- realisasi / target is not computed here, because for some indicators lower is better.
CREATE OR REPLACE VIEW v_indicator_achievement AS
SELECT d.region_name, d.region_code, d.year, d.unit_name, d.doc_type, i.doc_id, i.indicator_id,
       i.table_no, i.row_no, i.page, i.source_line, i.sasaran, i.indikator, i.satuan,
       i.target_text, i.realisasi_text, i.capaian_text, i.capaian_pct,
       i.capaian_pct >= 100 AS achieved,
       CASE WHEN i.capaian_pct IS NULL THEN 'unknown'
            WHEN i.capaian_pct >= 100 THEN 'achieved' ELSE 'not_achieved' END AS status
FROM indicators i JOIN documents d USING (doc_id);

-- A program / kegiatan / sub kegiatan printed in two documents of one region + unit + year (the
-- PK and the LKjIP, a TW II and a TW IV form), its amounts side by side: one row per pair of
-- documents, `_a` the earlier document type (pk, lkjip, pengukuran, realisasi_triwulan, other).
-- Lines match by nomenclature code when both print one, else by normalised name at the same
-- level (as the cross_document_mismatch check does, without its fuzzy matches). Per document,
-- one line per key: the one printing realisasi, then pagu, then the first. pagu_agree: some
-- budget of one (pagu, murni, perubahan) equals one of the other's within a rupiah.
CREATE OR REPLACE VIEW v_line_across_documents AS
WITH lines AS (
    SELECT b.line_id, b.doc_id, b.table_no, b.row_no, b.page, b.level, b.code, b.name,
           b.pagu, b.pagu_murni, b.pagu_perubahan, b.realisasi,
           d.doc_type, d.region_name, d.region_code, d.year, d.unit_name,
           CASE d.doc_type WHEN 'pk' THEN 1 WHEN 'lkjip' THEN 2 WHEN 'pengukuran' THEN 3
                           WHEN 'realisasi_triwulan' THEN 4 ELSE 5 END AS doc_rank,
           upper(trim(regexp_replace(d.region_name, '\s+', ' ', 'g'))) AS region_key,
           lkjip_name_key(d.unit_name) AS unit_key,
           lkjip_code_key(b.code) AS code_key,
           lkjip_name_key(coalesce(b.name, '')) AS name_key
    FROM budget_lines b JOIN documents d USING (doc_id)
    WHERE b.level IN ('program', 'kegiatan', 'sub_kegiatan')
      AND d.region_name IS NOT NULL AND d.unit_name IS NOT NULL AND d.year IS NOT NULL
      AND (b.pagu IS NOT NULL OR b.pagu_murni IS NOT NULL OR b.pagu_perubahan IS NOT NULL OR b.realisasi IS NOT NULL)
), one_per_doc AS (
    SELECT * FROM lines
    WHERE code_key IS NOT NULL OR name_key <> ''
    QUALIFY row_number() OVER (PARTITION BY doc_id, level, coalesce(code_key, name_key)
                               ORDER BY realisasi IS NOT NULL DESC, pagu IS NOT NULL DESC, table_no, row_no) = 1
), pairs AS (
    SELECT a.region_name, a.region_code, a.year, a.unit_name, a.level,
           CASE WHEN a.code_key = b.code_key THEN 'code' ELSE 'name' END AS matched_by,
           CASE WHEN a.code_key = b.code_key THEN a.code_key ELSE a.name_key END AS match_key,
           a.doc_id AS doc_id_a, a.doc_type AS doc_type_a, a.line_id AS line_id_a, a.page AS page_a,
           a.code AS code_a, a.name AS name_a, a.pagu AS pagu_a, a.realisasi AS realisasi_a,
           b.doc_id AS doc_id_b, b.doc_type AS doc_type_b, b.line_id AS line_id_b, b.page AS page_b,
           b.code AS code_b, b.name AS name_b, b.pagu AS pagu_b, b.realisasi AS realisasi_b,
           b.pagu - a.pagu AS pagu_diff, b.realisasi - a.realisasi AS realisasi_diff,
           CASE WHEN coalesce(a.pagu, a.pagu_murni, a.pagu_perubahan) IS NULL
                  OR coalesce(b.pagu, b.pagu_murni, b.pagu_perubahan) IS NULL THEN NULL
                ELSE coalesce(abs(a.pagu - b.pagu) <= 1 OR abs(a.pagu - b.pagu_murni) <= 1
                           OR abs(a.pagu - b.pagu_perubahan) <= 1 OR abs(a.pagu_murni - b.pagu) <= 1
                           OR abs(a.pagu_murni - b.pagu_murni) <= 1 OR abs(a.pagu_murni - b.pagu_perubahan) <= 1
                           OR abs(a.pagu_perubahan - b.pagu) <= 1 OR abs(a.pagu_perubahan - b.pagu_murni) <= 1
                           OR abs(a.pagu_perubahan - b.pagu_perubahan) <= 1, FALSE) END AS pagu_agree,
           a.table_no AS table_no_a, a.row_no AS row_no_a, b.table_no AS table_no_b, b.row_no AS row_no_b
    FROM one_per_doc a JOIN one_per_doc b
      ON a.region_key = b.region_key AND a.unit_key = b.unit_key AND a.year = b.year AND a.level = b.level
     AND (a.doc_rank < b.doc_rank OR (a.doc_rank = b.doc_rank AND a.doc_id < b.doc_id))
     AND (a.code_key = b.code_key
          OR (a.name_key = b.name_key AND a.name_key <> ''
              AND (a.code_key IS NULL OR b.code_key IS NULL OR a.code_key = b.code_key)))
), best_pairs AS (
    SELECT * FROM pairs
    QUALIFY row_number() OVER (PARTITION BY line_id_a, doc_id_b
                               ORDER BY matched_by = 'code' DESC, table_no_b, row_no_b) = 1
)
SELECT region_name, region_code, year, unit_name, level, matched_by, match_key,
       doc_id_a, doc_type_a, line_id_a, page_a, code_a, name_a, pagu_a, realisasi_a,
       doc_id_b, doc_type_b, line_id_b, page_b, code_b, name_b, pagu_b, realisasi_b,
       pagu_diff, realisasi_diff, pagu_agree
FROM best_pairs
QUALIFY row_number() OVER (PARTITION BY line_id_b, doc_id_a
                           ORDER BY matched_by = 'code' DESC, line_id_a) = 1;

-- Figure coverage per document: money figures printed, captured, and the share (NULL when the
-- document prints none), worst first; and the uncaptured figures by page, to check by hand.
CREATE OR REPLACE VIEW v_figure_coverage AS
SELECT doc_id, source_path, doc_type, region_name, unit_name, year, n_pages, status,
       figures_printed, figures_captured, figures_in_tables,
       round(figures_captured / nullif(figures_printed, 0), 4) AS coverage
FROM documents;

-- Table figures with their document, and the value in its header's scale (`Dalam Juta (Rp)`).
CREATE OR REPLACE VIEW v_table_figures AS
SELECT t.doc_id, d.source_path, d.region_name, d.unit_name, d.year, t.table_no, t.row_no, t.page,
       t.source_line, t.row_label, t.column_label, t.figure_text, t.value, t.scale,
       t.value * coalesce(t.scale, 1) AS value_scaled, t.unit
FROM table_figures t JOIN documents d USING (doc_id);

CREATE OR REPLACE VIEW v_uncaptured_figures AS
SELECT u.doc_id, d.source_path, u.page, u.kind, u.figure_text, u.value, u.context
FROM uncaptured_figures u JOIN documents d USING (doc_id);
