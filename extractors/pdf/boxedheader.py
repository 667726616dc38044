"""A header printed in a ruled box over a borderless body.

Scanned PKs often rule only their header row (`No | Sasaran Strategis | Indikator Kinerja |
Target`) and leave the body open, or the scan keeps only the header's box: the ruled detector
then takes the header as a table of its own, with no values, and the borderless detector reads
the body with whatever header words fell outside the box. Such a header-only ruled table,
sitting right above a borderless table it overlaps, gives its words to that table's header, each
cell to the body column under its centre.
"""

from __future__ import annotations

from extractors.pdf.aligned import AlignedTable
from extractors.pdf.cells import is_numeric
from extractors.pdf.ruled import RuledTable

MAX_HEADER_ROWS = 2
MAX_GAP_PT = 40.0  # from the box's bottom to the body table's top


def _header_only(table: RuledTable) -> bool:
    if not table.rows or len(table.rows) > MAX_HEADER_ROWS:
        return False
    cells = [c for row in table.rows for c in row if c.strip()]
    return len(cells) >= 2 and not any(is_numeric(c) for c in cells)


def _column_under(edges: list[float], x: float) -> int | None:
    for j in range(len(edges) - 1):
        if edges[j] <= x < edges[j + 1]:
            return j
    return None


def merge_boxed_headers(ruled: list[RuledTable], aligned: list[AlignedTable]) -> list[RuledTable]:
    """Move each header-only ruled table into the borderless table below it (its header rows
    gain the words); the ruled tables that remain tables of their own are returned."""
    kept: list[RuledTable] = []
    for box in ruled:
        target = None
        if _header_only(box):
            bx0, by0, bx1, by1 = box.bbox
            for t in aligned:
                tx0, ty0, tx1, _ = t.bbox
                overlap = min(bx1, tx1) - max(bx0, tx0)
                # the body starts under the box, or its header row runs through it (`No.` and
                # `Target` printed beside the box)
                if by0 - 2 <= ty0 <= by1 + MAX_GAP_PT and overlap >= 0.5 * min(bx1 - bx0, tx1 - tx0):
                    target = t
                    break
        if target is None:
            kept.append(box)
            continue
        _prepend_header(box, target)
    return kept


def _prepend_header(box: RuledTable, table: AlignedTable) -> None:
    """Each box row joins the table's header row printed at its height, or becomes a header
    row of its own above the others."""
    n = len(table.col_edges) - 1
    inserted = 0
    for r, row in enumerate(box.rows):
        texts = [""] * n
        for c, text in enumerate(row):
            if not text.strip():
                continue
            boxes = box.row_boxes[r] if r < len(box.row_boxes) else []
            cell_box = boxes[c] if c < len(boxes) and boxes[c] else None
            x = (cell_box[0] + cell_box[2]) / 2 if cell_box else (box.xs[c] + box.xs[c + 1]) / 2
            j = _column_under(table.col_edges, x)
            if j is None:
                j = 0 if x < table.col_edges[0] else n - 1
            texts[j] = f"{texts[j]} {text}".strip()
        y0, y1 = box.ys[r] if r < len(box.ys) else box.bbox[1], box.ys[r + 1] if r + 1 < len(box.ys) else box.bbox[3]
        beside = next((k for k in range(inserted, table.n_header + inserted)
                       if y0 - 2 <= table.row_tops[k] <= y1 + 2), None)
        if beside is not None:
            table.rows[beside] = [f"{a} {b}".strip() for a, b in zip(table.rows[beside], texts)]
            continue
        table.rows.insert(inserted, texts)
        table.row_tops.insert(inserted, y0)
        table.row_bold.insert(inserted, box.row_bold[r] if r < len(box.row_bold) else False)
        table.row_boxes.insert(inserted, [None] * n)
        inserted += 1
    table.n_header += inserted
