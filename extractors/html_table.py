"""HTML tables inside a text conversion (`<table><tr><td rowspan=2>…`), as rows of cells.

Converters that write markdown keep tables with merged cells as HTML. The rows follow the grid
convention of every reader: a merged cell's text in its top-left lattice cell, '' in the others,
so the table reads exactly like the same table written with tabs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlRow:
    cells: list[str]
    line: int  # 0-based line of its `<tr>` within the parsed text
    bold: bool = False


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[_Cell]]] = []
        self.cell: _Cell | None = None
        self.bold_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((self.getpos()[0] - 1, []))
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append((self.getpos()[0] - 1, []))
            values = dict(attrs)
            self.cell = _Cell(rowspan=_span(values.get("rowspan")), colspan=_span(values.get("colspan")),
                              bold=tag == "th" or self.bold_depth > 0)
            self.rows[-1][1].append(self.cell)
        elif tag in ("b", "strong"):
            self.bold_depth += 1
            if self.cell is not None:
                self.cell.bold = True
        elif tag == "br" and self.cell is not None:
            self.cell.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell = None
        elif tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text.append(data)


def parse_html_table(html: str) -> list[HtmlRow]:
    """The rows of the first table in `html`, merged cells spread as the grid convention says."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    taken: dict[tuple[int, int], str] = {}  # lattice cells covered by a cell of a row above
    rows: list[HtmlRow] = []
    for r, (line, cells) in enumerate(parser.rows):
        out: dict[int, str] = {}
        c = 0
        for cell in cells:
            while (r, c) in taken:
                out[c] = taken.pop((r, c))
                c += 1
            out[c] = " ".join("".join(cell.text).split())
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr or dc:
                        if dr == 0:
                            out[c + dc] = ""
                        else:
                            taken[(r + dr, c + dc)] = ""
            c += cell.colspan
        for (tr, tc) in [k for k in taken if k[0] == r]:
            out[tc] = taken.pop((tr, tc))
        width = max(out) + 1 if out else 0
        filled = [cell for cell in cells if "".join(cell.text).strip()]
        rows.append(HtmlRow(cells=[out.get(j, "") for j in range(width)], line=line,
                            bold=bool(filled) and all(cell.bold for cell in filled)))
    return rows
