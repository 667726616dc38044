"""Grids → stitched tables with column roles.

One code path for PDFs and text: split each grid into header and data rows (a header may
come back in the middle of a grid after a page break, or a new table may start there), drop
column-number rows, stitch continuations (repeated header, or no header at all and a
compatible width), join rows that only carry the wrapped tail of a text cell, and re-align
rows whose cells shifted because a column is missing on a continuation page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.structure.cellkinds import TEXT_ROLES, accepts, cell_kind, is_amount_role, placement_kind
from pipeline.structure.headerless import FIGURE_HEADERS, MONEY_HEADER, infer_header
from pipeline.structure.roles import (
    assign_roles,
    decimal_figures,
    has_values,
    is_column_number_row,
    is_header_like,
    looks_like_data,
)
from schemas.model import AMOUNT_ROLES, Column, Grid, GridRow, Table

MAX_HEADER_ROWS = 8
_LEVEL_START = re.compile(r"^\s*(?:program|kegiatan|sub\s*kegiatan|urusan|jumlah|total)\b", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXLC]+\.?|[A-Z]\.?|[a-z][.)])\s*$")
# an outline number before text (`1.1.2.3. Produktivitas Ternak`) opens an item: no wrapped tail
_OUTLINE_START = re.compile(r"^\s*[0-9]{1,2}(?:\.[0-9]{1,2})+\.?\s+[^\W\d_]")
_HEADERLESS_MIN_VALUES = 1


@dataclass
class Segment:
    """A run of data rows under one header (before stitching)."""

    header: list[list[str]]
    rows: list[GridRow]
    grid: Grid
    page: int | None
    notes: list[str] = field(default_factory=list)


def _width(rows: list[list[str]]) -> int:
    width = 0
    for cells in rows:
        for j in range(len(cells) - 1, -1, -1):
            if cells[j].strip():
                width = max(width, j + 1)
                break
    return width


def _strip_column_numbers(cells: list[str]) -> list[str]:
    """Remove a trailing run of consecutive column numbers from a row (`... 10 11 12 13`)."""
    idx = [j for j, c in enumerate(cells) if c.strip()]
    run: list[int] = []
    for j in reversed(idx):
        if re.fullmatch(r"\d{1,2}", cells[j].strip()) and (
            not run or int(cells[j]) == int(cells[run[-1]]) - 1
        ):
            run.append(j)
        else:
            break
    if len(run) >= 3:
        cells = list(cells)
        for j in run:
            cells[j] = ""
    return cells


_LEADING_NUMBER = re.compile(r"^\s*\(?(\d{1,2})\)?(?:\s+(.*))?$", re.DOTALL)


def unmerge_column_numbers(cells: list[str]) -> list[str] | None:
    """`1 8 | 2 Program … | 3 | 4 | 5 | 6 100,00`: the column numbering row under a header and
    the first data row read as one row (no ruling between them on the page). Every filled cell
    starts with its column's number, consecutively, and some carry more: those cells without
    their numbers; None for any other row."""
    numbers: list[int] = []
    rest: list[str] = []
    for cell in cells:
        if not cell.strip():
            rest.append("")
            continue
        m = _LEADING_NUMBER.match(cell)
        if not m:
            return None
        numbers.append(int(m.group(1)))
        rest.append((m.group(2) or "").strip())
    consecutive = numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False
    return rest if len(numbers) >= 3 and consecutive and any(rest) else None


def _continues_text(cells: list[str]) -> bool:
    """A row with a cell that starts in lower case (`h dan Wakil Kepala Daerah`, `dan Laporan
    Hasil`): the wrapped tail of the row above cut off by a page break, never a header."""
    return any(re.match(r"^[a-z]", c.strip()) for c in cells if c.strip())


_TOTAL_LABEL = re.compile(r"^\s*(?:total|jumlah)\b", re.IGNORECASE)
_NAMES_HEADER = re.compile(r"program|kegiatan|uraian|nama|indikator|sasaran", re.IGNORECASE)


def _total_under_names(cells: list[str], header: list[list[str]]) -> bool:
    """A row whose one filled cell, under a column the header above names rows in, is a total
    (`TOTAL ANGGARAN`, its amount printed on another line or not at all): data, not a sub-header
    (a sub-header `Jumlah` stands under a figure column, `Realisasi / Jumlah`)."""
    filled = [j for j, c in enumerate(cells) if c.strip()]
    if len(filled) != 1 or not _TOTAL_LABEL.match(cells[filled[0]]):
        return False
    j = filled[0]
    return any(j < len(h) and _NAMES_HEADER.search(h[j]) for h in header)


def _header_block(rows: list[GridRow], start: int) -> tuple[list[list[str]], list[GridRow], int]:
    """Header rows beginning at `start`, data rows found among them, and the index after them."""
    header: list[list[str]] = []
    interleaved: list[GridRow] = []
    i = start
    last_header = start - 1
    while i < len(rows) and i - start < MAX_HEADER_ROWS:
        cells = rows[i].cells
        if is_column_number_row(cells):
            last_header = i
        elif header and _total_under_names(cells, header):
            break  # `TOTAL ANGGARAN` alone under `Uraian Program dan Kegiatan`: the first data row
        elif is_header_like(cells) or (i == start and not has_values(cells) and len(rows) > 1
                                       and sum(1 for c in cells if c.strip()) >= 2):
            header.append(cells)
            last_header = i
        elif has_values(cells) or decimal_figures(cells) >= 2:
            break
        else:
            interleaved.append(rows[i])
        i += 1
    # rows after the last header row were data after all
    kept = [r for r in interleaved if rows.index(r) < last_header]
    data_start = last_header + 1
    for r in kept:
        r.cells = _strip_column_numbers(r.cells)
    return header, kept, data_start


def _same_header(a: list[list[str]], b: list[list[str]]) -> bool:
    def words(h: list[list[str]]) -> str:
        text = " ".join(c for row in h[:2] for c in row if c.strip())
        return re.sub(r"[^a-z]", "", text.lower())[:120]

    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    common = sum(1 for x, y in zip(wa, wb) if x == y)
    return common >= 0.8 * min(len(wa), len(wb))


def split_grid(grid: Grid) -> list[Segment]:
    """Header/data segments of one grid. A header-like row after data starts a new segment."""
    segments: list[Segment] = []
    rows = grid.rows
    i = 0
    header: list[list[str]] = []
    current: list[GridRow] = []
    page = grid.page

    def flush() -> None:
        if current or header:
            segments.append(Segment(header=header, rows=list(current), grid=grid, page=page))

    first = True
    while i < len(rows):
        cells = rows[i].cells
        # a header again after data: a repeated header or a new table (one stray word is a wrap)
        starts_header = (first and not looks_like_data(cells)) or (
            not first and is_header_like(cells) and not looks_like_data(cells)
            and sum(1 for c in cells if c.strip()) >= 2 and not _continues_text(cells))
        if starts_header:
            new_header, interleaved, nxt = _header_block(rows, i)
            if new_header and nxt < len(rows) and (data := unmerge_column_numbers(rows[nxt].cells)):
                rows[nxt].cells = data
            if new_header or interleaved:
                if not first:
                    flush()
                header, current, page = new_header, list(interleaved), rows[i].page
                i = nxt
                first = False
                continue
        if is_column_number_row(cells):
            i += 1
            continue
        current.append(rows[i])
        first = False
        i += 1
    flush()
    return [s for s in segments if s.rows]


def _compatible(prev: Segment, seg: Segment) -> bool:
    """Whether `seg` continues `prev`: same header repeated, or headerless with a similar width."""
    if seg.header:
        return bool(prev.header) and (_same_header(prev.header, seg.header) or _repeated_scanned_header(prev, seg))
    if prev.grid.source.startswith("pdf") and not seg.grid.top_of_page:
        return _piece_below(prev, seg)
    prev_width = _width([r.cells for r in prev.rows] + prev.header)
    width = _width([r.cells for r in seg.rows])
    return abs(prev_width - width) <= 2 and sum(1 for r in seg.rows if has_values(r.cells)) >= \
        _HEADERLESS_MIN_VALUES


EDGE_TOLERANCE = 0.02  # of the table's width: column rules of one table drawn twice


def _same_rules(a: Grid, b: Grid) -> bool:
    """Two ruled grids with the very same column rules."""
    x, y = a.col_edges, b.col_edges
    if not x or not y or len(x) != len(y):
        return False
    if not a.source.startswith("pdf:ruled") or not b.source.startswith("pdf:ruled"):
        return False
    tolerance = EDGE_TOLERANCE * (x[-1] - x[0])
    return all(abs(p - q) <= tolerance for p, q in zip(x, y))


def _piece_below(prev: Segment, seg: Segment) -> bool:
    """A headerless piece right below `prev` on the same page with the very same column
    rules: one ruled table cut in pieces (a horizontal rule broken or missing), not a new one."""
    return prev.rows[-1].page == seg.page and _same_rules(prev.grid, seg.grid)


def _scanned(seg: Segment) -> bool:
    return any(r.scanned for r in seg.rows)


def _repeated_scanned_header(prev: Segment, seg: Segment) -> bool:
    """The header of a scanned table repeated on the next page, which OCR read differently
    there (`Kegiatan` / `Kegiaan Rt Indikator Kinerja Satuan Anggaran (Rp)`, LKIP.pdf pp 59/60):
    the very same column rules on the next page, both pages OCR'd."""
    last = prev.rows[-1].page if prev.rows else None
    if last is None or seg.page != last + 1 or not (_scanned(prev) and _scanned(seg)):
        return False
    return _same_rules(prev.grid, seg.grid)


