"""OCR'd grids: figures decided by the page's readings, per-cell confidence, and column-wise
number repair.

The detectors build cells from the first reading's words and keep each cell's box. Here, in
this order: each figure cell is re-decided by the vote of the page's smoothed re-readings
(`vote`), and each text cell word by word (`word_vote`), by the words the document reads often
(`document_words`) and by its words' neighbours (`phrase_respell`), and, once every page's
cells are read, by the document's other printings of the same name (`name_consensus`); the words'
Tesseract confidences are gathered back per cell (the lowest of the
cell's words in the reading that won: one badly read group is enough to make an amount
unreliable); numbers are repaired column by column (`numbers`), and a figure cell takes
another of its readings where the table's own arithmetic (a total, a row's percent) holds
only with that one (`arithmetic`), or, left empty, the one figure its column prints
(`column_agreement`). Confidences travel in
`GridRow.cell_confidence` to `raw_cells["ocr_confidence"]`, where the `low_confidence_amount`
rule reads them.
"""

from __future__ import annotations

from extractors.ocr.arithmetic import choose_by_arithmetic
from extractors.ocr.column_agreement import choose_by_column
from extractors.ocr.document_words import OFTEN, DocumentWords, read_often, respell_by_document
from extractors.ocr.engine import OcrWord
from extractors.ocr.lexicon import printed
from extractors.ocr.name_consensus import agree_all
from extractors.ocr.numbers import repair_column
from extractors.ocr.phrase_respell import respell_phrase
from extractors.ocr.vote import cell_readings, decide_cell, is_figure_cell, reread_text, words_in
from extractors.ocr.word_vote import vote_words
from extractors.pdf.cells import join_words
from schemas.model import BBox, Grid, GridRow


def _cell_confidence(box: BBox | None, words: list[OcrWord]) -> float | None:
    if box is None:
        return None
    confs = [w.conf for w in words_in(box, words) if w.conf >= 0]
    return round(min(confs), 1) if confs else None


def _word_voted(text: str, box: BBox | None, readings: list[list[OcrWord]]) -> str:
    """A text cell with its words decided one by one across all readings (`word_vote`): the
    reading that gave `text` is the base, every other one an alternative at each word."""
    if box is None or len(readings) < 2 or not text.strip() or is_figure_cell(text):
        return text
    insides = [words_in(box, r) for r in readings]
    base = next((ins for ins in insides if join_words(ins) == text), None)
    if base is None:
        return text
    return vote_words(base, [ins for ins in insides if ins is not base])


def finish_ocr_grids(grids: list[Grid], words_by_page: dict[int, list[OcrWord]],
                     rereadings_by_page: dict[int, list[list[OcrWord]]] | None = None,
                     engines_by_page: dict[int, list[str]] | None = None) -> None:
    """Vote on figures, set `cell_confidence` and repair numbers column by column, for rows on
    OCR'd pages. `rereadings_by_page`: the other readings of each page (none: no vote);
    `engines_by_page`: the recogniser of each page's first reading and of each re-reading
    (none: all one, as Tesseract's smoothed re-readings are)."""
    rereadings_by_page = rereadings_by_page or {}
    engines_by_page = engines_by_page or {}
    document_words = read_often([*words_by_page.values(), *(r for rs in rereadings_by_page.values() for r in rs)])
    for grid in grids:
        rows = [r for r in grid.rows if r.page in words_by_page]
        if not rows:
            continue
        readings: dict[tuple[int, int], list[str]] = {}
        for i, row in enumerate(rows):
            words = words_by_page[row.page]
            again = rereadings_by_page.get(row.page, [])
            boxes = row.cell_boxes or [None] * len(row.cells)
            confidence: list[float | None] = []
            for j, cell in enumerate(row.cells):
                box = boxes[j] if j < len(boxes) else None
                inside = cell_readings(cell, box, words, again)
                if inside is not None:
                    readings[(i, j)] = [text for ws in inside if is_figure_cell(text := join_words(ws))]
                voted, winning = decide_cell(cell, inside, engines_by_page.get(row.page))
                if not voted.strip():
                    confidence.append(None)
                    continue
                if winning is None:
                    voted, winning = reread_text(cell, box, words, again)
                    voted = _word_voted(voted, box, [words, *again])
                    voted = respell_phrase(respell_by_document(voted, document_words))
                row.cells[j] = voted
                source = words if winning is None else winning
                confidence.append(_cell_confidence(box, source))
            row.cell_confidence = confidence
        _repair_columns(rows, readings)
    _agree_names(grids, set(words_by_page), document_words)


def _repair_columns(rows: list[GridRow], readings: dict[tuple[int, int], list[str]]) -> None:
    """Numbers repaired column by column (`numbers`); then a cell the table's arithmetic
    decides otherwise (`arithmetic`), or an empty one whose reading is the figure its column
    prints (`column_agreement`), takes that reading, and its column is repaired again with it
    (the repair of a column reads all of its cells)."""
    width = max(len(r.cells) for r in rows)
    voted = [list(r.cells) for r in rows]
    for j in range(width):
        _repair_column(rows, voted, j)
    decided = [r.cells for r in rows]
    chosen = choose_by_column(decided, readings) | choose_by_arithmetic(decided, readings)
    for (i, j), reading in chosen.items():
        voted[i][j] = reading
    for j in sorted({j for _, j in chosen}):
        _repair_column(rows, voted, j)


def _repair_column(rows: list[GridRow], voted: list[list[str]], j: int) -> None:
    column = [cells[j] if j < len(cells) else "" for cells in voted]
    for r, new in zip(rows, repair_column(column)):
        if j < len(r.cells):
            r.cells[j] = new


def _agree_names(grids: list[Grid], ocr_pages: set[int], document_words: DocumentWords) -> None:
    """Text cells on OCR'd pages respelled by the document's other printings of them
    (`name_consensus`): a kegiatan's name in the RKT, the budget table, the realisation form."""
    def known(word: str) -> bool:
        return word in printed() or document_words.counts[word] >= OFTEN

    texts = [c for g in grids for r in g.rows for c in r.cells if c.strip() and not is_figure_cell(c)]
    changed = agree_all(texts, known)
    if not changed:
        return
    for grid in grids:
        for row in grid.rows:
            if row.page in ocr_pages:
                row.cells = [changed.get(c, c) for c in row.cells]
