"""Bulk INSERTs for the single writer's bursts of loads.

DuckDB's `executemany` runs one prepared execution per row (about 1 ms a budget line here):
with one writer for the whole batch, loading would cost as much as extracting and cap the
speed-up of more workers. `BulkInsertConnection` wraps the writer's connection while the flow
loads a burst of documents and turns `executemany("INSERT INTO t VALUES (?, …)", rows)` into
one `INSERT INTO t SELECT * FROM <rows as a DataFrame>` — the same rows in the same column
order, ~10× cheaper than the row-by-row path (multi-row VALUES would be only ~2×).

Exactness: every column is an object column holding the Python values as they are, except
Decimals, which travel as fixed-point strings and are cast by DuckDB to the column's DECIMAL
type, so no amount ever passes through a float. Anything else passes through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

_PLAIN_INSERT = re.compile(r"\s*(INSERT\s+INTO\s+\w+(?:\s*\([^)]*\))?)\s+VALUES\s*(\(\s*\?(?:\s*,\s*\?)*\s*\))\s*",
                           re.IGNORECASE)


# Below this many rows DuckDB's row-by-row path costs less than importing pandas (~0.3 s, which
# an ingest of one or a few documents would otherwise pay for a handful of rows).
BULK_MIN_ROWS = 200


def _cell(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) else value


class BulkInsertConnection:
    """A DuckDB connection whose `executemany` of plain placeholder INSERTs is one bulk insert."""

    def __init__(self, con) -> None:
        self._con = con

    def executemany(self, sql: str, rows: Iterable[Sequence]):
        m = _PLAIN_INSERT.fullmatch(sql)
        rows = list(rows)
        if m is None or len(rows) < BULK_MIN_ROWS:
            return self._con.executemany(sql, rows)
        import pandas as pd

        width = m.group(2).count("?")
        frame = pd.DataFrame([[_cell(v) for v in row] for row in rows], columns=[f"c{i}" for i in range(width)],
                             dtype=object)
        self._con.register("lkjip_bulk_rows", frame)
        try:
            self._con.execute(f"{m.group(1)} SELECT * FROM lkjip_bulk_rows")
        finally:
            self._con.unregister("lkjip_bulk_rows")
        return self

    def __getattr__(self, name: str):
        return getattr(self._con, name)