def _header_from_values(seg: Segment) -> list[list[str]] | None:
    """The header a plain numbered list's values give it (`headerless.infer_header`), for a
    segment printed without a header, or whose header is no header words and names no amount
    over the list's money column: a screened (halftone) header cell OCR reads as noise
    (`FEE UNS mal eee … 98 pag Suis`, LKIP.pdf p25) must not name the columns. Under such a
    header, rows before the first figure that hold text over a figure column are more of its
    noise (`mamin tba Re, ca TRERPRHESSE AR` over p38's realisasi): they are taken out."""
    if any(is_header_like(h) for h in seg.header):
        return None  # checked first: most segments have such a header, and reading values costs
    lead = 0
    while seg.header and lead < len(seg.rows) and not has_values(seg.rows[lead].cells):
        lead += 1
    rows = seg.rows[lead:]
    width = _width([r.cells for r in rows])
    inferred = infer_header(rows, width, seg.grid.caption)
    if not inferred or not seg.header:
        return inferred
    money = inferred[0].index(MONEY_HEADER)
    printed = assign_roles(seg.header, rows, max(width, _width(seg.header)))
    if printed[money].role in AMOUNT_ROLES:
        return None
    figures = [j for j, h in enumerate(inferred[0]) if h in FIGURE_HEADERS]
    seg.rows[:lead] = [r for r in seg.rows[:lead] if not any(j < len(r.cells) and r.cells[j].strip() for j in figures)]
    return inferred


