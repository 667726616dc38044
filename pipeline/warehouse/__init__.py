"""Stage 6, load: the DuckDB warehouse (the contract of docs/SCHEMA.md).

In: `schemas.model.ExtractedDocument`. Out: rows in `documents`, `budget_lines`, `indicators`,
`flags`. `store` holds the schema, the single writer (one transaction per document) and the
read-only connections; `bulkload` the bulk INSERTs; `pending` the cross-document checks an
interrupted batch still owes; `crosscheck` re-runs them after a load; `regions` the
Kemendagri region list. Nothing outside this package opens DuckDB for writing.
"""
