"""OCR'd grids: per-cell confidence and column-wise number repair.

The detectors build cells from words and keep each cell's box; the words' Tesseract
confidences are gathered back per cell here (the lowest of the cell's words: one badly read
group is enough to make an amount unreliable). They travel in `GridRow.cell_confidence` to
`raw_cells["ocr_confidence"]`, where the `low_confidence_amount` rule reads them.
"""

from __future__ import annotations

from extractors.pdf.ocr import OcrWord
from extractors.pdf.ocr_numbers import repair_column
from schemas.model import BBox, Grid


def _cell_confidence(box: BBox | None, words: list[OcrWord]) -> float | None:
    if box is None:
        return None
    x0, y0, x1, y1 = box
    confs = [w.conf for w in words if w.conf >= 0 and x0 - 0.5 <= w.xc <= x1 + 0.5 and y0 - 0.5 <= w.yc <= y1 + 0.5]
    return round(min(confs), 1) if confs else None


def finish_ocr_grids(grids: list[Grid], words_by_page: dict[int, list[OcrWord]]) -> None:
    """Set `cell_confidence` and repair numbers column by column, for rows on OCR'd pages."""
    for grid in grids:
        rows = [r for r in grid.rows if r.page in words_by_page]
        if not rows:
            continue
        for row in rows:
            words = words_by_page[row.page]
            boxes = row.cell_boxes or [None] * len(row.cells)
            row.cell_confidence = [_cell_confidence(boxes[j] if j < len(boxes) else None, words) if c.strip()
                                   else None for j, c in enumerate(row.cells)]
        width = max(len(r.cells) for r in rows)
        for j in range(width):
            column = [r.cells[j] if j < len(r.cells) else "" for r in rows]
            for r, new in zip(rows, repair_column(column)):
                if j < len(r.cells):
                    r.cells[j] = new
