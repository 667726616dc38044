"""PDF file → SourceDocument: read every page, find ruled tables, drop running headers and
footers, find borderless tables in what is left, and attach captions.

Ruled detection runs first and consumes its words; the aligned detector only sees the rest,
so a region is read as ruled when rulings enclose it and from alignment otherwise.
"""

from __future__ import annotations

import re

from extractors.ocr.cells import finish_ocr_grids
from extractors.ocr.pages import OcrRun, run_ocr
from extractors.pdf.aligned import AlignedTable, find_aligned_tables
from extractors.pdf.boxedheader import merge_boxed_headers
from extractors.pdf.headedlist import find_headed_lists
from extractors.pdf.margins import mark_margins
from extractors.pdf.reader import PageContent, needs_ocr, open_pdf, read_page
from extractors.pdf.ruled import RuledTable, find_ruled_tables
from extractors.pdf.textlines import TextLine, group_lines, is_caption
from schemas.model import Grid, GridRow, SourceDocument

CAPTION_LOOKBACK = 3  # text lines above a grid searched for its caption
_CONTINUED = re.compile(r"lanjut|continued", re.IGNORECASE)


def _grid(table: RuledTable | AlignedTable, page: int, source: str) -> Grid:
    rows = [
        GridRow(cells=cells, page=page, bold=bold, y=round(top, 2), cell_boxes=boxes)
        for cells, top, bold, boxes in zip(table.rows, table.row_tops, table.row_bold, table.row_boxes)
    ]
    edges = table.xs if isinstance(table, RuledTable) else table.col_edges
    return Grid(rows=rows, page=page, source=source, col_edges=[round(x, 2) for x in edges])


def _caption_and_top(grid_top: float, free: list[TextLine], others_above: bool) -> tuple[str | None, bool]:
    """The `Tabel ...` line among the few lines above the grid, and whether nothing but a
    running header (or a "lanjutan" note) precedes the grid on its page."""
    above = [ln for ln in free if ln.y1 <= grid_top + 1 and "margin" not in ln.tags]
    near = above[-CAPTION_LOOKBACK:]
    caption = None
    for i in range(len(near) - 1, -1, -1):
        if is_caption(near[i].text):
            caption = " ".join(" ".join(ln.text.split()) for ln in near[i:])
            break
    top = not others_above and all(_CONTINUED.search(ln.text) for ln in above)
    return caption, top


def _page_grids(content: PageContent, lines: list[TextLine], ruled: list[RuledTable]) -> list[Grid]:
    body = [ln for ln in lines if "margin" not in ln.tags]
    width = (max(ln.x1 for ln in body) - min(ln.x0 for ln in body)) if body else content.width
    aligned = find_aligned_tables(body, width, content.hs)
    ruled = merge_boxed_headers(ruled, aligned)
    in_aligned = {id(ln) for t in aligned for ln in t.lines}
    aligned += find_headed_lists([ln for ln in body if id(ln) not in in_aligned])
    in_aligned = {id(ln) for t in aligned for ln in t.lines}
    free = [ln for ln in lines if id(ln) not in in_aligned]
    found: list[tuple[float, float, Grid]] = []
    for t in ruled:
        x0, y0, _, _ = t.bbox
        found.append((y0, x0, _grid(t, content.number, "pdf:ruled")))
    for t in aligned:
        x0, y0, _, _ = t.bbox
        found.append((y0, x0, _grid(t, content.number, "pdf:aligned")))
    found.sort(key=lambda f: (f[0], f[1]))
    grids = []
    for i, (y0, _, grid) in enumerate(found):
        others_above = any(f[0] < y0 - 1 for f in found[:i])
        grid.caption, grid.top_of_page = _caption_and_top(y0, free, others_above)
        grid.caption = _caption_inside(grid) or grid.caption
        grids.append(grid)
    return grids


def _caption_inside(grid: Grid) -> str | None:
    """A `Tabel ...` title drawn inside the table's frame, its first row with one cell filled:
    taken out of the rows (as a header row its `Realisasi Anggaran` named a column; LKIP.pdf p38)."""
    if len(grid.rows) < 2:
        return None
    filled = [c for c in grid.rows[0].cells if c.strip()]
    if len(filled) != 1 or not is_caption(filled[0]):
        return None
    grid.rows.pop(0)
    return " ".join(filled[0].split())


def read_pdf(path: str, *, max_pages: int | None = None, detector: str = "auto") -> SourceDocument:
    """Read a PDF into page texts and table grids (header rows included).

    `detector`: "auto" (ruled, else aligned: the pipeline's) or, for evaluation only,
    "pdfplumber", "camelot-stream", "camelot-lattice" (slow generic finders).
    Raises ValueError for encrypted, empty, unreadable or too long files (the caller turns
    that into a document status); a page that fails to parse becomes a warning."""
    doc = open_pdf(path, max_pages)
    warnings: list[str] = []
    contents: list[PageContent | None] = []
    texts: list[str] = []
    with doc:
        n_pages = doc.page_count
        for i in range(n_pages):
            try:
                content = read_page(doc[i])
            except Exception as exc:  # one damaged page must not lose the document
                warnings.append(f"page {i + 1}: unreadable ({exc})")
                contents.append(None)
                texts.append("")
                continue
            contents.append(content)
            texts.append(content.text)
        # scans and hidden OCR layers, read by Tesseract (the evaluation detectors read the file themselves)
        ocr_run = run_ocr(doc, contents) if detector == "auto" else OcrRun()
        warnings.extend(ocr_run.warnings)
        for number, page_ocr in ocr_run.pages.items():
            texts[number - 1] = page_ocr.text

    ocr: list[int] = []
    per_page: list[tuple[PageContent, list[RuledTable], list[TextLine]]] = []
    for content in contents:
        if content is None:
            continue
        if needs_ocr(content) and content.number not in ocr_run.pages:
            ocr.append(content.number)
        if not content.words:
            continue
        ruled = find_ruled_tables(content.hs, content.vs, content.words,
                                  scanned=content.number in ocr_run.pages) if content.vs else []
        used = {id(w) for t in ruled for w in t.words}
        rest = [w for w in content.words if id(w) not in used] if used else content.words
        per_page.append((content, ruled, group_lines(rest)))

    grids: list[Grid] = []
    if detector == "auto":
        mark_margins([(c.height, lines) for c, _, lines in per_page])
        for content, ruled, lines in per_page:
            grids.extend(_page_grids(content, lines, ruled))
    else:
        from extractors.pdf.library_finders import crosscheck_grids

        grids = crosscheck_grids(str(path), detector)
    if ocr_run.pages:
        finish_ocr_grids(grids, {n: p.words for n, p in ocr_run.pages.items()},
                         {n: p.rereadings for n, p in ocr_run.pages.items()},
                         {n: [p.engine, *p.reread_engines] for n, p in ocr_run.pages.items()})
    return SourceDocument(
        path=str(path),
        file_type="pdf",
        n_pages=n_pages,
        page_texts=texts,
        grids=grids,
        pages_needing_ocr=ocr,
        warnings=warnings,
        ocr_pages=len(ocr_run.pages),
        ocr_reread_pages=sum(1 for p in ocr_run.pages.values() if p.rereadings),
        ocr_seconds=ocr_run.seconds,
    )
