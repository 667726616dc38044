"""Borderless tables from word alignment (tables in LKIP prose chapters, booktabs-style
tables with only a few horizontal rules).

1. Lines are cut into chunks at gaps wider than about half a line height.
2. A *block* is a run of lines with no prose line, caption or large vertical gap inside.
3. Its *body* runs from the first to the last value line (a line with a numeric chunk after
   its first one); at least three lines.
4. Columns are the x-intervals left empty by (nearly) every body line: coverage is counted
   per line, so a few rows spanning several columns (a total label) do not erase a column.
5. The table must have a numeric column other than the first one. This rejects numbered
   lists, bullet lists and justified prose, and lets pages without tables be skipped.
6. Lines above the body (up to a rule, a caption or a lead-in sentence) are header rows. A
   body line holding text only in text columns, and no numbering, continues a row: it joins
   the row above, or the row below when it sits visibly closer to it (a vertically centred
   row whose name wraps above and below its values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.pdf.cells import is_numeric, mostly_bold
from extractors.pdf.geometry import Segment, Word, median
from extractors.pdf.rowjoin import group_rows
from extractors.pdf.textlines import TextLine, split_chunks

CHUNK_GAP = 0.5  # × line height: a wider gap may separate columns
MIN_COL_GAP = 0.4  # × median line height: narrowest empty x-interval that separates columns
MAX_VGAP = 2.2  # × line height: a larger vertical gap ends a block
MIN_BODY_LINES = 3
MAX_HEADER_LINES = 5
MAX_TAIL_LINES = 3
PROSE_WIDTH = 0.65  # share of the text width a prose line covers
NUMERIC_SHARE = 0.5  # share of a column's cells that must be numeric for a value column
_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:_\s?){4,}")  # dot leaders of a table of contents
_CAPTION = re.compile(r"^\W*(?:tabel|table|gambar|grafik|diagram|figure)\b", re.IGNORECASE)


@dataclass
class _Line:
    line: TextLine
    chunks: list[list[Word]]
    prose: bool
    value: bool  # has a numeric chunk after its first one
    caption: bool

    @property
    def y0(self) -> float:
        return self.line.y0

    @property
    def y1(self) -> float:
        return self.line.y1

    @property
    def h(self) -> float:
        return self.line.height


@dataclass
class AlignedTable:
    col_edges: list[float]
    rows: list[list[str]] = field(default_factory=list)
    row_tops: list[float] = field(default_factory=list)
    row_bold: list[bool] = field(default_factory=list)
    row_boxes: list[list[tuple[float, float, float, float] | None]] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    n_header: int = 0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (
            self.col_edges[0],
            min(ln.y0 for ln in self.lines),
            self.col_edges[-1],
            max(ln.y1 for ln in self.lines),
        )


def _chunk_text(chunk: list[Word]) -> str:
    return " ".join(w.text for w in chunk)


def _is_prose(line: TextLine, chunks: list[list[Word]], body_width: float) -> bool:
    """Running text: a wide line that is one chunk, or many evenly spaced words (justified
    or ragged). A table row has both narrow gaps (inside a cell) and wide ones (between)."""
    ws = line.words
    if line.x1 - line.x0 < PROSE_WIDTH * body_width or len(ws) < 4:
        return False
    if len(chunks) == 1:
        return True
    if len(ws) < 6:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(ws, ws[1:])]
    h = line.height
    return median(gaps) < 0.6 * h and max(gaps) - min(gaps) < 0.5 * h


def _classify(lines: list[TextLine], body_width: float) -> list[_Line]:
    out: list[_Line] = []
    for ln in lines:
        chunks = split_chunks(ln.words, CHUNK_GAP * ln.height)
        value = len(chunks) >= 2 and any(is_numeric(_chunk_text(c)) for c in chunks[1:])
        text = ln.text
        out.append(_Line(ln, chunks, _is_prose(ln, chunks, body_width), value, bool(_CAPTION.match(text))))
    return out


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    cur: list[_Line] = []
    for ln in lines:
        if ln.prose or ln.caption:
            if cur:
                blocks.append(cur)
            cur = []
            continue
        if cur and ln.y0 - cur[-1].y1 > MAX_VGAP * max(ln.h, cur[-1].h):
            blocks.append(cur)
            cur = []
        cur.append(ln)
    if cur:
        blocks.append(cur)
    return blocks


def _column_gaps(body: list[_Line], min_gap: float) -> tuple[float, float, list[tuple[float, float]]]:
    """Extent of the body and the x-intervals covered by at most a few of its lines."""
    allowance = len(body) // 8
    events: list[tuple[float, int]] = []
    for ln in body:
        for c in ln.chunks:
            events.append((c[0].x0, 1))
            events.append((c[-1].x1, -1))
    events.sort()
    x_lo, x_hi = events[0][0], max(x for x, _ in events)
    gaps: list[tuple[float, float]] = []
    count = 0
    open_at: float | None = None
    for x, d in events:
        before = count
        count += d
        if before > allowance >= count:
            open_at = x
        elif before <= allowance < count and open_at is not None:
            if x - open_at >= min_gap:
                gaps.append((open_at, x))
            open_at = None
    return x_lo, x_hi, gaps


def _assign(chunks: list[list[Word]], edges: list[float], gaps: list[tuple[float, float]]) -> dict[int, list[Word]]:
    """Chunks → columns. A text chunk that covers a whole column gap spans columns (a total
    label): it goes to the leftmost column it reaches into. Any other chunk goes to the column
    holding most of it: a figure wider than its column's others (one more digit group) may
    reach over the gap into the neighbour column, but it belongs where it is aligned."""
    n = len(edges) - 1
    cells: dict[int, list[Word]] = {}
    for c in chunks:
        x0, x1 = c[0].x0, c[-1].x1
        spanned = [] if is_numeric(_chunk_text(c)) else [
            i for i, (g0, g1) in enumerate(gaps) if x0 < g0 and x1 > g1]
        if spanned:
            col = spanned[0]  # gap i lies between column i and column i + 1
        else:
            best, col = -1.0, 0
            for i in range(n):
                ov = min(x1, edges[i + 1]) - max(x0, edges[i])
                if ov > best:
                    best, col = ov, i
        cells.setdefault(col, []).extend(c)
    return cells


def _cells_text(cells: dict[int, list[Word]], n: int) -> list[str]:
    return [" ".join(w.text for w in sorted(cells.get(i, []), key=lambda w: w.x0)) for i in range(n)]


def _names_columns(ln: _Line, gaps: list[tuple[float, float]]) -> bool:
    """A line of two or more word runs, one per column and none a figure: a column header row."""
    if len(ln.chunks) < 2 or any(is_numeric(_chunk_text(c)) for c in ln.chunks):
        return False
    cols = []
    for c in ln.chunks:
        x0, x1 = c[0].x0, c[-1].x1
        if any(x0 < g0 and x1 > g1 for g0, g1 in gaps):
            return False
        cols.append(sum(1 for g0, _ in gaps if g0 < x0))
    return len(set(cols)) == len(cols)


def _header_start(block: list[_Line], first: int, x_lo: float, x_hi: float, hs: list[Segment],
                  gaps: list[tuple[float, float]]) -> int:
    """Index in `block` of the first header line above the body starting at `first`. The line
    right above the body may stand further off (a header printed in its own band) when it names
    the body's columns one by one."""
    body_top = block[first].y0
    width = x_hi - x_lo
    rules = [
        h.pos for h in hs
        if h.pos < body_top and min(h.end, x_hi) - max(h.start, x_lo) >= 0.6 * width
        and body_top - h.pos < 8 * block[first].h
    ]
    start = first
    if rules:
        top_rule = min(rules)
        while start > 0 and block[start - 1].y0 >= top_rule - 1 and first - start < MAX_HEADER_LINES:
            start -= 1
        return start
    pitch = block[first].h
    while start > 0 and first - start < 3:
        ln = block[start - 1]
        if ln.line.text.rstrip().endswith(":"):  # a lead-in sentence ("... sebagai berikut:")
            break
        gap = block[start].y0 - ln.y1
        if gap > 1.5 * pitch and not (start == first and gap <= 3 * pitch and _names_columns(ln, gaps)):
            break
        if ln.line.x0 < x_lo - 2 * pitch or ln.line.x1 > x_hi + 2 * pitch:
            break
        if _is_heading(ln, x_lo, x_hi):
            break
        start -= 1
    return start


