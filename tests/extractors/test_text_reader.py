"""extractors.text: tables as runs of tab rows, captions, bold rows, bad input."""

from __future__ import annotations

import pytest

from extractors.text import UnreadableText, decode_text, read_text
from tests.conftest import EXTRACTS


def test_tables_are_runs_of_tab_rows_with_their_caption() -> None:
    doc = read_text(EXTRACTS / "jember-tabel-3-8.txt")
    assert len(doc.grids) == 1
    grid = doc.grids[0]
    assert grid.caption == "Tabel 3.8 Realisasi Anggaran Bagian Organisasi Tahun 2024"
    assert grid.rows[0].cells[:3] == ["No", "Program/ Kegiatan/ Sub Kegiatan", "Anggaran (Rp,-)"]
    # a wrapped cell after a blank line stays in the same grid
    assert any(r.cells[1] == "Administrasi Pelaksanaan Tugas ASN" for r in grid.rows)
    jumlah = grid.rows[-1]
    assert jumlah.bold and jumlah.cells[1] == "JUMLAH" and jumlah.cells[3] == "Rp.1.184.303.783"
    assert jumlah.line == 22 and jumlah.page is None  # no page breaks: text rows have lines, not pages


def test_prose_cuts_tables_and_markdown_separators_vanish() -> None:
    text = ("Intro\n\nA\tB\n--\t--\n1\t2\n\nSome prose between.\nC\tD\n3\t4\n").encode()
    doc = read_text("x.txt", text)
    assert [[r.cells for r in g.rows] for g in doc.grids] == [[["A", "B"], ["1", "2"]], [["C", "D"], ["3", "4"]]]
    assert "Some prose between." in doc.page_texts[0]


def test_page_separators_number_pages() -> None:
    doc = read_text("x.txt", b"A\tB\n1\t2\n---\nC\tD\n3\t4\n")
    assert [g.page for g in doc.grids] == [1, 2]
    assert len(doc.page_texts) == 2


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (bytes(range(1, 32)) * 10, "binary"),
])
def test_unreadable_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableText, match=reason):
        read_text("bad.txt", data)


def test_non_utf8_text_is_decoded_with_a_warning() -> None:
    text, warnings = decode_text("Kabupaten Sidoarjo\tRp. 1.000.000 \u2013 caf\u00e9".encode("cp1252"))
    assert "caf\u00e9" in text and warnings and "cp1252" in warnings[0]


def test_markdown_pipe_tables_are_tables_too() -> None:
    doc = read_text("x.txt", b"| No | Program | Anggaran |\n|---|---|---|\n| 1 | Program A | Rp. 1.000.000 |\n")
    assert [r.cells for r in doc.grids[0].rows] == [["No", "Program", "Anggaran"], ["1", "Program A", "Rp. 1.000.000"]]


HTML_TABLE = """Tabel 3.5 Realisasi Anggaran

<table><thead><tr><th rowspan="2">No</th><th rowspan="2">Program</th><th colspan="2">Anggaran</th>
<th rowspan="2">Realisasi (Rp)</th></tr>
<tr><th>Murni</th><th>Perubahan</th></tr></thead>
<tbody><tr><td>1</td><td>Program A<br>Lanjutan</td><td>1.000.000</td><td>1.200.000</td><td>900.000</td></tr>
<tr><td colspan="2"><b>Jumlah</b></td><td>1.000.000</td><td>1.200.000</td><td>900.000</td></tr></tbody></table>
Kalimat sesudah tabel.
"""


def test_an_html_table_reads_like_its_tab_separated_twin() -> None:
    """Markdown converters keep tables with merged cells as HTML: rowspan/colspan spread as the
    grid convention (text in the top-left cell, '' in the rest), the caption above found, the
    lines numbered where each `<tr>` starts, and the prose after the table still prose."""
    from extractors.html_table import parse_html_table
    from pipeline.structure.tables import build_tables

    doc = read_text("x.txt", HTML_TABLE.encode())
    (grid,) = doc.grids
    assert [r.cells for r in grid.rows] == [
        ["No", "Program", "Anggaran", "", "Realisasi (Rp)"],
        ["", "", "Murni", "Perubahan", ""],
        ["1", "Program A Lanjutan", "1.000.000", "1.200.000", "900.000"],
        ["Jumlah", "", "1.000.000", "1.200.000", "900.000"]]
    assert grid.caption == "Tabel 3.5 Realisasi Anggaran"
    assert [r.line for r in grid.rows] == [3, 5, 6, 7]
    assert grid.rows[0].bold and not grid.rows[2].bold
    (table,) = build_tables(doc.grids)
    assert [c.role for c in table.columns] == ["no", "name", "pagu_murni", "pagu_perubahan", "realisasi"]
    assert "Kalimat sesudah tabel." in doc.page_texts[0]
    ragged = parse_html_table("<table><tr><td rowspan=3>A</td><td>1</td></tr><tr><td>2</td></tr></table>")
    assert [r.cells for r in ragged] == [["A", "1"], ["", "2"]]


def test_an_html_table_never_closed_is_read_to_the_end() -> None:
    doc = read_text("x.txt", b"<table><tr><td>Program</td><td>Anggaran</td></tr>\n<tr><td>A</td><td>1.000</td></tr>\n")
    assert [r.cells for r in doc.grids[0].rows] == [["Program", "Anggaran"], ["A", "1.000"]]
