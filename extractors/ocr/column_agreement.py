"""An unsure reading of a figure cell confirmed by its column, where the column prints one figure.

A 100-dpi `100%` in a `Fisik (%)` column is a garble to Tesseract (`MMI`, `NI`, `HMI`) and an
unsure `100%` to PP-OCR (54-67, under the vote's `SURE_ALONE` for one reading alone: LKIP.pdf
p102), while the column's other cells read `100%` clearly. One unsure reading alone is not
enough (PP-OCR reads `101%` for the same figure as unsurely), but one that reads what the
column prints in almost every cell is: the column agrees with it.

So a cell left without a figure (nothing read, or a garble) takes a reading that is the
figure `MIN_SAME` cells of its column at least, and `SAME_SHARE` of its figure cells, were
decided as. Only the column's one figure is taken, never a figure near it: `101%` stays
unread rather than be made `100%`.
"""

from __future__ import annotations

from collections import Counter

from extractors.ocr.vote import cleanly_read, figure_key, garbled

Cell = tuple[int, int]  # (row, column) of a grid's OCR'd rows

MIN_SAME = 3  # cells of the column decided as one figure
SAME_SHARE = 0.8  # ... and their share of the column's figure cells


def _column_figure(cells: list[str]) -> str | None:
    """The figure (its `figure_key`) a column prints in almost every figure cell, as decided."""
    figures = [c for c in cells if not garbled(c) and any(ch.isdigit() for ch in c)]
    clean = Counter(figure_key(c) for c in figures if cleanly_read(c.strip()))
    if not clean:
        return None
    key, count = clean.most_common(1)[0]
    return key if count >= MIN_SAME and count >= SAME_SHARE * len(figures) else None


def choose_by_column(rows: list[list[str]], readings: dict[Cell, list[str]]) -> dict[Cell, str]:
    """The cells left without a figure whose readings include the one figure their column
    prints, and the reading each takes. `rows`: the cells as decided and repaired;
    `readings`: the readings OCR made of each figure cell (texts as read)."""
    chosen: dict[Cell, str] = {}
    figures: dict[int, str | None] = {}
    for (i, j), texts in sorted(readings.items()):
        if j >= len(rows[i]) or not garbled(rows[i][j]):
            continue
        if j not in figures:
            figures[j] = _column_figure([r[j] if j < len(r) else "" for r in rows])
        if figures[j] is None:
            continue
        same = next((t.strip() for t in texts if figure_key(t) == figures[j]), None)
        if same is not None:
            chosen[(i, j)] = same
    return chosen
