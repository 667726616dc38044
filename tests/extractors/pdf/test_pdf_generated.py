"""read_pdf on generated PDFs whose truth is known (tests/fixtures/pdf_factory.py)."""

from __future__ import annotations

import pytest

from extractors.pdf import read_pdf

try:
    from fixtures import pdf_factory as factory
except ImportError:  # tests/ made a package
    from tests.fixtures import pdf_factory as factory


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build every fixture PDF once per module: {name: (path, expected)}."""
    d = tmp_path_factory.mktemp("pdfs")
    out = {}
    for name, make in [
        ("ruled", factory.make_ruled_report),
        ("borderless", factory.make_borderless_report),
        ("rotated", factory.make_rotated),
        ("sideways", lambda p: factory.make_rotated(p, sideways=True)),
        ("mixed", factory.make_mixed_scan),
        ("shaded", factory.make_shaded_header),
    ]:
        path = d / f"{name}.pdf"
        out[name] = (path, make(path))
    return out


def _check(doc, expected):
    assert len(doc.grids) == len(expected), [g.rows[0].cells for g in doc.grids]
    for grid, exp in zip(doc.grids, expected):
        assert [r.cells for r in grid.rows] == exp.rows
        assert grid.page == exp.page
        assert all(r.page == exp.page for r in grid.rows)
        assert grid.source == exp.source
        assert grid.caption == exp.caption
        assert grid.top_of_page == exp.top_of_page
        assert len(grid.col_edges) == len(exp.rows[0]) + 1
        assert grid.col_edges == sorted(grid.col_edges)
        ys = [r.y for r in grid.rows]
        assert ys == sorted(ys) and all(y is not None for y in ys)
        assert [i for i, r in enumerate(grid.rows) if r.bold] == exp.bold_rows


def test_ruled_table_with_merged_header_and_continuation(built):
    path, expected = built["ruled"]
    doc = read_pdf(str(path))
    assert doc.n_pages == 2 and doc.file_type == "pdf"
    _check(doc, expected)
    p1, p2 = doc.grids
    # the continuation is drawn with filled rectangles and a shaded header, same columns
    assert p2.col_edges == pytest.approx(p1.col_edges, abs=1.0)
    # running header and page numbers are in the page text but in no grid
    assert "Halaman 1 dari 2" in doc.page_texts[0]
    cells = {c for g in doc.grids for r in g.rows for c in r.cells}
    assert not any("Halaman" in c or "Laporan Kinerja Dinas" in c for c in cells)
    assert doc.pages_needing_ocr == [] and doc.warnings == []


def test_ruled_cells_carry_boxes_inside_the_grid(built):
    path, _ = built["ruled"]
    grid = read_pdf(str(path)).grids[0]
    x0, x1 = grid.col_edges[0], grid.col_edges[-1]
    for row in grid.rows:
        assert row.cell_boxes is not None and len(row.cell_boxes) == len(row.cells)
        for cell, box in zip(row.cells, row.cell_boxes):
            # a covered part of a merged cell has none (its words are the merged cell's)
            assert (box is None and cell == "") or (box is not None and x0 - 1 <= box[0] < box[2] <= x1 + 1)
    # the merged title cell spans the four quarter columns, which it covers
    title_box = grid.rows[0].cell_boxes[3]
    assert title_box[2] == pytest.approx(grid.col_edges[7], abs=1)
    assert grid.rows[0].cell_boxes[4:7] == [None, None, None]


def test_borderless_tables_with_wrapped_names(built):
    path, expected = built["borderless"]
    doc = read_pdf(str(path))
    _check(doc, expected)


def test_prose_lists_with_numbers_make_no_table(built):
    path, _ = built["borderless"]
    doc = read_pdf(str(path))
    assert 2 not in {g.page for g in doc.grids}
    assert "768.495" in doc.page_texts[1]


@pytest.mark.parametrize("name", ["rotated", "sideways"])
def test_rotated_and_sideways_pages_read_upright(built, name):
    path, expected = built[name]
    doc = read_pdf(str(path))
    _check(doc, expected)
    grid = doc.grids[0]
    # coordinates are those of the upright landscape layout the table was drawn in
    assert grid.col_edges[0] == pytest.approx(60, abs=1)
    assert grid.col_edges[-1] == pytest.approx(60 + sum(factory.SMALL_COLS), abs=1)
    assert grid.rows[0].y == pytest.approx(80, abs=1)


def test_header_band_split_by_white_lines(built):
    path, expected = built["shaded"]
    _check(read_pdf(str(path)), expected)


def test_white_lines_on_white_paper_are_no_rulings(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    for k, text in enumerate(["Pagu 1.000.000", "Realisasi 900.000", "Sisa 100.000"]):
        page.insert_text((60, 100 + 40 * k), text, fontsize=11)
    for y in (90, 130, 170, 210):  # an invisible white lattice over plain text
        page.draw_line((50, y), (400, y), color=(1, 1, 1))
    for x in (50, 150, 400):
        page.draw_line((x, 90), (x, 210), color=(1, 1, 1))
    path = tmp_path / "white.pdf"
    doc.save(path)
    assert [g.source for g in read_pdf(str(path)).grids] == []


def test_image_only_page_needs_ocr(built):
    path, expected = built["mixed"]
    doc = read_pdf(str(path))
    assert doc.pages_needing_ocr == [2]
    assert doc.n_pages == 3 and len(doc.page_texts) == 3
    assert doc.page_texts[1].strip() == ""
    expected[0].top_of_page = True  # nothing above the table on its page
    _check(doc, expected)


def test_fully_scanned_document(tmp_path):
    path = tmp_path / "scan.pdf"
    factory.make_full_scan(path, pages=3)
    doc = read_pdf(str(path))
    assert doc.grids == []
    assert doc.pages_needing_ocr == [1, 2, 3]


def test_encrypted_pdf_raises(tmp_path):
    path = tmp_path / "enc.pdf"
    factory.make_encrypted(path)
    with pytest.raises(ValueError, match="^encrypted PDF"):
        read_pdf(str(path))


def test_zero_page_pdf_raises(tmp_path):
    path = tmp_path / "zero.pdf"
    factory.make_zero_pages(path)
    with pytest.raises(ValueError, match="PDF has no pages"):
        read_pdf(str(path))


def test_not_a_pdf_raises(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"this is a plain text file, not a PDF\n" * 20)
    with pytest.raises(ValueError, match="not a readable PDF"):
        read_pdf(str(path))


def test_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_pdf(str(tmp_path / "absent.pdf"))


def test_max_pages(tmp_path):
    path = tmp_path / "five.pdf"
    factory.make_pages(path, 5)
    with pytest.raises(ValueError, match="max_pages=4"):
        read_pdf(str(path), max_pages=4)
    doc = read_pdf(str(path), max_pages=5)
    assert doc.n_pages == 5 and doc.grids == []
    assert doc.page_texts[4].strip() == "Halaman isi nomor 5 tanpa tabel."


def test_pdfplumber_crosscheck_agrees_on_the_ruled_table(built):
    path, expected = built["ruled"]
    doc = read_pdf(str(path), detector="pdfplumber")
    assert [g.source for g in doc.grids] == ["pdf:pdfplumber"] * 2
    assert [[r.cells for r in g.rows] for g in doc.grids] == [e.rows for e in expected]
    assert len(doc.page_texts) == 2  # texts still come from the native reader


def test_unknown_detector_is_refused(built):
    path, _ = built["ruled"]
    with pytest.raises(ValueError, match="unknown detector"):
        read_pdf(str(path), detector="magic")


@pytest.mark.parametrize("items", [
    [("Program Pengembangan Nilai Budaya", "3.784.150.000", "APBD"),
     ("Program Pengelolaan Kekayaan dan Keragaman|Budaya", "146.250.000", "APBD")],
    [("Program Pengembangan Nilai Budaya", "1.188.900.000", "APBD")],  # a single program
])
def test_unruled_program_list_under_its_header_is_a_table(tmp_path, items):
    path = tmp_path / "pk.pdf"
    rows = factory.make_pk_program_list(path, items)
    grids = read_pdf(str(path)).grids
    assert [[r.cells for r in g.rows] for g in grids] == [rows]
    assert grids[0].source == "pdf:aligned" and grids[0].rows[0].bold


def test_numbered_lines_without_a_money_header_are_no_program_list(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    factory.aligned_rows(page, 200, [(200, "left"), (400, "left")], [["Program", "Keterangan"]])
    factory.aligned_rows(page, 240, [(80, "left"), (98, "left"), (470, "right")],
                         [["1.", "Program Pengembangan Nilai Budaya", "3.784.150.000"]])
    path = tmp_path / "list.pdf"
    doc.save(path)
    assert read_pdf(str(path)).grids == []
