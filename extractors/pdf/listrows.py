"""Split a ruled row that holds a numbered list with one value per item.

Tables with column rules but few row rules put several items in one ruled row:
`1. Program A | 933.855.975` / `2. Program B | 3.301.006.328` or an indicator with
`- Daging 768.495` / `- Telur 217.235`. Joined, the value cell would read
`933.855.975 3.301.006.328`, which no number parser can take apart. When at least two lines
of the row start with list numbering in the same column and at least two lines carry a
figure, each numbered line starts a sub-row; lines without numbering continue the item above.
Columns printed only beside values (a unit) follow the values; columns with an entry on each
item's first line, or numbered themselves, follow the items line by line; any other column
(a sasaran spanning the items) keeps its whole text in the first sub-row. A number merely broken over two lines (`98,2` / `9%`) has no
numbering beside it and is left alone.
"""

from __future__ import annotations

import re

from extractors.pdf.cells import is_numbering, is_numeric
from extractors.pdf.geometry import Word
from extractors.pdf.textlines import group_lines

MIN_ITEMS = 2
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # thousands groups: a figure, not numbering
# a figure with its unit, as PK targets print them: `12.317.066 ton`, `4 tahapan`, `2.500 Ha`
_FIGURE_WITH_UNIT = re.compile(r"^\(?\d[\d.,]*\s*%?\s+[^\W\d_]{1,12}(?:[/.][^\W\d_]{1,12})?\.?"
                               r"(?:\s+[^\W\d_]{1,12})?$")


_BRACKETED = re.compile(r"^\s*\(.*\)\s*$")
# an amount whose thousands dots OCR read as spaces (LKIP.pdf p60: `3 376.314.009`, `4 268.682 000`)
_SPACED_GROUPS = re.compile(r"^\d{1,3}(?:[ .]\d{3}){2,}(?:,\d{2})?$")


def _is_figure(text: str) -> bool:
    text = text.strip()
    return is_numeric(text) or bool(_FIGURE_WITH_UNIT.match(text) or _SPACED_GROUPS.match(text))


def _nearest_item(k: int, lines, per_line: list[dict[int, list[Word]]], list_col: int,
                  item_of_line: list[int]) -> int:
    """The item a value line belongs to: the one beside it, or where no item text is beside it
    (LAKIP BKPD p30: `450 | 270` printed between two indicators, centred on the second's two
    lines), the item whose text is nearest above or below."""
    if per_line[k].get(list_col):
        return item_of_line[k]
    y0, y1 = lines[k].y0, lines[k].y1

    def gap(j: int) -> float:
        return max(lines[j].y0 - y1, y0 - lines[j].y1, 0.0)

    beside = [j for j in range(len(per_line)) if per_line[j].get(list_col)]
    return item_of_line[min(beside, key=lambda j: (gap(j), j))] if beside else item_of_line[k]


def _short_end(column: list[Word]) -> float:
    """Where a line of the column's text ends short: before three quarters of its width (the
    line ends its entry; a wrapped one runs on towards the right)."""
    left, right = min(w.x0 for w in column), max(w.x1 for w in column)
    return left + 0.75 * (right - left)


