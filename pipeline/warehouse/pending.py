"""Documents loaded but not yet cross-checked: a small intent log beside the warehouse.

Cross-document checks run once, at the end of a batch, over every region and year the batch
touched. A batch killed before that point has loaded documents that a rerun skips (same bytes,
same extractor), so without a record their cross-document flags would never be computed and
the resumed warehouse would differ from an uninterrupted one. The flow appends a doc_id here
*before* loading it and deletes the file once the checks are done; a rerun checks what it
finds here along with its own documents.
"""

from __future__ import annotations

from pathlib import Path


class PendingChecks:
    """`<warehouse>.pending`: one doc_id a line, appended before each load."""

    def __init__(self, warehouse: Path) -> None:
        self.path = warehouse.with_name(warehouse.name + ".pending")
        self._fh = None

    def read(self) -> list[str]:
        """doc_ids left by an interrupted run (a torn last line is ignored)."""
        if not self.path.exists():
            return []
        ids = [line.strip() for line in self.path.read_text(encoding="ascii", errors="ignore").splitlines()]
        return list(dict.fromkeys(i for i in ids if len(i) == 64))

    def add(self, doc_id: str) -> None:
        if self._fh is None:
            self._fh = open(self.path, "a", encoding="ascii")
        self._fh.write(doc_id + "\n")
        self._fh.flush()  # in the page cache: survives the death of this process

    def clear(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