def _is_heading(ln: _Line, x_lo: float, x_hi: float) -> bool:
    """A centred title, or a heading flush with the table's left edge that stops before the
    middle ("I. KINERJA TAHUNAN"): text above a table that is not its header."""
    width = x_hi - x_lo
    centre = (x_lo + x_hi) / 2
    x0, x1 = ln.line.x0, ln.line.x1
    if x1 - x0 < 0.6 * width and abs((x0 + x1) / 2 - centre) < 0.03 * width:
        return True
    return x0 < x_lo + ln.h and x1 < centre


def _spanned_by_rule(
    chunk: list[Word], col: int, edges: list[float], hs: list[Segment]
) -> int:
    """A header printed over a partial rule (`Produksi (Ton)` over a line spanning the year
    columns) belongs to the leftmost column under that rule."""
    x0, x1 = chunk[0].x0, chunk[-1].x1
    y1 = max(w.y1 for w in chunk)
    h = max(w.h for w in chunk)
    xc = (x0 + x1) / 2
    width = edges[-1] - edges[0]
    for seg in hs:
        if y1 - 1 <= seg.pos <= y1 + 1.2 * h and seg.start <= xc <= seg.end and seg.length < 0.9 * width:
            for j in range(len(edges) - 1):
                if seg.start - 2 <= (edges[j] + edges[j + 1]) / 2 <= seg.end + 2:
                    return min(j, col)
    return col


