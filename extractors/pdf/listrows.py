"""Split a ruled row that holds a numbered list with one value per item.

Tables with column rules but few row rules put several items in one ruled row:
`1. Program A | 933.855.975` / `2. Program B | 3.301.006.328` or an indicator with
`- Daging 768.495` / `- Telur 217.235`. Joined, the value cell would read
`933.855.975 3.301.006.328`, which no number parser can take apart. When at least two lines
of the row start with list numbering in the same column and at least two lines carry a
figure, each numbered line starts a sub-row; lines without numbering continue the item above.
Columns that take no part in the list (a `No`, a sasaran spanning the items) keep their whole
text in the first sub-row. A number merely broken over two lines (`98,2` / `9%`) has no
numbering beside it and is left alone.
"""

from __future__ import annotations

from extractors.pdf.cells import is_numbering, is_numeric
from extractors.pdf.geometry import Word
from extractors.pdf.textlines import group_lines

MIN_ITEMS = 2


def split_listed_row(col_words: dict[int, list[Word]]) -> list[dict[int, list[Word]]] | None:
    """Sub-rows (column → words) of one ruled row, or None when it is no such list."""
    if sum(len(ws) for ws in col_words.values()) < 4:
        return None
    col_of = {id(w): c for c, ws in col_words.items() for w in ws}
    lines = group_lines([w for ws in col_words.values() for w in ws])
    if len(lines) < 2 * MIN_ITEMS:
        return None
    per_line: list[dict[int, list[Word]]] = []
    for ln in lines:
        cells: dict[int, list[Word]] = {}
        for w in ln.words:
            cells.setdefault(col_of[id(w)], []).append(w)
        per_line.append(cells)

    numbered: dict[int, int] = {}  # column → lines starting with numbering there
    values: dict[int, int] = {}  # column → lines holding a figure there
    for cells in per_line:
        for c, ws in cells.items():
            if is_numbering(ws[0].text):
                numbered[c] = numbered.get(c, 0) + 1
            if is_numeric(" ".join(w.text for w in ws)):
                values[c] = values.get(c, 0) + 1
    if not numbered:
        return None
    list_col = max(numbered, key=lambda c: (numbered[c], -c))
    value_cols = {c for c, n in values.items() if c != list_col and n >= 1}
    if numbered[list_col] < MIN_ITEMS or sum(values[c] for c in value_cols) < MIN_ITEMS:
        return None
    active = value_cols | {list_col}

    subrows: list[dict[int, list[Word]]] = [{}]
    for cells in per_line:
        ws = cells.get(list_col)
        if ws and is_numbering(ws[0].text) and any(subrows[-1].get(c) for c in active):
            subrows.append({})
        for c, cws in cells.items():
            target = subrows[-1] if c in active else subrows[0]
            target.setdefault(c, []).extend(cws)
    return subrows if len(subrows) >= MIN_ITEMS else None
