"""Grids from drawn rulings: connected rulings → cell lattice → merged cells → cell text.

The lattice is the product of every distinct vertical and horizontal ruling position of one
connected group of rulings (plus the group's extent, for tables without an outer frame). Two
neighbouring lattice cells belong to one merged cell when no ruling separates them; a merged
cell's text goes to its top-left lattice cell and the others stay ''. That puts a header
spanning `K | Rp` in the leftmost column and a name spanning several indicator rows in its
top row, which is what the next stage expects.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from statistics import median_high

from extractors.pdf.cells import is_numbering, is_numeric, join_words, mostly_bold
from extractors.pdf.geometry import Segment, Word, cluster_values
from extractors.pdf.headerrows import split_header_row
from extractors.pdf.listrows import split_listed_row

TOUCH = 2.5  # a horizontal and a vertical ruling this close are connected
LATTICE_SNAP = 3.0  # ruling positions closer than this are one lattice line (double rules)
EDGE_COVER = 0.6  # a ruling separates two cells when it covers this share of their border
BROKEN_COVER = 0.2  # in a scan, this share is enough on a line ruled across most of the table
MIN_LEVEL_WORD = 4  # letters of a word that starts sibling names (`Program`, `Kegiatan`, `Prosentase`)
SAME_LEVEL_WORD = 0.7  # ... read alike (difflib ratio) when OCR spoilt one: `Froyram` for `Program`


@dataclass
class RuledTable:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    rows: list[list[str]] = field(default_factory=list)
    row_tops: list[float] = field(default_factory=list)
    row_bold: list[bool] = field(default_factory=list)
    row_boxes: list[list[tuple[float, float, float, float] | None]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)  # the words it consumed

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


class _DSU:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        p = self.p
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def connected_groups(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rulings that touch each other (one group per drawn table, usually)."""
    n_h = len(hs)
    dsu = _DSU(n_h + len(vs))
    order = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    vpos = [vs[j].pos for j in order]
    for i, h in enumerate(hs):
        lo = bisect_left(vpos, h.start - TOUCH)
        hi = bisect_right(vpos, h.end + TOUCH)
        y = h.pos
        for k in range(lo, hi):
            j = order[k]
            v = vs[j]
            if v.start - TOUCH <= y <= v.end + TOUCH:
                dsu.union(i, n_h + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(dsu.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(dsu.find(n_h + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


def _coverage(segs: list[Segment], at: float) -> list[tuple[float, float]]:
    return [(s.start, s.end) for s in segs if abs(s.pos - at) <= LATTICE_SNAP]


def _covers(intervals: list[tuple[float, float]], a: float, b: float, share: float = EDGE_COVER) -> bool:
    need = (b - a) * share
    got = 0.0
    for s, e in intervals:
        ov = min(b, e) - max(a, s)
        if ov > 0:
            got += ov
    return got >= need


def lattice(hs: list[Segment], vs: list[Segment]) -> tuple[list[float], list[float]] | None:
    """Column and row boundaries of one ruling group, or None when it is no table."""
    x_lo = min(h.start for h in hs)
    x_hi = max(h.end for h in hs)
    y_lo = min(v.start for v in vs)
    y_hi = max(v.end for v in vs)
    xs = cluster_values([v.pos for v in vs] + [x_lo, x_hi], LATTICE_SNAP)
    ys = cluster_values([h.pos for h in hs] + [y_lo, y_hi], LATTICE_SNAP)
    # an outer line and a ruling a hair apart collapse; keep the lattice inside the extent
    xs = [x for x in xs if x_lo - LATTICE_SNAP <= x <= x_hi + LATTICE_SNAP]
    ys = [y for y in ys if y_lo - LATTICE_SNAP <= y <= y_hi + LATTICE_SNAP]
    if len(xs) < 3 or len(ys) < 2:
        return None
    return xs, ys


def _crossed(words: list[Word], at: float, horizontal: bool) -> bool:
    """Some word runs across the lattice line at `at` (a row line if `horizontal`)."""
    if horizontal:
        return any(w.y0 < at - 1 and w.y1 > at + 1 for w in words)
    return any(w.x0 < at - 1 and w.x1 > at + 1 for w in words)


def _stacked_figures(above: list[Word] | None, below: list[Word] | None, y: float) -> bool:
    """Two figures stacked across a lattice line that this column's ruling misses: the row
    rule of the columns beside it goes on, so the line is a row boundary, and a figure cell
    holds one figure. A scan loses stretches of its rules (LKIP.pdf p35: `100` over `100`
    read as one capaian `100 100`); a cell that spans rows holds its one figure on one side
    of the line, and a wrapped name has text, not figures, on both."""
    if not above or not below:
        return False
    both = above + below
    return all(is_numeric(w.text) for w in both) and not _crossed(both, y, True)


def _list_number(words: list[Word]) -> int | None:
    """The integer of the list number that starts a cell's text (`3`, `3.`, `3)`), if any."""
    first = _first_line_word(words)
    text = first.text.strip().rstrip(".)")
    return int(text) if text.isdigit() and len(text) <= 2 and is_numbering(first.text) else None


def _stacked_items(above: list[Word] | None, below: list[Word] | None, y: float) -> bool:
    """Two items of a numbered list stacked across a lattice line that this column's ruling
    misses: the cell above starts with `3`, the one below with `4` (LKIP.pdf p56: `3 Manajemen
    DAS ...` over `4 Pengawasan ...`, one kegiatan each, their budgets in two rows). A name
    that wraps over the line does not start again with the next number."""
    if not above or not below or _crossed(above + below, y, True):
        return False
    a, b = _list_number(above), _list_number(below)
    return a is not None and b == a + 1


def _first_line_word(words: list[Word]) -> Word:
    """The first word of a cell's first line: the leftmost of the words beside the topmost
    (OCR'd words of one line differ a little in their tops)."""
    top = min(words, key=lambda w: w.y0)
    return min((w for w in words if top.y0 - 0.5 * top.h < w.yc < top.y1), key=lambda w: w.x0)


def _stacked_names(above: list[Word] | None, below: list[Word] | None, y: float) -> bool:
    """Two names of one kind stacked across a lattice line that this column's ruling misses:
    both start with the same capitalised word, the level word of the column's items (LKIP.pdf
    p39: `Program Pengembangan Komunikasi ...` over `Program Pengembangan, Pengelolaan ...`,
    each beside its own budget row; OCR read the second `Froyram`). A name that wraps over the
    line does not start again with its first word; a text starting with a figure or a short
    word proves nothing."""
    if not above or not below or _crossed(above + below, y, True):
        return False
    a, b = _first_line_word(above).text, _first_line_word(below).text
    if not all(len(t) >= MIN_LEVEL_WORD and t.isalpha() and t[0].isupper() for t in (a, b)):
        return False
    return a.casefold() == b.casefold() or len(a) == len(b) and \
        difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= SAME_LEVEL_WORD


def _side_by_side(left: list[Word] | None, right: list[Word] | None, x: float) -> bool:
    """Two cells' texts beside a lattice line that this row's ruling misses: each text line
    that has words on both sides leaves a gap of cell padding around the line (at least a
    word's height: LKIP.pdf p35 `... sumber air` | `Bertambahnya ...`, 17 pt), where one
    label spanning the two columns would leave a word space. No word crosses the line."""
    if not left or not right:
        return False
    both = left + right
    if _crossed(both, x, False):
        return False
    typical = median_high([w.h for w in both])
    paired = 0
    for w in right:
        beside = [v for v in left if min(v.y1, w.y1) - max(v.y0, w.y0) > 0.5 * min(v.h, w.h)]
        if beside:
            paired += 1
            if w.x0 - max(v.x1 for v in beside) < typical:
                return False
    return paired > 0


def build_table(
    hs: list[Segment], vs: list[Segment], xs: list[float], ys: list[float], words: list[Word],
    scanned: bool = False,
) -> RuledTable | None:
    """Fill the lattice with words; None when the result holds too little text to be a table.

    `scanned`: the rulings were found in a page image, which loses stretches of them; a
    border a ruling misses is then still a border where the words on its two sides show
    two cells (`_stacked_figures`, `_stacked_items`, `_stacked_names`, `_side_by_side`). A text
    PDF's rulings are exact: a missing border there is a merged cell."""
    n_r, n_c = len(ys) - 1, len(xs) - 1
    dsu = _DSU(n_r * n_c)
    x0, y0, x1, y1 = xs[0], ys[0], xs[-1], ys[-1]
    base: dict[int, list[Word]] = {}  # lattice cell -> its words, before merging
    for w in words:
        xc, yc = w.xc, w.yc
        if x0 < xc < x1 and y0 < yc < y1:
            c = min(max(bisect_right(xs, xc) - 1, 0), n_c - 1)
            r = min(max(bisect_right(ys, yc) - 1, 0), n_r - 1)
            base.setdefault(r * n_c + c, []).append(w)
    def share(cov: list[tuple[float, float]], lo: float, hi: float) -> float:
        """How much of a border a ruling must cover. A scan breaks a long rule into pieces
        with gaps longer than a cell (LKIP.pdf p35: a row rule across the table covers 46 %
        of one column): on a line ruled across most of the table a piece of a border is the
        border. A rowspan's border has no piece of the rule at all."""
        return BROKEN_COVER if scanned and _covers(cov, lo, hi) else EDGE_COVER

    for j in range(1, n_c):  # vertical borders between column j-1 and j
        cov = _coverage(vs, xs[j])
        need = share(cov, y0, y1)
        for r in range(n_r):
            if not _covers(cov, ys[r], ys[r + 1], need) and not (scanned and _side_by_side(
                    base.get(r * n_c + j - 1), base.get(r * n_c + j), xs[j])):
                dsu.union(r * n_c + j - 1, r * n_c + j)
    for r in range(1, n_r):  # horizontal borders between row r-1 and r
        cov = _coverage(hs, ys[r])
        need = share(cov, x0, x1)
        for c in range(n_c):
            if _covers(cov, xs[c], xs[c + 1], need):
                continue
            if scanned:
                # the texts on either side, past an empty sliver between a scan's double rules
                above = next((base[k * n_c + c] for k in range(r - 1, -1, -1) if k * n_c + c in base), None)
                below = next((base[k * n_c + c] for k in range(r, n_r) if k * n_c + c in base), None)
                if any(two(above, below, ys[r]) for two in (_stacked_figures, _stacked_items, _stacked_names)):
                    continue
            dsu.union((r - 1) * n_c + c, r * n_c + c)

    inside: dict[int, list[Word]] = {}
    used: list[Word] = []
    for i, ws in base.items():
        inside.setdefault(dsu.find(i), []).extend(ws)
        used.extend(ws)
    if len(inside) < 2:
        return None

    # bounding box of each merged cell, for cell_boxes
    span: dict[int, list[float]] = {}
    for r in range(n_r):
        for c in range(n_c):
            root = dsu.find(r * n_c + c)
            b = span.get(root)
            if b is None:
                span[root] = [xs[c], ys[r], xs[c + 1], ys[r + 1]]
            else:
                b[2] = max(b[2], xs[c + 1])
                b[3] = max(b[3], ys[r + 1])

    table = RuledTable(xs=xs, ys=ys, words=used)
    for r in range(n_r):
        roots = [dsu.find(r * n_c + c) for c in range(n_c)]
        own = {c: root for c, root in enumerate(roots) if root == r * n_c + c and root in inside}
        # a cell spanning down from this row (a sasaran beside two indicator rows) stays whole in
        # the first sub-row and takes no part in finding the list
        whole = {c: inside[root] for c, root in own.items() if span[root][3] > ys[r + 1]}
        if len(whole) < len(own):
            col_words = {c: inside[root] for c, root in own.items() if c not in whole}
            subrows = split_listed_row(col_words) or split_header_row(col_words)
            if subrows is not None:
                for c, ws in whole.items():
                    subrows[0][c] = ws
                for sub in subrows:
                    ws_all = [w for ws in sub.values() for w in ws]
                    table.rows.append([join_words(sub.get(c, [])) for c in range(n_c)])
                    table.row_tops.append(min(w.y0 for w in ws_all) if table.row_tops and sub is not subrows[0] else ys[r])
                    table.row_bold.append(mostly_bold(ws_all))
                    table.row_boxes.append([
                        (xs[c], ys[r], xs[c + 1], ys[r + 1]) if sub.get(c) else None for c in range(n_c)
                    ])
                continue
        cells: list[str] = []
        boxes: list[tuple[float, float, float, float] | None] = []
        row_words: list[Word] = []
        for c in range(n_c):
            i = r * n_c + c
            root = dsu.find(i)
            if root == i and root in inside:
                ws = inside[root]
                cells.append(join_words(ws))
                row_words.extend(ws)
            else:
                cells.append("")
            b = span[root]
            # a part of a merged cell has no box of its own: its words are the merged cell's (OCR
            # would read them again into the part, LKIP.pdf p38's `564.160.000` twice)
            boxes.append((b[0], b[1], b[2], b[3]) if root == i else None)
        if any(cells):
            table.rows.append(cells)
            table.row_tops.append(ys[r])
            table.row_bold.append(mostly_bold(row_words))
            table.row_boxes.append(boxes)
    return table


def _with_loose(group: list[Segment], segs: list[Segment], along: list[float], across: list[float]) -> list[Segment]:
    """`group` plus the other segments that lie on one of its lattice lines (`across`) inside
    its extent (`along`): the middle piece of a scanned rule broken on both sides touches no
    crossing ruling, so it is in no connected group, yet it is that row's border."""
    ids = {id(s) for s in group}
    loose = [s for s in segs if id(s) not in ids and along[0] - TOUCH <= s.start and s.end <= along[-1] + TOUCH
             and any(abs(s.pos - a) <= LATTICE_SNAP for a in across)]
    return group + loose


def find_ruled_tables(hs: list[Segment], vs: list[Segment], words: list[Word],
                      scanned: bool = False) -> list[RuledTable]:
    """Every ruled table on a page, top to bottom (`scanned`: rulings from a page image)."""
    tables: list[RuledTable] = []
    for g_h, g_v in connected_groups(hs, vs):
        lat = lattice(g_h, g_v)
        if lat is None:
            continue
        if scanned:  # pieces of a broken rule that touch no other ruling still cover borders
            g_h, g_v = _with_loose(g_h, hs, lat[0], lat[1]), _with_loose(g_v, vs, lat[1], lat[0])
        t = build_table(g_h, g_v, lat[0], lat[1], words, scanned)
        if t is not None:
            tables.append(t)
    tables.sort(key=lambda t: (t.ys[0], t.xs[0]))
    return tables