def stitch(segments: list[Segment]) -> list[Segment]:
    """Join segments that continue the previous one (page breaks, repeated headers)."""
    out: list[Segment] = []
    for seg in segments:
        if out and seg.header and not any(is_header_like(h) for h in seg.header) and _piece_below(out[-1], seg):
            # a piece cut off by a rule whose first row (`1.2 Jumlah Populasi ternak :`) passed for
            # a header: no header words, same column rules right below: it is data of the table
            seg.rows[:0] = [GridRow(cells=list(h), page=seg.page) for h in seg.header]
            seg.header = []
        if out and _compatible(out[-1], seg):
            if seg.grid is not out[-1].grid:
                out[-1].notes.append(f"continued on page {seg.page}" if seg.page else "continued")
            out[-1].rows.extend(seg.rows)
            continue
        inferred = _header_from_values(seg)
        if inferred:
            seg.notes.append(("header unreadable" if seg.header else "no header printed")
                             + ": columns named from their values " + " | ".join(inferred[0]))
            seg.header = inferred
        out.append(seg)
    return [s for s in out if s.header]  # a table with no header has no roles to read


# ------------------------------------------------------------------ row repair
# a cell's text that cannot end there: a conjunction, preposition or joining mark is its last word
_UNFINISHED = re.compile(r"(?:\b(?:dan|serta|atau|dengan|di|ke|dari|yang|untuk|pada|oleh|bagi|terhadap)|(?<=[^\W\d_])\s*[,&])\s*$",
                         re.IGNORECASE)


def _unfinished_above(row: GridRow, above: GridRow) -> set[int]:
    """Columns where `row` prints under a cell of `above` whose text is unfinished (`1 dinas
    dan` over `7 balai PSDA`): the same cell's next line, whatever a rule between them says (a
    scan's merged cells leave partial rules that cut a row's lines apart, LKIP.pdf p77)."""
    return {j for j, cell in enumerate(row.cells)
            if cell.strip() and j < len(above.cells) and _UNFINISHED.search(above.cells[j])}