def split_listed_row(col_words: dict[int, list[Word]]) -> list[dict[int, list[Word]]] | None:
    """Sub-rows (column → words) of one ruled row, or None when it is no such list."""
    if sum(len(ws) for ws in col_words.values()) < 4:
        return None
    col_of = {id(w): c for c, ws in col_words.items() for w in ws}
    lines = group_lines([w for ws in col_words.values() for w in ws])
    if len(lines) < MIN_ITEMS:
        return None
    per_line: list[dict[int, list[Word]]] = []
    for ln in lines:
        cells: dict[int, list[Word]] = {}
        for w in ln.words:
            cells.setdefault(col_of[id(w)], []).append(w)
        per_line.append(cells)

    # columns of each line holding a figure
    figures = [{c for c, ws in cells.items() if _is_figure(" ".join(w.text for w in ws))} for cells in per_line]
    numbered: dict[int, int] = {}  # column → lines starting with numbering there
    items: dict[int, int] = {}  # column → of those, lines with the item's text after the numbering
    values: dict[int, int] = {}  # column → lines holding a figure there
    for cells, figs in zip(per_line, figures):
        for c, ws in cells.items():
            if is_numbering(ws[0].text) and not _GROUPED.match(ws[0].text):  # `12.317.066` is no `1.2.3`
                numbered[c] = numbered.get(c, 0) + 1
                items[c] = items.get(c, 0) + (len(ws) > 1)
        for c in figs:
            values[c] = values.get(c, 0) + 1
    if not numbered:
        return None
    # numbering precedes what it numbers: right of a column of numbered items, a column of bare
    # numbers (`64`, `65`, `51` beside `- Sapi Potong`, `- Sapi Perah`, `- Kerbau`) is their
    # values, not the list (it still follows the items line by line, below)
    listed = [c for c in items if items[c] >= MIN_ITEMS]
    candidates = [c for c in numbered if not (listed and c > min(listed) and not items[c])]
    list_col = max(candidates, key=lambda c: (numbered[c], -c))
    # a value column holds figures on most of the lines it prints on: a sasaran column whose
    # first line reads like a figure with a unit (`1.1 Meningkatnya` …) is text, and counting
    # that line as a value can make the values pair with the wrong items
    printed = {c: sum(c in cells for cells in per_line) for c in values}
    value_cols = {c for c in values if c != list_col and 2 * values[c] > printed[c]}
    value_lines = [k for k, figs in enumerate(figures) if figs & value_cols]
    if numbered[list_col] < MIN_ITEMS or len(value_lines) < MIN_ITEMS:
        return None
    # columns printed only beside values (a unit, a funding source) travel with the values
    attached = {
        c for k, cells in enumerate(per_line) for c in cells if c != list_col
    }
    for k, cells in enumerate(per_line):
        if k not in value_lines:
            attached -= set(cells)

    # items: a numbered line in the list column starts one, other lines continue it
    # (or, when there are more value lines than numbered ones, an unnumbered line with a value of
    # its own in a column where the item above has one already: a list whose numbering stops,
    # `k. Tanaman Hias  280.179.881 tangkai` / `Persentase kehilangan hasil  10,90 %`, or whose
    # numbering the scan lost; or an unnumbered line without a value that starts in capitals
    # below a line that ended short, once the item above has its value, when a value follows
    # before the next numbered line: the next item of a list whose values sit on each item's
    # last line and whose bullets the scan lost, PK Kabid Produksi p3 `✓ Prosentase anak domba` /
    # `kambing yang lahir` / `hidup/Lamb crop (%)  105`; after such an item, a heading of the
    # bullets below needs no value: `✓ Prosentase produksi telur` / `- Ayam buras  31`. A wrapped
    # name below its value's line (`2. Survey  452.094.000` / `Investigasi Rekayasa Teknik SDA` /
    # `3. Dewan …`, LKIP.pdf p60) has no value of its own, nor one whose next value sits on a line
    # opening in capitals (`Hibah APBD Dinas` / `S,WISMP-2 …  4 268.682 000`): it continues its item.)
    item_of_line: list[int] = []
    n_items = 0
    item_values: set[int] = set()  # value columns the current item has filled
    more_values = len(value_lines) > numbered[list_col]  # else values pair with numbered items
    short = _short_end([w for cells in per_line for w in cells.get(list_col, [])])
    # a figure wholly in brackets (`(103,85)`) annotates the value above (its capaian): it
    # starts no item of its own
    values_of = [{c for c in figs & value_cols if not _BRACKETED.match(" ".join(w.text for w in cells[c]))}
                 for cells, figs in zip(per_line, figures)]
    numbered_line = [bool(cells.get(list_col)) and is_numbering(cells[list_col][0].text) for cells in per_line]

    def owns_value(k: int) -> bool:
        """Before the next numbered line, a value follows on a wrapped line of line `k`'s entry
        (a line not opening in capitals)."""
        for j in range(k + 1, len(per_line)):
            if numbered_line[j]:
                return False
            if values_of[j]:
                ws = per_line[j].get(list_col)
                return not (ws and ws[0].text[:1].isupper())
        return False

    # an entry above the first numbered line with a value of its own is an item whose numbering
    # the scan lost (LKIP.pdf p63: `Dukungan … Jatigede  800.000.000` / `2 Dukungan … Cileuweung
    # 5.916.241.200` / `3. Dukungan …`); without a value right of it (the row's own number is left
    # of it) it heads the first item
    first_numbered = next((k for k, f in enumerate(numbered_line) if f), len(per_line))
    lead_value = any(c > list_col for k in range(first_numbered) for c in values_of[k])
    opened_by_entry = False  # the current item was opened by an unnumbered entry
    for k, cells in enumerate(per_line):
        ws = cells.get(list_col)
        line_values = values_of[k]
        fresh_value = (more_values and bool(ws) and bool(line_values & item_values)
                       and not ws[0].text[:1].islower())
        above = per_line[k - 1].get(list_col) if k else None
        fresh_entry = (more_values and bool(ws) and bool(item_values) and not line_values
                       and ws[0].text[:1].isupper() and (not above or above[-1].x1 < short)
                       and (opened_by_entry or owns_value(k)))
        leading = lead_value and n_items == 0 and k < first_numbered
        if ws and (numbered_line[k] or fresh_value or fresh_entry or leading):
            n_items += 1
            item_values = set()
            opened_by_entry = fresh_entry and not numbered_line[k]
        item_values |= line_values
        item_of_line.append(max(n_items - 1, 0))
    if n_items < MIN_ITEMS:
        return None
    # a column with its own numbering, or a fresh entry on (nearly) every item's first line
    # (the line above ended short, the entry does not start in lower case), follows the
    # items; any other column (a sasaran wrapping alongside them) stays whole
    starts = [k for k in range(len(per_line)) if k == 0 or item_of_line[k] != item_of_line[k - 1]]
    positional = set()
    for c in {c for cells in per_line for c in cells} - attached - {list_col}:
        if numbered.get(c, 0) >= MIN_ITEMS:
            positional.add(c)
            continue
        short_c = _short_end([w for cells in per_line for w in cells.get(c, [])])
        fresh = 0
        for k in starts[1:]:
            ws = per_line[k].get(c)
            prev = per_line[k - 1].get(c)
            ended = prev is None or prev[-1].x1 < short_c
            if ws and ended and not ws[0].text[:1].islower():
                fresh += 1
        if starts[1:] and fresh >= 0.75 * len(starts[1:]):
            positional.add(c)

    if len(value_lines) == n_items:  # one value per item: pair them in order
        value_item = {k: i for i, k in enumerate(value_lines)}
    else:  # otherwise each value belongs to the item printed beside it
        value_item = {k: _nearest_item(k, lines, per_line, list_col, item_of_line) for k in value_lines}

    subrows: list[dict[int, list[Word]]] = [{} for _ in range(n_items)]
    entry_item: dict[int, int] = {}  # positional column → item of its current entry
    start_set = set(starts)
    for k, cells in enumerate(per_line):
        for c, ws in cells.items():
            if c == list_col:
                i = item_of_line[k]
            elif c in positional:
                # an entry of the column starts at its own numbering (or, unnumbered, at an
                # item's first line) and keeps its wrapped lines, wherever they fall
                own_start = is_numbering(ws[0].text) if numbered.get(c, 0) >= MIN_ITEMS else k in start_set
                if own_start or c not in entry_item:
                    entry_item[c] = item_of_line[k]
                i = entry_item[c]
            elif c in attached:
                i = value_item[k]
            else:
                i = 0  # a column outside the list keeps its whole text in the first sub-row
            subrows[i].setdefault(c, []).extend(ws)
    return [s for s in subrows if s]
