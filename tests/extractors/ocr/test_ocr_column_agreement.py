"""An unsure reading confirmed by the one figure its column prints
(extractors/ocr/column_agreement.py), and its place in `cells.finish_ocr_grids`."""

from __future__ import annotations

from extractors.ocr import engine as ocr
from extractors.ocr.cells import finish_ocr_grids
from extractors.ocr.column_agreement import choose_by_column
from schemas.model import Grid, GridRow

# LKIP.pdf p102's `Fisik (%)` column as decided: Tesseract garbled two 100-dpi `100%`
FISIK = [["Fisik (%)"], ["100%"], ["MMI"], ["100%"], ["100%"], [""], ["100%"]]


def test_a_garbled_cell_takes_the_figure_its_column_prints():
    readings = {(2, 0): ["100%"], (5, 0): ["101%"]}  # PP-OCR's unsure readings of the two
    # the `101%` is no `100%`: it is not made one, and stays unread
    assert choose_by_column(FISIK, readings) == {(2, 0): "100%"}


def test_a_decided_figure_is_left_and_so_is_a_column_of_many_figures():
    rows = [list(r) for r in FISIK]
    rows[2][0] = "95%"  # decided by the vote: stands
    assert choose_by_column(rows, {(2, 0): ["95%", "100%"]}) == {}
    mixed = [["100%"], ["95%"], ["100%"], ["MMI"], ["90%"], ["100%"]]  # 3 of 5: no one figure
    assert choose_by_column(mixed, {(3, 0): ["100%"]}) == {}
    few = [["100%"], ["100%"], ["MMI"]]  # two cells say too little
    assert choose_by_column(few, {(2, 0): ["100%"]}) == {}


def test_finish_ocr_grids_fills_a_garbled_cell_with_its_columns_figure():
    texts = ["100%", "100%", "MMI", "100%"]
    boxes = [(0.0, 20.0 * k, 100.0, 20.0 * k + 20) for k in range(4)]
    grid = Grid(rows=[GridRow(cells=[t], page=1, cell_boxes=[b]) for t, b in zip(texts, boxes)], page=1)

    def reading(third: str, conf: float) -> list[ocr.OcrWord]:
        return [ocr.OcrWord(5, 20 * k + 5, 60, 20 * k + 15, third if k == 2 else t, False, conf if k == 2 else 95)
                for k, t in enumerate(texts)]

    # the first reading (Tesseract) garbled it, PP-OCR read `100%` unsure (54): alone, not enough
    finish_ocr_grids([grid], {1: reading("MMI", 37)}, {1: [reading("100%", 54)]}, {1: ["tesseract", "paddle"]})
    assert [r.cells[0] for r in grid.rows] == ["100%", "100%", "100%", "100%"]