def _is_wrap_row(row: GridRow, columns: list[Column], continued: set[int] = frozenset()) -> bool:
    """A row holding only the wrapped tail of text cells of the row above; in the `continued`
    columns (`_unfinished_above`) a figure's words too (`7 balai PSDA` after `1 dinas dan`)."""
    roles = {c.index: c.role for c in columns}
    filled = [(j, c) for j, c in enumerate(row.cells) if c.strip()]
    if not filled:
        return True
    for j, cell in filled:
        role = roles.get(j, "other")
        if role in ("no", "code") or _NUMBERING.match(cell):
            return False
        if j in continued and role not in AMOUNT_ROLES:
            continue  # the rest of an unfinished cell, figures and all: `7 balai PSDA`
        if role not in TEXT_ROLES and role != "other":
            return False
        if cell_kind(cell) not in ("text", "label"):
            return False
    return not (_LEVEL_START.match(filled[0][1]) or _OUTLINE_START.match(filled[0][1]))


def _rows_closed(seg: Segment, columns: list[Column]) -> bool:
    """Whether each row of the segment is already a whole row, so that only a row cut by a page
    break can continue the one above: a ruled PDF table (its rules close rows), or a text
    conversion whose cells hold whole wrapped texts (a converter that read cells, not lines:
    its figure rows' names run long). A name-only row there is a row of its own (a kegiatan
    without figures under its program), not the tail of the name above."""
    if seg.grid.source.startswith("pdf:ruled"):
        return True
    if seg.grid.source != "text":
        return False
    text_roles = {c.index for c in columns if c.role in ("name", "indikator", "sasaran")}
    longest = sorted(max((len(r.cells[j].strip()) for j in text_roles if j < len(r.cells)), default=0)
                     for r in seg.rows if has_values(r.cells))
    return len(longest) >= 3 and longest[len(longest) // 2] >= _WHOLE_TEXT_CHARS


_WHOLE_TEXT_CHARS = 40  # a name longer than a narrow column's line: the converter joined its lines


def join_wrapped_rows(rows: list[GridRow], columns: list[Column], page_breaks_only: bool = False) -> list[GridRow]:
    """Rows holding only the wrapped tail of the row above's text cells, joined to it. A ruled
    table's rules already close its rows (and so do a cell-reading converter's, `_rows_closed`):
    there only a row cut by a page break or a blank line is joined (`page_breaks_only`:
    `… Media Massa dan Pemanfaatan` / next page `Teknologi Informasi`)."""
    out: list[GridRow] = []
    for row in rows:
        continued = _unfinished_above(row, out[-1]) if out else set()
        cut = not page_breaks_only or bool(continued) or (out and row.page is not None and out[-1].page is not None
                                                          and row.page != out[-1].page) or (
            out and row.line is not None and out[-1].line is not None and row.line - out[-1].line > 1)
        if out and cut and _is_wrap_row(row, columns, continued) and not _TOTAL_LABEL.match(" ".join(out[-1].cells)):
            prev = out[-1]
            width = max(len(prev.cells), len(row.cells))
            prev.cells = prev.cells + [""] * (width - len(prev.cells))
            for j, cell in enumerate(row.cells):
                if cell.strip():
                    prev.cells[j] = f"{prev.cells[j]} {cell}".strip()
            continue
        if any(c.strip() for c in row.cells):
            out.append(row)
    return out


_LABEL_ROLES = ("name", "no", "code", "indikator", "sasaran")


def join_split_amount_rows(rows: list[GridRow], columns: list[Column]) -> list[GridRow]:
    """A row of a name and no amount, then on the same page a row of amounts alone in the
    columns the first left empty: one row the detector cut in two (a tall cell whose name sits
    at the top and whose figures sit in the middle). The amounts join the named row."""
    roles = {c.index: c.role for c in columns}

    def filled(row: GridRow) -> dict[int, str]:
        return {j: c for j, c in enumerate(row.cells) if c.strip()}

    out: list[GridRow] = []
    for row in rows:
        prev = out[-1] if out else None
        cells = filled(row)
        if prev is not None and cells and prev.page == row.page:
            above = filled(prev)
            named = any(roles.get(j) == "name" for j in above)
            no_amount = not any(is_amount_role(roles.get(j, "")) for j in above)
            amounts_only = all(roles.get(j) not in _LABEL_ROLES and j not in above for j in cells) \
                and any(is_amount_role(roles.get(j, "")) for j in cells)
            if named and no_amount and amounts_only:
                prev.cells = prev.cells + [""] * (len(row.cells) - len(prev.cells))
                for j, cell in cells.items():
                    prev.cells[j] = cell
                continue
        out.append(row)
    return out


def _mismatches(cells: list[str], roles: list[str]) -> int:
    return sum(1 for j, c in enumerate(cells) if not accepts(roles[j] if j < len(roles) else "other",
                                                              placement_kind(c)))


def _placement(filled: list[tuple[int, str]], kinds: list[str], roles: list[str],
               open_columns: set[int] | None) -> tuple[float, list[int]]:
    """The cheapest order-keeping placement of the filled cells: (cost, column of each). A cell
    costs 10 where its column's role does not accept it, or where it moves into a column not in
    `open_columns`; each change of shift costs its size."""
    width, n, inf = len(roles), len(filled), float("inf")

    def fit(k: int, j: int) -> int:
        fits = accepts(roles[j], kinds[k]) and (open_columns is None or j == filled[k][0] or j in open_columns)
        return 0 if fits else 10

    # cost[k][j]: best cost with the k-th filled cell in column j; back-pointers to rebuild
    cost = [[inf] * width for _ in range(n)]
    back = [[-1] * width for _ in range(n)]
    for j in range(width):
        cost[0][j] = fit(0, j) + abs(j - filled[0][0])
    for k in range(1, n):
        orig, prev_orig = filled[k][0], filled[k - 1][0]
        for j in range(k, width):
            best, arg = inf, -1
            for jp in range(k - 1, j):
                if cost[k - 1][jp] == inf:
                    continue
                c = cost[k - 1][jp] + abs((j - orig) - (jp - prev_orig))
                if c < best:
                    best, arg = c, jp
            cost[k][j], back[k][j] = best + fit(k, j), arg
    end = min(range(width), key=lambda j: cost[n - 1][j])
    placed = [0] * n
    j = end
    for k in range(n - 1, -1, -1):
        placed[k] = j
        j = back[k][j]
    return cost[n - 1][end], placed


def realign_row(cells: list[str], roles: list[str], open_columns: set[int] | None = None) -> list[str] | None:
    """Move a row's cells to the columns whose roles accept them, keeping their order and
    preferring one consistent shift. None when the row cannot be made to fit better.

    `open_columns`: the columns the table's other rows fill. A shift that moves a cell into a
    column no other row fills is taken only one step further (DISPERINDAG p46: a row slid one
    column right, its capaian two), or not at all: LKIP.pdf p56 at 100 dpi, satuan `%` read `54`,
    would push the anggaran's `-` into an empty column and take the target for the budget, and
    the best shift that avoids the empty column slides the name three columns left."""
    width = max(len(roles), len(cells))
    roles = roles + ["other"] * (width - len(roles))
    filled = [(j, c) for j, c in enumerate(cells) if c.strip()]
    if not filled:
        return None
    before = _mismatches(cells, roles)
    if before == 0:
        return None
    kinds = [placement_kind(c) for _, c in filled]
    cost, placed = _placement(filled, kinds, roles, None)
    if open_columns is not None and any(j != orig and j not in open_columns for (orig, _), j in zip(filled, placed)):
        nearest = cost
        cost, placed = _placement(filled, kinds, roles, open_columns)
        if cost > nearest + 1:
            return None
    if cost >= before * 10:
        return None
    new = [""] * width
    for (orig, text), j in zip(filled, placed):
        new[j] = text
    if _mismatches(new, roles) >= before:
        return None
    return new


# ------------------------------------------------------------------ grids → tables
def build_tables(grids: list[Grid], first_table_no: int = 1, report_year: int | None = None) -> list[Table]:
    """All tables of a document, numbered in order. `report_year`: the year the document reports
    on, where its title says (it tells a plan's target from this year's)."""
    segments: list[Segment] = []
    for grid in grids:
        segments.extend(split_grid(grid))
    tables: list[Table] = []
    for seg in stitch(segments):
        width = max(_width(seg.header), _width([r.cells for r in seg.rows]))
        columns = assign_roles(seg.header, seg.rows, width, report_year)
        rows = join_wrapped_rows(seg.rows, columns, page_breaks_only=_rows_closed(seg, columns))
        rows = join_split_amount_rows(rows, columns)
        roles = [c.role for c in columns]
        notes = list(seg.notes)
        fills = Counter(j for row in rows for j, cell in enumerate(row.cells) if cell.strip())
        for row in rows:
            mine = {j for j, cell in enumerate(row.cells) if cell.strip()}
            fixed = realign_row(row.cells, roles, {j for j, n in fills.items() if n > (j in mine)})
            if fixed is not None:
                where = f"line {row.line}" if row.line else f"page {row.page}"
                notes.append(f"re-aligned cells of the row at {where}")
                row.cells = fixed
        tables.append(Table(table_no=first_table_no + len(tables), columns=columns, rows=rows,
                            page=seg.page, caption=seg.grid.caption, source=seg.grid.source,
                            notes=notes))
    return tables
