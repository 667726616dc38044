"""Generic table finders (pdfplumber, camelot) producing the same Grids, for evaluation only.

They cost 0.1–1.7 s per page (see MEASUREMENTS.md), so the pipeline never uses them; they let
an evaluation compare the native detectors' cells with an independent reading of the page.
Page texts and OCR needs still come from the native reader.
"""

from __future__ import annotations

from schemas.model import Grid, GridRow

DETECTORS = ("pdfplumber", "camelot-stream", "camelot-lattice")


def _clean(cell: object) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def pdfplumber_grids(path: str) -> list[Grid]:
    import pdfplumber

    grids: list[Grid] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            number = page.page_number
            for table in page.find_tables():
                rows = []
                for prow, cells in zip(table.rows, table.extract()):
                    rows.append(GridRow(cells=[_clean(c) for c in cells], page=number, y=round(prow.bbox[1], 2)))
                if not rows:
                    continue
                xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
                grids.append(Grid(rows=rows, page=number, source="pdf:pdfplumber", col_edges=xs))
    return grids


def camelot_grids(path: str, flavor: str) -> list[Grid]:
    import camelot
    import pymupdf

    with pymupdf.open(path) as doc:
        heights = [p.rect.height for p in doc]
    tables = camelot.read_pdf(path, pages="all", flavor=flavor)
    grids: list[Grid] = []
    for t in tables:
        number = int(t.page)
        h = heights[number - 1]
        rows = [
            GridRow(cells=[_clean(c) for c in values], page=number, y=round(h - top, 2))
            for values, (top, _bottom) in zip(t.df.values.tolist(), t.rows)
        ]
        edges = [t.cols[0][0]] + [c[1] for c in t.cols]
        grids.append(Grid(rows=rows, page=number, source=f"pdf:camelot-{flavor}", col_edges=edges))
    return grids


def crosscheck_grids(path: str, detector: str) -> list[Grid]:
    if detector == "pdfplumber":
        return pdfplumber_grids(path)
    if detector in ("camelot-stream", "camelot-lattice"):
        return camelot_grids(path, detector.split("-", 1)[1])
    raise ValueError(f"unknown detector {detector!r}; use 'auto' or one of {DETECTORS}")
