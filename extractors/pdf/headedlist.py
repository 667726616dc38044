"""Short unruled lists under a header line that names a money column: the PK program list.

Every PK lampiran prints, under its indicator table, its programs and their budgets:
`Program | Anggaran (Rp) | Keterangan` over one to a few numbered lines, often without rules.
The aligned detector trusts columns from alignment only over three or more body lines; here the
header line itself names the columns, so a single item is enough. A header line qualifies when
it has two or more word runs, none a figure, one naming items (`Program`, `Kegiatan`, `Uraian`)
left of one naming money (`Anggaran`, `Pagu`, `(Rp)`). Items follow it closely; each prints a
rupiah figure under the money run; a text-only line right below an item continues its name.
The columns are the header's runs (plus `No` when the items are numbered in front); each word
run of an item goes to the header run it overlaps most, else the nearest.
"""

from __future__ import annotations

import re

from extractors.pdf.aligned import CHUNK_GAP, AlignedTable, add_row
from extractors.pdf.cells import is_numbering, is_numeric
from extractors.pdf.geometry import Word
from extractors.pdf.textlines import TextLine, split_chunks

FIRST_ITEM_GAP = 4.0  # × line height: the first item may stand this far below the header
NEXT_ITEM_GAP = 2.5  # × line height: between items (a wrapped name in between included)
WRAP_GAP = 1.0  # × line height: a text-only line this close below an item continues its name
MIN_MONEY_DIGITS = 4  # a budget is at least thousands of rupiah
MONEY = re.compile(r"\b(?:anggaran|pagu|dana|biaya)\b|\(\s*rp\.?\s*\)|^rp\.?$", re.IGNORECASE)
_UNIT = re.compile(r"^\(\s*\w{1,6}\.?\s*\)$")
ITEMS = re.compile(r"\b(?:program|kegiatan|uraian)\b", re.IGNORECASE)


def _text(chunk: list[Word]) -> str:
    return " ".join(w.text for w in chunk)


def _chunks(line: TextLine) -> list[list[Word]]:
    return split_chunks(line.words, CHUNK_GAP * line.height)


def _header(line: TextLine) -> tuple[list[list[Word]], int] | None:
    """The header's word runs and the index of the money run, or None."""
    chunks: list[list[Word]] = []
    for chunk in _chunks(line):
        if chunks and _UNIT.match(_text(chunk)):  # `Anggaran   (Rp)`: the unit of the run before
            chunks[-1] = chunks[-1] + chunk
        else:
            chunks.append(chunk)
    if len(chunks) < 2 or any(is_numeric(_text(c)) for c in chunks):
        return None
    money = [i for i, c in enumerate(chunks) if MONEY.search(_text(c))]
    if len(money) != 1 or not any(ITEMS.search(_text(c)) for c in chunks[:money[0]]):
        return None
    return chunks, money[0]


def _money_under(line: TextLine, head: list[Word]) -> bool:
    """Whether `line` prints a rupiah figure under the header run `head`."""
    x0, x1 = head[0].x0 - line.height, head[-1].x1 + line.height
    for chunk in _chunks(line):
        text = _text(chunk)
        if is_numeric(text) and len(re.sub(r"\D", "", text)) >= MIN_MONEY_DIGITS \
                and chunk[0].x0 < x1 and chunk[-1].x1 > x0:
            return True
    return False


def _items(lines: list[TextLine], start: int, head: list[Word]) -> list[list[TextLine]]:
    """Item lines after the header at `start - 1`: each item is its figure line plus wraps."""
    items: list[list[TextLine]] = []
    last = lines[start - 1]
    for ln in lines[start:]:
        gap = ln.y0 - last.y1
        if _money_under(ln, head):
            if gap > (NEXT_ITEM_GAP if items else FIRST_ITEM_GAP) * ln.height:
                break
            items.append([ln])
        elif items and gap <= WRAP_GAP * ln.height and not any(is_numeric(_text(c)) for c in _chunks(ln)) \
                and ln.x1 < head[0].x0:
            items[-1].append(ln)
        else:
            break
        last = ln
    return items


def _column(chunk: list[Word], heads: list[list[Word]]) -> int:
    """The header run `chunk` overlaps most, else the one nearest to it."""
    x0, x1 = chunk[0].x0, chunk[-1].x1
    overlaps = [min(x1, h[-1].x1) - max(x0, h[0].x0) for h in heads]
    best = max(range(len(heads)), key=lambda i: overlaps[i])
    if overlaps[best] > 0:
        return best
    centre = (x0 + x1) / 2
    return min(range(len(heads)), key=lambda i: abs((heads[i][0].x0 + heads[i][-1].x1) / 2 - centre))


def _table(header: TextLine, heads: list[list[Word]], items: list[list[TextLine]]) -> AlignedTable:
    numbered = any(is_numbering(_chunks(item[0])[0][0].text) and len(_chunks(item[0])) > 1 for item in items)
    offset = 1 if numbered else 0
    n = len(heads) + offset
    left = min([header.x0] + [ln.x0 for item in items for ln in item])
    edges = [left] + [(a[-1].x1 + b[0].x0) / 2 for a, b in zip(heads, heads[1:])] + \
        [max([header.x1] + [ln.x1 for item in items for ln in item])]
    if numbered:
        edges.insert(1, heads[0][0].x0 - 1)
    table = AlignedTable(col_edges=edges)
    head_cells = {i + offset: h for i, h in enumerate(heads)}
    add_row(table, [header], [head_cells], n)
    if numbered:
        table.rows[0][0] = "No"
    table.n_header = 1
    for item in items:
        per_line: list[dict[int, list[Word]]] = []
        for k, ln in enumerate(item):
            cells: dict[int, list[Word]] = {}
            for c, chunk in enumerate(_chunks(ln)):
                if numbered and k == 0 and c == 0 and is_numbering(chunk[0].text):
                    cells.setdefault(0, []).append(chunk[0])
                    chunk = chunk[1:]
                    if not chunk:
                        continue
                cells.setdefault(_column(chunk, heads) + offset, []).extend(chunk)
            per_line.append(cells)
        add_row(table, item, per_line, n)
    return table


def find_headed_lists(lines: list[TextLine]) -> list[AlignedTable]:
    """Program lists among `lines` (top to bottom, words of other tables removed)."""
    tables: list[AlignedTable] = []
    i = 0
    while i < len(lines):
        found = _header(lines[i])
        if found is not None:
            heads, money = found
            items = _items(lines, i + 1, heads[money])
            if items:
                tables.append(_table(lines[i], heads, items))
                i += 1 + sum(len(item) for item in items)
                continue
        i += 1
    return tables