def find_aligned_tables(lines: list[TextLine], body_width: float, hs: list[Segment]) -> list[AlignedTable]:
    """Borderless tables among `lines` (top to bottom, margin lines and ruled tables removed)."""
    if len(lines) < MIN_BODY_LINES:
        return []
    info = _classify(lines, body_width)
    if sum(1 for ln in info if ln.value) < 2:
        return []  # the cheap exit taken by most prose pages
    tables: list[AlignedTable] = []
    for block in _blocks(info):
        values = [i for i, ln in enumerate(block) if ln.value]
        if len(values) < 2:
            continue
        first, last = values[0], values[-1]
        b_lo = min(block[i].line.x0 for i in values)
        b_hi = max(block[i].line.x1 for i in values)
        while len(values) > 2 and _is_heading(block[first], b_lo, b_hi):
            values = values[1:]  # a title with a year in it ("... TAHUN 2016")
            first = values[0]
        # trailing continuation lines (a wrapped name under the last row)
        tail = last
        while tail + 1 < len(block) and tail - last < MAX_TAIL_LINES and not block[tail + 1].value:
            if block[tail + 1].y0 - block[tail].y1 > 1.0 * block[tail].h:
                break
            tail += 1
        body = block[first : last + 1]
        if len(body) < MIN_BODY_LINES and len(values) < MIN_BODY_LINES:
            continue
        min_gap = MIN_COL_GAP * median([ln.h for ln in body])
        x_lo, x_hi, gaps = _column_gaps(body, min_gap)
        if not gaps:
            continue
        edges = [x_lo] + [(a + b) / 2 for a, b in gaps] + [x_hi]
        n = len(edges) - 1

        # tail lines must fit the columns (no chunk across a gap)
        while tail > last:
            fits = all(
                not any(c[0].x0 < g0 and c[-1].x1 > g1 for g0, g1 in gaps) for c in block[tail].chunks
            ) and block[tail].line.x1 <= x_hi + min_gap and block[tail].line.x0 >= x_lo - min_gap
            if fits:
                break
            tail -= 1
        body_all = block[first : tail + 1]
        body_cells = [_assign(ln.chunks, edges, gaps) for ln in body_all]
        texts = [_cells_text(c, n) for c in body_cells]

        numeric_cols = []
        for j in range(n):
            filled = [t[j] for t in texts if t[j]]
            num = sum(1 for s in filled if is_numeric(s))
            if num >= 2 and num >= NUMERIC_SHARE * len(filled):
                numeric_cols.append(j)
        if not any(j > 0 for j in numeric_cols):
            continue
        if sum(1 for ln in body_all if _LEADER.search(ln.line.text)) * 2 > len(body_all):
            continue  # a table of contents: titles, dot leaders, page numbers
        groups = group_rows([ln.line for ln in body_all], body_cells, texts, set(numeric_cols))
        h_start = _header_start(block, first, x_lo, x_hi, hs, gaps)
        table = AlignedTable(col_edges=edges)
        for ln in block[h_start:first]:
            cells = _assign(ln.chunks, edges, gaps)
            if hs:
                moved: dict[int, list[Word]] = {}
                for j, ws in sorted(cells.items()):
                    moved.setdefault(_spanned_by_rule(ws, j, edges, hs), []).extend(ws)
                cells = moved
            add_row(table, [ln.line], [cells], n)
        table.n_header = len(table.rows)
        for g in groups:
            add_row(table, [body_all[i].line for i in g], [body_cells[i] for i in g], n)
        tables.append(table)
    return tables


def add_row(table: AlignedTable, lines: list[TextLine], cells: list[dict[int, list[Word]]], n: int) -> None:
    """Append one table row printed on `lines`, its words already given per column."""
    merged: dict[int, list[Word]] = {}
    for c in cells:
        for j, ws in c.items():
            merged.setdefault(j, []).extend(ws)
    texts: list[str] = []
    boxes: list[tuple[float, float, float, float] | None] = []
    for j in range(n):
        ws = merged.get(j)
        if not ws:
            texts.append("")
            boxes.append(None)
            continue
        parts = []
        for c in cells:  # line by line, top to bottom
            if c.get(j):
                parts.append(" ".join(w.text for w in sorted(c[j], key=lambda w: w.x0)))
        texts.append(" ".join(parts))
        boxes.append((min(w.x0 for w in ws), min(w.y0 for w in ws), max(w.x1 for w in ws), max(w.y1 for w in ws)))
    table.rows.append(texts)
    table.row_tops.append(min(ln.y0 for ln in lines))
    table.row_bold.append(mostly_bold([w for ln in lines for w in ln.words]))
    table.row_boxes.append(boxes)
    table.lines.extend(lines)
