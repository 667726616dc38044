"""Reader for text conversions of reports.

The format (see ../shared/corpus/text): prose and markdown headings, tables as runs of
tab-separated lines, `<b>`/`<i>` tags, markdown separator rows (`--\t--`), optional `---`
page separators, `| a | b |` pipe tables and HTML tables (`<table>`, merged cells by
rowspan/colspan), captions such as `**Tabel 3.8**` above a table.

A table is cut wherever prose interrupts the run; a short run of blank lines does not cut it
(a wrapped cell often lands after a blank line). Repeated headers after a page break are
left in the grid: stitching and header detection deal with them for PDFs and text alike.
"""

from __future__ import annotations

import re
from pathlib import Path

from extractors.html_table import parse_html_table
from schemas.model import Grid, GridRow, SourceDocument

_TAG = re.compile(r"</?(?:b|i|u|strong|em|br|sup|sub)\s*/?>", re.IGNORECASE)
_BOLD = re.compile(r"^\s*(?:<b>|\*\*).*(?:</b>|\*\*)\s*$", re.IGNORECASE | re.DOTALL)
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_PAGE_BREAK = re.compile(r"^\s*(?:-{3,}|\f|<!--\s*page\s*break\s*-->)\s*$", re.IGNORECASE)
_CAPTION = re.compile(r"^[\W_]*(?:tabel|table)\s*\d", re.IGNORECASE)
_MARKDOWN_NOISE = re.compile(r"^[#>\s]*|\*\*|__")
_HTML_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")
MAX_BLANK_LINES_IN_TABLE = 2
CAPTION_LOOKBACK = 4  # non-blank lines above a table searched for its caption


class UnreadableText(ValueError):
    """The file is not a text report (binary, empty...). The message is the document's reason."""


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, else cp1252 with a warning; refuse binary content."""
    if not data.strip():
        raise UnreadableText("empty file")
    sample = data[:65536]
    if b"\x00" in sample:
        raise UnreadableText("binary content (NUL bytes), not a text report")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
        raise UnreadableText("binary content (control bytes), not a text report")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return data.decode("cp1252", errors="replace"), [
            f"not UTF-8 (byte {exc.start}); decoded as cp1252, some characters may be wrong"
        ]


def clean_cell(text: str) -> str:
    """Cell text without markup, whitespace collapsed."""
    text = _TAG.sub("", text).replace("**", "").replace("\u00a0", " ")
    return " ".join(text.split())


def _split_row(line: str) -> list[str] | None:
    """Cells of a table line, or None for a prose line."""
    stripped = line.strip()
    if "\t" in line:
        return line.rstrip("\n\r").split("\t")
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return stripped[1:-1].split("|")
    return None


def _is_bold(raw_cells: list[str]) -> bool:
    filled = [c for c in raw_cells if c.strip()]
    if not filled:
        return False
    return sum(1 for c in filled if _BOLD.match(c)) * 2 > len(filled)


def _caption_above(lines: list[str], start: int) -> str | None:
    """The `Tabel x.y ...` caption among the few non-blank lines above line `start`."""
    seen: list[str] = []
    i = start - 1
    while i >= 0 and len(seen) < CAPTION_LOOKBACK:
        text = _MARKDOWN_NOISE.sub("", clean_cell(lines[i])).strip()
        if text:
            if _split_row(lines[i]) is not None:
                return None
            seen.append(text)
            if _CAPTION.match(text):
                return " ".join(reversed(seen)).lstrip(". ")
        i -= 1
    return None


def read_text(path: str | Path, data: bytes | None = None) -> SourceDocument:
    """Read a text report into grids (tables) and one page of prose per `---` section."""
    raw = Path(path).read_bytes() if data is None else data
    text, warnings = decode_text(raw)
    lines = text.splitlines()

    grids: list[Grid] = []
    pages: list[list[str]] = [[]]
    current: list[GridRow] = []
    blank_run = 0
    start_line = 0

    def close() -> None:
        nonlocal current
        if current:
            page_no = len(pages)
            grids.append(Grid(rows=current, page=page_no, caption=_caption_above(lines, start_line),
                              source="text"))
        current = []

    html: list[str] = []  # the lines of an HTML table being read

    def add_html_table() -> None:
        nonlocal html, blank_run
        for row in parse_html_table("\n".join(html)):
            if any(c.strip() for c in row.cells):
                current.append(GridRow(cells=row.cells, page=len(pages), line=start_line + row.line + 1,
                                       bold=row.bold))
        close()
        html, blank_run = [], 0

    for idx, line in enumerate(lines):
        if html or _HTML_TABLE_START.search(line):
            if not html:
                close()
                start_line = idx
            html.append(line)
            pages[-1].append(_ANY_TAG.sub(" ", line))
            if _HTML_TABLE_END.search(line):
                add_html_table()
            continue
        if _PAGE_BREAK.match(line):
            close()
            pages.append([])
            continue
        pages[-1].append(_TAG.sub("", line))
        cells = _split_row(line)
        if cells is None:
            if not line.strip():
                blank_run += 1
                if blank_run > MAX_BLANK_LINES_IN_TABLE:
                    close()
                continue
            close()
            blank_run = 0
            continue
        blank_run = 0
        if all(_SEPARATOR_CELL.match(c) or not c.strip() for c in cells):
            continue  # markdown alignment row
        if not current:
            start_line = idx
        current.append(GridRow(cells=[clean_cell(c) for c in cells], page=len(pages),
                               line=idx + 1, bold=_is_bold(cells)))
    if html:  # a table never closed: read what it has
        add_html_table()
    close()

    if len(pages) == 1:  # no page breaks: rows are located by line, not page
        for grid in grids:
            grid.page = None
            for row in grid.rows:
                row.page = None
    page_texts = ["\n".join(p) for p in pages]
    return SourceDocument(path=str(path), file_type="text", n_pages=None, page_texts=page_texts,
                          grids=grids, warnings=warnings)
